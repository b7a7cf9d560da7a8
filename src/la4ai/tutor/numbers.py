"""Which numbers in an LLM reply no tool result backs, and marking them in the reply's HTML.

A *mention* is a number as the reply shows it: ``-2``, ``0.33``, ``3/4``, ``1.5e-3``,
``1.5 \\times 10^{-3}``, ``\\frac{1}{3}``, ``\\sqrt{2}``, ``40%``, in prose or in LaTeX. Not
mentions: numbers in links and URLs, in code (inline or blocks: code is not a claim, and
what ran is in the receipts), ordered-list markers, a heading's numbering ("## 2. …"),
labels ("step 2", "module 5", "row 1"), identifiers (``x1``, ``R2``, ``3D``, ``x_1``),
exponents (``x^2``, ``\\mathbb{R}^3``) and shapes ("a 2×2 matrix").

A mention is *backed* when some number of the evidence (tool results, the learner's
question and context) equals it at the precision shown: ``0.33`` is backed by
``0.333333``, ``2`` by ``2.0000000000000004``, and an exact form (``1/3``,
``\\sqrt{2}``) by a decimal at that decimal's own precision (``0.3333``). Signs count:
``-2`` is not backed by ``2``.
"""

from __future__ import annotations

import bisect
import html as html_lib
import math
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

from markdown_it.token import Token

from la4ai.course.markdown import markdown

__all__ = ["Evidence", "Mention", "find_numbers", "mark_unverified", "unverified_numbers"]

UNVERIFIED_ATTRIBUTES = 'data-unverified title="Not verified by code"'

