"""Reading a question: the math objects in it, and the words around them.

A question is scanned once, left to right. Matrices and vectors in any of the notations
the course uses (Python lists ``[[1, 2], [3, 4]]``, MATLAB ``[1 2; 3 4]``, LaTeX
``\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}``, tuples ``(1, 2, 3)``) become
:class:`MathObject` s; runs of algebra with an ``=`` become :class:`Equation` s; what is
left is the question's words, from which :mod:`la4ai.tutor.intent` reads what is asked.

Entries and equations are read by a small recursive-descent parser (:class:`ExprParser`)
that builds SymPy expressions from tokens. Nothing here ever evaluates text as Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sympy as sp

__all__ = [
    "Equation",
    "Loose",
    "MathObject",
    "ParseError",
    "Parsed",
    "parse_expression",
    "parse_question",
]


class ParseError(ValueError):
    """The question has math in it that cannot be read; the message says what and where."""


@dataclass
class MathObject:
    """A matrix (``kind="matrix"``) or a vector (``kind="vector"``), with the name the
    question gave it (``A = …``) if any. ``rows`` holds SymPy numbers."""

    kind: str
    rows: list[list[sp.Expr]]
    notation: str
    name: str | None = None
    start: int = 0
    end: int = 0
    exponent: int | None = None  # ``[[…]]^3``
    transposed: bool = False  # ``[[…]]^T``
    suffix_by_name: bool = False  # the suffix was written on the name (``A^T`` for A = …)

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.rows), len(self.rows[0])

    @property
    def entries(self) -> list[sp.Expr]:
        return [entry for row in self.rows for entry in row]

    def as_vector(self) -> list[sp.Expr]:
        """A vector's entries (a row or a column matrix counts as a vector)."""
        if self.kind == "vector":
            return self.rows[0]
        if len(self.rows) == 1:
            return self.rows[0]
        if all(len(row) == 1 for row in self.rows):
            return [row[0] for row in self.rows]
        raise ParseError("expected a vector but found a matrix")


@dataclass
class Equation:
    lhs: sp.Expr
    rhs: sp.Expr
    text: str

    @property
    def symbols(self) -> set[sp.Symbol]:
        found: set[sp.Symbol] = (self.lhs - self.rhs).free_symbols
        return found


@dataclass
class Loose:
    """A number standing in the prose (``rank 8``, ``4096 x 4096``), with the word before."""

    value: sp.Expr
    before: str
    after: str


@dataclass
class Parsed:
    text: str
    words: list[str]
    objects: list[MathObject] = field(default_factory=list)
    equations: list[Equation] = field(default_factory=list)
    loose: list[Loose] = field(default_factory=list)
    dims: list[tuple[int, int]] = field(default_factory=list)
    unknowns: list[str] = field(default_factory=list)  # "… for a." / "solve for x and y"
    sequence: list[str] = field(default_factory=list)  # words with ``⟨k⟩`` for object k
    assignments: dict[str, sp.Expr] = field(default_factory=dict)  # ``r = 16``, ``d_in = 1024``
    operators: list[tuple[int, str, int]] = field(default_factory=list)  # ``⟨0⟩ @ ⟨1⟩``
    product_names: list[str] = field(default_factory=list)  # ``AB`` with A and B named
    matrix_equation: tuple[str, str, str] | None = None  # ``Ax = b`` → ("A", "x", "b")
    masked: str = ""  # the question with each object replaced by ``⟨k⟩``

    def position(self, phrase: str) -> int:
        """Index in :attr:`sequence` where ``phrase`` starts (-1 when absent)."""
        parts = phrase.split()
        for index in range(len(self.sequence) - len(parts) + 1):
            if self.sequence[index : index + len(parts)] == parts:
                return index
        return -1

    def objects_after(self, phrase: str) -> list[MathObject]:
        """Objects named after ``phrase`` in the question, in order."""
        at = self.position(phrase)
        if at < 0:
            return []
        return [
            self.objects[int(token[1:-1])] for token in self.sequence[at:] if token.startswith("⟨")
        ]

    @property
    def matrices(self) -> list[MathObject]:
        return [obj for obj in self.objects if obj.kind == "matrix"]

    @property
    def vectors(self) -> list[MathObject]:
        return [obj for obj in self.objects if obj.kind == "vector"]

    def named(self, name: str) -> MathObject | None:
        for obj in self.objects:
            if obj.name == name:
                return obj
        return None

    def has_word(self, *words: str) -> bool:
        return any(word in self.words for word in words)

    def has_phrase(self, phrase: str) -> bool:
        return f" {phrase} " in f" {' '.join(self.words)} "


