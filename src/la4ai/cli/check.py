"""``la4ai check LAB_ID FILE``: grade a learner's file exactly as the web app does."""

from __future__ import annotations

import json
from pathlib import Path

import click

from la4ai.course import load_course
from la4ai.errors import LabNotFound
from la4ai.grading import GradeResult, grader_from_settings
from la4ai.runtime.service import publish_lab_data
from la4ai.settings import get_settings

__all__ = ["check_file", "render"]


def render(result: GradeResult) -> str:
    """The result for a terminal: one line per check, the message under each failure."""
    lines = [f"{result.lab}: {result.score:g}/{result.max_score:g} points"]
    if result.error:
        lines.append(f"  error: {result.error}")
    for item in result.checks:
        mark = "✓" if item.passed else "✗"
        points = f"{item.points:g}" if item.passed else "0"
        lines.append(f"  {mark} {item.name} ({item.function}, {points} pt)")
        if not item.passed and item.message and not result.error:
            lines += [f"      {line}" for line in item.message.splitlines()]
    if result.output:
        lines.append("  your code printed:")
        lines += [f"    | {line}" for line in result.output.rstrip().splitlines()]
    verdict = "PASSED: every check passed" if result.passed else "not passed yet"
    lines.append(f"{verdict} · seed {result.seed} · {result.duration_ms:.0f} ms")
    return "\n".join(lines)


def check_file(
    lab_id: str, file: Path, *, as_json: bool, seed: int | None, content_dir: Path
) -> int:
    settings = get_settings()
    course = load_course(content_dir)
    module = course.module(lab_id)  # ModuleNotFound for an unknown id
    if module.lab is None:
        raise LabNotFound(lab_id)
    try:
        source = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise click.ClickException(f"{file} is not UTF-8 text") from None
    data = publish_lab_data(settings.data_dir / "course-data", {lab_id: module.lab.dir / "data"})
    grader = grader_from_settings(settings, course, course_data=data, pool_size=0)
    result = grader.grade(lab_id, source, seed=seed)
    click.echo(json.dumps(result.contract(), ensure_ascii=False) if as_json else render(result))
    return 0 if result.passed else 1
