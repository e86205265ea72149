"""Migration 0003 creates exactly the tables, columns and indexes the case code uses."""

from __future__ import annotations

import sqlalchemy as sa

from sanctionguard.cases.tables import metadata
from sanctionguard.store.snapshots import Store


def test_the_migrated_schema_matches_the_case_tables(store_url: str) -> None:
    store = Store.open(store_url)
    inspector = sa.inspect(store.engine)
    for table in metadata.sorted_tables:
        columns = {c["name"]: c for c in inspector.get_columns(table.name)}
        assert set(columns) == {c.name for c in table.columns}, table.name
        for column in table.columns:
            assert columns[column.name]["nullable"] == column.nullable, (table.name, column.name)
        indexes = {i["name"] for i in inspector.get_indexes(table.name)}
        assert {i.name for i in table.indexes} <= indexes, table.name
