"""``la4ai export notebook LAB_ID``: a module's lesson and lab as one Jupyter notebook.

The notebook follows the web app's page order: the lesson (prose and math as Markdown, its
runnable cells as code cells), the lab's task, the starter code for the learner to edit, and
a cell that grades it with ``la4ai.labkit.check``, the same grader ``la4ai check`` runs.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

import click
import nbformat
from markdown_it.token import Token
from nbformat import NotebookNode

from la4ai import __version__
from la4ai.course import Module, load_course
from la4ai.course.lab import Lab
from la4ai.course.markdown import markdown
from la4ai.course.views import AdmonitionBlock, Block, WidgetBlock
from la4ai.errors import LabNotFound

__all__ = ["build_notebook", "export_notebook", "strip_main_block"]

_DIRECTIVE = re.compile(r"^\{(?P<name>[A-Za-z][\w-]*)\}\s*(?P<arg>.*)$")
_KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
_NBFORMAT: Any = nbformat  # untyped: reached only through the typed helpers below


def _new_cell(kind: Literal["code", "markdown"], source: str) -> NotebookNode:
    factory = _NBFORMAT.v4.new_code_cell if kind == "code" else _NBFORMAT.v4.new_markdown_cell
    return cast(NotebookNode, factory(source))


@dataclass
class _Directives:
    """A text's parsed admonitions and widgets, in reading order.

    The notebook is built from the raw Markdown (so math stays ``$…$`` for Jupyter), but
    titles and widget props come from the validated parse. Both walk the same text, so the
    n-th directive met here is the n-th block there."""

    admonitions: Iterator[AdmonitionBlock]
    widgets: Iterator[WidgetBlock]

    @classmethod
    def of(cls, blocks: list[Block]) -> _Directives:
        inner = [b.blocks if isinstance(b, AdmonitionBlock) else [b] for b in blocks]
        return cls(
            admonitions=iter([b for b in blocks if isinstance(b, AdmonitionBlock)]),
            widgets=iter([w for group in inner for w in group if isinstance(w, WidgetBlock)]),
        )


def strip_main_block(source: str) -> str:
    """``source`` without its top-level ``if __name__ == "__main__":`` blocks.

    A starter's demo block runs the finished file; in a notebook the learner's cell holds
    only the definitions, and the block would run (and fail) every time they edit it."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    for node in reversed(tree.body):
        if isinstance(node, ast.If) and _is_main_test(node.test):
            assert node.end_lineno is not None
            del lines[node.lineno - 1 : node.end_lineno]
    return "".join(lines).rstrip() + "\n"


def _is_main_test(test: ast.expr) -> bool:
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    if not isinstance(test.ops[0], ast.Eq):
        return False
    sides = [test.left, test.comparators[0]]
    names = [s.id for s in sides if isinstance(s, ast.Name)]
    constants = [s.value for s in sides if isinstance(s, ast.Constant)]
    return names == ["__name__"] and constants == ["__main__"]


def _code(source: str, *, raises: str | None = None) -> NotebookNode:
    cell = _new_cell("code", source.rstrip("\n"))
    if raises is not None:
        # nbclient (and `jupyter nbconvert --execute`) keep going past a tagged cell's error.
        cell.metadata["tags"] = ["raises-exception"]
    return cell


def _markdown(text: str) -> NotebookNode | None:
    text = text.strip("\n")
    return _new_cell("markdown", text) if text.strip() else None


def _quote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines())


def _widget_note(widget: WidgetBlock) -> str:
    """Widgets are React components: say where the figure is instead of showing nothing."""
    note = (
        f"**Interactive figure** (*{widget.name}*): it runs in the la4ai web app "
        "(`la4ai serve`); open this lesson there to use it."
    )
    caption = widget.props.get("caption")
    return note + (f"\n\n*{caption}*" if isinstance(caption, str) else "")


def _admonition(block: AdmonitionBlock, body: list[NotebookNode]) -> list[NotebookNode]:
    """An admonition as quoted Markdown under its title; code inside stays runnable."""
    label = block.kind.replace("-", " ").capitalize()
    title = block.title if label.lower() in block.title.lower() else f"{label}: {block.title}"
    heading = f"> **{title}**"
    for cell in body:
        if cell.cell_type == "markdown":
            cell.source = _quote(cell.source)
    if body and body[0].cell_type == "markdown":
        body[0].source = f"{heading}\n>\n{body[0].source}"
        return body
    return [_new_cell("markdown", heading), *body]


