"""Parsing ISO 20022 and MT messages into the normalised model, and fuzzing the whole pipeline."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctionguard.payments.context import PaymentContext
from sanctionguard.payments.findings import Outcome
from sanctionguard.payments.iso20022 import parse_iso20022
from sanctionguard.payments.model import PaymentMessage, Role
from sanctionguard.payments.service import screen_payment
from sanctionguard.payments.swift_mt import parse_mt

from .conftest import CORPUS


def test_pacs008_reads_every_party_agent_account_and_remittance() -> None:
    (message,) = parse_iso20022((CORPUS / "pacs008_clean.xml").read_bytes(), "clean")
    roles = {p.role for p in message.parties}
    assert {Role.DEBTOR, Role.CREDITOR, Role.DEBTOR_AGENT, Role.CREDITOR_AGENT} <= roles
    assert {Role.INSTRUCTING_AGENT, Role.INSTRUCTED_AGENT} <= roles  # from the group header
    debtor = message.party(Role.DEBTOR)
    assert debtor is not None and debtor.account is not None
    assert debtor.account.iban == "DE89370400440532013000"
    assert debtor.address.country == "DE" and debtor.address.town == "Berlin"
    assert message.amount == 12500.0 and message.currency == "EUR"
    assert message.uetr == "8a562c67-ca16-48ba-b074-65581be6f011"
    assert [t.field for t in message.free_text] == ["RmtInf/Ustrd"]


def test_pacs008_versions_outside_08_to_13_are_flagged() -> None:
    data = (
        (CORPUS / "pacs008_clean.xml").read_bytes().replace(b"pacs.008.001.08", b"pacs.008.001.02")
    )
    (message,) = parse_iso20022(data, "old")
    assert any("unsupported pacs.008 version" in p for p in message.problems)


def test_pacs009_cov_keeps_the_underlying_customer_block_apart() -> None:
    (message,) = parse_iso20022((CORPUS / "pair_pacs009_cov_stripped.xml").read_bytes(), "cov")
    assert message.cover and message.format == "pacs.009.001.08 COV"
    underlying = {p.role for p in message.parties if p.underlying}
    assert {Role.DEBTOR, Role.CREDITOR, Role.DEBTOR_AGENT, Role.CREDITOR_AGENT} <= underlying
    assert {p.role for p in message.parties if not p.underlying} >= {
        Role.DEBTOR_FI,
        Role.CREDITOR_FI,
    }


def test_pain001_yields_one_message_per_transaction_with_shared_debtor() -> None:
    messages = list(parse_iso20022((CORPUS / "pain001_s13_wallet.xml").read_bytes(), "pain"))
    assert [m.reference for m in messages] == ["PAIN-S13-WALLET", "PAIN-S13-CLEAN"]
    assert all(m.party(Role.DEBTOR) is not None for m in messages)
    assert messages[0].party(Role.INITIATING_PARTY) is not None


def test_mt103_fields_map_to_roles_and_50f_is_structured() -> None:
    items = list(parse_mt((CORPUS / "mt_pair_stripped.txt").read_bytes(), "pair"))
    customer, cover = items
    assert isinstance(customer, PaymentMessage) and isinstance(cover, PaymentMessage)
    debtor = customer.party(Role.DEBTOR)
    assert debtor is not None and debtor.name == "VOLGA INSTRUMENT TRADING LLC"
    assert debtor.address.country == "RU" and debtor.address.town == "MOSCOW"
    assert customer.amount == 380000.0 and customer.currency == "USD"
    assert cover.format == "MT202COV" and cover.related_reference == "MT103PAIR01"
    assert any(p.underlying and p.role is Role.DEBTOR for p in cover.parties)


def test_mt_free_address_lines_give_a_country() -> None:
    (message,) = parse_mt((CORPUS / "mt103_clean.txt").read_bytes(), "clean")
    assert isinstance(message, PaymentMessage)
    debtor = message.party(Role.DEBTOR)
    assert debtor is not None and debtor.address.country == "DE"


def test_hs_codes_in_remittance_become_goods() -> None:
    (message,) = parse_iso20022((CORPUS / "pacs008_s6_chpl_hub.xml").read_bytes(), "s6")
    assert [g.hs_code for g in message.goods] == ["854231"]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_never_pass_and_never_raise(context: PaymentContext, data: bytes) -> None:
    decision = screen_payment(data, None, context)
    assert decision.outcome is not Outcome.PASS


_XML_HEAD = (
    b'<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">'
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=400))
def test_mangled_payment_xml_and_mt_never_raise(context: PaymentContext, text: str) -> None:
    body = text.encode("utf-8", "replace")
    for data in (
        _XML_HEAD + b"<FIToFICstmrCdtTrf>" + body,
        b"{1:F01DEUTDEFFAXXX0000000000}{4:\n" + body,
    ):
        decision = screen_payment(data, None, context)
        assert decision.outcome in (Outcome.HOLD, Outcome.BLOCK)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(min_value=0, max_value=3000), st.binary(min_size=1, max_size=8))
def test_corrupting_a_valid_message_never_raises(
    context: PaymentContext, position: int, junk: bytes
) -> None:
    data = (CORPUS / "pacs008_clean.xml").read_bytes()
    at = position % len(data)
    decision = screen_payment(data[:at] + junk + data[at + len(junk) :], None, context)
    assert decision.outcome in set(Outcome)
