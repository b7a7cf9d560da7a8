"""Path marks travel in the progress file (format version 2), and files exported before
there were marks (version 1) still import. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from la4ai.course import Course
from la4ai.errors import InvalidSubmission
from la4ai.progress import ProgressService
from la4ai.progress.dashboard import DashboardService
from la4ai.progress.paths import PathService
from la4ai.progress.transfer import ProgressTransfer
from la4ai.progress.views import SettingsUpdate
from la4ai.store import Database
from la4ai.store import repositories as repo
from la4ai.store.migrate import upgrade
from tests.progress.test_paths import item_states


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Database]:
    db = Database(f"sqlite:///{tmp_path / 'fresh.db'}")
    upgrade(db)
    yield db
    db.dispose()


def service(course: Course, database: Database) -> DashboardService:
    return DashboardService(course, database, ProgressService(course, database))


def learner_of(database: Database) -> int:
    with database.session() as session:
        return repo.local_learner_id(session)


def exported_with_marks(course: Course, database: Database) -> dict[str, Any]:
    board = service(course, database)
    learner = learner_of(database)
    board.save_settings(learner, SettingsUpdate(path_id="tour"))
    board.paths.mark(learner, "tour", "essence-vectors", done=True)
    board.paths.mark(learner, "tour", "rotate-picture", done=True)
    return ProgressTransfer(database).export(learner)


def test_marks_survive_export_and_import_on_a_fresh_database(
    tour_course: Course,
    database: Database,
    fresh: Database,
) -> None:
    document = exported_with_marks(tour_course, database)
    assert document["version"] == 2
    marks = document["data"]["path_marks"]
    assert sorted((m["path_id"], m["item_id"]) for m in marks) == [
        ("tour", "essence-vectors"),
        ("tour", "rotate-picture"),
    ]
    assert set(marks[0]) == {"path_id", "item_id", "marked_at"}

    summary = ProgressTransfer(fresh).import_(learner_of(fresh), json.dumps(document).encode())
    assert summary.imported["path_marks"] == 2
    paths = PathService(tour_course, fresh, ProgressService(tour_course, fresh))
    view = paths.path(learner_of(fresh), "tour")
    assert item_states(view)["essence-vectors"] == "done"
    assert item_states(view)["rotate-picture"] == "done"
    assert view.chosen
    assert view == paths.path(learner_of(fresh), "tour")


def version_1(document: dict[str, Any]) -> bytes:
    """The document as la4ai wrote it before path marks: version 1, no such section."""
    old = json.loads(json.dumps(document))
    old["version"] = 1
    del old["data"]["path_marks"]
    return json.dumps(old).encode()


def test_a_file_from_before_marks_imports_with_none(
    tour_course: Course,
    database: Database,
) -> None:
    document = exported_with_marks(tour_course, database)
    learner = learner_of(database)
    summary = ProgressTransfer(database).import_(learner, version_1(document))
    assert summary.imported["path_marks"] == 0
    assert summary.imported["settings"] == 1
    with database.session() as session:
        assert repo.path_marks(session, learner, "tour") == set()  # replaced, like the rest
        assert repo.learner_settings(session, learner).path_id == "tour"


def test_a_version_1_file_cannot_smuggle_in_unknown_sections(
    tour_course: Course,
    database: Database,
) -> None:
    document = json.loads(version_1(exported_with_marks(tour_course, database)))
    document["data"]["bookmarks"] = []
    with pytest.raises(InvalidSubmission, match=r"data\.bookmarks"):
        ProgressTransfer(database).import_(learner_of(database), json.dumps(document).encode())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"item_id": "x" * 65}, r"path_marks\.0\.item_id"),
        ({"path_id": None}, r"path_marks\.0\.path_id"),
        ({"marked_at": "yesterday"}, r"path_marks\.0\.marked_at"),
    ],
)
def test_a_damaged_mark_is_refused(
    tour_course: Course,
    database: Database,
    change: dict[str, Any],
    message: str,
) -> None:
    document = exported_with_marks(tour_course, database)
    document["data"]["path_marks"][0].update(change)
    with pytest.raises(InvalidSubmission, match=message):
        ProgressTransfer(database).import_(learner_of(database), json.dumps(document).encode())
    with database.session() as session:
        assert len(repo.path_marks(session, learner_of(database), "tour")) == 2  # unchanged
