"""The track picture's geometry: everything inside the picture, north up, gaps dashed, thinning."""

from __future__ import annotations

import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sanctionguard.maritime.ais import Positions
from sanctionguard.maritime.detect import AisEvent
from sanctionguard.maritime.trackmap import MAX_POINTS, draw_track

lats = st.floats(min_value=-80, max_value=80)
lons = st.floats(min_value=-179, max_value=179)


def track(lat: list[float], lon: list[float], step_s: int = 600) -> Positions:
    n = len(lat)
    return Positions.from_arrays(
        np.full(n, 211000001), np.arange(n) * step_s, np.array(lat), np.array(lon)
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(lats, lons), min_size=1, max_size=40), st.tuples(lats, lons))
def test_every_fix_and_event_marker_lies_inside_the_picture(
    fixes: list[tuple[float, float]], event_at: tuple[float, float]
) -> None:
    p = track([f[0] for f in fixes], [f[1] for f in fixes])
    event = AisEvent("gap", 211000001, 0, 3600, event_at[0], event_at[1])
    pic = draw_track(p, [event])
    coords = [float(v) for line in pic.lines for v in re.split(r"[ ,]", line)]
    coords += [pic.markers[0].x, pic.markers[0].y]
    xs, ys = coords[0::2], coords[1::2]
    assert all(-0.1 <= x <= pic.width + 0.1 for x in xs)
    assert all(-0.1 <= y <= pic.height + 0.1 for y in ys)


def test_north_is_up_and_east_is_right() -> None:
    pic = draw_track(track([50.0, 51.0], [3.0, 4.0]), [])
    assert pic.end[0] > pic.start[0] and pic.end[1] < pic.start[1]


def test_an_hour_without_fixes_splits_the_line_and_draws_a_dashed_connector() -> None:
    p = Positions.from_arrays(
        np.full(4, 211000001), [0, 600, 20000, 20600], [50, 50.1, 50.5, 50.6], [3, 3.1, 3.5, 3.6]
    )
    pic = draw_track(p, [])
    assert len(pic.lines) == 2 and len(pic.gaps) == 1


def test_a_long_track_is_thinned_but_keeps_its_spoofed_fix() -> None:
    n = 20000
    lat, lon = np.linspace(50, 52, n), np.linspace(3, 5, n)
    lat[12345] = 60.0  # a spoofed fix far off the track
    jump = AisEvent("jump", 211000001, 12344 * 60, 12346 * 60, 60.0, 4.2)
    pic = draw_track(track(list(lat), list(lon), step_s=60), [jump])
    assert pic.drawn <= MAX_POINTS + 10 and pic.positions == n
    top = min(float(v) for v in re.findall(r",([0-9.]+)", pic.lines[0]))
    assert top <= 24.5  # the spoofed fix is the northernmost point: drawn at the top padding
