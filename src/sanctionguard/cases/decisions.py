"""Four-eyes decisions: an analyst proposes closing an alert, a different approver confirms.

The alert closes only when the decision is approved; a confirmed false positive puts the
customer–entity pair on the allowlist. Proposal, approval and rejection are each one
transaction with their alert events and audit rows: never half-written.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from sanctionguard.cases import alerts, audit, users
from sanctionguard.cases.tables import allowlist_entry, decision
from sanctionguard.cases.views import (
    OUTCOMES,
    AllowlistEntry,
    CaseError,
    DecisionState,
    DecisionView,
    InvalidTransitionError,
    NotFoundError,
    Outcome,
    PermissionDeniedError,
)


def _decision(conn: sa.Connection, decision_id: int, lock: bool = False) -> Any:
    query = sa.select(decision).where(decision.c.id == decision_id)
    # Row lock on PostgreSQL: two approvers approving at once cannot both see "pending".
    r = conn.execute(query.with_for_update() if lock else query).first()
    if r is None:
        raise NotFoundError(f"no decision {decision_id}")
    return r


def propose(engine: sa.Engine, alert_id: int, outcome: Outcome, reason: str, actor: str) -> int:
    if outcome not in OUTCOMES:
        raise CaseError(f"unknown outcome {outcome!r}: use {' or '.join(OUTCOMES)}")
    if not reason.strip():
        raise CaseError("a decision needs a reason an auditor can read")
    with engine.begin() as conn:
        users.require(conn, actor, "analyst")
        r = alerts.row(conn, alert_id)
        if r.status not in alerts.WORKABLE:
            raise InvalidTransitionError(f"alert {alert_id} is {r.status}: nothing to decide")
        pending = conn.execute(
            sa.select(decision.c.id).where(
                decision.c.alert_id == alert_id, decision.c.state == "pending"
            )
        ).scalar_one_or_none()
        if pending is not None:
            raise InvalidTransitionError(
                f"alert {alert_id} already has decision {pending} awaiting approval"
            )
        now = datetime.now(UTC)
        key = conn.execute(
            decision.insert().values(
                alert_id=alert_id,
                outcome=outcome,
                reason=reason.strip(),
                state="pending",
                proposed_by=actor,
                proposed_at=now,
            )
        ).inserted_primary_key
        assert key is not None
        decision_id = int(key[0])
        alerts.event(
            conn,
            alert_id,
            actor,
            "proposed",
            f"proposed {outcome}: {reason.strip()}",
            {"decision": decision_id},
        )
        audit.append(
            conn,
            actor,
            "decision.propose",
            "decision",
            decision_id,
            None,
            {
                "alert_id": alert_id,
                "outcome": outcome,
                "reason": reason.strip(),
                "state": "pending",
            },
        )
    return decision_id


def _review(conn: sa.Connection, decision_id: int, actor: str) -> Any:
    users.require(conn, actor, "approver")
    d = _decision(conn, decision_id, lock=True)
    if d.state != "pending":
        raise InvalidTransitionError(f"decision {decision_id} is already {d.state}")
    if d.proposed_by == actor:
        raise PermissionDeniedError(
            f"{actor} proposed decision {decision_id}: a second person must approve or reject it"
        )
    return d


def approve(
    engine: sa.Engine, decision_id: int, actor: str, allowlist_days: int | None
) -> DecisionView:
    with engine.begin() as conn:
        d = _review(conn, decision_id, actor)
        a = alerts.row(conn, d.alert_id)
        now = datetime.now(UTC)
        conn.execute(
            decision.update()
            .where(decision.c.id == decision_id)
            .values(state="approved", reviewed_by=actor, reviewed_at=now)
        )
        alerts.update(conn, d.alert_id, status="closed", outcome=d.outcome)
        alerts.event(
            conn,
            d.alert_id,
            actor,
            "approved",
            f"approved {d.outcome} (decision {decision_id}); alert closed",
            {"decision": decision_id},
        )
        after: dict[str, Any] = {
            "state": "approved",
            "alert_status": "closed",
            "outcome": d.outcome,
        }
        if d.outcome == "false_positive":
            expires = None if allowlist_days is None else now + timedelta(days=allowlist_days)
            key = conn.execute(
                allowlist_entry.insert().values(
                    customer_id=a.customer_id,
                    list_name=a.list_name,
                    entity_id=a.entity_id,
                    customer_hash=a.customer_hash,
                    entity_hash=a.entity_hash,
                    decision_id=decision_id,
                    created_at=now,
                    expires_at=expires,
                    active=True,
                )
            ).inserted_primary_key
            assert key is not None
            after["allowlist_entry"] = int(key[0])
        audit.append(
            conn,
            actor,
            "decision.approve",
            "decision",
            decision_id,
            {"state": "pending", "alert_status": a.status},
            after,
        )
        return alerts.decision_view(_decision(conn, decision_id))


def reject(engine: sa.Engine, decision_id: int, reason: str, actor: str) -> DecisionView:
    if not reason.strip():
        raise CaseError("say why the decision is rejected")
    with engine.begin() as conn:
        d = _review(conn, decision_id, actor)
        now = datetime.now(UTC)
        conn.execute(
            decision.update()
            .where(decision.c.id == decision_id)
            .values(
                state="rejected", reviewed_by=actor, reviewed_at=now, review_reason=reason.strip()
            )
        )
        alerts.event(
            conn,
            d.alert_id,
            actor,
            "rejected",
            f"rejected decision {decision_id}: {reason.strip()}",
            {"decision": decision_id},
        )
        audit.append(
            conn,
            actor,
            "decision.reject",
            "decision",
            decision_id,
            {"state": "pending"},
            {"state": "rejected", "reason": reason.strip()},
        )
        return alerts.decision_view(_decision(conn, decision_id))


def listing(engine: sa.Engine, state: DecisionState | None) -> list[DecisionView]:
    query = sa.select(decision).order_by(decision.c.id)
    if state is not None:
        query = query.where(decision.c.state == state)
    with engine.connect() as conn:
        return [alerts.decision_view(r) for r in conn.execute(query)]


def one(engine: sa.Engine, decision_id: int) -> DecisionView:
    with engine.connect() as conn:
        return alerts.decision_view(_decision(conn, decision_id))


def _entry(r: Any) -> AllowlistEntry:
    return AllowlistEntry(
        id=r.id,
        customer_id=r.customer_id,
        list_name=r.list_name,
        entity_id=r.entity_id,
        customer_hash=r.customer_hash,
        entity_hash=r.entity_hash,
        decision_id=r.decision_id,
        created_at=r.created_at,
        expires_at=r.expires_at,
        active=r.active,
    )


def allowlist(engine: sa.Engine, include_inactive: bool) -> list[AllowlistEntry]:
    query = sa.select(allowlist_entry).order_by(allowlist_entry.c.id)
    if not include_inactive:
        query = query.where(allowlist_entry.c.active.is_(True))
    with engine.connect() as conn:
        return [_entry(r) for r in conn.execute(query)]


def revoke(engine: sa.Engine, entry_id: int, actor: str) -> None:
    with engine.begin() as conn:
        users.require(conn, actor, "approver")
        r = conn.execute(sa.select(allowlist_entry).where(allowlist_entry.c.id == entry_id)).first()
        if r is None:
            raise NotFoundError(f"no allowlist entry {entry_id}")
        conn.execute(
            allowlist_entry.update().where(allowlist_entry.c.id == entry_id).values(active=False)
        )
        audit.append(
            conn,
            actor,
            "allowlist.revoke",
            "allowlist_entry",
            entry_id,
            {"active": r.active},
            {"active": False},
        )
