"""Benchmark: delta and full re-screening of a synthetic customer book (issue #5).

Builds two snapshots of the real lists that differ by ``--changed`` entities (dropped from the
first, present in the second), a synthetic book of ``--customers`` customers (Faker names in
several locales, some in Cyrillic, a few hundred planted near-hits of listed names), then:

1. imports the whole book and runs a delta re-screen of it against the changed entities;
2. on a ``--sample`` of the same book, in its own store, runs a full re-screen (the baseline,
   extrapolated to the whole book per customer), and the same delta, and the delta without the
   key filter (every sample customer through the matcher) to check the filter misses no hit;
3. screens the same sample file with the plain batch screener (``sanctionguard screen
   --input``: same index, same workers, nothing recorded), so the cost of recording a run is
   the ratio of the two full-sample rows.

The sample is 20,000 customers by default: forking the workers over the index and writing a
run are fixed costs that a sample of a few thousand overstates per customer.

Targets: delta of 1M customers vs 100 changed entities <= 30 s; full re-screen of 1M customers
<= 10 min on 2 cores. Prints measured times side by side with ratios; the machine's load
average is printed too, because this box is shared.
Usage: python bench/cases.py [--data DIR] [--customers N] [--sample N] [--changed N]
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script: make the `bench` package importable
    sys.path.insert(0, str(REPO))

from bench.deck import list_paths  # noqa: E402 - after the path set-up above

LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "pl_PL", "tr_TR", "nl_NL")
CYRILLIC_SHARE = 0.01
PLANTED = 300
WORKERS = 2  # the target machine's cores


def parse_lists(data: Path) -> list[Any]:
    from sanctionguard.sources.base import Limits
    from sanctionguard.sources.loader import parse_bundles, plan_bundles
    from sanctionguard.sources.registry import all_formats

    formats = all_formats()
    bundles, _ = plan_bundles(list_paths(data), formats, Limits())
    return parse_bundles(bundles, formats, workers=None)


def two_snapshots(parsed: list[Any], changed: int, url: str, rng: random.Random) -> list[Any]:
    """Snapshot 1 lacks ``changed`` entities of the biggest list; snapshot 2 has them all."""
    from sanctionguard.store.snapshots import Store

    biggest = max(parsed, key=lambda s: len(s.entries))
    dropped = rng.sample(range(len(biggest.entries)), changed)
    gone = {biggest.entries[i].id for i in dropped}
    reduced = dataclasses.replace(biggest, entries=[e for e in biggest.entries if e.id not in gone])
    store = Store.open(url)
    store.load([reduced if s is biggest else s for s in parsed])
    store.load(parsed)
    store.close()
    return [biggest.entries[i] for i in dropped]


def _name_pools(rng: random.Random) -> tuple[list[str], list[str], list[str]]:
    from faker import Faker

    latin: list[str] = []
    companies: list[str] = []
    for locale in LOCALES:
        fake = Faker(locale)
        fake.seed_instance(rng.randrange(1 << 30))
        latin += [f"{fake.first_name()} {fake.last_name()}" for _ in range(3000)]
        companies += [fake.company() for _ in range(500)]
    ru = Faker("ru_RU")
    ru.seed_instance(rng.randrange(1 << 30))
    cyrillic = [f"{ru.last_name()} {ru.first_name()}" for _ in range(2000)]
    return latin, companies, cyrillic


def _typo(name: str, rng: random.Random) -> str:
    letters = [i for i, ch in enumerate(name) if ch.isalpha()]
    if len(letters) < 6:
        return name
    i = rng.choice(letters[1:])
    return name[:i] + name[i + 1 :]


def write_book(
    path: Path, customers: int, listed: list[Any], changed: list[Any], rng: random.Random
) -> None:
    """The synthetic book; planted rows reuse listed captions (half with a typo)."""
    latin, companies, cyrillic = _name_pools(rng)
    countries = ("DE", "FR", "GB", "US", "ES", "IT", "PL", "TR", "NL", "RU", "AE", "CN")
    planted = {
        rng.randrange(customers): entry
        for entry in [*changed[: len(changed) // 2], *rng.sample(listed, PLANTED)]
    }
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "name", "type", "birth_date", "country"])
        for n in range(customers):
            entry = planted.get(n)
            if entry is not None:
                name = entry.caption if rng.random() < 0.5 else _typo(entry.caption, rng)
                kind = "person" if entry.schema == "Person" else "company"
            elif rng.random() < 0.1:
                name, kind = rng.choice(companies), "company"
            elif rng.random() < CYRILLIC_SHARE:
                name, kind = rng.choice(cyrillic), "person"
            else:
                name, kind = rng.choice(latin), "person"
            born = f"{rng.randint(1940, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            writer.writerow(
                [f"C{n:08d}", name, kind, born if kind == "person" else "", rng.choice(countries)]
            )


def _service(url: str) -> Any:
    from sanctionguard.cases.service import CaseService, CaseSettings
    from sanctionguard.store.snapshots import Store

    return CaseService(Store.open(url), CaseSettings(workers=WORKERS))


def _screener(store: Any) -> Any:
    from sanctionguard.match.screener import Screener

    return Screener.from_store(store, "current")


def _timed(label: str, action: Any) -> tuple[Any, float]:
    print(f"… {label}", flush=True)
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def batch_screen(sample: Path, index: Any, workers: int) -> tuple[int, int]:
    """The sample through ``screen.batch`` (no run recorded): records read, hits."""
    from sanctionguard.screen.batch import screen_book
    from sanctionguard.screen.book import open_book

    class Count:
        hits = 0

        def write(self, rows: Any) -> None:
            self.hits += len(rows)

    counter = Count()
    summary = screen_book(open_book(sample), index, counter, workers=workers)
    return summary.records, counter.hits


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (the workers)."""
    used = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return sum(r.ru_utime + r.ru_stime for r in used)


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


