"""Marks on path items (migration 0006): kept per learner, path and item, on SQLite and
PostgreSQL; marking twice or unmarking twice changes nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, inspect

from la4ai.store import Database
from la4ai.store import repositories as repo
from la4ai.store.models import LearnerRow


def test_the_migration_adds_the_marks_table(database: Database) -> None:
    columns = {c["name"] for c in inspect(database.engine).get_columns("path_marks")}
    assert columns == {"learner_id", "path_id", "item_id", "marked_at"}


def test_marks_are_kept_per_path_and_come_and_go(database: Database) -> None:
    with database.session() as session:
        learner = repo.local_learner_id(session)
        assert repo.mark_path_item(session, learner_id=learner, path_id="tour", item_id="video")
        assert repo.mark_path_item(session, learner_id=learner, path_id="tour", item_id="build")
        assert repo.mark_path_item(session, learner_id=learner, path_id="other", item_id="video")
    with database.session() as session:
        assert repo.path_marks(session, learner, "tour") == {"video", "build"}
        assert repo.path_marks(session, learner, "other") == {"video"}
        assert repo.path_marks(session, learner, "foundations") == set()
        assert repo.unmark_path_item(session, learner_id=learner, path_id="tour", item_id="video")
    with database.session() as session:
        assert repo.path_marks(session, learner, "tour") == {"build"}
        assert repo.path_marks(session, learner, "other") == {"video"}  # another path's own


def test_marking_twice_and_unmarking_twice_change_nothing(database: Database) -> None:
    with database.session() as session:
        learner = repo.local_learner_id(session)
        key: dict[str, Any] = {"learner_id": learner, "path_id": "tour", "item_id": "video"}
        assert repo.mark_path_item(session, **key)
        assert not repo.mark_path_item(session, **key)  # the same row: refused, not doubled
        assert repo.path_marks(session, learner, "tour") == {"video"}  # the session goes on
    with database.session() as session:
        assert not repo.mark_path_item(session, **key)  # also once committed
    with database.session() as session:
        assert repo.unmark_path_item(session, **key)
        assert not repo.unmark_path_item(session, **key)
        assert repo.path_marks(session, learner, "tour") == set()


def test_marks_belong_to_one_learner_and_go_with_them(database: Database) -> None:
    with database.session() as session:
        learner = repo.local_learner_id(session)
        other = repo.add_learner(session, "other", "Other")
        repo.mark_path_item(session, learner_id=other, path_id="tour", item_id="video")
    with database.session() as session:
        assert repo.path_marks(session, learner, "tour") == set()
        assert repo.path_marks(session, other, "tour") == {"video"}
        session.execute(delete(LearnerRow).where(LearnerRow.id == other))
    with database.session() as session:
        assert repo.path_marks(session, other, "tour") == set()