# --- text normalisation -------------------------------------------------------------

_REPLACEMENTS = {
    "\u2212": "-",  # minus sign
    "\u2013": "-",
    "\u2014": " - ",
    "\u00d7": " × ",
    "\u22c5": "*",
    "\u00b7": "*",
    "\u2217": "*",
    "\u1d40": "^T",
    "\u00b2": "^2",
    "\u00b3": "^3",
    "\u221a": "sqrt",
    "\u03bb": " lambda ",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00a0": " ",
    "\\left": "",
    "\\right": "",
    "\\,": " ",
    "\\;": " ",
    "\\!": "",
    "\\quad": " ",
    "\\cdot": "*",
    "\\times": " × ",
    "\\top": "T",
}


def normalise(text: str) -> str:
    for old, new in _REPLACEMENTS.items():
        text = text.replace(old, new)
    return text


# --- expressions ----------------------------------------------------------------------

_TOKEN = re.compile(
    r"\s*(?:"
    r"(?P<number>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)"
    r"|(?P<command>\\[a-zA-Z]+)"
    r"|(?P<name>[A-Za-z](?:_?\{?\d+\}?)?(?![A-Za-z]))"
    r"|(?P<word>[A-Za-z]{2,})"
    r"|(?P<op>\*\*|[-+*/^(){}])"
    r")"
)

_FUNCTIONS = {"sqrt": sp.sqrt}
_CONSTANTS = {"pi": sp.pi}


@dataclass
class _Tok:
    kind: str
    text: str


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            if text[pos:].strip() == "":
                break
            raise ParseError(f"cannot read {text[pos : pos + 12]!r}")
        kind = match.lastgroup
        assert kind is not None
        out.append(_Tok(kind, match.group(kind)))
        pos = match.end()
    return out


