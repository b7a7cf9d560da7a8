"""Receipts run in the learners' sandbox, and an answer whose receipt fails is declined."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from la4ai.course import Course
from la4ai.runtime.cgroups import CgroupFactory
from la4ai.runtime.checker import CheckerPool, CheckerSpec
from la4ai.tutor.offline import OfflineTutor
from la4ai.tutor.parse import parse_question
from la4ai.tutor.receipts import Verifier
from la4ai.tutor.solver import solve
from tests.conftest import CONTENT
from tests.runtime.conftest import TEST_LIMITS, need_isolation


@pytest.fixture(scope="module")
def verifier() -> Iterator[Verifier]:
    need_isolation("sandbox")
    spec = CheckerSpec("sandbox", TEST_LIMITS, CgroupFactory())
    pool = CheckerPool(spec, size=1)
    pool.start()
    found = Verifier(pool, time_limit_s=5)
    try:
        yield found
    finally:
        found.close()


def test_a_receipt_is_the_code_and_what_it_printed(verifier: Verifier) -> None:
    receipt = verifier.receipt("sum", "import numpy as np\nprint('total', np.arange(4).sum())\n")
    assert receipt.passed
    assert receipt.output.strip() == "total 6"


def test_a_failed_check_fails_the_receipt_with_its_line(verifier: Verifier) -> None:
    run = verifier.run("x = 1\nassert x == 2, 'x differs'\n")
    assert not run.ok
    assert run.error == "AssertionError: x differs (line 2)"
    assert "x differs" in run.output


def test_receipts_run_walled_off(verifier: Verifier, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LA4AI_TUTOR_API_KEY", "sk-secret-should-not-leak")
    code = (
        "import os, socket\n"
        "print('key' if 'sk-secret' in repr(dict(os.environ)) else 'no key')\n"
        f"print('content' if os.path.exists({str(CONTENT)!r}) else 'no content')\n"
        "try:\n"
        "    socket.create_connection(('1.1.1.1', 53), timeout=2)\n"
        "    print('network')\n"
        "except OSError:\n"
        "    print('no network')\n"
    )
    run = verifier.run(code)
    assert run.ok, run.output
    assert run.output.split() == ["no", "key", "no", "content", "no", "network"]
    assert os.environ["LA4AI_TUTOR_API_KEY"]  # the server had it all along


def test_a_receipt_that_never_ends_is_stopped(verifier: Verifier) -> None:
    run = verifier.run("while True:\n    pass\n")
    assert not run.ok
    assert run.error is not None
    assert "longer than 5 s" in run.error


def test_an_answer_whose_receipt_fails_is_declined(verifier: Verifier, course: Course) -> None:
    tutor = OfflineTutor(verifier, None, course)
    question = "determinant of [[2, 1], [7, 4]]"
    honest = tutor.answer(question)
    assert honest.answer.status == "answered"
    assert honest.answer.verification is not None
    assert honest.answer.verification.passed
    assert honest.answer.result is not None
    assert honest.answer.result.value == 1.0

    wrong = solve(parse_question(question))
    wrong.check = wrong.check.replace("claimed = 1.0", "claimed = 2.0")
    outcome = tutor._verified(question, wrong, verify=True)
    assert outcome.answer.status == "declined"
    assert outcome.answer.result is None
    assert "did not confirm" in outcome.answer.text
    assert outcome.answer.verification is not None
    assert outcome.answer.verification.passed is False
