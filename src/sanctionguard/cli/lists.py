"""``sanctionguard lists``: load, show, diff, export and sync list snapshots."""

from __future__ import annotations

import json
import sys
import tempfile
from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.markup import escape
from rich.progress import (
    Progress,
    TaskID,
)
from rich.table import Table

from sanctionguard.cli.context import CliContext, get
from sanctionguard.sources.base import Bundle
from sanctionguard.sources.loader import ParsedSource
from sanctionguard.sources.registry import all_formats
from sanctionguard.sources.sync import download_all, read_sync_config
from sanctionguard.store.diff import SnapshotDiff, diff_snapshots
from sanctionguard.store.export import write_csv, write_ftm
from sanctionguard.store.ingest import IngestResult, ingest
from sanctionguard.store.snapshots import SnapshotInfo, SourceSummary

app = typer.Typer(
    help="Load, inspect, compare and export sanctions list snapshots.", no_args_is_help=True
)


def _progress(c: CliContext) -> Progress:
    return c.progress(transient=False)


def _run_ingest(c: CliContext, paths: list[Path], note: str | None) -> IngestResult:
    with _progress(c) as progress:
        parse_tasks: dict[str, TaskID] = {}
        write_tasks: dict[str, TaskID] = {}

        def on_parse(bundle: Bundle, source: ParsedSource | None) -> None:
            key = bundle.list_name
            if source is None:
                parse_tasks[key] = progress.add_task(f"parse {key}", total=None)
            else:
                progress.update(
                    parse_tasks[key], total=len(source.entries), completed=len(source.entries)
                )

        def on_write(name: str, done: int, total: int) -> None:
            if name not in write_tasks:
                write_tasks[name] = progress.add_task(f"store {name}", total=total)
            progress.update(write_tasks[name], completed=done)

        return ingest(c.store(), paths, c.limits, note=note, on_parse=on_parse, on_write=on_write)


def _print_ingest(c: CliContext, result: IngestResult) -> None:
    table = Table(title="Loaded lists")
    for col in ("list", "format", "entries", "records", "published", "status", "warnings"):
        table.add_column(col)
    for source in result.parsed:
        status = "unchanged" if source.info.name in result.load.unchanged else "new version"
        table.add_row(
            source.info.name,
            source.format,
            f"{len(source.entries):,}",
            f"{source.report.records_read or len(source.entries):,}",
            source.report.published or "",
            status,
            str(len(source.report.warnings)),
        )
    c.console.print(table)
    for source in result.parsed:
        for warning in source.report.warnings[:10]:
            c.err.print(
                f"[yellow]warning[/] {source.info.name}: {escape(warning)}", highlight=False
            )
    for path in result.skipped:
        c.err.print(f"[dim]skipped {escape(str(path))}: not a list file[/]", highlight=False)
    if result.load.snapshot_id is None:
        c.console.print("No list changed: the current snapshot stays as it is.")
    else:
        c.console.print(f"Snapshot [bold]{result.load.snapshot_id}[/] is now current.")


@app.command("load")
def load(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="List files or folders of list files.")],
    note: Annotated[str | None, typer.Option(help="A note stored with the snapshot.")] = None,
    rescreen: Annotated[
        bool,
        typer.Option(
            help="Delta re-screen the stored customer book when a new snapshot becomes current."
        ),
    ] = True,
) -> None:
    """Load list files into a new snapshot (the format is detected from each file's content)."""
    c = get(ctx)
    result = _run_ingest(c, files, note)
    _print_ingest(c, result)
    if rescreen:
        _rescreen(c, result)