class ExprParser:
    """expr := term (('+'|'-') term)* ; term := unary (('*'|'/'|implicit) unary)* ;
    unary := ('-'|'+') unary | power ; power := atom (('^'|'**') unary)? ;
    atom := number | name | sqrt(expr) | \\frac{expr}{expr} | \\sqrt{expr} | pi | (expr)."""

    def __init__(self, text: str, *, allow_symbols: bool) -> None:
        self.toks = _tokens(text)
        self.pos = 0
        self.allow_symbols = allow_symbols
        self.text = text

    def peek(self) -> _Tok | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def take(self, text: str | None = None) -> _Tok:
        tok = self.peek()
        if tok is None or (text is not None and tok.text != text):
            want = f"{text!r}" if text else "more"
            raise ParseError(f"expected {want} in {self.text.strip()!r}")
        self.pos += 1
        return tok

    def parse(self) -> sp.Expr:
        if not self.toks:
            raise ParseError("an empty entry")
        value = self.expr()
        if self.peek() is not None:
            raise ParseError(f"cannot read {self.text.strip()!r}")
        return value

    def expr(self) -> sp.Expr:
        value = self.term()
        while (tok := self.peek()) is not None and tok.text in "+-" and tok.kind == "op":
            self.pos += 1
            right = self.term()
            value = value + right if tok.text == "+" else value - right
        return value

    def _starts_atom(self, tok: _Tok | None) -> bool:
        if tok is None:
            return False
        if tok.kind in ("number", "name", "command"):
            return True
        if tok.kind == "word":
            return tok.text in _FUNCTIONS or tok.text in _CONSTANTS
        return tok.text in ("(", "{")

    def term(self) -> sp.Expr:
        value = self.unary()
        while True:
            tok = self.peek()
            if tok is not None and tok.kind == "op" and tok.text in ("*", "/"):
                self.pos += 1
                right = self.unary()
                if tok.text == "*":
                    value = value * right
                else:
                    if right == 0:
                        raise ParseError("division by zero")
                    value = value / right
            elif self._starts_atom(tok):
                value = value * self.power()  # implicit multiplication: 2x, 3(x + 1)
            else:
                return value

    def unary(self) -> sp.Expr:
        tok = self.peek()
        if tok is not None and tok.kind == "op" and tok.text in "+-":
            self.pos += 1
            value = self.unary()
            return -value if tok.text == "-" else value
        return self.power()

    def power(self) -> sp.Expr:
        base = self.atom()
        tok = self.peek()
        if tok is not None and tok.text in ("^", "**"):
            self.pos += 1
            exponent = self.unary()
            if exponent.free_symbols or abs(exponent) > 64:
                raise ParseError("exponents must be small numbers")
            return base**exponent
        return base

    def _braced(self) -> sp.Expr:
        self.take("{")
        value = self.expr()
        self.take("}")
        return value

    def atom(self) -> sp.Expr:
        tok = self.take()
        if tok.kind == "number":
            return _number(tok.text)
        if tok.kind == "command":
            name = tok.text[1:]
            if name in ("frac", "dfrac", "tfrac"):
                top = self._braced()
                bottom = self._braced()
                if bottom == 0:
                    raise ParseError("division by zero")
                return top / bottom
            if name == "sqrt":
                return sp.sqrt(self._braced())
            if name == "pi":
                return sp.pi
            raise ParseError(f"unknown command {tok.text}")
        if tok.kind == "word":
            if tok.text in _FUNCTIONS:
                self.take("(")
                inner = self.expr()
                self.take(")")
                return _FUNCTIONS[tok.text](inner)
            if tok.text in _CONSTANTS:
                return _CONSTANTS[tok.text]
            raise ParseError(f"unexpected word {tok.text!r}")
        if tok.kind == "name":
            if not self.allow_symbols:
                raise ParseError(f"a matrix entry must be a number, not {tok.text!r}")
            return sp.Symbol(tok.text.replace("{", "").replace("}", ""))
        if tok.text == "(":
            value = self.expr()
            self.take(")")
            return value
        if tok.text == "{":
            value = self.expr()
            self.take("}")
            return value
        raise ParseError(f"unexpected {tok.text!r}")


def _number(text: str) -> sp.Expr:
    """Integers and decimals as exact rationals (0.1 is 1/10: what the learner typed)."""
    if re.fullmatch(r"\d+", text):
        return sp.Integer(int(text))
    return sp.Rational(text)


def parse_expression(text: str, *, allow_symbols: bool = False) -> sp.Expr:
    value = ExprParser(normalise(text), allow_symbols=allow_symbols).parse()
    if not allow_symbols and value.free_symbols:
        raise ParseError(f"{text!r} is not a number")
    if not allow_symbols and not value.is_real:
        raise ParseError(f"{text!r} is not a real number")
    return value


# --- matrices and vectors --------------------------------------------------------------

_LATEX_ENV = re.compile(
    r"\\begin\{(?P<env>[pbvBV]?matrix|array)\}(?:\{[^}]*\})?(?P<body>.*?)\\end\{(?P=env)\}",
    re.DOTALL,
)


def _latex_rows(body: str) -> list[list[sp.Expr]]:
    rows = []
    for line in re.split(r"\\\\", body):
        if not line.strip():
            continue
        rows.append([parse_expression(cell) for cell in line.split("&")])
    return rows


