"""The registry of interactive figures a lesson may place with ``:::{widget} name``.

The names and each widget's allowed props live in ``widgets.json``, read both here (to
validate lessons) and by the front end (whose registry must implement exactly these names;
the TypeScript compiler enforces it).
"""

from __future__ import annotations

import json
import sys
from functools import cache
from importlib import resources
from typing import Any

# jsonschema imports rfc3987_syntax when it is installed (the test tools bring it in) only to
# check "iri" formats, which widget schemas never use; building its grammar costs ~0.8 s of
# every server start. Marking it absent makes jsonschema skip that format.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

from jsonschema import Draft202012Validator  # noqa: E402

__all__ = ["widget_names", "widget_prop_errors"]


@cache
def _manifest() -> dict[str, dict[str, Any]]:
    text = resources.files("la4ai.course").joinpath("widgets.json").read_text("utf-8")
    data: dict[str, dict[str, Any]] = json.loads(text)
    return data


def widget_names() -> list[str]:
    """Every widget a lesson may use, sorted."""
    return sorted(_manifest())


def widget_prop_errors(name: str, props: Any) -> list[tuple[list[str | int], str]]:
    """Problems with ``props`` for widget ``name``: (path inside the props, message) pairs."""
    schema = _manifest()[name]["props"]
    found: list[tuple[list[str | int], str]] = []
    for err in Draft202012Validator(schema).iter_errors(props):
        path: list[str | int] = list(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            # One error per unknown prop, located at the prop itself.
            allowed = set(err.schema.get("properties", {}))
            for key in sorted(set(err.instance) - allowed):
                found.append(
                    ([*path, key], f"unknown prop (allowed: {', '.join(sorted(allowed))})")
                )
        else:
            found.append((path, err.message))
    return sorted(found, key=lambda e: [str(p) for p in e[0]])
