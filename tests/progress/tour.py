"""The fixture path ``tour`` (``tests/fixtures/paths/tour.yaml``): every kind of path item,
prerequisites and two weeks, over the shipped modules. Engine, API and browser tests serve
a copy of the course with it added."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import CONTENT, FIXTURES

__all__ = ["TOUR", "write_tour_course"]

TOUR = FIXTURES / "paths" / "tour.yaml"


def write_tour_course(root: Path) -> Path:
    """The shipped modules and paths plus ``tour``, under ``root``; its content folder."""
    content = root / "tour-content"
    (content / "paths").mkdir(parents=True)
    (content / "modules").symlink_to(CONTENT / "modules", target_is_directory=True)
    for file in (CONTENT / "paths").glob("*.yaml"):
        shutil.copy(file, content / "paths" / file.name)
    shutil.copy(TOUR, content / "paths" / TOUR.name)
    return content
