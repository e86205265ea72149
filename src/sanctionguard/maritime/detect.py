"""AIS behaviour detectors over sorted positions: gaps, jumps, encounters, loitering, calls.

Everything is vectorised over the (mmsi, time)-sorted columns: consecutive-fix differences for
gaps (M3) and implied speeds (M4); runs of slow at-sea fixes for loitering; a sort on
(time bin, grid cell) with neighbour-cell range joins for ship-to-ship encounters (M5), so no
pairwise loop over vessels; 0.5° cell bucketing for port and terminal zones (M12).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from sanctionguard.maritime.ais import Positions
from sanctionguard.maritime.geo import KM_PER_NM, ZoneIndex, haversine_km
from sanctionguard.maritime.reference.sets import Reference

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

KINDS = ("gap", "jump", "encounter", "loitering", "terminal_call")
RULE_OF = {
    "gap": "M3",
    "jump": "M4",
    "encounter": "M5",
    "loitering": "M14",
    "terminal_call": "M12",
}


@dataclass(frozen=True)
class AisSettings:
    """Thresholds (sources: GFW event definitions; guesses marked in docs/maritime.md)."""

    gap_hours: float = 12.0  # M3 (GFW)
    max_speed_kn: float = 50.0  # M4: faster than any merchant hull
    min_jump_km: float = 5.0  # M4: ignore GPS noise between near-simultaneous fixes
    jump_merge_hours: float = 6.0  # jumps of one vessel this close form one event
    sts_distance_m: float = 500.0  # M5 (GFW)
    sts_min_hours: float = 2.0  # M5 (GFW)
    slow_kn: float = 2.0  # M5 / loitering (GFW)
    port_buffer_km: float = 10.0  # M5: at least 10 km beyond a port/anchorage zone (GFW)
    bin_minutes: int = 10  # encounter time bins
    max_bin_gap: int = 3  # a pair may miss this many bins inside one encounter
    loiter_hours: float = 6.0  # loitering (guess)
    loiter_break_hours: float = 1.0  # a time gap this long ends a loitering run
    call_min_hours: float = 1.0  # a terminal call: this long in the zone, or a stop
    near_km: float = 100.0  # a gap this close to a terminal or STS hub is noted (guess)


@dataclass(frozen=True)
class AisEvent:
    kind: str
    mmsi: int
    start: int  # epoch seconds
    end: int
    lat: float
    lon: float
    other_mmsi: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def rule(self) -> str:
        return RULE_OF[self.kind]

    @property
    def hours(self) -> float:
        return (self.end - self.start) / 3600.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "rule": self.rule,
            "mmsi": self.mmsi,
            "other_mmsi": self.other_mmsi,
            "start": self.start,
            "end": self.end,
            "hours": round(self.hours, 2),
            "lat": round(self.lat, 5),
            "lon": round(self.lon, 5),
            **self.detail,
        }


def _same_vessel(p: Positions) -> Bools:
    """For each consecutive pair (i, i+1): both fixes belong to one vessel."""
    return np.asarray(p.mmsi[1:] == p.mmsi[:-1])


def implied_speed_kn(p: Positions) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Distance (km) and implied speed (kn) from each fix to the next (NaN across vessels)."""
    dist = haversine_km(p.lat[:-1], p.lon[:-1], p.lat[1:], p.lon[1:])
    dt_h = (p.time[1:] - p.time[:-1]) / 3600.0
    with np.errstate(divide="ignore", invalid="ignore"):
        speed = np.where(dt_h > 0, dist / KM_PER_NM / dt_h, np.inf)
    speed = np.where(_same_vessel(p), speed, np.nan)
    return dist, speed


