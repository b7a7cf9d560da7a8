"""``check("vectors")``: grade a lab from a Jupyter notebook (or any Python session).

A notebook has no lab file, so :func:`check` writes one: the source of every function and
class the notebook defined, an import line for every module (and imported name) it binds,
and its simple constants. It then runs ``python -m la4ai check LAB FILE --json``, the very
grader the web app uses, so the notebook gets the same checks in the same sandbox, and
shows the result as HTML in Jupyter or as text elsewhere.

Standard library only (like the rest of :mod:`la4ai.labkit`, nothing from the server):
``la4ai`` is reached as a command, never imported.
"""

from __future__ import annotations

import ast
import html
import importlib
import inspect
import json
import linecache
import math
import subprocess
import sys
import tempfile
import textwrap
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["SourceNotFound", "check", "collect_source", "render_html", "render_text"]

#: Names IPython binds in every notebook; they are not the learner's code.
IGNORED_NAMES = frozenset({"In", "Out", "exit", "quit", "get_ipython"})
#: Longest constant (as source) carried over; larger values are data, not settings.
MAX_CONSTANT_CHARS = 100_000
#: Generous: the grader enforces the lab's own time limit inside.
GRADER_TIMEOUT_S = 300.0

_SIMPLE = (int, float, str, bool, type(None))


class SourceNotFound(RuntimeError):
    """A function or class of the notebook whose source Python cannot find."""

    def __init__(self, name: str, why: str) -> None:
        super().__init__(
            f"cannot find the source code of {name!r} ({why}); define it with `def` or "
            "`class` in a notebook cell (or a .py file) and run that cell again"
        )
        self.name = name


# --- collecting the learner's code ------------------------------------------------------


def collect_source(namespace: Mapping[str, Any]) -> str:
    """A Python file re-creating the notebook's code: imports, constants, definitions.

    Functions and classes count when they were defined in the notebook itself (their
    ``__module__`` is ``"__main__"``); names starting with ``_`` and IPython's own
    (``In``, ``Out``, …) are left out. Raises :class:`SourceNotFound` for a definition
    whose source cannot be read."""
    imports: list[str] = []
    constants: list[str] = []
    aliases: list[str] = []
    definitions: list[str] = []
    for name, value in namespace.items():
        if name.startswith("_") or name in IGNORED_NAMES:
            continue
        if _defined_here(value):
            source = _definition_source(name, value)
            (definitions if _own_name(value) == name else aliases).append(source)
        elif (line := _import_line(name, value)) is not None:
            imports.append(line)
        elif (literal := _literal(value)) is not None and len(literal) <= MAX_CONSTANT_CHARS:
            constants.append(f"{name} = {literal}")
    # Aliases first: an alias of an older version re-runs its `def`, and the current
    # definition under that name must win.
    header = "# Collected from a notebook by la4ai.labkit.check"
    sections = [header, "\n".join(imports), "\n".join(constants), *aliases, *definitions]
    return "\n\n".join(s.strip("\n") for s in sections if s.strip()) + "\n"


def _defined_here(value: Any) -> bool:
    if getattr(value, "__module__", None) != "__main__":
        return False
    return inspect.isfunction(value) or inspect.isclass(value) or hasattr(value, "__wrapped__")


def _own_name(value: Any) -> str:
    return str(getattr(inspect.unwrap(value), "__name__", ""))


def _definition_source(name: str, value: Any) -> str:
    """The source defining ``value``, binding it to ``name`` when it was defined as
    another name (an alias) or is a lambda."""
    if inspect.isclass(value):
        return _class_source(name, value)
    try:
        source = textwrap.dedent(inspect.getsource(value))
    except (OSError, TypeError) as exc:
        raise SourceNotFound(name, str(exc) or type(exc).__name__) from None
    own = _own_name(value)
    if own == "<lambda>":
        return f"{name} = {_lambda_expression(name, source)}"
    return source if own == name else f"{source.rstrip()}\n{name} = {own}"


