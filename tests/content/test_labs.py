"""Meta-tests of every lab: the reference solution and every alternative correct solution
pass every check, the starter does not, each known-wrong solution (mutant) fails the check lab.yaml names with a message that
never quotes the reference solution, and every check is failed by some mutant (a check no
mutant exercises is reported by name).

Every submission here is graded exactly as a learner's is: the checks in this process, the
file in a sandboxed checker process (`la4ai.grading`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from la4ai.course import load_course
from la4ai.course.lab import Lab
from la4ai.grading.grader import Grader, load_checks
from la4ai.labkit.checks import Check, CheckResult
from tests.conftest import CONTENT, FIXTURES
from tests.grading.conftest import make_grader

COURSES = {"shipped": CONTENT, "fixture": FIXTURES / "browser-course"}
SEEDS = (1, 2, 3)


def labs() -> list[tuple[str, Lab]]:
    found: list[tuple[str, Lab]] = []
    for name, root in COURSES.items():
        for module in load_course(root).modules:
            if module.lab is not None:
                found.append((f"{name}:{module.id}", module.lab))
    return found


LABS = labs()
IDS = [lab_id for lab_id, _ in LABS]


@pytest.fixture(scope="module")
def grader() -> Iterator[Grader]:
    with make_grader(dict(LABS), pool_size=2) as made:
        yield made


def namespace_of(path: Path) -> dict[str, Any]:
    source = path.read_text(encoding="utf-8")
    namespace: dict[str, Any] = {"__name__": "learner"}
    exec(compile(source, str(path), "exec"), namespace)
    return namespace


def checks_of(lab_id: str, lab: Lab) -> list[Check]:
    return load_checks(lab_id, lab).checks


def grade(grader: Grader, lab_id: str, learner: Path, seed: int) -> list[CheckResult]:
    result = grader.grade(lab_id, learner.read_text("utf-8"), seed=seed)
    assert result.error is None, f"{learner} did not load: {result.error}"
    return result.checks


def test_the_shipped_course_has_the_module_one_lab() -> None:
    assert "shipped:vectors" in IDS


@pytest.mark.parametrize(("lab_id", "lab"), LABS, ids=IDS)
@pytest.mark.parametrize("seed", SEEDS)
def test_the_solution_passes_every_check(grader: Grader, lab_id: str, lab: Lab, seed: int) -> None:
    results = grade(grader, lab_id, lab.solution_path, seed)
    failed = [(r.name, r.message) for r in results if not r.passed]
    assert failed == [], lab_id
    assert {r.function for r in results} == set(lab.meta.functions), "a function without checks"


@pytest.mark.parametrize(("lab_id", "lab"), LABS, ids=IDS)
def test_the_starter_fails(grader: Grader, lab_id: str, lab: Lab) -> None:
    results = grade(grader, lab_id, lab.dir / "starter.py", seed=1)
    for function in lab.meta.functions:
        assert any(not r.passed for r in results if r.function == function), (lab_id, function)


ALTERNATIVES = [(lab_id, lab, name) for lab_id, lab in LABS for name in lab.meta.alternatives]


def test_the_module_one_lab_has_alternative_solutions() -> None:
    assert len(dict(LABS)["shipped:vectors"].meta.alternatives) >= 3


@pytest.mark.parametrize(
    ("lab_id", "lab", "name"), ALTERNATIVES, ids=[f"{a[0]}:{a[2]}" for a in ALTERNATIVES]
)
@pytest.mark.parametrize("seed", SEEDS)
def test_every_correct_approach_passes(
    grader: Grader, lab_id: str, lab: Lab, name: str, seed: int
) -> None:
    """Loops or NumPy, another order of operations: a correct solution is accepted."""
    results = grade(grader, lab_id, lab.dir / name, seed)
    assert [(r.name, r.message) for r in results if not r.passed] == []


MUTANTS = [(lab_id, lab, index) for lab_id, lab in LABS for index in range(len(lab.meta.mutants))]


@pytest.mark.parametrize(
    ("lab_id", "lab", "index"),
    MUTANTS,
    ids=[f"{m[0]}:{m[1].meta.mutants[m[2]].file}" for m in MUTANTS],
)
def test_each_mutant_fails_its_check_without_revealing_the_solution(
    grader: Grader, lab_id: str, lab: Lab, index: int
) -> None:
    mutant = lab.meta.mutants[index]
    names = [c.name for c in checks_of(lab_id, lab)]
    assert mutant.fails in names, f"{lab_id}: lab.yaml names a check that does not exist"
    solution_lines = {
        line.strip()
        for line in lab.solution_path.read_text("utf-8").splitlines()
        if len(line.strip()) > 25 and not line.strip().startswith(("def ", '"""', "#"))
    }
    for seed in SEEDS:
        results = {r.name: r for r in grade(grader, lab_id, lab.dir / mutant.file, seed)}
        failed = results[mutant.fails]
        assert not failed.passed, f"{lab_id}: {mutant.file} passed {mutant.fails!r} (seed {seed})"
        assert failed.message
        for line in solution_lines:
            assert line not in failed.message, f"the message quotes the solution: {line}"


