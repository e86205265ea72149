"""Benchmark: payment screening latency and throughput with every list loaded.

Builds (or opens, with ``--db``) a store of all official lists, compiles the screener and the
payment context, generates synthetic pacs.008 messages (unique debtor and creditor names, real
BICs of ordinary and designated banks, remittance texts with and without listed names, vessels,
places and HS codes) and measures on one pinned core:

- the matcher's single-query latency over the same party names (the baseline of this run);
- end-to-end latency per pacs.008 (parse, screen every party and agent, free text, rules);
- messages per second on one core;

each in wall-clock time and in CPU time (on a shared, loaded machine the wall clock counts
waiting for a core too).

Targets (issue #7): p99 <= 20 ms per pacs.008, >= 500 messages/s per core.
Usage: python bench/payments.py [--db URL] [--data DIR] [--messages N] [--cache DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import deck
from sanctionguard.match.screener import Screener
from sanctionguard.match.types import Query
from sanctionguard.payments.context import PaymentContext
from sanctionguard.payments.findings import PaymentDecision, Severity
from sanctionguard.payments.service import screen_payment
from sanctionguard.sources.loader import parse_paths
from sanctionguard.store.snapshots import Store

TARGETS = {"p99": "<= 20 ms", "per_core": ">= 500/s"}
CLEAN_BICS = ("DEUTDEFF", "BNPAFRPP", "HSBCHKHH", "CITIUS33", "BKCHCNBJ", "EBILAEAD", "UBSWCHZH80A")
LISTED_BICS = ("SABRRUMM", "VTBRRUMM", "GAZPRUMM")
WORDS = [
    "north",
    "river",
    "garden",
    "alpine",
    "coastal",
    "granite",
    "silver",
    "maple",
    "harbor",
    "summit",
    "delta",
    "orchard",
    "lumen",
    "vertex",
    "nordic",
    "meridian",
    "amber",
    "cobalt",
    "willow",
    "prairie",
    "crescent",
    "beacon",
    "falcon",
]
FORMS = ("GmbH", "Ltd", "SARL", "LLC", "BV", "AG", "SpA", "Co Ltd")
TEXTS = (
    "Invoice {n} garden furniture",
    "PO {n} spare parts HS 8482.10",
    "Consulting services Q{q} contract {n}",
    "Freight m/v Lady R imo 9161003 ref {n}",
    "Payment for goods delivered to Simferopol {n}",
    "Salary advance {n}",
    "Order {n} microcontrollers HS 854231",
)


def company(rng: random.Random) -> str:
    return f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {rng.choice(FORMS)}"


def pacs008(rng: random.Random, n: int) -> tuple[bytes, tuple[str, str]]:
    debtor, creditor = company(rng), company(rng)
    agent = rng.choice(LISTED_BICS) if rng.random() < 0.05 else rng.choice(CLEAN_BICS)
    text = rng.choice(TEXTS).format(n=n, q=rng.randint(1, 4))
    body = f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.{rng.choice(range(8, 14)):02d}">
<FIToFICstmrCdtTrf><GrpHdr><MsgId>B{n}</MsgId><CreDtTm>2025-03-03T09:00:00</CreDtTm>
<NbOfTxs>1</NbOfTxs><SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf>
<InstgAgt><FinInstnId><BICFI>{rng.choice(CLEAN_BICS)}</BICFI></FinInstnId></InstgAgt>
<InstdAgt><FinInstnId><BICFI>{rng.choice(CLEAN_BICS)}</BICFI></FinInstnId></InstdAgt></GrpHdr>
<CdtTrfTxInf><PmtId><EndToEndId>E{n}</EndToEndId><UETR>00000000-0000-4000-8000-{n:012d}</UETR></PmtId>
<IntrBkSttlmAmt Ccy="EUR">{rng.randint(100, 500000)}.00</IntrBkSttlmAmt>
<IntrBkSttlmDt>2025-03-03</IntrBkSttlmDt>
<ChrgBr>SHAR</ChrgBr><IntrmyAgt1><FinInstnId><BICFI>{agent}</BICFI></FinInstnId></IntrmyAgt1>
<Dbtr><Nm>{debtor}</Nm><PstlAdr><TwnNm>Berlin</TwnNm><Ctry>DE</Ctry></PstlAdr></Dbtr>
<DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>
<DbtrAgt><FinInstnId><BICFI>DEUTDEFF</BICFI></FinInstnId></DbtrAgt>
<CdtrAgt><FinInstnId><BICFI>{rng.choice(CLEAN_BICS)}</BICFI></FinInstnId></CdtrAgt>
<Cdtr><Nm>{creditor}</Nm><PstlAdr><AdrLine>{rng.randint(1, 99)} Main Street</AdrLine>
<TwnNm>Paris</TwnNm><Ctry>FR</Ctry></PstlAdr></Cdtr>
<RmtInf><Ustrd>{text}</Ustrd></RmtInf></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>"""
    return body.encode(), (debtor, creditor)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def open_store(args: argparse.Namespace, tmp: Path) -> Store:
    if args.db:
        return Store.open(args.db)
    store = Store.open(f"sqlite:///{tmp / 'all.db'}")
    started = time.perf_counter()
    store.load(parse_paths([args.data / p for p in deck.LIST_PATHS]))
    print(f"loaded all lists in {time.perf_counter() - started:.1f} s")
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a store with every list loaded (default: load them)")
    parser.add_argument(
        "--data", type=Path, default=Path(os.environ.get("SANCTIONGUARD_DATA", "../shared/data"))
    )
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "sg-bench-index"
    )
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(args, Path(tmp))
        snap = store.resolve("current")
        started = time.perf_counter()
        screener = Screener.from_store(store, snap, cache_dir=args.cache)
        built = time.perf_counter()
        context = PaymentContext.build(store, snap, screener)
        ready = time.perf_counter()
        entities = sum(s.entity_count for s in store.snapshot(snap).sources)
        print(
            f"{entities:,} listed entities; screener {built - started:.1f} s, "
            f"payment context {ready - built:.1f} s"
        )
        run(screener, context, args.messages)


