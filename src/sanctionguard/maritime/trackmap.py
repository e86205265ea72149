"""A vessel's AIS track as picture geometry: positions and detected events projected to SVG
coordinates (equirectangular, scaled to the track's bounding box), ready for a template.

Only geometry lives here (no markup): polylines split where the track has a gap, a dashed
connector over each gap, and one numbered marker per event with a shape per kind, so the
kinds differ by shape as well as by colour.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from sanctionguard.maritime.ais import Positions
from sanctionguard.maritime.detect import KINDS, AisEvent

WIDTH = 800.0  # widest picture, in SVG user units
MAX_HEIGHT = 560.0
PAD = 24.0
MIN_SPAN_DEG = 0.02  # a vessel at anchor still gets a readable picture
MAX_POINTS = 3000  # drawn fixes per picture; more are thinned evenly
BREAK_S = 3600  # consecutive fixes further apart than this are not joined by a solid line
MARKER_R = 7.0

# Marker outline per kind, as unit-circle polygon corners (angle in degrees from east).
SHAPES: dict[str, tuple[float, ...]] = {
    "gap": (45.0, 135.0, 225.0, 315.0),  # square
    "jump": (90.0, 210.0, 330.0),  # triangle, point up
    "encounter": tuple(float(a) for a in range(0, 360, 45)),  # octagon ~ circle
    "loitering": (0.0, 90.0, 180.0, 270.0),  # diamond
    "terminal_call": (270.0, 30.0, 150.0),  # triangle, point down
}
KIND_LABELS = {
    "gap": "AIS gap (M3)",
    "jump": "position jump (M4)",
    "encounter": "ship-to-ship encounter (M5)",
    "loitering": "loitering (M14)",
    "terminal_call": "terminal call (M12)",
}


@dataclass(frozen=True)
class Marker:
    number: int
    event: AisEvent
    x: float
    y: float
    points: str  # SVG polygon points

    @property
    def kind(self) -> str:
        return self.event.kind


@dataclass(frozen=True)
class TrackPicture:
    """What a template needs to draw one vessel's track."""

    mmsi: int
    width: float
    height: float
    lines: tuple[str, ...]  # polyline points, one per continuous stretch
    gaps: tuple[tuple[float, float, float, float], ...]  # dashed connectors x1 y1 x2 y2
    start: tuple[float, float]
    end: tuple[float, float]
    markers: tuple[Marker, ...]
    bounds: tuple[float, float, float, float]  # south, west, north, east (degrees)
    positions: int
    drawn: int
    first_time: int
    last_time: int

    def legend(self) -> list[tuple[str, str, str]]:
        """(kind, label, legend-sized polygon points) for every kind, shown or not."""
        return [(k, KIND_LABELS[k], polygon(k, 10.0, 10.0, MARKER_R)) for k in KINDS]


def polygon(kind: str, x: float, y: float, r: float) -> str:
    corners = SHAPES[kind]
    return " ".join(
        f"{x + r * math.cos(math.radians(a)):.1f},{y - r * math.sin(math.radians(a)):.1f}"
        for a in corners
    )


@dataclass(frozen=True)
class _Projection:
    west: float
    north: float
    cos_lat: float
    scale: float

    def x(self, lon: npt.ArrayLike) -> npt.NDArray[np.float64]:
        return np.asarray(PAD + (np.asarray(lon) - self.west) * self.cos_lat * self.scale)

    def y(self, lat: npt.ArrayLike) -> npt.NDArray[np.float64]:
        return np.asarray(PAD + (self.north - np.asarray(lat)) * self.scale)


