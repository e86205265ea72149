"""Benchmark: every original-script name the lists print, against the party's Latin-only entries.

The accuracy deck (bench/accuracy.py) samples some 300 original-script cases, spread evenly over
the scripts; this runs all of them (about 2,600: most Cyrillic and Arabic, then Hangul, Hebrew,
Han), so that a change to one script's reading shows in hundreds of real names, not in a handful.
A case is a person's name as one list prints it in its own script ("Уладзімір Аляксандравіч
ДАВЫДАЎ", "لیلا واثقی"); it is found when one of the same party's entries on other lists that
give the name only in Latin letters scores at or above the threshold. sanctionguard runs at its
default threshold; logic-v2 (optional, ``--systems``) scores the candidates sanctionguard
retrieved plus the expected entries (an oracle retrieval that can only flatter it), at yente's
0.70. Printed: recall per script for each system, and sanctionguard's misses with ``--show``.

Usage: python bench/original_script.py [--data DIR] [--systems sanctionguard,logic-v2]
       [--show N] [--script arabic]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.accuracy import Run, case_score, missed, run_named
from bench.deck import (
    Case,
    build_catalogue,
    data_dir,
    load_records,
    original_script_cases,
)

ALL_CASES = 1_000_000  # more than the lists hold: every case


def recall_by_script(cases: list[Case], run: Run) -> dict[str, tuple[int, int]]:
    """Script -> (found, cases) at the run's threshold."""
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for case in cases:
        total[case.note] += 1
        if case_score(case, run.scores[case.id]) >= run.threshold:
            found[case.note] += 1
    return {script: (found[script], total[script]) for script in sorted(total)}


def report(cases: list[Case], runs: list[Run]) -> None:
    by_run = [recall_by_script(cases, run) for run in runs]
    print(f"{'script':12} {'cases':>6}" + "".join(f"  {run.system:>14}" for run in runs))
    for script in by_run[0]:
        cells = "".join(f"  {found / total:14.3f}" for found, total in (r[script] for r in by_run))
        print(f"{script:12} {by_run[0][script][1]:6}{cells}")
    totals = [(sum(f for f, _ in r.values()), sum(t for _, t in r.values())) for r in by_run]
    print(f"{'all':12} {totals[0][1]:6}" + "".join(f"  {f / t:14.3f}" for f, t in totals))


def show_misses(cases: list[Case], run: Run, count: int, script: str | None) -> None:
    print(f"\n{run.system} misses (query -> expected entry; best hits):")
    for case in missed((c for c in cases if not script or c.note == script), run, count):
        best = sorted(run.scores[case.id].items(), key=lambda kv: -kv[1])[:2]
        hits = ", ".join(f"{eid} {score:.2f}" for eid, score in best)
        print(f"  {case.note:10} {case.query.names[0]!r} -> {case.expected[0]}  [{hits}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=data_dir())
    parser.add_argument("--systems", default="sanctionguard")
    parser.add_argument("--show", type=int, default=0, help="sanctionguard misses shown")
    parser.add_argument("--script", default=None, help="show misses of this script only")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    t0 = time.perf_counter()
    records = load_records(args.data)
    cases = original_script_cases(build_catalogue(records), ALL_CASES, random.Random(args.seed))
    print(f"{len(records):,} listed entries, {len(cases):,} original-script cases")
    print(f"in {time.perf_counter() - t0:.1f} s\n")
    runs = run_named(records, cases, args.systems)
    print()
    report(cases, runs)
    if args.show:
        show_misses(cases, runs[0], args.show, args.script)


if __name__ == "__main__":
    main()
