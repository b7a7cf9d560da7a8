"""Matrix expressions in a question: ``2A``, ``A + B``, ``AB − BA``, ``AᵀA``, ``xᵀAx``.

:func:`find_expression` finds, in the question's text (with its matrices and vectors
replaced by ``⟨k⟩`` placeholders), a run of algebra over the question's objects that is
more than one bare object — a scalar multiple, a sum or difference, a product, a
transpose inside a product. :func:`evaluate` computes it exactly, keeping the order of
products (matrix multiplication does not commute). The tutor then answers the question
about that one matrix; the receipt re-computes the expression with NumPy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy as sp

from la4ai.tutor.parse import MathObject, Parsed, ParseError

__all__ = ["Expression", "evaluate", "find_expression", "numpy_code", "object_value"]

_TOKEN = re.compile(
    r"\s*(?:(?P<ref>⟨\d+⟩)|(?P<number>\d+(?:\.\d+)?(?:/\d+)?)|(?P<name>[A-Za-z])(?![A-Za-z])"
    r"|(?P<glued>[A-Z]{2,4})(?![A-Za-z])|(?P<op>\^\s*\{?\s*(?:T|-1|\d+)\s*\}?|[-+*@()])|(?P<other>\S))"
)


@dataclass(frozen=True)
class Token:
    kind: str  # ref | number | op
    text: str
    index: int = -1  # the object, for refs


@dataclass(frozen=True)
class Expression:
    tokens: tuple[Token, ...]

    def describe(self, objects: list[MathObject]) -> str:
        """The expression with each object written by its name (or M1, M2, …)."""
        parts = []
        for token in self.tokens:
            parts.append(_label(objects, token.index) if token.kind == "ref" else token.text)
        return " ".join(parts).replace("( ", "(").replace(" )", ")")


def _label(objects: list[MathObject], index: int) -> str:
    return objects[index].name or f"M{index + 1}"


def _tokens(text: str, parsed: Parsed) -> list[Token | None]:
    """Tokens of the text; None for anything that breaks an expression (prose, '=')."""
    names = {obj.name: i for i, obj in enumerate(parsed.objects) if obj.name}
    out: list[Token | None] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        value = match.group(kind) if kind else ""
        if kind == "ref":
            out.append(Token("ref", value, int(value[1:-1])))
        elif kind == "number":
            out.append(Token("number", value))
        elif kind == "name" and value in names:
            out.append(Token("ref", value, names[value]))
        elif kind == "glued" and all(letter in names for letter in value):
            out.extend(Token("ref", letter, names[letter]) for letter in value)  # "AB"
        elif kind == "op":
            out.append(Token("op", re.sub(r"[\s{}]", "", value)))
        else:
            out.append(None)
    return out


def find_expression(parsed: Parsed, text: str) -> Expression | None:
    """The one compound expression over the question's objects, if there is one."""
    tokens = _tokens(text, parsed)
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in [*tokens, None]:
        if token is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(token)
    found = []
    for run in runs:
        while run and run[-1].kind == "op" and run[-1].text in "+-*@(":
            run = run[:-1]  # a dangling operator belongs to the prose around it
        while run and run[0].kind == "op" and run[0].text in "+*@)":
            run = run[1:]
        refs = [t for t in run if t.kind == "ref"]
        if not refs:
            continue
        compound = (
            len(refs) >= 2
            or any(t.kind == "number" for t in run)
            or any(t.kind == "op" and t.text in "+-" for t in run[1:])
            or any(t.kind == "op" and t.text.startswith("^") for t in run)
        )
        if compound:
            found.append(Expression(tuple(run)))
    if len(found) > 1:
        raise ParseError("I can compute one matrix expression per question")
    return found[0] if found else None


class _Parser:
    """expr := term (('+'|'-') term)* ; term := unary (('*'|'@'|implicit) unary)* ;
    unary := '-' unary | postfix ; postfix := atom ('^T' | '^k' | '^-1')* ;
    atom := number | object | '(' expr ')'.

    Builds a tree of tuples: ``("num", text)``, ``("ref", index)``, ``("neg", a)``,
    ``("add" | "sub" | "mul", a, b)``, ``("T", a)``, ``("pow", a, k)``."""

    def __init__(self, expression: Expression) -> None:
        self.tokens = list(expression.tokens)
        self.pos = 0

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def run(self) -> tuple[object, ...]:
        tree = self.expr()
        left = self.peek()
        if left is not None:
            raise ParseError(f"cannot read the expression near {left.text!r}")
        return tree

    def expr(self) -> tuple[object, ...]:
        tree = self.term()
        while (token := self.peek()) is not None and token.kind == "op" and token.text in "+-":
            self.pos += 1
            tree = ("add" if token.text == "+" else "sub", tree, self.term())
        return tree

    def term(self) -> tuple[object, ...]:
        tree = self.unary()
        while (token := self.peek()) is not None:
            if token.kind == "op" and token.text in "*@":
                self.pos += 1
            elif not (token.kind in ("ref", "number") or token.text == "("):
                break
            tree = ("mul", tree, self.unary())
        return tree

    def unary(self) -> tuple[object, ...]:
        token = self.peek()
        if token is not None and token.kind == "op" and token.text == "-":
            self.pos += 1
            return ("neg", self.unary())
        return self.postfix()

    def postfix(self) -> tuple[object, ...]:
        tree = self.atom()
        while (token := self.peek()) is not None and token.text.startswith("^"):
            self.pos += 1
            power = token.text[1:]
            tree = ("T", tree) if power == "T" else ("pow", tree, int(power))
        return tree

    def atom(self) -> tuple[object, ...]:
        token = self.peek()
        if token is None:
            raise ParseError("the expression ends too early")
        self.pos += 1
        if token.kind == "number":
            return ("num", token.text)
        if token.kind == "ref":
            return ("ref", token.index)
        if token.text == "(":
            tree = self.expr()
            closing = self.peek()
            if closing is None or closing.text != ")":
                raise ParseError("a '(' in the expression is never closed")
            self.pos += 1
            return tree
        raise ParseError(f"unexpected {token.text!r} in the expression")


