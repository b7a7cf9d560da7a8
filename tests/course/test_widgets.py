"""The widget registry: the names lessons may use and the props each accepts."""

from __future__ import annotations

from typing import Any

import pytest

from la4ai.course.widgets import widget_names, widget_prop_errors


def test_widget_names_include_the_vector_playground() -> None:
    names = widget_names()
    assert "vector-playground" in names
    assert names == sorted(names)


@pytest.mark.parametrize(
    "props",
    [
        {},
        {"u": [3, 1], "v": [1, 2]},
        {"u": [-6, 6], "v": [0.5, -2.25]},
        {"show": ["sum", "dot", "norms", "angle", "cosine", "projection"]},
        {"caption": "Drag the arrow heads."},
    ],
)
def test_vector_playground_accepts_valid_props(props: dict[str, Any]) -> None:
    assert widget_prop_errors("vector-playground", props) == []


@pytest.mark.parametrize(
    ("props", "errors"),
    [
        ({"u": "3, 1"}, [(["u"], "'3, 1' is not of type 'array'")]),
        ({"u": [3, "1"]}, [(["u", 1], "'1' is not of type 'number'")]),
        ({"caption": 3}, [(["caption"], "3 is not of type 'string'")]),
        ({"u": [1, 2, 3]}, [(["u"], "[1, 2, 3] is too long")]),
        ({"v": [1]}, [(["v"], "[1] is too short")]),
        ({"show": []}, [(["show"], "[] should be non-empty")]),
        ({"show": ["sum", "sum"]}, [(["show"], "['sum', 'sum'] has non-unique elements")]),
        (
            {"show": ["curl"]},
            [
                (
                    ["show", 0],
                    "'curl' is not one of ['sum', 'dot', 'norms', 'angle', 'cosine', 'projection']",
                )
            ],
        ),
        ({"w": [1, 2]}, [(["w"], "unknown prop (allowed: caption, show, u, v)")]),
        ({"u": [-7, 0]}, [(["u", 0], "-7 is less than the minimum of -6")]),
        ({"v": [0, 6.5]}, [(["v", 1], "6.5 is greater than the maximum of 6")]),
        ([1, 2], [([], "[1, 2] is not of type 'object'")]),
    ],
    ids=[
        "u-not-array",
        "entry-not-number",
        "caption-not-string",
        "u-too-long",
        "v-too-short",
        "show-empty",
        "show-repeated",
        "show-unknown",
        "unknown-prop",
        "below-minimum",
        "above-maximum",
        "not-a-mapping",
    ],
)
def test_vector_playground_rejects_invalid_props(
    props: Any, errors: list[tuple[list[str | int], str]]
) -> None:
    assert widget_prop_errors("vector-playground", props) == errors


def test_every_invalid_prop_is_reported() -> None:
    errors = widget_prop_errors("vector-playground", {"u": [9, 0], "v": "x", "caption": 1})
    assert [path for path, _ in errors] == [["caption"], ["u", 0], ["v"]]