def _matching(text: str, start: int, open_: str, close: str) -> int:
    """Index of the bracket closing the one at ``start`` (or -1)."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == open_:
            depth += 1
        elif text[index] == close:
            depth -= 1
            if depth == 0:
                return index
    return -1


def _split_top(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        if char == sep and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


_MATLAB_SPLIT = re.compile(r"(?<=[\w).])\s+(?=[-+]?[\w(.\\])")


def _matlab_entries(row: str) -> list[str]:
    """Entries of a MATLAB row: commas, or spaces (``1 -2`` is two entries, ``1 - 2`` one)."""
    if "," in row:
        return _split_top(row, ",")
    row = re.sub(r"\s*([*/^])\s*", r"\1", row.strip())
    row = re.sub(r"(?<=[\w)])\s+([-+])\s+(?=[\w(])", r"\1", row)
    return [part for part in _MATLAB_SPLIT.split(row) if part.strip()]


def _bracket_object(body: str) -> tuple[str, list[list[sp.Expr]], str]:
    """Parse the inside of ``[...]``: a nested list, a MATLAB matrix or a flat vector."""
    inner = body.strip()
    if inner.startswith("["):
        parts = [part.strip() for part in _split_top(inner, ",")]
        rows = []
        for part in parts:
            if not (part.startswith("[") and part.endswith("]")):
                raise ParseError("a nested list must hold only lists, like [[1, 2], [3, 4]]")
            rows.append([parse_expression(cell) for cell in _split_top(part[1:-1], ",")])
        return "matrix", rows, "python"
    if ";" in inner:
        rows = [
            [parse_expression(cell) for cell in _matlab_entries(row)]
            for row in inner.split(";")
            if row.strip()
        ]
        if all(len(row) == 1 for row in rows):
            return "vector", [[row[0] for row in rows]], "matlab"
        return "matrix", rows, "matlab"
    entries = _matlab_entries(inner)
    return "vector", [[parse_expression(cell) for cell in entries]], "list"


def _check_rectangular(rows: list[list[sp.Expr]]) -> None:
    if not rows or not rows[0]:
        raise ParseError("an empty matrix")
    widths = {len(row) for row in rows}
    if len(widths) != 1:
        raise ParseError(
            "the rows of this matrix have different lengths "
            f"({', '.join(str(len(row)) for row in rows)}): every row needs the same number "
            "of entries"
        )
    if len(rows) * len(rows[0]) > 400:
        raise ParseError("matrices up to 20×20 entries, please")


_NAME_BEFORE = re.compile(r"(?:^|[\s,(:])(?P<name>[A-Za-z](?:_?\d)?)\s*(?:=|:=|:)\s*$")
_SUFFIX = re.compile(r"\s*(?:\^|\*\*)\s*(?:\{\s*)?(?P<exp>T|\\top|\d+|-1)(?:\s*\})?")


def _name_before(text: str, start: int) -> str | None:
    match = _NAME_BEFORE.search(text[max(0, start - 12) : start])
    return match.group("name") if match else None


def _extract_objects(text: str) -> tuple[list[MathObject], str]:
    """Find every matrix and vector; return them and the text with each replaced by a
    placeholder ``⟨k⟩`` (so that the rest of the scan does not read their numbers)."""
    objects: list[MathObject] = []
    out: list[str] = []
    pos = 0

    def add(obj: MathObject, end: int) -> int:
        nonlocal pos
        suffix = _SUFFIX.match(text, end)
        if suffix is not None:
            exp = suffix.group("exp")
            if exp in ("T", "\\top"):
                obj.transposed = True
            else:
                obj.exponent = int(exp)
            end = suffix.end()
        obj.end = end
        name = _name_before(text, obj.start)
        obj.name = name
        out.append(f" ⟨{len(objects)}⟩ ")
        objects.append(obj)
        pos = end
        return end

    while pos < len(text):
        char = text[pos]
        if text.startswith("\\begin{", pos):
            match = _LATEX_ENV.match(text, pos)
            if match is None:
                raise ParseError("a LaTeX matrix is not closed with a matching \\end{…}")
            rows = _latex_rows(match.group("body"))
            _check_rectangular(rows)
            kind = "matrix"
            if len(rows[0]) == 1 or len(rows) == 1:
                kind = "vector"
                rows = [[row[0] for row in rows]] if len(rows[0]) == 1 else rows
            add(MathObject(kind, rows, "latex", start=pos), match.end())
            continue
        if char == "[":
            close = _matching(text, pos, "[", "]")
            if close < 0:
                raise ParseError("a '[' is never closed")
            body = text[pos + 1 : close]
            if not re.search(r"\d", body) or "\\begin{" in body:  # "\left[ \begin{matrix}…"
                out.append(char)
                pos += 1
                continue
            kind, rows, notation = _bracket_object(body)
            _check_rectangular(rows)
            add(MathObject(kind, rows, notation, start=pos), close + 1)
            continue
        if char == "(":
            close = _matching(text, pos, "(", ")")
            body = text[pos + 1 : close] if close > 0 else ""
            if close > 0 and "," in body and re.fullmatch(r"[\s\d.,/+\-^*()\\{}a-z]*", body):
                cells = _split_top(body, ",")
                try:
                    values = [parse_expression(cell) for cell in cells]
                except ParseError:
                    values = []
                if len(values) >= 2:
                    add(MathObject("vector", [values], "tuple", start=pos), close + 1)
                    continue
        out.append(char)
        pos += 1
    return objects, "".join(out)


# --- equations and words -----------------------------------------------------------------

_DIMS = re.compile(r"(\d+)\s*(?:×|x|by|\*)\s*(\d+)", re.IGNORECASE)
_FOR_UNKNOWNS = re.compile(
    r"\bfor\s+((?:[A-Za-z](?:_?\d+)?)(?:\s*(?:,|and)\s*[A-Za-z](?:_?\d+)?)*)\s*[.?!]?\s*$"
)
_WORD = re.compile(r"[a-z][a-z0-9'-]*|\d+(?:\.\d+)?|⟨\d+⟩")
_LEADING_UNKNOWNS = re.compile(
    r"^\s*(?:please\s+)?(?:find|solve\s+for|what\s+is|what\s+are|compute|determine)\s+"
    r"((?:[A-Za-z](?:_?\d+)?)(?:\s*(?:,|and)\s*[A-Za-z](?:_?\d+)?)*)\s*(?::|,|\bif\b|\bgiven\b|"
    r"\bwhen\b|\bwhere\b|\bfrom\b)",
    re.IGNORECASE,
)
_ASSIGNMENT = re.compile(r"(?<![\w.])([A-Za-z][A-Za-z_]*\d*)\s*=\s*(-?\d+(?:\.\d+)?)(?![\w.])")
_NAMED_SUFFIX = re.compile(r"(?<![A-Za-z])([A-Z])\s*(?:\^|\*\*)\s*\{?\s*(T|-1|\d+)\s*\}?")
_BETWEEN = re.compile(r"⟨(\d+)⟩\s*(@|\*|×|\+)\s*⟨(\d+)⟩")
_NAMED_PRODUCT = re.compile(r"(?<![A-Za-z])([A-Z])\s*(?:\*|@)?\s*([A-Z])(?![A-Za-z])")
_MATRIX_EQUATION = re.compile(r"(?<![A-Za-z])([A-Z])\s*\*?\s*([a-z])\s*=\s*([a-z])(?![A-Za-z])")


_PROSE_WORD = re.compile(r"(?<![A-Za-z\\])[A-Za-z]{2,}(?![A-Za-z])")
_MATH_WORDS = {"sqrt", "pi"}


def _after_last_word(text: str) -> str:
    """The end of ``text`` after its last prose word (``Solve 2x - y`` → ``2x - y``)."""
    cut = 0
    for match in _PROSE_WORD.finditer(text):
        if match.group().lower() not in _MATH_WORDS:
            cut = match.end()
    return text[cut:]


def _before_first_word(text: str) -> str:
    for match in _PROSE_WORD.finditer(text):
        if match.group().lower() not in _MATH_WORDS:
            return text[: match.start()]
    return text


def _equations(text: str) -> tuple[list[Equation], str]:
    found: list[Equation] = []
    rest = text
    for candidate in re.split(r",|;|\band\b|\n|(?<!\d)\.(?!\d)|\?|:", text):
        if "=" not in candidate:
            continue
        sides = candidate.split("=")
        if len(sides) != 2:
            continue
        lhs_text, rhs_text = _after_last_word(sides[0]), _before_first_word(sides[1])
        if "⟨" in lhs_text or "⟨" in rhs_text or not lhs_text.strip() or not rhs_text.strip():
            continue
        prose = sides[0][: len(sides[0]) - len(lhs_text)] + " " + sides[1][len(rhs_text) :]
        sides = [lhs_text, rhs_text]
        piece = " = ".join(side.strip() for side in sides)
        try:
            lhs = parse_expression(sides[0], allow_symbols=True)
            rhs = parse_expression(sides[1], allow_symbols=True)
        except ParseError:
            continue
        if not (lhs - rhs).free_symbols:
            continue
        found.append(Equation(lhs, rhs, piece))
        rest = rest.replace(candidate, f" {prose} ", 1)
    return found, rest


def parse_question(question: str) -> Parsed:
    """Read ``question``. Raises :class:`ParseError` for math it cannot read (a ragged
    matrix, an unclosed bracket): the tutor declines with that message."""
    text = normalise(question)
    objects, rest = _extract_objects(text)
    masked = rest
    names = {obj.name: obj for obj in objects if obj.name}
    for match in _NAMED_SUFFIX.finditer(rest):
        target = names.get(match.group(1))
        if target is not None and target.exponent is None and not target.transposed:
            target.suffix_by_name = True
            if match.group(2) == "T":
                target.transposed = True
            else:
                target.exponent = int(match.group(2))
    operators = [(int(a), op, int(b)) for a, op, b in _BETWEEN.findall(rest)]
    product_names: list[str] = []
    for pair in _NAMED_PRODUCT.finditer(rest):
        if pair.group(1) in names and pair.group(2) in names:
            product_names = [pair.group(1), pair.group(2)]
            break
    matrix_equation = None
    system = _MATRIX_EQUATION.search(rest)
    if system is not None and system.group(1) in names:
        matrix_equation = (system.group(1), system.group(2), system.group(3))
    assignments = {
        name: _number(value.lstrip("-")) * (-1 if value.startswith("-") else 1)
        for name, value in _ASSIGNMENT.findall(rest)
    }
    unknowns: list[str] = []
    trailing = _FOR_UNKNOWNS.search(rest)
    if trailing is not None and "=" in rest[: trailing.start()]:
        unknowns = [u for u in re.split(r"\s*(?:,|and)\s*", trailing.group(1).strip()) if u]
        rest = rest[: trailing.start()]
    leading = _LEADING_UNKNOWNS.match(rest)
    if leading is not None and not unknowns and matrix_equation is None:
        unknowns = [u for u in re.split(r"\s*(?:,|and)\s*", leading.group(1).strip()) if u]
    equations, rest = _equations(rest)
    if unknowns and equations:
        symbols = {s.name for e in equations for s in e.symbols}
        if not set(unknowns) <= symbols:
            unknowns = []
    dims = [(int(a), int(b)) for a, b in _DIMS.findall(rest)]
    words = _WORD.findall(rest.lower().replace("-", " ").replace("_", " "))
    loose: list[Loose] = []
    plain = [w for w in words if not w.startswith("⟨")]
    for index, word in enumerate(plain):
        if re.fullmatch(r"\d+(?:\.\d+)?", word):
            before = plain[index - 1] if index else ""
            after = plain[index + 1] if index + 1 < len(plain) else ""
            loose.append(Loose(_number(word), before, after))
    return Parsed(
        text=question,
        words=[w for w in words if not w.startswith("⟨")],
        objects=objects,
        equations=equations,
        loose=loose,
        dims=dims,
        unknowns=unknowns,
        sequence=words,
        assignments=assignments,
        operators=operators,
        product_names=product_names,
        matrix_equation=matrix_equation,
        masked=masked,
    )
