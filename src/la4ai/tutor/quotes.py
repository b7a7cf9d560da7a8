"""Choosing what to quote: the sentence or three of a passage that answer a question.

:func:`sentences` splits a passage (Markdown with math) into sentences without breaking
math or code, in *runs* that read on from one sentence to the next; :func:`best_quote`
picks the window of one to three sentences of a run that shares the most, and the rarest,
of the question's words. Quotes are the course's words exactly: nothing is rephrased.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from la4ai.tutor.bm25 import analyze, plain_text
from la4ai.tutor.passages import defined_terms

__all__ = ["best_quote", "sentences"]

MAX_SENTENCES = 3
MAX_WORDS = 90  # a window of several sentences stops growing here
MIN_WORDS = 25  # a shorter quote takes the next sentence along, for context
_DEFINED_WEIGHT = 1.5  # a question's word that a sentence defines (in bold) counts more

_HELD = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$|`[^`\n]+`", re.DOTALL)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z\"“(*_$`\x00])")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)


def sentences(text: str) -> list[list[str]]:
    """The sentences of a passage, each on one line, in runs that read on: a paragraph with
    the display math and the list it introduces, and a paragraph that carries on after its
    math ("where $s$ is …"). Never splits inside math or code."""
    held: list[str] = []

    def hold(match: re.Match[str]) -> str:
        held.append(match.group(0))
        return f"\x00{len(held) - 1}\x00"

    def unmask(sentence: str) -> str:
        return re.sub(r"\x00(\d+)\x00", lambda m: held[int(m.group(1))], sentence)

    runs: list[list[str]] = []
    for unit in re.split(r"\n\s*\n", _HELD.sub(hold, text).strip()):
        is_list = _LIST_ITEM.match(unit) is not None
        flat = " ".join(_LIST_ITEM.sub("", unit).split())
        parts = [unmask(p.strip()) for p in _SENTENCE_END.split(flat) if p.strip()]
        if not parts:
            continue
        if runs and (parts[0][:1].islower() or parts[0].startswith("$$")):
            runs[-1][-1] += "\n\n" + parts.pop(0)  # display math, or text that carries on
            runs[-1] += parts
        elif runs and is_list and runs[-1][-1].endswith(":"):
            runs[-1] += parts  # the list a sentence introduces
        else:
            runs.append(parts)
    return runs


def best_quote(text: str, question_terms: list[str], weight: Callable[[str], float]) -> str:
    """The one to three consecutive sentences of ``text`` that share the most of
    ``question_terms`` (analyzed words, each worth ``weight(term)``), or the passage's
    opening when none shares any; a short quote then takes the next sentence along for
    context. A quote never ends on a colon whose code or figure it cannot show."""
    wanted = set(question_terms)
    best, chosen = -1.0, None
    runs = sentences(text)
    for number, run in enumerate(runs):
        for first in range(len(run)):
            for last in range(first + 1, min(first + MAX_SENTENCES, len(run)) + 1):
                window = run[first:last]
                if last - first > 1 and _words(window) > MAX_WORDS:
                    break
                joined = " ".join(window)
                defined = set(analyze(" ".join(defined_terms(joined))))
                shared = wanted.intersection(analyze(joined))
                value = sum(weight(t) * (_DEFINED_WEIGHT if t in defined else 1) for t in shared)
                value -= 0.001 * len(window)  # of equal quotes, the shorter
                if value > best and not window[-1].endswith(":"):
                    best, chosen = value, (number, first, last)
    if chosen is None:  # every sentence introduces code: the passage is all there is
        return text
    number, first, last = chosen
    return _join(_with_context(runs[number], first, last))


def _with_context(run: list[str], first: int, last: int) -> list[str]:
    while (
        _words(run[first:last]) < MIN_WORDS
        and last < len(run)
        and last - first < MAX_SENTENCES
        and _words(run[first : last + 1]) <= MAX_WORDS
        and not run[last].endswith(":")
    ):
        last += 1
    return run[first:last]


def _words(window: list[str]) -> int:
    return len(plain_text(" ".join(window)).split())


def _join(window: list[str]) -> str:
    """Sentences back into Markdown: display math keeps a blank line after it."""
    text = window[0]
    for sentence in window[1:]:
        text += ("\n\n" if text.endswith("$$") else " ") + sentence
    return text
