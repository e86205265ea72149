"""Benchmark: load every list in SANCTIONGUARD_DATA into a fresh SQLite store.

Prints wall time and peak RSS of the full pipeline (detect, parse, store), per list and in
total, next to a baseline measured in the same run: a stdlib-only pass that merely reads and
tokenises the same files (csv / xml.etree / zipfile / gzip / json), so the ratio says what
our parsing, validation and storage cost over touching the bytes at all.

Targets (issue #2): all lists in <= 30 s and <= 1 GB peak RSS on a 2-core machine.
Usage: python bench/load.py [--data DIR] [--db URL]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

REPO = Path(__file__).resolve().parent.parent
LIST_DIRS = ("ofac", "un", "eu", "uk", "ca", "au", "ch", "csl", "opensanctions")


def list_paths(data: Path) -> list[Path]:
    return [data / d for d in LIST_DIRS if (data / d).exists()]


def stdlib_scan(paths: list[Path]) -> int:
    """Baseline: read and tokenise every file with the standard library only."""
    units = 0
    files = [p for root in paths for p in sorted(root.rglob("*")) if p.is_file()]
    for path in files:
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        if raw[:4] == b"PK\x03\x04":
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                for name in archive.namelist():
                    if name.lower().endswith(".xml"):
                        units += sum(
                            1 for _ in ElementTree.iterparse(io.BytesIO(archive.read(name)))
                        )
            continue
        text = raw.decode("utf-8", errors="replace")
        if text.lstrip().startswith("<"):
            units += sum(1 for _ in ElementTree.iterparse(io.BytesIO(raw)))
        elif path.suffix == ".json":
            units += sum(1 for line in text.splitlines() if line.strip() and json.loads(line))
        else:
            units += sum(1 for _ in csv.reader(io.StringIO(text)))
    return units


def measure_load(paths: list[Path], db: str, workers: int | None) -> dict[str, object]:
    """The real load (detect, parse on all cores, store); runs in a child process."""
    from sanctionguard.sources.base import Limits
    from sanctionguard.sources.loader import parse_bundles, plan_bundles
    from sanctionguard.sources.registry import all_formats
    from sanctionguard.store.snapshots import Store

    t0 = time.perf_counter()
    formats = all_formats()
    bundles, skipped = plan_bundles(paths, formats, Limits())
    per: list[list[object]] = []
    parsed = parse_bundles(bundles, formats, workers)
    for bundle, source in zip(bundles, parsed, strict=True):
        per.append([source.info.name, bundle.format, len(source.entries)])
    t1 = time.perf_counter()
    store = Store.open(db)
    # The same list in several formats (OFAC's consolidated list as CSV, XML and enhanced
    # XML) goes into successive snapshots: one load carries each list once.
    rounds: list[list[Any]] = []
    for source in parsed:
        free = next((r for r in rounds if source.info.name not in {x.info.name for x in r}), None)
        if free is None:
            rounds.append([source])
        else:
            free.append(source)
    for batch in rounds:
        store.load(batch)
    t2 = time.perf_counter()
    return {
        "parse_s": t1 - t0,
        "store_s": t2 - t1,
        "total_s": t2 - t0,
        "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "peak_rss_children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
        "lists": per,
        "skipped": len(skipped),
        "entities": sum(len(p.entries) for p in parsed),
        "snapshots": len(rounds),
    }


def run_child(data: Path, db: str, workers: int | None) -> dict[str, object]:
    """Run ``measure_load`` in a fresh process so its peak RSS is its own."""
    args = [sys.executable, __file__, "--child", "--data", str(data), "--db", db]
    if workers:
        args += ["--workers", str(workers)]
    out = subprocess.run(args, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"load failed:\n{out.stderr}")
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("SANCTIONGUARD_DATA", str(REPO.parent / "shared" / "data"))
    parser.add_argument("--data", type=Path, default=Path(default))
    parser.add_argument("--db", default=None, help="store URL (default: a fresh SQLite file)")
    parser.add_argument(
        "--workers", type=int, default=None, help="parse processes (default: cores)"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_load(list_paths(args.data), args.db, args.workers)))
        return

    t0 = time.perf_counter()
    units = stdlib_scan(list_paths(args.data))
    baseline = time.perf_counter() - t0
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    with tempfile.TemporaryDirectory() as tmp:
        result = run_child(
            args.data, args.db or f"sqlite:///{Path(tmp) / 'bench.db'}", args.workers
        )
    report(result, baseline, units, base_rss)


def report(result: dict[str, Any], baseline: float, units: int, base_rss: int) -> None:
    print(f"{'list':32} {'format':18} {'entries':>8}")
    for name, fmt, count in result["lists"]:
        print(f"{name:32} {fmt:18} {count:>8,}")
    total = float(result["total_s"])
    peak = max(int(result["peak_rss"]), int(result["peak_rss_children"]))
    print()
    print(
        f"entities stored       {result['entities']:>10,}  in {result['snapshots']} snapshot(s); "
        f"skipped non-list files: {result['skipped']}"
    )
    print(f"parse (all cores)     {float(result['parse_s']):>10.2f} s")
    print(f"store                 {float(result['store_s']):>10.2f} s")
    print(f"total load            {total:>10.2f} s   target <= 30 s")
    print(f"peak RSS (max proc)   {peak / 2**20:>10.0f} MiB target <= 1024 MiB")
    print(
        f"baseline stdlib scan  {baseline:>10.2f} s   "
        f"({units:,} rows/elements; RSS {base_rss / 2**20:.0f} MiB)"
    )
    print(f"ratio load / baseline {total / baseline:>10.1f} x")


if __name__ == "__main__":
    main()
