"""Alerts: the queue, one alert's detail and history, assignment, comments and status moves.

Statuses run open → in_review → escalated → closed; ``closed`` is reached only through an
approved decision (``decisions.py``). Every change writes an alert event and an audit row in
the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from sanctionguard.cases import audit, users
from sanctionguard.cases.tables import alert, alert_event, decision
from sanctionguard.cases.views import (
    AlertDetail,
    AlertEvent,
    AlertOrder,
    AlertStatus,
    AlertView,
    CaseError,
    DecisionView,
    InvalidTransitionError,
    NotFoundError,
)

WORKABLE = ("open", "in_review", "escalated")


def _view(r: Any, pending: int | None) -> AlertView:
    return AlertView(
        id=r.id,
        customer_id=r.customer_id,
        customer_name=r.customer_name,
        entity_id=r.entity_id,
        list_name=r.list_name,
        caption=r.caption,
        schema=r.schema,
        lists=tuple(json.loads(r.lists)),
        source_ids=tuple(json.loads(r.source_ids)),
        score=r.score,
        status=r.status,
        outcome=r.outcome,
        assignee=r.assignee,
        created_at=r.created_at,
        updated_at=r.updated_at,
        run_id=r.run_id,
        delisted=r.delisted,
        pending_decision_id=pending,
        suppressed_by=r.suppressed_by,
    )


def _pending(conn: sa.Connection, ids: Sequence[int]) -> dict[int, int]:
    if not ids:
        return {}
    query = sa.select(decision.c.alert_id, decision.c.id).where(
        decision.c.alert_id.in_(list(ids)), decision.c.state == "pending"
    )
    return {r[0]: r[1] for r in conn.execute(query)}


def _filtered(
    status: AlertStatus | None,
    assignee: str | None,
    run_id: int | None,
    customer_id: str | None,
) -> list[sa.ColumnElement[bool]]:
    where: list[sa.ColumnElement[bool]] = []
    if status is not None:
        where.append(alert.c.status == status)
    if assignee is not None:
        where.append(alert.c.assignee == assignee)
    if run_id is not None:
        where.append(sa.or_(alert.c.run_id == run_id, alert.c.last_run_id == run_id))
    if customer_id is not None:
        where.append(alert.c.customer_id == customer_id)
    return where


def listing(
    engine: sa.Engine,
    status: AlertStatus | None,
    assignee: str | None,
    order: AlertOrder,
    limit: int,
    offset: int,
    run_id: int | None = None,
    customer_id: str | None = None,
) -> list[AlertView]:
    if order not in ("score", "age"):
        raise CaseError(f"unknown order {order!r}: use score or age")
    sort = (
        (alert.c.score.desc(), alert.c.id) if order == "score" else (alert.c.created_at, alert.c.id)
    )
    query = (
        sa.select(alert)
        .where(*_filtered(status, assignee, run_id, customer_id))
        .order_by(*sort)
        .limit(limit)
        .offset(offset)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
        pending = _pending(conn, [r.id for r in rows])
    return [_view(r, pending.get(r.id)) for r in rows]


def count(engine: sa.Engine, status: AlertStatus | None, assignee: str | None) -> int:
    query = (
        sa.select(sa.func.count())
        .select_from(alert)
        .where(*_filtered(status, assignee, None, None))
    )
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def _row(conn: sa.Connection, alert_id: int) -> Any:
    r = conn.execute(sa.select(alert).where(alert.c.id == alert_id)).first()
    if r is None:
        raise NotFoundError(f"no alert {alert_id}")
    return r


def decision_view(r: Any) -> DecisionView:
    return DecisionView(
        id=r.id,
        alert_id=r.alert_id,
        outcome=r.outcome,
        reason=r.reason,
        state=r.state,
        proposed_by=r.proposed_by,
        proposed_at=r.proposed_at,
        reviewed_by=r.reviewed_by,
        reviewed_at=r.reviewed_at,
        review_reason=r.review_reason,
    )


def detail(engine: sa.Engine, alert_id: int) -> AlertDetail:
    with engine.connect() as conn:
        r = _row(conn, alert_id)
        events = conn.execute(
            sa.select(alert_event)
            .where(alert_event.c.alert_id == alert_id)
            .order_by(alert_event.c.id)
        ).all()
        decisions = conn.execute(
            sa.select(decision).where(decision.c.alert_id == alert_id).order_by(decision.c.id)
        ).all()
    views = [decision_view(d) for d in decisions]
    pending = next((d.id for d in views if d.state == "pending"), None)
    return AlertDetail(
        alert=_view(r, pending),
        customer=json.loads(r.customer_record),
        entity=json.loads(r.entity_record),
        snapshot_id=r.snapshot_id,
        explanation=json.loads(r.explanation),
        history=tuple(
            AlertEvent(e.id, e.alert_id, e.at, e.actor, e.kind, e.text, json.loads(e.data))
            for e in events
        ),
        decisions=tuple(views),
    )


def event(
    conn: sa.Connection,
    alert_id: int,
    actor: str,
    kind: str,
    text: str,
    data: dict[str, Any] | None = None,
) -> AlertEvent:
    now = datetime.now(UTC)
    payload = json.dumps(data or {}, ensure_ascii=False, sort_keys=True)
    key = conn.execute(
        alert_event.insert().values(
            alert_id=alert_id, at=now, actor=actor, kind=kind, text=text, data=payload
        )
    ).inserted_primary_key
    assert key is not None
    return AlertEvent(int(key[0]), alert_id, now, actor, kind, text, data or {})


def update(conn: sa.Connection, alert_id: int, **values: Any) -> None:
    conn.execute(
        alert.update().where(alert.c.id == alert_id).values(updated_at=datetime.now(UTC), **values)
    )


def assign(engine: sa.Engine, alert_ids: Sequence[int], assignee: str | None, actor: str) -> None:
    with engine.begin() as conn:
        users.require(conn, actor, "analyst")
        if assignee is not None:
            target = users.find(conn, assignee)
            if target is None or not target.active:
                raise CaseError(f"cannot assign to {assignee!r}: no active user of that name")
            if target.role == "viewer":
                raise CaseError(f"cannot assign to {assignee}: viewers cannot work alerts")
        for alert_id in alert_ids:
            r = _row(conn, alert_id)
            update(conn, alert_id, assignee=assignee)
            event(
                conn,
                alert_id,
                actor,
                "assign",
                f"assigned to {assignee or 'nobody'}",
                {"assignee": assignee},
            )
            audit.append(
                conn,
                actor,
                "alert.assign",
                "alert",
                alert_id,
                {"assignee": r.assignee},
                {"assignee": assignee},
            )


def comment(engine: sa.Engine, alert_id: int, text: str, actor: str) -> AlertEvent:
    body = text.strip()
    if not body:
        raise CaseError("an empty comment says nothing: write the comment text")
    with engine.begin() as conn:
        users.require(conn, actor, "analyst")
        _row(conn, alert_id)
        made = event(conn, alert_id, actor, "comment", body)
        audit.append(conn, actor, "alert.comment", "alert", alert_id, None, {"comment": body})
    return made


def move(
    engine: sa.Engine,
    alert_id: int,
    actor: str,
    target: AlertStatus,
    allowed: Sequence[str],
    reason: str = "",
) -> AlertView:
    """Move an alert to ``target`` if its status is one of ``allowed``."""
    with engine.begin() as conn:
        users.require(conn, actor, "analyst")
        r = _row(conn, alert_id)
        if r.status not in allowed:
            raise InvalidTransitionError(
                f"alert {alert_id} is {r.status}; it can become {target} "
                f"only from {' or '.join(allowed)}"
            )
        update(conn, alert_id, status=target)
        text = f"{r.status} → {target}" + (f": {reason.strip()}" if reason.strip() else "")
        event(conn, alert_id, actor, "status", text, {"from": r.status, "to": target})
        audit.append(
            conn,
            actor,
            f"alert.{target}",
            "alert",
            alert_id,
            {"status": r.status},
            {"status": target, "reason": reason},
        )
    return listing_one(engine, alert_id)


def listing_one(engine: sa.Engine, alert_id: int) -> AlertView:
    with engine.connect() as conn:
        r = _row(conn, alert_id)
        return _view(r, _pending(conn, [alert_id]).get(alert_id))


def row(conn: sa.Connection, alert_id: int) -> Any:
    """The alert's row, or ``NotFoundError``."""
    return _row(conn, alert_id)