def object_value(obj: MathObject) -> sp.Matrix:
    """The object as a matrix (a vector as a column), with a suffix written on the object
    itself (``[[…]]^2``) applied; a suffix on its name is part of the expression."""
    if obj.kind == "vector":
        return sp.Matrix(obj.as_vector())
    value = sp.Matrix(obj.rows)
    if not obj.suffix_by_name:
        if obj.transposed:
            value = value.T
        if obj.exponent is not None:
            value = value**obj.exponent
    return value


def _value(tree: tuple[object, ...], objects: list[MathObject]) -> sp.Matrix | sp.Expr:
    kind = tree[0]
    if kind == "num":
        return sp.Rational(str(tree[1]))
    if kind == "ref":
        return object_value(objects[int(tree[1])])  # type: ignore[call-overload]
    if kind == "neg":
        return -_value(tree[1], objects)  # type: ignore[arg-type]
    if kind == "T":
        inner = _value(tree[1], objects)  # type: ignore[arg-type]
        if not isinstance(inner, sp.MatrixBase):
            raise ParseError("only a matrix or vector has a transpose")
        return inner.T
    if kind == "pow":
        base = _value(tree[1], objects)  # type: ignore[arg-type]
        power = int(tree[2])  # type: ignore[call-overload]
        if isinstance(base, sp.MatrixBase):
            if base.shape[0] != base.shape[1]:
                raise ParseError("only a square matrix can be raised to a power")
            if power < 0 and base.det() == 0:
                raise ParseError("a singular matrix has no inverse")
        return base**power
    left = _value(tree[1], objects)  # type: ignore[arg-type]
    right = _value(tree[2], objects)  # type: ignore[arg-type]
    left_m, right_m = isinstance(left, sp.MatrixBase), isinstance(right, sp.MatrixBase)
    if kind in ("add", "sub"):
        if left_m != right_m:
            raise ParseError("a number cannot be added to a matrix")
        if left_m and left.shape != right.shape:
            raise ParseError(
                f"a {left.shape[0]}×{left.shape[1]} and a {right.shape[0]}×{right.shape[1]} "
                "matrix cannot be added"
            )
        return left + right if kind == "add" else left - right
    if left_m and right_m and left.shape[1] != right.shape[0]:
        raise ParseError(
            f"the shapes do not fit: {left.shape[0]}×{left.shape[1]} times "
            f"{right.shape[0]}×{right.shape[1]}"
        )
    return left * right


def _code(tree: tuple[object, ...], objects: list[MathObject]) -> str:
    kind = tree[0]
    if kind == "num":
        return repr(float(sp.Rational(str(tree[1]))))
    if kind == "ref":
        return f"{_label(objects, int(tree[1]))}_"  # type: ignore[call-overload]
    if kind == "neg":
        return f"(-{_code(tree[1], objects)})"  # type: ignore[arg-type]
    if kind == "T":
        return f"{_code(tree[1], objects)}.T"  # type: ignore[arg-type]
    if kind == "pow":
        return f"power({_code(tree[1], objects)}, {tree[2]})"  # type: ignore[arg-type]
    left, right = _code(tree[1], objects), _code(tree[2], objects)  # type: ignore[arg-type]
    if kind == "add":
        return f"({left} + {right})"
    if kind == "sub":
        return f"({left} - {right})"
    return f"mul({left}, {right})"


def evaluate(expression: Expression, objects: list[MathObject]) -> sp.Matrix | sp.Expr:
    """The expression's value, exactly: a matrix (a 1×1 result is a number)."""
    value = _value(_Parser(expression).run(), objects)
    if isinstance(value, sp.MatrixBase) and value.shape == (1, 1):
        return value[0, 0]
    return value


def numpy_code(expression: Expression, objects: list[MathObject], literal: str) -> list[str]:
    """Receipt lines that recompute the expression with NumPy floats (``@`` for products,
    ``.T``, ``matrix_power``/``inv``) and check it equals ``literal``."""
    tree = _Parser(expression).run()
    used = sorted({t.index for t in expression.tokens if t.kind == "ref"})
    lines = [
        "def mul(a, b):  # a number times anything, or a matrix product",
        "    return a * b if np.ndim(a) == 0 or np.ndim(b) == 0 else a @ b",
        "def power(a, k):",
        "    return a ** k if np.ndim(a) == 0 else np.linalg.matrix_power(a, k)",
    ]
    for index in used:
        rows = [[float(sp.N(x)) for x in row] for row in object_value(objects[index]).tolist()]
        lines.append(f"{_label(objects, index)}_ = np.array({rows!r})")
    lines += [
        f"expression_value = np.atleast_2d({_code(tree, objects)})",
        f"assert np.allclose(expression_value, np.atleast_2d(np.array({literal})), atol=1e-9), "
        "'the expression was evaluated wrongly'",
        'print("the expression, recomputed with NumPy:\\n", expression_value)',
    ]
    return lines
