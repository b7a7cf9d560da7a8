"""Quiz items made concrete: a seed draws a randomized item's numbers, and the same seed
always draws the same ones, so an answer can be checked against what the learner saw.

A randomized item's ``generate`` code runs with ``np``, ``math``, ``Fraction`` and a seeded
``rng``; it sets ``answer`` and any variables its texts use as ``{{ name }}`` or
``{{ name | filter }}`` (filters: ``tuple`` (default for vectors), ``col``, ``row``,
``list``, ``bmatrix`` (default for matrices)). Content is trusted like app code: authors,
not learners, write it.
"""

from __future__ import annotations

import math
import re
import secrets
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from types import CodeType
from typing import Any

import numpy as np

from la4ai.course.expressions import ExpressionError, parse_number
from la4ai.course.markdown import MathSource, markdown, math_sources, render, render_inline
from la4ai.course.models import ChoiceItem, Mistake, QuizFile, QuizItem
from la4ai.course.views import ChoiceView, QuizItemView
from la4ai.errors import ContentProblem

__all__ = ["Answer", "CompiledQuiz", "QuizInstance", "format_value", "fresh_seed"]

Answer = float | np.ndarray | frozenset[int]
SAMPLE_SEEDS = range(6)
MAX_SEED = 2**31 - 1
_PLACEHOLDER = re.compile(r"\{\{\s*(?P<name>[A-Za-z_]\w*)\s*(?:\|\s*(?P<filter>\w+)\s*)?\}\}")
FILTERS = ("tuple", "col", "row", "list", "bmatrix")


def fresh_seed() -> int:
    return secrets.randbelow(MAX_SEED) + 1


@dataclass(frozen=True)
class QuizInstance:
    """One item with its numbers drawn: what the learner sees and what counts as right."""

    item: QuizItem
    seed: int
    view: QuizItemView
    answer: Answer
    expected_tex: str | None
    explanation_html: str
    mistakes: tuple[tuple[Answer, str], ...]


@dataclass(frozen=True)
class _Draw:
    answer: Answer
    prompt: str
    explanation: str
    mistakes: tuple[tuple[Answer, str], ...]


class QuizDataError(ValueError):
    """An item's data (answer, generated values, placeholders) is unusable."""


def _number(x: float) -> str:
    if float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))
    text = f"{x:.4f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def format_value(value: Any, filter_name: str | None = None) -> str:
    """A generated value as text for a prompt (TeX-friendly)."""
    array = np.asarray(value, dtype=float) if not isinstance(value, str) else None
    if array is None:
        return str(value)
    if array.ndim == 0:
        return _number(float(array))
    if array.ndim == 1:
        items = [_number(v) for v in array]
        if filter_name == "col":
            return r"\begin{bmatrix} " + r" \\ ".join(items) + r" \end{bmatrix}"
        if filter_name == "row":
            return r"\begin{bmatrix} " + " & ".join(items) + r" \end{bmatrix}"
        if filter_name == "list":
            return "[" + ", ".join(items) + "]"
        return "(" + ", ".join(items) + ")"
    if array.ndim == 2:
        rows = [[_number(v) for v in row] for row in array]
        if filter_name == "list":
            return "[" + ", ".join("[" + ", ".join(r) + "]" for r in rows) + "]"
        body = r" \\ ".join(" & ".join(r) for r in rows)
        return r"\begin{bmatrix} " + body + r" \end{bmatrix}"
    raise QuizDataError(f"cannot show a {array.ndim}-D array in text")


def _fill(text: str, variables: dict[str, Any]) -> str:
    def replace(match: re.Match[str]) -> str:
        name, filter_name = match["name"], match["filter"]
        if name not in variables:
            raise QuizDataError(f"placeholder {{{{ {name} }}}} names no variable of `generate`")
        if filter_name is not None and filter_name not in FILTERS:
            raise QuizDataError(f"unknown filter {filter_name!r} (known: {', '.join(FILTERS)})")
        return format_value(variables[name], filter_name)

    return _PLACEHOLDER.sub(replace, text)


def _as_answer(item: QuizItem, value: Any) -> Answer:
    """Coerce an author's or a generator's answer to the item's kind, or QuizDataError."""
    if isinstance(item, ChoiceItem):
        return frozenset(i for i, c in enumerate(item.choices) if c.correct)
    if isinstance(value, str):
        value = parse_number(value)
    elif isinstance(value, list):
        value = [
            [_entry(x) for x in row] if isinstance(row, list) else _entry(row) for row in value
        ]
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise QuizDataError(f"answer {value!r} is not numeric") from None
    want = {"numeric": 0, "vector": 1, "matrix": 2}[item.kind]
    if array.ndim != want:
        names = {0: "a single number", 1: "a vector (1-D)", 2: "a matrix (2-D)"}
        raise QuizDataError(
            f"a {item.kind} item needs {names[want]} as its answer; got shape {array.shape}"
        )
    if array.size == 0 or not np.all(np.isfinite(array)):
        raise QuizDataError("the answer must be finite and non-empty")
    return float(array) if want == 0 else array


def _entry(x: Any) -> float:
    return parse_number(x) if isinstance(x, str) else float(x)


def _expected_tex(item: QuizItem, answer: Answer) -> str | None:
    if isinstance(answer, frozenset):
        return None
    if isinstance(answer, float):
        given = getattr(item, "answer", None)
        if isinstance(given, str) and not re.fullmatch(r"[-+0-9.eE]+", given.strip()):
            return rf"\mathtt{{{given.strip()}}} \approx {_number(answer)}"
        return _number(answer)
    return format_value(answer, "col" if answer.ndim == 1 else None)


