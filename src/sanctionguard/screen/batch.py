"""Screening a whole customer book: queries in chunks through the matcher, hits to a writer.

Bad rows are reported through a callback as they are met and counted in the summary; the
batch goes on. Progress is reported per record so a caller can drive a progress bar.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sanctionguard.match.screener import Screener
from sanctionguard.screen.book import BadRow, Book, BookRecord, BookRow
from sanctionguard.screen.results import HitRow, HitWriter, hit_row

CHUNK = 256


@dataclass
class BatchSummary:
    """What a batch did: records read and screened, records with hits, hits, bad rows."""

    records: int = 0
    screened: int = 0
    with_hits: int = 0
    hits: int = 0
    bad_rows: list[BadRow] = field(default_factory=list)


def _screen_chunk(
    screener: Screener,
    chunk: Sequence[BookRow],
    summary: BatchSummary,
    on_bad_row: Callable[[BadRow], None],
) -> list[HitRow]:
    """Screen the chunk's records; report its bad rows in line order."""
    records = [row for row in chunk if isinstance(row, BookRecord)]
    items = iter(screener.match_many(record.query for record in records))
    rows: list[HitRow] = []

    def report(bad: BadRow) -> None:
        summary.bad_rows.append(bad)
        on_bad_row(bad)

    for row in chunk:
        if isinstance(row, BadRow):
            report(row)
            continue
        item = next(items)  # match_many answers in query order
        if item.error is not None:
            report(BadRow(row.line, row.query.id, str(item.error)))
            continue
        hits = [r for r in item.results if r.match]
        summary.screened += 1
        summary.with_hits += bool(hits)
        summary.hits += len(hits)
        rows += [hit_row(row.query, r) for r in hits]
    return rows


def screen_book(
    book: Book,
    screener: Screener,
    writer: HitWriter,
    *,
    on_bad_row: Callable[[BadRow], None] = lambda _: None,
    on_progress: Callable[[int], None] = lambda _: None,
    chunk_size: int = CHUNK,
) -> BatchSummary:
    """Screen every record of ``book``; write each hit (score at or over the threshold).

    Rows the reader could not turn into a query, and queries the matcher refuses (no usable
    name and no identifier, an over-long name, an unknown schema or country...), become bad
    rows with their line numbers, reported in line order; the batch goes on.
    """
    summary = BatchSummary()
    chunk: list[BookRow] = []
    for row in book.rows:
        summary.records += 1
        chunk.append(row)
        if len(chunk) >= chunk_size:
            writer.write(_screen_chunk(screener, chunk, summary, on_bad_row))
            on_progress(len(chunk))
            chunk.clear()
    if chunk:
        writer.write(_screen_chunk(screener, chunk, summary, on_bad_row))
        on_progress(len(chunk))
    return summary
