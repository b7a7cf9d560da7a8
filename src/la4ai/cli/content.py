"""``la4ai content …``: validate the course, run its lesson cells."""

from __future__ import annotations

import time
from pathlib import Path

import click

from la4ai.course import check_course, load_course
from la4ai.course.cellrun import run_cells

__all__ = ["run_lesson_cells", "validate"]


def validate(content_dir: Path) -> int:
    """Print every problem (file:line: message) to stderr; 0 when the content is valid."""
    started = time.perf_counter()
    course, problems = check_course(content_dir)
    if course is None:
        for problem in sorted(problems, key=lambda p: (str(p.file), p.line or 0)):
            click.echo(str(problem), err=True)
        count = len(problems)
        click.echo(f"{count} problem{'s' * (count != 1)} in {content_dir}", err=True)
        return 1
    elapsed = time.perf_counter() - started
    items = sum(len(m.quiz.items) for m in course.modules if m.quiz is not None)
    cells = sum(len(m.lesson.cells) for m in course.modules)
    click.echo(
        f"content OK: {len(course.modules)} modules, {cells} runnable cells, {items} quiz "
        f"items, {len(course.paths)} paths ({elapsed:.2f} s) in {content_dir}"
    )
    return 0


def run_lesson_cells(content_dir: Path, module_ids: list[str]) -> int:
    """Run lesson cells module by module; 0 when every cell behaves as its lesson says."""
    course = load_course(content_dir)
    modules = [course.module(m) for m in module_ids] if module_ids else course.modules
    failures = 0
    for module in modules:
        click.echo(f"{module.id}: running {len(module.lesson.cells)} cells…", err=True)
        for outcome in run_cells(module.lesson.cells, cwd=module.dir):
            if outcome.problem is not None:
                failures += 1
                click.echo(f"{module.dir / 'lesson.md'}:{outcome.cell.line}: {outcome.problem}")
    click.echo(f"{failures} failing cell{'s' * (failures != 1)}", err=True)
    return 1 if failures else 0
