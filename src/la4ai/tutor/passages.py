"""The course cut into quotable passages: what course retrieval searches and quotes.

Each lesson is split at its headings, and each section into passages of a few paragraphs
(display math stays with the paragraph it belongs to; code cells, tables, widgets and
"try it" exercises are left out). Admonitions (notes, pitfalls, the ML connection) become
passages of their own. Every module also gets an overview passage: its tagline and
summary. A passage links to its section with the anchor the lesson page gives the heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

from la4ai.course.loader import Course, Module
from la4ai.course.markdown import markdown
from la4ai.course.views import HeadingBlock
from la4ai.tutor.bm25 import plain_text

__all__ = ["TITLE_ANCHOR", "Passage", "course_passages", "defined_terms", "module_passages"]

# The lesson page's <h1> (frontend/src/pages/LessonPage.tsx): where an overview links.
TITLE_ANCHOR = "module-title"

# A passage grows paragraph by paragraph up to about _TARGET words; it is cut before a
# paragraph that would take it past _LIMIT (unless it is still shorter than _SHORTEST).
_TARGET, _LIMIT, _SHORTEST = 110, 170, 50
_SKIPPED_DIRECTIVES = {"widget", "try-it"}
_BOLD = re.compile(r"\*\*(.+?)\*\*")
# Block tokens whose source lines a passage takes whole.
_UNITS = {
    "paragraph_open",
    "bullet_list_open",
    "ordered_list_open",
    "blockquote_open",
    "math_block",
    "math_block_label",
}


@dataclass(frozen=True)
class Passage:
    """A few paragraphs of one section of a lesson (or a module's overview).

    ``text`` is Markdown with its math; ``url`` is ``/modules/<id>#<anchor>``; ``score`` is
    how well it matched the query it was found for (0 in the index itself)."""

    module_id: str
    module_title: str
    section: str
    anchor: str
    url: str
    text: str
    score: float = 0.0


def _section_passage(module: Module, section: str, anchor: str, text: str) -> Passage:
    return Passage(
        module_id=module.id,
        module_title=module.meta.title,
        section=section,
        anchor=anchor,
        url=f"/modules/{module.id}#{anchor}",
        text=text,
    )


def defined_terms(markdown_text: str) -> list[str]:
    """The terms in bold: the lessons put a term in bold where they define it."""
    return _BOLD.findall(markdown_text)


def _words(markdown_text: str) -> int:
    return len(plain_text(markdown_text).split())


def _source(lines: list[str], token: Token) -> str:
    assert token.map is not None  # block tokens always carry their lines
    return "\n".join(lines[token.map[0] : token.map[1]]).strip()


def _units(text: str) -> list[str]:
    """The quotable blocks of Markdown ``text`` in order: paragraphs, lists, quotes and
    display math (code, tables and directives are left out)."""
    lines = text.splitlines()
    return [
        _source(lines, token)
        for token in markdown().parse(text)
        if token.level == 0 and token.type in _UNITS
    ]


def _group(units: list[str]) -> list[str]:
    """Units grouped into passages of a few paragraphs. Display math and a paragraph that
    carries on after it ("where $s$ is …") always stay with what came before."""
    passages: list[list[str]] = []
    size = 0
    for unit in units:
        words = _words(unit)
        continues = unit.startswith("$$") or unit[:1].islower()
        fits = size < _SHORTEST or (size < _TARGET and size + words <= _LIMIT)
        if passages and (continues or fits):
            passages[-1].append(unit)
            size += words
        else:
            passages.append([unit])
            size = words
    return ["\n\n".join(p) for p in passages]


def _sentence(text: str) -> str:
    return text if text[-1:] in {".", "?", "!", ":"} else text + "."


def _admonition(token: Token) -> str | None:
    """An admonition's Markdown, its own title (if it has one) leading in bold; None for
    what is not prose: widgets and "try it" exercises."""
    name, _, title = token.info.strip().removeprefix("{").partition("}")
    if name in _SKIPPED_DIRECTIVES:
        return None
    title = title.strip()
    return (f"**{_sentence(title)}** " if title else "") + token.content.strip()


def _same_heading(source: str, parsed: str) -> bool:
    return re.sub(r"[$`]", "", source) == re.sub(r"[$`]", "", parsed)


def module_passages(module: Module) -> list[Passage]:
    """The passages of one module, in reading order: its overview, then its lesson."""
    meta = module.meta
    overview = "\n\n".join(filter(None, [_sentence(meta.tagline), meta.summary]))
    found = [_section_passage(module, meta.title, TITLE_ANCHOR, overview)]
    file = module.dir / "lesson.md"
    source = file.read_text("utf-8")
    lines = source.splitlines()
    headings = iter(b for b in module.lesson.blocks if isinstance(b, HeadingBlock))
    section, anchor = meta.title, TITLE_ANCHOR
    prose: list[str] = []

    def flush() -> None:
        found.extend(_section_passage(module, section, anchor, t) for t in _group(prose))
        prose.clear()

    tokens = markdown().parse(source)
    for index, token in enumerate(tokens):
        if token.level != 0:
            continue
        if token.type == "heading_open":
            flush()
            heading = next(headings, None)
            section = tokens[index + 1].content.strip()
            if heading is None or not _same_heading(section, heading.text):
                raise RuntimeError(f"{file} changed since the course was loaded: reload it")
            anchor = heading.anchor
        elif token.type == "colon_fence" and (admonition := _admonition(token)) is not None:
            flush()  # an admonition is a passage of its own
            prose.extend(_units(admonition))
            flush()
        elif token.type in _UNITS:
            prose.append(_source(lines, token))
    flush()
    return found


def course_passages(course: Course) -> list[Passage]:
    """Every module's passages, in course order."""
    return [p for module in course.modules for p in module_passages(module)]
