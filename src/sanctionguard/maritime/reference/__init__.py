"""Versioned reference data for the maritime and goods rules, with small typed readers.

Each set is a folder of CSV files named by effective date (``chpl/2024-02-23.csv``); a file
opens with ``# key: value`` lines (set, version, effective, source, note) and then a header row.
The reader picks the newest file effective on the asked date, so a newer version of a set is
added by dropping in a file: no code changes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from sanctionguard.maritime.problems import InputError

SETS = (
    "chpl",
    "hub_countries",
    "partner_countries",
    "eu_members",
    "pandi_clubs",
    "iacs_members",
    "mid",
    "terminals",
    "ports",
    "sts_hubs",
)


@dataclass(frozen=True)
class ReferenceMeta:
    """Where a reference table comes from and from when it applies."""

    set: str
    version: str
    effective: date
    source: str
    note: str
    file: str


@dataclass(frozen=True)
class ReferenceTable:
    """One version of a reference set: its metadata and its rows as text dictionaries."""

    meta: ReferenceMeta
    rows: tuple[Mapping[str, str], ...]


def _folder(name: str) -> Traversable:
    if name not in SETS:
        raise InputError("reference", f"unknown reference set {name!r}; known: {', '.join(SETS)}")
    return files("sanctionguard.maritime.reference").joinpath(name)


def versions(name: str) -> list[date]:
    """Effective dates of every stored version of a set, oldest first."""
    found = []
    for entry in _folder(name).iterdir():
        if entry.name.endswith(".csv"):
            found.append(date.fromisoformat(entry.name.removesuffix(".csv")))
    return sorted(found)


def load_table(name: str, as_of: date | None = None) -> ReferenceTable:
    """The version of set ``name`` in force on ``as_of`` (default: the newest)."""
    return _load(name, as_of)


@lru_cache(maxsize=64)
def _load(name: str, as_of: date | None) -> ReferenceTable:
    dates = versions(name)
    usable = [d for d in dates if as_of is None or d <= as_of]
    if not usable:
        first = dates[0].isoformat() if dates else "none"
        raise InputError(
            f"reference/{name}", f"no version in force on {as_of} (oldest version: {first})"
        )
    path = _folder(name).joinpath(f"{usable[-1].isoformat()}.csv")
    return parse_table(path.read_text(encoding="utf-8"), f"reference/{name}/{path.name}")


def parse_table(text: str, origin: str) -> ReferenceTable:
    """Parse one reference file: ``# key: value`` header lines, then CSV with a header row."""
    meta: dict[str, str] = {}
    lines = text.splitlines()
    body_start = 0
    for number, line in enumerate(lines):
        if not line.startswith("#"):
            body_start = number
            break
        key, _, value = line[1:].partition(":")
        meta[key.strip()] = value.strip()
    for required in ("set", "version", "effective", "source"):
        if required not in meta:
            raise InputError(origin, f"missing '# {required}:' header line")
    try:
        effective = date.fromisoformat(meta["effective"])
    except ValueError as exc:
        raise InputError(origin, f"effective date {meta['effective']!r} is not ISO") from exc
    reader = csv.DictReader(io.StringIO("\n".join(lines[body_start:])))
    rows = tuple(dict(row) for row in reader)
    return ReferenceTable(
        ReferenceMeta(
            meta["set"], meta["version"], effective, meta["source"], meta.get("note", ""), origin
        ),
        rows,
    )
