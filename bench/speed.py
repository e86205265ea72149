"""Benchmark: screening speed over every list in SANCTIONGUARD_DATA.

Loads the lists into a temporary SQLite store with the normal ingest (or uses ``--db``), then in
a fresh process measures the index build (``Screener.from_store``: time and peak RSS),
single-query latency p50/p99 pinned to one core, batch throughput on one core and with
``match_many``. The same queries go through two baselines measured in the same run: rapidfuzz
brute force (Jaro-Winkler over every listed name, ``process.extract``) and, when nomenklatura
is installed (``bench`` extra), logic-v2 scoring each query's top rapidfuzz candidates (its
retrieval is not counted, which favours it). The queries are the accuracy deck
(``bench/deck.py``): listed names in every variation class, and negatives (synthetic names in
many locales, near-misses). Batch throughput is also measured on a customer book as
``bench/scale.py`` generates it (mostly people and companies that are on no list), the workload
of a nightly screen.

sanctionguard runs twice, each in a fresh process: as a regular install runs it, its hot modules
compiled by mypyc (``bench/compiled.py`` builds this checkout so), and interpreted, as the
editable development install runs it; the interpreted run is one more baseline of the same run.

Targets (issue #3, 2 cores, all lists): index build <= 10 s and <= 400 MB RSS; query p50
<= 0.5 ms, p99 <= 5 ms; batch >= 2,000 names/s per core.
Usage: python bench/speed.py [--data DIR] [--db URL] [--per-class N] [--baseline-queries N]
                             [--builds both|compiled|interpreted]
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import deck
from bench.compiled import compiled_build
from bench.deck import Case, build_deck, read_deck, write_deck
from sanctionguard.match.types import Query

REPO = Path(__file__).resolve().parent.parent
# The deck's lists (every official list once, OFAC's in the legacy CSV) plus OFAC's
# consolidated non-SDN list and the OpenSanctions shadow-fleet targets: ~58k entities.
LIST_PATHS = (*deck.LIST_PATHS, "ofac/CONS_ENHANCED.ZIP", "opensanctions/ua_war_sanctions")
TARGETS = {
    "build": "<= 10 s",
    "rss": "<= 400 MiB",
    "p50": "<= 0.5 ms",
    "p99": "<= 5 ms",
    "per_core": ">= 2,000/s",
    "machine": ">= 4,000/s",
}
CANDIDATES = 20  # rapidfuzz candidates that logic-v2 scores per query
WARM_UP = 100
BOOK_SIZE = 10_000  # synthetic customers for each book-style batch row
BOOK_WARM_UP = 2_000  # ... the first ones only warm the per-token caches
SUSTAINED = 4  # rounds of the deck for the sustained forked row
BATCH_CHUNK = 256  # queries per match_many call, as the batch screen's chunks (screen.batch)


# -- data ---------------------------------------------------------------------------------


def ensure_store(data: Path, db: str | None, tmp: Path) -> tuple[str, float | None]:
    """A store URL with all lists loaded, and the load time if we loaded them."""
    from sanctionguard.sources.base import Limits
    from sanctionguard.store.ingest import ingest
    from sanctionguard.store.snapshots import Store

    url = db or f"sqlite:///{tmp / 'speed.db'}"
    store = Store.open(url)
    if store.current_snapshot_id() is not None:
        store.close()
        return url, None
    paths = [data / p for p in LIST_PATHS if (data / p).exists()]
    t0 = time.perf_counter()
    ingest(store, paths, Limits())
    store.close()
    return url, time.perf_counter() - t0


def read_records(url: str) -> list[dict[str, Any]]:
    """The current snapshot's records (``ListEntry.to_record``), for the deck and baselines."""
    from sanctionguard.store.snapshots import Store

    store = Store.open(url)
    records = [e.record for e in store.entities(store.resolve("current"))]
    store.close()
    return records


def sample_cases(cases: Sequence[Case], seed: int) -> list[Case]:
    """The deck shuffled, so positives and negatives interleave like real traffic."""
    shuffled = list(cases)
    random.Random(seed).shuffle(shuffled)
    return shuffled


