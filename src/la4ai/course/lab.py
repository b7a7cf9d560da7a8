"""Reading a module's ``lab/`` folder: its settings, task, starter, hints and mutants.

The reference solution and the checks are only located and syntax-checked here: they are
never put into anything sent to a browser. Running them is the grading service's job.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import RootModel, StringConstraints, ValidationError

from la4ai.course.lesson import parse_lesson
from la4ai.course.models import LabMeta
from la4ai.course.views import Block
from la4ai.course.yamlio import load_yaml, problems_from_validation, read_source, validate_yaml
from la4ai.errors import ContentProblem

__all__ = ["Lab", "load_lab"]

REQUIRED_FILES = ("lab.yaml", "lab.md", "starter.py", "solution.py", "checks.py", "hints.yaml")

HintText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class HintsFile(RootModel[dict[str, list[HintText]]]):
    """``hints.yaml``: for each function, hints from a nudge to a near-answer."""


@dataclass(frozen=True)
class Lab:
    dir: Path
    meta: LabMeta
    task_markdown: str
    task_blocks: list[Block]
    starter: str
    hints: dict[str, list[str]]

    @property
    def solution_path(self) -> Path:
        return self.dir / "solution.py"

    @property
    def checks_path(self) -> Path:
        return self.dir / "checks.py"


def _defined_names(source: str) -> set[str]:
    tree = ast.parse(source)
    return {
        n.name
        for n in tree.body
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    }


def _syntax_problem(path: Path, source: str) -> ContentProblem | None:
    try:
        compile(source, str(path), "exec")
    except SyntaxError as exc:
        return ContentProblem(path, exc.lineno, f"Python syntax error: {exc.msg}")
    return None


def load_lab(lab_dir: Path) -> tuple[Lab | None, list[ContentProblem]]:
    """Load and check a lab folder; ``None`` and the problems when it is unusable."""
    missing = [name for name in REQUIRED_FILES if not (lab_dir / name).is_file()]
    problems = [ContentProblem(lab_dir / name, None, "missing lab file") for name in missing]
    if missing:
        return None, problems

    texts: dict[str, str] = {}
    for name in REQUIRED_FILES:
        text = read_source(lab_dir / name)
        if isinstance(text, ContentProblem):
            problems.append(text)
        else:
            texts[name] = text
    if problems:
        return None, problems

    doc = load_yaml(texts["lab.yaml"], file=lab_dir / "lab.yaml")
    if isinstance(doc, ContentProblem):
        return None, [doc]
    meta, meta_problems = validate_yaml(LabMeta, doc)
    problems += meta_problems

    sources = {name: texts[name] for name in ("starter.py", "solution.py", "checks.py")}
    for name, source in sources.items():
        if (p := _syntax_problem(lab_dir / name, source)) is not None:
            problems.append(p)

    hints: dict[str, list[str]] = {}
    hints_doc = load_yaml(texts["hints.yaml"], file=lab_dir / "hints.yaml")
    if isinstance(hints_doc, ContentProblem):
        problems.append(hints_doc)
    else:
        try:
            hints = HintsFile.model_validate(hints_doc.data or {}).root
        except ValidationError as exc:
            problems += problems_from_validation(exc, hints_doc)

    if meta is None or problems:
        return None, problems

    for name in ("starter.py", "solution.py"):
        defined = _defined_names(sources[name])
        for function in meta.functions:
            if function not in defined:
                problems.append(
                    ContentProblem(
                        lab_dir / name, None, f"does not define {function!r} (listed in lab.yaml)"
                    )
                )
    assert not isinstance(hints_doc, ContentProblem)  # a hints syntax error returned above
    for function in meta.functions:
        if function not in hints:
            problems.append(hints_doc.problem([], f"no hints for {function!r}"))
    for function in hints:
        if function not in meta.functions:
            problems.append(
                hints_doc.problem(
                    [function], f"hints for {function!r}, which the lab does not have"
                )
            )
    for function in meta.forbidden:
        if function not in meta.functions:
            problems.append(
                doc.problem(
                    ["forbidden", function],
                    f"forbidden calls for {function!r}, which the lab does not have",
                )
            )
    listed: list[tuple[list[int | str], str]] = [
        (["mutants", i, "file"], m.file) for i, m in enumerate(meta.mutants)
    ]
    listed += [(["alternatives", i], name) for i, name in enumerate(meta.alternatives)]
    for where, name in listed:
        path = lab_dir / name
        if not path.is_file():
            problems.append(doc.problem(where, f"{name} does not exist"))
        elif isinstance(text := read_source(path), ContentProblem):
            problems.append(text)
        elif (p := _syntax_problem(path, text)) is not None:
            problems.append(p)
    task, task_problems = parse_lesson(
        texts["lab.md"], file=lab_dir / "lab.md", sections_required=False
    )
    problems += task_problems
    if problems:
        return None, problems
    lab = Lab(
        dir=lab_dir,
        meta=meta,
        task_markdown=texts["lab.md"],
        task_blocks=task.blocks,
        starter=sources["starter.py"],
        hints=hints,
    )
    return lab, []
