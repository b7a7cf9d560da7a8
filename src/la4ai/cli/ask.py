"""``la4ai ask``: the offline tutor from a terminal, one question or a batch."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import click

from la4ai.course import load_course
from la4ai.settings import get_settings
from la4ai.tutor.models import Answer
from la4ai.tutor.offline import OfflineTutor

__all__ = ["ask", "ask_batch", "render"]


def render(answer: Answer, *, show_receipt: bool) -> str:
    """An answer for a terminal: the explanation, the result and the receipt's verdict."""
    lines = [answer.text.strip()]
    if answer.result is not None and answer.result.type != "text":
        value = answer.result.value
        shown = json.dumps(value) if value is not None else answer.result.type.replace("_", " ")
        lines += ["", f"result ({answer.result.type}): {shown}"]
    if answer.verification is not None:
        mark = "verified ✓" if answer.verification.passed else "NOT verified ✗"
        lines += ["", f"receipt: {mark} (independent code run in the sandbox)"]
        if show_receipt:
            lines += ["", "--- code ---", answer.verification.code.rstrip()]
            lines += ["--- output ---", answer.verification.output.rstrip()]
    for source in answer.sources:
        lines.append(f"source: {source.title} — {source.url}")
    return "\n".join(lines)


def _questions(stream: IO[str]) -> Iterator[str]:
    for number, raw in enumerate(stream, start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("{"):
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise click.ClickException(f"line {number}: not valid JSON ({exc.msg})") from None
            if not isinstance(item, dict) or not isinstance(item.get("q"), str):
                raise click.ClickException(f'line {number}: a JSON line needs a string "q" field')
            yield item["q"]
        else:
            yield line


def ask(question: str, *, as_json: bool, show_receipt: bool, content_dir: Path) -> int:
    settings = get_settings()
    with OfflineTutor.open(settings, course=load_course(content_dir), pool_size=1) as tutor:
        answer = tutor.ask(question)
    if as_json:
        click.echo(json.dumps(answer.contract(), ensure_ascii=False))
    else:
        click.echo(render(answer, show_receipt=show_receipt))
    return 0 if answer.status == "answered" else 1


def ask_batch(file: Path, *, as_json: bool, content_dir: Path) -> int:
    """One answer per question, in order, each written as soon as it is ready."""
    settings = get_settings()
    try:
        stream = sys.stdin if str(file) == "-" else file.open(encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot read {file}: {exc.strerror}") from None
    with stream, OfflineTutor.open(settings, course=load_course(content_dir)) as tutor:
        for question in _questions(stream):
            answer = tutor.ask(question)
            if as_json:
                click.echo(json.dumps(answer.contract(), ensure_ascii=False))
            else:
                click.echo(f"Q: {question}\n{render(answer, show_receipt=False)}\n")
            sys.stdout.flush()
    return 0
