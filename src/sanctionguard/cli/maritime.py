"""CLI commands for vessels, shipments, AIS tracks and goods.

``vessels screen`` screens one vessel by IMO/MMSI/call sign/name; ``shipments screen FILE``
screens shipment records; ``ais analyze FILE`` analyses AIS positions and ``ais simulate``
writes simulated tracks with known events. The same functions also serve the older spellings
``maritime vessel|shipments|ais|simulate``, and ``maritime reference`` lists the reference data.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from sanctionguard.cli.context import CliContext, get
from sanctionguard.maritime.ais import read_positions, write_positions
from sanctionguard.maritime.detect import KINDS, RULE_OF, STEPS, AisEvent, AisSettings, analyse
from sanctionguard.maritime.findings import RULES, Finding, Severity
from sanctionguard.maritime.identity import VesselQuery
from sanctionguard.maritime.problems import InputError
from sanctionguard.maritime.reference.sets import Reference
from sanctionguard.maritime.registry import VesselRegistry
from sanctionguard.maritime.rules import ShipmentReport, screen_shipment
from sanctionguard.maritime.shipments import read_shipments
from sanctionguard.maritime.simulate import SimulationSettings, simulate
from sanctionguard.maritime.vessels import screen_vessel
from sanctionguard.match.screener import Screener

app = typer.Typer(no_args_is_help=True, help="Vessels, shipments, AIS behaviour and goods.")
vessels_app = typer.Typer(no_args_is_help=True, help="Screen vessels against every listed vessel.")
shipments_app = typer.Typer(no_args_is_help=True, help="Screen shipment (bill-of-lading) records.")
ais_app = typer.Typer(no_args_is_help=True, help="Analyse and simulate AIS vessel tracks.")

SnapshotOpt = Annotated[str, typer.Option("--snapshot", help="Snapshot id or 'current'.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
NoMatcherOpt = Annotated[
    bool, typer.Option("--no-matcher", help="Skip name screening of parties (identifiers only).")
]


def _registry(c: CliContext, snapshot: str) -> VesselRegistry:
    store = c.store()
    with c.err.status("Indexing listed vessels…"):
        return VesselRegistry.build(store.entities(store.resolve(snapshot)))


def _screener(c: CliContext, snapshot: str) -> Screener:
    with c.err.status("Loading the screening index…"):
        return Screener.from_store(c.store(), snapshot, cache_dir=c.settings.index_cache_dir)


def _findings_table(title: str, findings: Sequence[Finding]) -> Table:
    table = Table(title=escape(title))
    for col in ("rule", "severity", "subject", "finding"):
        table.add_column(col)
    for f in findings:
        table.add_row(f.rule, f.severity.label, escape(f.subject), escape(f.message))
    return table


def _echo_json(data: Any) -> None:
    typer.echo(_json(data))


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def _progress(c: CliContext) -> Progress:
    return c.progress(transient=True)


def _rule_counts(findings: Sequence[Finding]) -> Table:
    """How often each rule fired, with its title and worst severity: the report's summary."""
    fired: dict[str, list[Severity]] = {}
    for f in findings:
        fired.setdefault(f.rule, []).append(f.severity)
    table = Table(title="Findings by rule")
    for col in ("rule", "title", "findings", "worst"):
        table.add_column(col)
    for rule in sorted(fired, key=lambda r: (-max(fired[r]), r)):
        table.add_row(rule, RULES[rule].title, str(len(fired[rule])), max(fired[rule]).label)
    return table


@vessels_app.command("screen")
@app.command("vessel")
def vessel(
    ctx: typer.Context,
    imo: Annotated[str | None, typer.Option(help="IMO number (check digit validated).")] = None,
    mmsi: Annotated[str | None, typer.Option(help="MMSI; its MID gives the flag.")] = None,
    call_sign: Annotated[str | None, typer.Option("--call-sign")] = None,
    name: Annotated[
        list[str] | None, typer.Option(help="Name (current or former); repeatable.")
    ] = None,
    flag: Annotated[str | None, typer.Option(help="Declared flag (code or country name).")] = None,
    owner: Annotated[
        list[str] | None, typer.Option(help="Owner, manager or operator; repeatable.")
    ] = None,
    snapshot: SnapshotOpt = "current",
    as_json: JsonOpt = False,
    no_matcher: NoMatcherOpt = False,
) -> None:
    """Screen one vessel against every listed vessel and its listed owners."""
    c = get(ctx)
    query = VesselQuery(imo, mmsi, call_sign, tuple(name or ()), flag, tuple(owner or ()))
    if query.is_empty():
        raise InputError("vessel screening", "give --imo, --mmsi, --call-sign, --name or --owner")
    registry = _registry(c, snapshot)
    screener = None if no_matcher or not (query.names or query.owners) else _screener(c, snapshot)
    report = screen_vessel(query, registry, Reference.load(), screener)
    if as_json:
        _echo_json(report.to_dict())
        return
    if report.mid_flag:
        c.console.print(f"MMSI {mmsi}: MID flag {report.mid_flag}")
    if not report.findings:
        c.console.print("No findings: the vessel is not on any loaded list.")
        return
    c.console.print(_findings_table("Vessel screening", report.findings))