def _rescreen(c: CliContext, result: IngestResult) -> None:
    """Re-screen the book against what the new snapshot changed (regulators ask for it
    right after each listing); nothing happens without a book or a first full run."""
    if result.load.snapshot_id is None:
        return
    from sanctionguard.cases.service import after_snapshot_change

    with c.err.status("Re-screening the customer book against the changes…"):
        run = after_snapshot_change(c.store(), c.settings)
    if run is not None:
        c.err.print(
            f"Delta re-screen (run {run.id}): {run.customers:,} customer(s) against "
            f"{run.entities:,} added or changed entr(ies): {run.new_alerts:,} new alert(s), "
            f"{run.delisted:,} delisted, {run.suppressed:,} suppressed by the allowlist.",
            highlight=False,
        )


def _snapshot_rows(snaps: list[SnapshotInfo]) -> list[dict[str, object]]:
    return [
        {
            "id": s.id,
            "created_at": s.created_at.isoformat(),
            "current": s.current,
            "entities": s.entity_count,
            "lists": [x.list_name for x in s.sources],
            "note": s.note,
        }
        for s in snaps
    ]


def _print_snapshots(c: CliContext, snaps: list[SnapshotInfo]) -> None:
    table = Table(title="Snapshots")
    for col in ("id", "created", "current", "lists", "entities", "note"):
        table.add_column(col)
    for snap in snaps:
        table.add_row(
            str(snap.id),
            f"{snap.created_at:%Y-%m-%d %H:%M:%S}",
            "*" if snap.current else "",
            str(len(snap.sources)),
            f"{snap.entity_count:,}",
            snap.note or "",
        )
    c.console.print(table)


def _source_json(src: SourceSummary) -> dict[str, object]:
    return {
        "list": src.list_name,
        "title": src.title,
        "authority": src.authority,
        "format": src.format,
        "published": src.published,
        "loaded_at": src.loaded_at.isoformat(),
        "files": src.files,
        "entities": src.entity_count,
        "records_read": src.records_read,
        "counts": src.counts,
        "warnings": src.warnings,
    }


def _print_snapshot(c: CliContext, info: SnapshotInfo) -> None:
    table = Table(title=f"Snapshot {info.id}" + (" (current)" if info.current else ""))
    for col in ("list", "title", "published", "entities", "by schema", "files (sha256)"):
        table.add_column(col)
    for src in info.sources:
        table.add_row(
            src.list_name,
            escape(src.title),
            src.published or "",
            f"{src.entity_count:,}",
            ", ".join(f"{k} {v:,}" for k, v in src.counts.items()),
            "\n".join(f"{f['name']} {str(f['sha256'])[:12]}" for f in src.files),
        )
    c.console.print(table)


