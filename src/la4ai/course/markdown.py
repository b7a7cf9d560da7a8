"""One Markdown dialect for lessons, quiz prompts and lab tasks.

CommonMark + tables + strikethrough, ``$inline$`` and ``$$display$$`` math, and MyST-style
``:::{directive}`` fences. Raw HTML in the source is escaped, so what we render is safe to
insert; the browser sanitizes again and typesets math spans with KaTeX.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin

__all__ = ["MathSource", "markdown", "math_sources", "plain_words", "render", "render_inline"]


@dataclass(frozen=True)
class MathSource:
    """A piece of TeX and where it sits (1-based line), for checking that it typesets."""

    line: int
    tex: str
    display: bool


def _math_inline(_self: Any, tokens: Sequence[Token], idx: int, *_: Any) -> str:
    return f'<span class="la-math">{escape(tokens[idx].content)}</span>'


def _math_display(_self: Any, tokens: Sequence[Token], idx: int, *_: Any) -> str:
    return f'<div class="la-math la-math-display">{escape(tokens[idx].content.strip())}</div>\n'


@cache
def markdown() -> MarkdownIt:
    """The shared parser (configured once; parsing itself is stateless)."""
    md = (
        MarkdownIt("commonmark", {"html": False, "typographer": False})
        .enable(["table", "strikethrough"])
        .use(dollarmath_plugin, allow_space=True, double_inline=True)
        .use(colon_fence_plugin)
    )
    md.add_render_rule("math_inline", _math_inline)
    md.add_render_rule("math_inline_double", _math_display)
    md.add_render_rule("math_block", _math_display)
    md.add_render_rule("math_block_label", _math_display)
    return md


def render(text: str) -> str:
    """Markdown to HTML (block level)."""
    return str(markdown().render(text))


def render_inline(text: str) -> str:
    """Markdown to HTML without the wrapping paragraph, for short texts such as choices."""
    html = render(text).strip()
    match = re.fullmatch(r"<p>(.*)</p>", html, flags=re.DOTALL)
    return match.group(1) if match else html


def _walk(tokens: Sequence[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def math_sources(tokens: Sequence[Token], line_offset: int = 0) -> list[MathSource]:
    """Every piece of math in parsed tokens, with its line (1-based, shifted by the offset)."""
    found: list[MathSource] = []
    line = line_offset + 1
    for token in tokens:
        if token.map is not None:
            line = token.map[0] + line_offset + 1
        if token.type in {"math_block", "math_block_label"}:
            found.append(MathSource(line, token.content.strip(), True))
        cursor = 0  # where in a multi-line paragraph the last math was found
        for child in _walk(token.children or []):
            if child.type in {"math_inline", "math_inline_double"}:
                position = token.content.find(child.content, cursor)
                if position >= 0:
                    cursor = position + len(child.content)
                here = line + token.content[: max(position, 0)].count("\n")
                found.append(MathSource(here, child.content, child.type == "math_inline_double"))
    return found


_WORD = re.compile(r"[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*")


def plain_words(tokens: Sequence[Token]) -> int:
    """Number of words of running text (code and math excluded)."""
    count = 0
    for token in tokens:
        if token.type != "inline":
            continue
        for child in _walk(token.children or []):
            if child.type == "text":
                count += len(_WORD.findall(child.content))
    return count
