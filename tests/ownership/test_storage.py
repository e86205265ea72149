"""Ownership versions and links in the store, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctionguard.errors import StoreError
from sanctionguard.ownership import storage
from sanctionguard.ownership.linking import Link
from sanctionguard.ownership.reader import read_ownership
from sanctionguard.store.snapshots import Store


def test_a_load_is_a_version_that_reads_back_the_same(store_url: str, fixtures_dir: Path) -> None:
    store = Store.open(store_url)
    data = read_ownership(
        [fixtures_dir / "ownership" / "shielded.csv", fixtures_dir / "ownership" / "bods.json"]
    )
    version_id, created = storage.save(store.engine, data, [{"path": "shielded.csv"}], "first")
    assert created
    back = storage.load(store.engine, version_id)
    assert back.parties == data.parties
    assert back.edges == data.edges
    assert [i.describe() for i in back.issues] == [i.describe() for i in data.issues]
    again, created_again = storage.save(store.engine, data, [{"path": "shielded.csv"}])
    assert (again, created_again) == (version_id, False)
    store.close()


def test_a_new_load_keeps_the_older_version(store_url: str, fixtures_dir: Path) -> None:
    store = Store.open(store_url)
    first, _ = storage.save(
        store.engine, read_ownership([fixtures_dir / "ownership" / "shielded.csv"]), []
    )
    second, _ = storage.save(
        store.engine, read_ownership([fixtures_dir / "ownership" / "bods.json"]), []
    )
    assert storage.resolve(store.engine, "current") == second
    assert [v.parent_id for v in storage.versions(store.engine)] == [None, first]
    assert "vtb" in storage.load(store.engine, first).parties
    with pytest.raises(StoreError, match="does not exist"):
        storage.resolve(store.engine, "99")
    store.close()


def test_links_are_stored_per_version_and_snapshot(store_url: str, fixtures_dir: Path) -> None:
    store = Store.open(store_url)
    version_id, _ = storage.save(
        store.engine, read_ownership([fixtures_dir / "ownership" / "shielded.csv"]), []
    )
    assert storage.load_links(store.engine, version_id, 1) is None
    link = Link(
        "vtb",
        "us_ofac_sdn",
        "us-ofac-sdn-17013",
        "VTB",
        "17013",
        "identifier:lei",
        0.99,
        False,
        "same lei",
    )
    storage.save_links(store.engine, version_id, 1, [link], {"accept": 0.85})
    assert storage.load_links(store.engine, version_id, 1) == [link]
    storage.save_links(store.engine, version_id, 1, [], {"accept": 0.85})
    assert storage.load_links(store.engine, version_id, 1) == []
    store.close()


def test_the_migration_creates_the_tables_and_columns_storage_declares(store_url: str) -> None:
    import sqlalchemy as sa

    store = Store.open(store_url)
    inspector = sa.inspect(store.engine)
    for table in storage.metadata.tables.values():
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name
        indexes = {i["name"] for i in inspector.get_indexes(table.name)}
        assert {i.name for i in table.indexes} <= indexes, table.name
    store.close()
