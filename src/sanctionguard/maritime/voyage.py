"""A shipment's vessel track against its documents: AIS events as findings, undeclared calls (M12).

The vessel is found in the AIS analysis by its MMSI; events within ``WINDOW`` of the shipment
date become findings, and a call at a Russian oil or military-cargo terminal that the documents
do not show (loading and transshipment ports in another country) is M12.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from sanctionguard.maritime.detect import AisEvent
from sanctionguard.maritime.findings import Finding, Severity
from sanctionguard.maritime.identity import normalise_mmsi
from sanctionguard.maritime.shipments import Shipment

WINDOW = timedelta(days=60)  # events this close to the shipment date count (guess)
EVENT_SEVERITY = {
    "gap": Severity.MEDIUM,
    "jump": Severity.HIGH,
    "encounter": Severity.HIGH,
    "loitering": Severity.LOW,
    "terminal_call": Severity.MEDIUM,
}


def _day(epoch: int) -> date:
    return datetime.fromtimestamp(epoch, UTC).date()


def _in_window(event: AisEvent, shipment: Shipment) -> bool:
    if shipment.date is None:
        return True
    return _day(event.end) >= shipment.date - WINDOW and _day(event.start) <= shipment.date + WINDOW


def _declared_countries(shipment: Shipment) -> set[str]:
    ports = [shipment.port_of_loading, *shipment.transshipment_ports, shipment.port_of_discharge]
    return {p[:2] for p in ports if p}


def _finding(event: AisEvent, shipment: Shipment, mmsi: int) -> Finding:
    when = f"{_day(event.start)} ({event.hours:.1f} h)"
    where = f"at {event.lat:.3f}, {event.lon:.3f}"
    if event.kind == "terminal_call":
        terminal = str(event.detail.get("terminal"))
        declared = _declared_countries(shipment)
        undeclared = event.detail.get("country") not in declared
        severity = Severity.HIGH if undeclared else Severity.MEDIUM
        if event.detail.get("terminal_kind") == "military":
            severity = Severity.CRITICAL if undeclared else Severity.HIGH
        text = f"AIS shows a call at {terminal} on {when}"
        if undeclared:
            text += f"; the documents name no port in {event.detail.get('country')}"
        return Finding("M12", severity, "voyage", text, event.to_dict())
    other = event.other_mmsi if event.mmsi == mmsi else event.mmsi
    text = {
        "gap": f"AIS silent {when} from {where}",
        "jump": f"position jump of {event.detail.get('jump_km')} km on {when} {where}",
        "encounter": f"ship-to-ship encounter with MMSI {other} on {when} {where}",
        "loitering": f"loitering on {when} {where}",
    }[event.kind]
    places = [
        str(event.detail[k])
        for k in ("near_terminal", "near_sts_hub", "sts_hub")
        if k in event.detail
    ]
    if places:
        text += f", near {' and '.join(places)}"
    severity = EVENT_SEVERITY[event.kind]
    if event.kind == "gap" and places:
        severity = Severity.HIGH
    if event.kind == "encounter" and "sts_hub" in event.detail:
        severity = Severity.CRITICAL
    return Finding(event.rule, severity, "voyage", text, event.to_dict())


def voyage_findings(shipment: Shipment, events: Sequence[AisEvent]) -> list[Finding]:
    """Findings from the AIS events of the shipment's vessel around the shipment date."""
    mmsi = normalise_mmsi(shipment.vessel.mmsi or "")
    if mmsi is None:
        return []
    number = int(mmsi)
    mine = [
        e
        for e in events
        if (e.mmsi == number or e.other_mmsi == number) and _in_window(e, shipment)
    ]
    return [_finding(e, shipment, number) for e in mine]