@shipments_app.command("screen")
@app.command("shipments")
def shipments(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Shipments as JSON, JSON lines or CSV.")],
    snapshot: SnapshotOpt = "current",
    as_json: JsonOpt = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Also write the JSON report here.")
    ] = None,
    no_matcher: NoMatcherOpt = False,
    on: Annotated[
        str | None, typer.Option(help="Date to judge undated shipments on (YYYY-MM-DD).")
    ] = None,
    ais_file: Annotated[
        Path | None,
        typer.Option("--ais", help="AIS positions (CSV/Parquet) to check the vessels' tracks."),
    ] = None,
) -> None:
    """Screen shipment records into findings (vessel, insurer, parties, goods, route, track)."""
    c = get(ctx)
    records = read_shipments(path)
    today = _judging_date(on)
    events: tuple[AisEvent, ...] = ()
    if ais_file is not None:
        events = _analyse_file(c, ais_file, strict=False, settings=AisSettings()).events
    registry = _registry(c, snapshot)
    screener = None if no_matcher else _screener(c, snapshot)
    reference = Reference.load()
    reports = []
    with _progress(c) as bar:
        task = bar.add_task("screening shipments", total=len(records))
        for record in records:
            reports.append(
                screen_shipment(
                    record, registry, reference, screener, today=today, ais_events=events
                )
            )
            bar.advance(task)
    data = {"reference": reference.versions(), "shipments": [r.to_dict() for r in reports]}
    if output is not None:
        output.write_text(_json(data), encoding="utf-8")
    if as_json:
        _echo_json(data)
        return
    _print_shipment_report(c, reports)
    if output is not None:
        c.console.print(f"report written to {escape(str(output))}")


def _judging_date(on: str | None) -> date | None:
    if not on:
        return None
    try:
        return date.fromisoformat(on)
    except ValueError as exc:
        raise InputError("--on", f"{on!r} is not a date (YYYY-MM-DD)") from exc


def _print_shipment_report(c: CliContext, reports: Sequence[ShipmentReport]) -> None:
    for report in reports:
        top = report.top.label if report.top is not None else "none"
        title = f"{report.shipment.id} ({report.shipment.where}) — top severity {top}"
        if report.findings:
            c.console.print(_findings_table(title, report.findings))
        else:
            c.console.print(f"{escape(title)}: no findings")
    flagged = sum(1 for r in reports if r.findings)
    c.console.print(
        f"{len(reports)} shipment{'s' if len(reports) != 1 else ''} screened, "
        f"{flagged} with findings, {len(reports) - flagged} without."
    )
    every = [f for r in reports for f in r.findings]
    if every:
        c.console.print(_rule_counts(every))


@app.command("reference")
def reference(ctx: typer.Context) -> None:
    """List the reference data sets in force, with their versions and sources."""
    c = get(ctx)
    ref = Reference.load()
    table = Table(title="Reference data")
    for col in ("set", "version", "effective", "source"):
        table.add_column(col)
    for meta in (
        ref.chpl.meta,
        ref.hubs.meta,
        ref.partners.meta,
        ref.eu.meta,
        ref.pandi.meta,
        ref.iacs.meta,
        ref.mid.meta,
        ref.terminals.meta,
        ref.ports.meta,
    ):
        table.add_row(meta.set, meta.version, meta.effective.isoformat(), escape(meta.source))
    c.console.print(table)


