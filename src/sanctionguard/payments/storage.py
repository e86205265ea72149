"""Stored payment decisions: every held or blocked message with its reasons, for review pages.

One table (``payment_decision``, migration 0005) on SQLite and PostgreSQL. ``record`` writes a
batch in one transaction; ``listing`` reads the newest first, optionally by outcome.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

metadata = sa.MetaData()

payment_decision = sa.Table(
    "payment_decision",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("screened_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("snapshot_id", sa.Integer),
    sa.Column("message", sa.String(500), nullable=False),
    sa.Column("format", sa.String(40)),
    sa.Column("reference", sa.String(255)),
    sa.Column("uetr", sa.String(64)),
    sa.Column("outcome", sa.String(10), nullable=False),
    sa.Column("reasons", sa.JSON, nullable=False),
    sa.Column("record", sa.Text, nullable=False),  # PaymentDecision.to_json()
    sa.Index("ix_payment_decision_outcome", "outcome", "id"),
    sa.Index("ix_payment_decision_uetr", "uetr"),
)


@dataclass(frozen=True)
class StoredDecision:
    """A recorded decision as review pages show it."""

    id: int
    screened_at: datetime
    outcome: str
    message: str
    reference: str | None
    uetr: str | None
    reasons: list[str]
    record: dict[str, Any]


def record(engine: sa.Engine, decisions: Iterable[Any], now: datetime | None = None) -> int:
    """Store decisions (``PaymentDecision``) in one transaction; returns how many."""
    at = now or datetime.now(UTC)
    rows = [
        {
            "screened_at": at,
            "snapshot_id": d.snapshot_id,
            "message": d.message[:500],
            "format": (d.format or "")[:40] or None,
            "reference": (d.reference or "")[:255] or None,
            "uetr": d.uetr,
            "outcome": d.outcome.value,
            "reasons": d.reasons,
            "record": d.to_json(),
        }
        for d in decisions
    ]
    if rows:
        with engine.begin() as conn:
            conn.execute(payment_decision.insert(), rows)
    return len(rows)


def listing(
    engine: sa.Engine, outcomes: tuple[str, ...] = ("hold", "block"), limit: int = 100
) -> list[StoredDecision]:
    """Recorded decisions with these outcomes, newest first."""
    query = (
        sa.select(payment_decision)
        .where(payment_decision.c.outcome.in_(outcomes))
        .order_by(payment_decision.c.id.desc())
        .limit(limit)
    )
    with engine.connect() as conn:
        return [
            StoredDecision(
                id=r.id,
                screened_at=r.screened_at,
                outcome=r.outcome,
                message=r.message,
                reference=r.reference,
                uetr=r.uetr,
                reasons=list(r.reasons),
                record=json.loads(r.record),
            )
            for r in conn.execute(query)
        ]


def _stored(row: sa.Row[Any]) -> StoredDecision:
    return StoredDecision(
        id=row.id,
        screened_at=row.screened_at,
        outcome=row.outcome,
        message=row.message,
        reference=row.reference,
        uetr=row.uetr,
        reasons=list(row.reasons),
        record=json.loads(row.record),
    )


def search(
    engine: sa.Engine,
    outcomes: tuple[str, ...] = ("hold", "block"),
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[StoredDecision]:
    """Recorded decisions with these outcomes screened in ``[since, until)``, newest first
    (read-only; for review pages that filter by date and page through)."""
    query = sa.select(payment_decision).where(payment_decision.c.outcome.in_(outcomes))
    if since is not None:
        query = query.where(payment_decision.c.screened_at >= since)
    if until is not None:
        query = query.where(payment_decision.c.screened_at < until)
    query = query.order_by(payment_decision.c.id.desc()).limit(limit).offset(offset)
    with engine.connect() as conn:
        return [_stored(r) for r in conn.execute(query)]


def get(engine: sa.Engine, decision_id: int) -> StoredDecision | None:
    """One recorded decision by its id, or None."""
    query = sa.select(payment_decision).where(payment_decision.c.id == decision_id)
    with engine.connect() as conn:
        row = conn.execute(query).first()
    return None if row is None else _stored(row)