_NUM = r"(?:\d+\.\d+|\d+|\.\d+)"
_SQRT = rf"(?:\\sqrt\s*\{{\s*{_NUM}\s*\}}|sqrt\(\s*{_NUM}\s*\)|√\s*{_NUM})"
# An exact atom: 3, √2, 2√3, \sqrt{2}, 2\sqrt{3}.
_ATOM = rf"(?:{_NUM}\s*{_SQRT}|{_SQRT}|\d+)"
_LABEL_WORDS = (
    "step|steps|module|modules|lab|section|chapter|lesson|part|exercise|example|figure|fig|"
    "table|hint|rung|row|rows|column|columns|col|line|lines|equation|eq|question|case|"
    "version|python|week|path|level|task|check|attempt|rule|theorem|definition|item|page|day|"
    "option|method|approach"
)
_MENTION = re.compile(
    rf"""
    (?P<url>(?:https?://|www\.)\S+)
    | (?P<shape>(?<![\w.]){_NUM}\s*[×x]\s*{_NUM}(?=\s*[A-Za-z]|\s*[.,;:)]|\s*$))
    | (?P<sign>[-−+])?
      (?:
        \\[dt]?frac\s*\{{\s*(?P<fnum>{_ATOM})\s*\}}\s*\{{\s*(?P<fden>{_ATOM})\s*\}}
      | (?P<mant>{_NUM}(?:[eE][-+]?\d+)?\s*(?:\\times|\\cdot|×|·)\s*)?
        10\s*\^\s*(?:\{{\s*(?P<exp>[-−+]?\d+)\s*\}}|(?P<exp2>[-−+]?\d+))
      | (?P<pnum>{_ATOM})/(?P<pden>{_ATOM})(?![\d/])
      | (?P<root>(?:{_NUM}\s*)?{_SQRT})
      | (?P<plain>{_NUM}(?:[eE][-+]?\d+)?)
      )
      (?P<percent>\s?%)?
    | (?P<script>[_^]\s*(?:\{{[^{{}}]*\}}|[-−]?\d+|\S))
    | (?P<command>\\[A-Za-z]+)
    """,
    re.VERBOSE,
)
_LABEL_BEFORE = re.compile(rf"(?:^|[^\w])(?:{_LABEL_WORDS})\.?\s*#?$", re.IGNORECASE)
_HEADING_NUMBER = re.compile(r"\s*\d+(?:\.\d+)*[.):]?(?=\s+\S)")
_EVIDENCE_NUMBER = re.compile(rf"(?<![\d.])-?{_NUM}(?:[eE][-+]?\d+)?")
_SKIPPED_TAGS = {"code", "pre", "a", "script", "style"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass(frozen=True)
class Mention:
    """A number as the reply shows it. ``value`` is what it says; ``tolerance`` is half a
    unit of its last shown digit (0 for exact forms such as ``1/3``)."""

    text: str
    start: int
    end: int
    value: float
    tolerance: float
    percent: bool = False


def _decimals_tolerance(number: str) -> float:
    mantissa, _, exponent = number.lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    return 0.5 * 10.0 ** (int(exponent or 0) - decimals)


def _atom_value(text: str) -> tuple[float, float] | None:
    """The value of an atom (``3``, ``2√3``, ``\\sqrt{2}``) and its tolerance: 0 when it is
    exact (no decimal point in it)."""
    match = re.fullmatch(
        rf"(?P<coef>{_NUM})?\s*(?:\\sqrt\s*\{{\s*(?P<a>{_NUM})\s*\}}|sqrt\(\s*(?P<b>{_NUM})\s*\)"
        rf"|√\s*(?P<c>{_NUM}))?",
        text.strip(),
    )
    if match is None or not text.strip():
        return None
    coefficient = float(match["coef"]) if match["coef"] else 1.0
    radicand = match["a"] or match["b"] or match["c"]
    value = coefficient * (math.sqrt(float(radicand)) if radicand else 1.0)
    parts = [p for p in (match["coef"], radicand) if p]
    tolerance = max(_decimals_tolerance(p) for p in parts) if "." in text else 0.0
    return value, tolerance * max(1.0, abs(value))


def _is_sign(text: str, at: int) -> bool:
    """Whether the +/- at ``at`` is a sign, not an operator: it must touch the number and
    not follow an operand (``x-2`` and ``4 - 6`` subtract; ``= -2`` and ``is -2`` do not)."""
    before = text[at - 1] if at > 0 else " "
    return not (before.isalnum() or before in ")]}.")


def _glued(text: str, start: int, end: int, *, math_mode: bool) -> bool:
    """An identifier rather than a number: ``x1``, ``v_1``, ``R2``; in prose also ``3D``."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalpha() or before in "_\\":
        return True
    return not math_mode and (after.isalpha() or after == "_")


def _ratio(numerator: str, denominator: str) -> tuple[float, float] | None:
    num, den = _atom_value(numerator), _atom_value(denominator)
    if num is None or den is None or den[0] == 0:
        return None
    return num[0] / den[0], max(num[1], den[1]) / abs(den[0])


def _value(match: re.Match[str]) -> tuple[float, float] | None:
    """The mention's value and tolerance (None: not a number after all)."""
    if match["fnum"] is not None:
        return _ratio(match["fnum"], match["fden"])
    if match["exp"] is not None or match["exp2"] is not None:
        exponent = int((match["exp"] or match["exp2"]).replace("−", "-"))
        mantissa = match["mant"]
        if mantissa is None:
            return 10.0**exponent, 0.0
        number = re.match(rf"{_NUM}(?:[eE][-+]?\d+)?", mantissa)
        assert number is not None
        return float(number[0]) * 10.0**exponent, _decimals_tolerance(number[0]) * 10.0**exponent
    if match["pnum"] is not None:
        return _ratio(match["pnum"], match["pden"])
    if match["root"] is not None:
        return _atom_value(match["root"])
    return float(match["plain"]), _decimals_tolerance(match["plain"])


def _scan(text: str, *, math_mode: bool, heading: bool = False) -> Iterator[Mention]:
    """The mentions in one run of prose (or of TeX when ``math_mode``)."""
    skip_until = 0
    if heading and (numbering := _HEADING_NUMBER.match(text)):
        skip_until = numbering.end()
    for match in _MENTION.finditer(text):
        if match.start() < skip_until or match["url"] or match["script"] or match["command"]:
            continue
        if match["shape"]:
            if math_mode:  # 2 \times 3 in TeX is arithmetic; only prose has shapes
                yield from _scan_shape_as_numbers(match)
            continue
        start, end = match.start(), match.end()
        sign = match["sign"]
        if sign and not _is_sign(text, start):
            start += len(sign)
            sign = None
        if _glued(text, start, end - len(match["percent"] or ""), math_mode=math_mode):
            continue
        if _LABEL_BEFORE.search(text[max(0, start - 24) : start]):
            continue
        found = _value(match)
        if found is None:
            continue
        value, tolerance = found
        if sign in ("-", "−"):
            value = -value
        yield Mention(text[start:end], start, end, value, tolerance, bool(match["percent"]))


def _scan_shape_as_numbers(match: re.Match[str]) -> Iterator[Mention]:
    for number in re.finditer(_NUM, match[0]):
        start = match.start() + number.start()
        yield Mention(
            number[0],
            start,
            start + len(number[0]),
            float(number[0]),
            _decimals_tolerance(number[0]),
        )


def _segments(markdown_text: str) -> Iterator[tuple[str, bool, bool]]:
    """The runs of ``markdown_text`` a reader sees as prose or math: (text, math, heading
    start). Code, links, images and list markers are left out."""
    in_heading = False
    for token in markdown().parse(markdown_text):
        if token.type == "heading_open":
            in_heading = True
        elif token.type in ("math_block", "math_block_label"):
            yield token.content, True, False
        elif token.type == "inline":
            yield from _inline_segments(token.children or [], heading=in_heading)
            in_heading = False


def _inline_segments(children: list[Token], *, heading: bool) -> Iterator[tuple[str, bool, bool]]:
    link_depth = 0
    first = heading
    for child in children:
        if child.type == "link_open":
            link_depth += 1
        elif child.type == "link_close":
            link_depth -= 1
        elif link_depth:
            continue
        elif child.type == "text":
            yield child.content, False, first
        elif child.type in ("math_inline", "math_inline_double"):
            yield child.content, True, False
        first = False


def find_numbers(markdown_text: str) -> list[Mention]:
    """Every number the reply states, in order (see the module docstring for what counts)."""
    found: list[Mention] = []
    for text, math_mode, heading in _segments(markdown_text):
        found += _scan(text, math_mode=math_mode, heading=heading)
    return found


class Evidence:
    """The numbers a reply may state: every number in the given texts (tool results, the
    learner's question and context), read generously (identifiers and labels included)."""

    def __init__(self, texts: Iterable[str]) -> None:
        values: list[tuple[float, float]] = []
        for text in texts:
            values += [(m.value, m.tolerance) for m in _scan(text, math_mode=True)]
            values += [
                (float(m[0]), _decimals_tolerance(m[0].lstrip("-")))
                for m in _EVIDENCE_NUMBER.finditer(text.replace("−", "-"))
            ]
        values.sort()
        self._values = [v for v, _ in values]
        self._tolerances = [t for _, t in values]

    def __len__(self) -> int:
        return len(self._values)

    def _near(self, value: float, tolerance: float) -> bool:
        slack = tolerance + 1e-9 * max(1.0, abs(value))
        lo = bisect.bisect_left(self._values, value - slack)
        return lo < len(self._values) and self._values[lo] <= value + slack

    def _exactly(self, value: float) -> bool:
        """An exact form against each number at that number's own precision."""
        for known, tolerance in zip(self._values, self._tolerances, strict=True):
            if abs(known - value) <= tolerance + 1e-9 * max(1.0, abs(value)):
                return True
        return False

    def backs(self, mention: Mention) -> bool:
        values = [mention.value] + ([mention.value / 100] if mention.percent else [])
        for i, value in enumerate(values):
            tolerance = mention.tolerance / (100 if i else 1)
            if self._near(value, tolerance) or (tolerance == 0 and self._exactly(value)):
                return True
        return False


def unverified_numbers(markdown_text: str, evidence: Evidence | Iterable[str]) -> list[str]:
    """The numbers of ``markdown_text`` no evidence backs, as shown, each once, in order."""
    known = evidence if isinstance(evidence, Evidence) else Evidence(evidence)
    out: list[str] = []
    for mention in find_numbers(markdown_text):
        if mention.text not in out and not known.backs(mention):
            out.append(mention.text)
    return out


# --- marking the reply's HTML ------------------------------------------------------------

_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9]*)")