def _cells(text: str, directives: _Directives, *, split_headings: bool) -> list[NotebookNode]:
    """Notebook cells for a lesson-dialect Markdown text.

    Everything but runnable ``python`` cells, their ``output`` blocks and ``:::``
    directives is copied verbatim, so math and formatting reach Jupyter unchanged."""
    lines = text.splitlines(keepends=True)
    cells: list[NotebookNode] = []
    start = 0  # first line of the Markdown not yet emitted

    def flush(end: int) -> None:
        cell = _markdown("".join(lines[start:end]))
        if cell is not None:
            cells.append(cell)

    for token in markdown().parse(text):
        if token.level != 0 or token.map is None:
            continue
        first, last = token.map
        if token.type == "heading_open" and split_headings:
            flush(first)
            start = first
            continue
        special = _special(token, directives)
        if special is not None:
            flush(first)
            cells += special
            start = last
    flush(len(lines))
    return cells


def _special(token: Token, directives: _Directives) -> list[NotebookNode] | None:
    """Cells replacing a code fence or directive, or ``None`` to keep it as Markdown."""
    if token.type == "fence":
        language, *options = token.info.split() or ["text"]
        if language == "output":
            return []  # Jupyter shows the real output when the cell runs
        if language != "python" or "static" in options:
            return None
        raises = next((o.removeprefix("raises=") for o in options if o.startswith("raises=")), None)
        return [_code(token.content, raises=raises)]
    if token.type != "colon_fence":
        return None
    match = _DIRECTIVE.match(token.info.strip())
    if match is None:
        return None
    if match["name"] == "widget":
        return [_new_cell("markdown", _widget_note(next(directives.widgets)))]
    block = next(directives.admonitions)
    return _admonition(block, _cells(token.content, directives, split_headings=False))


def _title_cell(module: Module) -> NotebookNode:
    meta = module.meta
    return _new_cell(
        "markdown",
        f"# Module {module.number}: {meta.title}\n\n"
        f"*{meta.tagline}*\n\n"
        "Exported from **la4ai**, *Linear Algebra for AI*. Run the cells from top to bottom: "
        "they share their variables. The lab is at the end; edit its code cell, then run the "
        "check cell below it.",
    )


def _lab_cells(lab: Lab, lab_id: str) -> list[NotebookNode]:
    functions = ", ".join(f"`{name}`" for name in lab.meta.functions)
    return [
        _new_cell("markdown", f"# Lab: {lab.meta.title}"),
        *_cells(lab.task_markdown, _Directives.of(lab.task_blocks), split_headings=False),
        _new_cell(
            "markdown",
            f"## Your code\n\nFill in {functions} in the next cell and run it. "
            "You can try your functions in new cells below it.",
        ),
        _code(strip_main_block(lab.starter)),
        _new_cell(
            "markdown",
            "## Check your work\n\n"
            f'`check("{lab_id}")` collects the functions, imports and constants defined in '
            "this notebook and grades them with the lab's checks, the same checks in the same "
            "sandbox as the web app and `la4ai check`. It shows ✓ or ✗ for each check, with "
            "what went wrong, and returns the result as a dict. Run your code cell first, and "
            "again after every change.\n\n"
            "It needs la4ai installed in this notebook's Python (the kernel's environment).",
        ),
        _code(f'from la4ai.labkit import check\n\nresult = check("{lab_id}")'),
    ]


def build_notebook(module: Module) -> NotebookNode:
    """The notebook for a module with a lab: title, lesson, task, starter, check cell.

    Raises :class:`LabNotFound` for a module without a lab."""
    if module.lab is None:
        raise LabNotFound(module.id)
    lesson = module.lesson
    lesson_text = (module.dir / "lesson.md").read_text(encoding="utf-8")
    cells = [
        _title_cell(module),
        *_cells(lesson_text, _Directives.of(lesson.blocks), split_headings=True),
        *_lab_cells(module.lab, module.id),
    ]
    for number, cell in enumerate(cells, start=1):
        cell.id = f"la4ai-{number:03d}"  # stable ids: re-exporting gives the same file
    notebook = cast(
        NotebookNode,
        _NBFORMAT.v4.new_notebook(
            cells=cells,
            metadata={
                "kernelspec": dict(_KERNELSPEC),
                "language_info": {"name": "python"},
                "la4ai": {"module": module.id, "lab": module.id, "version": __version__},
            },
        ),
    )
    nbformat.validate(notebook)
    return notebook


def export_notebook(lab_id: str, output: Path | None, content_dir: Path) -> int:
    """Write the notebook of ``lab_id`` to ``output`` (``-`` for stdout; default
    ``<lab_id>.ipynb`` here) and say where on stderr. Returns the exit status."""
    module = load_course(content_dir).module(lab_id)  # ModuleNotFound for an unknown id
    text = str(_NBFORMAT.writes(build_notebook(module))) + "\n"
    if output is not None and str(output) == "-":
        click.echo(text, nl=False)
        click.echo("wrote the notebook to stdout", err=True)
        return 0
    path = output if output is not None else Path(f"{lab_id}.ipynb")
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc.strerror or exc}") from None
    click.echo(f"wrote {path}", err=True)
    return 0
