"""The plain, frozen values the case service returns, and the errors it raises.

These are the contract with the CLI and the web UI: no SQLAlchemy rows leak out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, TypeVar

from sanctionguard.errors import SanctionguardError

Role = Literal["viewer", "analyst", "approver", "admin"]
ROLES: tuple[Role, ...] = ("viewer", "analyst", "approver", "admin")

AlertStatus = Literal["open", "in_review", "escalated", "closed", "suppressed"]
ALERT_STATUSES: tuple[AlertStatus, ...] = ("open", "in_review", "escalated", "closed", "suppressed")

Outcome = Literal["true_match", "false_positive"]
OUTCOMES: tuple[Outcome, ...] = ("true_match", "false_positive")

DecisionState = Literal["pending", "approved", "rejected"]
RunMode = Literal["full", "delta"]
AlertOrder = Literal["score", "age"]


class CaseError(SanctionguardError):
    """A case operation that cannot be done as asked; the message says why."""


class NotFoundError(CaseError):
    """No user, alert, decision, run or allowlist entry with that id."""


class PermissionDeniedError(CaseError):
    """The actor's role does not allow the action (or it is their own decision)."""


class InvalidTransitionError(CaseError):
    """The alert or decision is not in a state that allows the action."""


@dataclass(frozen=True)
class User:
    """A user of the case system. ``active`` is False once disabled (cannot log in)."""

    id: int
    username: str
    role: Role
    active: bool
    created_at: datetime


@dataclass(frozen=True)
class BadRecord:
    """A book record that was not imported: its line (row for Parquet), id if known, why."""

    line: int
    id: str | None
    reason: str


@dataclass(frozen=True)
class BookImport:
    """The outcome of importing a customer book file as a new book version."""

    book_version_id: int
    source: str  # file name
    sha256: str
    records: int  # good records read
    added: int
    changed: int
    unchanged: int
    removed: int  # customers of the previous version absent from this file
    bad_records: tuple[BadRecord, ...]


@dataclass(frozen=True)
class BookVersion:
    id: int
    imported_at: datetime
    actor: str
    source: str
    sha256: str
    counts: dict[str, int]


@dataclass(frozen=True)
class RunSummary:
    """One recorded screening run: who, when, against what, and its counts."""

    id: int
    mode: RunMode
    actor: str
    started_at: datetime
    finished_at: datetime
    snapshot_id: int
    base_snapshot_id: int | None  # for delta runs: the snapshot of the previous run
    threshold: float
    book_version_id: int
    customers: int  # customers screened
    entities: int  # listed entities screened against (delta: added + changed)
    no_hit: int  # customers without any hit
    hits: int  # customer–entity hits at or above the threshold
    new_alerts: int
    suppressed: int  # hits suppressed by the allowlist (recorded, not alerted)
    delisted: int  # alerts flagged because their entity left the lists
    errors: int  # customers that could not be screened
    candidates: int = 0  # customers run through the full matcher (delta: the key filter's pick)


@dataclass(frozen=True)
class CustomerHit:
    """One customer's outcome in a run (the audit record of "no hit" too)."""

    run_id: int
    customer_id: str
    outcome: Literal["no_hit", "hit", "suppressed", "error"]
    hits: int
    detail: str | None


@dataclass(frozen=True)
class AlertView:
    """One alert as a row of the queue."""

    id: int
    customer_id: str
    customer_name: str
    entity_id: str
    list_name: str
    caption: str
    schema: str
    lists: tuple[str, ...]
    source_ids: tuple[str, ...]
    score: float
    status: AlertStatus
    outcome: Outcome | None  # set when closed
    assignee: str | None
    created_at: datetime
    updated_at: datetime
    run_id: int  # the run that raised it
    delisted: bool  # the listed entity was removed from the lists since
    pending_decision_id: int | None  # a proposed decision awaiting four-eyes approval
    suppressed_by: int | None  # allowlist entry id, for status "suppressed"


@dataclass(frozen=True)
class AlertEvent:
    """One entry of an alert's history: a comment, assignment, status change, decision…"""

    id: int
    alert_id: int
    at: datetime
    actor: str
    kind: str  # comment / assign / status / proposed / approved / rejected / hit / delisted
    text: str
    data: dict[str, Any]


@dataclass(frozen=True)
class DecisionView:
    id: int
    alert_id: int
    outcome: Outcome
    reason: str
    state: DecisionState
    proposed_by: str
    proposed_at: datetime
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_reason: str | None


@dataclass(frozen=True)
class AlertDetail:
    """Everything an analyst needs on one alert.

    ``customer`` is the customer's stored record (book fields); ``entity`` the listed
    entity's stored record (``ListEntry.to_record()``) as of the alerting snapshot;
    ``explanation`` is ``MatchResult.explanation()``: features and the name with token
    alignment (``{"features": [...], "name": {"query", "listed", "kind", "similarity",
    "tokens": [{"query", "listed", "similarity", "weight"}]}}``).
    """

    alert: AlertView
    customer: dict[str, Any]
    entity: dict[str, Any]
    snapshot_id: int
    explanation: dict[str, Any]
    history: tuple[AlertEvent, ...]
    decisions: tuple[DecisionView, ...]


@dataclass(frozen=True)
class AllowlistEntry:
    """A confirmed false positive suppressing one customer–entity pair while both are unchanged."""

    id: int
    customer_id: str
    list_name: str
    entity_id: str
    customer_hash: str
    entity_hash: str
    decision_id: int
    created_at: datetime
    expires_at: datetime | None
    active: bool  # False once revoked; expiry is checked against the clock separately


@dataclass(frozen=True)
class AuditRow:
    """One audit log row; ``hash`` chains ``prev_hash`` and this row's content."""

    id: int
    at: str  # ISO 8601 UTC, exactly as hashed
    actor: str
    action: str
    object_type: str
    object_id: str
    before: Any
    after: Any
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class AuditCheck:
    """The result of verifying the audit chain; ``first_broken_id`` names the first bad row."""

    ok: bool
    rows_checked: int
    first_broken_id: int | None
    reason: str | None


_Choice = TypeVar("_Choice", bound=str)


def check_choice(field: str, value: str, choices: tuple[_Choice, ...]) -> _Choice:
    """``value`` as one of ``choices``, or a ``CaseError`` naming the field and the choices."""
    for choice in choices:
        if choice == value:
            return choice
    raise CaseError(f"{field} {value!r} is not one of {', '.join(choices)}")
