"""Benchmark: AIS behaviour analysis on simulated positions, with precision/recall and a baseline.

Simulates voyages with injected gaps, spoofing jumps, ship-to-ship encounters, loitering and
terminal calls (``sanctionguard.maritime.simulate``), writes them to Parquet, then in a fresh
process reads and analyses them (``read_positions`` + ``analyse``) and reports wall time, peak
RSS and precision/recall per event kind. Beside it, in the same run, a naive baseline (Python
loops over consecutive fixes for gaps and jumps, a pairwise vessel-by-vessel comparison for
encounters) and the vectorised detectors both analyse the same subsample, and the throughput
ratio is printed. Numbers depend on machine load; compare ratios, not absolute times.

Target (issue #8): 10M positions in <= 2 minutes on 2 cores; precision and recall >= 0.95 on
gaps, encounters and jumps.
Usage: python bench/ais.py [--vessels 1000 --days 21 --interval 180] [--sample-vessels 100]
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from sanctionguard.maritime.ais import Positions, read_positions, write_positions
from sanctionguard.maritime.detect import KINDS, AisSettings, analyse
from sanctionguard.maritime.reference.sets import Reference
from sanctionguard.maritime.simulate import (
    Simulation,
    SimulationSettings,
    TruthEvent,
    score,
    simulate,
)


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


# -- the measured run (child process) --------------------------------------------------------


def analyse_file(path: Path, truth_path: Path) -> dict[str, Any]:
    reference = Reference.load()
    started, cpu = time.perf_counter(), time.process_time()
    positions, report = read_positions(path)
    read_s, read_cpu = time.perf_counter() - started, time.process_time() - cpu
    result = analyse(positions, reference)
    total_s, total_cpu = time.perf_counter() - started, time.process_time() - cpu
    truth = [TruthEvent(**t) for t in json.loads(truth_path.read_text(encoding="utf-8"))]
    return {
        "positions": len(positions),
        "vessels": result.vessels,
        "read_s": read_s,
        "total_s": total_s,
        "read_cpu": read_cpu,
        "total_cpu": total_cpu,
        "rss_mib": _rss_mib(),
        "notes": report.notes(),
        "scores": [
            {
                "kind": s.kind,
                "truth": s.truth,
                "detected": s.detected,
                "precision": s.precision,
                "recall": s.recall,
            }
            for s in score(result.events, truth)
        ],
    }


# -- the naive baseline ------------------------------------------------------------------------


def _hav(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def naive(p: Positions, s: AisSettings) -> int:
    """Gaps and jumps by a loop over fixes, encounters by comparing every pair of vessels."""
    events = 0
    rows = list(
        zip(
            p.mmsi.tolist(),
            p.time.tolist(),
            p.lat.tolist(),
            p.lon.tolist(),
            p.speed.tolist(),
            strict=True,
        )
    )
    by_vessel: dict[int, dict[int, tuple[float, float]]] = defaultdict(dict)
    for k, (m, t, la, lo, sp) in enumerate(rows):
        if k and rows[k - 1][0] == m:
            _, t0, la0, lo0, _ = rows[k - 1]
            km = _hav(la0, lo0, la, lo)
            if t - t0 >= s.gap_hours * 3600 or (
                km > s.min_jump_km and km / 1.852 / ((t - t0) / 3600) > s.max_speed_kn
            ):
                events += 1
        if sp < s.slow_kn:
            by_vessel[m].setdefault(t // (s.bin_minutes * 60), (la, lo))
    vessels = sorted(by_vessel)
    for i, a in enumerate(vessels):
        for b in vessels[i + 1 :]:
            near = 0
            for bin_, (la, lo) in by_vessel[a].items():
                other = by_vessel[b].get(bin_)
                if other and _hav(la, lo, other[0], other[1]) * 1000 <= s.sts_distance_m:
                    near += 1
            events += near * s.bin_minutes >= s.sts_min_hours * 60
    return events


def per_million(seconds: float, positions: int) -> float:
    return seconds / max(positions, 1) * 1e6


def subsample(sim: Simulation, vessels: int) -> Positions:
    p = sim.positions
    chosen = np.unique(p.mmsi)[:vessels]
    return p.take(np.isin(p.mmsi, chosen))


# -- driver ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vessels", type=int, default=1000)
    parser.add_argument("--days", type=float, default=21.0)
    parser.add_argument("--interval", type=float, default=180.0)
    parser.add_argument("--sample-vessels", type=int, default=100)
    parser.add_argument("--analyse", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--truth", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.analyse:
        print(json.dumps(analyse_file(args.analyse, args.truth)))
        return
    reference = Reference.load()
    settings = SimulationSettings(vessels=args.vessels, days=args.days, interval_s=args.interval)
    started = time.perf_counter()
    sim = simulate(reference, settings)
    sim_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="sg-ais-bench-") as tmp:
        tracks, truth = Path(tmp) / "tracks.parquet", Path(tmp) / "truth.json"
        write_positions(sim.positions, tracks)
        truth.write_text(json.dumps([t.__dict__ for t in sim.truth]), encoding="utf-8")
        child = subprocess.run(
            [sys.executable, __file__, "--analyse", str(tracks), "--truth", str(truth)],
            check=True,
            capture_output=True,
            text=True,
        )
        full = json.loads(child.stdout.strip().splitlines()[-1])
        size_mib = tracks.stat().st_size / 2**20

    sample = subsample(sim, args.sample_vessels)
    s = AisSettings()
    t0 = time.perf_counter()
    analyse(sample, reference, s)
    fast_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    naive(sample, s)
    naive_s = time.perf_counter() - t0

    print(
        f"simulated {full['positions']:,} positions of {full['vessels']:,} vessels "
        f"in {sim_s:.1f} s; Parquet {size_mib:.0f} MiB; {len(sim.truth)} injected events"
    )
    print(
        f"read + analyse (fresh process): {full['total_s']:.1f} s wall, "
        f"{full['total_cpu']:.1f} s CPU "
        f"(read {full['read_s']:.1f} s wall, {full['read_cpu']:.1f} s CPU), "
        f"peak RSS {full['rss_mib']:.0f} MiB; target <= 120 s"
    )
    for note in full["notes"]:
        print(f"  reader note: {note}")
    print(f"{'kind':<14}{'truth':>7}{'detected':>10}{'precision':>11}{'recall':>8}")
    for row in full["scores"]:
        print(
            f"{row['kind']:<14}{row['truth']:>7}{row['detected']:>10}"
            f"{row['precision']:>11.3f}{row['recall']:>8.3f}"
        )
    n = len(sample)
    print(f"baseline on a {args.sample_vessels}-vessel subsample ({n:,} positions), same run:")
    print(f"  vectorised: {fast_s:.2f} s ({per_million(fast_s, n):.1f} s per million positions)")
    print(
        f"  naive loops + pairwise encounters: {naive_s:.2f} s "
        f"({per_million(naive_s, n):.1f} s per million positions)"
    )
    print(
        f"  naive / vectorised = {naive_s / max(fast_s, 1e-9):.0f}x on the subsample; the "
        "pairwise encounter part grows with vessels squared, so the gap widens with fleet size"
    )
    print(
        f"kinds: {', '.join(KINDS)}; machine load average at end: "
        + Path("/proc/loadavg").read_text().split()[0]
    )


if __name__ == "__main__":
    main()
