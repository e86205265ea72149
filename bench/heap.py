"""Benchmark: a long batch with and without freezing what screening caches (``screen.heap``).

Builds the index over every list once, then forks one child per run, each pinned to the same
core, so every run starts from the same heap and meets every name for the first time. A run
screens a customer book as ``bench/scale.py`` writes it (Faker names of 20 locales, 70 %
people) and reports names/s, the longest pause of one query and the cycle collector's full
collections. The runs alternate, so the machine's drift weighs on both:

- ``index frozen``: the index frozen once after the build (what the batch screen did before);
- ``caches frozen every 256``: also what screening cached, every 256 queries
  (``CacheFreezer``, what the batch screen, the cases run and the API server now do).

Usage: python bench/heap.py [--db URL] [--data DIR] [--queries N] [--rounds N]
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.speed import book_queries, ensure_store
from sanctionguard.match.types import Query

REPO = Path(__file__).resolve().parent.parent
MODES = ("index frozen", "caches frozen every 256")


def _run(screener: Any, queries: Sequence[Query], freeze: bool, core: int, out: Connection) -> None:
    from sanctionguard.errors import SanctionguardError
    from sanctionguard.screen.heap import CacheFreezer

    os.sched_setaffinity(0, {core})
    freezer = CacheFreezer() if freeze else None
    longest = 0.0
    started = time.perf_counter()
    for query in queries:
        t = time.perf_counter()
        with contextlib.suppress(SanctionguardError):  # a refused query costs its check
            screener.match(query)
        if freezer is not None:
            freezer.screened()
        longest = max(longest, time.perf_counter() - t)
    elapsed = time.perf_counter() - started
    out.send((len(queries) / elapsed, longest, gc.get_stats()[2]["collections"]))


def measure(url: str, count: int, rounds: int) -> dict[str, list[tuple[float, float, int]]]:
    from sanctionguard.match.screener import Screener
    from sanctionguard.store.snapshots import Store

    screener = Screener.from_store(Store.open(url), snapshot="current")
    queries = book_queries(count)
    gc.collect()
    gc.freeze()
    full_before = gc.get_stats()[2]["collections"]
    core = sorted(os.sched_getaffinity(0))[0]
    context = multiprocessing.get_context("fork")
    results: dict[str, list[tuple[float, float, int]]] = {mode: [] for mode in MODES}
    for _ in range(rounds):
        for mode in MODES:
            receive, send = context.Pipe(duplex=False)
            args = (screener, queries, mode != MODES[0], core, send)
            child = context.Process(target=_run, args=args)
            child.start()
            send.close()  # the child's end: a child that dies leaves an end of file
            try:
                rate, longest, full = receive.recv()
            except EOFError:
                raise SystemExit(f"the {mode!r} run stopped (exit code {child.exitcode})") from None
            finally:
                child.join()
            results[mode].append((rate, longest, full - full_before))
    return results


def report(results: dict[str, list[tuple[float, float, int]]], count: int) -> None:
    print(f"{count:,} first-seen customers per run, one core, {len(results[MODES[0]])} rounds")
    print(f"{'':28}{'names/s (best)':>16}{'longest query':>16}{'full collections':>18}")
    best = {}
    for mode in MODES:
        runs = results[mode]
        best[mode] = max(r for r, _, _ in runs)
        pause = min(p for _, p, _ in runs)
        full = min(f for _, _, f in runs)
        print(f"{mode:28}{best[mode]:>16,.0f}{pause * 1e3:>13.1f} ms{full:>18}")
    print(f"ratio (caches frozen / index frozen): {best[MODES[1]] / best[MODES[0]]:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    default = os.environ.get("SANCTIONGUARD_DATA", str(REPO.parent / "shared" / "data"))
    parser.add_argument("--data", type=Path, default=Path(default))
    parser.add_argument("--db", default=None, help="a store with the lists loaded")
    parser.add_argument("--queries", type=int, default=30_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        url, _ = ensure_store(args.data, args.db, Path(name))
        report(measure(url, args.queries, args.rounds), args.queries)


if __name__ == "__main__":
    main()
