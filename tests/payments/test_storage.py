"""Recorded payment decisions on SQLite and PostgreSQL: held and blocked messages, newest first."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from sanctionguard.payments.context import PaymentContext
from sanctionguard.payments.service import screen_stream
from sanctionguard.payments.storage import listing, metadata, record
from sanctionguard.store.snapshots import Store

from .conftest import CORPUS


def test_held_and_blocked_decisions_are_recorded_with_reasons(
    store_url: str, context: PaymentContext
) -> None:
    store = Store.open(store_url)
    files = ["pacs008_clean.xml", "pacs008_s1_listed_bic.xml", "pacs008_l2_crimea.xml"]
    decisions = list(screen_stream([(f, (CORPUS / f).read_bytes()) for f in files], context))
    assert record(store.engine, decisions) == 3
    held = listing(store.engine)
    assert [d.outcome for d in held] == ["hold", "block"]
    assert held[1].reasons[0].startswith("S1: IntrmyAgt1 BIC VTBRRUMMXXX is listed")
    assert held[0].record["findings"][0]["rule"] == "L2"
    assert [d.outcome for d in listing(store.engine, ("pass",))] == ["pass"]
    store.close()


def test_migration_0005_builds_exactly_the_declared_payment_table(store_url: str) -> None:
    store = Store.open(store_url)
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    mine = [d for d in diff if "payment_decision" in repr(d)]
    assert mine == []
    store.close()
