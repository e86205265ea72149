"""The delta screen: a book against only the entries a new snapshot added or changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sanctionguard.cli.app import run
from sanctionguard.screen.delta import changed_index, changed_keys
from sanctionguard.store.snapshots import Store

REPO = Path(__file__).resolve().parents[2]
LISTS = REPO / "examples" / "lists"
BOOK = REPO / "examples" / "book.csv"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Snapshot 1: the sample lists without the UK list; snapshot 2: with it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('delta') / 'store.db'}"
    first = [str(LISTS / name) for name in ("ofac", "un", "ca")]
    assert run(["--db", url, "lists", "load", *first]) == 0
    assert run(["--db", url, "lists", "load", str(LISTS)]) == 0
    return url


def test_only_the_entries_of_the_newly_loaded_list_count_as_changed(db: str) -> None:
    store = Store.open(db)
    keys = changed_keys(store, 1, "current")
    assert keys
    assert {list_name for list_name, _ in keys} == {"gb_hmt_sanctions"}
    assert len(changed_index(store, 1).entities) == len(keys)
    assert changed_keys(store, "current", "current") == []


def test_the_delta_screen_finds_the_book_hits_on_the_new_list_and_none_elsewhere(
    db: str, tmp_path: Path
) -> None:
    full, delta = tmp_path / "full.jsonl", tmp_path / "delta.jsonl"
    assert run(["--db", db, "screen", "--input", str(BOOK), "--output", str(full)]) == 0
    code = run(
        ["--db", db, "screen", "--input", str(BOOK), "--output", str(delta),
         "--changed-since", "1"]
    )  # fmt: skip
    assert code == 0
    full_rows = [json.loads(line) for line in full.read_text().splitlines()]
    delta_rows = [json.loads(line) for line in delta.read_text().splitlines()]
    assert delta_rows
    assert all(row["lists"] == ["gb_hmt_sanctions"] for row in delta_rows)
    uk_in_full = {
        (r["id"], r["entity_id"]) for r in full_rows if r["lists"] == ["gb_hmt_sanctions"]
    }
    assert {(r["id"], r["entity_id"]) for r in delta_rows} == uk_in_full
