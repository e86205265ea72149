"""A shipment's vessel track against its documents: undeclared terminal calls and AIS events."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from sanctionguard.maritime.ais import Positions
from sanctionguard.maritime.detect import AisEvent, analyse
from sanctionguard.maritime.findings import Severity
from sanctionguard.maritime.reference.sets import Reference
from sanctionguard.maritime.shipments import Shipment, read_shipments
from sanctionguard.maritime.voyage import voyage_findings

MMSI = 219018271  # the clean fixture shipment's vessel
T0 = 1_730_419_200  # 2024-11-01T00:00:00Z, two weeks before the shipment date


@pytest.fixture(scope="module")
def clean() -> Shipment:
    path = Path(__file__).resolve().parents[1] / "fixtures" / "maritime" / "shipments.json"
    return {s.id: s for s in read_shipments(path)}["SHP-CLEAN"]


@pytest.fixture(scope="module")
def events(reference: Reference) -> tuple[AisEvent, ...]:
    """A day at Primorsk, then three hours drifting beside another tanker in the Ionian Sea."""
    rows = [(MMSI, T0 + k * 180, 60.34, 28.67, 0.0) for k in range(480)]
    later = T0 + 5 * 86400
    rows += [(MMSI, later + k * 180, 36.0, 18.0, 0.3) for k in range(60)]
    rows += [(273000001, later + k * 180, 36.0015, 18.0, 0.4) for k in range(60)]
    m, t, la, lo, sp = (list(c) for c in zip(*sorted(rows), strict=True))
    return analyse(Positions.from_arrays(m, t, la, lo, sp), reference).events


def test_a_call_at_a_russian_terminal_the_documents_omit_is_high(
    clean: Shipment, events: tuple[AisEvent, ...]
) -> None:
    m12 = [f for f in voyage_findings(clean, events) if f.rule == "M12"]
    assert m12 and m12[0].severity is Severity.HIGH
    assert "Primorsk" in m12[0].message and "no port in RU" in m12[0].message


def test_a_declared_russian_loading_port_lowers_the_call_to_medium(
    clean: Shipment, events: tuple[AisEvent, ...]
) -> None:
    declared = replace(clean, port_of_loading="RUPRI")
    m12 = [f for f in voyage_findings(declared, events) if f.rule == "M12"]
    assert m12 and m12[0].severity is Severity.MEDIUM


def test_the_encounter_names_the_other_vessel(
    clean: Shipment, events: tuple[AisEvent, ...]
) -> None:
    m5 = [f for f in voyage_findings(clean, events) if f.rule == "M5"]
    assert m5 and "273000001" in m5[0].message


def test_events_far_from_the_shipment_date_or_without_an_mmsi_are_ignored(
    clean: Shipment, events: tuple[AisEvent, ...]
) -> None:
    assert not voyage_findings(replace(clean, date=date(2025, 6, 1)), events)
    assert not voyage_findings(replace(clean, vessel=replace(clean.vessel, mmsi=None)), events)
