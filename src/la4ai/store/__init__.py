"""Persistence: SQLAlchemy 2 models and repositories, Alembic migrations.

SQLite (WAL) in the data directory by default; any SQLAlchemy URL (PostgreSQL for hosted
deployments) through ``LA4AI_DATABASE_URL``. SQL lives here and nowhere else.
"""

from la4ai.store.db import Database

__all__ = ["Database"]
