"""Reading recorded payment decisions for the review pages: filters, findings, listed entities.

A stored decision keeps its findings (rule, severity, field, reason, evidence), not the whole
parsed message, so the parties shown are those a finding points at, with what it read of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sanctionguard.errors import StoreError
from sanctionguard.payments.model import Role
from sanctionguard.payments.rules import RULES
from sanctionguard.store.snapshots import Store
from sanctionguard.web.entities import find_entity

OUTCOMES = ("hold", "block")
RULE_TITLES = {r.id: r.title for r in RULES}
ROLES = frozenset(r.value for r in Role)
# Evidence keys worth showing as "what was read" of a party (the rest is matcher detail).
READ_KEYS = ("bic", "lei", "iban", "account", "country", "party_country", "region", "text")


@dataclass(frozen=True)
class DecisionFilter:
    """The listing's filters as the form sent them, and the query they make (or an error)."""

    outcome: str
    since: str
    until: str
    outcomes: tuple[str, ...]
    since_at: datetime | None
    until_at: datetime | None
    error: str | None


def _day(value: str, field: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{field}: {value.strip()!r} is not a date (YYYY-MM-DD)") from None


def decision_filter(outcome: str, since: str, until: str) -> DecisionFilter:
    """Outcome (hold, block or both) and a day range, ``until`` inclusive, in UTC."""
    chosen = (outcome,) if outcome in OUTCOMES else OUTCOMES
    try:
        first, last = _day(since, "From"), _day(until, "To")
    except ValueError as exc:
        return DecisionFilter(outcome, since, until, chosen, None, None, str(exc))
    start = datetime.combine(first, time(), UTC) if first else None
    end = datetime.combine(last + timedelta(days=1), time(), UTC) if last else None
    error = "From is after To: no day matches." if start and end and start >= end else None
    return DecisionFilter(outcome, since, until, chosen, start, end, error)


@dataclass(frozen=True)
class ListedLink:
    """A listed entity a finding cites: its page when it is in the decision's snapshot."""

    entity_id: str
    caption: str | None  # None: not in that snapshot (no page to link to)


@dataclass(frozen=True)
class FindingView:
    rule: str
    title: str
    severity: str
    field: str | None
    party: str | None  # the role the finding is about (Dbtr, IntrmyAgt1...), when it names one
    reason: str
    listed: tuple[ListedLink, ...]
    score: float | None


@dataclass(frozen=True)
class PartyView:
    """A party or field a finding points at, with what was read of it and the rules that fired."""

    party: str | None
    field: str
    read: tuple[str, ...]
    rules: tuple[str, ...]


def listed_ids(evidence: dict[str, Any]) -> list[str]:
    """Entity ids a finding's evidence cites (``entity_id`` of a name match, ``listed`` of an
    identifier or text hit, one id or several)."""
    found: list[str] = []
    for key in ("entity_id", "listed"):
        value = evidence.get(key)
        values = value if isinstance(value, list) else [value]
        found.extend(str(v) for v in values if isinstance(v, str) and v)
    return list(dict.fromkeys(found))


def _party(reason: str) -> str | None:
    head = reason.split(" ", 1)[0]
    return head if head in ROLES else None


def finding_views(
    store: Store, snapshot_id: int | None, findings: list[dict[str, Any]]
) -> list[FindingView]:
    """The findings strongest first, each cited entity looked up once in the decision's
    snapshot (or the current one when the decision names none)."""
    try:
        snap: int | None = snapshot_id if snapshot_id is not None else store.resolve("current")
    except StoreError:  # no snapshot at all: cited entities are named, not linked
        snap = None
    captions: dict[str, str | None] = {}
    views = []
    for f in findings:
        evidence = f.get("evidence") or {}
        links = []
        for entity_id in listed_ids(evidence):
            if entity_id not in captions:
                found = find_entity(store, snap, entity_id) if snap is not None else None
                captions[entity_id] = found.caption if found else None
            links.append(ListedLink(entity_id, captions[entity_id]))
        score = evidence.get("score")
        views.append(
            FindingView(
                rule=str(f.get("rule", "")),
                title=RULE_TITLES.get(str(f.get("rule", "")), ""),
                severity=str(f.get("severity", "")),
                field=f.get("field"),
                party=_party(str(f.get("reason", ""))),
                reason=str(f.get("reason", "")),
                listed=tuple(links),
                score=float(score) if isinstance(score, int | float) else None,
            )
        )
    order = {"critical": 0, "high": 1, "medium": 2, "low": 3}
    return sorted(views, key=lambda v: order.get(v.severity, 4))


def _read(evidence: dict[str, Any]) -> list[str]:
    read = [f"{k.replace('_', ' ')} {evidence[k]}" for k in READ_KEYS if evidence.get(k)]
    name = (evidence.get("explanation") or {}).get("name") or {}
    if name.get("query"):
        read.insert(0, f"name {name['query']}")
    return read


def party_views(findings: list[dict[str, Any]]) -> list[PartyView]:
    """One row per field the findings point at, in the order they first appear."""
    rows: dict[str, tuple[str | None, list[str], list[str]]] = {}
    for f in findings:
        field = f.get("field") or "whole message"
        _, read, rules = rows.setdefault(field, (_party(str(f.get("reason", ""))), [], []))
        read.extend(x for x in _read(f.get("evidence") or {}) if x not in read)
        if f.get("rule") not in rules:
            rules.append(str(f.get("rule")))
    return [PartyView(p, field, tuple(r), tuple(u)) for field, (p, r, u) in rows.items()]
