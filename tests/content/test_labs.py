"""Meta-tests of every lab: the reference solution passes every check, the starter does
not, and each known-wrong solution (mutant) fails the check lab.yaml names, with a message
that never quotes the reference solution.

Checks run in-process here, through the same `la4ai.labkit.checks` runner the grader uses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from la4ai.course import load_course
from la4ai.course.lab import Lab
from la4ai.labkit.checks import Check, CheckResult, Context, collect_checks, run_checks
from tests.conftest import CONTENT, FIXTURES

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


def namespace_of(path: Path) -> dict[str, Any]:
    source = path.read_text(encoding="utf-8")
    namespace: dict[str, Any] = {"__name__": "learner"}
    exec(compile(source, str(path), "exec"), namespace)
    return namespace


def checks_of(lab: Lab) -> list[Check]:
    return collect_checks(namespace_of(lab.checks_path))


def grade(lab: Lab, learner: Path, seed: int) -> list[CheckResult]:
    try:
        functions = namespace_of(learner)
    except NotImplementedError:  # pragma: no cover - starters define, they do not run
        functions = {}
    context = Context(functions=functions, source=learner.read_text("utf-8"), seed=seed)
    return run_checks(checks_of(lab), context)


def test_the_shipped_course_has_the_module_one_lab() -> None:
    assert "shipped:vectors" in IDS


@pytest.mark.parametrize(("lab_id", "lab"), LABS, ids=IDS)
@pytest.mark.parametrize("seed", SEEDS)
def test_the_solution_passes_every_check(lab_id: str, lab: Lab, seed: int) -> None:
    results = grade(lab, lab.solution_path, seed)
    failed = [(r.name, r.message) for r in results if not r.passed]
    assert failed == [], lab_id
    assert {r.function for r in results} == set(lab.meta.functions), "a function without checks"


@pytest.mark.parametrize(("lab_id", "lab"), LABS, ids=IDS)
def test_the_starter_fails(lab_id: str, lab: Lab) -> None:
    results = grade(lab, lab.dir / "starter.py", seed=1)
    for function in lab.meta.functions:
        assert any(not r.passed for r in results if r.function == function), (lab_id, function)


MUTANTS = [(lab_id, lab, index) for lab_id, lab in LABS for index in range(len(lab.meta.mutants))]


@pytest.mark.parametrize(
    ("lab_id", "lab", "index"),
    MUTANTS,
    ids=[f"{m[0]}:{m[1].meta.mutants[m[2]].file}" for m in MUTANTS],
)
def test_each_mutant_fails_its_check_without_revealing_the_solution(
    lab_id: str, lab: Lab, index: int
) -> None:
    mutant = lab.meta.mutants[index]
    names = [c.name for c in checks_of(lab)]
    assert mutant.fails in names, f"{lab_id}: lab.yaml names a check that does not exist"
    solution_lines = {
        line.strip()
        for line in lab.solution_path.read_text("utf-8").splitlines()
        if len(line.strip()) > 25 and not line.strip().startswith(("def ", '"""', "#"))
    }
    for seed in SEEDS:
        results = {r.name: r for r in grade(lab, lab.dir / mutant.file, seed)}
        failed = results[mutant.fails]
        assert not failed.passed, f"{lab_id}: {mutant.file} passed {mutant.fails!r} (seed {seed})"
        assert failed.message
        for line in solution_lines:
            assert line not in failed.message, f"the message quotes the solution: {line}"


def test_the_module_one_messages_name_the_misconception() -> None:
    lab = dict(LABS)["shipped:vectors"]
    messages = {
        m.file: {r.name: r.message for r in grade(lab, lab.dir / m.file, seed=5)}[m.fails]
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