# -- sanctionguard (in a fresh process, so its peak RSS is its own) -------------------------


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def rss_now() -> int:
    with Path("/proc/self/statm").open() as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def peak_rss() -> int:
    """This process's own peak RSS (``VmHWM``). Not ``ru_maxrss``: Linux carries that across
    fork and exec, so a child started by a large parent would report the parent's size."""
    with Path("/proc/self/status").open() as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def workers_peak_rss() -> int:
    """The largest peak RSS of any finished child (the build's forked analysis workers; each
    starts as a copy-on-write view of this process, so its peak counts shared pages too)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024


def _timed_match(screener: Any, query: Query, freezer: Any = None) -> tuple[float, bool]:
    """One query's time (with the freeze of the caches it may trigger, as the batch screen
    and the API server pace it: ``screen.heap.CacheFreezer``) and whether it alerted."""
    from sanctionguard.errors import SanctionguardError

    t = time.perf_counter()
    try:
        alerted = any(r.match for r in screener.match(query))
    except SanctionguardError:
        alerted = False  # a query the matcher refuses costs its check, and is timed as such
    if freezer is not None:
        freezer.screened()
    return time.perf_counter() - t, alerted


def _batch_rate(screener: Any, queries: Sequence[Query], freezer: Any = None) -> float:
    """Names/s of ``match_many`` over chunks of ``BATCH_CHUNK``, freezing what screening cached
    after each as the batch screen does (``freezer``: a ``screen.heap.CacheFreezer``)."""
    t = time.perf_counter()
    for start in range(0, len(queries), BATCH_CHUNK):
        chunk = queries[start : start + BATCH_CHUNK]
        screener.match_many(chunk)
        if freezer is not None:
            freezer.screened(len(chunk))
    return len(queries) / (time.perf_counter() - t)


def _forked_rate(screener: Any, queries: Sequence[Query], workers: int) -> float:
    """Names/s with ``workers`` forked processes sharing the built index (copy on write), the
    heap frozen out of the collector before they fork and each worker freezing what it
    caches every 256 queries, as the batch screen's workers do (``screen.heap``)."""
    from sanctionguard.screen.heap import CacheFreezer, frozen_heap

    context = multiprocessing.get_context("fork")

    def work(chunk: Sequence[Query]) -> None:
        _batch_rate(screener, chunk, CacheFreezer())

    processes = [context.Process(target=work, args=(queries[i::workers],)) for i in range(workers)]
    with frozen_heap():
        t = time.perf_counter()
        for process in processes:
            process.start()
        for process in processes:
            process.join()
        return len(queries) / (time.perf_counter() - t)


def book_queries(count: int, seed: int = 11) -> list[Query]:
    """A customer book as ``bench/scale.py`` writes it: Faker names of 20 locales, 70% people
    (given + family name drawn from per-locale pools), 30% companies, no injected matches."""
    from bench.scale import _name_pools, synthetic_customer

    rng = random.Random(seed)
    pools = _name_pools(seed)
    out = []
    for n in range(count):
        name, kind = synthetic_customer(rng, pools)
        schema = "Person" if kind == "person" else "Company"
        out.append(Query(names=(name,), schema=schema, id=f"C{n}"))
    return out


def measure_screener(url: str, deck_file: Path) -> dict[str, Any]:
    """Build the index from the store, then time the queries on one core and on all."""
    from sanctionguard.compiled import compiled_modules
    from sanctionguard.match.screener import Screener
    from sanctionguard.screen.heap import CacheFreezer
    from sanctionguard.store.snapshots import Store

    queries = [case.query for case in read_deck(deck_file)]
    store = Store.open(url)
    t0 = time.perf_counter()
    screener = Screener.from_store(store, snapshot="current")
    build = time.perf_counter() - t0
    built_peak, built_now, workers_peak = peak_rss(), rss_now(), workers_peak_rss()
    # As the API server and the batch screen do once an index is live: the cycle collector
    # then skips its long-lived objects (a full collection otherwise pauses a query ~0.2 s).
    gc.collect()
    gc.freeze()

    cores = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cores[0]})
    freezer = CacheFreezer()
    for query in queries[:WARM_UP]:
        _timed_match(screener, query, freezer)
    timed = [_timed_match(screener, q, freezer) for q in queries]
    one_core_batch = _batch_rate(screener, queries, freezer)
    # The deck's rows on every core come right after its second pass on one, while the
    # per-token caches still hold its words: timed after the book (12,000 customers, which
    # evict part of them), its "second pass" ran partly first seen (3,700-3,800 names/s on 2
    # workers where it is 4,500-4,700).
    os.sched_setaffinity(0, set(cores))
    forked_rate = _forked_rate(screener, queries, len(cores))
    # The same with four rounds of the deck, so the workers' start (forking, copying the
    # pages they write to) weighs as little as in a long batch.
    forked_sustained = _forked_rate(screener, queries * SUSTAINED, len(cores))
    os.sched_setaffinity(0, {cores[0]})
    book = book_queries(BOOK_WARM_UP + 2 * BOOK_SIZE)
    _batch_rate(screener, book[:BOOK_WARM_UP], freezer)
    first_seen = book[BOOK_WARM_UP : BOOK_WARM_UP + BOOK_SIZE]
    book_timed = [_timed_match(screener, q, freezer) for q in first_seen]
    book_rate = BOOK_SIZE / sum(t for t, _ in book_timed)
    os.sched_setaffinity(0, set(cores))
    return {
        "build_s": build,
        "peak_rss": built_peak,
        "rss_after_build": built_now,
        "workers_peak_rss": workers_peak,
        "latencies": [t for t, _ in timed],
        "alerting": [a for _, a in timed],
        "match_many_rate": one_core_batch,
        "forked_rate": forked_rate,
        "forked_rate_sustained": forked_sustained,
        "book_rate": book_rate,
        "book_latencies": [t for t, _ in book_timed],
        # Customers no run has seen yet: the workers inherit the parent's per-token caches.
        "book_forked_rate": _forked_rate(screener, book[BOOK_WARM_UP + BOOK_SIZE :], len(cores)),
        "cores": len(cores),
        "peak_rss_end": peak_rss(),
        "compiled": list(compiled_modules()),
    }


