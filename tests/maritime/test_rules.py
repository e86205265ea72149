"""Shipment rules, each with positive and negative cases, on real designated vessels and parties."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from sanctionguard.maritime.findings import Finding, Severity
from sanctionguard.maritime.reference.sets import Reference
from sanctionguard.maritime.rules import screen_shipment
from sanctionguard.maritime.shipments import Dated, GoodsLine, Party, Shipment, read_shipments
from tests.maritime.conftest import Lists


@pytest.fixture(scope="module")
def fixture_shipments() -> dict[str, Shipment]:
    path = Path(__file__).resolve().parents[1] / "fixtures" / "maritime" / "shipments.json"
    return {s.id: s for s in read_shipments(path)}


@pytest.fixture(scope="module")
def risky(fixture_shipments: dict[str, Shipment]) -> Shipment:
    return fixture_shipments["SHP-RISK"]


@pytest.fixture(scope="module")
def clean(fixture_shipments: dict[str, Shipment]) -> Shipment:
    return fixture_shipments["SHP-CLEAN"]


def _findings(shipment: Shipment, lists: Lists, reference: Reference, rule: str) -> list[Finding]:
    report = screen_shipment(shipment, lists.registry, reference, lists.screener)
    return [f for f in report.findings if f.rule == rule]


def test_the_clean_shipment_raises_no_finding(
    clean: Shipment, lists: Lists, reference: Reference
) -> None:
    assert screen_shipment(clean, lists.registry, reference, lists.screener).findings == ()


def test_m1_the_renamed_annex_xlii_tanker_is_critical(
    risky: Shipment, lists: Lists, reference: Reference
) -> None:
    (m1,) = _findings(risky, lists, reference, "M1")
    assert m1.severity is Severity.CRITICAL and "Angara" in m1.message


def test_m6_three_flags_in_two_years_and_a_mid_that_contradicts_the_flag(
    risky: Shipment, clean: Shipment, lists: Lists, reference: Reference
) -> None:
    messages = [f.message for f in _findings(risky, lists, reference, "M6")]
    assert any("3 flag changes" in m for m in messages)
    assert any("MID 626123456 gives GA" in m for m in messages)
    assert not _findings(clean, lists, reference, "M6")


def test_m7_a_rename_within_six_months_of_the_designation(
    risky: Shipment, lists: Lists, reference: Reference
) -> None:
    (m7,) = _findings(risky, lists, reference, "M7")
    assert "2024-06-25" in m7.message  # EU Annex XLII listing date of Angara
    later = replace(
        risky, vessel=replace(risky.vessel, name_history=(Dated("SEA PEARL", date(2025, 6, 1)),))
    )
    assert not _findings(later, lists, reference, "M7")


def test_m7_an_owner_change_right_after_the_prior_owners_designation(
    clean: Shipment, lists: Lists, reference: Reference
) -> None:
    # JSC Sirius: EU Reg. 833/2014 Annex IV since 2014-09-12; the vessel is sold seven weeks later.
    owners = (
        Dated("JSC Sirius", date(2010, 1, 1), "owner"),
        Dated("Blue Harbour Ltd", date(2014, 11, 1), "owner"),
    )
    sold = replace(clean, vessel=replace(clean.vessel, owner_history=owners))
    far = replace(
        clean,
        vessel=replace(
            clean.vessel, owner_history=(owners[0], Dated("Blue Harbour Ltd", date(2019, 1, 1)))
        ),
    )
    (found,) = _findings(sold, lists, reference, "M7")
    assert "JSC Sirius" in found.message and "2014-09-12" in found.message
    assert not _findings(far, lists, reference, "M7")


def test_m8_an_insurer_outside_the_international_group_and_a_designated_one(
    risky: Shipment, clean: Shipment, lists: Lists, reference: Reference
) -> None:
    m8 = _findings(risky, lists, reference, "M8")
    assert any("not an International Group" in f.message for f in m8)
    uninsured = replace(
        clean, pandi_club=None, parties={k: v for k, v in clean.parties.items() if k != "insurer"}
    )
    assert "unverifiable" in _findings(uninsured, lists, reference, "M8")[0].message
    assert not _findings(clean, lists, reference, "M8")


def test_m8_a_listed_insurer_is_critical(
    clean: Shipment, lists: Lists, reference: Reference
) -> None:
    # ROSNEFT TRADE LIMITED stands in for a listed insurer: it is in the CSL sample (SSI).
    parties = {**clean.parties, "insurer": Party("ROSNEFT TRADE LIMITED", "CY")}
    m8 = _findings(replace(clean, parties=parties), lists, reference, "M8")
    assert any(f.severity is Severity.CRITICAL for f in m8)


def test_m10_an_old_tanker_recently_sold(
    risky: Shipment, clean: Shipment, lists: Lists, reference: Reference
) -> None:
    (m10,) = _findings(risky, lists, reference, "M10")
    assert m10.severity is Severity.MEDIUM and "sold to 'Ocean Shipping One Ltd'" in m10.message
    assert not _findings(clean, lists, reference, "M10")  # a container ship


def test_m15_services_to_an_annex_xlii_vessel(
    risky: Shipment, clean: Shipment, lists: Lists, reference: Reference
) -> None:
    assert _findings(risky, lists, reference, "M15")[0].severity is Severity.CRITICAL
    assert not _findings(clean, lists, reference, "M15")


def test_g1_chpl_tier_sets_the_severity(
    risky: Shipment, clean: Shipment, lists: Lists, reference: Reference
) -> None:
    g1 = {f.evidence["tier"]: f.severity for f in _findings(risky, lists, reference, "G1")}
    assert g1 == {"1": Severity.CRITICAL, "3.B": Severity.MEDIUM}
    assert not _findings(clean, lists, reference, "G1")


def test_g2_missing_no_re_export_clause_only_outside_partner_countries(
    risky: Shipment, lists: Lists, reference: Reference
) -> None:
    assert _findings(risky, lists, reference, "G2")
    with_clause = replace(risky, clauses=("Art. 12g no re-export to Russia",))
    to_japan = replace(
        risky,
        parties={
            **risky.parties,
            "end_user": Party("Tokyo Keiki", "JP"),
            "consignee": Party("Tokyo Keiki", "JP"),
        },
    )
    before = replace(risky, date=date(2023, 12, 1))
    for variant in (with_clause, to_japan, before):
        assert not _findings(variant, lists, reference, "G2")


def test_g5_a_forwarder_as_consignee(
    risky: Shipment, clean: Shipment, lists: Lists, reference: Reference
) -> None:
    assert _findings(risky, lists, reference, "G5")
    assert not _findings(clean, lists, reference, "G5")


def test_g6_hub_routing_toward_russia_is_high(
    risky: Shipment, clean: Shipment, lists: Lists, reference: Reference
) -> None:
    (g6,) = _findings(risky, lists, reference, "G6")
    assert g6.severity is Severity.HIGH and g6.evidence["hub_ports"] == ["AEJEA", "GEPTI"]
    assert not _findings(clean, lists, reference, "G6")
    to_uae = replace(
        risky,
        transshipment_ports=(),
        port_of_discharge="AEJEA",
        parties={"end_user": Party("Dubai Works", "AE")},
    )
    assert not _findings(to_uae, lists, reference, "G6")


def test_g9_vague_goods_on_a_valuable_line(
    risky: Shipment, clean: Shipment, lists: Lists, reference: Reference
) -> None:
    (g9,) = _findings(risky, lists, reference, "G9")
    assert g9.subject == "goods line 2"
    cheap = replace(clean, goods=(GoodsLine(1, "spare parts", "847330", 1, None, 500.0),))
    assert not _findings(cheap, lists, reference, "G9")


def test_g10_quantities_and_values_that_differ_across_documents(
    risky: Shipment, clean: Shipment, lists: Lists, reference: Reference
) -> None:
    assert {next(iter(f.evidence)) for f in _findings(risky, lists, reference, "G10")} == {
        "quantity",
        "value",
    }
    assert not _findings(clean, lists, reference, "G10")


def test_g13_parties_on_the_entity_list_and_eu_annex_iv(
    clean: Shipment, lists: Lists, reference: Reference
) -> None:
    parties = {
        **clean.parties,
        "consignee": Party(
            "China Electronics Technology Group Corporation 13th Research Institute (CETC 13)",
            "CN",
        ),
        "end_user": Party("JSC Kalashnikov", "RU"),
    }
    g13 = _findings(replace(clean, parties=parties), lists, reference, "G13")
    assert {f.subject for f in g13} == {"party consignee", "party end_user"}
    assert not _findings(clean, lists, reference, "G13")


def test_without_a_matcher_party_rules_are_skipped_not_guessed(
    risky: Shipment, lists: Lists, reference: Reference
) -> None:
    report = screen_shipment(risky, lists.registry, reference, None)
    assert not [f for f in report.findings if f.rule == "G13"]
    assert [f for f in report.findings if f.rule == "M1"]
