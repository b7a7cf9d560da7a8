"""Progress export → import on a fresh database gives back everything; damaged, foreign or
newer files are refused with a clear message and change nothing. On SQLite and
PostgreSQL (the export comes from one, the import goes into a fresh SQLite file)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from la4ai.course import Course
from la4ai.errors import InvalidSubmission
from la4ai.progress import ProgressService
from la4ai.progress.dashboard import DashboardService
from la4ai.progress.transfer import ProgressTransfer
from la4ai.progress.views import Heartbeat, QuizSubmission, SettingsUpdate
from la4ai.store import Database
from la4ai.store import repositories as repo
from la4ai.store.migrate import upgrade
from la4ai.store.transfer import dump_learner
from la4ai.workspaces import CodeSaves
from la4ai.workspaces.views import WorkspaceKind
from tests.web.test_api import response_for

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.fixture
def learner(database: Database) -> int:
    with database.session() as session:
        return repo.local_learner_id(session)


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Database]:
    db = Database(f"sqlite:///{tmp_path / 'fresh.db'}")
    upgrade(db)
    yield db
    db.dispose()


def fill(course: Course, database: Database, learner: int) -> None:
    """A learner who has done a bit of everything."""
    progress = ProgressService(course, database)
    board = DashboardService(course, database, progress)
    progress.record_reading(learner, "vectors", 0.75)
    beat = Heartbeat(kind="lesson", module_id="vectors", seconds=45, utc_offset_minutes=60)
    board.heartbeat(learner, beat, now=NOW)
    answers = [
        {"item_id": "dot-product", "seed": 3, "response": response_for(course, "dot-product", 3)},
        {
            "item_id": "dot-is-zero",
            "seed": 1,
            "response": response_for(course, "dot-is-zero", 1, wrong=True),
            "seconds": 30,
        },
    ]
    progress.submit_quiz(learner, "vectors", QuizSubmission.model_validate({"answers": answers}))
    board.save_settings(learner, SettingsUpdate(weekly_goal_minutes=300, path_id="foundations"))
    saves = CodeSaves(course, database)
    saves.save(learner, WorkspaceKind.LAB, module_id="vectors", name="lab.py", content="v1 = 1\n")
    saves.save(learner, WorkspaceKind.LAB, module_id="vectors", name="lab.py", content="v2 = 2\n")
    with database.session() as session:
        repo.add_lab_attempt(
            session,
            learner_id=learner,
            module_id="vectors",
            code="v2 = 2\n",
            seed=7,
            passed=False,
            score=0,
            max_score=14,
            result={"lab": "vectors", "passed": False},
        )
        repo.add_lab_hint(session, learner_id=learner, module_id="vectors", function="dot", rung=1)
        repo.mark_path_item(session, learner_id=learner, path_id="tour", item_id="essence-vectors")


def dumped(database: Database, learner: int) -> dict[str, Any]:
    with database.session() as session:
        plain: dict[str, Any] = json.loads(json.dumps(dump_learner(session, learner)))
    return plain


def test_export_then_import_on_a_fresh_database_gives_everything_back(
    course: Course, database: Database, fresh: Database, learner: int
) -> None:
    fill(course, database, learner)
    exported = ProgressTransfer(database).export(learner)
    raw = json.dumps(exported).encode()
    assert exported["format"] == "la4ai-progress"
    assert exported["version"] == 2
    assert all(exported["data"][section] for section in exported["data"])  # nothing empty

    with fresh.session() as session:
        new_learner = repo.local_learner_id(session)
    summary = ProgressTransfer(fresh).import_(new_learner, raw)
    assert summary.imported["code"] == 1
    assert summary.imported["quiz_attempts"] == 2
    assert dumped(fresh, new_learner) == dumped(database, learner)

    # The services read it back as they wrote it.
    saves = CodeSaves(course, fresh)
    [lab_file] = saves.workspace(new_learner, WorkspaceKind.LAB, module_id="vectors").files
    assert (lab_file.content, lab_file.version) == ("v2 = 2\n", 2)
    board = DashboardService(course, fresh, ProgressService(course, fresh))
    view = board.dashboard(new_learner, utc_offset_minutes=60, now=NOW)
    assert view.week.goal_minutes == 300
    assert view.week.minutes == 0.8
    assert view.reviews.total == 2


def test_importing_twice_replaces_rather_than_duplicates(
    course: Course, database: Database, learner: int
) -> None:
    fill(course, database, learner)
    transfer = ProgressTransfer(database)
    raw = json.dumps(transfer.export(learner)).encode()
    before = dumped(database, learner)
    transfer.import_(learner, raw)
    transfer.import_(learner, raw)
    assert dumped(database, learner) == before


def mangle(raw: dict[str, Any], change: str) -> bytes:
    document = json.loads(json.dumps(raw))
    if change == "not-json":
        return b'{"format": "la4ai-progress", '
    if change == "foreign":
        return json.dumps({"hello": "world"}).encode()
    if change == "newer":
        document["version"] = 3
    elif change == "damaged-row":
        document["data"]["lessons"][0]["read_fraction"] = 7
    elif change == "unknown-field":
        document["data"]["quiz_attempts"][0]["sneaky"] = True
    elif change == "missing-version":
        document["data"]["code"][0]["versions"].pop()
    elif change == "duplicate":
        document["data"]["hints"].append(document["data"]["hints"][0])
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("not-json", "not JSON"),
        ("foreign", "not a la4ai progress file"),
        ("newer", "update la4ai to import it"),
        ("damaged-row", "lessons.0.read_fraction"),
        ("unknown-field", "quiz_attempts.0.sneaky"),
        ("missing-version", "do not match its current version"),
        ("duplicate", "the same record twice"),
    ],
)
def test_a_bad_file_is_refused_and_changes_nothing(
    course: Course, database: Database, learner: int, change: str, message: str
) -> None:
    fill(course, database, learner)
    transfer = ProgressTransfer(database)
    before = dumped(database, learner)
    with pytest.raises(InvalidSubmission, match=message):
        transfer.import_(learner, mangle(transfer.export(learner), change))
    assert dumped(database, learner) == before
