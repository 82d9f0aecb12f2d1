"""Alembic environment: run with the connection that annotator.core.migrate hands over."""

from __future__ import annotations

from alembic import context

from annotator.core.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
    raise RuntimeError("Annotator's migrations run when a project is opened (annotator.core.migrate)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
