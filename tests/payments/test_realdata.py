"""Against OFAC's real SDN list: designated banks by BIC and LEI, a listed wallet and vessel."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctionguard.match.screener import Screener
from sanctionguard.payments.context import PaymentContext
from sanctionguard.payments.findings import Outcome, PaymentDecision
from sanctionguard.payments.service import screen_payment, screen_stream
from sanctionguard.sources.loader import parse_paths
from sanctionguard.store.snapshots import Store

from .conftest import CORPUS

pytestmark = [pytest.mark.realdata, pytest.mark.slow]
OFAC_FILES = ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv")


@pytest.fixture(scope="module")
def ofac(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> PaymentContext:
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('ofac') / 'ofac.db'}")
    store.load(parse_paths([shared_data / "ofac" / f for f in OFAC_FILES]))
    snap = store.resolve("current")
    entities = list(store.entities(snap))
    return PaymentContext.from_entities(entities, Screener.from_entities(entities), snap)


def screen(name: str, ctx: PaymentContext) -> PaymentDecision:
    return screen_payment((CORPUS / name).read_bytes(), None, ctx, where=name)


def test_pasargad_bank_bic_as_creditor_agent_blocks(ofac: PaymentContext) -> None:
    decision = screen("real_mt103_pasargad_bank.txt", ofac)
    assert decision.outcome is Outcome.BLOCK
    assert any("BKBPIRTH is listed: PASARGAD BANK" in r for r in decision.reasons)


def test_eximbank_of_russia_by_lei_alone_blocks(ofac: PaymentContext) -> None:
    decision = screen("real_pacs008_eximbank_lei.xml", ofac)
    assert decision.outcome is Outcome.BLOCK
    assert any("EXIMBANK OF RUSSIA" in r for r in decision.reasons)


def test_a_garantex_wallet_as_creditor_account_blocks(ofac: PaymentContext) -> None:
    body = (CORPUS / "real_pain001_garantex_wallet.xml").read_bytes()
    wallet, clean = screen_stream([("garantex", body)], ofac)
    assert wallet.outcome is Outcome.BLOCK
    assert any("GARANTEX" in f.reason.upper() and f.rule == "S13" for f in wallet.findings)
    assert clean.outcome is Outcome.PASS


def test_a_listed_vessel_named_with_its_imo_in_remittance_is_held(ofac: PaymentContext) -> None:
    decision = screen("real_pacs008_vessel_ark3.xml", ofac)
    assert decision.outcome is Outcome.HOLD
    kinds = {f.evidence.get("kind") for f in decision.findings if f.rule == "S12"}
    assert {"vessel", "imo"} <= kinds


def test_the_clean_messages_still_pass_against_the_full_sdn_list(ofac: PaymentContext) -> None:
    for name in ("pacs008_clean.xml", "mt103_clean.txt", "pacs008_s6_not_chpl.xml"):
        decision = screen(name, ofac)
        assert decision.outcome is Outcome.PASS, (name, decision.reasons)
