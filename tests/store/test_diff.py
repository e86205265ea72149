"""`lists diff` reports exactly what changed between two snapshots, field by field."""

from __future__ import annotations

from sanctionguard.store.diff import diff_snapshots
from sanctionguard.store.snapshots import Store
from tests.store.builders import Party, source


def _parties() -> list[Party]:
    return [
        Party("1", "IVANOV, Ivan", birth_date="1970-01-02", aliases=["IVANOV Vanya"]),
        Party("2", "SOVCOMFLOT", "Company", inn="7702103414"),
        Party("3", "NS CHAMPION", "Vessel", imo="9341081"),
    ]


def test_diff_reports_added_removed_and_field_level_changes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(f"sqlite:///{tmp_path / 's.db'}")
    old = store.load([source("ofac", _parties())]).snapshot_id
    edited = _parties()
    edited[0].birth_date = "1971-01-02"
    edited[0].aliases.append("IVANOFF Ivan")
    edited[2].programs = ["RUSSIA-EO14024", "UKRAINE-EO13662"]
    del edited[1]
    edited.append(Party("4", "NEW PERSON", birth_date="1980"))
    new = store.load([source("ofac", edited)]).snapshot_id
    assert old and new

    diff = diff_snapshots(store, old, new)
    assert [r.caption for r in diff.added] == ["NEW PERSON"]
    assert [r.caption for r in diff.removed] == ["SOVCOMFLOT"]
    changes = {
        c.entity.caption: {f.field: (f.removed, f.added) for f in c.changes} for c in diff.changed
    }
    assert changes == {
        "IVANOV, Ivan": {
            "birth_dates": (["1970-01-02"], ["1971-01-02"]),
            "names": ([], ["IVANOFF Ivan (strong_alias)"]),
        },
        "NS CHAMPION": {"programs": ([], ["UKRAINE-EO13662"])},
    }


def test_diff_of_a_snapshot_with_itself_is_empty(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(f"sqlite:///{tmp_path / 's.db'}")
    snap = store.load([source("ofac", _parties())]).snapshot_id or 0
    assert diff_snapshots(store, snap, snap).is_empty


def test_diff_ignores_lists_that_did_not_change(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(f"sqlite:///{tmp_path / 's.db'}")
    old = store.load([source("ofac", _parties()), source("un", [Party("Q1", "X Y")])]).snapshot_id
    new = store.load([source("un", [Party("Q1", "X Y"), Party("Q2", "Z W")])]).snapshot_id
    diff = diff_snapshots(store, old or 0, new or 0)
    assert [(r.list_name, r.caption) for r in diff.added] == [("un", "Z W")]
    assert not diff.removed and not diff.changed


def test_listing_details_such_as_the_reason_are_diffed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sanctionguard.store.diff import diff_records

    old = {"schema": "Person", "sanction": {"reason": ["Supplies drones"]}}
    new = {"schema": "Person", "sanction": {"reason": ["Supplies drones and parts"]}}
    [change] = diff_records(old, new)
    assert change.field == "sanction.reason"
    assert (change.removed, change.added) == (["Supplies drones"], ["Supplies drones and parts"])