@dataclass
class Timings:
    """Wall-clock and CPU seconds per operation: on a loaded machine the wall clock also counts
    the time the process waited for a core, so CPU time is the fairer per-core measure."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def time(self, action: Callable[[], object]) -> object:
        w, c = time.perf_counter(), time.process_time()
        result = action()
        self.cpu.append(time.process_time() - c)
        self.wall.append(time.perf_counter() - w)
        return result


def run(screener: Screener, context: PaymentContext, count: int) -> None:
    rng = random.Random(7)
    messages = [pacs008(rng, n) for n in range(count)]
    names = [name for _, pair in messages for name in pair]
    for name in names[:200]:  # warm-up
        screener.match(Query(names=(name,), schema="LegalEntity"))
    queries = Timings()
    for name in names:
        queries.time(partial(screener.match, Query(names=(name,), schema="LegalEntity")))
    fresh = PaymentContext(
        screener,
        context.snapshot_id,
        context.bics,
        context.leis,
        context.scanner,
        context.reference,
    )  # an empty name cache: every party name goes through the matcher
    outcomes: dict[str, int] = {}
    rules: dict[str, int] = {}
    timings = Timings()
    for body, _ in messages:
        decision = timings.time(partial(screen_payment, body, "application/xml", fresh))
        assert isinstance(decision, PaymentDecision)
        outcomes[decision.outcome.value] = outcomes.get(decision.outcome.value, 0) + 1
        for rule in {f.rule for f in decision.findings if f.severity >= Severity.MEDIUM}:
            rules[rule] = rules.get(rule, 0) + 1
    report(queries, timings)
    print("decisions: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    print(
        "messages held or blocked per rule: "
        + ", ".join(f"{k} {v}" for k, v in sorted(rules.items()))
    )
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"machine load (1/5/15 min): {load} on {os.cpu_count()} cores; one core pinned")


def _row(label: str, query: float, message: float, target: str = "", digits: int = 3) -> None:
    ratio = message / query if query else float("nan")
    print(f"{label:<34}{query:>14.{digits}f}{message:>18.{digits}f}{ratio:>8.2f}{target:>12}")


def report(queries: Timings, messages: Timings) -> None:
    print(f"{'measure':<34}{'matcher query':>14}{'pacs.008 message':>18}{'ratio':>8}{'target':>12}")
    for clock, q, m in (("wall", queries.wall, messages.wall), ("cpu", queries.cpu, messages.cpu)):
        _row(f"{clock} p50 (ms)", percentile(q, 0.5) * 1e3, percentile(m, 0.5) * 1e3)
        _row(
            f"{clock} p99 (ms)",
            percentile(q, 0.99) * 1e3,
            percentile(m, 0.99) * 1e3,
            TARGETS["p99"],
        )
        _row(f"{clock} mean (ms)", statistics.mean(q) * 1e3, statistics.mean(m) * 1e3)
        _row(
            f"{clock} per second, one core",
            1 / statistics.mean(q),
            1 / statistics.mean(m),
            TARGETS["per_core"],
            digits=0,
        )


if __name__ == "__main__":
    main()
