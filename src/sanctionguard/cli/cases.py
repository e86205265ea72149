"""CLI commands for the customer book, alerts, users and the audit log.

Every command goes through ``CaseService``; the acting user comes from ``--as`` (or
``$SANCTIONGUARD_USER``). Importing and screening may run without a user, as ``system:cli``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import (
    TaskID,
)
from rich.table import Table

from sanctionguard.cases.service import CaseService, CaseSettings
from sanctionguard.cases.views import (
    ALERT_STATUSES,
    AlertStatus,
    CaseError,
    Outcome,
    RunMode,
    RunSummary,
    check_choice,
)
from sanctionguard.cli.context import CliContext, get
from sanctionguard.cli.screen import build_screener
from sanctionguard.match.screener import Screener
from sanctionguard.match.types import MatchSettings
from sanctionguard.screen.derived import has_ownership_data

book_app = typer.Typer(no_args_is_help=True, help="Import and screen the customer book.")
alerts_app = typer.Typer(no_args_is_help=True, help="Work alerts: list, assign, decide, approve.")
users_app = typer.Typer(no_args_is_help=True, help="Manage users and roles.")
audit_app = typer.Typer(no_args_is_help=True, help="Verify and export the audit log.")

Actor = Annotated[
    str,
    typer.Option("--as", envvar="SANCTIONGUARD_USER", help="Acting user ($SANCTIONGUARD_USER)."),
]
SYSTEM_ACTOR = "system:cli"


def _service(c: CliContext) -> CaseService:
    return CaseService(c.store(), CaseSettings(cache_dir=c.settings.index_cache_dir))


def _mapping(text: str | None) -> dict[str, str]:
    """``"Client No=id,Full name=name"`` as a column → field mapping."""
    mapping: dict[str, str] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        column, sep, field = part.partition("=")
        if not sep or not column.strip() or not field.strip():
            raise CaseError(f"--mapping: {part!r} is not COLUMN=FIELD (e.g. 'Client No=id')")
        mapping[column.strip()] = field.strip()
    return mapping


# -- book --------------------------------------------------------------------------------------


@book_app.command("import")
def book_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Customer book: .csv, .jsonl or .parquet.")],
    mapping: Annotated[
        str | None,
        typer.Option(
            help="Rename columns to book fields: 'Client No=id,Full name=name,DOB=birth_date'."
        ),
    ] = None,
    actor: Actor = SYSTEM_ACTOR,
) -> None:
    """Import a customer book as a new book version (added, changed, removed customers)."""
    c = get(ctx)
    result = _service(c).import_book(file, _mapping(mapping), actor)
    c.console.print(
        f"Book version [bold]{result.book_version_id}[/]: {result.records:,} customers "
        f"({result.added:,} added, {result.changed:,} changed, {result.unchanged:,} unchanged, "
        f"{result.removed:,} removed)"
    )
    for bad in result.bad_records[:20]:
        c.err.print(
            f"[yellow]skipped[/] {escape(str(file))}:{bad.line}: {escape(bad.reason)}",
            highlight=False,
        )
    if len(result.bad_records) > 20:
        c.err.print(f"… and {len(result.bad_records) - 20} more skipped records")
    if result.bad_records:
        raise typer.Exit(3)


def _run_table(runs: list[RunSummary]) -> Table:
    table = Table(title="Screening runs")
    columns = (
        "run",
        "mode",
        "by",
        "finished",
        "snapshot",
        "threshold",
        "customers",
        "entities",
        "no hit",
        "hits",
        "new alerts",
        "suppressed",
        "delisted",
        "errors",
    )
    for col in columns:
        table.add_column(col)
    for r in runs:
        table.add_row(
            str(r.id),
            r.mode,
            escape(r.actor),
            r.finished_at.isoformat(timespec="seconds"),
            f"{r.snapshot_id}" + (f" (since {r.base_snapshot_id})" if r.base_snapshot_id else ""),
            f"{r.threshold:.2f}",
            f"{r.customers:,}",
            f"{r.entities:,}",
            f"{r.no_hit:,}",
            f"{r.hits:,}",
            f"{r.new_alerts:,}",
            f"{r.suppressed:,}",
            f"{r.delisted:,}",
            f"{r.errors:,}",
        )
    return table


@book_app.command("screen")
def book_screen(
    ctx: typer.Context,
    full: Annotated[
        bool,
        typer.Option(
            "--full/--delta",
            help="Screen against every listed entity, or only "
            "against entities changed since the last run.",
        ),
    ] = True,
    threshold: Annotated[float | None, typer.Option(help="Score threshold (default 0.70).")] = None,
    since: Annotated[
        str | None,
        typer.Option(
            help="With --delta: compare with this snapshot (id or current~N) "
            "instead of the last run's."
        ),
    ] = None,
    actor: Actor = SYSTEM_ACTOR,
) -> None:
    """Screen the stored book against the current snapshot as one recorded run."""
    c = get(ctx)
    mode: RunMode = "full" if full else "delta"
    # Built before the progress bar: compiling shows its own status line.
    screener = _ownership_screener(c) if mode == "full" else None
    with c.progress(transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def step(label: str, done: int, total: int) -> None:
            if label not in tasks:
                tasks[label] = bar.add_task(label, total=total)
            bar.update(tasks[label], completed=done)

        base = None if since is None else c.store().resolve(since)
        run = _service(c).screen_book(screener, actor, threshold, mode, progress=step, since=base)
    c.console.print(_run_table([run]))


def _ownership_screener(c: CliContext) -> Screener | None:
    """With ownership data loaded, the current snapshot's screener extended with the companies
    blocked by ownership, so a customer matching one alerts with the rule that blocked it."""
    if not has_ownership_data(c.store()):
        return None
    return build_screener(c, "current", MatchSettings(), ownership=True)


@book_app.command("runs")
def book_runs(ctx: typer.Context, limit: int = 20) -> None:
    """The recorded screening runs, newest first."""
    c = get(ctx)
    c.console.print(_run_table(_service(c).runs(limit)))


@book_app.command("export")
def book_export(
    ctx: typer.Context,
    run_id: Annotated[int | None, typer.Argument(help="Run id (default: the newest).")] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help=".csv or .html file; default CSV on stdout."),
    ] = None,
    decisions: Annotated[bool, typer.Option(help="Export all decisions instead of a run.")] = False,
) -> None:
    """Export a run's per-customer outcomes (CSV), all decisions (CSV) or an HTML report."""
    service = _service(get(ctx))
    if run_id is None and not decisions:
        newest = service.runs(limit=1)
        if not newest:
            raise CaseError("no screening run yet: run `sanctionguard book screen` first")
        run_id = newest[0].id
    if output is not None and output.suffix.lower() in (".html", ".htm"):
        output.write_text(service.report_html(run_id), encoding="utf-8")
        return
    out = sys.stdout if output is None else output.open("w", encoding="utf-8", newline="")
    try:
        if decisions:
            service.export_decisions_csv(out)
        else:
            assert run_id is not None
            service.export_run_csv(run_id, out)
    finally:
        if output is not None:
            out.close()


