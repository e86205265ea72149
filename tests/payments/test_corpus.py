"""The hand-written corpus: each rule with a positive and a negative message, decisions, reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctionguard.payments.context import PaymentContext
from sanctionguard.payments.findings import Outcome, PaymentDecision, Severity
from sanctionguard.payments.history import AccountHistory
from sanctionguard.payments.service import screen_payment, screen_stream

from .conftest import CORPUS


def screen(
    name: str, ctx: PaymentContext, history: AccountHistory | None = None
) -> PaymentDecision:
    return screen_payment((CORPUS / name).read_bytes(), None, ctx, history=history, where=name)


def rules_of(decision: PaymentDecision, floor: Severity = Severity.MEDIUM) -> set[str]:
    return {f.rule for f in decision.findings if f.severity >= floor}


def test_a_clean_pacs008_passes_with_no_findings(context: PaymentContext) -> None:
    decision = screen("pacs008_clean.xml", context)
    assert decision.outcome is Outcome.PASS
    assert decision.findings == ()
    assert decision.format == "pacs.008.001.08"


def test_a_clean_mt103_passes(context: PaymentContext) -> None:
    decision = screen("mt103_clean.txt", context)
    assert decision.outcome is Outcome.PASS, decision.reasons


def test_s1_a_designated_bank_bic_as_intermediary_blocks(context: PaymentContext) -> None:
    decision = screen("pacs008_s1_listed_bic.xml", context)
    assert decision.outcome is Outcome.BLOCK
    assert any("VTBRRUMMXXX is listed: VTB BANK" in r for r in decision.reasons)
    assert decision.findings[0].field == "IntrmyAgt1"


def test_s1_sberbank_bic_in_mt103_field_56a_blocks(context: PaymentContext) -> None:
    decision = screen("mt103_s1_listed_intermediary.txt", context)
    assert decision.outcome is Outcome.BLOCK
    assert any("SABRRUMMXXX is listed" in r and "SBERBANK" in r for r in decision.reasons)


def test_s1_an_agent_named_like_gazprombank_without_bic_is_held(context: PaymentContext) -> None:
    decision = screen("pacs008_s1_agent_name.xml", context)
    assert decision.outcome is Outcome.HOLD
    s1 = [f for f in decision.findings if f.rule == "S1"]
    assert s1 and all(f.severity is Severity.HIGH for f in s1)
    assert any("GAZPROMBANK" in f.reason.upper() for f in s1)


def test_l1_a_listed_creditor_and_ultimate_creditor_are_held(context: PaymentContext) -> None:
    decision = screen("pacs008_l1_listed_creditor.xml", context)
    assert decision.outcome is Outcome.HOLD
    roles = {f.field for f in decision.findings if f.rule == "L1"}
    assert roles == {"Cdtr", "UltmtCdtr"}
    assert any("DERIPASKA" in f.reason for f in decision.findings)


def test_l2_a_creditor_in_crimea_spelled_krimea_is_held(context: PaymentContext) -> None:
    decision = screen("pacs008_l2_crimea.xml", context)
    assert decision.outcome is Outcome.HOLD
    assert any(f.rule == "L2" and f.evidence["region"] == "crimea" for f in decision.findings)


def test_s4_a_russian_debtor_banking_in_the_uae_is_held(context: PaymentContext) -> None:
    decision = screen("pacs008_s4_mismatch.xml", context)
    s4 = [f for f in decision.findings if f.rule == "S4"]
    assert decision.outcome is Outcome.HOLD
    assert s4 and s4[0].severity is Severity.MEDIUM
    assert s4[0].evidence == {"party_country": "RU", "agent_country": "AE", "agent_bic": "EBILAEAD"}


def test_s4_does_not_fire_when_customers_bank_at_home(context: PaymentContext) -> None:
    assert "S4" not in {f.rule for f in screen("pacs008_clean.xml", context).findings}


def test_s6_chpl_chips_paid_to_hong_kong_are_held(context: PaymentContext) -> None:
    decision = screen("pacs008_s6_chpl_hub.xml", context)
    assert decision.outcome is Outcome.HOLD
    assert [f.evidence["hs"] for f in decision.findings if f.rule == "S6"] == ["854231"]


def test_s6_goods_off_the_chpl_pass(context: PaymentContext) -> None:
    decision = screen("pacs008_s6_not_chpl.xml", context)
    assert decision.outcome is Outcome.PASS
    assert "S6" not in {f.rule for f in decision.findings}


def test_s9_a_first_cny_payment_to_china_is_held_given_history(
    context: PaymentContext, history: AccountHistory
) -> None:
    decision = screen("pacs008_s9_new.xml", context, history)
    assert decision.outcome is Outcome.HOLD
    assert "S9" in decision.rules
    assert any(
        f.rule == "S9" and "no CNY payment towards CN" in f.reason for f in decision.findings
    )


def test_s9_a_routine_cny_corridor_passes(context: PaymentContext, history: AccountHistory) -> None:
    decision = screen("pacs008_s9_known.xml", context, history)
    assert decision.outcome is Outcome.PASS, decision.reasons


def test_s9_is_not_evaluated_without_history(context: PaymentContext) -> None:
    decision = screen("pacs008_s9_new.xml", context)
    assert "S9" not in decision.rules
    assert decision.outcome is Outcome.PASS


def test_s12_free_text_naming_a_vessel_imo_port_and_spaced_out_company_is_held(
    context: PaymentContext,
) -> None:
    decision = screen("pacs008_s12_free_text.xml", context)
    assert decision.outcome is Outcome.HOLD
    kinds = {f.evidence["kind"] for f in decision.findings if f.rule == "S12"}
    assert kinds == {"listed", "vessel", "imo", "place"}
    texts = {f.evidence["text"] for f in decision.findings if f.rule == "S12"}
    assert {"s o v c o m f l o t", "9161003", "sevastopol", "lady r"} <= texts


def test_s12_a_stripped_pacs009_cov_is_held_and_says_what_was_dropped(
    context: PaymentContext,
) -> None:
    files = ["pair_pacs008_customer.xml", "pair_pacs009_cov_stripped.xml"]
    decisions = list(screen_stream([(f, (CORPUS / f).read_bytes()) for f in files], context))
    cover = next(d for d in decisions if d.format and "COV" in d.format)
    pair = [f for f in cover.findings if f.rule == "S12" and "dropped" in f.evidence]
    assert cover.outcome is Outcome.HOLD
    assert pair and pair[0].severity is Severity.HIGH
    assert "KALASHNIKOV" in " ".join(pair[0].evidence["signals"]).upper()
    assert any("Volga Instrument Trading LLC" in d for d in pair[0].evidence["dropped"])


def test_s12_a_faithful_cover_raises_no_pair_finding(context: PaymentContext) -> None:
    files = ["pacs008_clean.xml", "pair_pacs009_cov_faithful.xml"]
    decisions = list(screen_stream([(f, (CORPUS / f).read_bytes()) for f in files], context))
    assert [d.outcome for d in decisions] == [Outcome.PASS, Outcome.PASS]


def test_s12_mt202cov_stripping_the_russian_customer_of_its_mt103_is_held(
    context: PaymentContext,
) -> None:
    decision = screen("mt_pair_stripped.txt", context)
    assert decision.outcome is Outcome.HOLD
    pair = [f for f in decision.findings if f.rule == "S12" and "dropped" in f.evidence]
    assert pair and pair[0].severity is Severity.HIGH
    assert "RU" in pair[0].evidence["signals"]


def test_s13_a_listed_wallet_as_creditor_account_blocks_and_exchangers_are_named(
    context: PaymentContext,
) -> None:
    decisions = list(
        screen_stream([("pain", (CORPUS / "pain001_s13_wallet.xml").read_bytes())], context)
    )
    wallet, clean = decisions
    assert wallet.outcome is Outcome.BLOCK
    assert {f.evidence.get("exchanger") for f in wallet.findings if f.rule == "S13"} >= {
        "garantex",
        "a7a5",
    }
    assert any(f.evidence.get("wallet") for f in wallet.findings)
    assert clean.outcome is Outcome.PASS


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("bad_malformed.xml", "malformed XML"),
        ("bad_not_payment.xml", "not an ISO 20022 payment"),
        ("bad_xxe.xml", "entities"),
        ("bad_mt103_broken_block.txt", "no block 4"),
        ("bad_unknown_bic.xml", "unknown format"),
        ("bad_oversized_text.xml", "oversized text in <Ustrd>"),
    ],
)
def test_bad_input_is_held_with_a_clear_reason(
    context: PaymentContext, name: str, words: str
) -> None:
    decision = screen(name, context)
    assert decision.outcome is Outcome.HOLD
    assert any(words in r for r in decision.reasons), decision.reasons


def test_every_corpus_file_gets_a_decision_and_none_crashes(
    context: PaymentContext, history: AccountHistory
) -> None:
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in (".xml", ".txt"))
    decisions = list(screen_stream([(p.name, p.read_bytes()) for p in files], context, history))
    assert len(decisions) >= len(files)
    assert {d.outcome for d in decisions} == set(Outcome)


def test_a_decision_serialises_to_json_with_reasons(context: PaymentContext) -> None:
    decision = screen("pacs008_s1_listed_bic.xml", context)
    data = decision.to_dict()
    assert data["decision"] == "block"
    assert data["reasons"][0].startswith("S1: IntrmyAgt1 BIC VTBRRUMMXXX is listed")
    assert '"decision": "block"' in decision.to_json()


def test_the_path_is_not_needed_to_read_a_body(context: PaymentContext) -> None:
    body = Path(CORPUS / "mt103_clean.txt").read_bytes()
    assert screen_payment(body, "text/plain", context).outcome is Outcome.PASS
