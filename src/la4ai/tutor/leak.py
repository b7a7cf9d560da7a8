"""Whether a tutor reply gives away a lab's solution.

Two tests, either is enough:

* the reply *defines* one of the lab's functions (a public function of the reference
  solution) with a working body: no ``...``, ``pass``, ``raise NotImplementedError`` or
  TODO left in it. Writing the learner's function for them is the leak, right or wrong.
* its code or text *overlaps* one function of the reference solution (or of an accepted
  alternative) strongly, compared as normalised tokens: local names become ``V``,
  numbers ``N``, strings ``S``, comments and layout are dropped, while keywords,
  builtins, ``np``/``math`` and attribute names stay. Renaming variables does not hide
  a copy. Lines several solution functions share (``A = np.asarray(A, dtype=float)``)
  say nothing about any one of them and do not count, so the starter file, which has
  exactly such lines, is not a leak.

What the learner wrote themselves (their code on the lab page) is never a leak: a reply
may quote it back.
"""

from __future__ import annotations

import ast
import builtins
import keyword
import re
import textwrap
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from la4ai.course.markdown import markdown

__all__ = ["Leak", "SolutionIndex", "find_leak"]

#: Token n-gram length, and how much of one solution function a reply must contain:
#: at least this share of its distinctive n-grams (and a few of them), or many outright.
NGRAM = 6
MIN_SHARE, MIN_MATCHED, ALWAYS_MATCHED = 0.6, 5, 30

_TOKEN = re.compile(
    r"""(?P<s>\"\"\"[\s\S]*?\"\"\"|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')
    |(?P<c>\#[^\n]*)
    |(?P<n>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+)
    |(?P<i>[A-Za-z_]\w*)
    |(?P<o>\*\*=?|//=?|->|[-+*/%@&|^<>=!]=|[^\s\w`])""",
    re.VERBOSE,
)
_KEPT_NAMES = frozenset(dir(builtins)) | {"np", "numpy", "math", "scipy", "self"}
_DEF_LINE = re.compile(r"^([ \t]*)(?:async[ \t]+)?def[ \t]+\w+[ \t]*\(", re.MULTILINE)


@dataclass(frozen=True)
class Leak:
    """Why a reply reveals the solution: the function it gives away and how."""

    function: str
    reason: str


def tokens(text: str) -> list[str]:
    """``text`` as normalised Python tokens (see the module docstring)."""
    out: list[str] = []
    for match in _TOKEN.finditer(text):
        kind, value = match.lastgroup, match[0]
        if kind == "c":
            continue
        if kind == "s":
            out.append("S")
        elif kind == "n":
            out.append("N")
        elif kind == "i":
            kept = keyword.iskeyword(value) or value in _KEPT_NAMES or (out and out[-1] == ".")
            out.append(value if kept else "V")
        else:
            out.append(value)
    return out


def ngrams(text: str, n: int = NGRAM) -> set[tuple[str, ...]]:
    found = tokens(text)
    return {tuple(found[i : i + n]) for i in range(len(found) - n + 1)}


def _body_source(node: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str]) -> str:
    """A function's body without its signature and docstring ('' when that is all)."""
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    if not body:
        return ""
    end = body[-1].end_lineno or body[-1].lineno
    return "".join(lines[body[0].lineno - 1 : end])


