"""Benchmark: the OFAC, EU and UK ownership rules on a synthetic graph and the real GLEIF samples.

A random ownership graph (default 500k entities, 1M edges: exact shares, ranges, unknown
shares, control edges, dated holdings; 1% of entities designated on all three lists' kinds)
goes through ``analyse`` (all three rule sets, certain and possible fixpoints each). Beside it,
in the same run, a plain-Python worklist computes the OFAC certain fixpoint on the same graph:
the baseline, and a cross-check (both must block exactly the same entities). Printed: times,
the ratio, how many entities each rule blocks, peak memory (RSS). Target (issue #6): all three
rule sets on 1M edges in ≤ 30 s on a 2-core machine.

Usage: python bench/ownership.py [--entities N] [--edges N] [--seed N] [--data DIR]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import numpy as np

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sanctionguard.ownership.analysis import Designation, analyse
from sanctionguard.ownership.cautions import cautions
from sanctionguard.ownership.graph import OPEN_END, OPEN_START, OwnershipGraph
from sanctionguard.ownership.model import OwnershipData
from sanctionguard.ownership.reader import read_ownership
from sanctionguard.ownership.rules import OFAC, RULE_SETS

AS_OF = date(2025, 1, 1)
LISTS = ("us_ofac_sdn", "eu_fsf", "gb_fcdo_sanctions")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic(entities: int, edges: int, seed: int) -> OwnershipGraph:
    """A random graph whose share, range, control and date mix resembles registry data."""
    rng = np.random.default_rng(seed)
    src = rng.integers(0, entities, edges, dtype=np.int64)
    dst = rng.integers(0, entities, edges, dtype=np.int64)
    kind = (rng.random(edges) < 0.05).astype(np.int8)  # 5% control edges
    share = np.round(rng.uniform(1, 60, edges), 2)
    low, high = share.copy(), share.copy()
    ranged = rng.random(edges) < 0.10  # PSC-style bands
    low[ranged] = np.floor(share[ranged] / 25) * 25
    high[ranged] = low[ranged] + 25
    unknown = rng.random(edges) < 0.05
    low[unknown], high[unknown] = 0.0, 100.0
    known = ~unknown
    dated = rng.random(edges) < 0.30
    start = np.full(edges, OPEN_START, dtype=np.int32)
    end = np.full(edges, OPEN_END, dtype=np.int32)
    base = date(2015, 1, 1).toordinal()
    start[dated] = base + rng.integers(0, 3650, int(dated.sum()))
    ended = dated & (rng.random(edges) < 0.3)
    end[ended] = start[ended] + rng.integers(30, 2000, int(ended.sum()))
    dates_known = rng.random(edges) > 0.001
    ids = [f"e{i}" for i in range(entities)]
    return OwnershipGraph.from_arrays(
        ids,
        {pid: i for i, pid in enumerate(ids)},
        [],
        src=src,
        dst=dst,
        kind=kind,
        low=low,
        high=high,
        known=known,
        start=start,
        end=end,
        dates_known=dates_known,
    )


def designations(graph: OwnershipGraph, share: float, seed: int) -> dict[str, list[Designation]]:
    rng = np.random.default_rng(seed + 1)
    chosen = rng.choice(graph.size, int(graph.size * share), replace=False)
    return {
        graph.ids[i]: [
            Designation(graph.ids[i], name, f"{name}-{i}", graph.ids[i]) for name in LISTS
        ]
        for i in chosen.tolist()
    }


def python_worklist(graph: OwnershipGraph, seeds: set[int], weight: np.ndarray) -> set[int]:
    """The baseline: a textbook worklist in plain Python (dicts and lists)."""
    out: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for a, b, w in zip(graph.src.tolist(), graph.dst.tolist(), weight.tolist(), strict=True):
        if w > 0:
            out[a].append((b, w))
    held: dict[int, float] = defaultdict(float)
    blocked = set(seeds)
    work = list(seeds)
    while work:
        node = work.pop()
        for child, w in out.get(node, ()):
            held[child] += w
            if child not in blocked and held[child] >= 50 - 1e-9:
                blocked.add(child)
                work.append(child)
    return blocked


def run_synthetic(args: argparse.Namespace) -> None:
    t0 = time.perf_counter()
    graph = synthetic(args.entities, args.edges, args.seed)
    listed = designations(graph, args.designated, args.seed)
    build = time.perf_counter() - t0
    print(
        f"synthetic graph: {graph.size:,} entities, {len(graph.src):,} edges, "
        f"{len(listed):,} designated (built in {build:.1f} s)"
    )

    t0 = time.perf_counter()
    analysis = analyse(OwnershipData(), listed, list(RULE_SETS.values()), AS_OF, graph=graph)
    ours = time.perf_counter() - t0
    rss = peak_rss_mb()

    t0 = time.perf_counter()
    findings = analysis.findings()
    explaining = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = cautions(analysis)
    cautioning = time.perf_counter() - t0
    per_rule = Counter(c.rule_id for c in found)

    run = analysis.run("ofac")
    seeds = set(np.flatnonzero(run.certain_seeds).tolist())
    t0 = time.perf_counter()
    baseline_blocked = python_worklist(graph, seeds, run.certain_weight)
    baseline = time.perf_counter() - t0
    ours_blocked = set(np.flatnonzero(run.certain.blocked).tolist())
    agree = "yes" if ours_blocked == baseline_blocked else "NO"

    print(f"\n{'':34}{'sanctionguard':>16}{'python worklist':>18}{'ratio':>8}")
    print(f"{'OFAC certain fixpoint only':34}{'(in total)':>16}{baseline:>16.2f} s")
    print(
        f"{'all 3 rule sets x 2 fixpoints':34}{ours:>14.2f} s{'':>18}"
        f"{baseline * 6 / ours:>7.1f}x (baseline x6 / ours)"
    )
    print(f"same OFAC blocked set as the baseline: {agree}")
    print(
        f"then {len(findings):,} findings with explanation paths: {explaining:.2f} s; "
        f"{len(found):,} cautions {dict(per_rule)}: {cautioning:.2f} s"
    )
    print(
        f"peak RSS after analysis: {rss:,.0f} MB; target ≤ 30 s: "
        f"{'met' if ours <= 30 else 'MISSED'}"
    )
    for key, counts in analysis.counts().items():
        run_k = analysis.run(key)
        print(
            f"  {key:5} listed {counts['listed']:>7,}  blocked {counts['blocked']:>8,}  "
            f"undetermined {counts['undetermined']:>8,}  rounds {run_k.certain.rounds}/"
            f"{run_k.possible.rounds}"
        )


def run_gleif(data_dir: Path) -> None:
    gleif = data_dir / "gleif"
    if not gleif.is_dir():
        print(f"\n(no GLEIF samples at {gleif}; skipped)")
        return
    t0 = time.perf_counter()
    data = read_ownership([gleif / "api", next(gleif.glob("*goldencopy*.json"))])
    read = time.perf_counter() - t0
    parents = sorted({e.owner for e in data.edges})[:3]
    listed = {p: [Designation(p, n, p, p) for n in LISTS] for p in parents}
    t0 = time.perf_counter()
    analysis = analyse(data, listed, list(RULE_SETS.values()), AS_OF)
    took = time.perf_counter() - t0
    print(
        f"\nreal GLEIF samples: {len(data.parties):,} parties, {len(data.edges)} relationship "
        f"edges (read {read:.2f} s, analysed {took * 1000:.1f} ms), designating {parents}"
    )
    print(f"  {analysis.counts()}  (OFAC: accounting consolidation is control, not ownership)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entities", type=int, default=500_000)
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--designated", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data"
    )
    args = parser.parse_args()
    print(
        f"rule sets: {', '.join(r.rule_id for r in RULE_SETS.values())}; OFAC threshold "
        f"{OFAC.threshold_on(AS_OF).describe()}; as of {AS_OF}"
    )
    run_synthetic(args)
    run_gleif(args.data)


if __name__ == "__main__":
    main()
