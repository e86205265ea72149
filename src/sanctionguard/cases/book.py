"""The stored customer book: importing a file as a new book version, and reading customers.

Each import compares every record's content hash with the stored customer: new ones are
added, changed ones replaced (the old content stays in ``customer_history``), customers absent
from the file are marked removed. One transaction: an import is all there or not at all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from sanctionguard.cases import audit
from sanctionguard.cases.tables import book_version, customer, customer_history
from sanctionguard.cases.views import BadRecord, BookImport, BookVersion
from sanctionguard.errors import ListFormatError
from sanctionguard.match.types import Query
from sanctionguard.model.entry import canonical_json, text_hash
from sanctionguard.screen.book import REQUIRED, BadRow, book_row
from sanctionguard.screen.formats import RowFormat, row_format
from sanctionguard.screen.records import query_from_fields, texts
from sanctionguard.sources.base import Limits
from sanctionguard.sources.textio import csv_rows, read_text

CHUNK = 5000


@dataclass(frozen=True)
class Customer:
    """A stored customer: id, display name, book fields and their content hash."""

    customer_id: str
    name: str
    record: dict[str, list[str]]
    content_hash: str

    def query(self) -> Query:
        return query_from_fields(self.record, self.customer_id)


def _mapped(fields: Mapping[str, Any], mapping: Mapping[str, str]) -> dict[str, Any]:
    lower = {k.strip().lower(): v.strip().lower() for k, v in mapping.items()}
    return {lower.get(str(k).strip().lower(), str(k).strip().lower()): v for k, v in fields.items()}


def _require(path: Path, present: Any, line: int) -> None:
    missing = [c for c in REQUIRED if c not in set(present)]
    if missing:
        raise ListFormatError(
            path,
            f"missing column(s) {', '.join(missing)} after the mapping; map the file's columns "
            "with --mapping 'their column=id,their column=name'",
            line=line,
        )


def _csv_fields(path: Path, mapping: Mapping[str, str]) -> Iterator[tuple[int, dict[str, Any]]]:
    rows = csv_rows(read_text(path, Limits()), path)
    header_line, header = next(rows, (1, []))
    names = list(_mapped({h.lstrip("\ufeff"): None for h in header}, mapping))
    _require(path, names, header_line)
    for line, row in rows:
        if any(value.strip() for value in row):
            yield line, dict(zip(names, row, strict=False))


def _jsonl_fields(path: Path, mapping: Mapping[str, str]) -> Iterator[tuple[int, dict[str, Any]]]:
    first = True
    for line, text in enumerate(read_text(path, Limits()).splitlines(), start=1):
        if not text.strip():
            continue
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ListFormatError(path, f"not valid JSON ({exc.msg})", line=line) from exc
        if not isinstance(value, dict):
            raise ListFormatError(path, "not a JSON object", line=line)
        fields = _mapped(value, mapping)
        if first:
            _require(path, fields, line)
            first = False
        yield line, fields


def _parquet_fields(path: Path, mapping: Mapping[str, str]) -> Iterator[tuple[int, dict[str, Any]]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise ListFormatError(path, f"not a readable Parquet file ({exc})") from exc
    _require(path, _mapped(dict.fromkeys(parquet.schema_arrow.names), mapping), 1)
    line = 0
    for batch in parquet.iter_batches(batch_size=4096):
        for fields in batch.to_pylist():
            line += 1
            yield line, _mapped(fields, mapping)


def read_fields(path: Path, mapping: Mapping[str, str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line, fields)`` per record of a book file, columns renamed by ``mapping``."""
    fmt = row_format(path)
    if fmt is RowFormat.PARQUET:
        return _parquet_fields(path, mapping)
    if fmt is RowFormat.JSONL:
        return _jsonl_fields(path, mapping)
    return _csv_fields(path, mapping)


def stored_record(fields: Mapping[str, Any]) -> dict[str, list[str]]:
    """The fields as stored: each non-empty field as a list of texts, sorted keys."""
    return {k: v for k, v in sorted((k, texts(v)) for k, v in fields.items()) if v}


@dataclass
class _Parsed:
    customers: dict[str, Customer]
    bad: list[BadRecord]


def parse_book(path: Path, mapping: Mapping[str, str]) -> _Parsed:
    """Read and check every record; bad records are collected, duplicates refused per record."""
    parsed = _Parsed({}, [])
    lines: dict[str, int] = {}
    for line, fields in read_fields(path, mapping):
        row = book_row(line, fields)
        if isinstance(row, BadRow):
            parsed.bad.append(BadRecord(row.line, row.id, row.reason))
            continue
        cid = row.query.id or ""
        if cid in lines:
            parsed.bad.append(BadRecord(line, cid, f"duplicate id (first on line {lines[cid]})"))
            continue
        lines[cid] = line
        record = stored_record(fields)
        text = canonical_json(record)
        name = row.query.names[0] if row.query.names else ""
        parsed.customers[cid] = Customer(cid, name[:2000], record, text_hash(text))
    return parsed


