"""The Alembic migrations build exactly the tables the code declares."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from sanctionguard.api.keys import metadata as api_tables
from sanctionguard.cases.tables import metadata as case_tables
from sanctionguard.ownership.storage import metadata as ownership_tables
from sanctionguard.payments.storage import metadata as payment_tables
from sanctionguard.store import migrate
from sanctionguard.store.schema import metadata as store_tables
from sanctionguard.store.snapshots import Store

# Each package declares its own tables; the one migration history must build all of them.
PACKAGE_TABLES = (store_tables, api_tables, case_tables, ownership_tables, payment_tables)


def declared_schema() -> sa.MetaData:
    union = sa.MetaData()
    for tables in PACKAGE_TABLES:
        for table in tables.tables.values():
            table.to_metadata(union)
    return union


def test_migrated_database_matches_the_tables_every_package_declares(store_url: str) -> None:
    store = Store.open(store_url)
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), declared_schema())
    assert diff == []
    assert migrate.current_revision(store.engine) == migrate.head_revision()


def test_opening_a_store_twice_does_not_migrate_again(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 's.db'}"
    Store.open(url).close()
    store = Store.open(url)
    assert migrate.current_revision(store.engine) == migrate.head_revision()
