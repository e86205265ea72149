"""Owner links lists print (OFAC "Linked To"): owners of a listed vessel, vessels of an owner."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sanctionguard.maritime.identity import VesselQuery
from sanctionguard.maritime.reference.sets import Reference
from sanctionguard.maritime.registry import VesselRegistry
from sanctionguard.maritime.rules import screen_shipment
from sanctionguard.maritime.shipments import Party, Shipment, ShipVessel
from sanctionguard.maritime.vessels import screen_vessel
from sanctionguard.match.screener import Screener
from sanctionguard.store.snapshots import StoredEntity


def _entity(entity_id: str, schema: str, name: str, **record: object) -> StoredEntity:
    base = {
        "id": entity_id,
        "schema": schema,
        "caption": name,
        "list": "us_ofac_sdn",
        "source_id": entity_id,
        "names": [{"value": name, "kind": "primary"}],
        "identifiers": [],
        "birth_dates": [],
        "programs": ["RUSSIA-EO14024"],
        "listed_on": "2024-02-23",
        "remarks": [],
        "links": [],
        "properties": {"name": [name]},
        "related": [],
    }
    base.update(record)
    return StoredEntity(entity_id, "us_ofac_sdn", schema, name, entity_id, "h", base)


# Shaped like OFAC's SDN entries for a shadow-fleet tanker and its listed manager.
OWNER = _entity("sdn-1", "Organization", "Glory Shipmanagement FZE")
TANKER = _entity(
    "sdn-2",
    "Vessel",
    "NORDIC STAR",
    identifiers=[{"kind": "imo", "value": "9179842", "raw": "IMO 9179842", "valid": True}],
    links=[{"relation": "linked_to", "target": "Glory Shipmanagement FZE", "target_id": "sdn-1"}],
    properties={
        "name": ["NORDIC STAR"],
        "imoNumber": ["IMO9179842"],
        "flag": ["ga"],
        "callSign": ["TRAB7"],
        "mmsi": ["626999001"],
    },
)


@pytest.fixture(scope="module")
def registry() -> VesselRegistry:
    return VesselRegistry.build([OWNER, TANKER])


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener.from_entities([OWNER, TANKER])


def test_a_listed_vessels_linked_owner_is_reported(
    registry: VesselRegistry, reference: Reference
) -> None:
    report = screen_vessel(VesselQuery(imo="9179842"), registry, reference)
    m17 = [f for f in report.findings if f.rule == "M17"]
    assert m17 and "Glory Shipmanagement FZE" in m17[0].message
    assert registry.vessels_of_owner("sdn-1")[0].caption == "NORDIC STAR"


def test_a_charterer_that_manages_listed_vessels_is_m15(
    registry: VesselRegistry, screener: Screener, reference: Reference
) -> None:
    shipment = Shipment(
        id="C1",
        date=date(2024, 6, 1),
        vessel=ShipVessel(name="OCEAN GRACE", imo="9321483"),
        parties={"charterer": Party("Glory Shipmanagement FZE", "AE")},
        pandi_club="Gard",
        port_of_loading="AEFJR",
        port_of_discharge="INSIK",
        transshipment_ports=(),
        goods=(),
        documents={},
        clauses=(),
    )
    m15 = [
        f
        for f in screen_shipment(shipment, registry, reference, screener).findings
        if f.rule == "M15"
    ]
    assert m15 and "NORDIC STAR" in m15[0].message
    unrelated = replace(shipment, parties={"charterer": Party("Harbour Grain Traders Ltd", "AE")})
    assert not [
        f
        for f in screen_shipment(unrelated, registry, reference, screener).findings
        if f.rule == "M15"
    ]


def test_call_sign_and_mmsi_find_the_listed_vessel(
    registry: VesselRegistry, reference: Reference
) -> None:
    by_sign = screen_vessel(VesselQuery(call_sign="tr-ab7"), registry, reference)
    assert by_sign.hits[0].matched_on == ("call_sign",)
    assert by_sign.findings[0].severity.label == "high"
    by_mmsi = screen_vessel(VesselQuery(mmsi="626 999 001", flag="GA"), registry, reference)
    assert by_mmsi.hits[0].strong and by_mmsi.mid_flag == "GA"
    assert not [f for f in by_mmsi.findings if f.rule == "M6"]
