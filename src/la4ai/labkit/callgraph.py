""" "Do not use X" rules that follow the learner's own helper functions: when ``solve`` may
not call ``np.linalg.solve``, neither may the ``_eliminate`` helper that ``solve`` calls.

:func:`la4ai.labkit.codecheck.assert_no_forbidden_calls` reads one function's body; here
the rule covers every function of the learner's file that the named one reaches through
calls by name, so moving the forbidden call into a helper does not hide it.
"""

from __future__ import annotations

import ast

from la4ai.labkit.codecheck import MATMUL, find_forbidden_calls
from la4ai.labkit.failures import CheckFailed

__all__ = ["assert_no_forbidden_calls_reached", "functions_reached"]


def _top_level_functions(tree: ast.Module) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    return {
        node.name: node
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def _names_used(function: ast.AST) -> list[str]:
    """Bare names read inside ``function`` (calls, and helpers passed around by name)."""
    used: list[str] = []
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in used:
            used.append(node.id)
    return used


def functions_reached(source: str, function: str) -> list[str]:
    """``function`` and every top-level function of ``source`` it uses by name, directly or
    through other such functions, in the order they are found.

    Raises ``ValueError`` when ``function`` is not a top-level function of ``source`` and
    ``SyntaxError`` for source that does not parse.
    """
    defined = _top_level_functions(ast.parse(source))
    if function not in defined:
        raise ValueError(f"there is no function named `{function}`")
    reached = [function]
    for name in reached:  # grows while it is walked: a breadth-first search
        for used in _names_used(defined[name]):
            if used in defined and used not in reached:
                reached.append(used)
    return reached


def assert_no_forbidden_calls_reached(
    source: str, function: str, forbidden: list[str], *, advice: str | None = None
) -> None:
    """Fail when ``function``, or a function of the file it reaches, uses anything in
    ``forbidden`` (dotted names, ``"@"``, ``".method"``, as for
    :func:`~la4ai.labkit.codecheck.find_forbidden_calls`)."""
    try:
        reached = functions_reached(source, function)
    except SyntaxError as error:
        raise CheckFailed(
            f"Your code could not be read (line {error.lineno}: {error.msg})."
        ) from None
    except ValueError:
        raise CheckFailed(f"Your code has no function named `{function}`.") from None
    for name in reached:
        used = find_forbidden_calls(source, name, forbidden)
        if not used:
            continue
        names = " or ".join("the `@` operator" if u == MATMUL else u for u in used)
        verb = "use" if used == [MATMUL] else "call"
        who = f"`{function}`" if name == function else f"`{name}`, which `{function}` uses,"
        raise CheckFailed(f"{who} may not {verb} {names}" + (f": {advice}" if advice else "."))
