"""``sanctionguard payments screen``: screen payment message files (ISO 20022 XML, SWIFT MT text).

Files and directories are read message by message with a progress bar; every decision (pass,
hold, block, with reasons and findings) goes to ``--output`` as JSON lines, held and blocked
ones to the store with ``--record``, and a summary table closes the run. Exit code 0 when
everything passed, 1 when anything was held or blocked, 2 for unreadable arguments.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sanctionguard.cli.context import CliContext, get
from sanctionguard.errors import SanctionguardError
from sanctionguard.match.screener import Screener
from sanctionguard.payments.context import PaymentContext
from sanctionguard.payments.errors import PaymentFormatError
from sanctionguard.payments.findings import Outcome, PaymentDecision
from sanctionguard.payments.history import AccountHistory
from sanctionguard.payments.rules import RULES
from sanctionguard.payments.service import screen_stream
from sanctionguard.payments.storage import record

app = typer.Typer(no_args_is_help=True, help="Payment message screening.")

EXIT_FLAGGED = 1
MESSAGE_SUFFIXES = (".xml", ".txt", ".fin", ".mt", ".mt103", ".mt202", ".swift")


def _files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in MESSAGE_SUFFIXES
                )
            )
        elif path.is_file():
            out.append(path)
        else:
            raise PaymentFormatError(path, "no such file or directory")
    return out


def _context(c: CliContext, snapshot: str) -> PaymentContext:
    store = c.store()
    snap_id = store.resolve(snapshot)
    with c.err.status("Compiling the screening index and the payment scanners…"):
        screener = Screener.from_store(store, snap_id, cache_dir=c.settings.index_cache_dir)
        return PaymentContext.build(store, snap_id, screener)


def _summary(counts: Counter[Outcome], rules: Counter[str], files: int) -> Table:
    table = Table(title=f"Payment screening: {sum(counts.values())} message(s) in {files} file(s)")
    table.add_column("decision")
    table.add_column("messages", justify="right")
    for outcome in Outcome:
        table.add_row(outcome.value, str(counts[outcome]))
    for rule, n in sorted(rules.items()):
        table.add_row(f"  rule {rule}", str(n))
    return table


@app.command("screen")
def screen(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Message files or directories.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write every decision as JSON lines.")
    ] = None,
    history: Annotated[
        Path | None,
        typer.Option("--history", help="Account history (CSV or JSONL) for rule S9."),
    ] = None,
    snapshot: Annotated[str, typer.Option(help="Snapshot id or current~N.")] = "current",
    keep: Annotated[
        bool,
        typer.Option("--record", help="Record held and blocked decisions in the store."),
    ] = False,
) -> None:
    """Screen payment messages: every party, agent and free-text field, and the red-flag rules."""
    c = get(ctx)
    try:
        files = _files(paths)
        past = AccountHistory.load(history) if history else None
        context = _context(c, snapshot)
    except SanctionguardError as exc:
        c.err.print(f"[red]error[/] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from exc
    counts: Counter[Outcome] = Counter()
    rules: Counter[str] = Counter()
    held: list[PaymentDecision] = []
    sink = output.open("w", encoding="utf-8") if output else None
    columns = (TextColumn("screening"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=c.err) as progress:
            task = progress.add_task("files", total=len(files))

            def bodies() -> Iterator[tuple[str, bytes]]:
                for path in files:
                    yield (str(path), path.read_bytes())
                    progress.advance(task)

            for decision in screen_stream(bodies(), context, past):
                counts[decision.outcome] += 1
                rules.update({f.rule for f in decision.findings if f.severity >= 2})
                if decision.outcome is not Outcome.PASS:
                    held.append(decision)
                if sink:
                    sink.write(decision.to_json() + "\n")
    finally:
        if sink:
            sink.close()
    if keep:
        stored = record(c.store().engine, held)
        c.err.print(f"recorded {stored} held or blocked decision(s) in the store")
    _report(c, held)
    c.console.print(_summary(counts, rules, len(files)))
    if held:
        raise typer.Exit(EXIT_FLAGGED)


def _report(c: CliContext, flagged: list[PaymentDecision]) -> None:
    if not flagged:
        return
    table = Table(title=f"{len(flagged)} message(s) held or blocked")
    for col in ("decision", "message", "reasons"):
        table.add_column(col)
    for d in flagged[:200]:
        table.add_row(d.outcome.value, escape(d.message), escape("\n".join(d.reasons[:5])))
    c.console.print(table)


@app.command("rules")
def rules_command(ctx: typer.Context) -> None:
    """List the payment rules: id, title, severity, inputs and source document."""
    c = get(ctx)
    table = Table(title="Payment screening rules")
    for col in ("id", "rule", "severity", "inputs", "source"):
        table.add_column(col)
    for rule in RULES:
        table.add_row(
            rule.id,
            escape(f"{rule.title}\n{rule.description}"),
            rule.severity.name.lower(),
            escape(", ".join(rule.inputs)),
            escape(rule.source),
        )
    c.console.print(table)
