"""Vessel screening against real designated vessels (EU Annex XLII, EU DPRK list)."""

from __future__ import annotations

from sanctionguard.maritime.findings import Severity
from sanctionguard.maritime.identity import VesselQuery
from sanctionguard.maritime.reference.sets import Reference
from sanctionguard.maritime.vessels import screen_vessel
from tests.maritime.conftest import Lists


def _rules(report: object) -> list[str]:
    return [f.rule for f in report.findings]  # type: ignore[attr-defined]


def test_a_renamed_annex_xlii_tanker_is_found_by_its_imo(
    lists: Lists, reference: Reference
) -> None:
    report = screen_vessel(
        VesselQuery(imo="IMO 9179842", names=("SEA PEARL",)), lists.registry, reference
    )
    m1 = [f for f in report.findings if f.rule == "M1"]
    assert m1 and m1[0].severity is Severity.CRITICAL
    assert "Angara" in m1[0].message and "renamed?" in m1[0].message
    assert m1[0].evidence["annex_xlii"] is True


def test_a_vessel_asked_by_its_former_name_is_found(lists: Lists, reference: Reference) -> None:
    # EU Annex XLII lists "Kavya" with the former name "Hana".
    report = screen_vessel(VesselQuery(names=("HANA",)), lists.registry, reference)
    hit = report.hits[0]
    assert hit.vessel.caption == "Kavya" and hit.matched_on == ("former_name",)
    assert "former name" in report.findings[0].message
    assert report.findings[0].severity is Severity.MEDIUM  # a name alone is weaker than an IMO


def test_an_imo_with_a_wrong_check_digit_is_reported_and_matches_nothing(
    lists: Lists, reference: Reference
) -> None:
    report = screen_vessel(VesselQuery(imo="9179843"), lists.registry, reference)
    assert _rules(report) == ["M2"]
    assert "first six digits give 2" in report.findings[0].message


def test_a_dprk_vessel_is_found_by_mmsi_and_its_declared_flag_contradicts_the_mid(
    lists: Lists, reference: Reference
) -> None:
    report = screen_vessel(
        VesselQuery(mmsi="620233000", flag="Sierra Leone"), lists.registry, reference
    )
    assert report.mid_flag == "KM"
    assert {"M1", "M6"} <= set(_rules(report))
    assert any(h.vessel.caption.upper() == "PETREL 8" for h in report.hits)


def test_an_unlisted_vessel_has_no_findings(lists: Lists, reference: Reference) -> None:
    query = VesselQuery(imo="9321483", mmsi="219018271", names=("EMMA MAERSK",), flag="DK")
    report = screen_vessel(query, lists.registry, reference, lists.screener)
    assert report.findings == ()


def test_a_listed_owner_given_for_a_vessel_is_reported(lists: Lists, reference: Reference) -> None:
    # JSC Kalashnikov is an EU Reg. 833/2014 Annex IV end user.
    query = VesselQuery(imo="9321483", owners=("JSC Kalashnikov",))
    report = screen_vessel(query, lists.registry, reference, lists.screener)
    assert _rules(report) == ["M17"]
    assert "Kalashnikov" in report.findings[0].message
