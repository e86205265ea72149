"""The append-only, hash-chained audit log: writing a row inside the caller's transaction,
and verifying the chain.

Each row's hash is SHA-256 over the previous row's hash and this row's canonical content, so
editing, deleting or reordering any row breaks the chain at that row. Appends serialise on
PostgreSQL with a transaction-scoped advisory lock (SQLite has a single writer anyway).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from sanctionguard.cases.tables import audit_log
from sanctionguard.cases.views import AuditCheck, AuditRow
from sanctionguard.model.entry import canonical_json

GENESIS = "0" * 64
_LOCK_KEY = 0x5A6E_0003  # advisory lock id for audit appends on PostgreSQL


def _json(value: Any) -> str:
    return canonical_json({"v": value})[5:-1]


def row_hash(
    prev_hash: str,
    at: str,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    before: str,
    after: str,
) -> str:
    """The hash of one row given the previous row's hash (all fields as stored)."""
    content = json.dumps(
        [prev_hash, at, actor, action, object_type, object_id, before, after],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def append(
    conn: sa.Connection,
    actor: str,
    action: str,
    object_type: str,
    object_id: str | int,
    before: Any,
    after: Any,
) -> int:
    """Append one audit row in the caller's transaction; returns its id."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
    prev = conn.execute(
        sa.select(audit_log.c.hash).order_by(audit_log.c.id.desc()).limit(1)
    ).scalar_one_or_none()
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    fields = (at, actor, action, object_type, str(object_id), _json(before), _json(after))
    digest = row_hash(prev or GENESIS, *fields)
    result = conn.execute(
        audit_log.insert().values(
            at=fields[0],
            actor=fields[1],
            action=fields[2],
            object_type=fields[3],
            object_id=fields[4],
            before=fields[5],
            after=fields[6],
            prev_hash=prev or GENESIS,
            hash=digest,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _rows(conn: sa.Connection, limit: int | None = None, offset: int = 0) -> Iterator[AuditRow]:
    query = sa.select(audit_log).order_by(audit_log.c.id).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    for r in conn.execute(query.execution_options(yield_per=2000)).mappings():
        yield AuditRow(
            id=r["id"],
            at=r["at"],
            actor=r["actor"],
            action=r["action"],
            object_type=r["object_type"],
            object_id=r["object_id"],
            before=json.loads(r["before"]),
            after=json.loads(r["after"]),
            prev_hash=r["prev_hash"],
            hash=r["hash"],
        )


def rows(engine: sa.Engine, limit: int | None = None, offset: int = 0) -> list[AuditRow]:
    with engine.connect() as conn:
        return list(_rows(conn, limit, offset))


def iter_raw(engine: sa.Engine) -> Iterator[dict[str, Any]]:
    """Every row exactly as stored, oldest first (for export and verification)."""
    with engine.connect() as conn:
        query = sa.select(audit_log).order_by(audit_log.c.id).execution_options(yield_per=2000)
        for r in conn.execute(query).mappings():
            yield dict(r)


def verify(engine: sa.Engine) -> AuditCheck:
    """Walk the chain from the first row; stop at the first row that does not verify."""
    prev = GENESIS
    checked = 0
    for r in iter_raw(engine):
        checked += 1
        if r["prev_hash"] != prev:
            return AuditCheck(
                False,
                checked,
                r["id"],
                "its previous-hash link does not match the row before it "
                "(a row was deleted, inserted or reordered)",
            )
        expected = row_hash(
            prev,
            r["at"],
            r["actor"],
            r["action"],
            r["object_type"],
            r["object_id"],
            r["before"],
            r["after"],
        )
        if expected != r["hash"]:
            return AuditCheck(
                False, checked, r["id"], "its content does not match its hash (it was edited)"
            )
        prev = r["hash"]
    return AuditCheck(True, checked, None, None)