def _projection(
    lat: npt.NDArray[np.float64], lon: npt.NDArray[np.float64]
) -> tuple[_Projection, float, float, tuple[float, float, float, float]]:
    south, north = float(lat.min()), float(lat.max())
    west, east = float(lon.min()), float(lon.max())
    if north - south < MIN_SPAN_DEG:
        mid = (north + south) / 2
        south, north = mid - MIN_SPAN_DEG / 2, mid + MIN_SPAN_DEG / 2
    if east - west < MIN_SPAN_DEG:
        mid = (east + west) / 2
        west, east = mid - MIN_SPAN_DEG / 2, mid + MIN_SPAN_DEG / 2
    cos_lat = max(math.cos(math.radians((north + south) / 2)), 0.05)
    span_x, span_y = (east - west) * cos_lat, north - south
    scale = min((WIDTH - 2 * PAD) / span_x, (MAX_HEIGHT - 2 * PAD) / span_y)
    width, height = span_x * scale + 2 * PAD, span_y * scale + 2 * PAD
    return _Projection(west, north, cos_lat, scale), width, height, (south, west, north, east)


def _kept(track: Positions, events: Sequence[AisEvent]) -> npt.NDArray[np.int64]:
    """Indices of the fixes drawn: evenly thinned to MAX_POINTS, keeping both ends of every
    break and every fix inside a jump (a spoofed fix is the evidence)."""
    n = len(track)
    keep = np.zeros(n, dtype=bool)
    keep[:: max(1, math.ceil(n / MAX_POINTS))] = True
    keep[[0, n - 1]] = True
    breaks = np.flatnonzero(np.diff(track.time) > BREAK_S)
    keep[breaks] = True
    keep[breaks + 1] = True
    for e in events:
        if e.kind == "jump" and e.mmsi == int(track.mmsi[0]):
            keep |= (track.time >= e.start) & (track.time <= e.end)
    return np.flatnonzero(keep)


def draw_track(track: Positions, events: Sequence[AisEvent]) -> TrackPicture:
    """The picture of one vessel's fixes (sorted by time, one MMSI) and its events."""
    if len(track) == 0:
        raise ValueError("no positions to draw")
    idx = _kept(track, events)
    lat, lon, time = track.lat[idx], track.lon[idx], track.time[idx]
    all_lat = np.concatenate([lat, [e.lat for e in events]])
    all_lon = np.concatenate([lon, [e.lon for e in events]])
    proj, width, height, bounds = _projection(all_lat, all_lon)
    xs, ys = proj.x(lon), proj.y(lat)
    cut = np.flatnonzero(np.diff(time) > BREAK_S) + 1
    lines, gaps = [], []
    for part in np.split(np.arange(idx.size), cut):
        lines.append(" ".join(f"{xs[i]:.1f},{ys[i]:.1f}" for i in part))
    for c in cut:
        gaps.append((float(xs[c - 1]), float(ys[c - 1]), float(xs[c]), float(ys[c])))
    markers = []
    for number, e in enumerate(sorted(events, key=lambda e: (e.start, e.kind)), start=1):
        x, y = float(proj.x(e.lon)), float(proj.y(e.lat))
        markers.append(Marker(number, e, x, y, polygon(e.kind, x, y, MARKER_R)))
    return TrackPicture(
        mmsi=int(track.mmsi[0]),
        width=width,
        height=height,
        lines=tuple(lines),
        gaps=tuple(gaps),
        start=(float(xs[0]), float(ys[0])),
        end=(float(xs[-1]), float(ys[-1])),
        markers=tuple(markers),
        bounds=bounds,
        positions=len(track),
        drawn=int(idx.size),
        first_time=int(track.time[0]),
        last_time=int(track.time[-1]),
    )


def vessel_track(positions: Positions, mmsi: int) -> Positions:
    """The fixes of one MMSI (positions are sorted by mmsi, time: one contiguous slice)."""
    lo, hi = np.searchsorted(positions.mmsi, [mmsi, mmsi + 1])
    return positions.take(np.arange(lo, hi, dtype=np.int64))


def events_of(events: Sequence[AisEvent], mmsi: int) -> list[AisEvent]:
    """Events of the vessel, and encounters in which it is the other vessel."""
    return [e for e in events if e.mmsi == mmsi or e.other_mmsi == mmsi]
