"""Exporting a snapshot: FtM JSON lines (every entity) or a flat CSV (one row per entry)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import TextIO

from sanctionguard.store.snapshots import Store, StoredEntity

CSV_COLUMNS = (
    "id",
    "list",
    "source_id",
    "schema",
    "caption",
    "aliases",
    "weak_aliases",
    "birth_dates",
    "countries",
    "identifiers",
    "programs",
    "listed_on",
)


def ftm_entities(item: StoredEntity) -> Iterator[dict[str, object]]:
    """The FtM entities of one stored entry: the party first, then its related entities."""
    record = item.record
    yield {
        "id": item.entity_id,
        "schema": item.schema,
        "properties": record["properties"],
        "datasets": [item.list_name],
    }
    for related in record.get("related", []):
        yield {**related, "datasets": [item.list_name]}


def write_ftm(store: Store, snap_id: int, out: TextIO) -> int:
    """Write every entity of a snapshot as FtM JSON lines; return the number of lines."""
    count = 0
    for item in store.entities(snap_id):
        for data in ftm_entities(item):
            out.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count


def _csv_row(item: StoredEntity) -> list[str]:
    rec = item.record
    names = rec.get("names", [])
    props = rec.get("properties", {})
    countries = sorted(
        {
            v
            for p in ("country", "nationality", "citizenship", "flag", "jurisdiction")
            for v in props.get(p, [])
        }
    )
    idents = [
        f"{i['kind']}:{i['value']}" + ("(invalid)" if i.get("valid") is False else "")
        for i in rec.get("identifiers", [])
    ]
    births = [
        b["start"] + (f"..{b['end']}" if b.get("end") else "") for b in rec.get("birth_dates", [])
    ]
    return [
        item.entity_id,
        item.list_name,
        item.source_id,
        item.schema,
        item.caption,
        "; ".join(n["value"] for n in names if n["kind"] in ("strong_alias", "former")),
        "; ".join(n["value"] for n in names if n["kind"] == "weak_alias"),
        "; ".join(births),
        "; ".join(countries),
        "; ".join(idents),
        "; ".join(rec.get("programs", [])),
        rec.get("listed_on") or "",
    ]


def write_csv(store: Store, snap_id: int, out: TextIO) -> int:
    """Write one CSV row per entry of a snapshot; return the number of rows."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for item in store.entities(snap_id):
        writer.writerow(_csv_row(item))
        count += 1
    return count
