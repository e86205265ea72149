"""The snapshot store keeps every version, moves `current` only on success, and reuses lists."""

from __future__ import annotations

import pytest

from sanctionguard.errors import StoreError
from sanctionguard.store.snapshots import Store
from tests.store.builders import Party, many, source


def test_first_load_creates_a_current_snapshot_with_its_sources_and_counts(store_url: str) -> None:
    store = Store.open(store_url)
    result = store.load(
        [source("ofac", many(3)), source("un", [Party("QDi.1", "A B", "Organization")])]
    )
    assert result.snapshot_id is not None
    info = store.snapshot(store.resolve("current"))
    assert info.current and info.id == result.snapshot_id
    assert {s.list_name: s.entity_count for s in info.sources} == {"ofac": 3, "un": 1}
    un = next(s for s in info.sources if s.list_name == "un")
    assert un.counts == {"Organization": 1}
    assert un.published == "2026-01-01"
    assert un.files[0]["sha256"] == "0" * 64


def test_loading_one_list_keeps_the_other_lists_of_the_current_snapshot(store_url: str) -> None:
    store = Store.open(store_url)
    first = store.load([source("ofac", many(3)), source("un", many(2, "U"))])
    second = store.load([source("ofac", many(4))])
    assert second.changed == ["ofac"]
    info = store.snapshot(store.resolve("current"))
    assert info.parent_id == first.snapshot_id
    assert {s.list_name: s.entity_count for s in info.sources} == {"ofac": 4, "un": 2}
    # the earlier snapshot is immutable and still readable
    old = store.snapshot(first.snapshot_id or 0)
    assert {s.list_name: s.entity_count for s in old.sources} == {"ofac": 3, "un": 2}
    assert store.resolve("current~1") == first.snapshot_id


def test_reloading_an_unchanged_list_makes_no_new_snapshot(store_url: str) -> None:
    store = Store.open(store_url)
    store.load([source("ofac", many(3))])
    again = store.load([source("ofac", many(3))])
    assert again.snapshot_id is None and again.unchanged == ["ofac"]
    assert len(store.snapshots()) == 1


def test_a_failed_load_leaves_the_previous_snapshot_current(store_url: str) -> None:
    store = Store.open(store_url)
    first = store.load([source("ofac", many(3))])
    broken = source("ofac", many(5))
    broken.entries[3].id = (
        "x" * 300
    )  # too long for the column on PostgreSQL; bad JSON-free row on SQLite
    broken.entries[4].schema = None  # type: ignore[assignment]  # NOT NULL violation on both
    with pytest.raises(Exception):  # noqa: B017 - any database error must roll back
        store.load([broken])
    assert store.resolve("current") == first.snapshot_id
    assert sum(1 for _ in store.entities(store.resolve("current"))) == 3


def test_identifiers_are_stored_typed_with_validity(store_url: str) -> None:
    store = Store.open(store_url)
    store.load(
        [
            source(
                "eu",
                [
                    Party("V1", "SHIP", "Vessel", imo="9187629"),
                    Party("C1", "BANK", "Company", inn="1234"),
                ],
            )
        ]
    )
    assert store.find_identifier("imo", "9187629") == [("eu", "eu-v1", True)]
    assert store.find_identifier("inn", "1234") == [("eu", "eu-c1", False)]


def test_unknown_snapshot_references_are_clear_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(f"sqlite:///{tmp_path / 's.db'}")
    with pytest.raises(StoreError, match="no snapshot yet"):
        store.resolve("current")
    store.load([source("ofac", many(1))])
    with pytest.raises(StoreError, match="no snapshot with id 99"):
        store.resolve("99")
    with pytest.raises(StoreError, match="history is shorter"):
        store.resolve("current~1")


def test_set_current_rolls_back_to_an_earlier_snapshot(store_url: str) -> None:
    store = Store.open(store_url)
    first = store.load([source("ofac", many(3))])
    store.load([source("ofac", many(5))])
    store.set_current(first.snapshot_id or 0)
    assert sum(1 for _ in store.entities(store.resolve("current"))) == 3
