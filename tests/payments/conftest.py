"""Fixtures for payment screening: a snapshot of the sample lists plus one hand-made wallet entry.

The sample lists (``examples/lists``) carry real designated banks (VTB, Sberbank, Gazprombank
with their BICs and LEIs), companies, people and vessels; they have no digital currency
address, so one listed wallet (a real OFAC SDN address) is added by hand for S13.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctionguard.match.screener import Screener
from sanctionguard.model.entry import EntryBuilder
from sanctionguard.model.identifiers import IdKind
from sanctionguard.payments.context import PaymentContext
from sanctionguard.payments.history import AccountHistory
from sanctionguard.sources.loader import parse_paths
from sanctionguard.store.snapshots import Store, StoredEntity

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "fixtures" / "payments"
LISTED_WALLET = "0x03893a7c7463AE47D46bc7f091665f1893656003"


def _wallet_entry() -> StoredEntity:
    b = EntryBuilder("test_wallets", "W-1", "LegalEntity", "test:wallet-1")
    b.add_name("Hand Made Wallet Holder")
    b.add_identifier(IdKind.CRYPTO_WALLET, LISTED_WALLET, None)
    entry = b.build()
    return StoredEntity(
        entry.id,
        "test_wallets",
        entry.schema,
        entry.caption,
        entry.source_id,
        "",
        entry.to_record(),
    )


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("payments") / "lists.db"
    store = Store.open(f"sqlite:///{path}")
    store.load(parse_paths([REPO / "examples" / "lists"]))
    return store


@pytest.fixture(scope="session")
def context(sample_store: Store) -> PaymentContext:
    snap = sample_store.resolve("current")
    entities = [*sample_store.entities(snap), _wallet_entry()]
    return PaymentContext.from_entities(entities, Screener.from_entities(entities), snap)


@pytest.fixture(scope="session")
def history() -> AccountHistory:
    return AccountHistory.load(CORPUS / "account_history.csv")