# -- alerts ------------------------------------------------------------------------------------


@alerts_app.command("list")
def alerts_list(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help=f"One of {', '.join(ALERT_STATUSES)}.")] = None,
    assignee: Annotated[str | None, typer.Option(help="Only alerts assigned to this user.")] = None,
    order: Annotated[
        str, typer.Option(help="score (highest first) or age (oldest first).")
    ] = "score",
    limit: int = 50,
    offset: int = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The alert queue."""
    c = get(ctx)
    chosen: AlertStatus | None = (
        None if status is None else check_choice("status", status, ALERT_STATUSES)
    )
    found = _service(c).list_alerts(
        chosen,
        assignee,
        "age" if order == "age" else check_choice("order", order, ("score",)),
        limit,
        offset,
    )
    if as_json:
        typer.echo(
            json.dumps(
                [
                    {
                        **a.__dict__,
                        "created_at": a.created_at.isoformat(),
                        "updated_at": a.updated_at.isoformat(),
                    }
                    for a in found
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    table = Table(title="Alerts")
    for col in (
        "id",
        "score",
        "status",
        "customer",
        "listed entity",
        "lists",
        "assignee",
        "raised",
    ):
        table.add_column(col, justify="right" if col in ("id", "score") else "left")
    for a in found:
        flags = (" [red](delisted)[/]" if a.delisted else "") + (
            f" [yellow](decision {a.pending_decision_id} pending)[/]"
            if a.pending_decision_id
            else ""
        )
        table.add_row(
            str(a.id),
            f"{a.score:.2f}",
            a.status + (f": {a.outcome}" if a.outcome else "") + flags,
            escape(f"{a.customer_id} {a.customer_name}"),
            escape(a.caption),
            escape(", ".join(f"{x} {y}" for x, y in zip(a.lists, a.source_ids, strict=False))),
            escape(a.assignee or ""),
            a.created_at.isoformat(timespec="minutes"),
        )
    c.console.print(table)


@alerts_app.command("show")
def alerts_show(ctx: typer.Context, alert_id: int) -> None:
    """One alert: customer, listed entity, explanation, history and decisions (JSON)."""
    d = _service(get(ctx)).alert(alert_id)
    data = {
        "alert": {
            **d.alert.__dict__,
            "created_at": d.alert.created_at.isoformat(),
            "updated_at": d.alert.updated_at.isoformat(),
        },
        "customer": d.customer,
        "entity": d.entity,
        "snapshot_id": d.snapshot_id,
        "explanation": d.explanation,
        "history": [{**e.__dict__, "at": e.at.isoformat()} for e in d.history],
        "decisions": [
            {
                **x.__dict__,
                "proposed_at": x.proposed_at.isoformat(),
                "reviewed_at": x.reviewed_at.isoformat() if x.reviewed_at else None,
            }
            for x in d.decisions
        ],
    }
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


@alerts_app.command("assign")
def alerts_assign(
    ctx: typer.Context,
    alert_ids: Annotated[list[int], typer.Argument(help="Alert ids.")],
    to: Annotated[str | None, typer.Option("--to", help="Assignee (omit to unassign).")] = None,
    actor: Actor = "",
) -> None:
    """Assign alerts to a user."""
    c = get(ctx)
    _service(c).assign(alert_ids, to, actor)
    c.console.print(f"{len(alert_ids)} alert(s) assigned to {to or 'nobody'}.")


@alerts_app.command("comment")
def alerts_comment(ctx: typer.Context, alert_id: int, text: str, actor: Actor = "") -> None:
    """Add a comment to an alert's history."""
    _service(get(ctx)).comment(alert_id, text, actor)


