"""The Alembic migrations build exactly the tables the code declares."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from sanctionguard.store import migrate
from sanctionguard.store.schema import metadata
from sanctionguard.store.snapshots import Store


def test_migrated_database_matches_the_declared_schema(store_url: str) -> None:
    store = Store.open(store_url)
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
    assert migrate.current_revision(store.engine) == migrate.head_revision()


def test_opening_a_store_twice_does_not_migrate_again(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 's.db'}"
    Store.open(url).close()
    store = Store.open(url)
    assert migrate.current_revision(store.engine) == migrate.head_revision()
