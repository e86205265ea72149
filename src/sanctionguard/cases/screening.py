"""Matching the stored book: customers in, per-customer hits out, in worker processes.

This module does no database writes: it turns customers into ``CustomerOutcome`` values (the
hits carry what an alert stores), so a run can screen first and write everything in one short
transaction afterwards. Workers are forked, so the compiled index is shared, not pickled.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from sanctionguard.cases.book import Customer
from sanctionguard.errors import SanctionguardError
from sanctionguard.match.screener import Screener
from sanctionguard.match.types import MatchResult
from sanctionguard.model.entry import canonical_json
from sanctionguard.screen.records import query_from_fields

CHUNK = 256  # small enough that a run of a few thousand customers keeps every worker busy


@dataclass(frozen=True, slots=True)
class Hit:
    """One listed entity a customer matched, with what an alert stores about it."""

    list_name: str
    entity_id: str
    caption: str
    schema: str
    lists: tuple[str, ...]
    source_ids: tuple[str, ...]
    score: float
    explanation: str  # canonical JSON of ``MatchResult.explanation()``
    record: str  # canonical JSON of the listed record


@dataclass(frozen=True, slots=True)
class CustomerOutcome:
    customer_id: str
    hits: tuple[Hit, ...]
    error: str | None = None


def _hit(result: MatchResult) -> Hit:
    return Hit(
        list_name=result.lists[0] if result.lists else "",
        entity_id=result.entity_id,
        caption=result.caption,
        schema=result.schema,
        lists=result.lists,
        source_ids=result.source_ids,
        score=result.score,
        explanation=canonical_json(result.explanation()),
        record=canonical_json(result.record),
    )


def screen_one(
    screener: Screener, item: tuple[str, dict[str, Any]], threshold: float
) -> CustomerOutcome:
    """The hits of one ``(customer_id, record)`` at or above the threshold."""
    cid, record = item
    try:
        results = screener.match(query_from_fields(record, cid), threshold=threshold)
    except SanctionguardError as exc:
        return CustomerOutcome(cid, (), str(exc))
    return CustomerOutcome(cid, tuple(_hit(r) for r in results if r.match))


# The screener of a forked worker process, set once by ``_start_worker``; a process-local
# slot, because the index must be inherited through fork rather than pickled per task.
_WORKER: dict[str, Any] = {}


def _start_worker(screener: Screener, threshold: float) -> None:
    _WORKER["screener"] = screener
    _WORKER["threshold"] = threshold


def _screen_chunk(chunk: Sequence[tuple[str, dict[str, Any]]]) -> list[CustomerOutcome]:
    screener: Screener = _WORKER["screener"]
    threshold: float = _WORKER["threshold"]
    return [screen_one(screener, item, threshold) for item in chunk]


def _chunks(customers: Iterable[Customer]) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    chunk: list[tuple[str, dict[str, Any]]] = []
    for c in customers:
        chunk.append((c.customer_id, c.record))
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def screen_customers(
    screener: Screener,
    customers: Iterable[Customer],
    threshold: float,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Iterator[CustomerOutcome]:
    """Screen customers, in ``workers`` forked processes when more than one (and this process
    runs no other thread); outcomes come in customer order."""
    # Forking a process that runs other threads (a web server's pool) can copy a held lock
    # into the child and hang it: there, screen in this thread instead.
    if workers <= 1 or threading.active_count() > 1:
        for chunk in _chunks(customers):
            yield from (screen_one(screener, item, threshold) for item in chunk)
            if progress is not None:
                progress(len(chunk))
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(screener, threshold)
    ) as pool:
        # A bounded window of chunks in flight: a million-customer book is never queued whole.
        pending: deque[Future[list[CustomerOutcome]]] = deque()
        for chunk in _chunks(customers):
            pending.append(pool.submit(_screen_chunk, chunk))
            if len(pending) >= workers * 3:
                yield from _drain(pending.popleft(), progress)
        while pending:
            yield from _drain(pending.popleft(), progress)


def _drain(
    future: Future[list[CustomerOutcome]], progress: Callable[[int], None] | None
) -> list[CustomerOutcome]:
    outcomes = future.result()
    if progress is not None:
        progress(len(outcomes))
    return outcomes


StoredRow = tuple[str, str, str, str]  # customer id, first name, record JSON, content hash
Predicate = Callable[[str, str], bool]  # (first name, record JSON) → worth screening


def _start_filter(predicate: Predicate) -> None:
    _WORKER["filter"] = predicate


def _filter_chunk(rows: Sequence[StoredRow]) -> list[bool]:
    predicate: Predicate = _WORKER["filter"]
    return [predicate(row[1], row[2]) for row in rows]


def filter_rows(
    predicate: Predicate, rows: Iterable[StoredRow], workers: int = 1
) -> Iterator[tuple[StoredRow, bool]]:
    """Each stored customer row with the predicate's verdict, in row order; in ``workers``
    forked processes when more than one (and this process runs no other thread)."""
    chunks = _row_chunks(rows)
    if workers <= 1 or threading.active_count() > 1:
        for chunk in chunks:
            yield from ((row, predicate(row[1], row[2])) for row in chunk)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_filter, initargs=(predicate,)
    ) as pool:
        pending: deque[tuple[list[StoredRow], Future[list[bool]]]] = deque()
        for chunk in chunks:
            pending.append((chunk, pool.submit(_filter_chunk, chunk)))
            if len(pending) >= workers * 3:
                done, future = pending.popleft()
                yield from zip(done, future.result(), strict=True)
        while pending:
            done, future = pending.popleft()
            yield from zip(done, future.result(), strict=True)


def _row_chunks(rows: Iterable[StoredRow], size: int = 10_000) -> Iterator[list[StoredRow]]:
    chunk: list[StoredRow] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
