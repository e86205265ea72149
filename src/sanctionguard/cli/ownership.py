"""CLI commands for ownership and control analysis (50% rules).

``load`` stores ownership files as a new version, ``versions`` lists them, ``link`` ties their
parties to a list snapshot, ``analyse`` (or ``analyze``) runs the OFAC / EU / UK rules as of a
day and reports findings and cautions, ``explain`` shows one entity's paths and rules.
"""

from __future__ import annotations

import sys
from contextlib import nullcontext
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from sanctionguard.cli.context import CliContext, get
from sanctionguard.errors import SanctionguardError
from sanctionguard.ownership import storage
from sanctionguard.ownership.analysis import Finding, Status
from sanctionguard.ownership.cautions import Caution, cautions
from sanctionguard.ownership.linking import LinkSettings
from sanctionguard.ownership.pipeline import StoredAnalysis, analyse_stored
from sanctionguard.ownership.reader import detect, expand, read_ownership
from sanctionguard.ownership.report import report_dict, write_csv, write_json
from sanctionguard.ownership.rules import RuleSet, parse_jurisdictions

app = typer.Typer(no_args_is_help=True, help="Ownership and control analysis (50% rules).")

MAX_ISSUES_SHOWN = 20


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


class OptionError(SanctionguardError):
    """A command-line option has a value the command cannot use."""


AsOf = Annotated[
    str | None, typer.Option("--as-of", help="Evaluate as of this day (YYYY-MM-DD; default today).")
]
Jurisdictions = Annotated[
    str, typer.Option("--jurisdiction", "-j", help="Rule sets, comma-separated: ofac,eu,uk.")
]
Version = Annotated[str, typer.Option(help="Ownership version: an id or current.")]
Snapshot = Annotated[str, typer.Option(help="List snapshot: an id, current or current~N.")]
Relink = Annotated[bool, typer.Option(help="Link parties to the lists again.")]
NoNames = Annotated[
    bool, typer.Option("--no-names", help="Link by identifiers only (skip name matching).")
]


def _as_of(text: str | None) -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise OptionError(f"--as-of {text!r} is not a date: use YYYY-MM-DD") from exc


def _rules(text: str) -> list[RuleSet]:
    try:
        return parse_jurisdictions(text)
    except ValueError as exc:
        raise OptionError(f"--jurisdiction: {exc}") from exc


def _progress(c: CliContext) -> Progress:
    return c.progress(transient=False)


@app.command("load")
def load(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Ownership files or folders.")],
    note: Annotated[str | None, typer.Option(help="A note kept with the version.")] = None,
) -> None:
    """Read ownership files (FtM JSON lines, BODS, GLEIF JSON, CSV) and store a new version."""
    c = get(ctx)
    data = read_ownership(files)
    described = [
        {"path": str(p), "format": detect(p)[0], "bytes": p.stat().st_size}
        for p in expand(files)
        if str(p) in data.files
    ]
    version_id, created = storage.save(c.store().engine, data, described, note)
    state = "new version" if created else "unchanged (same content as the current version)"
    c.console.print(
        f"ownership version {version_id}: {state}; {len(data.parties)} parties, "
        f"{len(data.edges)} edges, {len(data.issues)} issue(s)"
    )
    for issue in data.issues[:MAX_ISSUES_SHOWN]:
        c.err.print(escape(issue.describe()), highlight=False, soft_wrap=True)
    if len(data.issues) > MAX_ISSUES_SHOWN:
        c.err.print(f"… and {len(data.issues) - MAX_ISSUES_SHOWN} more (see analyse --format json)")


@app.command("versions")
def versions(ctx: typer.Context) -> None:
    """List the stored ownership versions."""
    c = get(ctx)
    table = Table(title="Ownership versions")
    for column in ("id", "created", "parties", "edges", "issues", "files", "note"):
        table.add_column(column)
    for v in storage.versions(c.store().engine):
        table.add_row(
            str(v.id),
            v.created_at.strftime("%Y-%m-%d %H:%M"),
            str(v.counts.get("parties", 0)),
            str(v.counts.get("edges", 0)),
            str(v.issues),
            ", ".join(Path(f["path"]).name for f in v.files),
            v.note or "",
        )
    c.console.print(table)


