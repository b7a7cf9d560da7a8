"""The leak detector on the real labs: the starter and a learner's partial code are never a
leak; the solution, the solution with every name changed, one whole function of it, or
a function's body pasted without its ``def`` always is."""

from __future__ import annotations

import ast
import builtins
import textwrap
from pathlib import Path

import pytest
import yaml

from la4ai.tutor.leak import SolutionIndex, find_leak
from tests.conftest import CONTENT

LABS = sorted(p for p in (CONTENT / "modules").glob("*/lab") if (p / "solution.py").is_file())
LAB_IDS = [lab.parent.name for lab in LABS]


def sources(lab: Path) -> list[str]:
    paths = [lab / "solution.py", *sorted((lab / "alternatives").glob("*.py"))]
    return [p.read_text("utf-8") for p in paths]


def fenced(code: str) -> str:
    return f"Here you go:\n\n```python\n{code}\n```\n"


def public_functions(source: str) -> list[ast.FunctionDef]:
    tree = ast.parse(source)
    return [n for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")]


class _Renamer(ast.NodeTransformer):
    """Every name that is not a builtin or an imported module gets another name."""

    def __init__(self, modules: set[str]) -> None:
        self.keep = set(dir(builtins)) | modules

    def _new(self, name: str) -> str:
        return name if name in self.keep else f"my_{name}_renamed"

    def visit_Name(self, node: ast.Name) -> ast.Name:
        node.id = self._new(node.id)
        return node

    def visit_arg(self, node: ast.arg) -> ast.arg:
        node.arg = self._new(node.arg)
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.FunctionDef:
        node.name = self._new(node.name)
        self.generic_visit(node)
        return node


def renamed(source: str) -> str:
    tree = ast.parse(source)
    modules = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    return ast.unparse(_Renamer(modules).visit(tree))


@pytest.fixture(params=LABS, ids=LAB_IDS)
def lab(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path


def test_there_are_labs_to_test() -> None:
    assert len(LABS) >= 8


def test_the_starter_is_not_a_leak(lab: Path) -> None:
    starter = (lab / "starter.py").read_text("utf-8")
    assert find_leak(fenced(starter), sources(lab)) is None
    assert find_leak(starter, sources(lab)) is None  # unfenced too


def test_the_solution_is_a_leak(lab: Path) -> None:
    solution = (lab / "solution.py").read_text("utf-8")
    assert find_leak(fenced(solution), sources(lab)) is not None


def test_the_solution_with_every_name_changed_is_a_leak(lab: Path) -> None:
    disguised = renamed((lab / "solution.py").read_text("utf-8"))
    assert "def my_" in disguised  # even the functions' names changed
    leak = find_leak(fenced(disguised), sources(lab))
    assert leak is not None
    assert leak.reason.startswith("copies")


def test_each_function_alone_is_a_leak(lab: Path) -> None:
    solution = (lab / "solution.py").read_text("utf-8")
    for function in public_functions(solution):
        code = ast.get_source_segment(solution, function)
        assert code is not None
        leak = find_leak(fenced(code), sources(lab))
        assert leak is not None, function.name
        assert leak.function == function.name


def test_each_function_body_pasted_without_its_def_is_a_leak(lab: Path) -> None:
    solution = (lab / "solution.py").read_text("utf-8")
    lines = solution.splitlines(keepends=True)
    for function in public_functions(solution):
        body = textwrap.dedent("".join(lines[function.body[0].lineno - 1 : function.end_lineno]))
        leak = find_leak(f"Write this:\n\n```\n{body}```", sources(lab))
        assert leak is not None, function.name
        assert leak.function == function.name


def test_an_alternative_solution_is_a_leak(lab: Path) -> None:
    alternatives = sorted((lab / "alternatives").glob("*.py"))
    assert alternatives
    assert find_leak(fenced(alternatives[0].read_text("utf-8")), sources(lab)) is not None


def test_a_solution_function_in_an_unfenced_reply_is_a_leak() -> None:
    lab = CONTENT / "modules" / "05-determinants" / "lab"
    solution = (lab / "solution.py").read_text("utf-8")
    det = next(f for f in public_functions(solution) if f.name == "det")
    code = ast.get_source_segment(solution, det)
    reply = f"Sure! Your det could look like this:\n\n{code}\n\nThat's all."
    leak = find_leak(reply, sources(lab))
    assert leak is not None
    assert leak.function == "det"


VECTORS = CONTENT / "modules" / "01-vectors" / "lab"
DETERMINANTS = CONTENT / "modules" / "05-determinants" / "lab"

PARTIAL_SNIPPETS = [
    (
        VECTORS,
        """
def dot(u, v) -> float:
    u, v = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
    total = 0.0
    for i in range(len(u)):
        total += ...  # what goes here?
    return total
""",
    ),
    (
        VECTORS,
        """
def cosine_similarity(u, v) -> float:
    # TODO: check for a zero vector first
    return dot(u, v) / (norm(u) * norm(v))
""",
    ),
    (
        DETERMINANTS,
        """
def det(A) -> float:
    U = np.array(A, dtype=float)
    n = U.shape[0]
    for k in range(n):
        # pick a pivot in column k, then clear below it
        pass
""",
    ),
    (
        DETERMINANTS,
        """
def inverse(A):
    raise NotImplementedError
""",
    ),
]


@pytest.mark.parametrize(
    ("lab", "snippet"), PARTIAL_SNIPPETS, ids=["dot", "cosine", "det", "inverse-stub"]
)
def test_a_learner_style_partial_snippet_is_not_a_leak(lab: Path, snippet: str) -> None:
    assert find_leak(fenced(snippet), sources(lab)) is None


def test_writing_a_lab_function_differently_is_still_a_leak() -> None:
    # Not the reference code, but a working function the learner was meant to write.
    reply = fenced("def norm(v):\n    return sum(x * x for x in v) ** 0.5\n")
    leak = find_leak(reply, sources(VECTORS))
    assert leak is not None
    assert leak.function == "norm"


def test_a_helper_of_the_learners_own_with_another_name_is_not_a_leak() -> None:
    reply = fenced("def show(v):\n    print('vector', v)\n")
    assert find_leak(reply, sources(VECTORS)) is None


def test_a_socratic_reply_is_not_a_leak() -> None:
    reply = (
        "Your `dot` returns a number that is too large. What happens to `total` on each "
        "pass of the loop? Try `dot([1, 2], [3, 4])` by hand: which products do you add? "
        "The course explains it in [the dot product](/modules/vectors#dot-product)."
    )
    for lab in LABS:
        assert find_leak(reply, sources(lab)) is None


def test_the_learners_own_code_quoted_back_is_not_a_leak() -> None:
    solution = (VECTORS / "solution.py").read_text("utf-8")
    reply = fenced(solution) + "\nThis is your code; it passes every check."
    assert find_leak(reply, sources(VECTORS)) is not None
    assert find_leak(reply, sources(VECTORS), allowed=solution) is None


def test_a_revealed_hint_may_be_repeated_but_not_an_unrevealed_one() -> None:
    hints = yaml.safe_load((VECTORS / "hints.yaml").read_text("utf-8"))
    near_answer = hints["norm"][-1]
    reply = f"The last hint said: `{near_answer}`. What does `dot(v, v)` compute?"
    assert find_leak(reply, sources(VECTORS)) is not None
    assert find_leak(reply, sources(VECTORS), allowed=near_answer) is None


def test_without_a_solution_nothing_is_a_leak() -> None:
    solution = (VECTORS / "solution.py").read_text("utf-8")
    assert find_leak(fenced(solution), []) is None
    assert not SolutionIndex([])
