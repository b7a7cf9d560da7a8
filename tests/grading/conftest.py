"""Graders on real checker processes (the sandbox, required in strict mode; or local)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from la4ai.course.lab import Lab, load_lab
from la4ai.grading.grader import Grader
from la4ai.runtime.cgroups import CgroupFactory
from la4ai.runtime.checker import CheckerPool, CheckerSpec
from la4ai.runtime.launch import Isolation
from tests.conftest import FIXTURES
from tests.runtime.conftest import TEST_LIMITS, need_isolation

#: The runtime tests' small limits (512 MiB of memory, …), so limit tests finish quickly.
GRADING_LIMITS = TEST_LIMITS
TEST_LAB_DIR = FIXTURES / "grading-lab"


@contextmanager
def make_grader(
    labs: dict[str, Lab],
    *,
    pool_size: int = 1,
    isolation: Isolation = "sandbox",
    course_data: Path | None = None,
) -> Iterator[Grader]:
    need_isolation(isolation)
    spec = CheckerSpec(isolation, GRADING_LIMITS, CgroupFactory(), course_data)
    pool = CheckerPool(spec, size=pool_size)
    pool.start()
    try:
        yield Grader(labs, pool, GRADING_LIMITS)
    finally:
        pool.close()


def tiny_lab() -> Lab:
    lab, problems = load_lab(TEST_LAB_DIR)
    assert lab is not None, problems
    return lab


@pytest.fixture(scope="module", params=["sandbox", "local"])
def grader(request: pytest.FixtureRequest) -> Iterator[Grader]:
    with make_grader({"tiny": tiny_lab()}, isolation=request.param) as made:
        yield made


@pytest.fixture(scope="module")
def sandboxed() -> Iterator[Grader]:
    with make_grader({"tiny": tiny_lab()}) as made:
        yield made
