"""Parsing ``lesson.md`` into typed blocks: headings, prose, display math, code cells,
widgets and admonitions. Every problem found is reported with its line.

Syntax, beyond CommonMark with ``$math$``::

    ```python                    a runnable cell (cells share one kernel, in order)
    ```python static             highlighted, not run
    ```python raises=ValueError  runnable; demonstrates an error on purpose
    ```output                    what the cell just above prints (checked by the tests)
    :::{widget} vector-playground   an interactive figure; the body is its props in YAML
    :::{tip} Optional title         an admonition: note, tip, warning, pitfall,
                                    connection (the ML connection), try-it
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast, get_args

from markdown_it.token import Token

from la4ai.course.markdown import MathSource, markdown, math_sources, plain_words
from la4ai.course.views import (
    AdmonitionBlock,
    AdmonitionKind,
    Block,
    CodeBlock,
    HeadingBlock,
    InnerBlock,
    MathBlock,
    ProseBlock,
    WidgetBlock,
)
from la4ai.course.widgets import widget_names, widget_prop_errors
from la4ai.course.yamlio import YamlDocument, load_yaml, plain
from la4ai.errors import ContentProblem

__all__ = ["Lesson", "parse_lesson"]

ADMONITION_KINDS: tuple[str, ...] = get_args(AdmonitionKind)
_DEFAULT_TITLES = {
    "note": "Note",
    "tip": "Tip",
    "warning": "Warning",
    "pitfall": "Common pitfall",
    "connection": "The ML connection",
    "try-it": "Try it",
}
_DIRECTIVE = re.compile(r"^\{(?P<name>[A-Za-z][\w-]*)\}\s*(?P<arg>.*)$")
_EXCEPTION_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


@dataclass
class Lesson:
    """A parsed lesson: its blocks in order, plus facts the tests and tools need."""

    blocks: list[Block]
    word_count: int
    math: list[MathSource]

    @property
    def cells(self) -> list[CodeBlock]:
        """Runnable code cells in reading order, admonitions included."""
        found: list[CodeBlock] = []
        for block in self.blocks:
            inner = block.blocks if isinstance(block, AdmonitionBlock) else [block]
            found += [b for b in inner if isinstance(b, CodeBlock) and b.runnable]
        return found

    @property
    def widgets(self) -> list[WidgetBlock]:
        found: list[WidgetBlock] = []
        for block in self.blocks:
            inner = block.blocks if isinstance(block, AdmonitionBlock) else [block]
            found += [b for b in inner if isinstance(b, WidgetBlock)]
        return found


@dataclass
class _Parser:
    file: Path
    problems: list[ContentProblem] = field(default_factory=list)
    cell_count: int = 0
    anchors: set[str] = field(default_factory=set)
    words: int = 0
    math: list[MathSource] = field(default_factory=list)

    def problem(self, line: int, message: str) -> None:
        self.problems.append(ContentProblem(self.file, line, message))

    def parse(self, text: str, offset: int, *, nested: bool) -> list[Any]:
        tokens = markdown().parse(text)
        self.words += plain_words(tokens)
        self.math += math_sources(tokens, offset)
        blocks: list[Any] = []
        prose: list[Token] = []

        def flush() -> None:
            if prose:
                html = markdown().renderer.render(prose, markdown().options, {})
                if html.strip():
                    blocks.append(ProseBlock(html=html))
                prose.clear()

        i = 0
        while i < len(tokens):
            token = tokens[i]
            line = (token.map[0] if token.map else 0) + offset + 1
            if token.level != 0:
                if token.type == "fence" and token.info.split()[:1] == ["python"]:
                    self.problem(
                        line,
                        "a ```python cell must start at the left margin, not "
                        "inside a list or quote (it would never run)",
                    )
                prose.append(token)
            elif token.type == "heading_open":
                flush()
                inline = tokens[i + 1]
                heading = self.heading(token, inline, line, nested=nested)
                if heading is not None:
                    blocks.append(heading)
                i += 3
                continue
            elif token.type == "fence":
                flush()
                self.fence(token, line, blocks)
            elif token.type in {"math_block", "math_block_label"}:
                flush()
                blocks.append(MathBlock(tex=token.content.strip()))
            elif token.type == "colon_fence":
                flush()
                self.directive(token, line, blocks, nested=nested)
            else:
                prose.append(token)
            i += 1
        flush()
        return blocks

    def heading(self, token: Token, inline: Token, line: int, *, nested: bool) -> Any:
        level = int(token.tag[1])
        if nested:
            self.problem(line, "headings are not allowed inside an admonition")
            return None
        if level == 1:
            self.problem(line, "use ## for sections: the module title is the page's heading")
            return None
        if level > 4:
            self.problem(line, f"heading level {level} is too deep (use ##, ### or ####)")
            return None
        text = "".join(c.content for c in (inline.children or []) if c.type != "softbreak")
        html = markdown().renderer.render(inline.children or [], markdown().options, {})
        return HeadingBlock(level=level, text=text, anchor=self.anchor(text), html=html)

    def anchor(self, text: str) -> str:
        base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"
        anchor, n = base, 2
        while anchor in self.anchors:
            anchor, n = f"{base}-{n}", n + 1
        self.anchors.add(anchor)
        return anchor

    def fence(self, token: Token, line: int, blocks: list[Any]) -> None:
        language, *options = token.info.split() or ["text"]
        if language == "output":
            previous = blocks[-1] if blocks else None
            if not (isinstance(previous, CodeBlock) and previous.runnable):
                self.problem(line, "an ```output block must follow a runnable ```python cell")
            elif previous.expected_output is not None:
                self.problem(line, "this cell already has an ```output block")
            else:
                blocks[-1] = previous.model_copy(update={"expected_output": token.content})
            return
        runnable = language == "python"
        raises: str | None = None
        for option in options:
            if language != "python":
                self.problem(line, f"code fences in {language!r} take no options")
            elif option == "static":
                runnable = False
            elif option.startswith("raises="):
                raises = option.removeprefix("raises=")
                if not _EXCEPTION_NAME.match(raises):
                    self.problem(line, f"raises= needs an exception name, got {raises!r}")
            else:
                self.problem(
                    line,
                    f"unknown option {option!r} for a python cell "
                    "(known: static, raises=ExceptionName)",
                )
        cell_id = ""
        if runnable:
            self.cell_count += 1
            cell_id = f"cell-{self.cell_count}"
        blocks.append(
            CodeBlock(
                id=cell_id,
                language=language,
                source=token.content,
                runnable=runnable,
                raises=raises if runnable else None,
                line=line,
            )
        )

    def directive(self, token: Token, line: int, blocks: list[Any], *, nested: bool) -> None:
        match = _DIRECTIVE.match(token.info.strip())
        known = ["widget", *ADMONITION_KINDS]
        if match is None:
            self.problem(
                line,
                f"directives are written :::{{name}}; got :::{token.info.strip()}"
                f" (known: {', '.join(known)})",
            )
            return
        name, arg = match["name"], match["arg"].strip()
        if name == "widget":
            widget = self.widget(arg, token.content, line)
            if widget is not None:
                blocks.append(widget)
        elif name in ADMONITION_KINDS:
            if nested:
                self.problem(line, "admonitions cannot be nested")
                return
            inner = self.parse(token.content, line, nested=True)
            title = arg or _DEFAULT_TITLES[name]
            blocks.append(
                AdmonitionBlock(
                    kind=cast(AdmonitionKind, name),
                    title=title,
                    blocks=cast(list[InnerBlock], inner),
                )
            )
        else:
            self.problem(line, f"unknown directive {{{name}}} (known: {', '.join(known)})")

    def widget(self, name: str, body: str, line: int) -> WidgetBlock | None:
        names = widget_names()
        if name not in names:
            self.problem(line, f"unknown widget {name!r} (known widgets: {', '.join(names)})")
            return None
        doc: YamlDocument | None = None
        props: Any = {}
        if body.strip():
            loaded = load_yaml(body, file=self.file, line_offset=line)
            if isinstance(loaded, ContentProblem):
                self.problems.append(loaded)
                return None
            doc, props = loaded, plain(loaded.data)
            if not isinstance(props, dict):
                self.problem(line + 1, f"widget {name!r}: its body must be props as key: value")
                return None
        errors = widget_prop_errors(name, props)
        for path, message in errors:
            where = ".".join(str(p) for p in path)
            prop_line = line if doc is None else doc.line_of(path)
            self.problem(prop_line, f"widget {name!r}: {where + ': ' if where else ''}{message}")
        return None if errors else WidgetBlock(name=name, props=props)


def parse_lesson(
    text: str, *, file: Path, sections_required: bool = True
) -> tuple[Lesson, list[ContentProblem]]:
    """Parse a lesson (or, with ``sections_required=False``, a shorter Markdown document such
    as a lab's task); the problems list is empty when it is valid."""
    parser = _Parser(file)
    blocks = parser.parse(text, 0, nested=False)
    has_sections = any(isinstance(b, HeadingBlock) and b.level == 2 for b in blocks)
    if sections_required and not has_sections:
        parser.problem(1, "the lesson has no ## sections")
    lesson = Lesson(blocks=blocks, word_count=parser.words, math=parser.math)
    return lesson, parser.problems