@app.command("show")
def show(
    ctx: typer.Context,
    snapshot: Annotated[
        str | None, typer.Argument(help="A snapshot id, current or current~N; omit to list all.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the snapshots, or one snapshot's lists with their sources and counts by schema."""
    c = get(ctx)
    store = c.store()
    if snapshot is None:
        snaps = store.snapshots()
        if as_json:
            typer.echo(json.dumps(_snapshot_rows(snaps), indent=2))
        else:
            _print_snapshots(c, snaps)
        return
    info = store.snapshot(store.resolve(snapshot))
    if as_json:
        data: dict[str, object] = {"id": info.id, "current": info.current}
        data["parent_id"] = info.parent_id
        data["sources"] = [_source_json(src) for src in info.sources]
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        _print_snapshot(c, info)


def _diff_json(diff: SnapshotDiff) -> dict[str, object]:
    return {
        "old": diff.old,
        "new": diff.new,
        "added": [r.__dict__ for r in diff.added],
        "removed": [r.__dict__ for r in diff.removed],
        "changed": [
            {**ch.entity.__dict__, "changes": [f.__dict__ for f in ch.changes]}
            for ch in diff.changed
        ],
    }


@app.command("diff")
def diff(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(help="The older snapshot (id, current, current~N).")],
    new: Annotated[str, typer.Argument(help="The newer snapshot.")] = "current",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the entries added, removed and changed between two snapshots, field by field."""
    c = get(ctx)
    store = c.store()
    result = diff_snapshots(store, store.resolve(old), store.resolve(new))
    if as_json:
        typer.echo(json.dumps(_diff_json(result), ensure_ascii=False, indent=2))
        return
    c.console.print(
        f"Snapshot {result.old} → {result.new}: {len(result.added)} added, "
        f"{len(result.removed)} removed, {len(result.changed)} changed"
    )
    for ref in result.added:
        c.console.print(
            f"[green]+ {ref.list_name} {ref.entity_id} {ref.schema} {escape(ref.caption)}[/]",
            highlight=False,
        )
    for ref in result.removed:
        c.console.print(
            f"[red]- {ref.list_name} {ref.entity_id} {ref.schema} {escape(ref.caption)}[/]",
            highlight=False,
        )
    for ch in result.changed:
        c.console.print(
            f"[yellow]~ {ch.entity.list_name} {ch.entity.entity_id} {escape(ch.entity.caption)}[/]",
            highlight=False,
        )
        for field in ch.changes:
            for value in field.removed:
                c.console.print(f"    {field.field}: [red]- {escape(value)}[/]", highlight=False)
            for value in field.added:
                c.console.print(f"    {field.field}: [green]+ {escape(value)}[/]", highlight=False)


class ExportFormat(StrEnum):
    ftm = "ftm"
    csv = "csv"


@app.command("export")
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="ftm (JSON lines) or csv.")
    ] = ExportFormat.ftm,
    snapshot: Annotated[str, typer.Option(help="Snapshot id, current or current~N.")] = "current",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default stdout).")
    ] = None,
) -> None:
    """Export a snapshot as FtM entities or as a flat CSV."""
    c = get(ctx)
    store = c.store()
    snap = store.resolve(snapshot)
    target: TextIO
    with (
        output.open("w", encoding="utf-8", newline="") if output else nullcontext(sys.stdout)
    ) as target:
        count = (write_ftm if fmt is ExportFormat.ftm else write_csv)(store, snap, target)
    if output is not None:
        c.err.print(
            f"wrote {count:,} {'entities' if fmt is ExportFormat.ftm else 'rows'} to {output}"
        )


@app.command("sync")
def sync(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(
            help="TOML file of [[source]] name/url/filename/sha256 (default: official URLs)."
        ),
    ] = None,
    keep: Annotated[
        Path | None, typer.Option(help="Keep the downloaded files in this folder.")
    ] = None,
) -> None:
    """Download the official list files and load them; a failed download changes nothing."""
    c = get(ctx)
    sources = read_sync_config(config) if config else c.settings.sync_sources
    with tempfile.TemporaryDirectory(prefix="sanctionguard-sync-") as tmp:
        staging = keep or Path(tmp)

        def notify(message: str) -> None:
            c.err.print(f"[yellow]{escape(message)}[/]", highlight=False)

        files = download_all(sources, staging, c.settings, notify)
        c.err.print(f"downloaded {len(files)} file(s)")
        result = _run_ingest(c, files, note="lists sync")
        _print_ingest(c, result)
        _rescreen(c, result)


@app.command("formats")
def formats(ctx: typer.Context) -> None:
    """List the supported list formats."""
    c = get(ctx)
    table = Table(title="Supported formats")
    table.add_column("format")
    table.add_column("description")
    table.add_column("lists")
    for spec in all_formats():
        table.add_row(spec.format, spec.title, ", ".join(i.name for i in spec.lists))
    c.console.print(table)


@app.command("use")
def use(
    ctx: typer.Context,
    snapshot: Annotated[
        str, typer.Argument(help="The snapshot to make current (id or current~N).")
    ],
) -> None:
    """Make an earlier snapshot current again (roll back a list update)."""
    c = get(ctx)
    store = c.store()
    snap = store.resolve(snapshot)
    store.set_current(snap)
    c.console.print(f"Snapshot [bold]{snap}[/] is now current.")