def effective_speed(p: Positions, implied: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Reported speed, or where unknown the implied speed from the previous (else next) fix."""
    if p.mmsi.size == 0:
        return np.zeros(0)
    before = np.concatenate([[np.nan], implied])
    after = np.concatenate([implied, [np.nan]])
    fill = np.where(np.isfinite(before), before, after)
    return np.where(np.isfinite(p.speed), p.speed, fill)


def detect_gaps(
    p: Positions, ports: ZoneIndex, terminals: ZoneIndex, hubs: ZoneIndex, s: AisSettings
) -> list[AisEvent]:
    """M3: no fix for gap_hours or more while at sea at both ends of the gap."""
    dt = p.time[1:] - p.time[:-1]
    idx = np.flatnonzero(_same_vessel(p) & (dt >= s.gap_hours * 3600))
    if idx.size == 0:
        return []
    in_port = ports.contains(p.lat[idx], p.lon[idx]) | ports.contains(
        p.lat[idx + 1], p.lon[idx + 1]
    )
    idx = idx[~in_port]
    events = []
    for i in idx:
        detail: dict[str, Any] = {
            "moved_km": round(
                float(haversine_km(p.lat[i], p.lon[i], p.lat[i + 1], p.lon[i + 1])), 1
            )
        }
        for key, zones in (("near_terminal", terminals), ("near_sts_hub", hubs)):
            place = _place_near(zones, p, np.array([i, i + 1]))
            if place:
                detail[key] = place
        events.append(
            AisEvent(
                "gap",
                int(p.mmsi[i]),
                int(p.time[i]),
                int(p.time[i + 1]),
                float(p.lat[i]),
                float(p.lon[i]),
                None,
                detail,
            )
        )
    return events


def _place_near(zones: ZoneIndex, p: Positions, idx: Ints) -> str | None:
    """Name of the first zone any of the fixes ``idx`` lies in."""
    found = zones.zone_of(p.lat[idx], p.lon[idx])
    hit = found[found >= 0]
    return zones.places[int(hit[0])].name if hit.size else None


def _runs(mask: Bools, breaks: Bools) -> tuple[Ints, Ints]:
    """Start and end (inclusive) of runs of True in ``mask``; ``breaks[i]`` cuts i from i+1."""
    if mask.size == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    cont = mask[1:] & mask[:-1] & ~breaks
    starts = np.flatnonzero(mask & ~np.concatenate([[False], cont]))
    ends = np.flatnonzero(mask & ~np.concatenate([cont, [False]]))
    return starts, ends


def detect_jumps(
    p: Positions, dist: npt.NDArray[np.float64], implied: npt.NDArray[np.float64], s: AisSettings
) -> list[AisEvent]:
    """M4: implied speed above the hull's maximum over a real distance; one event per burst."""
    bad = np.nan_to_num(implied, nan=0.0) > s.max_speed_kn
    bad &= dist > s.min_jump_km
    idx = np.flatnonzero(bad)
    if idx.size == 0:
        return []
    # Merge the jumps of one vessel that follow each other within jump_merge_hours.
    new_group = np.ones(idx.size, dtype=bool)
    new_group[1:] = (p.mmsi[idx[1:]] != p.mmsi[idx[:-1]]) | (
        p.time[idx[1:]] - p.time[idx[:-1] + 1] > s.jump_merge_hours * 3600
    )
    starts = np.flatnonzero(new_group)
    ends = np.concatenate([starts[1:], [idx.size]]) - 1
    events = []
    for a, b in zip(starts, ends, strict=True):
        i, j = idx[a], idx[b]
        top = float(np.max(implied[idx[a : b + 1]]))
        events.append(
            AisEvent(
                "jump",
                int(p.mmsi[i]),
                int(p.time[i]),
                int(p.time[j + 1]),
                float(p.lat[i + 1]),
                float(p.lon[i + 1]),
                None,
                {
                    "max_implied_kn": round(top, 1) if np.isfinite(top) else None,
                    "jumps": int(b - a + 1),
                    "jump_km": round(float(np.max(dist[idx[a : b + 1]])), 1),
                },
            )
        )
    return events


def _slow_at_sea(
    p: Positions, speed: npt.NDArray[np.float64], ports: ZoneIndex, s: AisSettings
) -> Bools:
    slow = np.asarray(speed < s.slow_kn)
    idx = np.flatnonzero(slow)
    slow[idx[ports.contains(p.lat[idx], p.lon[idx])]] = False
    return slow


def detect_loitering(p: Positions, slow: Bools, s: AisSettings) -> list[AisEvent]:
    """Loitering: slow at sea, away from ports, for loiter_hours or more without a long gap."""
    breaks = ~_same_vessel(p) | (p.time[1:] - p.time[:-1] > s.loiter_break_hours * 3600)
    starts, ends = _runs(slow, breaks)
    long = (p.time[ends] - p.time[starts]) >= s.loiter_hours * 3600
    return [
        AisEvent(
            "loitering",
            int(p.mmsi[a]),
            int(p.time[a]),
            int(p.time[b]),
            float(np.mean(p.lat[a : b + 1])),
            float(np.mean(p.lon[a : b + 1])),
        )
        for a, b in zip(starts[long], ends[long], strict=True)
    ]


def _lon_cell_deg(row: Ints, cell_lat: float) -> npt.NDArray[np.float64]:
    """Longitude width of a grid row's cells: on the ground at least as wide as they are tall."""
    lat = np.abs(row * cell_lat - 90.0) + cell_lat
    return np.asarray(
        cell_lat / np.maximum(np.cos(np.radians(np.minimum(lat, 89.0))), 0.02), dtype=np.float64
    )


def _encounter_pairs(p: Positions, idx: Ints, s: AisSettings) -> tuple[Ints, Ints]:
    """Pairs (i, j) of fixes of two vessels within sts_distance_m, at most one time bin apart."""
    cell_lat = max(s.sts_distance_m / 1000.0 / 111.0 * 1.01, 1e-4)
    bins = (p.time[idx] // (s.bin_minutes * 60)).astype(np.int64)
    bins -= bins.min()
    row = np.floor((p.lat[idx] + 90.0) / cell_lat).astype(np.int64)

    def key(b: Ints, r: Ints, lon: npt.NDArray[np.float64]) -> Ints:
        col = np.floor((lon + 180.0) / _lon_cell_deg(r, cell_lat)).astype(np.int64)
        return (b * (1 << 16) + r) * (1 << 20) + col

    own = key(bins, row, p.lon[idx])
    order = np.argsort(own, kind="stable")
    sorted_keys = own[order]
    left_all: list[Ints] = []
    right_all: list[Ints] = []
    for db in (0, 1):
        for dr in (-1, 0, 1):
            r = row + dr
            base = key(bins + db, r, p.lon[idx])
            for dc in (-1, 0, 1):
                target = base + dc
                lo = np.searchsorted(sorted_keys, target, side="left")
                hi = np.searchsorted(sorted_keys, target, side="right")
                counts = hi - lo
                has = np.flatnonzero(counts)
                if has.size == 0:
                    continue
                reps = counts[has]
                left = np.repeat(has, reps)
                offsets = np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)
                right = order[np.repeat(lo[has], reps) + offsets]
                left_all.append(left)
                right_all.append(right)
    if not left_all:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    left_idx = idx[np.concatenate(left_all)]
    right_idx = idx[np.concatenate(right_all)]
    # Order each pair by MMSI; a pair seen from both sides is kept once.
    swap = p.mmsi[left_idx] > p.mmsi[right_idx]
    a = np.where(swap, right_idx, left_idx)
    b = np.where(swap, left_idx, right_idx)
    keep = p.mmsi[a] != p.mmsi[b]
    pairs = np.unique(np.stack([a[keep], b[keep]], axis=1), axis=0)
    a, b = pairs[:, 0], pairs[:, 1]
    close = haversine_km(p.lat[a], p.lon[a], p.lat[b], p.lon[b]) * 1000.0 <= s.sts_distance_m
    return a[close], b[close]


def detect_encounters(p: Positions, slow: Bools, hubs: ZoneIndex, s: AisSettings) -> list[AisEvent]:
    """M5: two vessels within sts_distance_m, both slow, away from ports, for sts_min_hours."""
    idx = np.flatnonzero(slow)
    if idx.size == 0:
        return []
    bins = p.time[idx] // (s.bin_minutes * 60)
    first = np.ones(idx.size, dtype=bool)  # one fix per vessel and time bin
    first[1:] = (p.mmsi[idx[1:]] != p.mmsi[idx[:-1]]) | (bins[1:] != bins[:-1])
    idx = idx[first]
    a, b = _encounter_pairs(p, idx, s)
    if a.size == 0:
        return []
    pair_bin = np.minimum(p.time[a], p.time[b]) // (s.bin_minutes * 60)
    order = np.lexsort((pair_bin, p.mmsi[b], p.mmsi[a]))
    a, b, pair_bin = a[order], b[order], pair_bin[order]
    same_pair = (p.mmsi[a[1:]] == p.mmsi[a[:-1]]) & (p.mmsi[b[1:]] == p.mmsi[b[:-1]])
    breaks = ~same_pair | (pair_bin[1:] - pair_bin[:-1] > s.max_bin_gap + 1)
    starts, ends = _runs(np.ones(a.size, dtype=bool), breaks)
    events = []
    for u, v in zip(starts, ends, strict=True):
        ia, ib = a[u : v + 1], b[u : v + 1]
        times = np.concatenate([p.time[ia], p.time[ib]])
        start, end = int(times.min()), int(times.max())
        if end - start < s.sts_min_hours * 3600:
            continue
        closest = float(np.min(haversine_km(p.lat[ia], p.lon[ia], p.lat[ib], p.lon[ib])))
        detail: dict[str, Any] = {"closest_m": round(closest * 1000.0)}
        hub = _place_near(hubs, p, ia[:1])
        if hub:
            detail["sts_hub"] = hub
        events.append(
            AisEvent(
                "encounter",
                int(p.mmsi[ia[0]]),
                start,
                end,
                float(np.mean(p.lat[ia])),
                float(np.mean(p.lon[ia])),
                int(p.mmsi[ib[0]]),
                detail,
            )
        )
    return events


def detect_terminal_calls(
    p: Positions, speed: npt.NDArray[np.float64], terminals: ZoneIndex, s: AisSettings
) -> list[AisEvent]:
    """M12: a stay in a Russian oil or military-cargo terminal zone (a stop, or an hour or more)."""
    zone = terminals.zone_of(p.lat, p.lon)
    inside = zone >= 0
    breaks = ~_same_vessel(p) | (zone[1:] != zone[:-1])
    starts, ends = _runs(inside, breaks)
    events = []
    for a, b in zip(starts, ends, strict=True):
        stopped = (
            bool(np.nanmin(speed[a : b + 1]) < 1.0)
            if np.isfinite(speed[a : b + 1]).any()
            else False
        )
        if not stopped and p.time[b] - p.time[a] < s.call_min_hours * 3600:
            continue
        place = terminals.places[int(zone[a])]
        events.append(
            AisEvent(
                "terminal_call",
                int(p.mmsi[a]),
                int(p.time[a]),
                int(p.time[b]),
                place.lat,
                place.lon,
                None,
                {"terminal": place.name, "terminal_kind": place.kind, "country": place.country},
            )
        )
    return events


@dataclass(frozen=True)
class AisAnalysis:
    events: tuple[AisEvent, ...]
    vessels: int
    positions: int

    def by_kind(self) -> dict[str, list[AisEvent]]:
        out: dict[str, list[AisEvent]] = {k: [] for k in KINDS}
        for event in self.events:
            out[event.kind].append(event)
        return out


STEPS = ("prepare", "gaps", "jumps", "encounters", "loitering", "terminal calls")


def analyse(
    p: Positions,
    reference: Reference,
    settings: AisSettings | None = None,
    on_step: Callable[[str], None] | None = None,
) -> AisAnalysis:
    """Every detector over sorted, de-duplicated positions (``read_positions`` output).

    ``on_step`` is called with each name of ``STEPS`` once that step is done (progress bars).
    """
    s = settings or AisSettings()
    done = on_step or (lambda step: None)
    # Terminals are harbours too: a stay there is a call, not loitering or a gap at sea.
    harbours = [*reference.ports.places, *reference.terminals.places]
    ports = ZoneIndex(harbours)
    sts_ports = ZoneIndex(harbours, buffer_km=s.port_buffer_km)
    terminals = ZoneIndex(reference.terminals.places)
    near_terminals = ZoneIndex(reference.terminals.places, buffer_km=s.near_km)
    hubs = ZoneIndex(reference.sts_hubs.places)
    near_hubs = ZoneIndex(reference.sts_hubs.places, buffer_km=s.near_km)
    if len(p) == 0:
        return AisAnalysis((), 0, 0)
    dist, implied = implied_speed_kn(p)
    speed = effective_speed(p, implied)
    slow = _slow_at_sea(p, speed, sts_ports, s)
    done("prepare")
    detectors: tuple[tuple[str, Callable[[], list[AisEvent]]], ...] = (
        ("gaps", lambda: detect_gaps(p, ports, near_terminals, near_hubs, s)),
        ("jumps", lambda: detect_jumps(p, dist, implied, s)),
        ("encounters", lambda: detect_encounters(p, slow, hubs, s)),
        ("loitering", lambda: detect_loitering(p, slow, s)),
        ("terminal calls", lambda: detect_terminal_calls(p, speed, terminals, s)),
    )
    events: list[AisEvent] = []
    for step, detector in detectors:
        events += detector()
        done(step)
    events.sort(key=lambda e: (e.mmsi, e.start, e.kind))
    vessels = int(np.count_nonzero(np.diff(p.mmsi)) + 1)
    return AisAnalysis(tuple(events), vessels, len(p))
