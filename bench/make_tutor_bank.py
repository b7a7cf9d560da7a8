"""The tutor's question bank: questions as data, expected answers computed here.

Every expected answer is computed in this script from the question's inputs, exactly with
SymPy (floats in a question are read as the decimals they spell), and checked a second way
with NumPy (or by substituting it back), so that a slip in either shows up when the bank is
built. Nothing here imports la4ai's tutor: the bank must not share a bug with the solver
it judges.

A question is a template plus its inputs. ``{A}`` in a template is replaced by input ``A``
written in the question's notation; ``{u:tuple}`` picks another notation for one input.
Notations: ``python`` (``[[1, 2], [3, 4]]``), ``matlab`` (``[1 2; 3 4]``), ``pmatrix`` and
``bmatrix`` (LaTeX), ``tuple`` (``(1, 2, 3)``, vectors only) and ``words`` (no matrices).

    python -m bench.make_tutor_bank           # writes bench/tutor_bank.jsonl
    python -m bench.make_tutor_bank --check   # exits 1 if the committed file is stale
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # also `python bench/<name>.py`

from bench.tutor_bank_answers import ANSWERS, with_modifier
from bench.tutor_bank_questions import QUESTIONS, Question

BANK = Path(__file__).resolve().parent / "tutor_bank.jsonl"

# the bank's notation field: which matrix notation the question is written in
NOTATION = {
    "python": "python",
    "matlab": "matlab",
    "pmatrix": "latex",
    "bmatrix": "latex",
    "tuple": "words",
    "words": "words",
}
PLACEHOLDER = re.compile(r"\{([A-Za-z]\w*)(?::(\w+))?\}")


# --- writing numbers, vectors and matrices in each notation ----------------------------


def write_number(x: Any, style: str) -> str:
    if isinstance(x, bool) or not isinstance(x, int | float | str):
        raise TypeError(f"not a number: {x!r}")
    text = repr(x) if isinstance(x, float) else str(x)
    if style in ("pmatrix", "bmatrix") and isinstance(x, str) and "/" in x:
        numerator, denominator = x.split("/")
        sign = "-" if numerator.startswith("-") else ""
        return f"{sign}\\frac{{{numerator.lstrip('-')}}}{{{denominator}}}"
    return text


def write_math(value: list[Any], style: str) -> str:
    """A vector (flat list) or a matrix (list of rows) in ``style``; in ``tuple`` style a
    list of rows is a list of points."""
    is_matrix = isinstance(value[0], list)
    rows: list[list[Any]] = value if is_matrix else [value]
    cells = [[write_number(x, style) for x in row] for row in rows]
    if style == "python":
        inner = ", ".join("[" + ", ".join(row) + "]" for row in cells)
        return f"[{inner}]" if is_matrix else inner
    if style == "matlab":
        return "[" + "; ".join(" ".join(row) for row in cells) + "]"
    if style in ("pmatrix", "bmatrix"):
        if not is_matrix:  # a vector is a column in LaTeX
            cells = [[x] for x in cells[0]]
        body = r" \\ ".join(" & ".join(row) for row in cells)
        return f"\\begin{{{style}}} {body} \\end{{{style}}}"
    if style == "tuple":  # a vector, or a list of vectors (points) one after another
        return ", ".join("(" + ", ".join(row) + ")" for row in cells)
    raise ValueError(f"cannot write {value!r} in {style!r} notation")


def is_equations(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and "=" in v for v in value)


def write_input(value: Any, style: str) -> str:
    """An input as the question shows it: equations joined (``{eqs:and}`` with "and",
    ``{eqs}`` with commas), vectors and matrices in ``style``, anything else as text."""
    if is_equations(value):
        if style == "and":
            return ", ".join(value[:-1]) + f" and {value[-1]}"
        return ", ".join(value)
    if isinstance(value, list):
        return write_math(value, style)
    return str(value)


def question_text(question: Question) -> str:
    def fill(match: re.Match[str]) -> str:
        name, style = match.group(1), match.group(2) or question.style
        if name not in question.inputs:
            return match.group(0)  # LaTeX braces such as A^{-1} stay as they are
        value = question.inputs[name]
        if style == "words" and isinstance(value, list) and not is_equations(value):
            raise ValueError(f"{question.template!r}: {{{name}}} needs a math notation")
        return write_input(value, style)

    return PLACEHOLDER.sub(fill, question.template)


# --- the bank --------------------------------------------------------------------------


def build_bank() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for topic, questions in QUESTIONS.items():
        answer = ANSWERS[topic]
        for number, question in enumerate(questions, start=1):
            item: dict[str, Any] = {
                "id": f"{question_prefix(topic)}-{number:02d}",
                "topic": topic,
                "notation": NOTATION[question.style],
                "q": question_text(question),
                "expect": answer(with_modifier(question.inputs)),
            }
            if topic == "qr":
                item["matrix"] = item["expect"].pop("matrix")
            items.append(item)
    ids = [item["id"] for item in items]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ValueError(f"duplicate ids: {sorted(duplicates)}")
    return items


PREFIXES = {
    "characteristic-polynomial": "charpoly",
    "condition-number": "cond",
    "cosine-similarity": "cos",
    "determinant": "det",
    "diagonalizability": "diag",
    "eigenvalues": "eig",
    "eigenvectors": "evec",
    "gram-schmidt": "gs",
    "independence": "indep",
    "invertibility": "invertible",
    "least-squares": "lsq",
    "linear-system": "sys",
    "matrix-system": "axb",
    "normalization": "unit",
    "positive-definite": "posdef",
    "projection-matrix": "projmat",
    "quantization": "quant",
    "singular-values": "sv",
    "span-membership": "span",
    "transpose": "transp",
}


def question_prefix(topic: str) -> str:
    return PREFIXES.get(topic, topic)


def bank_text(items: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the committed bank differs from a rebuild"
    )
    args = parser.parse_args()
    text = bank_text(build_bank())
    if args.check:
        if not BANK.exists() or BANK.read_text("utf-8") != text:
            sys.exit(f"{BANK.name} is stale: run `python -m bench.make_tutor_bank`")
        print(f"{BANK.name} is up to date ({text.count(chr(10))} questions)", file=sys.stderr)
        return
    BANK.write_text(text, "utf-8")
    print(f"wrote {BANK} ({text.count(chr(10))} questions)", file=sys.stderr)


if __name__ == "__main__":
    main()
