"""Reading a number a learner (or an author) typed: ``3``, ``-1.5``, ``3/4``, ``sqrt(2)/2``,
``2*pi``, ``1e-3``. A small, safe evaluator over Python's AST — never ``eval``.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable

__all__ = ["ExpressionError", "parse_number"]

MAX_LENGTH = 200
MAX_EXPONENT = 64.0

_CONSTANTS = {"pi": math.pi, "e": math.e, "tau": math.tau}
_FUNCTIONS: dict[str, Callable[[float], float]] = {
    "sqrt": math.sqrt,
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "exp": math.exp,
    "log": math.log,
    "ln": math.log,
    "abs": abs,
    "acos": math.acos,
    "arccos": math.acos,
    "asin": math.asin,
    "arcsin": math.asin,
    "atan": math.atan,
    "arctan": math.atan,
}
_BINARY: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
_REPLACEMENTS = {"−": "-", "–": "-", "×": "*", "·": "*", "÷": "/", "π": "pi", "^": "**"}

HELP = "Use digits, a fraction like 3/4, or an expression such as sqrt(2)/2 or 2*pi."


class ExpressionError(ValueError):
    """The text is not a number we can read; the message says why, in plain words."""


def parse_number(text: str) -> float:
    """The value of ``text`` as a float, or :class:`ExpressionError`."""
    cleaned = text.strip()
    if not cleaned:
        raise ExpressionError("The answer is empty. " + HELP)
    if len(cleaned) > MAX_LENGTH:
        raise ExpressionError(f"That answer is longer than {MAX_LENGTH} characters.")
    for old, new in _REPLACEMENTS.items():
        cleaned = cleaned.replace(old, new)
    try:
        tree = ast.parse(cleaned, mode="eval")
    except SyntaxError:
        raise ExpressionError(f"Couldn't read {text.strip()!r} as a number. {HELP}") from None
    try:
        value = _evaluate(tree.body)
    except ZeroDivisionError:
        raise ExpressionError("That expression divides by zero.") from None
    except (OverflowError, ValueError) as exc:
        if isinstance(exc, ExpressionError):
            raise
        raise ExpressionError(f"{text.strip()!r} has no finite real value.") from None
    if not math.isfinite(value):
        raise ExpressionError(f"{text.strip()!r} has no finite real value.")
    return value


def _evaluate(node: ast.expr) -> float:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise ExpressionError(f"{node.value!r} is not a number. {HELP}")
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        value = _evaluate(node.operand)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp):
        left, right = _evaluate(node.left), _evaluate(node.right)
        if isinstance(node.op, ast.Pow):
            if abs(right) > MAX_EXPONENT:
                raise ExpressionError("That exponent is too large to check.")
            result = left**right
            if isinstance(result, complex):
                raise ExpressionError("That expression has no real value.")
            return float(result)
        op = _BINARY.get(type(node.op))
        if op is None:
            raise ExpressionError(f"The operator in that answer isn't supported. {HELP}")
        return op(left, right)
    if isinstance(node, ast.Name):
        if node.id in _CONSTANTS:
            return _CONSTANTS[node.id]
        raise ExpressionError(f"Unknown name {node.id!r}. {HELP}")
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        func = _FUNCTIONS.get(node.func.id)
        if func is None or len(node.args) != 1 or node.keywords:
            raise ExpressionError(f"{node.func.id}(…) isn't a function we can evaluate. {HELP}")
        return float(func(_evaluate(node.args[0])))
    raise ExpressionError(f"Couldn't read that as a number. {HELP}")
