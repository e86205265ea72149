"""Vessels of the bundled sample lists (real OFAC, UK and Canadian designations): renamed hulls
across lists, MMSI and call-sign hits, and the owner links OFAC prints."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from sanctionguard.maritime.identity import VesselQuery
from sanctionguard.maritime.reference.sets import Reference
from sanctionguard.maritime.registry import VesselRegistry
from sanctionguard.maritime.rules import screen_shipment
from sanctionguard.maritime.shipments import Party, read_shipments
from sanctionguard.maritime.vessels import screen_vessel
from sanctionguard.match.screener import Screener
from sanctionguard.sources.loader import parse_paths
from sanctionguard.store.snapshots import Store

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[VesselRegistry, Screener]:
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('sample') / 'lists.db'}")
    store.load(parse_paths([REPO / "examples" / "lists"]))
    snap = store.resolve("current")
    return VesselRegistry.build(store.entities(snap)), Screener.from_entities(store.entities(snap))


def test_one_hull_listed_under_two_names_is_found_on_both_lists_by_imo(
    sample: tuple[VesselRegistry, Screener], reference: Reference
) -> None:
    # IMO 9341093: OFAC lists it as NS CONSUL, Canada as Kolomna.
    registry, _ = sample
    report = screen_vessel(VesselQuery(imo="9341093", names=("KOLOMNA",)), registry, reference)
    lists = {h.vessel.list_name: h for h in report.hits}
    assert set(lists) == {"us_ofac_sdn", "ca_dfatd_sema_sanctions"}
    ofac = next(f for f in report.findings if f.evidence.get("list") == "us_ofac_sdn")
    assert "renamed?" in ofac.message and "NS CONSUL" in ofac.message


def test_mmsi_and_call_sign_each_find_the_ofac_tanker(
    sample: tuple[VesselRegistry, Screener], reference: Reference
) -> None:
    registry, _ = sample
    by_mmsi = screen_vessel(VesselQuery(mmsi="626388000", flag="Liberia"), registry, reference)
    assert by_mmsi.hits[0].vessel.caption == "NS CONSUL"
    assert any(f.rule == "M6" and "gives GA" in f.message for f in by_mmsi.findings)
    by_sign = screen_vessel(VesselQuery(call_sign="TRBH3"), registry, reference)
    assert by_sign.hits[0].matched_on == ("call_sign",)


def test_the_listed_owner_ofac_links_to_a_tanker_is_reported(
    sample: tuple[VesselRegistry, Screener], reference: Reference
) -> None:
    registry, _ = sample
    report = screen_vessel(VesselQuery(imo="9312884"), registry, reference)
    m17 = [f for f in report.findings if f.rule == "M17"]
    assert m17 and "SOVCOMFLOT" in m17[0].message


def test_a_sovcomflot_charter_is_m15_and_g13(
    sample: tuple[VesselRegistry, Screener], reference: Reference, maritime_fixtures: Path
) -> None:
    registry, screener = sample
    clean = {s.id: s for s in read_shipments(maritime_fixtures / "shipments.json")}["SHP-CLEAN"]
    charter = replace(
        clean,
        date=date(2025, 1, 10),
        parties={**clean.parties, "charterer": Party("Joint Stock Company Sovcomflot", "RU")},
    )
    rules = {f.rule for f in screen_shipment(charter, registry, reference, screener).findings}
    assert {"M15", "G13"} <= rules
    assert not screen_shipment(clean, registry, reference, screener).findings