def _iso(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d %H:%M")


def _events_table(events: Sequence[AisEvent], limit: int) -> Table:
    table = Table(title=f"AIS events (first {min(limit, len(events))} of {len(events)})")
    for col in ("rule", "kind", "mmsi", "other", "start (UTC)", "hours", "lat", "lon", "detail"):
        table.add_column(col)
    for e in events[:limit]:
        detail = ", ".join(f"{k}={v}" for k, v in e.detail.items())
        table.add_row(
            e.rule,
            e.kind,
            str(e.mmsi),
            str(e.other_mmsi or ""),
            _iso(e.start),
            f"{e.hours:.1f}",
            f"{e.lat:.4f}",
            f"{e.lon:.4f}",
            escape(detail),
        )
    return table


def _write_events(events: Sequence[AisEvent], path: Path) -> None:
    rows = [e.to_dict() for e in events]
    if path.suffix.lower() == ".json":
        path.write_text(json.dumps(rows, indent=2, default=str), encoding="utf-8")
        return
    columns = (
        sorted({k for row in rows for k in row}, key=lambda k: (k not in rows[0], k))
        if rows
        else ["kind"]
    )
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


@dataclass(frozen=True)
class _Analysed:
    """An AIS file's events and what reading it dropped."""

    events: tuple[AisEvent, ...]
    positions: int
    vessels: int
    dropped: dict[str, int]
    notes: list[str]

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(KINDS, 0)
        for e in self.events:
            counts[e.kind] += 1
        return counts


def _analyse_file(c: CliContext, path: Path, *, strict: bool, settings: AisSettings) -> _Analysed:
    """Read and analyse an AIS file with a progress bar (reading, then each detector)."""
    with _progress(c) as bar:
        task = bar.add_task(f"reading {path.name}", total=1 + len(STEPS))
        positions, report = read_positions(path, strict=strict)
        bar.update(task, advance=1, description=f"analysing {len(positions):,} positions")

        def step(name: str) -> None:
            bar.update(task, advance=1, description=f"analysing: {name} done")

        result = analyse(positions, Reference.load(), settings, on_step=step)
        bar.update(task, completed=1 + len(STEPS))
    for note in report.notes():
        c.err.print(f"[yellow]note:[/] {escape(note)}")
    return _Analysed(
        result.events, result.positions, result.vessels, report.dropped, report.notes()
    )


def _kinds_table(analysed: _Analysed) -> Table:
    counts = analysed.counts()
    table = Table(title="AIS behaviour report")
    for col in ("event", "rule", "title", "events", "vessels"):
        table.add_column(col)
    for kind in KINDS:
        vessels = len({e.mmsi for e in analysed.events if e.kind == kind})
        rule = RULE_OF[kind]
        table.add_row(kind, rule, RULES[rule].title, str(counts[kind]), str(vessels))
    return table


def _busiest_table(events: Sequence[AisEvent], top: int = 10) -> Table:
    per: dict[int, list[AisEvent]] = {}
    for e in events:
        per.setdefault(e.mmsi, []).append(e)
    ranked = sorted(per.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]
    table = Table(title=f"Vessels with the most events (top {len(ranked)} of {len(per)})")
    for col in ("mmsi", "events", "kinds"):
        table.add_column(col)
    for mmsi, found in ranked:
        kinds = sorted({e.kind for e in found})
        table.add_row(str(mmsi), str(len(found)), ", ".join(kinds))
    return table


@ais_app.command("analyze")
@app.command("ais")
def ais(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="AIS positions, CSV or Parquet.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write events to .csv or .json.")
    ] = None,
    strict: Annotated[
        bool, typer.Option(help="Refuse unknown columns and unreadable rows instead of dropping.")
    ] = False,
    gap_hours: Annotated[float, typer.Option(help="M3 gap threshold in hours.")] = 12.0,
    limit: Annotated[int, typer.Option(help="Events shown in the table.")] = 50,
    as_json: JsonOpt = False,
) -> None:
    """Analyse AIS positions: gaps, spoofing jumps, ship-to-ship encounters, loitering, calls."""
    c = get(ctx)
    result = _analyse_file(c, path, strict=strict, settings=AisSettings(gap_hours=gap_hours))
    if output is not None:
        _write_events(result.events, output)
    counts = result.counts()
    if as_json:
        _echo_json(
            {
                "positions": result.positions,
                "vessels": result.vessels,
                "dropped": result.dropped,
                "notes": result.notes,
                "counts": counts,
                "events": [e.to_dict() for e in result.events],
            }
        )
        return
    c.console.print(
        f"{result.positions:,} positions of {result.vessels:,} vessels; "
        + ", ".join(f"{k}: {counts[k]}" for k in KINDS)
    )
    c.console.print(_kinds_table(result))
    if result.events:
        c.console.print(_busiest_table(result.events))
        c.console.print(_events_table(result.events, limit))
    if output is not None:
        c.console.print(f"{len(result.events)} events written to {escape(str(output))}")


@ais_app.command("simulate")
@app.command("simulate")
def simulate_tracks(
    ctx: typer.Context,
    output: Annotated[Path, typer.Argument(help="Positions file to write (.parquet or .csv).")],
    vessels: Annotated[int, typer.Option(help="Number of vessels.")] = 200,
    days: Annotated[float, typer.Option(help="Days simulated.")] = 10.0,
    interval: Annotated[float, typer.Option(help="Mean seconds between fixes.")] = 180.0,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 7,
    truth: Annotated[
        Path | None, typer.Option(help="Write the injected events (truth) to this CSV.")
    ] = None,
) -> None:
    """Write simulated voyages with injected gaps, jumps, encounters, loitering and calls."""
    c = get(ctx)
    settings = SimulationSettings(vessels=vessels, days=days, interval_s=interval, seed=seed)
    with c.err.status("Simulating…"):
        sim = simulate(Reference.load(), settings)
        write_positions(sim.positions, output)
    if truth is not None:
        with truth.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["kind", "mmsi", "other_mmsi", "start", "end"])
            for t in sim.truth:
                writer.writerow([t.kind, t.mmsi, t.other_mmsi or "", t.start, t.end])
    c.console.print(
        f"wrote {len(sim.positions):,} positions of {vessels} vessels to {output} "
        f"with {len(sim.truth)} injected events"
    )
