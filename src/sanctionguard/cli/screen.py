"""``sanctionguard screen``: screen one name, or a customer book file, against a snapshot.

One name (with optional schema, birth date, countries, gender and identifiers) prints a table
of matches with their reasons, or JSON. A book (CSV, JSON lines or Parquet) is screened with a
progress bar; hits go to ``--output`` in the format its extension names, or to a table.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from click import UsageError
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sanctionguard.cli.context import CliContext, get
from sanctionguard.match.query import prepare
from sanctionguard.match.screener import Screener
from sanctionguard.match.types import Algorithm, MatchSettings
from sanctionguard.screen.batch import BatchSummary, screen_book
from sanctionguard.screen.book import BadRow, Book, open_book
from sanctionguard.screen.delta import changed_index
from sanctionguard.screen.derived import has_ownership_data, with_ownership
from sanctionguard.screen.formats import row_format
from sanctionguard.screen.parallel import usable_cores
from sanctionguard.screen.records import query_from_fields
from sanctionguard.screen.results import HitRow, HitWriter, hit_row, open_hit_writer

# Exit code of a batch that finished but left bad rows unscreened: a scheduled job must notice.
EXIT_BAD_ROWS = 3


class _Collected:
    """A hit writer that keeps the rows, for printing them as a table or JSON."""

    def __init__(self) -> None:
        self.rows: list[HitRow] = []

    def write(self, rows: Sequence[HitRow]) -> None:
        self.rows += rows


def _settings(overrides: dict[str, Any]) -> MatchSettings:
    return dataclasses.replace(
        MatchSettings(), **{k: v for k, v in overrides.items() if v is not None}
    )


def build_screener(
    c: CliContext, snapshot: str, settings: MatchSettings, ownership: bool | None = None
) -> Screener:
    """The snapshot's screener (compiled once per snapshot, then loaded from the cache), with
    the companies blocked by ownership when ownership data is loaded (or asked for)."""
    store = c.store()
    with c.err.status("Compiling the screening index…"):
        screener = Screener.from_store(
            store, snapshot=snapshot, settings=settings, cache_dir=c.settings.index_cache_dir
        )
    use = has_ownership_data(store) if ownership is None else ownership
    if not use:
        return screener
    with c.err.status("Deriving companies blocked by ownership…"):
        merged, count = with_ownership(
            store, screener, snapshot, cache_dir=c.settings.index_cache_dir
        )
    c.err.print(f"{count:,} compan(ies) blocked or undetermined by ownership also screened.")
    return merged


def _hits_table(title: str, rows: Sequence[HitRow], *, with_record: bool) -> Table:
    table = Table(title=escape(title))
    columns = ["record"] if with_record else []
    for col in (*columns, "score", "listed entity", "schema", "lists", "refs", "why"):
        table.add_column(col, justify="right" if col == "score" else "left")
    for row in rows:
        cells = [escape(f"{row.id} {row.name}")] if with_record else []
        table.add_row(
            *cells,
            f"{row.score:.2f}",
            escape(row.caption),
            row.schema,
            escape("\n".join(row.lists)),
            escape("\n".join(row.source_ids)),
            escape("\n".join(row.reasons)),
        )
    return table


def _print_json(rows: Sequence[HitRow]) -> None:
    typer.echo(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))


def screen_name(
    c: CliContext,
    fields: dict[str, Any],
    snapshot: str,
    settings: MatchSettings,
    as_json: bool,
    ownership: bool | None = None,
) -> None:
    """Screen one record given on the command line; print its matches."""
    query = query_from_fields(fields)
    prepare(query)  # refuse a bad query before compiling the index
    screener = build_screener(c, snapshot, settings, ownership)
    rows = [hit_row(query, r) for r in screener.match(query) if r.match]
    if as_json:
        _print_json(rows)
        return
    label = " / ".join(query.names) or ", ".join(f"{i.kind} {i.value}" for i in query.identifiers)
    title = f"{len(rows)} match(es) for {label} (threshold {settings.threshold})"
    c.console.print(_hits_table(title, rows, with_record=False))


def _run_batch(
    c: CliContext, book: Book, screener: Screener, writer: HitWriter, workers: int
) -> BatchSummary:
    def bad_row(row: BadRow) -> None:
        who = f" (id {row.id})" if row.id else ""
        c.err.print(
            f"[yellow]bad row[/] {escape(str(book.path))}:{row.line}{who}: {escape(row.reason)}",
            highlight=False,
        )

    columns = (TextColumn("screening"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=c.err) as progress:
        task = progress.add_task("screen", total=book.size or None)
        summary = screen_book(
            book,
            screener,
            writer,
            on_bad_row=bad_row,
            on_progress=lambda n: progress.advance(task, n),
            workers=workers,
        )
        progress.update(task, total=summary.records, completed=summary.records)
    return summary


def _print_summary(c: CliContext, book: Book, summary: BatchSummary) -> None:
    c.err.print(
        f"Screened {summary.screened:,} of {summary.records:,} record(s) in "
        f"{escape(str(book.path))}: {summary.with_hits:,} with hits ({summary.hits:,} hits).",
        highlight=False,
    )
    if summary.bad_rows:
        lines = ", ".join(str(b.line) for b in summary.bad_rows[:50])
        more = "…" if len(summary.bad_rows) > 50 else ""
        c.err.print(
            f"[bold yellow]{len(summary.bad_rows):,} bad row(s) not screened[/] "
            f"(line(s) {lines}{more}); fix them and screen them again.",
            highlight=False,
        )


def screen_file(
    c: CliContext,
    path: Path,
    output: Path | None,
    snapshot: str,
    settings: MatchSettings,
    as_json: bool,
    workers: int = 1,
    *,
    changed_since: str | None = None,
    ownership: bool | None = None,
) -> int:
    """Screen a customer book; returns the exit code (``EXIT_BAD_ROWS`` if rows were bad)."""
    if output is not None:
        row_format(output)  # an unusable output name fails before the work, not after
        if output.exists() and output.resolve() == path.resolve():
            raise UsageError("--output must not be the book being screened")
    book = open_book(path, c.limits)
    if changed_since is None:
        screener = build_screener(c, snapshot, settings, ownership)
    else:
        with c.err.status("Compiling the index of changed entries…"):
            delta = changed_index(c.store(), changed_since, snapshot)
        c.err.print(f"{len(delta.entities):,} entries added or changed since {changed_since}.")
        screener = Screener(delta, settings)
    if output is not None:
        with open_hit_writer(output) as writer:
            summary = _run_batch(c, book, screener, writer, workers)
        c.err.print(f"Wrote {summary.hits:,} hit row(s) to {escape(str(output))}.")
    else:
        collected = _Collected()
        summary = _run_batch(c, book, screener, collected, workers)
        if as_json:
            _print_json(collected.rows)
        else:
            title = (
                f"{summary.hits} hit(s) for {summary.with_hits} of {summary.screened} "
                f"record(s) (threshold {settings.threshold})"
            )
            c.console.print(_hits_table(title, collected.rows, with_record=True))
    _print_summary(c, book, summary)
    return EXIT_BAD_ROWS if summary.bad_rows else 0


class Engine(StrEnum):
    LOCAL = "local"
    SPARK = "spark"


def screen_with_spark(
    c: CliContext,
    input_path: Path,
    output: Path,
    snapshot: str,
    settings: MatchSettings,
    master: str,
    changed_since: str | None = None,
) -> None:
    """Screen a Parquet folder (or file) on Spark into a new Parquet folder."""
    from sanctionguard.spark.engine import (
        changed_index_file,
        index_file,
        screen_parquet,
        spark_session,
    )

    cache_dir = c.settings.index_cache_dir
    with c.err.status("Compiling the screening index…"):
        if changed_since is None:
            index_path = index_file(c.store(), snapshot, cache_dir)
        else:
            index_path, count = changed_index_file(c.store(), changed_since, snapshot, cache_dir)
            c.err.print(f"{count:,} entries added or changed since {changed_since}.")
    with c.err.status(f"Screening {input_path} on Spark ({master})…"):
        spark = spark_session(master)
        try:
            records, hits, bad = screen_parquet(spark, input_path, output, index_path, settings)
        finally:
            spark.stop()
    c.err.print(
        f"Screened {records:,} record(s) from {escape(str(input_path))} on Spark: {hits:,} hit "
        f"row(s) and {bad:,} bad record(s) written to {escape(str(output))}.",
        highlight=False,
    )
    if bad:
        raise typer.Exit(EXIT_BAD_ROWS)


def _book_path(target: str | None, input_path: Path | None) -> Path | None:
    if input_path is not None:
        if target is not None:
            raise UsageError("give either a NAME or --input FILE, not both")
        return input_path
    if target is not None and _is_file(target):
        return Path(target)
    return None


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # a name too long for a path, or with a NUL byte
        return False


def screen(
    ctx: typer.Context,
    target: Annotated[
        str | None,
        typer.Argument(
            metavar="[NAME | FILE]",
            help="A name to screen; or an existing customer-book file (same as --input).",
        ),
    ] = None,
    input_path: Annotated[
        Path | None,
        typer.Option(
            "--input",
            "-i",
            help="Customer book to screen: .csv, .jsonl or .parquet with columns id, name "
            "and optional schema/type, birth_date, country, nationality, gender, imo, mmsi, "
            "bic, lei, inn, ogrn, passport.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write hits here (.csv, .jsonl or .parquet); needs a book."
        ),
    ] = None,
    schema: Annotated[
        str | None, typer.Option(help="Person, Organization, Company, Vessel, Airplane...")
    ] = None,
    birth_date: Annotated[
        str | None, typer.Option(help="Birth date: YYYY-MM-DD, YYYY-MM or YYYY.")
    ] = None,
    country: Annotated[
        list[str] | None,
        typer.Option(help="Country, nationality or flag (ISO code or name); repeatable."),
    ] = None,
    gender: Annotated[str | None, typer.Option(help="male or female.")] = None,
    imo: Annotated[str | None, typer.Option(help="IMO number (vessel or company).")] = None,
    mmsi: Annotated[str | None, typer.Option(help="MMSI of a vessel.")] = None,
    bic: Annotated[str | None, typer.Option(help="BIC / SWIFT code.")] = None,
    lei: Annotated[str | None, typer.Option(help="Legal Entity Identifier.")] = None,
    inn: Annotated[str | None, typer.Option(help="Russian taxpayer number (INN).")] = None,
    ogrn: Annotated[str | None, typer.Option(help="Russian registration number (OGRN).")] = None,
    passport: Annotated[str | None, typer.Option(help="Passport number.")] = None,
    threshold: Annotated[
        float | None, typer.Option(min=0.0, max=1.0, help="Minimum score to report.")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Most matches per record (default 10).")
    ] = None,
    algorithm: Annotated[Algorithm | None, typer.Option(help="Scoring algorithm.")] = None,
    snapshot: Annotated[str, typer.Option(help="Snapshot id, current or current~N.")] = "current",
    as_json: Annotated[bool, typer.Option("--json", help="Print matches as JSON.")] = False,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Processes screening a book (default: every usable core)."),
    ] = None,
    engine: Annotated[
        Engine, typer.Option(help="local: this machine's cores; spark: a Spark cluster.")
    ] = Engine.LOCAL,
    master: Annotated[
        str, typer.Option(help="Spark master URL for --engine spark (e.g. local[2], yarn).")
    ] = "local[*]",
    changed_since: Annotated[
        str | None,
        typer.Option(
            help="Screen only against entries added or changed since this snapshot "
            "(id or current~N): the delta screen after a listing."
        ),
    ] = None,
    ownership: Annotated[
        bool | None,
        typer.Option(
            "--ownership/--no-ownership",
            help="Also screen against companies blocked by ownership (OFAC/EU/UK 50% rules) "
            "derived from loaded ownership data (default: when ownership data is loaded).",
        ),
    ] = None,
) -> None:
    """Screen a name, or every record of a customer book, against a list snapshot.

    A book's bad rows (no name and no identifier, invalid date, unknown schema...) are
    reported with their line numbers and skipped; the batch goes on and exits with code 3.
    """
    c = get(ctx)
    fields: dict[str, Any] = {
        "schema": schema,
        "birth_date": birth_date,
        "country": country or [],
        "gender": gender,
        "imo": imo,
        "mmsi": mmsi,
        "bic": bic,
        "lei": lei,
        "inn": inn,
        "ogrn": ogrn,
        "passport": passport,
    }
    settings = _settings({"threshold": threshold, "limit": limit, "algorithm": algorithm})
    book_path = _book_path(target, input_path)
    if book_path is None:
        if output is not None:
            raise UsageError("--output needs a customer book: --input FILE")
        if target is None and not any(fields.values()):
            raise UsageError("give a NAME, an identifier option or --input FILE")
        screen_name(c, {**fields, "name": target}, snapshot, settings, as_json, ownership)
        return
    given = [f"--{k.replace('_', '-')}" for k, v in fields.items() if v]
    if given:
        raise UsageError(
            f"{', '.join(given)} describe(s) one name; a book gives them in its columns"
        )
    if engine is Engine.SPARK:
        if output is None:
            raise UsageError("--engine spark needs --output DIR (a new Parquet folder)")
        screen_with_spark(c, book_path, output, snapshot, settings, master, changed_since)
        return
    cores = workers if workers is not None else usable_cores()
    code = screen_file(
        c,
        book_path,
        output,
        snapshot,
        settings,
        as_json,
        cores,
        changed_since=changed_since,
        ownership=ownership,
    )
    if code:
        raise typer.Exit(code)
