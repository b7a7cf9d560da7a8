"""Fixtures of the progress tests: the course with the fixture path ``tour``."""

from __future__ import annotations

import pytest

from la4ai.course import Course, load_course
from tests.progress.tour import write_tour_course


@pytest.fixture(scope="session")
def tour_course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    """The shipped course plus the fixture path ``tour``, loaded once."""
    return load_course(write_tour_course(tmp_path_factory.mktemp("tour")))
