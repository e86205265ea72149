"""``CaseService``: the one entry point of the case system for the CLI and the web UI.

Every method is one database transaction, writes its audit rows in that transaction, and
checks the actor's role. Actors are usernames of ``User`` rows; automated runs may act as
``system:<name>`` (allowed only for importing and screening, never for decisions).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

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

SYSTEM_PREFIX = "system:"


@dataclass(frozen=True)
class CaseSettings:
    """How the case system behaves; built at the edge and passed in."""

    threshold: float = 0.70  # default screening threshold of recorded runs
    allowlist_days: int | None = 365  # a confirmed false positive suppresses for this long
    workers: int = 2  # processes screening a full run
    cache_dir: Path | None = None  # compiled index cache for full runs


class CaseService:
    """Customer book, runs, alerts, decisions, allowlist, users and audit over one store."""

    def __init__(self, store: Store, settings: CaseSettings | None = None) -> None:
        self.store = store
        self.settings = settings or CaseSettings()

    # -- users -------------------------------------------------------------------------------

    def create_user(self, username: str, password: str, role: Role, actor: str) -> User:
        """Create a user (argon2-hashed password). The actor must be an admin, except for the
        very first user of an empty database, who may be created by ``system:*`` actors."""
        raise NotImplementedError

    def authenticate(self, username: str, password: str) -> User | None:
        """The active user with that username and password, else ``None`` (never raises for a
        wrong password; rehashes when argon2 parameters changed). Throttling is the caller's."""
        raise NotImplementedError

    def get_user(self, username: str) -> User | None:
        raise NotImplementedError

    def user_by_id(self, user_id: int) -> User | None:
        raise NotImplementedError

    def list_users(self) -> list[User]:
        raise NotImplementedError

    def set_role(self, username: str, role: Role, actor: str) -> User:
        """Change a user's role (admin only)."""
        raise NotImplementedError

    def disable_user(self, username: str, actor: str) -> User:
        """Disable a user (admin only): they can no longer authenticate."""
        raise NotImplementedError

    def set_password(self, username: str, password: str, actor: str) -> None:
        """Set a password (admin, or the user themself)."""
        raise NotImplementedError

    # -- book and runs -----------------------------------------------------------------------

    def import_book(
        self, path: Path, mapping: Mapping[str, str] | None = None, actor: str = "system:cli"
    ) -> BookImport:
        """Import a customer book (CSV, JSONL, Parquet) as a new book version.

        ``mapping`` renames the file's columns to book fields (``{"Client No": "id",
        "Full name": "name", "DOB": "birth_date"}``). Raises ``ListFormatError`` when the file
        cannot be read; records that cannot be screened are returned in ``bad_records``.
        """
        raise NotImplementedError

    def book_versions(self) -> list[BookVersion]:
        raise NotImplementedError

    def customer(self, customer_id: str) -> dict[str, object] | None:
        """The current stored record of a customer (book fields), or ``None``."""
        raise NotImplementedError

    def screen_book(
        self,
        screener: Screener | None,
        actor: str,
        threshold: float | None = None,
        mode: RunMode = "full",
    ) -> RunSummary:
        """Screen the book against the current snapshot as one recorded run (all or nothing).

        ``full`` screens every customer with ``screener`` (built over the current snapshot when
        ``None``). ``delta`` screens every customer only against entities added or changed since
        the previous run's snapshot (``screener`` then only lends its token rarities) and flags
        alerts whose entity was removed; with no previous run it falls back to ``full``.
        """
        raise NotImplementedError

    def runs(self, limit: int = 100) -> list[RunSummary]:
        """Recorded runs, newest first."""
        raise NotImplementedError

    def run(self, run_id: int) -> RunSummary:
        raise NotImplementedError

    def run_results(
        self, run_id: int, outcome: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[CustomerHit]:
        """Per-customer outcomes of a run (``no_hit``, ``hit``, ``suppressed``, ``error``)."""
        raise NotImplementedError

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
        raise NotImplementedError

    def count_alerts(self, status: AlertStatus | None = None, assignee: str | None = None) -> int:
        raise NotImplementedError

    def alert(self, alert_id: int) -> AlertDetail:
        """One alert with customer record, listed record, explanation and history."""
        raise NotImplementedError

    def assign(self, alert_ids: Sequence[int], assignee: str | None, actor: str) -> None:
        """Assign alerts to a user (``None`` unassigns); analyst role or above."""
        raise NotImplementedError

    def comment(self, alert_id: int, text: str, actor: str) -> AlertEvent:
        raise NotImplementedError

    def start_review(self, alert_id: int, actor: str) -> AlertView:
        """open → in_review."""
        raise NotImplementedError

    def escalate(self, alert_id: int, actor: str, reason: str = "") -> AlertView:
        """open / in_review → escalated."""
        raise NotImplementedError

    # -- decisions (four eyes) ---------------------------------------------------------------

    def propose_decision(self, alert_id: int, outcome: Outcome, reason: str, actor: str) -> int:
        """Propose closing an alert (analyst or above); returns the decision id. The alert
        stays as it is until an approver other than the proposer approves."""
        raise NotImplementedError

    def approve_decision(self, decision_id: int, actor: str) -> DecisionView:
        """Approve a pending decision (approver role, never the proposer): the alert closes;
        a false positive goes on the allowlist."""
        raise NotImplementedError

    def reject_decision(self, decision_id: int, reason: str, actor: str) -> DecisionView:
        """Reject a pending decision (approver role, never the proposer); the alert stays open."""
        raise NotImplementedError

    def decisions(self, state: DecisionState | None = None) -> list[DecisionView]:
        raise NotImplementedError

    def decision(self, decision_id: int) -> DecisionView:
        raise NotImplementedError

    # -- allowlist ---------------------------------------------------------------------------

    def allowlist(self, include_inactive: bool = False) -> list[AllowlistEntry]:
        raise NotImplementedError

    def revoke_allowlist(self, entry_id: int, actor: str) -> None:
        """Stop an allowlist entry suppressing (approver or admin)."""
        raise NotImplementedError

    # -- audit and exports -------------------------------------------------------------------

    def verify_audit(self) -> AuditCheck:
        """Check the hash chain; names the first row whose content or link is wrong."""
        raise NotImplementedError

    def audit_rows(self, limit: int = 100, offset: int = 0) -> list[AuditRow]:
        """Audit rows, oldest first."""
        raise NotImplementedError

    def export_audit(self, out: TextIO) -> int:
        """Write the audit log as JSON lines; returns the row count."""
        raise NotImplementedError

    def export_run_csv(self, run_id: int, out: TextIO) -> int:
        """Per-customer outcomes and hits of a run as CSV; returns the row count."""
        raise NotImplementedError

    def export_decisions_csv(self, out: TextIO) -> int:
        """All decisions with their alert, proposer and approver as CSV; returns the row count."""
        raise NotImplementedError

    def report_html(self, run_id: int | None = None) -> str:
        """A printable HTML report of a run (the newest if ``None``) and its decisions."""
        raise NotImplementedError


def after_snapshot_change(store: Store, settings: Settings) -> RunSummary | None:
    """Delta re-screen the stored book after ``lists load``/``lists sync`` made a new snapshot
    current; ``None`` when there is no book or no previous run to compare with."""
    raise NotImplementedError