class CompiledQuiz:
    """A module's quiz, ready to draw instances. Build it with :meth:`compile`."""

    def __init__(self, file: Path, quiz: QuizFile, lines: dict[str, int]) -> None:
        self.file = file
        self.items: list[QuizItem] = list(quiz.items)
        self._by_id = {item.id: item for item in self.items}
        self._lines = lines
        self._code: dict[str, CodeType] = {}
        self.instance = lru_cache(maxsize=512)(self._instance)

    def item(self, item_id: str) -> QuizItem | None:
        return self._by_id.get(item_id)

    def line_of(self, item_id: str) -> int:
        return self._lines[item_id]

    def compile(self) -> list[ContentProblem]:
        """Compile ``generate`` code and draw every item for a few seeds; problems found."""
        problems: list[ContentProblem] = []
        for item in self.items:
            line = self._lines[item.id]
            generate = getattr(item, "generate", None)
            if generate is not None:
                code_line = self._lines.get(f"{item.id}.generate", line)
                try:
                    code = compile(generate, f"{self.file}:{item.id}", "exec")
                except SyntaxError as exc:
                    where = code_line + (exc.lineno or 1) - 1
                    problems.append(
                        ContentProblem(self.file, where, f"item {item.id!r}: generate: {exc.msg}")
                    )
                    continue
                self._code[item.id] = code
            seeds = SAMPLE_SEEDS if generate is not None else [0]
            for seed in seeds:
                try:
                    self._draw(item, seed)
                except (QuizDataError, ExpressionError) as exc:
                    problems.append(ContentProblem(self.file, line, f"item {item.id!r}: {exc}"))
                    break
                except Exception as exc:
                    problems.append(
                        ContentProblem(
                            self.file,
                            line,
                            f"item {item.id!r}: generate raised {type(exc).__name__}: {exc} "
                            f"(seed {seed})",
                        )
                    )
                    break
        return problems

    def math(self) -> list[MathSource]:
        """TeX in the items' texts, drawn for every sample seed, for typesetting checks."""
        found: list[MathSource] = []
        for item in self.items:
            line = self._lines[item.id]
            texts = [item.prompt, item.explanation]
            if isinstance(item, ChoiceItem):
                texts += [c.text for c in item.choices] + [c.feedback or "" for c in item.choices]
            else:
                texts += [m.message for m in item.mistakes]
            for seed in SAMPLE_SEEDS if item.randomized else [0]:
                variables = self._variables(item, seed)
                for text in texts:
                    found += [
                        MathSource(line, m.tex, m.display)
                        for m in math_sources(markdown().parse(_fill(text, variables)))
                    ]
        return found

    def _variables(self, item: QuizItem, seed: int) -> dict[str, Any]:
        code = self._code.get(item.id)
        if code is None:
            return {}
        base: dict[str, Any] = {
            "np": np,
            "math": math,
            "Fraction": Fraction,
            "rng": np.random.default_rng(seed),
        }
        namespace = dict(base)
        exec(code, namespace)
        if "answer" not in namespace:
            raise QuizDataError("generate must set a variable named `answer`")
        return {k: v for k, v in namespace.items() if k not in base and not k.startswith("_")}

    def _draw(self, item: QuizItem, seed: int) -> _Draw:
        """Numbers, answer and filled-in texts for ``seed``: everything but rendering, so
        validation (which draws every item several times) stays fast."""
        variables = self._variables(item, seed)
        raw_answer = variables["answer"] if item.randomized else getattr(item, "answer", None)
        mistakes = tuple(
            (self._mistake_value(item, m, variables), _fill(m.message, variables))
            for m in getattr(item, "mistakes", [])
        )
        return _Draw(
            answer=_as_answer(item, raw_answer),
            prompt=_fill(item.prompt, variables),
            explanation=_fill(item.explanation, variables),
            mistakes=mistakes,
        )

    def _instance(self, item_id: str, seed: int) -> QuizInstance:
        item = self._by_id[item_id]
        if not item.randomized:
            seed = 0
        draw = self._draw(item, seed)
        answer = draw.answer
        shape = None if isinstance(answer, float | frozenset) else list(answer.shape)
        choices = None
        if isinstance(item, ChoiceItem):
            choices = [
                ChoiceView(index=i, html=render_inline(c.text)) for i, c in enumerate(item.choices)
            ]
        view = QuizItemView(
            id=item.id,
            kind=item.kind,
            prompt_html=render(draw.prompt),
            randomized=item.randomized,
            seed=seed,
            shape=shape,
            choices=choices,
            multiple=isinstance(item, ChoiceItem) and item.multiple,
        )
        return QuizInstance(
            item=item,
            seed=seed,
            view=view,
            answer=answer,
            expected_tex=_expected_tex(item, answer),
            explanation_html=render(draw.explanation),
            mistakes=draw.mistakes,
        )

    def _mistake_value(self, item: QuizItem, mistake: Mistake, variables: dict[str, Any]) -> Answer:
        value: Any = mistake.value
        if isinstance(value, str) and value.isidentifier() and value not in {"pi", "e", "tau"}:
            if value not in variables:
                raise QuizDataError(f"mistake value {value!r} names no variable of `generate`")
            value = variables[value]
        try:
            return _as_answer(item, value)
        except QuizDataError as exc:
            raise QuizDataError(f"mistake {mistake.value!r}: {exc}") from None