def _file_sha(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _existing(conn: sa.Connection) -> dict[str, tuple[str, bool]]:
    query = sa.select(customer.c.customer_id, customer.c.content_hash, customer.c.active)
    return {r[0]: (r[1], r[2]) for r in conn.execute(query.execution_options(yield_per=20000))}


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


def import_book(
    engine: sa.Engine, path: Path, mapping: Mapping[str, str], actor: str
) -> BookImport:
    """Store ``path`` as a new book version (see the module docstring)."""
    parsed = parse_book(path, mapping)
    sha = _file_sha(path)
    with engine.begin() as conn:
        existing = _existing(conn)
        added = [c for k, c in parsed.customers.items() if k not in existing]
        changed = [
            c
            for k, c in parsed.customers.items()
            if k in existing and (existing[k][0] != c.content_hash or not existing[k][1])
        ]
        removed = [k for k, (_, active) in existing.items() if active and k not in parsed.customers]
        counts = {
            "records": len(parsed.customers),
            "added": len(added),
            "changed": len(changed),
            "unchanged": len(parsed.customers) - len(added) - len(changed),
            "removed": len(removed),
            "bad_records": len(parsed.bad),
        }
        version = conn.execute(
            book_version.insert().values(
                imported_at=datetime.now(UTC),
                actor=actor,
                source=path.name,
                sha256=sha,
                mapping=canonical_json(dict(mapping)),
                counts=canonical_json(counts),
            )
        ).inserted_primary_key
        assert version is not None
        vid = int(version[0])
        _write(conn, vid, added, changed, removed)
        audit.append(
            conn,
            actor,
            "book.import",
            "book_version",
            vid,
            None,
            {"source": path.name, "sha256": sha, **counts},
        )
    return BookImport(
        book_version_id=vid,
        source=path.name,
        sha256=sha,
        records=counts["records"],
        added=counts["added"],
        changed=counts["changed"],
        unchanged=counts["unchanged"],
        removed=counts["removed"],
        bad_records=tuple(parsed.bad),
    )


def _row(c: Customer, vid: int) -> dict[str, Any]:
    return {
        "customer_id": c.customer_id,
        "name": c.name,
        "record": canonical_json(c.record),
        "content_hash": c.content_hash,
        "book_version_id": vid,
        "active": True,
    }


def _write(
    conn: sa.Connection,
    vid: int,
    added: list[Customer],
    changed: list[Customer],
    removed: list[str],
) -> None:
    for chunk in _chunks([_row(c, vid) for c in added]):
        conn.execute(customer.insert(), chunk)
    update = (
        customer.update()
        .where(customer.c.customer_id == sa.bindparam("cid"))
        .values(
            name=sa.bindparam("name"),
            record=sa.bindparam("record"),
            content_hash=sa.bindparam("content_hash"),
            book_version_id=sa.bindparam("book_version_id"),
            active=True,
        )
    )
    for chunk in _chunks([{**_row(c, vid), "cid": c.customer_id} for c in changed]):
        conn.execute(
            update,
            [{k: v for k, v in r.items() if k not in ("customer_id", "active")} for r in chunk],
        )
    for start in range(0, len(removed), CHUNK):
        part = removed[start : start + CHUNK]
        conn.execute(
            customer.update()
            .where(customer.c.customer_id.in_(part))
            .values(active=False, book_version_id=vid)
        )
    history = [
        {
            "book_version_id": vid,
            "customer_id": c.customer_id,
            "change": change,
            "content_hash": c.content_hash,
            "record": canonical_json(c.record),
        }
        for change, group in (("added", added), ("changed", changed))
        for c in group
    ] + [
        {
            "book_version_id": vid,
            "customer_id": k,
            "change": "removed",
            "content_hash": "",
            "record": "{}",
        }
        for k in removed
    ]
    for chunk in _chunks(history):
        conn.execute(customer_history.insert(), chunk)


def active_customers(conn: sa.Connection) -> Iterator[Customer]:
    """Every active customer of the book, by id."""
    query = (
        sa.select(
            customer.c.customer_id, customer.c.name, customer.c.record, customer.c.content_hash
        )
        .where(customer.c.active.is_(True))
        .order_by(customer.c.customer_id)
        .execution_options(yield_per=20000)
    )
    for r in conn.execute(query):
        yield Customer(r[0], r[1], json.loads(r[2]), r[3])


def active_records(conn: sa.Connection) -> Iterator[tuple[str, str]]:
    """Every active customer's id and stored record (JSON text, not decoded), by id."""
    query = (
        sa.select(customer.c.customer_id, customer.c.record)
        .where(customer.c.active.is_(True))
        .order_by(customer.c.customer_id)
        .execution_options(yield_per=20000)
    )
    for r in conn.execute(query):
        yield r[0], r[1]


def latest_version(conn: sa.Connection) -> int | None:
    return conn.execute(sa.select(sa.func.max(book_version.c.id))).scalar_one_or_none()


def versions(engine: sa.Engine) -> list[BookVersion]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(book_version).order_by(book_version.c.id.desc())).mappings()
        return [
            BookVersion(
                id=r["id"],
                imported_at=r["imported_at"],
                actor=r["actor"],
                source=r["source"],
                sha256=r["sha256"],
                counts=json.loads(r["counts"]),
            )
            for r in rows
        ]


def record_of(engine: sa.Engine, customer_id: str) -> dict[str, Any] | None:
    with engine.connect() as conn:
        text = conn.execute(
            sa.select(customer.c.record).where(customer.c.customer_id == customer_id)
        ).scalar_one_or_none()
    return None if text is None else dict(json.loads(text))
