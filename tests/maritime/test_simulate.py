"""The track simulator: realistic enough tracks, each injected kind present and detectable."""

from __future__ import annotations

import numpy as np

from sanctionguard.maritime.detect import KINDS, analyse
from sanctionguard.maritime.geo import haversine_km
from sanctionguard.maritime.reference.sets import Reference
from sanctionguard.maritime.simulate import SimulationSettings, score, simulate

SMALL = SimulationSettings(vessels=60, days=6, interval_s=300, seed=3)


def test_every_event_kind_is_injected_and_found_with_high_precision_and_recall(
    reference: Reference,
) -> None:
    sim = simulate(reference, SMALL)
    scores = score(analyse(sim.positions, reference).events, sim.truth)
    assert {s.kind for s in scores if s.truth} == set(KINDS)
    for s in scores:
        assert s.precision >= 0.95 and s.recall >= 0.95, s


def test_the_same_seed_gives_the_same_tracks(reference: Reference) -> None:
    a, b = simulate(reference, SMALL), simulate(reference, SMALL)
    assert np.array_equal(a.positions.lat, b.positions.lat) and a.truth == b.truth


def test_ships_sail_at_merchant_speeds_between_injected_jumps(reference: Reference) -> None:
    sim = simulate(reference, SimulationSettings(vessels=20, days=3, share_jump=0.0, seed=5))
    p = sim.positions
    same = p.mmsi[1:] == p.mmsi[:-1]
    km = haversine_km(p.lat[:-1], p.lon[:-1], p.lat[1:], p.lon[1:])[same]
    hours = ((p.time[1:] - p.time[:-1]) / 3600.0)[same]
    assert np.percentile(km / 1.852 / hours, 99) < 25
    assert np.all(np.diff(p.time)[same] > 0)


def test_a_detector_that_finds_nothing_scores_zero_recall(reference: Reference) -> None:
    sim = simulate(reference, SMALL)
    for s in score([], sim.truth):
        assert s.detected == 0 and (s.recall == 0.0 or s.truth == 0)