def brute_force_delta_hits(url: str, threshold: float) -> set[tuple[str, str]]:
    """Every sample customer through the delta screener, no key filter: the recall reference."""
    import sqlalchemy as sa

    from sanctionguard.cases.book import active_customers
    from sanctionguard.cases.runs import _plan, delta_screener
    from sanctionguard.cases.screening import screen_customers
    from sanctionguard.match.types import MatchSettings

    service = _service(url)
    with service.store.engine.connect() as conn:
        plan = _plan(service.store, conn, "delta", 1)
        small = delta_screener(service.store, plan, MatchSettings(threshold=threshold), None)
        customers = list(active_customers(conn))
    del sa
    return {
        (o.customer_id, h.entity_id)
        for o in screen_customers(small, customers, threshold, 2)
        for h in o.hits
    }


def _prepare(
    args: argparse.Namespace, work: Path, rng: random.Random
) -> tuple[Any, Any, int, int, tuple[float, float, float, float]]:
    """Snapshots, the book, its sample, and both stores with the books imported."""
    base = work / "base.db"
    parsed, t_parse = _timed("parsing the lists", lambda: parse_lists(args.data))
    changed, t_load = _timed(
        "storing two snapshots",
        lambda: two_snapshots(parsed, args.changed, f"sqlite:///{base}", rng),
    )
    listed = [e for s in parsed for e in s.entries]
    book = work / "book.csv"
    _, t_gen = _timed(
        f"writing a {args.customers:,}-customer book",
        lambda: write_book(book, args.customers, listed, changed, rng),
    )
    sample = work / "sample.csv"
    with book.open(encoding="utf-8") as src:
        sample.write_text(
            "".join(line for _, line in zip(range(args.sample + 1), src, strict=False))
        )
    # Make sure the sample holds planted hits of the changed entities too.
    with sample.open("a", encoding="utf-8") as out:
        for n, entry in enumerate(changed[:20]):
            out.write(f'S{n:05d},"{entry.caption}",,,\n')

    big, small = work / "big.db", work / "small.db"
    shutil.copy(base, big)
    shutil.copy(base, small)
    whole = _service(f"sqlite:///{big}")
    imported, t_import = _timed(
        "importing the whole book", lambda: whole.import_book(book, None, "system:bench")
    )
    part = _service(f"sqlite:///{small}")
    part.import_book(sample, None, "system:bench")
    listed_count = len(listed)
    return whole, part, imported.records, listed_count, (t_parse, t_load, t_gen, t_import)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=20_000)
    parser.add_argument("--changed", type=int, default=100)
    parser.add_argument("--work", type=Path, default=None, help="Folder for the databases.")
    parser.add_argument(
        "--reuse", action="store_true", help="Reuse the databases an earlier run left in --work."
    )
    parser.add_argument(
        "--full-whole-book",
        action="store_true",
        help="Also measure a full re-screen of the whole book (minutes for 1M customers).",
    )
    args = parser.parse_args()
    rng = random.Random(5)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-cases-"))
    work.mkdir(parents=True, exist_ok=True)
    base = work / "base.db"
    big, small = work / "big.db", work / "small.db"
    if args.reuse and big.exists() and small.exists():
        # The databases of an earlier run: only the runs below are measured again.
        t_parse = t_load = t_gen = t_import = 0.0
        whole = _service(f"sqlite:///{big}")
        records = whole.book_versions()[-1].counts["records"]
        listed_count = whole.store.snapshot(2).entity_count
        part = _service(f"sqlite:///{small}")
    else:
        base.unlink(missing_ok=True)
        whole, part, records, listed_count, (t_parse, t_load, t_gen, t_import) = _prepare(
            args, work, rng
        )
    delta, t_delta = _timed(
        "delta re-screen of the whole book",
        lambda: whole.screen_book(None, "system:bench", mode="delta", since=1),
    )
    planted_found = {a.customer_id for a in whole.list_alerts(run_id=delta.id, limit=10_000)}

    whole_full = None
    if args.full_whole_book:
        whole_index = _screener(whole.store)
        whole_cpu = _cpu()
        whole_full, t_whole_full = _timed(
            "full re-screen of the whole book",
            lambda: whole.screen_book(whole_index, "system:bench", mode="full"),
        )
        whole_cpu = _cpu() - whole_cpu
        del whole_index
    index, t_index = _timed("compiling the full index", lambda: _screener(part.store))
    load_before_full = _load()
    cpu_start = _cpu()
    full, t_full = _timed(
        "full re-screen of the sample",
        lambda: part.screen_book(index, "system:bench", mode="full"),
    )
    load_after_full = _load()
    cpu_full = _cpu() - cpu_start
    cpu_start = _cpu()
    (batch_records, batch_hits), t_batch = _timed(
        "screen.batch of the sample file (nothing recorded)",
        lambda: batch_screen(work / "sample.csv", index, WORKERS),
    )
    cpu_batch = _cpu() - cpu_start
    part_delta, t_part_delta = _timed(
        "delta re-screen of the sample",
        lambda: part.screen_book(None, "system:bench", mode="delta", since=1),
    )
    filtered = {
        (a.customer_id, a.entity_id) for a in part.list_alerts(run_id=part_delta.id, limit=10_000)
    }
    reference, t_brute = _timed(
        "delta without the key filter (sample)",
        lambda: brute_force_delta_hits(f"sqlite:///{small}", part_delta.threshold),
    )

    per_customer_full = t_full / max(full.customers, 1)
    full_extrapolated = per_customer_full * records
    print()
    print(
        f"machine: {os.cpu_count()} cores, {WORKERS} workers; load average (1 / 5 / 15 min) "
        f"{load_before_full} before the full sample run, {load_after_full} after it, "
        f"{_load()} at the end"
    )
    print(
        f"lists: {listed_count:,} entities (parse {t_parse:.0f} s, two snapshots {t_load:.0f} s, "
        f"full index {t_index:.0f} s, not counted in the runs below)"
    )
    print(f"book: {records:,} customers (written {t_gen:.0f} s, imported {t_import:.0f} s)")
    print()
    print(
        f"{'run':44} {'customers':>10} {'matched':>9} {'entities':>9} "
        f"{'seconds':>9} {'vs delta':>9} {'per second':>11}"
    )
    rows = [
        (
            "delta, whole book (measured)",
            delta.customers,
            delta.candidates,
            delta.entities,
            t_delta,
        ),
        ("full, sample (measured)", full.customers, full.customers, full.entities, t_full),
        (
            "screen.batch, sample file (nothing recorded)",
            batch_records,
            batch_records,
            full.entities,
            t_batch,
        ),
        (
            "full, whole book (extrapolated per customer)",
            records,
            records,
            full.entities,
            full_extrapolated,
        ),
        (
            "delta, sample (measured)",
            part_delta.customers,
            part_delta.candidates,
            part_delta.entities,
            t_part_delta,
        ),
        (
            "delta, sample, no key filter (measured)",
            part_delta.customers,
            part_delta.customers,
            part_delta.entities,
            t_brute,
        ),
    ]
    if whole_full is not None:
        rows.insert(
            4,
            (
                "full, whole book (measured)",
                whole_full.customers,
                whole_full.customers,
                whole_full.entities,
                t_whole_full,
            ),
        )
    for label, customers, matched, entities, seconds in rows:
        print(
            f"{label:44} {customers:>10,} {matched:>9,} {entities:>9,} "
            f"{seconds:>9.1f} {seconds / t_delta:>8.1f}x {customers / seconds:>11,.0f}"
        )
    print()
    print(
        f"targets: delta 1M vs 100 entities <= 30 s (measured {t_delta:.1f} s for "
        f"{delta.customers:,}); full 1M <= 600 s on 2 cores, i.e. >= 1,667 customers/s "
        f"(measured {full.customers / t_full:,.0f} customers/s on {full.customers:,}; "
        f"extrapolated {per_customer_full * 1_000_000:.0f} s)"
    )
    print(
        f"recording a full run vs screen.batch on the same sample: "
        f"{t_full / t_batch:.2f}x the time, {cpu_full / cpu_batch:.2f}x the CPU "
        f"({full.hits} vs {batch_hits} hits)"
    )
    # CPU time hardly depends on what else the shared box runs; wall time does.
    cpu_each = cpu_full / max(full.customers, 1)
    print(
        f"CPU per customer (parent + workers): full run {cpu_each * 1000:.2f} ms, screen.batch "
        f"{cpu_batch / max(batch_records, 1) * 1000:.2f} ms; full 1M on {WORKERS} idle cores "
        f"at that cost: {cpu_each * 1_000_000 / WORKERS:.0f} s"
    )
    if whole_full is not None:
        print(
            f"full re-screen of the whole book, measured: {whole_full.customers:,} customers in "
            f"{t_whole_full:.0f} s ({whole_full.customers / t_whole_full:,.0f}/s, "
            f"{whole_cpu / max(whole_full.customers, 1) * 1000:.2f} ms CPU per customer, "
            f"{whole_full.hits:,} hits); target <= 600 s for 1M on 2 cores"
        )
    missed = reference - filtered
    print(
        f"key filter recall on the sample: {len(reference) - len(missed)}/{len(reference)} "
        "delta hits kept" + (f"; missed {sorted(missed)[:5]}" if missed else "")
    )
    print(
        f"delta alerts on the whole book: {len(planted_found)} customers "
        f"({delta.new_alerts} new alerts, {delta.hits} hits)"
    )


if __name__ == "__main__":
    main()
