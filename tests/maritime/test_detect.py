"""AIS detectors on hand-made tracks: each event kind with positive and negative cases."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sanctionguard.maritime.ais import Positions
from sanctionguard.maritime.detect import AisEvent, analyse
from sanctionguard.maritime.reference.sets import Reference

T0 = 1_704_067_200
MIN = 60
HOUR = 3600
OPEN_SEA = (36.0, 18.0)  # Ionian Sea, far from every port in the reference table
ROTTERDAM = (51.95, 4.05)


def _track(
    mmsi: int,
    start: int,
    minutes: int,
    lat: float,
    lon: float,
    *,
    speed: float = 12.0,
    dlat: float = 0.0,
    dlon: float = 0.0,
    step: int = 3 * MIN,
) -> list[tuple[int, int, float, float, float]]:
    """Fixes every ``step`` seconds for ``minutes``, moving by (dlat, dlon) per fix."""
    count = minutes * MIN // step
    return [(mmsi, start + k * step, lat + k * dlat, lon + k * dlon, speed) for k in range(count)]


def _positions(*tracks: list[tuple[int, int, float, float, float]]) -> Positions:
    rows = sorted(r for t in tracks for r in t)
    m, t, la, lo, sp = (list(c) for c in zip(*rows, strict=True))
    return Positions.from_arrays(m, t, la, lo, sp)


def _kinds(events: tuple[AisEvent, ...], kind: str) -> list[AisEvent]:
    return [e for e in events if e.kind == kind]


# 12 kn is about 0.0060 degrees of latitude per 3 minutes.
STEAM = 0.006


def test_a_fourteen_hour_silence_at_sea_is_a_gap(reference: Reference) -> None:
    before = _track(1, T0, 120, *OPEN_SEA, dlat=STEAM)
    after = _track(1, T0 + 16 * HOUR, 120, OPEN_SEA[0] + 1.6, OPEN_SEA[1], dlat=STEAM)
    gaps = _kinds(analyse(_positions(before, after), reference).events, "gap")
    assert len(gaps) == 1 and gaps[0].rule == "M3" and 13.5 < gaps[0].hours < 14.5


def test_a_silence_in_port_or_under_twelve_hours_is_not_a_gap(reference: Reference) -> None:
    port = _track(1, T0, 60, *ROTTERDAM, speed=0.1) + _track(
        1, T0 + 20 * HOUR, 60, *ROTTERDAM, speed=0.1
    )
    short = _track(2, T0, 60, *OPEN_SEA, dlat=STEAM) + _track(
        2, T0 + 11 * HOUR, 60, OPEN_SEA[0] + 1.3, OPEN_SEA[1], dlat=STEAM
    )
    assert not _kinds(analyse(_positions(port, short), reference).events, "gap")


def test_a_position_thrown_200_km_away_and_back_is_one_jump(reference: Reference) -> None:
    fixes = _track(1, T0, 180, *OPEN_SEA, dlat=STEAM)
    m, t, la, lo, sp = fixes[30]
    fixes[30] = (m, t, la + 1.8, lo, sp)
    jumps = _kinds(analyse(_positions(fixes), reference).events, "jump")
    assert len(jumps) == 1 and jumps[0].rule == "M4" and jumps[0].detail["jumps"] == 2


def test_a_fast_but_possible_ship_is_not_spoofing(reference: Reference) -> None:
    fixes = _track(1, T0, 180, *OPEN_SEA, dlat=STEAM * 3)  # about 36 kn
    assert not _kinds(analyse(_positions(fixes), reference).events, "jump")


def test_two_ships_drifting_200_m_apart_for_three_hours_at_sea_meet(reference: Reference) -> None:
    a = _track(1, T0, 180, *OPEN_SEA, speed=0.3)
    b = _track(2, T0 + MIN, 180, OPEN_SEA[0] + 0.0018, OPEN_SEA[1], speed=0.5)
    meetings = _kinds(analyse(_positions(a, b), reference).events, "encounter")
    assert len(meetings) == 1
    assert {meetings[0].mmsi, meetings[0].other_mmsi} == {1, 2} and meetings[0].hours > 2.5


def test_ships_too_far_apart_too_briefly_or_in_port_do_not_meet(reference: Reference) -> None:
    far = (
        _track(1, T0, 180, *OPEN_SEA, speed=0.3),
        _track(2, T0, 180, OPEN_SEA[0] + 0.0063, OPEN_SEA[1], speed=0.3),
    )
    brief = (_track(3, T0, 90, 34.0, 20.0, speed=0.3), _track(4, T0, 90, 34.0018, 20.0, speed=0.3))
    port = (
        _track(5, T0, 240, *ROTTERDAM, speed=0.1),
        _track(6, T0, 240, ROTTERDAM[0] + 0.001, ROTTERDAM[1], speed=0.1),
    )
    fast = (
        _track(7, T0, 240, 33.0, 25.0, dlat=STEAM),
        _track(8, T0, 240, 33.001, 25.0, dlat=STEAM),
    )
    events = analyse(_positions(*far, *brief, *port, *fast), reference).events
    assert not _kinds(events, "encounter")


def test_a_ship_drifting_alone_at_sea_for_eight_hours_loiters(reference: Reference) -> None:
    events = analyse(_positions(_track(1, T0, 480, *OPEN_SEA, speed=0.4)), reference).events
    assert len(_kinds(events, "loitering")) == 1
    assert not _kinds(events, "encounter")


def test_a_day_at_the_primorsk_oil_terminal_is_a_call(reference: Reference) -> None:
    stay = _track(1, T0, 24 * 60, 60.34, 28.67, speed=0.0)
    calls = _kinds(analyse(_positions(stay), reference).events, "terminal_call")
    assert len(calls) == 1 and calls[0].detail["terminal"] == "Primorsk oil terminal"
    assert not _kinds(analyse(_positions(stay), reference).events, "loitering")


def test_steaming_past_a_terminal_is_not_a_call(reference: Reference) -> None:
    passing = _track(1, T0, 40, 60.25, 28.67, dlat=STEAM)  # 40 minutes through the zone
    assert not _kinds(analyse(_positions(passing), reference).events, "terminal_call")


def test_no_positions_give_no_events(reference: Reference) -> None:
    empty = Positions.from_arrays([], [], [], [])
    assert analyse(empty, reference).events == ()


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 4),
            st.integers(0, 40).map(lambda k: T0 + k * 1800),
            st.floats(-80, 80),
            st.floats(-179, 179),
            st.floats(0, 30),
        ),
        max_size=60,
        unique_by=lambda r: (r[0], r[1]),
    )
)
def test_detectors_never_crash_and_events_stay_within_the_tracks(
    rows: list[tuple[int, int, float, float, float]],
) -> None:
    reference = Reference.load()
    if not rows:
        return
    positions = _positions(rows)
    for event in analyse(positions, reference).events:
        assert event.start <= event.end
        mine = positions.time[positions.mmsi == event.mmsi]
        assert mine.min() <= event.start and event.end <= mine.max()
        assert np.isfinite(event.lat) and np.isfinite(event.lon)


def test_an_encounter_in_the_laconian_gulf_is_marked_as_in_a_known_sts_hub(
    reference: Reference,
) -> None:
    a = _track(1, T0, 180, 36.55, 22.85, speed=0.3)
    b = _track(2, T0, 180, 36.5518, 22.85, speed=0.3)
    (meeting,) = _kinds(analyse(_positions(a, b), reference).events, "encounter")
    assert meeting.detail["sts_hub"] == "Laconian Gulf"
    (open_sea,) = _kinds(
        analyse(
            _positions(
                _track(1, T0, 180, *OPEN_SEA, speed=0.3),
                _track(2, T0, 180, OPEN_SEA[0] + 0.0018, OPEN_SEA[1], speed=0.3),
            ),
            reference,
        ).events,
        "encounter",
    )
    assert "sts_hub" not in open_sea.detail


def test_a_gap_starting_near_a_russian_terminal_says_so(reference: Reference) -> None:
    # Leaves Ust-Luga's zone heading west, goes dark for 14 hours.
    before = _track(1, T0, 120, 59.70, 27.80, dlon=-0.01)
    after = _track(1, T0 + 16 * HOUR, 60, 59.70, 25.50, dlon=-0.01)
    (gap,) = _kinds(analyse(_positions(before, after), reference).events, "gap")
    assert gap.detail["near_terminal"] in {"Ust-Luga", "Primorsk oil terminal", "Vysotsk"}
