"""Screening results as rows, and their writers: CSV, JSON lines or Parquet by extension.

One row per screened record and listed entity it matched: the record's id and name, the
entity, its lists and the authorities' own references, the score and the full explanation.
CSV joins several lists with ``;`` and holds the explanation as JSON text; JSON lines keeps
lists as arrays and the explanation as an object; Parquet uses list columns and JSON text.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from sanctionguard.match.types import MatchResult, Query
from sanctionguard.screen.formats import RowFormat, is_gzipped, row_format

COLUMNS = (
    "id",
    "name",
    "entity_id",
    "caption",
    "schema",
    "score",
    "match",
    "lists",
    "source_id",
    "reasons",
    "explanation",
)
SCORE_DIGITS = 4
PARQUET_FLUSH = 2048


@dataclass(frozen=True)
class HitRow:
    """One record matched to one listed entity, ready to write."""

    id: str | None
    name: str
    entity_id: str
    caption: str
    schema: str
    score: float
    match: bool
    lists: tuple[str, ...]
    source_ids: tuple[str, ...]
    reasons: tuple[str, ...]
    explanation: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """The row as JSON: lists as arrays, the explanation as an object."""
        return {
            "id": self.id,
            "name": self.name,
            "entity_id": self.entity_id,
            "caption": self.caption,
            "schema": self.schema,
            "score": self.score,
            "match": self.match,
            "lists": list(self.lists),
            "source_id": list(self.source_ids),
            "reasons": list(self.reasons),
            "explanation": self.explanation,
        }


def reasons(result: MatchResult, most: int = 3) -> tuple[str, ...]:
    """The reasons of the few features that moved the score most, strongest first."""
    moved = [f for f in result.features if f.reason and f.value != 0]
    moved.sort(key=lambda f: -abs(f.value * f.weight))
    return tuple(f.reason for f in moved[:most])


def hit_row(query: Query, result: MatchResult) -> HitRow:
    return HitRow(
        id=query.id,
        name=query.names[0] if query.names else "",
        entity_id=result.entity_id,
        caption=result.caption,
        schema=result.schema,
        score=round(result.score, SCORE_DIGITS),
        match=result.match,
        lists=result.lists,
        source_ids=result.source_ids,
        reasons=reasons(result),
        explanation=result.explanation(),
    )


class HitWriter(Protocol):
    def write(self, rows: Sequence[HitRow]) -> None: ...


def _flat(row: HitRow) -> dict[str, Any]:
    """The row with text cells only, for CSV and Parquet."""
    return {
        **row.to_json(),
        "lists": list(row.lists),
        "source_id": list(row.source_ids),
        "reasons": list(row.reasons),
        "explanation": json.dumps(row.explanation, ensure_ascii=False),
    }


class _CsvWriter:
    def __init__(self, out: IO[str]) -> None:
        self.writer = csv.DictWriter(out, fieldnames=COLUMNS)
        self.writer.writeheader()

    def write(self, rows: Sequence[HitRow]) -> None:
        for row in rows:
            flat = _flat(row)
            for key in ("lists", "source_id", "reasons"):
                flat[key] = "; ".join(flat[key])
            self.writer.writerow(flat)


class _JsonlWriter:
    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, rows: Sequence[HitRow]) -> None:
        for row in rows:
            self.out.write(json.dumps(row.to_json(), ensure_ascii=False) + "\n")


def _parquet_schema() -> Any:
    import pyarrow as pa

    text, texts = pa.string(), pa.list_(pa.string())
    return pa.schema(
        [
            ("id", text),
            ("name", text),
            ("entity_id", text),
            ("caption", text),
            ("schema", text),
            ("score", pa.float64()),
            ("match", pa.bool_()),
            ("lists", texts),
            ("source_id", texts),
            ("reasons", texts),
            ("explanation", text),
        ]
    )


class _ParquetWriter:
    """Buffers rows into row groups; the file has the full schema even with no rows."""

    def __init__(self, path: Path) -> None:
        import pyarrow.parquet as pq

        self.schema = _parquet_schema()
        self.writer = pq.ParquetWriter(path, self.schema)
        self.pending: list[dict[str, Any]] = []

    def write(self, rows: Sequence[HitRow]) -> None:
        self.pending += [_flat(row) for row in rows]
        if len(self.pending) >= PARQUET_FLUSH:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        if self.pending:
            self.writer.write_table(pa.Table.from_pylist(self.pending, schema=self.schema))
            self.pending = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


def _open_text(path: Path) -> IO[str]:
    if is_gzipped(path):
        return gzip.open(path, "wt", encoding="utf-8", newline="")
    return path.open("w", encoding="utf-8", newline="")


@contextmanager
def open_hit_writer(path: Path) -> Iterator[HitWriter]:
    """A writer for the format the file name asks for (.csv, .jsonl, .parquet, text .gz)."""
    fmt = row_format(path)
    if fmt is RowFormat.PARQUET:
        parquet = _ParquetWriter(path)
        try:
            yield parquet
        finally:
            parquet.close()
        return
    with _open_text(path) as out:
        yield _CsvWriter(out) if fmt is RowFormat.CSV else _JsonlWriter(out)
