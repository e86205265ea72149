"""Migration 0002 creates the ``api_key`` table exactly as ``sanctionguard.api.keys`` declares
it, on SQLite and PostgreSQL, and keys work on both."""

from __future__ import annotations

import sqlalchemy as sa

from sanctionguard.api.keys import KeyStore, api_key
from sanctionguard.store.snapshots import Store


def test_migration_0002_matches_the_declared_api_key_table(store_url: str) -> None:
    store = Store.open(store_url)
    inspector = sa.inspect(store.engine)
    columns = {c["name"]: c for c in inspector.get_columns("api_key")}
    assert set(columns) == {c.name for c in api_key.columns}
    for column in api_key.columns:
        assert columns[column.name]["nullable"] == column.nullable, column.name
    unique: set[tuple[str | None, ...]] = {
        tuple(u["column_names"]) for u in inspector.get_unique_constraints("api_key")
    }
    unique |= {
        tuple(i["column_names"]) for i in inspector.get_indexes("api_key") if i.get("unique")
    }
    assert {("prefix",), ("key_hash",)} <= unique
    keys = KeyStore(store.engine)
    created, token = keys.create("replica check", "screen,read")
    assert keys.verify(token) == created
    assert keys.verify(token + "x") is None
    keys.revoke(str(created.id))
    assert keys.verify(token) is None
    store.close()
