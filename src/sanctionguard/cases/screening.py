"""Matching the stored book: customers in, per-customer hits out, in worker processes.

This module does no database writes: it turns customers into ``CustomerOutcome`` values (the
hits carry what an alert stores), so a run can screen first and write everything in one short
transaction afterwards. Workers are forked, so the compiled index is shared, not pickled.
"""

from __future__ import annotations

import json
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
from sanctionguard.screen.heap import CacheFreezer, frozen_heap
from sanctionguard.screen.records import query_from_fields

CHUNK = 256  # the smallest chunk: a run of a few thousand customers keeps every worker busy
MAX_CHUNK = 2048  # the largest: fewer round trips on a big book, a short tail at its end
CHUNKS_PER_WORKER = 32  # a run is cut in at least this many chunks per worker (a short tail)

# A customer to screen: its id and its book fields, as stored (JSON text) or decoded; the
# text is decoded in the worker, so the parent, which shares the cores, does not.
Item = tuple[str, str | dict[str, Any]]


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


@dataclass(frozen=True, slots=True)
class Screened:
    """A chunk screened: every customer id in it, in order, and the outcomes of those with
    hits or an error, in the same order (every other customer had no hit). Workers send back
    only ``found``, so a book of mostly clean customers costs next to nothing to return."""

    customer_ids: list[str]
    found: list[CustomerOutcome]

    def outcomes(self) -> Iterator[CustomerOutcome]:
        """One outcome per customer, the no-hit ones included, in order."""
        found = iter(self.found)
        nxt = next(found, None)
        for cid in self.customer_ids:
            if nxt is not None and nxt.customer_id == cid:
                yield nxt
                nxt = next(found, None)
            else:
                yield CustomerOutcome(cid, ())


def chunk_size(total: int, workers: int) -> int:
    """Customers per chunk for a run of ``total``: small runs stay spread over every worker,
    big ones pay fewer round trips."""
    return max(CHUNK, min(MAX_CHUNK, total // (max(1, workers) * CHUNKS_PER_WORKER)))


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


def screen_one(screener: Screener, item: Item, threshold: float) -> CustomerOutcome:
    """The hits of one ``(customer_id, record)`` at or above the threshold; the record is the
    book fields, decoded or as stored (JSON text)."""
    cid, record = item
    fields = json.loads(record) if isinstance(record, str) else record
    try:
        results = screener.match(query_from_fields(fields, cid), threshold=threshold)
    except SanctionguardError as exc:
        return CustomerOutcome(cid, (), str(exc))
    return CustomerOutcome(cid, tuple(_hit(r) for r in results if r.match))


def _found(screener: Screener, chunk: Sequence[Item], threshold: float) -> list[CustomerOutcome]:
    outcomes = (screen_one(screener, item, threshold) for item in chunk)
    return [o for o in outcomes if o.hits or o.error is not None]


# The screener of a forked worker process, set once by ``_start_worker``; a process-local
# slot, because the index must be inherited through fork rather than pickled per task.
_WORKER: dict[str, Any] = {}


def _start_worker(screener: Screener, threshold: float) -> None:
    _WORKER["screener"] = screener
    _WORKER["threshold"] = threshold
    _WORKER["freezer"] = CacheFreezer()


def _screen_chunk(chunk: Sequence[Item]) -> list[CustomerOutcome]:
    found = _found(_WORKER["screener"], chunk, _WORKER["threshold"])
    _WORKER["freezer"].screened(len(chunk))
    return found


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _forking(workers: int) -> bool:
    # Forking a process that runs other threads (a web server's pool) can copy a held lock
    # into the child and hang it: there, screen in this thread instead.
    return workers > 1 and threading.active_count() == 1


def screen_stored(
    screener: Screener,
    items: Iterable[Item],
    threshold: float,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
    size: int = CHUNK,
) -> Iterator[Screened]:
    """Screen ``(customer_id, record)`` items in chunks of ``size``, in ``workers`` forked
    processes when more than one (and this process runs no other thread); chunks come back
    in order."""
    if not _forking(workers):
        freezer = CacheFreezer()
        with frozen_heap():
            for chunk in _chunks(items, size):
                done = Screened([c[0] for c in chunk], _found(screener, chunk, threshold))
                freezer.screened(len(chunk))
                if progress is not None:
                    progress(len(chunk))
                yield done
        return
    context = multiprocessing.get_context("fork")
    with (
        frozen_heap(),
        ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start_worker, initargs=(screener, threshold)
        ) as pool,
    ):
        # A bounded window of chunks in flight: a million-customer book is never queued whole.
        pending: deque[tuple[list[str], Future[list[CustomerOutcome]]]] = deque()
        for chunk in _chunks(items, size):
            pending.append(([c[0] for c in chunk], pool.submit(_screen_chunk, chunk)))
            if len(pending) >= workers * 3:
                yield _drain(*pending.popleft(), progress)
        while pending:
            yield _drain(*pending.popleft(), progress)


def _drain(
    ids: list[str],
    future: Future[list[CustomerOutcome]],
    progress: Callable[[int], None] | None,
) -> Screened:
    done = Screened(ids, future.result())
    if progress is not None:
        progress(len(ids))
    return done


def screen_customers(
    screener: Screener,
    customers: Iterable[Customer],
    threshold: float,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Iterator[CustomerOutcome]:
    """Screen decoded customers; one outcome per customer, in customer order."""
    items = ((c.customer_id, c.record) for c in customers)
    for done in screen_stored(screener, items, threshold, workers, progress):
        yield from done.outcomes()


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
    chunks = _chunks(rows, 10_000)
    if not _forking(workers):
        for chunk in chunks:
            yield from ((row, predicate(row[1], row[2])) for row in chunk)
        return
    context = multiprocessing.get_context("fork")
    with (
        frozen_heap(),
        ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start_filter, initargs=(predicate,)
        ) as pool,
    ):
        pending: deque[tuple[list[StoredRow], Future[list[bool]]]] = deque()
        for chunk in chunks:
            pending.append((chunk, pool.submit(_filter_chunk, chunk)))
            if len(pending) >= workers * 3:
                done, future = pending.popleft()
                yield from zip(done, future.result(), strict=True)
        while pending:
            done, future = pending.popleft()
            yield from zip(done, future.result(), strict=True)