@alerts_app.command("review")
def alerts_review(ctx: typer.Context, alert_id: int, actor: Actor = "") -> None:
    """Start reviewing an open alert."""
    _service(get(ctx)).start_review(alert_id, actor)


@alerts_app.command("escalate")
def alerts_escalate(ctx: typer.Context, alert_id: int, reason: str = "", actor: Actor = "") -> None:
    """Escalate an alert."""
    _service(get(ctx)).escalate(alert_id, actor, reason)


@alerts_app.command("decide")
def alerts_decide(
    ctx: typer.Context,
    alert_id: int,
    outcome: Annotated[str, typer.Option(help="true_match or false_positive.")],
    reason: Annotated[str, typer.Option(help="Why, for the auditor.")],
    actor: Actor = "",
) -> None:
    """Propose closing an alert; it closes when an approver confirms (four eyes)."""
    c = get(ctx)
    chosen: Outcome = check_choice("outcome", outcome, ("true_match", "false_positive"))
    decision_id = _service(c).propose_decision(alert_id, chosen, reason, actor)
    c.console.print(
        f"Decision [bold]{decision_id}[/] proposed; it needs an approver's confirmation."
    )


@alerts_app.command("approve")
def alerts_approve(ctx: typer.Context, decision_id: int, actor: Actor = "") -> None:
    """Approve a proposed decision (approver role; not your own)."""
    c = get(ctx)
    d = _service(c).approve_decision(decision_id, actor)
    c.console.print(f"Decision {d.id} approved: alert {d.alert_id} closed as {d.outcome}.")


