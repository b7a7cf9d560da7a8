"""Running Alembic migrations from code: on ``la4ai serve`` and ``la4ai db upgrade``."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from la4ai.errors import DatabaseUnavailable
from la4ai.store.db import Database, redact_url

__all__ = ["current_revision", "head_revision", "upgrade", "upgrade_database"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_LOCK = 0x1A4A1  # advisory lock key for migrations on PostgreSQL


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(database: Database) -> str:
    """Bring the schema to the newest revision (a no-op when it is there); the revision."""
    try:
        if current_revision(database.engine) == head_revision():
            return head_revision()
        config = _config()
        with database.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # Several app replicas may start at once: one migrates, the others wait.
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as exc:
        raise DatabaseUnavailable(
            f"cannot reach or migrate {redact_url(database.url)}: {exc.orig}"
        ) from None
    return head_revision()


def upgrade_database(url: str) -> str:
    database = Database(url)
    try:
        return upgrade(database)
    finally:
        database.dispose()
