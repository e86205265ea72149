"""Reading AIS positions (CSV or Parquet) into sorted, validated numpy columns.

Columns: mmsi, time, lat, lon (required), speed, course, status (optional); common spellings
(MMSI, BaseDateTime, LAT, LON, SOG, COG, timestamp...) are understood. Documented handling of
bad input, each counted in the ``ReadReport`` with the first line numbers:
unknown columns are ignored and listed; rows with a missing or unreadable required cell, or a
position off the globe, are dropped; speeds outside 0-102.2 kn and courses outside 0-360 become
unknown; rows out of time order are sorted; a repeated (mmsi, time) keeps its first row.
``strict=True`` turns any dropped row or unknown column into an ``InputError`` instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from sanctionguard.maritime.problems import InputError

REQUIRED = ("mmsi", "time", "lat", "lon")
OPTIONAL = ("speed", "course", "status")
ALIASES = {
    "mmsi": "mmsi",
    "time": "time",
    "timestamp": "time",
    "basedatetime": "time",
    "datetime": "time",
    "ts": "time",
    "lat": "lat",
    "latitude": "lat",
    "lon": "lon",
    "lng": "lon",
    "long": "lon",
    "longitude": "lon",
    "speed": "speed",
    "sog": "speed",
    "course": "course",
    "cog": "course",
    "status": "status",
    "navstatus": "status",
    "nav_status": "status",
}
STATUS_WORDS = {"under way": 0, "anchor": 1, "moored": 5, "aground": 6, "fishing": 7}
SHOWN_LINES = 5


@dataclass
class ReadReport:
    """What reading did to the input, so nothing is lost silently."""

    path: str
    rows_read: int = 0
    rows_kept: int = 0
    unknown_columns: list[str] = field(default_factory=list)
    dropped: dict[str, int] = field(default_factory=dict)  # reason → rows
    example_lines: dict[str, list[int]] = field(default_factory=dict)  # reason → first lines
    speeds_blanked: int = 0
    unordered: bool = False
    duplicates: int = 0

    def drop(self, reason: str, lines: npt.NDArray[np.int64]) -> None:
        if lines.size:
            self.dropped[reason] = self.dropped.get(reason, 0) + int(lines.size)
            self.example_lines.setdefault(reason, [int(x) for x in lines[:SHOWN_LINES]])

    def notes(self) -> list[str]:
        out = []
        if self.unknown_columns:
            out.append(f"ignored unknown columns: {', '.join(self.unknown_columns)}")
        for reason, count in self.dropped.items():
            lines = ", ".join(map(str, self.example_lines.get(reason, [])))
            out.append(f"dropped {count} rows: {reason} (lines {lines}…)")
        if self.speeds_blanked:
            out.append(f"{self.speeds_blanked} speeds/courses out of range treated as unknown")
        if self.unordered:
            out.append("rows were not in time order per vessel: sorted")
        if self.duplicates:
            out.append(f"dropped {self.duplicates} repeated (mmsi, time) rows, kept the first")
        return out


@dataclass(frozen=True)
class Positions:
    """AIS fixes sorted by (mmsi, time); time in UTC epoch seconds; NaN = unknown."""

    mmsi: npt.NDArray[np.int64]
    time: npt.NDArray[np.int64]
    lat: npt.NDArray[np.float64]
    lon: npt.NDArray[np.float64]
    speed: npt.NDArray[np.float64]
    course: npt.NDArray[np.float64]
    status: npt.NDArray[np.int16]

    def __len__(self) -> int:
        return int(self.mmsi.size)

    @classmethod
    def from_arrays(
        cls,
        mmsi: npt.ArrayLike,
        time: npt.ArrayLike,
        lat: npt.ArrayLike,
        lon: npt.ArrayLike,
        speed: npt.ArrayLike | None = None,
        course: npt.ArrayLike | None = None,
        status: npt.ArrayLike | None = None,
    ) -> Positions:
        n = np.asarray(mmsi).size
        nan = np.full(n, np.nan)
        return cls(
            np.asarray(mmsi, dtype=np.int64),
            np.asarray(time, dtype=np.int64),
            np.asarray(lat, dtype=np.float64),
            np.asarray(lon, dtype=np.float64),
            nan if speed is None else np.asarray(speed, dtype=np.float64),
            nan.copy() if course is None else np.asarray(course, dtype=np.float64),
            np.full(n, -1, np.int16) if status is None else np.asarray(status, dtype=np.int16),
        )

    def take(self, index: npt.NDArray[np.int64] | npt.NDArray[np.bool_]) -> Positions:
        return Positions(
            self.mmsi[index],
            self.time[index],
            self.lat[index],
            self.lon[index],
            self.speed[index],
            self.course[index],
            self.status[index],
        )


def _map_columns(names: list[str], path: str, strict: bool, report: ReadReport) -> dict[str, str]:
    """File column → our column; unknown ones are reported (or refused when strict)."""
    mapping: dict[str, str] = {}
    for name in names:
        ours = ALIASES.get(name.strip().lower().replace(" ", ""))
        if ours is None or ours in mapping.values():
            report.unknown_columns.append(name)
        else:
            mapping[name] = ours
    missing = [c for c in REQUIRED if c not in mapping.values()]
    if missing:
        raise InputError(
            path, f"missing column(s) {', '.join(missing)}; found: {', '.join(names)}", line=1
        )
    if strict and report.unknown_columns:
        raise InputError(path, f"unknown column(s) {', '.join(report.unknown_columns)}", line=1)
    return mapping


PARQUET_MAGIC = b"PAR1"


def _is_parquet(source: Path | bytes) -> bool:
    if isinstance(source, bytes):
        return source[:4] == PARQUET_MAGIC
    return source.suffix.lower() == ".parquet"


def _header(source: Path | bytes, name: str) -> str:
    """The CSV header line (BOM removed)."""
    try:
        if isinstance(source, bytes):
            return source.split(b"\n", 1)[0].decode("utf-8-sig").strip()
        with source.open("rb") as handle:
            return handle.readline().decode("utf-8-sig").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(name, f"cannot read: {exc}") from exc


def _input(source: Path | bytes) -> Path | pa.BufferReader:
    """What pyarrow reads: the path, or a fresh reader over the bytes (one per read)."""
    return pa.BufferReader(source) if isinstance(source, bytes) else source


def _read_table(
    source: Path | bytes, name: str, strict: bool, report: ReadReport
) -> tuple[pa.Table, int]:
    """The input as a table of our columns (raw types) and the line number of its first row."""
    if _is_parquet(source):
        try:
            schema_names = pq.read_schema(_input(source)).names
            mapping = _map_columns(schema_names, name, strict, report)
            table = pq.read_table(_input(source), columns=list(mapping))
        except (pa.ArrowException, OSError) as exc:
            raise InputError(name, f"cannot read as Parquet: {exc}") from exc
        return table.rename_columns([mapping[c] for c in table.column_names]), 1
    columns = [c.strip().strip('"') for c in _header(source, name).split(",")]
    mapping = _map_columns(columns, name, strict, report)
    types = {c: pa.string() for c, ours in mapping.items() if ours == "status"}
    try:
        table = pacsv.read_csv(
            _input(source),
            convert_options=pacsv.ConvertOptions(include_columns=list(mapping), column_types=types),
        )
    except pa.ArrowInvalid:
        # A cell that does not parse as its column's type: read as text and locate it below.
        try:
            table = pacsv.read_csv(
                _input(source),
                convert_options=pacsv.ConvertOptions(
                    include_columns=list(mapping), column_types=dict.fromkeys(mapping, pa.string())
                ),
            )
        except pa.ArrowInvalid as exc:
            raise InputError(name, f"broken CSV: {exc}") from exc
    return table.rename_columns([mapping[c] for c in table.column_names]), 2


def _times(values: pa.ChunkedArray) -> npt.NDArray[np.float64]:
    """Epoch seconds (NaN where unreadable) from timestamps, ISO text or epoch numbers."""
    kind = values.type
    if pa.types.is_timestamp(kind):
        seconds = pc.cast(pc.cast(values, pa.timestamp("s", tz=kind.tz)), pa.int64())
        return _float_numpy(seconds)
    if pa.types.is_integer(kind) or pa.types.is_floating(kind):
        numbers = _float_numpy(values)
        finite = numbers[np.isfinite(numbers)]
        scale = 1000.0 if finite.size and np.abs(finite).max() > 1e11 else 1.0  # milliseconds
        return numbers / scale
    # Text: ISO 8601 with an offset, or without one (taken as UTC); else cell by cell.
    for target in (pa.timestamp("s", tz="UTC"), pa.timestamp("s")):
        try:
            return _times(pc.cast(values, target))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            continue
    parsed = pd.to_datetime(
        pd.Series(values.to_pylist(), dtype="string"), utc=True, format="ISO8601", errors="coerce"
    )
    seconds = (parsed - pd.Timestamp(0, tz="UTC")) / pd.Timedelta(seconds=1)
    return np.asarray(seconds, dtype=np.float64)


def _float_numpy(values: pa.ChunkedArray | pa.Array) -> npt.NDArray[np.float64]:
    return np.asarray(pc.cast(values, pa.float64()).to_numpy(zero_copy_only=False), np.float64)


def _numbers(values: pa.ChunkedArray) -> npt.NDArray[np.float64]:
    """Floats (NaN for nulls and cells that are not numbers)."""
    try:
        return _float_numpy(values)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        text = pd.Series(values.to_pylist(), dtype="string")
        return np.asarray(pd.to_numeric(text, errors="coerce"), dtype=np.float64)


def _status(values: pa.ChunkedArray | None, n: int) -> npt.NDArray[np.int16]:
    if values is None:
        return np.full(n, -1, np.int16)
    numbers = _numbers(values)
    out = np.where(np.isfinite(numbers) & (numbers >= 0) & (numbers <= 15), numbers, -1)
    if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
        text = pc.utf8_lower(values)
        for word, code in STATUS_WORDS.items():
            hit = pc.fill_null(pc.match_substring(text, word), False)
            out = np.where(hit.to_numpy(zero_copy_only=False), code, out)
    return np.asarray(out, dtype=np.int16)


def read_positions(path: Path, *, strict: bool = False) -> tuple[Positions, ReadReport]:
    """Read, validate, sort and de-duplicate AIS positions (see the module doc for handling)."""
    return _read(path, str(path), strict)


def read_positions_bytes(
    data: bytes, name: str, *, strict: bool = False
) -> tuple[Positions, ReadReport]:
    """``read_positions`` over an in-memory file (an upload): Parquet by its magic bytes, else
    CSV; ``name`` is what errors and the report call it."""
    return _read(data, name, strict)


def _read(source: Path | bytes, name: str, strict: bool) -> tuple[Positions, ReadReport]:
    report = ReadReport(name)
    frame, first_line = _read_table(source, name, strict, report)
    n = report.rows_read = frame.num_rows
    names = frame.column_names
    columns = {
        "mmsi": _numbers(frame["mmsi"]),
        "time": _times(frame["time"]),
        "lat": _numbers(frame["lat"]),
        "lon": _numbers(frame["lon"]),
        "speed": _numbers(frame["speed"]) if "speed" in names else np.full(n, np.nan),
        "course": _numbers(frame["course"]) if "course" in names else np.full(n, np.nan),
    }
    status = _status(frame["status"] if "status" in names else None, n)
    del frame  # the Arrow copy is no longer needed: keeps peak memory down on big files
    keep = _valid_rows(columns, first_line, report)
    if strict and keep is not None:
        reason, shown = next(iter(report.example_lines.items()))
        raise InputError(name, reason, line=shown[0])
    _blank_impossible(columns, report)
    if keep is not None:
        columns = {k: v[keep] for k, v in columns.items()}
        status = status[keep]
    positions = Positions.from_arrays(
        columns["mmsi"],
        columns["time"],
        columns["lat"],
        columns["lon"],
        columns["speed"],
        columns["course"],
        status,
    )
    return _sorted_unique(positions, report), report


def _valid_rows(
    columns: dict[str, npt.NDArray[np.float64]], first_line: int, report: ReadReport
) -> npt.NDArray[np.bool_] | None:
    """Mask of usable rows, or None when every row is usable; drops are reported by line."""
    mmsi, time, lat, lon = (columns[k] for k in REQUIRED)
    unreadable = ~(np.isfinite(mmsi) & np.isfinite(time) & np.isfinite(lat) & np.isfinite(lon))
    off_globe = ~unreadable & ((np.abs(lat) > 90) | (np.abs(lon) > 180))
    if not (unreadable.any() or off_globe.any()):
        return None
    # Line numbers: CSV lines (header is line 1), Parquet rows counted from 1.
    report.drop("missing or unreadable mmsi/time/lat/lon", np.flatnonzero(unreadable) + first_line)
    report.drop(
        "position off the globe (lat outside ±90 or lon outside ±180)",
        np.flatnonzero(off_globe) + first_line,
    )
    return np.asarray(~(unreadable | off_globe))


def _blank_impossible(columns: dict[str, npt.NDArray[np.float64]], report: ReadReport) -> None:
    """Speeds outside 0-102.2 kn and courses outside 0-360 become unknown (NaN)."""
    speed, course = columns["speed"], columns["course"]
    bad_speed = np.isfinite(speed) & ((speed < 0) | (speed > 102.2))
    bad_course = np.isfinite(course) & ((course < 0) | (course >= 360))
    usable = np.isfinite(columns["lat"]) & (np.abs(columns["lat"]) <= 90)
    report.speeds_blanked = int(((bad_speed | bad_course) & usable).sum())
    if bad_speed.any():
        columns["speed"] = np.where(bad_speed, np.nan, speed)
    if bad_course.any():
        columns["course"] = np.where(bad_course, np.nan, course)


def _sorted_unique(positions: Positions, report: ReadReport) -> Positions:
    mmsi, time = positions.mmsi, positions.time
    in_order = bool(
        np.all((mmsi[1:] > mmsi[:-1]) | ((mmsi[1:] == mmsi[:-1]) & (time[1:] >= time[:-1])))
    )
    if not in_order:
        report.unordered = True
        order = np.lexsort((time, mmsi))
        positions = positions.take(order)
        mmsi, time = positions.mmsi, positions.time
    repeated = np.zeros(mmsi.size, dtype=bool)
    repeated[1:] = (mmsi[1:] == mmsi[:-1]) & (time[1:] == time[:-1])
    report.duplicates = int(repeated.sum())
    if report.duplicates:
        positions = positions.take(~repeated)
    report.rows_kept = len(positions)
    return positions


def write_positions(positions: Positions, path: Path) -> None:
    """Write positions as Parquet or CSV (by extension), time as UTC timestamps."""
    table = pa.table(
        {
            "mmsi": positions.mmsi,
            "time": pa.array(positions.time.astype("datetime64[s]"), pa.timestamp("s", tz="UTC")),
            "lat": positions.lat,
            "lon": positions.lon,
            "speed": positions.speed,
            "course": positions.course,
            "status": positions.status,
        }
    )
    if path.suffix.lower() == ".parquet":
        pq.write_table(table, path)
    else:
        pacsv.write_csv(table, path)
