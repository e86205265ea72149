"""What the vessel pages show: a listed hull's identity across every list that names it (names,
former names, IMO with its check, MMSI with its MID flag, call signs, flags, owners), its
screening findings, and an uploaded AIS file turned into its track picture and events.

Listed vessels come from a ``VesselRegistry`` of the current snapshot, kept per app and
rebuilt when the snapshot moves. Uploads are read from memory and never stored.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
from starlette.formparsers import MultiPartParser

from sanctionguard.maritime.ais import read_positions_bytes
from sanctionguard.maritime.detect import AisEvent, analyse
from sanctionguard.maritime.findings import Finding
from sanctionguard.maritime.identity import (
    VesselQuery,
    check_imo,
    mmsi_flag,
    normalise_mmsi,
    normalise_vessel_name,
)
from sanctionguard.maritime.problems import InputError
from sanctionguard.maritime.reference.sets import Reference
from sanctionguard.maritime.registry import ListedParty, ListedVessel, VesselRegistry
from sanctionguard.maritime.trackmap import TrackPicture, draw_track, events_of, vessel_track
from sanctionguard.maritime.vessels import find_vessels, screen_vessel
from sanctionguard.store.snapshots import Store

# Starlette keeps an uploaded file in memory up to this size and spools larger ones to a
# temporary file; bounding uploads by it keeps an AIS file in memory only.
MAX_UPLOAD_BYTES = MultiPartParser.spool_max_size


@dataclass
class VesselCatalog:
    """The listed vessels of the current snapshot, rebuilt when ``current`` moves."""

    store: Store
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _snapshot_id: int | None = None
    _registry: VesselRegistry | None = None

    def current(self) -> tuple[int, VesselRegistry]:
        snap_id = self.store.resolve("current")
        with self._lock:
            if self._registry is None or self._snapshot_id != snap_id:
                self._registry = VesselRegistry.build(self.store.entities(snap_id))
                self._snapshot_id = snap_id
            return snap_id, self._registry


def find_listed(registry: VesselRegistry, entity_id: str) -> ListedVessel | None:
    return next((v for v in registry.vessels if v.entity_id == entity_id), None)


@dataclass(frozen=True)
class Row:
    """One identity fact (a name, identifier or flag), what it says, and which lists say it."""

    kind: str
    value: str
    note: str
    lists: tuple[str, ...]


@dataclass(frozen=True)
class OwnerRow:
    relation: str
    name: str
    party: ListedParty | None
    via: str  # the list stating the link


@dataclass(frozen=True)
class Identity:
    """A hull as every list entry sharing its IMO (or just this entry) describes it."""

    vessel: ListedVessel
    entries: tuple[ListedVessel, ...]
    names: tuple[Row, ...]
    identifiers: tuple[Row, ...]
    flags: tuple[Row, ...]
    owners: tuple[OwnerRow, ...]


def _rows(facts: list[tuple[str, str, str, str]]) -> tuple[Row, ...]:
    """(kind, value, note, list) facts merged by (kind, value), lists in first-seen order."""
    merged: dict[tuple[str, str], tuple[str, list[str]]] = {}
    for kind, value, note, list_name in facts:
        key = (kind, value)
        entry = merged.setdefault(key, (note, []))
        if list_name not in entry[1]:
            entry[1].append(list_name)
    return tuple(Row(k, v, note, tuple(lists)) for (k, v), (note, lists) in merged.items())


def _imo_note(imo: str) -> str:
    check = check_imo(imo)
    return "check digit valid" if check.valid else check.explain()


def _mmsi_note(mmsi: str, reference: Reference) -> str:
    flag = mmsi_flag(mmsi, reference.mid)
    return f"MID {mmsi[:3]} gives flag {flag}" if flag else f"MID {mmsi[:3]} not in the table"


def identity(vessel: ListedVessel, registry: VesselRegistry, reference: Reference) -> Identity:
    entries = sorted(registry.same_hull(vessel), key=lambda v: v.entity_id != vessel.entity_id)
    names: list[tuple[str, str, str, str]] = []
    ids: list[tuple[str, str, str, str]] = []
    flags: list[tuple[str, str, str, str]] = []
    owners: list[OwnerRow] = []
    for entry in entries:
        ln = entry.list_name
        names += [("name", n, "", ln) for n in entry.names]
        names += [("former name", n, "", ln) for n in entry.former_names]
        ids += [("IMO", i, _imo_note(i), ln) for i in entry.imos]
        ids += [("MMSI", m, _mmsi_note(m, reference), ln) for m in entry.mmsis]
        ids += [("call sign", c, "", ln) for c in entry.call_signs if c]
        flags += [("flag", f, "current", ln) for f in entry.flags]
        flags += [("former flag", f, "former", ln) for f in entry.past_flags]
        for link, party in registry.listed_owners(entry):
            owners.append(OwnerRow(link.relation or "linked to", link.name, party, ln))
    return Identity(vessel, tuple(entries), _rows(names), _rows(ids), _rows(flags), tuple(owners))


def findings(vessel: ListedVessel, registry: VesselRegistry, reference: Reference) -> list[Finding]:
    """Vessel screening of the listed hull by its own identifiers, names and first flag."""
    query = VesselQuery(
        imo=vessel.imos[0] if vessel.imos else None,
        mmsi=vessel.mmsis[0] if vessel.mmsis else None,
        call_sign=vessel.call_signs[0] if vessel.call_signs else None,
        names=(vessel.caption,),
        flag=vessel.flags[0] if vessel.flags else None,
    )
    return list(screen_vessel(query, registry, reference).findings)


@dataclass(frozen=True)
class SearchHit:
    vessel: ListedVessel
    matched_on: tuple[str, ...]


def search(
    registry: VesselRegistry, imo: str, mmsi: str, name: str, call_sign: str
) -> tuple[list[SearchHit], list[str]]:
    """Listed vessels by IMO, MMSI, call sign, exact (former) name or a name part; notes."""
    notes = []
    if imo and not check_imo(imo).valid:
        notes.append(check_imo(imo).explain() + " (looked up anyway)")
    if mmsi and normalise_mmsi(mmsi) is None:
        notes.append(f"MMSI {mmsi!r} is not a 9-digit ship-station number")
    query = VesselQuery(
        imo=imo or None,
        mmsi=mmsi or None,
        call_sign=call_sign or None,
        names=(name,) if name else (),
    )
    hits = [SearchHit(h.vessel, h.matched_on) for h in find_vessels(query, registry)]
    key = normalise_vessel_name(name)
    if key and len(key) >= 3:
        found = {h.vessel.entity_id for h in hits}
        for v in registry.vessels:
            if v.entity_id in found:
                continue
            if any(key in normalise_vessel_name(n) for n in (*v.names, *v.former_names)):
                hits.append(SearchHit(v, ("name part",)))
    return hits, notes


@dataclass(frozen=True)
class Track:
    """The outcome of one uploaded AIS file for one vessel."""

    file_name: str
    mmsi: int | None = None
    picture: TrackPicture | None = None
    events: tuple[AisEvent, ...] = ()
    notes: tuple[str, ...] = ()
    error: str | None = None


def _choose_mmsi(file_mmsis: set[int], vessel: ListedVessel, asked: str) -> int:
    if asked.strip():
        value = normalise_mmsi(asked)
        if value is None:
            raise InputError("mmsi", f"{asked.strip()!r} is not a 9-digit ship-station MMSI")
        if int(value) not in file_mmsis:
            raise InputError("mmsi", f"the file has no positions of MMSI {value}")
        return int(value)
    listed = sorted(int(m) for m in vessel.mmsis if int(m) in file_mmsis)
    if listed:
        return listed[0]
    if len(file_mmsis) == 1:
        return next(iter(file_mmsis))
    raise InputError(
        "mmsi",
        f"the file has {len(file_mmsis)} vessels and none has the listed MMSI "
        f"({', '.join(vessel.mmsis) or 'none listed'}): give the MMSI to draw",
    )


def track(
    data: bytes, file_name: str, vessel: ListedVessel, asked_mmsi: str, reference: Reference
) -> Track:
    """Read an uploaded AIS file, analyse every vessel in it (encounters need the others) and
    draw the chosen vessel's track; bad input becomes the track's ``error``, never a crash."""
    try:
        positions, report = read_positions_bytes(data, file_name)
        if len(positions) == 0:
            raise InputError(file_name, "no usable positions")
        mmsi = _choose_mmsi({int(m) for m in np.unique(positions.mmsi)}, vessel, asked_mmsi)
    except InputError as exc:
        return Track(file_name, error=str(exc))
    events = events_of(analyse(positions, reference).events, mmsi)
    picture = draw_track(vessel_track(positions, mmsi), events)
    return Track(
        file_name, mmsi, picture, tuple(m.event for m in picture.markers), tuple(report.notes())
    )


def utc(epoch: int) -> str:
    """Epoch seconds as analysts read them: UTC to the minute."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d %H:%M")