@alerts_app.command("reject")
def alerts_reject(
    ctx: typer.Context,
    decision_id: int,
    reason: Annotated[str, typer.Option(help="Why the decision is rejected.")],
    actor: Actor = "",
) -> None:
    """Reject a proposed decision (approver role; not your own); the alert stays open."""
    c = get(ctx)
    d = _service(c).reject_decision(decision_id, reason, actor)
    c.console.print(f"Decision {d.id} rejected; alert {d.alert_id} stays open.")


# -- users -------------------------------------------------------------------------------------


@users_app.command("create")
def users_create(
    ctx: typer.Context,
    username: str,
    role: Annotated[str, typer.Option(help="viewer, analyst, approver or admin.")],
    password: Annotated[
        str,
        typer.Option(
            prompt=True,
            hide_input=True,
            confirmation_prompt=True,
            envvar="SANCTIONGUARD_NEW_PASSWORD",
            help="Prompted when not given.",
        ),
    ],
    actor: Actor = SYSTEM_ACTOR,
) -> None:
    """Create a user (an admin acts; the first user of an empty database needs no actor)."""
    c = get(ctx)
    from sanctionguard.cases.views import ROLES

    user = _service(c).create_user(username, password, check_choice("role", role, ROLES), actor)
    c.console.print(f"User {escape(user.username)} created with role {user.role}.")


@users_app.command("list")
def users_list(ctx: typer.Context) -> None:
    """Users with their roles."""
    c = get(ctx)
    table = Table(title="Users")
    for col in ("username", "role", "active", "created"):
        table.add_column(col)
    for u in _service(c).list_users():
        table.add_row(
            escape(u.username),
            u.role,
            "yes" if u.active else "no",
            u.created_at.isoformat(timespec="minutes"),
        )
    c.console.print(table)


@users_app.command("set-role")
def users_set_role(ctx: typer.Context, username: str, role: str, actor: Actor = "") -> None:
    """Change a user's role (admin)."""
    from sanctionguard.cases.views import ROLES

    _service(get(ctx)).set_role(username, check_choice("role", role, ROLES), actor)


@users_app.command("disable")
def users_disable(ctx: typer.Context, username: str, actor: Actor = "") -> None:
    """Disable a user (admin): they can no longer log in."""
    _service(get(ctx)).disable_user(username, actor)


# -- audit -------------------------------------------------------------------------------------


@audit_app.command("verify")
def audit_verify(ctx: typer.Context) -> None:
    """Check the audit log's hash chain; names the first broken row (exit code 1)."""
    c = get(ctx)
    check = _service(c).verify_audit()
    if check.ok:
        c.console.print(f"Audit log intact: {check.rows_checked:,} rows verified.")
        return
    c.err.print(
        f"[red]Audit log broken at row {check.first_broken_id}[/]: {check.reason} "
        f"({check.rows_checked:,} rows read)",
        highlight=False,
    )
    raise typer.Exit(1)


@audit_app.command("export")
def audit_export(
    ctx: typer.Context,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="JSON lines file; default stdout.")
    ] = None,
) -> None:
    """Export the audit log as JSON lines (one row per line, with its hashes)."""
    service = _service(get(ctx))
    if output is None:
        service.export_audit(sys.stdout)
        return
    with output.open("w", encoding="utf-8") as out:
        service.export_audit(out)