def _functions(source: str) -> Iterator[tuple[str, str]]:
    """(name, body) of each top-level function of ``source`` (nothing if it does not parse)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return
    lines = source.splitlines(keepends=True)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node.name, _body_source(node, lines)


class SolutionIndex:
    """A lab's reference solution (and alternatives), ready to compare replies against."""

    def __init__(self, sources: Iterable[str]) -> None:
        bodies: list[tuple[str, set[tuple[str, ...]]]] = []
        owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self.functions: set[str] = set()
        for source in sources:
            for name, body in _functions(source):
                if not name.startswith("_"):
                    self.functions.add(name)
                grams = ngrams(body)
                bodies.append((name, grams))
                for gram in grams:
                    owners[gram].add(name)
        # Keep what is distinctive of one function: lines many functions share are not.
        self._bodies = [(name, {g for g in grams if len(owners[g]) == 1}) for name, grams in bodies]

    def __bool__(self) -> bool:
        return bool(self._bodies)

    def overlap(self, text: str, *, own: str = "") -> Leak | None:
        """The solution function ``text`` copies most, if it copies one strongly enough;
        n-grams that also occur in ``own`` (the learner's code) do not count."""
        found = ngrams(text.replace("`", " ")) - ngrams(own)
        best: tuple[float, int, str] | None = None
        for name, grams in self._bodies:
            if not grams:
                continue
            matched = len(grams & found)
            share = matched / len(grams)
            strong = (share >= MIN_SHARE and matched >= MIN_MATCHED) or matched >= ALWAYS_MATCHED
            if strong and (best is None or (share, matched) > best[:2]):
                best = (share, matched, name)
        if best is None:
            return None
        return Leak(best[2], f"copies {best[0]:.0%} of the reference {best[2]}()")


def _is_stub(node: ast.FunctionDef | ast.AsyncFunctionDef, source: str) -> bool:
    """A body the learner still has to write: placeholders, or nothing but a docstring."""
    if re.search(r"#.*\b(?:TODO|FIXME|your code)\b|___", source, re.IGNORECASE):
        return True
    for inner in ast.walk(node):
        if isinstance(inner, ast.Pass) or (
            isinstance(inner, ast.Constant) and inner.value is Ellipsis
        ):
            return True
        if isinstance(inner, ast.Raise) and inner.exc is not None:
            raised = inner.exc.func if isinstance(inner.exc, ast.Call) else inner.exc
            if isinstance(raised, ast.Name) and raised.id == "NotImplementedError":
                return True
    body = node.body
    return all(isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant) for s in body)


def code_blocks(reply: str) -> list[str]:
    """The code in a Markdown reply: fenced and indented blocks, and unfenced ``def``s."""
    blocks = [
        token.content for token in markdown().parse(reply) if token.type in ("fence", "code_block")
    ]
    lines = reply.splitlines(keepends=True)
    for match in _DEF_LINE.finditer(reply):
        first = reply.count("\n", 0, match.start())
        indent = len(match[1])
        chunk = [lines[first]]
        for line in lines[first + 1 :]:
            if line.strip() and len(line) - len(line.lstrip()) <= indent:
                break
            chunk.append(line)
        blocks.append(textwrap.dedent("".join(chunk)))
    return blocks


def _defined(block: str) -> Iterator[tuple[ast.FunctionDef | ast.AsyncFunctionDef, str]]:
    try:
        tree = ast.parse(textwrap.dedent(block))
    except SyntaxError:
        return
    lines = textwrap.dedent(block).splitlines(keepends=True)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            end = node.end_lineno or node.lineno
            yield node, "".join(lines[node.lineno - 1 : end])


def find_leak(
    reply: str, solution: SolutionIndex | Iterable[str], *, allowed: str = ""
) -> Leak | None:
    """Whether ``reply`` (Markdown) reveals the lab's solution (``solution``: a
    :class:`SolutionIndex` or the sources of ``TutorTools.solution_sources()``); None when
    it does not. ``allowed`` is what the learner already has (their code, which a reply may
    quote back, and the hints revealed to them): repeating it is not a leak."""
    index = solution if isinstance(solution, SolutionIndex) else SolutionIndex(solution)
    if not index:
        return None
    own = ngrams(allowed)
    for block in code_blocks(reply):
        for node, source in _defined(block):
            if node.name not in index.functions or _is_stub(node, source):
                continue
            body = ngrams(source)
            if body and len(body & own) >= 0.9 * len(body):
                continue  # the learner's own function, quoted back
            return Leak(node.name, f"writes {node.name}() for the learner")
    return index.overlap(reply, own=allowed)