def run_screener_child(
    url: str, cases: Sequence[Case], tmp: Path, build: Path | None
) -> dict[str, Any]:
    """``measure_screener`` in a fresh process, importing the compiled ``build`` if given (else
    the interpreted modules of this environment's install)."""
    path = tmp / "deck.jsonl"
    write_deck(cases, path)
    args = [sys.executable, __file__, "--child", "--db", url, "--deck-file", str(path)]
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if build is not None:
        env["PYTHONPATH"] = str(build)
    out = subprocess.run(args, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        sys.exit(f"screener run failed:\n{out.stderr}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    if bool(result["compiled"]) != (build is not None):
        sys.exit(f"the {'compiled' if build else 'interpreted'} run imported the other build")
    return result


# -- baselines ----------------------------------------------------------------------------


def rapidfuzz_baseline(
    records: Sequence[dict[str, Any]], queries: Sequence[Query]
) -> tuple[dict[str, Any], list[list[int]]]:
    """Brute force: Jaro-Winkler of each query name against every listed name."""
    from rapidfuzz import process
    from rapidfuzz.distance import JaroWinkler
    from rapidfuzz.utils import default_process

    t0 = time.perf_counter()
    choices, owners = [], []
    for i, record in enumerate(records):
        for name in record.get("names", []):
            choices.append(default_process(name["value"]))
            owners.append(i)
    prep = time.perf_counter() - t0
    latencies, candidates = [], []
    for query in queries:
        t = time.perf_counter()
        found = [
            hit
            for name in query.names
            for hit in process.extract(
                default_process(name),
                choices,
                scorer=JaroWinkler.normalized_similarity,
                processor=None,
                limit=CANDIDATES * 3,
            )
        ]
        latencies.append(time.perf_counter() - t)
        found.sort(key=lambda hit: -hit[1])
        entities = list(dict.fromkeys(owners[index] for _, _, index in found))
        candidates.append(entities[:CANDIDATES])
    return {"build_s": prep, "names": len(choices), "latencies": latencies}, candidates


def _ftm_entity(schema: str, entity_id: str, properties: dict[str, list[str]]) -> Any:
    from followthemoney import model

    proxy = model.make_entity(schema)
    proxy.id = entity_id
    for prop, values in properties.items():
        if prop in proxy.schema.properties:
            proxy.add(prop, values, quiet=True, cleaned=True)
    return proxy


def _ftm_query(query: Query) -> Any:
    from sanctionguard.model.identifiers import FTM_PROPERTY

    props: dict[str, list[str]] = {
        "name": list(query.names),
        "birthDate": list(query.birth_dates),
        "country": list(query.countries),
    }
    for ident in query.identifiers:
        prop = FTM_PROPERTY.get(ident.kind)
        if prop:
            props.setdefault(prop, []).append(ident.value)
    return _ftm_entity(query.schema or "LegalEntity", "query", props)


def logic_v2_baseline(
    records: Sequence[dict[str, Any]], queries: Sequence[Query], candidates: Sequence[list[int]]
) -> dict[str, Any] | None:
    """nomenklatura logic-v2 scoring each query against its rapidfuzz candidates."""
    try:
        from nomenklatura.matching import LogicV2
    except ImportError:
        return None
    config = LogicV2.default_config()
    t0 = time.perf_counter()
    probe = _ftm_entity("Person", "probe", {"name": ["Probe Name"]})
    LogicV2.compare(probe, probe, config)
    cold = time.perf_counter() - t0
    latencies, pairs = [], 0
    for query, found in zip(queries, candidates, strict=True):
        entity = _ftm_query(query)
        listed = [
            _ftm_entity(records[i]["schema"], records[i]["id"], records[i].get("properties", {}))
            for i in found
        ]
        t = time.perf_counter()
        for result in listed:
            try:
                LogicV2.compare(entity, result, config)
            except Exception:  # a peer's failure on odd data is not ours to fix
                continue
        latencies.append(time.perf_counter() - t)
        pairs += len(listed)
    return {"build_s": cold, "latencies": latencies, "pairs": pairs}


# -- report -------------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def _slower(theirs: float, ours: float) -> str:
    return f"({theirs / ours:,.1f}x)" if ours > 0 else ""


def _table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def _latency_rows(
    ours: list[float], plain: list[float], fuzz: list[float], logic: list[float]
) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for label, key, q in (("query p50", "p50", 0.5), ("query p99", "p99", 0.99)):
        mine, rf = percentile(ours, q), percentile(fuzz, q)
        lv = f"{_ms(percentile(logic, q))} {_slower(percentile(logic, q), mine)}" if logic else ""
        pl = f"{_ms(percentile(plain, q))} {_slower(percentile(plain, q), mine)}" if plain else ""
        rows.append((label, _ms(mine), pl, f"{_ms(rf)} {_slower(rf, mine)}", lv, TARGETS[key]))
    return rows


def _rate(rate: float, ours: float) -> str:
    """A baseline's names/s and how much slower than ``ours`` it is."""
    return f"{rate:,.0f} ({ours / rate:,.1f}x slower)"


def _own_rows(ours: dict[str, Any], plain: dict[str, Any] | None) -> list[tuple[str, ...]]:
    """The rows only sanctionguard has: each for the main run and, beside it, the interpreted."""
    machine = TARGETS["machine"] if ours["cores"] == 2 else ""

    def book_latency(r: dict[str, Any]) -> str:
        lat = r["book_latencies"]
        return f"{_ms(percentile(lat, 0.5))} / {_ms(percentile(lat, 0.99))}"

    def rate(key: str) -> tuple[str, str]:
        return f"{ours[key]:,.0f}", _rate(plain[key], ours[key]) if plain else ""

    return [
        ("names/s, second pass (match_many)", *rate("match_many_rate"), "", "", ""),
        (f"names/s, second pass, {ours['cores']} workers", *rate("forked_rate"), "", "", machine),
        (
            f"... {SUSTAINED} rounds of the deck, {ours['cores']} workers",
            *rate("forked_rate_sustained"),
            "",
            "",
            machine,
        ),
        (
            "book query p50 / p99 (first seen)",
            book_latency(ours),
            book_latency(plain) if plain else "",
            "",
            "",
            "",
        ),
        ("book names/s, one core", *rate("book_rate"), "", "", TARGETS["per_core"]),
        (f"book names/s, {ours['cores']} workers", *rate("book_forked_rate"), "", "", machine),
    ]


def report(
    runs: tuple[dict[str, Any], dict[str, Any] | None],
    fuzz: dict[str, Any],
    logic: dict[str, Any] | None,
    cases: Sequence[Case],
    entities: int,
) -> None:
    """The table: sanctionguard's main run (compiled unless only the interpreted build ran),
    the interpreted run beside it, the baselines, the targets."""
    ours, plain = runs
    lat, fl = ours["latencies"], fuzz["latencies"]
    ll = logic["latencies"] if logic else []
    pl = plain["latencies"] if plain else []
    per_core = len(lat) / sum(lat)
    rf_rate = len(fl) / sum(fl)
    lv_rate = len(ll) / sum(ll) if ll else 0.0
    absent = "nomenklatura not installed"
    main_label = "sanctionguard" + (" (compiled)" if ours["compiled"] else " (interpreted)")
    rows: list[tuple[str, ...]] = [
        (
            "",
            main_label,
            "interpreted" if plain else "",
            "rapidfuzz brute force",
            f"logic-v2 ({CANDIDATES} cand.)",
            "target",
        ),
        (
            "index build / cold start",
            f"{ours['build_s']:.2f} s",
            f"{plain['build_s']:.2f} s" if plain else "",
            f"{fuzz['build_s']:.2f} s",
            f"{logic['build_s']:.2f} s" if logic else absent,
            TARGETS["build"],
        ),
        (
            "peak RSS of the build",
            f"{ours['peak_rss'] / 2**20:.0f} MiB",
            f"{plain['peak_rss'] / 2**20:.0f} MiB" if plain else "",
            "",
            "",
            TARGETS["rss"],
        ),
        (
            "peak RSS of a build worker",
            f"{ours['workers_peak_rss'] / 2**20:.0f} MiB (shares pages with the build)",
            "",
            "",
            "",
            "",
        ),
        *_latency_rows(lat, pl, fl, ll),
        (
            "names/s, one core",
            f"{per_core:,.0f}",
            _rate(len(pl) / sum(pl), per_core) if pl else "",
            _rate(rf_rate, per_core),
            _rate(lv_rate, per_core) if ll else "",
            TARGETS["per_core"],
        ),
        *_own_rows(ours, plain),
    ]
    positives = [c.positive for c in cases]
    alerts = ours["alerting"]
    hit_pos = sum(a for a, p in zip(alerts, positives, strict=True) if p)
    hit_neg = sum(a for a, p in zip(alerts, positives, strict=True) if not p)
    n_pos = sum(positives)
    print(
        f"{entities:,} listed entities, {fuzz['names']:,} names; {len(lat):,} deck queries "
        f"({n_pos:,} variations of listed names, {len(lat) - n_pos:,} negatives); "
        f"{ours['cores']} core(s)\n"
    )
    _table(rows)
    print(
        f"\nsanctionguard: mean {_ms(sum(lat) / len(lat))}, max {_ms(max(lat))}; RSS right after "
        f"the build {ours['rss_after_build'] / 2**20:.0f} MiB, peak at the end "
        f"{ours['peak_rss_end'] / 2**20:.0f} MiB; alerts on {hit_pos / max(n_pos, 1):.1%} of "
        f"the variations and {hit_neg / max(len(lat) - n_pos, 1):.1%} of the negatives "
        "(accuracy proper is bench/accuracy.py)"
    )
    print(
        f"book rows: {BOOK_SIZE:,} synthetic customers each (bench/scale.py's book: "
        f"Faker names of 20 locales, 70% people, 30% companies) after {BOOK_WARM_UP:,} that "
        "warm the per-token caches, as a real book's first customers do (the forked row screens "
        "customers the one-core row did not); the deck's one-core rows time its distinct "
        "queries first seen, its 'second pass' rows the same queries again (caches warm); "
        "the built index is frozen out of the cycle collector (gc.freeze), and what screening "
        "caches every 256 queries (screen.heap.CacheFreezer), as the API server and the batch "
        "screen do"
    )
    if plain:
        differ = sum(a != b for a, b in zip(alerts, plain["alerting"], strict=True))
        print(f"the interpreted run alerts on the same queries but {differ}")
    if ours["compiled"]:
        print(f"compiled (mypyc, bench/compiled.py): {', '.join(ours['compiled'])}")
    print(
        f"baselines ran the first {len(fl):,} queries; logic-v2 scored "
        f"{logic['pairs'] if logic else 0:,} pairs (its retrieval and entity building not "
        "counted); ratios are baseline time / sanctionguard time"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    default = os.environ.get("SANCTIONGUARD_DATA", str(REPO.parent / "shared" / "data"))
    parser.add_argument("--data", type=Path, default=Path(default))
    parser.add_argument("--db", default=None, help="a store with the lists loaded")
    parser.add_argument("--per-class", type=int, default=200, help="deck cases per class")
    parser.add_argument("--baseline-queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument(
        "--builds",
        choices=("both", "compiled", "interpreted"),
        default="both",
        help="time the compiled build, the interpreted one, or both (the default)",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--deck-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_screener(args.db, args.deck_file)))
        return
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        url, load_s = ensure_store(args.data, args.db, tmp)
        if load_s is not None:
            print(f"loaded the lists into a fresh store in {load_s:.1f} s")
        records = read_records(url)
        deck = build_deck(records, args.seed, args.per_class, args.per_class * 3 // 2)
        cases = sample_cases(deck, args.seed)
        build = compiled_build() if args.builds != "interpreted" else None
        ours = run_screener_child(url, cases, tmp, build)
        plain = run_screener_child(url, cases, tmp, None) if args.builds == "both" else None
    few = [case.query for case in cases[: args.baseline_queries]]
    fuzz, candidates = rapidfuzz_baseline(records, few)
    logic = logic_v2_baseline(records, few, candidates)
    report((ours, plain), fuzz, logic, cases, len(records))


if __name__ == "__main__":
    main()
