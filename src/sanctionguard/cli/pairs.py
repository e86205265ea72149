"""``sanctionguard pairs``: score name pairs, and validate the matcher on labelled pairs.

``score`` adds ``score`` and ``match`` columns to a CSV of pairs; ``evaluate`` scores a
labelled CSV and prints precision, recall and F1 at the threshold and over a threshold sweep,
per category: the model-validation report regulators ask for (NYDFS Part 504, Wolfsberg).
Both compare the two sides with ``sanctionguard.match.screener.compare``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from sanctionguard.cli.context import get
from sanctionguard.errors import ListFormatError, SanctionguardError
from sanctionguard.match.evaluate import (
    LabelledScore,
    default_thresholds,
    format_report,
    validation_report,
)
from sanctionguard.match.screener import compare
from sanctionguard.match.types import DEFAULT_THRESHOLD, Algorithm, Query
from sanctionguard.screen.records import COUNTRY_FIELDS, ID_FIELDS, query_from_fields
from sanctionguard.sources.base import Limits
from sanctionguard.sources.textio import csv_dicts, read_text

app = typer.Typer(
    help="Score name pairs, and validate the matcher on labelled pairs.",
    no_args_is_help=True,
)

# Fields each side may carry as ``<field>1`` / ``<field>2``; ``schema`` without a number
# applies to both sides.
SIDE_FIELDS = ("name", "schema", "type", "birth_date", "gender", *COUNTRY_FIELDS, *ID_FIELDS)
SHARED_FIELDS = ("schema", "type")
REQUIRED = ("name1", "name2")
TRUE_LABELS = frozenset({"1", "true", "yes", "y", "t", "match"})
FALSE_LABELS = frozenset({"0", "false", "no", "n", "f", "no-match", "nomatch"})
EXIT_BAD_ROWS = 3  # as ``screen``: finished, but some rows could not be scored


@dataclass(frozen=True)
class Pair:
    """One row of a pairs file: its line, its cells, and the two records it compares or why
    they cannot be read."""

    line: int
    cells: dict[str, str]
    left: Query | None
    right: Query | None
    error: ListFormatError | None = None


def side_fields(cells: dict[str, str], side: str) -> dict[str, str]:
    """The fields of one side (``"1"`` or ``"2"``): shared columns, then its own columns."""
    fields = {f: cells[f] for f in SHARED_FIELDS if cells.get(f, "").strip()}
    for name in SIDE_FIELDS:
        value = cells.get(f"{name}{side}", "")
        if value.strip():
            fields[name] = value
    return fields


def read_pairs(
    path: Path, limits: Limits, extra: tuple[str, ...] = ()
) -> tuple[list[str], Iterator[Pair]]:
    """The header and the pairs of a CSV file.

    Raises ``ListFormatError`` naming the file and line for a file that is not UTF-8 CSV, lacks
    ``name1``, ``name2`` or a column of ``extra``, or has a row longer than its header. A row
    whose cells cannot be read (a date that is not one) comes with its ``error`` set.
    """
    text = read_text(path, limits)
    rows = csv_dicts(text, path, required=(*REQUIRED, *extra))
    header = [h.strip().lstrip("\ufeff") for h in next(csv.reader(io.StringIO(text)))]

    def pairs() -> Iterator[Pair]:
        for line, cells in rows:
            try:
                left = query_from_fields(side_fields(cells, "1"), f"{line}:1")
                right = query_from_fields(side_fields(cells, "2"), f"{line}:2")
            except SanctionguardError as exc:
                yield Pair(line, cells, None, None, ListFormatError(path, str(exc), line=line))
                continue
            yield Pair(line, cells, left, right)

    return header, pairs()


def score_pair(pair: Pair, path: Path, algorithm: Algorithm) -> float:
    """The score of one pair; ``ListFormatError`` with the line when a side cannot be scored."""
    if pair.error is not None:
        raise pair.error
    assert pair.left is not None and pair.right is not None
    try:
        return compare(pair.left, pair.right, algorithm).score
    except SanctionguardError as exc:
        raise ListFormatError(path, str(exc), line=pair.line) from exc


def parse_label(value: str | None, path: Path, line: int) -> bool:
    """An ``is_match`` cell as a boolean: 1/0, true/false, yes/no, match/no-match."""
    text = (value or "").strip().lower()
    if text in TRUE_LABELS:
        return True
    if text in FALSE_LABELS:
        return False
    raise ListFormatError(
        path, f"is_match is {value!r}: write 1 or 0 (true/false, yes/no)", line=line
    )


FileArg = Annotated[
    Path, typer.Argument(exists=True, dir_okay=False, help="CSV of pairs: name1,name2[,schema…]")
]
ThresholdOpt = Annotated[
    float, typer.Option(min=0.0, max=1.0, help="Scores at or above it are a match.")
]
AlgorithmOpt = Annotated[Algorithm, typer.Option(help="Scoring algorithm.")]


@app.command("score")
def score(
    ctx: typer.Context,
    file: FileArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="CSV to write.")],
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    algorithm: AlgorithmOpt = Algorithm.BEST,
) -> None:
    """Add ``score`` and ``match`` columns to a CSV of name pairs.

    Columns: ``name1``, ``name2``, optional ``schema`` (both sides) and per-side attributes
    ``schema1``, ``birth_date1``, ``country1``, ``nationality1``, ``gender1``, ``imo1``,
    ``passport1``… (and the same with 2). A row that cannot be scored is reported with its line
    and written with empty ``score`` and ``match``; the command then exits with code 3.
    """
    c = get(ctx)
    header, pairs = read_pairs(file, c.limits)
    columns = [*header, *(col for col in ("score", "match") if col not in header)]
    scored = bad = 0
    with output.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for pair in pairs:
            try:
                value = score_pair(pair, file, algorithm)
            except ListFormatError as exc:
                bad += 1
                c.err.print(f"[yellow]skipped[/] {escape(str(exc))}", highlight=False)
                writer.writerow({**pair.cells, "score": "", "match": ""})
                continue
            scored += 1
            match = "true" if value >= threshold else "false"
            writer.writerow({**pair.cells, "score": f"{value:.4f}", "match": match})
    c.err.print(f"{scored} pairs scored, {bad} skipped → {escape(str(output))}")
    if bad:
        raise typer.Exit(EXIT_BAD_ROWS)


@app.command("evaluate")
def evaluate(
    ctx: typer.Context,
    file: FileArg,
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    sweep_from: Annotated[float, typer.Option(min=0.0, max=1.0)] = 0.5,
    sweep_to: Annotated[float, typer.Option(min=0.0, max=1.0)] = 0.95,
    sweep_step: Annotated[float, typer.Option(min=0.001, max=1.0)] = 0.05,
    algorithm: AlgorithmOpt = Algorithm.BEST,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Precision, recall and F1 on a labelled CSV of pairs, at the threshold and over a sweep.

    The file is a pairs file (see ``pairs score``) with an ``is_match`` column (1/0,
    true/false) and, optionally, a ``category`` column: each category is then reported on its
    own beside the whole set. Every row must score: the first that cannot stops the run with
    its line, since a validation report must not silently leave cases out.
    """
    c = get(ctx)
    if sweep_to < sweep_from:
        raise typer.BadParameter("--sweep-to must not be below --sweep-from")
    _, pairs = read_pairs(file, c.limits, extra=("is_match",))
    items: list[LabelledScore] = []
    for pair in pairs:
        label = parse_label(pair.cells.get("is_match"), file, pair.line)
        value = score_pair(pair, file, algorithm)
        items.append(LabelledScore(value, label, (pair.cells.get("category") or "").strip()))
    if not items:
        raise ListFormatError(file, "no pairs to evaluate", line=2)
    report = validation_report(
        items, threshold, default_thresholds(sweep_from, sweep_to, sweep_step)
    )
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        typer.echo(format_report(report))
