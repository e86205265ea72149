"""Recorded screening runs: full and delta re-screens, delisting, and allowlist suppression."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sanctionguard.cases.service import CaseService
from sanctionguard.store.snapshots import Store
from tests.cases.conftest import BOOK, QUICK, ListVersions, alert_for, with_users


def test_a_full_run_records_who_what_and_a_result_for_every_customer(
    screened: CaseService,
) -> None:
    run = screened.runs()[0]
    assert (run.mode, run.actor, run.customers) == ("full", "ann", 5)
    outcomes = {r.customer_id: r.outcome for r in screened.run_results(run.id)}
    assert outcomes["C3"] == "no_hit" and outcomes["C1"] == "hit"
    assert run.no_hit == sum(1 for o in outcomes.values() if o == "no_hit")
    assert run.new_alerts == len(screened.list_alerts(limit=1000)) > 0


def test_screening_again_does_not_duplicate_open_alerts(screened: CaseService) -> None:
    before = screened.count_alerts()
    again = screened.screen_book(None, "ann")
    assert again.new_alerts == 0 and again.hits > 0
    assert screened.count_alerts() == before


def test_delta_run_screens_only_changed_entities_and_flags_delisted_alerts(
    screened: CaseService, list_versions: ListVersions
) -> None:
    limmt = alert_for(screened, "C2", "LIMMT")
    screened.store.load(list_versions.second)
    run = screened.screen_book(None, "system:lists", mode="delta")
    assert run.mode == "delta" and run.entities == 1  # the one new designee
    assert run.customers == 5 and run.candidates < 5  # the key filter spared the matcher
    assert run.delisted >= 1
    assert screened.alert(limmt).alert.delisted
    assert [e.kind for e in screened.alert(limmt).history][-1] == "delisted"
    new = screened.list_alerts(run_id=run.id)
    assert [a.customer_id for a in new] == ["C4"]
    assert "IVANOVSKY" in new[0].caption


def test_delta_with_no_list_change_screens_nothing(screened: CaseService) -> None:
    run = screened.screen_book(None, "ann", mode="delta")
    assert (run.entities, run.customers, run.new_alerts) == (0, 0, 0)


def test_a_confirmed_false_positive_is_suppressed_next_run_and_still_visible(
    screened: CaseService,
) -> None:
    alert_id = alert_for(screened, "C1", "HOJATI")
    decision = screened.propose_decision(alert_id, "false_positive", "other man", "ann")
    screened.approve_decision(decision, "bob")
    run = screened.screen_book(None, "ann")
    assert run.suppressed >= 1
    suppressed = screened.list_alerts(status="suppressed")
    assert any(a.customer_id == "C1" and a.suppressed_by for a in suppressed)
    assert all(a.status != "open" or a.id != alert_id for a in screened.list_alerts())


def test_the_allowlist_stops_suppressing_when_the_customer_record_changes(
    screened: CaseService, tmp_path: Path
) -> None:
    alert_id = alert_for(screened, "C1", "HOJATI")
    decision = screened.propose_decision(alert_id, "false_positive", "other man", "ann")
    screened.approve_decision(decision, "bob")
    changed = tmp_path / "book.csv"
    changed.write_text(
        BOOK.read_text().replace(
            "C1,Mohsen Hojati,person,1955-09-28,IR", "C1,Mohsen Hojati,person,1955-09-28,DE"
        )
    )
    imported = screened.import_book(changed, None, "ann")
    assert imported.changed == 1
    run = screened.screen_book(None, "ann")
    reopened = [a for a in screened.list_alerts(run_id=run.id) if a.customer_id == "C1"]
    assert any(a.status == "open" for a in reopened)


def test_an_expired_allowlist_entry_no_longer_suppresses(
    store_url: str, list_versions: ListVersions
) -> None:

    store = Store.open(store_url)
    store.load(list_versions.first)
    settings = dataclasses.replace(QUICK, allowlist_days=-1)
    service = with_users(CaseService(store, settings))
    service.import_book(BOOK, None, "ann")
    service.screen_book(None, "ann")
    alert_id = alert_for(service, "C1", "HOJATI")
    service.approve_decision(
        service.propose_decision(alert_id, "false_positive", "x", "ann"), "bob"
    )
    run = service.screen_book(None, "ann")
    assert run.new_alerts >= 1
    assert any(
        a.customer_id == "C1" and a.status == "open" for a in service.list_alerts(run_id=run.id)
    )


def test_a_delta_can_be_asked_against_an_older_snapshot_without_a_previous_run(
    service: CaseService, list_versions: ListVersions
) -> None:
    service.import_book(BOOK, None, "ann")
    first = service.store.resolve("current")
    service.store.load(list_versions.second)
    run = service.screen_book(None, "ann", mode="delta", since=first)
    assert (run.mode, run.base_snapshot_id, run.entities) == ("delta", first, 1)
    assert [a.customer_id for a in service.list_alerts(run_id=run.id)] == ["C4"]


def test_a_customer_added_since_the_last_run_is_screened_in_full_by_a_delta(
    screened: CaseService, tmp_path: Path
) -> None:
    grown = tmp_path / "book.csv"
    grown.write_text(BOOK.read_text() + "C6,Yung Yuan Tsang,person,,\n")
    assert screened.import_book(grown, None, "ann").added == 1
    run = screened.screen_book(None, "ann", mode="delta")
    assert run.entities == 0 and run.customers == 1
    assert {a.customer_id for a in screened.list_alerts(run_id=run.id)} == {"C6"}
