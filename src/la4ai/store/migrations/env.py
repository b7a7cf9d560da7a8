"""Alembic environment: migrations run on the connection la4ai hands over."""

from __future__ import annotations

from alembic import context

from la4ai.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - la4ai always passes its connection
    raise RuntimeError("run migrations through `la4ai db upgrade`")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