@pytest.mark.parametrize(("lab_id", "lab"), LABS, ids=IDS)
def test_every_check_is_exercised_by_a_mutant(grader: Grader, lab_id: str, lab: Lab) -> None:
    """A check that no known-wrong solution fails may be unable to fail: it is reported."""
    exercised: set[str] = set()
    for mutant in lab.meta.mutants:
        for seed in SEEDS:
            results = grade(grader, lab_id, lab.dir / mutant.file, seed)
            exercised |= {r.name for r in results if not r.passed}
    unexercised = [c.name for c in checks_of(lab_id, lab) if c.name not in exercised]
    assert unexercised == [], f"{lab_id}: no mutant fails these checks: {unexercised}"


def test_the_module_one_messages_name_the_misconception(grader: Grader) -> None:
    lab = dict(LABS)["shipped:vectors"]
    messages = {
        m.file: {
            r.name: r.message for r in grade(grader, "shipped:vectors", lab.dir / m.file, seed=5)
        }[m.fails]
        for m in lab.meta.mutants
    }
    assert (
        "square" in messages["mutants/squared_norm.py"].lower()
        or "factor" in messages["mutants/squared_norm.py"]
    )
    assert (
        "should raise ValueError (a zero vector has no direction)"
        in messages["mutants/zero_vector_allowed.py"]
    )
    assert "should raise ValueError" in messages["mutants/dot_ignores_length_mismatch.py"]
    assert "Reproduce with seed 5" in messages["mutants/worst_first.py"]
    assert "worst match" in messages["mutants/worst_first.py"]
    assert "never added up" in messages["mutants/dot_without_sum.py"]
    assert "may not call" in messages["mutants/dot_with_numpy.py"]
    assert "numpy.linalg.norm" in messages["mutants/norm_with_linalg.py"]


def test_module_one_reproduces_its_claim_on_real_sentence_embeddings() -> None:
    """CURRICULUM.md: for a small document collection, the query's most similar document
    is the semantically right one."""
    import json

    import numpy as np

    lab = dict(LABS)["shipped:vectors"]
    data = lab.dir / "data"
    sentences = json.loads((data / "sentences.json").read_text("utf-8"))
    documents, queries = np.load(data / "documents.npy"), np.load(data / "queries.npy")
    assert documents.shape == (len(sentences["documents"]), 384)
    assert np.allclose(np.linalg.norm(documents, axis=1), 1.0, atol=1e-5)
    solution = namespace_of(lab.solution_path)
    for question, query in zip(sentences["queries"], queries, strict=True):
        ranked = solution["most_similar"](query, documents, k=3)
        assert ranked[0] == question["best_document"], question["text"]
        best = solution["cosine_similarity"](query, documents[ranked[0]])
        runner_up = solution["cosine_similarity"](query, documents[ranked[1]])
        assert best > runner_up + 0.05  # a clear winner, not a coin toss
