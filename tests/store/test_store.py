from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from la4ai.errors import DatabaseUnavailable
from la4ai.store import Database
from la4ai.store import repositories as repo
from la4ai.store.db import redact_url
from la4ai.store.migrate import current_revision, head_revision, upgrade
from la4ai.store.models import Base


def test_upgrade_creates_the_tables_and_is_idempotent(database_url: str) -> None:
    db = Database(database_url)
    try:
        assert current_revision(db.engine) is None
        assert upgrade(db) == head_revision()
        assert upgrade(db) == head_revision()
        tables = set(inspect(db.engine).get_table_names())
        assert {"learners", "lesson_progress", "quiz_attempts", "alembic_version"} <= tables
    finally:
        db.dispose()


def test_migrations_match_the_models(database: Database) -> None:
    with database.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        with db.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        db.dispose()


def test_local_learner_is_created_once(database: Database) -> None:
    with database.session() as session:
        first = repo.local_learner_id(session)
    with database.session() as session:
        assert repo.local_learner_id(session) == first


def test_reading_progress_never_moves_backwards(database: Database) -> None:
    with database.session() as session:
        learner = repo.local_learner_id(session)
        assert repo.record_reading(session, learner, "vectors", 0.6) == 0.6
        assert repo.record_reading(session, learner, "vectors", 0.2) == 0.6
        assert repo.record_reading(session, learner, "pca", 0.1) == 0.1
    with database.session() as session:
        assert repo.lesson_progress(session, learner) == {"vectors": 0.6, "pca": 0.1}


def test_latest_attempt_per_item_wins(database: Database) -> None:
    with database.session() as session:
        learner = repo.local_learner_id(session)
        for item, seed, correct in [("a", 1, False), ("b", 2, True), ("a", 3, True)]:
            repo.add_quiz_attempt(
                session,
                learner_id=learner,
                module_id="vectors",
                item_id=item,
                seed=seed,
                response={"kind": "numeric", "value": "1"},
                correct=correct,
            )
        repo.add_quiz_attempt(
            session,
            learner_id=learner,
            module_id="pca",
            item_id="a",
            seed=9,
            response={"kind": "numeric", "value": "2"},
            correct=False,
        )
    with database.session() as session:
        latest = repo.latest_quiz_attempts(session, learner, "vectors")
        status = repo.quiz_item_status(session, learner)
    assert {k: (v.seed, v.correct) for k, v in latest.items()} == {"a": (3, True), "b": (2, True)}
    assert status == {"vectors": {"a": True, "b": True}, "pca": {"a": False}}


def test_attempts_survive_a_new_connection(database_url: str) -> None:
    first = Database(database_url)
    upgrade(first)
    with first.session() as session:
        learner = repo.local_learner_id(session)
        repo.add_quiz_attempt(
            session,
            learner_id=learner,
            module_id="vectors",
            item_id="a",
            seed=7,
            response={"kind": "choice", "selected": [1]},
            correct=True,
        )
    first.dispose()
    second = Database(database_url)
    try:
        with second.session() as session:
            attempt = repo.latest_quiz_attempts(session, learner, "vectors")["a"]
        assert attempt.response == {"kind": "choice", "selected": [1]}
    finally:
        second.dispose()


def test_a_failed_unit_of_work_rolls_back(database: Database) -> None:
    with database.session() as session:
        learner = repo.local_learner_id(session)

    def fail_halfway() -> None:
        with database.session() as session:
            repo.record_reading(session, learner, "vectors", 0.5)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        fail_halfway()
    with database.session() as session:
        assert repo.lesson_progress(session, learner) == {}


def test_unreachable_database_is_a_clear_error() -> None:
    db = Database("postgresql+psycopg://nobody:secret@127.0.0.1:9/none?connect_timeout=2")
    with pytest.raises(DatabaseUnavailable, match="cannot reach") as info:
        upgrade(db)
    assert "secret" not in str(info.value)


def test_invalid_url_is_a_clear_error() -> None:
    with pytest.raises(DatabaseUnavailable, match="invalid database URL"):
        Database("not a url")


def test_redacted_url_hides_the_password() -> None:
    shown = redact_url("postgresql+psycopg://user:hunter2@db/la4ai")
    assert "hunter2" not in shown
    assert "user" in shown
