"""``CaseService``: the one entry point of the case system for the CLI and the web UI.

Every method is one database transaction, writes its audit rows in that transaction, and
checks the actor's role. Actors are usernames of ``User`` rows; automated runs may act as
``system:<name>`` (allowed only for importing and screening, never for decisions).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sanctionguard.cases import alerts, audit, book, decisions, exports, runs, users
from sanctionguard.cases.runs import Progress
from sanctionguard.cases.views import (
    AlertDetail,
    AlertEvent,
    AlertOrder,
    AlertStatus,
    AlertView,
    AllowlistEntry,
    AuditCheck,
    AuditRow,
    BookImport,
    BookVersion,
    CustomerHit,
    DecisionState,
    DecisionView,
    Outcome,
    Role,
    RunMode,
    RunSummary,
    User,
)
from sanctionguard.store.snapshots import Store

if TYPE_CHECKING:
    from sanctionguard.match.screener import Screener
    from sanctionguard.settings import Settings

SYSTEM_PREFIX = users.SYSTEM_PREFIX


@dataclass(frozen=True)
class CaseSettings:
    """How the case system behaves; built at the edge and passed in."""

    threshold: float = 0.70  # default screening threshold of recorded runs
    allowlist_days: int | None = 365  # a confirmed false positive suppresses for this long
    workers: int = 2  # processes screening a full run
    cache_dir: Path | None = None  # compiled index cache for full runs
    hashing: users.PasswordHashing = field(default_factory=users.PasswordHashing)


class CaseService:
    """Customer book, runs, alerts, decisions, allowlist, users and audit over one store."""

    def __init__(self, store: Store, settings: CaseSettings | None = None) -> None:
        self.store = store
        self.settings = settings or CaseSettings()

    # -- users -------------------------------------------------------------------------------

    def create_user(self, username: str, password: str, role: Role, actor: str) -> User:
        """Create a user (argon2-hashed password). The actor must be an admin, except for the
        very first user of an empty database, who may be created by ``system:*`` actors."""
        with self.store.engine.begin() as conn:
            return users.create(conn, username, password, role, actor, self.settings.hashing)

    def authenticate(self, username: str, password: str) -> User | None:
        """The active user with that username and password, else ``None`` (never raises for a
        wrong password; rehashes when argon2 parameters changed). Throttling is the caller's."""
        return users.authenticate(self.store.engine, username, password, self.settings.hashing)

    def get_user(self, username: str) -> User | None:
        return users.get(self.store.engine, username)

    def user_by_id(self, user_id: int) -> User | None:
        return users.by_id(self.store.engine, user_id)

    def list_users(self) -> list[User]:
        return users.all_users(self.store.engine)

    def set_role(self, username: str, role: Role, actor: str) -> User:
        """Change a user's role (admin only)."""
        with self.store.engine.begin() as conn:
            return users.update(conn, username, actor, "user.role", role=users.check_role(role))

    def disable_user(self, username: str, actor: str) -> User:
        """Disable a user (admin only): they can no longer authenticate."""
        with self.store.engine.begin() as conn:
            return users.update(conn, username, actor, "user.disable", active=False)

    def set_password(self, username: str, password: str, actor: str) -> None:
        """Set a password (admin, or the user themself)."""
        with self.store.engine.begin() as conn:
            users.set_password(conn, username, password, actor, self.settings.hashing)

    # -- book and runs -----------------------------------------------------------------------

    def import_book(
        self, path: Path, mapping: Mapping[str, str] | None = None, actor: str = "system:cli"
    ) -> BookImport:
        """Import a customer book (CSV, JSONL, Parquet) as a new book version.

        ``mapping`` renames the file's columns to book fields (``{"Client No": "id",
        "Full name": "name", "DOB": "birth_date"}``). Raises ``ListFormatError`` when the file
        cannot be read; records that cannot be screened are returned in ``bad_records``.
        """
        with self.store.engine.connect() as conn:
            users.require(conn, actor, "analyst", system_ok=True)
        return book.import_book(self.store.engine, Path(path), dict(mapping or {}), actor)

    def book_versions(self) -> list[BookVersion]:
        return book.versions(self.store.engine)

    def customer(self, customer_id: str) -> dict[str, object] | None:
        """The current stored record of a customer (book fields), or ``None``."""
        return book.record_of(self.store.engine, customer_id)

    def screen_book(
        self,
        screener: Screener | None,
        actor: str,
        threshold: float | None = None,
        mode: RunMode = "full",
        progress: Progress | None = None,
        since: int | None = None,
    ) -> RunSummary:
        """Screen the book against the current snapshot as one recorded run (all or nothing).

        ``full`` screens every customer with ``screener`` (built over the current snapshot when
        ``None``). ``delta`` screens every customer only against entities added or changed since
        the previous run's snapshot (``screener`` then only lends its token rarities) and flags
        alerts whose entity was removed; with no previous run it falls back to ``full``.
        ``since`` (delta only) compares with that snapshot instead of the last run's.
        """
        return runs.run(
            self.store,
            screener,
            actor,
            self.settings.threshold if threshold is None else threshold,
            mode,
            workers=self.settings.workers,
            cache_dir=self.settings.cache_dir,
            progress=progress,
            since=since,
        )

    def runs(self, limit: int = 100) -> list[RunSummary]:
        """Recorded runs, newest first."""
        return runs.summaries(self.store.engine, limit)

    def run(self, run_id: int) -> RunSummary:
        return runs.summary_of(self.store.engine, run_id)

    def run_results(
        self, run_id: int, outcome: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[CustomerHit]:
        """Per-customer outcomes of a run (``no_hit``, ``hit``, ``suppressed``, ``error``)."""
        return runs.results(self.store.engine, run_id, outcome, limit, offset)

    # -- alerts ------------------------------------------------------------------------------

    def list_alerts(
        self,
        status: AlertStatus | None = None,
        assignee: str | None = None,
        order: AlertOrder = "score",
        limit: int = 50,
        offset: int = 0,
        *,
        run_id: int | None = None,
        customer_id: str | None = None,
    ) -> list[AlertView]:
        """Alerts, filtered; ``score`` order is highest first, ``age`` oldest first."""
        return alerts.listing(
            self.store.engine, status, assignee, order, limit, offset, run_id, customer_id
        )

    def count_alerts(self, status: AlertStatus | None = None, assignee: str | None = None) -> int:
        return alerts.count(self.store.engine, status, assignee)

    def alert(self, alert_id: int) -> AlertDetail:
        """One alert with customer record, listed record, explanation and history."""
        return alerts.detail(self.store.engine, alert_id)

    def assign(self, alert_ids: Sequence[int], assignee: str | None, actor: str) -> None:
        """Assign alerts to a user (``None`` unassigns); analyst role or above."""
        alerts.assign(self.store.engine, alert_ids, assignee, actor)

    def comment(self, alert_id: int, text: str, actor: str) -> AlertEvent:
        return alerts.comment(self.store.engine, alert_id, text, actor)

    def start_review(self, alert_id: int, actor: str) -> AlertView:
        """open → in_review."""
        return alerts.move(self.store.engine, alert_id, actor, "in_review", ("open",))

    def escalate(self, alert_id: int, actor: str, reason: str = "") -> AlertView:
        """open / in_review → escalated."""
        return alerts.move(
            self.store.engine, alert_id, actor, "escalated", ("open", "in_review"), reason
        )

    # -- decisions (four eyes) ---------------------------------------------------------------

    def propose_decision(self, alert_id: int, outcome: Outcome, reason: str, actor: str) -> int:
        """Propose closing an alert (analyst or above); returns the decision id. The alert
        stays as it is until an approver other than the proposer approves."""
        return decisions.propose(self.store.engine, alert_id, outcome, reason, actor)

    def approve_decision(self, decision_id: int, actor: str) -> DecisionView:
        """Approve a pending decision (approver role, never the proposer): the alert closes;
        a false positive goes on the allowlist."""
        return decisions.approve(
            self.store.engine, decision_id, actor, self.settings.allowlist_days
        )

    def reject_decision(self, decision_id: int, reason: str, actor: str) -> DecisionView:
        """Reject a pending decision (approver role, never the proposer); the alert stays open."""
        return decisions.reject(self.store.engine, decision_id, reason, actor)

    def decisions(self, state: DecisionState | None = None) -> list[DecisionView]:
        return decisions.listing(self.store.engine, state)

    def decision(self, decision_id: int) -> DecisionView:
        return decisions.one(self.store.engine, decision_id)

    # -- allowlist ---------------------------------------------------------------------------

    def allowlist(self, include_inactive: bool = False) -> list[AllowlistEntry]:
        return decisions.allowlist(self.store.engine, include_inactive)

    def revoke_allowlist(self, entry_id: int, actor: str) -> None:
        """Stop an allowlist entry suppressing (approver or admin)."""
        decisions.revoke(self.store.engine, entry_id, actor)

    # -- audit and exports -------------------------------------------------------------------

    def verify_audit(self) -> AuditCheck:
        """Check the hash chain; names the first row whose content or link is wrong."""
        return audit.verify(self.store.engine)

    def audit_rows(self, limit: int = 100, offset: int = 0) -> list[AuditRow]:
        """Audit rows, oldest first."""
        return audit.rows(self.store.engine, limit, offset)

    def export_audit(self, out: TextIO) -> int:
        """Write the audit log as JSON lines; returns the row count."""
        return exports.audit_jsonl(self.store.engine, out)

    def export_run_csv(self, run_id: int, out: TextIO) -> int:
        """Per-customer outcomes and hits of a run as CSV; returns the row count."""
        return exports.run_csv(self.store.engine, run_id, out)

    def export_decisions_csv(self, out: TextIO) -> int:
        """All decisions with their alert, proposer and approver as CSV; returns the row count."""
        return exports.decisions_csv(self.store.engine, out)

    def report_html(self, run_id: int | None = None) -> str:
        """A printable HTML report of a run (the newest if ``None``) and its decisions."""
        return exports.report_html(self, run_id)


def after_snapshot_change(store: Store, settings: Settings) -> RunSummary | None:
    """Delta re-screen the stored book after ``lists load``/``lists sync`` made a new snapshot
    current; ``None`` when there is no book or no previous run to compare with."""
    service = CaseService(store, CaseSettings(cache_dir=settings.index_cache_dir))
    if not service.book_versions() or not service.runs(limit=1):
        return None
    return service.screen_book(None, SYSTEM_PREFIX + "lists", mode="delta")
