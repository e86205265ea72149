"""Screening a whole customer book: queries in chunks through the matcher, hits to a writer.

Bad rows are reported through a callback as they are met and counted in the summary; the
batch goes on. Progress is reported per record so a caller can drive a progress bar.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from sanctionguard.match.screener import Screener
from sanctionguard.match.types import Query
from sanctionguard.screen.book import BadRow, Book, BookRecord, BookRow
from sanctionguard.screen.parallel import Answer, WorkerPool
from sanctionguard.screen.results import HitRow, HitWriter

CHUNK = 256


@dataclass
class BatchSummary:
    """What a batch did: records read and screened, records with hits, hits, bad rows."""

    records: int = 0
    screened: int = 0
    with_hits: int = 0
    hits: int = 0
    bad_rows: list[BadRow] = field(default_factory=list)


def _tally(
    chunk: Sequence[BookRow],
    answers: Sequence[Answer],
    summary: BatchSummary,
    on_bad_row: Callable[[BadRow], None],
) -> list[HitRow]:
    """Count the chunk's answers; report its bad rows in line order; return its hits."""
    found = iter(answers)  # one answer per record, in the chunk's order
    rows: list[HitRow] = []

    def report(bad: BadRow) -> None:
        summary.bad_rows.append(bad)
        on_bad_row(bad)

    for row in chunk:
        if isinstance(row, BadRow):
            report(row)
            continue
        answer = next(found)
        if answer.error is not None:
            report(BadRow(row.line, row.query.id, answer.error))
            continue
        summary.screened += 1
        summary.with_hits += bool(answer.hits)
        summary.hits += len(answer.hits)
        rows += answer.hits
    return rows


def _chunks(rows: Iterator[BookRow], size: int, summary: BatchSummary) -> Iterator[list[BookRow]]:
    chunk: list[BookRow] = []
    for row in rows:
        summary.records += 1
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def screen_book(
    book: Book,
    screener: Screener,
    writer: HitWriter,
    *,
    on_bad_row: Callable[[BadRow], None] = lambda _: None,
    on_progress: Callable[[int], None] = lambda _: None,
    chunk_size: int = CHUNK,
    workers: int = 1,
) -> BatchSummary:
    """Screen every record of ``book``; write each hit (score at or over the threshold).

    Rows the reader could not turn into a query, and queries the matcher refuses (no usable
    name and no identifier, an over-long name, an unknown schema or country...), become bad
    rows with their line numbers, reported in line order; the batch goes on. With
    ``workers`` > 1 the records are screened on that many forked processes sharing the
    index; the output is the same, in the same order.
    """
    summary = BatchSummary()
    chunks = list[list[BookRow]]()
    source = _chunks(book.rows, chunk_size, summary)

    def queries() -> Iterator[list[Query]]:
        for chunk in source:
            chunks.append(chunk)
            yield [row.query for row in chunk if isinstance(row, BookRecord)]

    with WorkerPool(screener, workers) as pool:
        for answers in pool.map(queries()):
            chunk = chunks.pop(0)
            writer.write(_tally(chunk, answers, summary, on_bad_row))
            on_progress(len(chunk))
    return summary
