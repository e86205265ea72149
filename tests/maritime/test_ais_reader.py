"""Reading AIS positions: column spellings, bad rows dropped and reported, strict mode, Parquet."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctionguard.maritime.ais import Positions, read_positions, write_positions
from sanctionguard.maritime.problems import InputError

GOOD = """MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading
273111111,2024-01-01T00:10:00Z,60.0,28.0,11.5,90,91
273111111,2024-01-01T00:00:00Z,59.9,27.9,11.4,90,90
273111111,2024-01-01T00:00:00Z,59.9,27.9,11.4,90,90
219000001,2024-01-01 00:05:00+00:00,55.0,10.0,0.1,,
219000001,2024-01-01T00:06:00Z,95.0,10.0,0.1,,
219000001,not a time,55.0,10.0,0.1,,
219000001,2024-01-01T00:07:00Z,55.0,10.0,150,400,
"""


def _write(tmp_path: Path, text: str, name: str = "ais.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_common_column_spellings_are_understood_and_unknown_ones_listed(tmp_path: Path) -> None:
    positions, report = read_positions(_write(tmp_path, GOOD))
    assert report.unknown_columns == ["Heading"]
    assert len(positions) == 4
    assert positions.mmsi.tolist() == [219000001, 219000001, 273111111, 273111111]


def test_bad_rows_are_dropped_and_reported_with_their_lines(tmp_path: Path) -> None:
    _, report = read_positions(_write(tmp_path, GOOD))
    off = "position off the globe (lat outside ±90 or lon outside ±180)"
    assert report.dropped[off] == 1 and report.example_lines[off] == [6]
    assert report.example_lines["missing or unreadable mmsi/time/lat/lon"] == [7]
    assert report.duplicates == 1 and report.unordered
    assert report.speeds_blanked == 1
    assert any("sorted" in note for note in report.notes())


def test_out_of_range_speed_and_course_become_unknown(tmp_path: Path) -> None:
    positions, _ = read_positions(_write(tmp_path, GOOD))
    assert np.isnan(positions.speed[1]) and np.isnan(positions.course[1])


def test_strict_mode_refuses_unknown_columns_with_the_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"ais.csv:1: unknown column\(s\) Heading"):
        read_positions(_write(tmp_path, GOOD), strict=True)


def test_strict_mode_names_the_first_bad_line(tmp_path: Path) -> None:
    text = "mmsi,time,lat,lon\n1,2024-01-01T00:00:00Z,1,1\n1,2024-01-01T01:00:00Z,1,999\n"
    with pytest.raises(InputError, match=r"ais.csv:3: position off the globe"):
        read_positions(_write(tmp_path, text), strict=True)


def test_a_file_without_a_required_column_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing column.*lon"):
        read_positions(_write(tmp_path, "mmsi,time,lat\n1,2024-01-01T00:00:00Z,1\n"))


def test_an_unreadable_number_is_located_not_a_crash(tmp_path: Path) -> None:
    text = "mmsi,time,lat,lon\n1,2024-01-01T00:00:00Z,1,1\n1,2024-01-01T01:00:00Z,abc,1\n"
    positions, report = read_positions(_write(tmp_path, text))
    assert len(positions) == 1
    assert report.example_lines["missing or unreadable mmsi/time/lat/lon"] == [3]


def test_epoch_seconds_and_parquet_are_read(tmp_path: Path) -> None:
    path = tmp_path / "ais.parquet"
    table = pa.table(
        {
            "mmsi": [5, 5],
            "timestamp": [1_700_000_100, 1_700_000_000],
            "lat": [1.0, 1.1],
            "lon": [2.0, 2.1],
        }
    )
    pq.write_table(table, path)
    positions, report = read_positions(path)
    assert positions.time.tolist() == [1_700_000_000, 1_700_000_100]
    assert report.unordered


def test_written_positions_read_back_unchanged(tmp_path: Path) -> None:
    original = Positions.from_arrays(
        [1, 1, 2], [10, 20, 15], [1.0, 1.5, -3.0], [4.0, 4.5, 170.0], [1.0, 2.0, 3.0]
    )
    for name in ("p.parquet", "p.csv"):
        write_positions(original, tmp_path / name)
        back, _ = read_positions(tmp_path / name)
        assert back.time.tolist() == original.time.tolist()
        assert np.allclose(back.lat, original.lat) and np.allclose(back.speed, original.speed)


rows = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=5),
        st.integers(min_value=1_700_000_000, max_value=1_700_100_000),
        st.floats(min_value=-200, max_value=200) | st.just(float("nan")),
        st.floats(min_value=-400, max_value=400) | st.just(float("nan")),
    ),
    max_size=40,
)


@settings(
    max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(rows)
def test_any_rows_read_sorted_unique_and_on_the_globe(
    tmp_path: Path, data: list[tuple[int, int, float, float]]
) -> None:
    lines = ["mmsi,time,lat,lon"] + [f"{m},{t},{la},{lo}" for m, t, la, lo in data]
    positions, report = read_positions(_write(tmp_path, "\n".join(lines) + "\n", "h.csv"))
    keys = list(zip(positions.mmsi.tolist(), positions.time.tolist(), strict=True))
    assert keys == sorted(set(keys))
    assert np.all(np.abs(positions.lat) <= 90) and np.all(np.abs(positions.lon) <= 180)
    assert report.rows_read == len(data)
    assert report.rows_kept + sum(report.dropped.values()) + report.duplicates == len(data)
