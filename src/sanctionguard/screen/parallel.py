"""Screening chunks of queries on every core, sharing one compiled index between processes.

Workers are forked after the index is compiled, so they share its memory copy-on-write instead
of receiving a copy per task; only the queries go out and flat hit rows come back. Chunks are
answered in the order they were given, so a parallel batch writes exactly what a serial one
writes.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from types import TracebackType

from sanctionguard.errors import SanctionguardError
from sanctionguard.match.screener import Screener
from sanctionguard.match.types import Query
from sanctionguard.screen.heap import CacheFreezer, frozen_heap
from sanctionguard.screen.results import HitRow, hit_row


@dataclass(frozen=True)
class Answer:
    """What screening one query gave: its hits (at or over the threshold), or why it failed."""

    hits: tuple[HitRow, ...] = ()
    error: str | None = None


def screen_queries(screener: Screener, queries: Sequence[Query]) -> list[Answer]:
    """Screen ``queries`` in this process, one answer per query, in order."""
    answers = []
    for item in screener.match_many(queries):
        if item.error is not None:
            answers.append(Answer(error=str(item.error)))
        else:
            answers.append(Answer(tuple(hit_row(item.query, r) for r in item.results if r.match)))
    return answers


def usable_cores() -> int:
    """The cores this process may run on (the affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - platforms without affinity masks
        return os.cpu_count() or 1


def _serve(screener: Screener, conn: Connection) -> None:
    """A worker's loop: chunks in, answers out, until the parent sends ``None``."""
    freezer = CacheFreezer()
    while True:
        chunk = conn.recv()
        if chunk is None:
            return
        try:
            conn.send(screen_queries(screener, chunk))
        except SanctionguardError as exc:  # pragma: no cover - match_many catches these
            conn.send([Answer(error=str(exc))] * len(chunk))
        freezer.screened(len(chunk))


class WorkerPool:
    """Forked screening workers over one screener; use as a context manager.

    With ``workers=1`` (or on a platform without ``fork``) chunks are screened in this process,
    so callers need no second code path.
    """

    def __init__(self, screener: Screener, workers: int | None = None) -> None:
        self.screener = screener
        wanted = usable_cores() if workers is None else workers
        methods = multiprocessing.get_all_start_methods()
        self.workers = max(1, wanted) if "fork" in methods else 1
        self._conns: list[Connection] = []
        self._procs: list[multiprocessing.process.BaseProcess] = []
        self._frozen = contextlib.ExitStack()

    def __enter__(self) -> WorkerPool:
        # The index leaves the collector's reach in this process too (a serial batch), and
        # what screening caches follows it chunk by chunk (``heap.CacheFreezer``).
        self._frozen.enter_context(frozen_heap())
        if self.workers > 1:
            context = multiprocessing.get_context("fork")
            for _ in range(self.workers):
                parent, child = context.Pipe()
                # Under fork the target's arguments are inherited, not pickled: the index is
                # shared with the parent page by page until someone writes to it.
                proc = context.Process(target=_serve, args=(self.screener, child), daemon=True)
                proc.start()
                child.close()
                self._conns.append(parent)
                self._procs.append(proc)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        for conn in self._conns:
            with contextlib.suppress(OSError):
                conn.send(None)
        for proc in self._procs:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.kill()
        self._conns.clear()
        self._procs.clear()
        self._frozen.close()

    def map(self, chunks: Iterable[Sequence[Query]]) -> Iterator[list[Answer]]:
        """The answers for each chunk, in the order the chunks were given.

        Each worker holds at most two chunks, so memory stays flat however long the input.
        """
        if not self._conns:
            freezer = CacheFreezer()
            for chunk in chunks:
                answers = screen_queries(self.screener, chunk)
                freezer.screened(len(chunk))
                yield answers
            return
        yield from self._map_forked(iter(chunks))

    def _map_forked(self, chunks: Iterator[Sequence[Query]]) -> Iterator[list[Answer]]:
        pending: list[tuple[int, Connection]] = []  # (sequence, worker) in submission order
        queued = {id(c): 0 for c in self._conns}
        sequence = 0
        exhausted = False
        while True:
            while not exhausted:
                free = [c for c in self._conns if queued[id(c)] < 2]
                if not free:
                    break
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                worker = min(free, key=lambda c: queued[id(c)])
                worker.send(list(chunk))
                queued[id(worker)] += 1
                pending.append((sequence, worker))
                sequence += 1
            if not pending:
                return
            _, worker = pending.pop(0)
            answers = self._receive(worker)
            queued[id(worker)] -= 1
            yield answers

    def _receive(self, worker: Connection) -> list[Answer]:
        try:
            answers: list[Answer] = worker.recv()
        except EOFError as exc:
            raise SanctionguardError(
                "a screening worker stopped unexpectedly (out of memory?); the batch was aborted"
            ) from exc
        return answers
