"""Read the learner's source to enforce "do not use X" rules (e.g. no ``np.linalg.solve``
inside your own ``solve``). Names are resolved through imports and simple aliases:
``import numpy as xp``, ``from numpy.linalg import solve as s``, ``la = np.linalg``.
"""

from __future__ import annotations

import ast

from la4ai.labkit.failures import CheckFailed

__all__ = ["MATMUL", "assert_no_forbidden_calls", "find_forbidden_calls"]

MATMUL = "@"  # the pseudo-name for the matrix-multiplication operator
_SHORT_ROOTS = {"np": "numpy"}  # how rules may spell modules


def _canonical(name: str) -> str:
    root, _, rest = name.partition(".")
    root = _SHORT_ROOTS.get(root, root)
    return f"{root}.{rest}" if rest else root


def _dotted(node: ast.expr) -> list[str] | None:
    """``np.linalg.solve`` → ``["np", "linalg", "solve"]``; ``None`` for anything else."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return [node.id, *reversed(parts)]
    return None


class _Aliases:
    """Which full name each local name stands for (``xp`` → ``numpy``)."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}

    def resolve(self, node: ast.expr) -> str | None:
        parts = _dotted(node)
        if parts is None:
            return None
        root = self.names.get(parts[0], parts[0])
        return ".".join([root, *parts[1:]])

    def learn(self, statements: list[ast.stmt]) -> None:
        for statement in statements:
            if isinstance(statement, ast.Import):
                for alias in statement.names:
                    if alias.asname:
                        self.names[alias.asname] = alias.name
                    else:
                        root = alias.name.split(".")[0]
                        self.names[root] = root
            elif isinstance(statement, ast.ImportFrom) and statement.module and not statement.level:
                for alias in statement.names:
                    if alias.name != "*":
                        local = alias.asname or alias.name
                        self.names[local] = f"{statement.module}.{alias.name}"
            elif (
                isinstance(statement, ast.Assign)
                and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)
            ):
                full = self.resolve(statement.value)
                if full is not None and full.split(".")[0] in self._modules():
                    self.names[statement.targets[0].id] = full

    def _modules(self) -> set[str]:
        return {full.split(".")[0] for full in self.names.values()}


def _find_function(tree: ast.Module, function: str) -> ast.FunctionDef | ast.AsyncFunctionDef:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == function:
            return node
    raise ValueError(f"there is no function named `{function}`")


def find_forbidden_calls(source: str, function: str, forbidden: list[str]) -> list[str]:
    """The entries of ``forbidden`` used inside ``function``'s body, in order of first use.

    Entries are dotted names (``"np.linalg.solve"`` and ``"numpy.linalg.solve"`` are the
    same), ``"@"`` for the matrix-multiplication operator, or ``".dot"`` for a method call of
    that name on any object (``u.dot(v)``). Uses outside ``function`` are not reported.
    Raises ``ValueError`` when ``function`` is missing and ``SyntaxError`` for bad source.
    """
    tree = ast.parse(source)
    target = _find_function(tree, function)
    aliases = _Aliases()
    aliases.learn(tree.body)
    aliases.learn([n for n in ast.walk(target) if isinstance(n, ast.stmt)])
    wanted = {_canonical(name): name for name in forbidden if not name.startswith(".")}
    methods = {name[1:]: name for name in forbidden if name.startswith(".")}
    found: list[str] = []

    def note(name: str) -> None:
        if name not in found:
            found.append(name)

    for node in ast.walk(target):
        if isinstance(node, ast.BinOp | ast.AugAssign) and isinstance(node.op, ast.MatMult):
            if MATMUL in forbidden:
                note(MATMUL)
        elif isinstance(node, ast.Name | ast.Attribute) and isinstance(node.ctx, ast.Load):
            full = aliases.resolve(node)
            if full is not None and _canonical(full) in wanted:
                note(wanted[_canonical(full)])
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in methods
        ):
            note(methods[node.func.attr])
    # ast.walk is breadth-first: report in source order instead
    return sorted(found, key=lambda name: _first_line(target, name, aliases))


def _first_line(target: ast.AST, name: str, aliases: _Aliases) -> tuple[int, int]:
    for node in ast.walk(target):
        hit = False
        if name == MATMUL:
            hit = isinstance(node, ast.BinOp | ast.AugAssign) and isinstance(node.op, ast.MatMult)
        elif name.startswith("."):
            hit = isinstance(node, ast.Attribute) and node.attr == name[1:]
        elif isinstance(node, ast.Name | ast.Attribute):
            full = aliases.resolve(node)
            hit = full is not None and _canonical(full) == _canonical(name)
        if hit and isinstance(node, ast.expr | ast.stmt):
            return (node.lineno, node.col_offset)
    return (0, 0)


def assert_no_forbidden_calls(
    source: str, function: str, forbidden: list[str], *, advice: str | None = None
) -> None:
    """Fail when ``function`` uses anything in ``forbidden`` (see :func:`find_forbidden_calls`).

    The message reads "`solve` may not call np.linalg.solve: write the elimination yourself"
    with ``advice="write the elimination yourself"``.
    """
    try:
        used = find_forbidden_calls(source, function, forbidden)
    except SyntaxError as error:
        raise CheckFailed(
            f"Your code could not be read (line {error.lineno}: {error.msg})."
        ) from None
    except ValueError:
        raise CheckFailed(f"Your code has no function named `{function}`.") from None
    if not used:
        return
    names = " or ".join("the `@` operator" if name == MATMUL else name for name in used)
    verb = "use" if used == [MATMUL] else "call"
    raise CheckFailed(f"`{function}` may not {verb} {names}" + (f": {advice}" if advice else "."))