def _lambda_expression(name: str, source: str) -> str:
    """The lambda expression within the line(s) ``inspect.getsource`` gave for it."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        raise SourceNotFound(name, "its lambda is part of a longer statement") from None
    found = [node for node in ast.walk(tree) if isinstance(node, ast.Lambda)]
    if len(found) != 1:
        raise SourceNotFound(name, f"{len(found)} lambdas share its line")
    segment = ast.get_source_segment(source, found[0])
    assert segment is not None  # the node came from parsing this very source
    return segment


def _class_source(name: str, cls: type) -> str:
    """A class's source. Python 3.11/3.12 cannot locate a class defined in a notebook (its
    module ``__main__`` has no file), so look it up in the cell of one of its methods."""
    try:
        source: str | None = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        source = _class_source_from_methods(cls)
    if source is None:
        raise SourceNotFound(name, "a class needs at least one method to be found")
    return source if cls.__name__ == name else f"{source.rstrip()}\n{name} = {cls.__name__}"


def _class_source_from_methods(cls: type) -> str | None:
    for member in vars(cls).values():
        function = member.fget if isinstance(member, property) else member
        code = getattr(getattr(function, "__func__", function), "__code__", None)
        lines = linecache.getlines(code.co_filename) if code is not None else []
        if code is None or not lines:
            continue
        try:
            tree = ast.parse("".join(lines))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if not (isinstance(node, ast.ClassDef) and node.name == cls.__name__):
                continue
            assert node.end_lineno is not None
            if node.lineno <= code.co_firstlineno <= node.end_lineno:
                start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                return textwrap.dedent("".join(lines[start - 1 : node.end_lineno]))
    return None


def _import_line(name: str, value: Any) -> str | None:
    """``import x as name`` for a module; ``from m import f as name`` for a function or
    class imported from an importable module; ``None`` for anything else."""
    if isinstance(value, types.ModuleType):
        imported = value.__name__
        return f"import {imported}" if imported == name else f"import {imported} as {name}"
    module = getattr(value, "__module__", None)
    own = getattr(value, "__name__", None)
    if not (isinstance(module, str) and isinstance(own, str)):
        return None
    if module in {"__main__", "builtins", __name__} or not own.isidentifier():
        return None
    if getattr(sys.modules.get(module), own, None) is not value:
        return None  # not reachable as module.name: we could not import it back
    return f"from {module} import {own}" + ("" if own == name else f" as {name}")


def _literal(value: Any, depth: int = 0) -> str | None:
    """Python source for a simple constant (numbers, strings, booleans, ``None``, and
    lists or tuples of them), or ``None`` when ``value`` is anything else."""
    if type(value) is float and not math.isfinite(value):
        return f"float({str(value)!r})"
    if type(value) in _SIMPLE:
        return repr(value)
    if type(value) in (list, tuple) and depth < 8:
        items = [_literal(item, depth + 1) for item in value]
        if any(item is None for item in items):
            return None
        inside = ", ".join(str(item) for item in items)
        if type(value) is list:
            return f"[{inside}]"
        return f"({inside},)" if len(items) == 1 else f"({inside})"
    return None


# --- grading ------------------------------------------------------------------------------


def _grade(lab_id: str, source: str, seed: int | None) -> dict[str, Any]:
    """Run ``la4ai check`` on ``source`` in a new process and return its JSON result."""
    with tempfile.TemporaryDirectory(prefix="la4ai-check-") as folder:
        path = Path(folder) / "lab.py"
        path.write_text(source, encoding="utf-8")
        options = ["--json"] if seed is None else ["--json", "--seed", str(seed)]
        command = [sys.executable, "-m", "la4ai", "check", *options, "--", lab_id, str(path)]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=GRADER_TIMEOUT_S, check=False
            )
        except subprocess.TimeoutExpired:
            raise RuntimeError(
                f"la4ai check {lab_id} did not finish within {GRADER_TIMEOUT_S:g} s"
            ) from None
    return _parse_result(lab_id, done)


def _parse_result(lab_id: str, done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    try:
        result = json.loads(done.stdout)
    except json.JSONDecodeError:
        result = None
    if isinstance(result, dict) and "passed" in result and "checks" in result:
        return result
    details = done.stderr.strip() or done.stdout.strip() or "it printed nothing"
    raise RuntimeError(
        f"la4ai check {lab_id} failed (exit status {done.returncode}): {details}\n"
        f"(it runs as `{sys.executable} -m la4ai`: la4ai must be installed in this Python)"
    )


# --- showing the result -------------------------------------------------------------------


def _points(item: Mapping[str, Any]) -> str:
    """The points a check earned (a failed check earns none)."""
    return f"{float(item.get('points') or 0):g}" if item.get("passed") else "0"


def render_text(result: Mapping[str, Any]) -> str:
    """The result as plain text: one ✓/✗ line per check, the message under each failure."""
    lines = [f"{result['lab']}: {result['score']:g}/{result['max_score']:g} points"]
    if result.get("error"):
        lines.append(f"  error: {result['error']}")
    for item in result["checks"]:
        mark = "✓" if item["passed"] else "✗"
        lines.append(f"  {mark} {item['name']} ({item['function']}, {_points(item)} pt)")
        if not item["passed"] and item.get("message"):
            lines += [f"      {line}" for line in str(item["message"]).splitlines()]
    if result.get("output"):
        lines.append("  your code printed:")
        lines += [f"    | {line}" for line in str(result["output"]).rstrip().splitlines()]
    verdict = "Lab complete — every check passed" if result["passed"] else "Not passed yet"
    lines.append(f"{verdict} · seed {result['seed']}")
    return "\n".join(lines)


def _html_check(item: Mapping[str, Any]) -> str:
    passed = bool(item["passed"])
    mark = '<span style="color:#1a7f37">✓</span>' if passed else (
        '<span style="color:#cf222e">✗</span>'
    )  # fmt: skip
    line = (
        f"{mark} <strong>{html.escape(str(item['name']))}</strong> "
        f"({html.escape(str(item['function']))}, {html.escape(_points(item))} pt)"
    )
    message = str(item.get("message") or "")
    if not passed and message:
        line += f'<pre style="margin:0.2em 0 0.4em 1.5em">{html.escape(message)}</pre>'
    return f"<li>{line}</li>"


def render_html(result: Mapping[str, Any]) -> str:
    """The result as HTML for Jupyter; every text from the check or the code is escaped."""
    lab = html.escape(str(result["lab"]))
    score = f"{result['score']:g}/{result['max_score']:g}"
    if result["passed"]:
        verdict = '<p style="color:#1a7f37"><strong>Lab complete — every check passed.</strong></p>'
    else:
        failed = sum(1 for item in result["checks"] if not item["passed"])
        verdict = f"<p><strong>Not passed yet:</strong> {failed} check(s) to fix.</p>"
    parts = [f"<p><strong>{lab}</strong>: {html.escape(score)} points</p>", verdict]
    if result.get("error"):
        parts.append(f"<p><strong>Error:</strong> {html.escape(str(result['error']))}</p>")
    checks = "".join(_html_check(item) for item in result["checks"])
    parts.append(f'<ul style="list-style:none;padding-left:0">{checks}</ul>')
    if result.get("output"):
        output = html.escape(str(result["output"]))
        parts.append(f"<details><summary>Your code printed</summary><pre>{output}</pre></details>")
    seed = html.escape(str(result["seed"]))
    parts.append(f"<p><small>seed {seed} (pass seed={seed} to get the same inputs)</small></p>")
    return f'<div class="la4ai-check">{"".join(parts)}</div>'


def _in_ipython() -> bool:
    ipython = sys.modules.get("IPython")
    get_ipython = getattr(ipython, "get_ipython", None)
    return get_ipython is not None and get_ipython() is not None


def _show(result: Mapping[str, Any]) -> None:
    if _in_ipython():
        display = importlib.import_module("IPython.display").display
        # Both forms: Jupyter shows the HTML, a terminal IPython the text.
        display({"text/html": render_html(result), "text/plain": render_text(result)}, raw=True)
    else:
        print(render_text(result))


def check(
    lab_id: str, *, seed: int | None = None, namespace: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Grade the code of this notebook against the checks of the lab ``lab_id``.

    Collects the functions, classes, imports and constants of ``namespace`` (default: the
    notebook's, i.e. the ``__main__`` module's globals), grades them with ``la4ai check``
    (same checks, same sandbox as the web app), shows the outcome and returns the result:
    ``{"lab", "passed", "score", "max_score", "checks", "error", "duration_ms", "seed",
    "output"}``. ``seed`` fixes the random inputs, e.g. to reproduce a failure.

    Raises :class:`SourceNotFound` when a definition's source cannot be read, and
    ``RuntimeError`` when the grader cannot run (unknown lab, la4ai not installed)."""
    if namespace is None:
        namespace = vars(sys.modules["__main__"])
    result = _grade(lab_id, collect_source(namespace), seed)
    _show(result)
    return result
