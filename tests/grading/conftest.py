"""Graders on real checker processes (the sandbox, required in strict mode; or local)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from la4ai.course.lab import Lab, load_lab
from la4ai.grading.checker import CheckerPool, CheckerSpec
from la4ai.grading.grader import Grader
from la4ai.runtime.cgroups import CgroupFactory
from la4ai.runtime.launch import Isolation
from la4ai.runtime.limits import MIB, Limits
from la4ai.runtime.sandbox import bubblewrap_problem
from tests.conftest import FIXTURES, need

#: Small limits so that limit tests finish quickly.
GRADING_LIMITS = Limits(
    time_s=5.0,
    memory_bytes=384 * MIB,
    processes=64,
    file_size_bytes=8 * MIB,
    open_files=128,
    workspace_bytes=32 * MIB,
    tmp_bytes=16 * MIB,
    output_bytes=64 * 1024,
    output_rate=20,
)
TEST_LAB_DIR = FIXTURES / "grading-lab"


def need_isolation(isolation: Isolation) -> None:
    if isolation == "sandbox":
        need(bubblewrap_problem() is None, f"a working bubblewrap ({bubblewrap_problem()})")


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
