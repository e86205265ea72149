"""Alembic environment: migrations run on the connection sanctionguard hands over."""

from __future__ import annotations

from alembic import context

from sanctionguard.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("sanctionguard migrations run through sanctionguard.store.migrate")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
