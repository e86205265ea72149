"""A track simulator: port-to-port voyages with injected events of each kind, and their truth.

Vessels sail between real ports (reference ``ports``) at 10-15 kn and dwell in port; some get
one stop-type event (a ship-to-ship meeting with another vessel, loitering at sea, or a call at
a Russian terminal) and some get AIS gaps and spoofed position jumps on their sea legs. The
truth lets detection be measured: ``score`` gives precision and recall per event kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from sanctionguard.maritime.ais import Positions
from sanctionguard.maritime.detect import KINDS, AisEvent
from sanctionguard.maritime.geo import KM_PER_NM, ZoneIndex, haversine_km
from sanctionguard.maritime.reference.sets import Place, Reference

HOUR = 3600
DAY = 86400
START = 1_704_067_200  # 2024-01-01T00:00:00Z


@dataclass(frozen=True)
class SimulationSettings:
    vessels: int = 200
    days: float = 10.0
    interval_s: float = 180.0  # mean time between fixes
    share_encounter: float = 0.10  # of vessels, in pairs
    share_loiter: float = 0.05
    share_terminal: float = 0.05
    share_gap: float = 0.10
    share_jump: float = 0.10
    # Hard negatives, never in the truth: short AIS dropouts (1-8 h), short pauses at sea
    # (1-4 h) and brief meetings (pairs 80-300 m apart for 0.5-1.5 h).
    share_dropout: float = 0.20
    share_pause: float = 0.05
    share_brief_meeting: float = 0.04
    seed: int = 7
    start: int = START


@dataclass(frozen=True)
class TruthEvent:
    kind: str
    mmsi: int
    start: int
    end: int
    other_mmsi: int | None = None


@dataclass(frozen=True)
class Simulation:
    positions: Positions
    truth: tuple[TruthEvent, ...]


@dataclass
class _Stop:
    lat: float
    lon: float
    arrive: float
    depart: float
    kind: str  # port, sea, terminal


@dataclass
class _Track:
    mmsi: int
    stops: list[_Stop]
    speed_kn: float
    truth: list[TruthEvent] = field(default_factory=list)


def _travel_s(a: tuple[float, float], b: tuple[float, float], speed_kn: float) -> float:
    km = float(haversine_km(a[0], a[1], b[0], b[1]))
    return km / (speed_kn * KM_PER_NM) * HOUR


class _Planner:
    """Builds itineraries (stops with absolute times) around one fixed stop per vessel."""

    def __init__(self, rng: np.random.Generator, ports: Sequence[Place], start: float, end: float):
        self.rng, self.ports, self.start, self.end = rng, ports, start, end

    def _port(self, avoid: tuple[float, float] | None = None) -> Place:
        while True:
            port = self.ports[int(self.rng.integers(len(self.ports)))]
            if avoid is None or haversine_km(avoid[0], avoid[1], port.lat, port.lon) > 300:
                return port

    def _dwell(self) -> float:
        return float(self.rng.uniform(6, 36)) * HOUR

    def around(self, anchor: _Stop, speed: float) -> list[_Stop]:
        """Stops before the anchor (back to the simulation start) and after it (to the end)."""
        before: list[_Stop] = []
        at: tuple[float, float] = (anchor.lat, anchor.lon)
        arrive = anchor.arrive
        while arrive > self.start - DAY:
            port = self._port(at)
            depart = arrive - _travel_s((port.lat, port.lon), at, speed)
            stop = _Stop(port.lat, port.lon, depart - self._dwell(), depart, "port")
            before.insert(0, stop)
            at, arrive = (port.lat, port.lon), stop.arrive
        after: list[_Stop] = []
        at, depart = (anchor.lat, anchor.lon), anchor.depart
        while depart < self.end + DAY:
            port = self._port(at)
            arrive = depart + _travel_s(at, (port.lat, port.lon), speed)
            stop = _Stop(port.lat, port.lon, arrive, arrive + self._dwell(), "port")
            after.append(stop)
            at, depart = (port.lat, port.lon), stop.depart
        return [*before, anchor, *after]


def _sea_point(
    rng: np.random.Generator, ports: Sequence[Place], avoid: ZoneIndex
) -> tuple[float, float]:
    """A point on the way between two ports, well away from every port and terminal zone."""
    while True:
        a, b = (ports[int(i)] for i in rng.integers(len(ports), size=2))
        f = rng.uniform(0.3, 0.7)
        lat, lon = a.lat + f * (b.lat - a.lat), a.lon + f * (b.lon - a.lon)
        if abs(b.lon - a.lon) > 180:
            continue
        if not avoid.contains(np.array([lat]), np.array([lon]))[0]:
            return float(lat), float(lon)


def _offset(lat: float, lon: float, metres: float, bearing: float) -> tuple[float, float]:
    dlat = metres * np.cos(bearing) / 111_000.0
    dlon = metres * np.sin(bearing) / (111_000.0 * max(np.cos(np.radians(lat)), 0.05))
    return lat + dlat, lon + dlon


def _sample(
    track: _Track, rng: np.random.Generator, s: SimulationSettings
) -> dict[str, npt.NDArray[np.float64]]:
    """Fixes along the itinerary at jittered intervals, with noise and reported speed/course."""
    span = s.days * DAY
    count = int(span / s.interval_s * 1.05) + 2
    steps = rng.uniform(0.5, 1.5, size=count) * s.interval_s
    times = s.start + rng.uniform(0, s.interval_s) + np.cumsum(steps)
    times = times[times < s.start + span]
    knots_t, knots_lat, knots_lon, moving = [], [], [], []
    lon_shift = 0.0
    previous_lon: float | None = None
    for stop in track.stops:
        lon = stop.lon + lon_shift
        if previous_lon is not None and abs(lon - previous_lon) > 180:
            lon_shift -= 360.0 if lon > previous_lon else -360.0
            lon = stop.lon + lon_shift
        previous_lon = lon
        knots_t += [stop.arrive, stop.depart]
        knots_lat += [stop.lat, stop.lat]
        knots_lon += [lon, lon]
        moving += [0, 1]
    kt = np.asarray(knots_t)
    lats = np.interp(times, kt, knots_lat)
    lons = np.interp(times, kt, knots_lon)
    segment = np.clip(np.searchsorted(kt, times, side="right") - 1, 0, len(moving) - 1)
    underway = np.asarray(moving)[segment] == 1
    noise = 10.0 / 111_000.0
    lats = lats + rng.normal(0, noise, times.size)
    lons = (lons + rng.normal(0, noise, times.size) + 180.0) % 360.0 - 180.0
    speed = np.where(
        underway, track.speed_kn + rng.normal(0, 0.4, times.size), rng.uniform(0, 0.6, times.size)
    )
    course = rng.uniform(0, 360, times.size)
    return {
        "time": times,
        "lat": lats,
        "lon": lons,
        "speed": np.clip(speed, 0, None),
        "course": course,
        "underway": underway.astype(np.float64),
    }


def _windows(underway: npt.NDArray[np.bool_], length: int, rng: np.random.Generator) -> int | None:
    """Start of a random window of ``length`` underway fixes (with underway fixes either side)."""
    ok = (
        np.convolve(underway.astype(np.int64), np.ones(length + 2, dtype=np.int64), "valid")
        == length + 2
    )
    starts = np.flatnonzero(ok)
    return None if starts.size == 0 else int(starts[rng.integers(starts.size)]) + 1


def _inject_gap(
    fixes: dict[str, npt.NDArray[np.float64]],
    track: _Track,
    rng: np.random.Generator,
    s: SimulationSettings,
    ports: ZoneIndex,
    record: bool = True,
) -> None:
    """Remove a window of sea fixes: a recorded 13-30 h gap, or an unrecorded 1-8 h dropout."""
    hours = rng.uniform(13, 30) if record else rng.uniform(1, 8)
    length = max(int(hours * HOUR / s.interval_s), 1)
    for _ in range(20):
        first = _windows(fixes["underway"] > 0, length, rng)
        if first is None:
            return
        ends = np.array([first - 1, first + length])
        if ports.contains(fixes["lat"][ends], fixes["lon"][ends]).any():
            continue
        start, end = fixes["time"][first - 1], fixes["time"][first + length]
        if record and (end - start < s.interval_s * length * 0.8 or end - start < 12.5 * HOUR):
            continue
        keep = np.ones(fixes["time"].size, dtype=bool)
        keep[first : first + length] = False
        for key in fixes:
            fixes[key] = fixes[key][keep]
        if record:
            track.truth.append(TruthEvent("gap", track.mmsi, int(start), int(end)))
        return


def _inject_jump(
    fixes: dict[str, npt.NDArray[np.float64]], track: _Track, rng: np.random.Generator
) -> None:
    length = int(rng.integers(1, 6))
    first = _windows(fixes["underway"] > 0, length, rng)
    if first is None:
        return
    distance = rng.uniform(60_000, 400_000)
    lat, lon = _offset(0.0, 0.0, distance, rng.uniform(0, 2 * np.pi))
    span = slice(first, first + length)
    fixes["lat"][span] = np.clip(fixes["lat"][span] + lat, -89.9, 89.9)
    fixes["lon"][span] = (fixes["lon"][span] + lon + 180.0) % 360.0 - 180.0
    t = fixes["time"]
    track.truth.append(TruthEvent("jump", track.mmsi, int(t[first - 1]), int(t[first + length])))


def _mmsis(rng: np.random.Generator, ref: Reference, count: int) -> list[int]:
    """Distinct ship MMSIs: a real MID (flag) followed by six random digits."""
    mids = sorted(ref.mid.flags)
    found: set[int] = set()
    while len(found) < count:
        mid = int(mids[int(rng.integers(len(mids)))])
        found.add(mid * 1_000_000 + int(rng.integers(1_000_000)))
    return [int(m) for m in rng.permutation(sorted(found))]


def _meeting(
    rng: np.random.Generator,
    planner: _Planner,
    ports: Sequence[Place],
    avoid: ZoneIndex,
    s: SimulationSettings,
    mmsis: tuple[int, int],
    hours: tuple[float, float],
    recorded: bool,
) -> list[_Track]:
    """Two vessels stopping 80-300 m apart at sea; a true encounter when ``recorded``."""
    lat, lon = _sea_point(rng, ports, avoid)
    arrive = s.start + rng.uniform(1.5, s.days - 1.5) * DAY
    dwell = rng.uniform(*hours) * HOUR
    lag = rng.uniform(0, 0.5 if recorded else 0.1) * HOUR
    blat, blon = _offset(lat, lon, rng.uniform(80, 300), rng.uniform(0, 2 * np.pi))
    speeds = rng.uniform(10, 15, size=2)
    a = _Stop(lat, lon, arrive, arrive + dwell, "sea")
    b = _Stop(blat, blon, arrive + lag, arrive + dwell + rng.uniform(-0.1, 0.1) * HOUR, "sea")
    ma, mb = int(mmsis[0]), int(mmsis[1])
    ta = _Track(ma, planner.around(a, speeds[0]), speeds[0])
    tb = _Track(mb, planner.around(b, speeds[1]), speeds[1])
    if recorded:
        together = (max(a.arrive, b.arrive), min(a.depart, b.depart))
        pair = (min(ma, mb), max(ma, mb))
        ta.truth.append(
            TruthEvent("encounter", pair[0], int(together[0]), int(together[1]), pair[1])
        )
    return [ta, tb]


def _tracks(rng: np.random.Generator, s: SimulationSettings, ref: Reference) -> list[_Track]:
    terminals = ZoneIndex(ref.terminals.places, buffer_km=20)
    ports = [
        p
        for p in ref.ports.places
        if p.country != "RU" and not terminals.contains(np.array([p.lat]), np.array([p.lon]))[0]
    ]
    avoid = ZoneIndex([*ref.ports.places, *ref.terminals.places], buffer_km=40)
    end = s.start + s.days * DAY
    planner = _Planner(rng, ports, s.start, end)
    mmsis = _mmsis(rng, ref, s.vessels)
    n_pairs = int(s.vessels * s.share_encounter / 2)
    n_loiter = int(s.vessels * s.share_loiter)
    n_term = int(s.vessels * s.share_terminal)
    n_brief = int(s.vessels * s.share_brief_meeting / 2)
    tracks: list[_Track] = []
    index = 0
    meetings = [(True, (3.0, 10.0))] * n_pairs + [(False, (0.5, 1.5))] * n_brief
    for recorded, hours in meetings:
        tracks += _meeting(
            rng, planner, ports, avoid, s, (mmsis[index], mmsis[index + 1]), hours, recorded
        )
        index += 2
    for kind, count in (("loitering", n_loiter), ("terminal_call", n_term)):
        for _ in range(count):
            arrive = s.start + rng.uniform(1.5, s.days - 1.5) * DAY
            if kind == "loitering":
                lat, lon = _sea_point(rng, ports, avoid)
                dwell = rng.uniform(8, 30) * HOUR
            else:
                place = ref.terminals.places[int(rng.integers(len(ref.terminals.places)))]
                lat, lon = place.lat, place.lon
                dwell = rng.uniform(12, 48) * HOUR
            speed = float(rng.uniform(10, 15))
            stop = _Stop(
                lat, lon, arrive, arrive + dwell, "sea" if kind == "loitering" else "terminal"
            )
            track = _Track(int(mmsis[index]), planner.around(stop, speed), speed)
            track.truth.append(TruthEvent(kind, track.mmsi, int(stop.arrive), int(stop.depart)))
            tracks.append(track)
            index += 1
    while index < s.vessels:
        arrive = s.start + rng.uniform(-1, s.days) * DAY
        if rng.random() < s.share_pause:
            lat, lon = _sea_point(rng, ports, avoid)
            stop = _Stop(lat, lon, arrive, arrive + rng.uniform(1, 4) * HOUR, "sea")
        else:
            port = ports[int(rng.integers(len(ports)))]
            stop = _Stop(port.lat, port.lon, arrive, arrive + rng.uniform(6, 36) * HOUR, "port")
        speed = float(rng.uniform(10, 15))
        tracks.append(_Track(int(mmsis[index]), planner.around(stop, speed), speed))
        index += 1
    return tracks


def simulate(reference: Reference, settings: SimulationSettings | None = None) -> Simulation:
    """Simulated positions (sorted by mmsi, time) and the events injected into them."""
    s = settings or SimulationSettings()
    rng = np.random.default_rng(s.seed)
    ports = ZoneIndex([*reference.ports.places, *reference.terminals.places], buffer_km=15)
    columns: dict[str, list[npt.NDArray[np.float64]]] = {
        k: [] for k in ("mmsi", "time", "lat", "lon", "speed", "course")
    }
    truth: list[TruthEvent] = []
    tracks = sorted(_tracks(rng, s, reference), key=lambda t: t.mmsi)
    for track in tracks:
        fixes = _sample(track, rng, s)
        if rng.random() < s.share_dropout:
            _inject_gap(fixes, track, rng, s, ports, record=False)
        if rng.random() < s.share_gap:
            _inject_gap(fixes, track, rng, s, ports)
        if rng.random() < s.share_jump:
            _inject_jump(fixes, track, rng)
        truth += track.truth
        columns["mmsi"].append(np.full(fixes["time"].size, track.mmsi, dtype=np.float64))
        for key in ("time", "lat", "lon", "speed", "course"):
            columns[key].append(fixes[key])
    joined = {k: np.concatenate(v) for k, v in columns.items()}
    positions = Positions.from_arrays(
        joined["mmsi"].astype(np.int64),
        np.round(joined["time"]).astype(np.int64),
        joined["lat"],
        joined["lon"],
        np.round(joined["speed"], 1),
        np.round(joined["course"], 1) % 360.0,
    )
    return Simulation(positions, tuple(truth))


# -- measuring detection -------------------------------------------------------------------


@dataclass(frozen=True)
class KindScore:
    kind: str
    truth: int
    detected: int
    true_positives: int  # detections that match a truth event
    found: int  # truth events that some detection matches

    @property
    def precision(self) -> float:
        return self.true_positives / self.detected if self.detected else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.truth if self.truth else 1.0


def _overlaps(a: AisEvent, t: TruthEvent, slack: int) -> bool:
    return a.start <= t.end + slack and t.start <= a.end + slack


def _same_subject(a: AisEvent, t: TruthEvent) -> bool:
    if a.other_mmsi is None:
        return a.mmsi in (t.mmsi, t.other_mmsi)
    return {a.mmsi, a.other_mmsi} == {t.mmsi, t.other_mmsi}


def score(
    events: Sequence[AisEvent], truth: Sequence[TruthEvent], slack: int = HOUR
) -> list[KindScore]:
    """Precision and recall per kind. Loitering during a true encounter counts as correct."""
    by_mmsi: dict[int, list[TruthEvent]] = {}
    for t in truth:
        by_mmsi.setdefault(t.mmsi, []).append(t)
        if t.other_mmsi is not None:
            by_mmsi.setdefault(t.other_mmsi, []).append(t)
    results = []
    for kind in KINDS:
        detected = [e for e in events if e.kind == kind]
        wanted = [t for t in truth if t.kind == kind]
        accept = {kind, "encounter"} if kind == "loitering" else {kind}
        matched: set[TruthEvent] = set()
        tp = 0
        for event in detected:
            hits = [
                t
                for t in by_mmsi.get(event.mmsi, [])
                if t.kind in accept and _same_subject(event, t) and _overlaps(event, t, slack)
            ]
            tp += bool(hits)
            matched.update(t for t in hits if t.kind == kind)
        results.append(KindScore(kind, len(wanted), len(detected), tp, len(matched)))
    return results