def _wrap_text(raw: str, unverified: Collection[str], *, heading: bool) -> str:
    text = html_lib.unescape(raw)
    marks = [m for m in _scan(text, math_mode=False, heading=heading) if m.text in unverified]
    if not marks:
        return raw
    out, at = [], 0
    for mark in marks:
        out.append(html_lib.escape(text[at : mark.start], quote=False))
        number = html_lib.escape(mark.text, quote=False)
        out.append(f'<span class="unverified" {UNVERIFIED_ATTRIBUTES}>{number}</span>')
        at = mark.end
    out.append(html_lib.escape(text[at:], quote=False))
    return "".join(out)


def _mark_math_tag(tag: str) -> str:
    """``<span class="la-math">`` → the same element carrying the unverified mark (KaTeX
    replaces the element's children, so the mark cannot go inside)."""
    tag = re.sub(r'class="([^"]*)"', r'class="\1 unverified"', tag, count=1)
    return tag[:-1].rstrip() + f" {UNVERIFIED_ATTRIBUTES}>"


def mark_unverified(html: str, unverified: Collection[str]) -> str:
    """The reply's HTML with each number of ``unverified`` wrapped in
    ``<span class="unverified" data-unverified title="Not verified by code">``. Only text
    is touched: never tags, attributes, code or links. A math element (``.la-math``) that
    holds an unverified number is marked as a whole with the same class and attributes."""
    wanted = set(unverified)
    if not wanted:
        return html
    parts = _TAG.split(html)
    tags = _TAG.findall(html)
    out: list[str] = []
    stack: list[str] = []
    math: tuple[int, int] | None = None  # (index in out of its start tag, depth)
    fresh_heading = False
    for i, raw in enumerate(parts):
        skipped = any(name in _SKIPPED_TAGS for name in stack)
        if math is not None or skipped or not raw:
            out.append(raw)
        else:
            out.append(_wrap_text(raw, wanted, heading=fresh_heading))
        if raw:
            fresh_heading = False
        if i == len(tags):
            break
        tag = tags[i]
        name_match = _TAG_NAME.match(tag)
        name = name_match[1].lower() if name_match else ""
        if tag.startswith("</"):
            if math is not None and len(stack) == math[1]:
                start = math[0]
                tex = html_lib.unescape("".join(out[start + 1 :]))
                if any(m.text in wanted for m in _scan(tex, math_mode=True)):
                    out[start] = _mark_math_tag(out[start])
                math = None
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name) :]
        elif name and not tag.startswith("<!") and not tag.endswith("/>"):
            if name not in ("br", "hr", "img", "input", "wbr", "meta", "link"):
                stack.append(name)
                if math is None and re.search(r'class="[^"]*\bla-math\b', tag):
                    math = (len(out), len(stack))
            fresh_heading = name in _HEADINGS
        out.append(tag)
    return "".join(out)
