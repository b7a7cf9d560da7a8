"""The course as shipped: valid, up to the curriculum's standard, every cell runs and prints
what its lesson says, every piece of math typesets."""

from __future__ import annotations

import json

import pytest

from la4ai.course import Course, check_course
from la4ai.course.cellrun import run_cells
from tests.conftest import CONTENT, REPO, run_frontend_script

MODULE_IDS = sorted(
    p.name[3:]
    for p in (CONTENT / "modules").iterdir()
    if p.is_dir() and not p.name.startswith(("_", "."))
)


def test_shipped_content_is_valid() -> None:
    course, problems = check_course(CONTENT)
    assert problems == []
    assert course is not None


@pytest.mark.parametrize("module_id", MODULE_IDS)
def test_module_meets_the_curriculum_standard(course: Course, module_id: str) -> None:
    module = course.module(module_id)
    assert 1800 <= module.lesson.word_count <= 3500
    assert len(module.lesson.cells) >= 4
    assert len(module.lesson.widgets) >= 1
    assert module.quiz is not None
    assert len(module.quiz.items) >= 8
    assert sum(item.randomized for item in module.quiz.items) >= 3


@pytest.mark.parametrize("module_id", MODULE_IDS)
def test_every_lesson_cell_runs_and_prints_its_output(course: Course, module_id: str) -> None:
    module = course.module(module_id)
    problems = [
        o.problem for o in run_cells(module.lesson.cells, cwd=module.dir) if o.problem is not None
    ]
    assert problems == []


def test_foundations_lists_every_module_in_order(course: Course) -> None:
    foundations = course.path("foundations")
    listed = [getattr(item, "module", None) for item in foundations.items]
    assert [m for m in listed if m] == [m.id for m in course.modules]


def test_all_math_typesets_with_katex(course: Course) -> None:
    sources = [
        {"file": str(f.relative_to(REPO)), "line": m.line, "tex": m.tex, "display": m.display}
        for f, m in course.math()
    ]
    assert len(sources) > 50
    result = run_frontend_script("check-math.mjs", json.dumps(sources))
    assert result.returncode == 0, result.stdout


def test_math_checker_rejects_broken_tex() -> None:
    broken = [{"file": "lesson.md", "line": 7, "tex": r"\frac{1}{", "display": False}]
    result = run_frontend_script("check-math.mjs", json.dumps(broken))
    assert result.returncode == 1
    assert result.stdout.startswith("lesson.md:7: KaTeX cannot typeset")
