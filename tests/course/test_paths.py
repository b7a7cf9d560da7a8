"""Path files: every kind of item, ids, prerequisites and weeks, and each way a path can be
broken — reported once, with its file and line, never as a traceback. The course is the
small one of ``test_loader`` (``vectors`` gets a lab, ``matrices`` has none)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from la4ai.course import load_course
from la4ai.course.models import (
    PathCheckpointItem,
    PathLabItem,
    PathModuleItem,
    PathProjectItem,
    PathResourceItem,
)
from tests.conftest import FIXTURES
from tests.course.test_loader import all_problems, assert_reports, vectors, write, write_course
from tests.progress.tour import write_tour_course

# Line numbers in the comments: the tests below name them.
TOUR = """\
id: tour
title: Tour
tagline: Every kind of item
items:
  - resource: Essence of linear algebra  # 5
    id: essence
    url: https://www.youtube.com/watch?v=fNk_zzaMoSs
    minutes: 10
    week: 1
  - module: vectors  # 10
    requires: [essence]
  - lab: vectors  # 12
    minutes: 20
  - checkpoint: vectors  # 14
    title: Vectors in code
    requires: [lab:vectors]
  - project: A tiny search engine  # 17
    id: search
    description: Rank documents by cosine similarity.
    minutes: 60
    week: 2
  - module: matrices  # 22
