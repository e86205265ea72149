"""``sanctionguard screen``: screen a customer book against a snapshot and show the hits."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from sanctionguard.cli.context import get
from sanctionguard.screen.baseline import BaselineIndex, Hit
from sanctionguard.screen.book import read_book

HIT_COLUMNS = [
    "customer_id",
    "customer_name",
    "score",
    "entity_id",
    "caption",
    "schema",
    "list",
    "source_id",
    "programs",
    "reasons",
]


def _hit_row(hit: Hit) -> dict[str, object]:
    return {
        "customer_id": hit.customer.id,
        "customer_name": hit.customer.name,
        "score": hit.score,
        "entity_id": hit.entity.entity_id,
        "caption": hit.entity.caption,
        "schema": hit.entity.schema,
        "list": hit.entity.list_name,
        "source_id": hit.entity.source_id,
        "programs": "; ".join(hit.entity.record.get("programs", [])),
        "reasons": "; ".join(hit.reasons),
    }


def screen(
    ctx: typer.Context,
    book: Annotated[Path, typer.Argument(help="Customer book CSV (columns id, name, type, ...).")],
    threshold: Annotated[float, typer.Option(min=0.0, max=1.0, help="Minimum score.")] = 0.85,
    snapshot: Annotated[str, typer.Option(help="Snapshot id, current or current~N.")] = "current",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write hits as CSV.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print hits as JSON.")] = False,
) -> None:
    """Screen every customer of a book against a snapshot; print the hits with their reasons."""
    c = get(ctx)
    store = c.store()
    customers = read_book(book, c.limits)
    index = BaselineIndex(store.entities(store.resolve(snapshot)))
    hits = [h for customer in customers for h in index.screen(customer, threshold)]
    rows = [_hit_row(h) for h in hits]
    if output is not None:
        with output.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=HIT_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(
        title=f"{len(hits)} hit(s) for {len(customers)} customer(s) (threshold {threshold})"
    )
    for col in ("customer", "score", "listed entry", "list", "ref", "why"):
        table.add_column(col)
    for hit in hits:
        table.add_row(
            escape(f"{hit.customer.id} {hit.customer.name}"),
            f"{hit.score:.2f}",
            escape(f"{hit.entity.caption} ({hit.entity.schema})"),
            hit.entity.list_name,
            hit.entity.source_id,
            escape("; ".join(hit.reasons)),
        )
    c.console.print(table)
