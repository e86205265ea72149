"""Distances on the sphere and fast "is this point in a port or terminal zone" for many points.

Zone lookups bucket points into 0.5° cells first, so ten million positions cost one vectorised
pass plus exact distances for the few points in cells that touch a zone.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from sanctionguard.maritime.reference.sets import Place

EARTH_KM = 6371.0088
KM_PER_NM = 1.852
CELL_DEG = 0.5

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


def haversine_km(
    lat1: Floats | float, lon1: Floats | float, lat2: Floats | float, lon2: Floats | float
) -> Floats:
    """Great-circle distance in km (vectorised)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return np.asarray(2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))), dtype=np.float64)


def _cell_keys(lat: Floats, lon: Floats) -> Ints:
    row = np.floor((np.asarray(lat) + 90.0) / CELL_DEG).astype(np.int64)
    col = np.floor((np.asarray(lon) + 180.0) / CELL_DEG).astype(np.int64)
    return row * 1000 + col


class ZoneIndex:
    """Circular zones (ports with anchorages, terminals) looked up for many points at once."""

    def __init__(self, places: Sequence[Place], buffer_km: float = 0.0) -> None:
        self.places = tuple(places)
        self.buffer_km = buffer_km
        self._cells: list[Ints] = [self._covering(p) for p in self.places]
        self._all = np.unique(np.concatenate(self._cells)) if self._cells else np.array([], int)

    def _covering(self, place: Place) -> Ints:
        radius = place.radius_km + self.buffer_km
        dlat = radius / 111.0
        dlon = radius / (111.0 * max(np.cos(np.radians(place.lat)), 0.05))
        lats = np.arange(place.lat - dlat, place.lat + dlat + CELL_DEG, CELL_DEG / 2)
        lons = np.arange(place.lon - dlon, place.lon + dlon + CELL_DEG, CELL_DEG / 2)
        grid_lat, grid_lon = np.meshgrid(np.clip(lats, -90, 89.999), lons)
        lon_wrapped = (grid_lon.ravel() + 180.0) % 360.0 - 180.0
        return np.unique(_cell_keys(grid_lat.ravel(), lon_wrapped))

    def zone_of(self, lat: Floats, lon: Floats) -> Ints:
        """Index of the zone each point lies in (nearest if several), or -1."""
        lat = np.asarray(lat, dtype=np.float64)
        lon = np.asarray(lon, dtype=np.float64)
        result = np.full(lat.shape, -1, dtype=np.int64)
        if not self.places or lat.size == 0:
            return result
        keys = _cell_keys(lat, lon)
        candidates = np.flatnonzero(np.isin(keys, self._all))
        if candidates.size == 0:
            return result
        best = np.full(candidates.size, np.inf)
        for index, place in enumerate(self.places):
            near = np.isin(keys[candidates], self._cells[index])
            if not near.any():
                continue
            idx = candidates[near]
            dist = haversine_km(lat[idx], lon[idx], place.lat, place.lon)
            inside = (dist <= place.radius_km + self.buffer_km) & (dist < best[near])
            result[idx[inside]] = index
            sub = best[near]
            sub[inside] = dist[inside]
            best[near] = sub
        return result

    def contains(self, lat: Floats, lon: Floats) -> npt.NDArray[np.bool_]:
        return self.zone_of(lat, lon) >= 0