def _run(
    c: CliContext,
    rules: list[RuleSet],
    as_of: date,
    version: str,
    snapshot: str,
    relink: bool,
    no_names: bool,
) -> StoredAnalysis:
    with _progress(c) as progress:
        task = progress.add_task("link parties to lists", total=None)

        def on_link(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return analyse_stored(
            c.store(),
            rules,
            as_of,
            version=version,
            snapshot=snapshot,
            settings=LinkSettings(),
            relink=relink,
            cache_dir=c.settings.index_cache_dir,
            use_names=not no_names,
            progress=on_link,
        )


@app.command("link")
def link(
    ctx: typer.Context,
    version: Version = "current",
    snapshot: Snapshot = "current",
    no_names: NoNames = False,
) -> None:
    """Link the parties of a version to listed entries (identifiers first, then names)."""
    c = get(ctx)
    result = _run(c, [], date.today(), version, snapshot, True, no_names)
    table = Table(title=f"Links of version {result.version_id} to snapshot {result.snapshot_id}")
    for column in ("party", "list", "entry", "method", "confidence", "ambiguous", "evidence"):
        table.add_column(column)
    for item in result.links:
        table.add_row(
            escape(item.party_id),
            item.list_name,
            escape(item.caption),
            item.method,
            f"{item.confidence:.2f}",
            "yes" if item.ambiguous else "",
            escape(item.evidence),
        )
    c.console.print(table)


def _open(output: Path | None) -> TextIO | nullcontext[TextIO]:
    if output is None:
        return nullcontext(sys.stdout)
    return output.open("w", encoding="utf-8", newline="")


def _print_table(c: CliContext, findings: list[Finding], found: list[Caution]) -> None:
    table = Table(title="Ownership findings")
    for column in ("jurisdiction", "entity", "status", "rule", "share", "why"):
        table.add_column(column)
    for f in findings:
        share = f"{f.share_low:g}%" if f.status is Status.BLOCKED else f"≤{f.share_high:g}%"
        paths = f.describe_paths()
        why = paths[0] + (f" (+{len(paths) - 1} more)" if len(paths) > 1 else "") if paths else ""
        table.add_row(
            f.jurisdiction, escape(f.caption), f.status.value, f.rule_id, share, escape(why)
        )
    c.console.print(table)
    if found:
        cautions_table = Table(title="Cautions (review, not blocked)")
        for column in ("jurisdiction", "entity", "rule", "message", "evidence"):
            cautions_table.add_column(column)
        for x in found:
            cautions_table.add_row(
                x.jurisdiction,
                escape(x.caption),
                x.rule_id,
                x.message,
                escape("; ".join(x.evidence)),
            )
        c.console.print(cautions_table)


@app.command("analyse")
def analyse_command(
    ctx: typer.Context,
    as_of: AsOf = None,
    jurisdiction: Jurisdictions = "ofac,eu,uk",
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="table, json or csv.")
    ] = OutputFormat.TABLE,
    output: Annotated[Path | None, typer.Option(help="Write the report to this file.")] = None,
    version: Version = "current",
    snapshot: Snapshot = "current",
    relink: Relink = False,
    no_names: NoNames = False,
) -> None:
    """Which entities are blocked or undetermined under the 50% rules, and what to review."""
    c = get(ctx)
    day = _as_of(as_of)
    result = _run(c, _rules(jurisdiction), day, version, snapshot, relink, no_names)
    findings = result.analysis.findings()
    found = cautions(result.analysis)
    if output_format is OutputFormat.TABLE and output is None:
        _print_table(c, findings, found)
        c.console.print(f"as of {day}: {result.analysis.counts()}")
        return
    with _open(output) as out:
        if output_format is OutputFormat.CSV:
            write_csv(out, findings, found)
        else:
            write_json(out, report_dict(result.analysis, findings, found, result.links))
    if output is not None:
        c.err.print(f"wrote {len(findings)} findings and {len(found)} cautions to {output}")


app.command("analyze", help="Same as analyse.")(analyse_command)


@app.command("explain")
def explain(
    ctx: typer.Context,
    entity: Annotated[str, typer.Argument(help="Party id in the ownership data.")],
    as_of: AsOf = None,
    jurisdiction: Jurisdictions = "ofac,eu,uk",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    version: Version = "current",
    snapshot: Snapshot = "current",
) -> None:
    """Why an entity is (or is not) blocked: paths with shares, dates, sources and rules."""
    c = get(ctx)
    day = _as_of(as_of)
    result = _run(c, _rules(jurisdiction), day, version, snapshot, False, False)
    try:
        findings = result.analysis.explain(entity)
    except KeyError as exc:
        raise OptionError(
            f"{entity!r} is not a party of ownership version {result.version_id}"
        ) from exc
    related = [x for x in cautions(result.analysis) if x.party_id == entity]
    if as_json:
        write_json(
            sys.stdout,
            {
                "findings": [f.to_dict() for f in findings],
                "cautions": [x.to_dict() for x in related],
            },
        )
        return
    for f in findings:
        c.console.print(
            f"[bold]{f.jurisdiction.upper()}[/] {escape(f.caption)}: {f.status.value} "
            f"(rule {f.rule_id}, threshold {f.threshold}, held {f.share_low:g}–{f.share_high:g}%, "
            f"as of {f.as_of})"
        )
        for path in f.describe_paths():
            c.console.print(f"  {escape(path)}", highlight=False)
        for source in f.sources:
            c.console.print(f"  source: {escape(source)}", highlight=False)
    for x in related:
        c.console.print(
            f"[yellow]caution[/] {x.jurisdiction} {x.rule_id}: {x.message}: "
            + escape("; ".join(x.evidence))
        )
