"""Benchmark: analyse every listed name (``analyze_name``) of the current snapshot.

Prints CPU time per name for Latin and non-Latin names in a fresh process (cold caches, as an
index build sees them) and again warm, next to a baseline measured in the same run (lower-case
and split only), plus how often an original-script name meets the same entity's Latin names:
the share of its word tokens whose skeleton a Latin alias has, for its best form, per script.

Targets (issue #3 brief): <= 20 us per Latin name, <= 100 us per non-Latin name on average.
Usage: python bench/names.py [--db URL] [--data DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script: make the `bench` package importable
    sys.path.insert(0, str(REPO))

from bench.deck import list_paths  # noqa: E402 - after the path set-up above


def load_records(data: Path, db: str | None) -> list[dict[str, Any]]:
    from sanctionguard.sources.base import Limits
    from sanctionguard.store.ingest import ingest
    from sanctionguard.store.snapshots import Store

    url = db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'names.db'}"
    store = Store.open(url)
    if store.current_snapshot_id() is None:
        ingest(store, list_paths(data), Limits())
    records = [e.record for e in store.entities(store.resolve("current"))]
    store.close()
    return records


def per_name_us(
    names: Sequence[dict[str, Any]], analyse: Callable[[dict[str, Any]], object]
) -> float:
    start = time.process_time()
    for name in names:
        analyse(name)
    return (time.process_time() - start) / max(1, len(names)) * 1e6


def meeting_rates(records: Sequence[dict[str, Any]]) -> dict[str, tuple[int, float]]:
    """Per script: (original-script names, mean token share meeting a Latin alias by skeleton)."""
    from sanctionguard.names.analyze import analyze_name
    from sanctionguard.names.types import TokenKind

    totals: dict[str, list[float]] = defaultdict(list)
    for record in records:
        names = record.get("names", [])
        latin = [n for n in names if n["value"].isascii()]
        if not latin or len(latin) == len(names):
            continue
        keys = {
            t.skeleton
            for n in latin
            for form in analyze_name(n["value"], schema=record.get("schema")).forms
            for t in form
        }
        for n in names:
            if n["value"].isascii():
                continue
            found = analyze_name(n["value"], schema=record.get("schema"), lang=n.get("lang"))
            if found.script == "Latin":
                continue
            shares = [
                sum(t.skeleton in keys for t in words) / len(words)
                for form in found.forms
                if (words := [t for t in form if t.kind is TokenKind.WORD])
            ]
            totals[found.script].append(max(shares, default=0.0))
    return {script: (len(v), sum(v) / len(v)) for script, v in totals.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("SANCTIONGUARD_DATA", str(REPO.parent / "shared" / "data"))
    parser.add_argument("--data", type=Path, default=Path(default))
    parser.add_argument("--db", help="a store URL with the lists already loaded")
    args = parser.parse_args()
    records = load_records(args.data, args.db)
    names = [{**n, "schema": r.get("schema")} for r in records for n in r.get("names", [])]

    from sanctionguard.names.analyze import analyze_name
    from sanctionguard.names.scripts import dominant_script
    from sanctionguard.names.tokens import split_words

    def analyse(n: dict[str, Any]) -> object:
        return analyze_name(
            n["value"], schema=n["schema"], lang=n.get("lang"), parts=n.get("parts")
        )

    def baseline(n: dict[str, Any]) -> object:
        return n["value"].lower().split()

    latin = [n for n in names if dominant_script(split_words(n["value"].lower())) == "Latin"]
    other = [n for n in names if dominant_script(split_words(n["value"].lower())) != "Latin"]
    analyze_name("王健林")  # create the slow Han transliterator outside the timing
    print(f"{len(names)} names ({len(latin)} Latin, {len(other)} other scripts)")
    print(f"{'':28s}{'Latin us/name':>16s}{'other us/name':>16s}")
    cold = (per_name_us(latin, analyse), per_name_us(other, analyse))
    warm = (per_name_us(latin, analyse), per_name_us(other, analyse))
    base = (per_name_us(latin, baseline), per_name_us(other, baseline))
    for label, (a, b) in (("analyze_name, cold", cold), ("analyze_name, warm", warm)):
        print(f"{label:28s}{a:16.1f}{b:16.1f}")
    print(f"{'baseline lower+split':28s}{base[0]:16.2f}{base[1]:16.2f}")
    print("\noriginal-script names meeting a Latin alias by skeleton (best form, token share):")
    for script, (count, rate) in sorted(meeting_rates(records).items(), key=lambda x: -x[1][0]):
        print(f"  {script:10s} {count:6d} names  {rate:.3f}")


if __name__ == "__main__":
    main()
