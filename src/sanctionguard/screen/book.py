"""Reading a customer book to screen: CSV, JSON lines or Parquet, one query per record.

The whole file is refused (``ListFormatError`` naming the file and line) only when it cannot
be read at all: a wrong encoding, broken CSV quoting, missing ``id``/``name`` columns, not a
Parquet file. A record that cannot be screened (no name and no identifier, an invalid date,
an unknown schema...) becomes a ``BadRow`` with its line number, and reading goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

from sanctionguard.errors import ListFormatError
from sanctionguard.match.types import Query
from sanctionguard.screen.formats import RowFormat, row_format
from sanctionguard.screen.records import RecordError, query_from_fields, texts
from sanctionguard.sources.base import Limits
from sanctionguard.sources.textio import csv_rows, read_text

REQUIRED = ("id", "name")
PARQUET_BATCH = 4096


@dataclass(frozen=True)
class BookRecord:
    """A record ready to screen; ``line`` is its line in the file (its row for Parquet)."""

    line: int
    query: Query


@dataclass(frozen=True)
class BadRow:
    """A record that was not screened, and why."""

    line: int
    id: str | None
    reason: str


BookRow = BookRecord | BadRow


@dataclass(frozen=True)
class Book:
    """An opened customer book: its records, read lazily, and how many there are."""

    path: Path
    format: RowFormat
    size: int  # records in the file; for CSV, lines (a quoted cell may span several)
    rows: Iterator[BookRow]


def _require(path: Path, present: Iterable[str], line: int, what: str) -> None:
    missing = [c for c in REQUIRED if c not in set(present)]
    if missing:
        raise ListFormatError(
            path,
            f"missing {what}(s) {', '.join(missing)}; a book needs at least "
            f"{' and '.join(REQUIRED)} (the name may be empty where an identifier is given)",
            line=line,
        )


def book_row(line: int, fields: Mapping[str, Any]) -> BookRow:
    """One record's fields as a query, or as a bad row saying why not."""
    ids = texts(fields.get("id"))
    record_id = ids[0] if ids else None
    if record_id is None:
        return BadRow(line, None, "empty id")
    try:
        return BookRecord(line, query_from_fields(fields, record_id))
    except RecordError as exc:
        return BadRow(line, record_id, str(exc))


def _csv_rows(path: Path, text: str) -> Iterator[BookRow]:
    rows = csv_rows(text, path)
    header_line, header = next(rows, (1, []))
    header = [h.strip().lstrip("\ufeff").lower() for h in header]
    _require(path, header, header_line, "column")
    for line, row in rows:
        if not any(value.strip() for value in row):
            continue
        if len(row) > len(header):
            yield BadRow(line, None, f"{len(row)} cells but the header has {len(header)}")
            continue
        yield book_row(line, dict(zip(header, row, strict=False)))


def _json_object(line: int, text: str) -> dict[str, Any] | BadRow:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return BadRow(line, None, f"not valid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(value, dict):
        return BadRow(line, None, "not a JSON object")
    return {str(k).lower(): v for k, v in value.items()}


def _jsonl_rows(path: Path, lines: Sequence[tuple[int, str]]) -> Iterator[BookRow]:
    first = True
    for line, text in lines:
        fields = _json_object(line, text)
        if isinstance(fields, BadRow):
            yield fields
            continue
        if first:
            _require(path, fields, line, "field")
            first = False
        yield book_row(line, fields)


def _parquet_file(path: Path) -> Any:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise ListFormatError(path, f"not a readable Parquet file ({exc})") from exc


def _parquet_rows(path: Path, parquet: Any) -> Iterator[BookRow]:
    import pyarrow as pa

    line = 0
    try:
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH):
            for fields in batch.to_pylist():
                line += 1
                yield book_row(line, {str(k).lower(): v for k, v in fields.items()})
    except pa.ArrowException as exc:
        raise ListFormatError(path, f"unreadable Parquet data ({exc})", line=line + 1) from exc


def _open_csv(path: Path, limits: Limits) -> Book:
    text = read_text(path, limits)
    rows = _csv_rows(path, text)
    # Reading the first row now refuses a file without the required columns before any
    # output is written.
    first = next(rows, None)
    rest: Iterator[BookRow] = chain([] if first is None else [first], rows)
    return Book(path, RowFormat.CSV, max(text.count("\n") - 1, 0), rest)


def _open_jsonl(path: Path, limits: Limits) -> Book:
    text = read_text(path, limits)
    lines = [(n, t) for n, t in enumerate(text.splitlines(), start=1) if t.strip()]
    rows = _jsonl_rows(path, lines)
    first = next(rows, None)
    rest: Iterator[BookRow] = chain([] if first is None else [first], rows)
    return Book(path, RowFormat.JSONL, len(lines), rest)


def _open_parquet(path: Path) -> Book:
    parquet = _parquet_file(path)
    names = [str(n).lower() for n in parquet.schema_arrow.names]
    _require(path, names, 1, "column")
    return Book(
        path, RowFormat.PARQUET, int(parquet.metadata.num_rows), _parquet_rows(path, parquet)
    )


def open_book(path: Path, limits: Limits | None = None) -> Book:
    """Open a customer book by its extension (.csv, .jsonl, .parquet; text formats may be .gz).

    Raises ``ListFormatError`` when the file cannot be read or lacks the ``id`` and ``name``
    columns (for JSON lines: when the first record lacks those fields).
    """
    fmt = row_format(path)
    if fmt is RowFormat.PARQUET:
        return _open_parquet(path)
    if fmt is RowFormat.JSONL:
        return _open_jsonl(path, limits or Limits())
    return _open_csv(path, limits or Limits())


def read_book(path: Path, limits: Limits | None = None) -> list[BookRow]:
    """Every row of a customer book, read at once (small books, tests)."""
    return list(open_book(path, limits).rows)