"""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    content = write_course(tmp_path)
    shutil.copytree(FIXTURES / "grading-lab", vectors(content) / "lab")
    write(content / "paths" / "tour.yaml", TOUR)
    return content


def tour(content: Path, text: str) -> Path:
    return write(content / "paths" / "tour.yaml", text)


def test_every_kind_of_item_loads_with_its_id_and_week(content: Path) -> None:
    path = load_course(content).path("tour")
    kinds = [type(item) for item in path.items]
    assert kinds == [
        PathResourceItem,
        PathModuleItem,
        PathLabItem,
        PathCheckpointItem,
        PathProjectItem,
        PathModuleItem,
    ]
    assert [item.item_id for item in path.items] == [
        "essence",
        "module:vectors",
        "lab:vectors",
        "checkpoint:vectors",
        "search",
        "module:matrices",
    ]
    assert path.has_weeks
    assert path.weeks() == [1, 1, 1, 1, 2, 2]  # an item without `week:` stays in the last one
    assert path.items[3].requires == ["lab:vectors"]
    assert path.item("search") is path.items[4]
    assert path.item("module:tensors") is None


def test_a_plain_module_list_has_no_weeks_and_module_ids(content: Path) -> None:
    path = load_course(content).path("foundations")
    assert not path.has_weeks
    assert path.weeks() == [None, None, None]
    assert path.items[0].item_id == "module:vectors"


def test_a_module_item_may_have_its_own_id(content: Path) -> None:
    tour(content, TOUR.replace("  - module: matrices  # 22", "  - module: matrices\n    id: mats"))
    assert load_course(content).path("tour").items[5].item_id == "mats"


def test_required_ids_may_be_written_in_a_flow_or_block_list(content: Path) -> None:
    block = TOUR.replace("    requires: [lab:vectors]", "    requires:\n      - lab:vectors")
    tour(content, block)
    assert load_course(content).path("tour").items[3].requires == ["lab:vectors"]


#: (what is changed, the line reported, the message): one problem each.
BROKEN: dict[str, tuple[str, str, int, str]] = {
    "unknown module": (
        "  - module: vectors  # 10",
        "  - module: tensors",
        10,
        "path names module 'tensors', which does not exist",
    ),
    "lab of an unknown module": (
        "  - module: matrices  # 22",
        "  - lab: tensors",
        22,
        "path names module 'tensors', which does not exist",
    ),
    "lab item for a module without a lab": (
        "  - module: matrices  # 22",
        "  - lab: matrices",
        22,
        "module 'matrices' has no lab, so it cannot be a lab item",
    ),
    "checkpoint on a module without a lab": (
        "  - checkpoint: vectors  # 14",
        "  - checkpoint: matrices",
        14,
        "module 'matrices' has no lab, so it cannot be a checkpoint",
    ),
    "module twice": (
        "  - module: matrices  # 22",
        "  - module: vectors",
        22,
        "module 'vectors' appears twice",
    ),
    "module twice under another id": (
        "  - module: matrices  # 22",
        "  - module: vectors\n    id: again",
        22,
        "module 'vectors' appears twice",
    ),
    "duplicate id": (
        "    id: search",
        "    id: essence",
        18,
        "id 'essence' is already used on line 5",
    ),
    "explicit id like another item's": (
        "  - module: matrices  # 22",
        "  - module: matrices\n    id: search",
        23,
        "id 'search' is already used on line 17",
    ),
    "requires an unknown id": (
        "    requires: [essence]",
        "    requires: [video]",
        11,
        "requires 'video', which is not the id of an item in this path",
    ),
    "requires a module by its bare id": (
        "    requires: [lab:vectors]",
        "    requires: [vectors]",
        16,
        "requires 'vectors', which is not the id of an item in this path "
        "(a module's item is 'module:vectors')",
    ),
    "requires a later item": (
        "    requires: [essence]",
        "    requires: [search]",
        11,
        "requires 'search', which comes later (line 17): an item can only require items before it",
    ),
    "requires itself": (
        "    requires: [lab:vectors]",
        "    requires: [checkpoint:vectors]",
        16,
        "item 'checkpoint:vectors' requires itself",
    ),
    "resource with a bad URL": (
        "    url: https://www.youtube.com/watch?v=fNk_zzaMoSs",
        "    url: www.youtube.com/watch",
        7,
        "items[0].url: Input should be a valid URL, relative URL without a base",
    ),
    "resource with an ftp URL": (
        "    url: https://www.youtube.com/watch?v=fNk_zzaMoSs",
        "    url: ftp://example.com/notes.pdf",
        7,
        "items[0].url: URL scheme should be 'http' or 'https'",
    ),
    "resource with a javascript URL": (
        "    url: https://www.youtube.com/watch?v=fNk_zzaMoSs",
        "    url: javascript:alert(1)",
        7,
        "items[0].url: URL scheme should be 'http' or 'https'",
    ),
    "resource without a title": (
        "  - resource: Essence of linear algebra  # 5",
        "  - resource:",
        5,
        "items[0].resource: a resource needs its title here: `resource: <title>`",
    ),
    "project with a blank title": (
        "  - project: A tiny search engine  # 17",
        '  - project: "  "',
        17,
        "items[4].project: a project needs its title here: `project: <title>`",
    ),
    "checkpoint without a title": (
        "    title: Vectors in code\n",
        "",
        14,
        "missing required key 'title' in items[3]",
    ),
    "resource without an id": (
        "    id: essence\n",
        "",
        5,
        "missing required key 'id' in items[0]",
    ),
    "project without a description": (
        "    description: Rank documents by cosine similarity.\n",
        "",
        17,
        "missing required key 'description' in items[4]",
    ),
    "unknown key in an item": (
        "    minutes: 20",
        "    minutes: 20\n    colour: blue",
        14,
        "unknown key 'colour' in items[2]",
    ),
    "item of no kind": (
        "  - module: matrices  # 22",
        "  - chapter: matrices",
        22,
        "items[5]: an item needs exactly one kind key: module, lab, checkpoint, resource or "
        "project",
    ),
    "item of two kinds": (
        "  - module: matrices  # 22",
        "  - module: matrices\n    lab: matrices",
        22,
        "items[5]: an item needs exactly one kind key: module, lab, checkpoint, resource or "
        "project",
    ),
    "weeks, but not from the first item": (
        "    minutes: 10\n    week: 1",
        "    minutes: 10",
        5,
        "the first item needs a week: later items have one",
    ),
    "a week going back": (
        "  - module: matrices  # 22",
        "  - module: matrices\n    week: 1",
        23,
        "week 1 comes after week 2: list items week by week",
    ),
    "week zero": (
        "    week: 2",
        "    week: 0",
        21,
        "items[4].week: Input should be greater than 0",
    ),
}


@pytest.mark.parametrize(("old", "new", "line", "message"), BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_path_is_reported_once_on_its_line(
    content: Path, old: str, new: str, line: int, message: str
) -> None:
    assert TOUR.count(old) == 1, old
    file = tour(content, TOUR.replace(old, new))
    assert_reports(content, file, line, message)


def test_prerequisites_cannot_form_a_cycle(content: Path) -> None:
    # Two items requiring each other: the earlier one's requirement points forward.
    text = TOUR.replace("    requires: [essence]", "    requires: [lab:vectors]").replace(
        "  - lab: vectors  # 12", "  - lab: vectors\n    requires: [module:vectors]"
    )
    file = tour(content, text)
    message = (
        "requires 'lab:vectors', which comes later (line 12): an item can only require "
        "items before it"
    )
    assert_reports(content, file, 11, message)


def test_every_broken_item_of_a_path_is_reported_at_once(content: Path) -> None:
    text = TOUR.replace("  - module: matrices  # 22", "  - lab: matrices").replace(
        "    requires: [essence]", "    requires: [video]"
    )
    file = tour(content, text)
    problems = sorted(p for p in all_problems(content) if p.file == file)
    assert [(p.line, p.message.split(",")[0]) for p in problems] == [
        (11, "requires 'video'"),
        (22, "module 'matrices' has no lab"),
    ]


def test_the_test_fixture_path_loads_on_the_shipped_modules(tmp_path: Path) -> None:
    path = load_course(write_tour_course(tmp_path)).path("tour")
    assert {item.kind for item in path.items} == {
        "module",
        "lab",
        "checkpoint",
        "resource",
        "project",
    }
    assert path.weeks() == [1, 1, 1, 2, 2]
    assert any(item.requires for item in path.items)
