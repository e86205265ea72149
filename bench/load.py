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
                        units += sum(1 for _ in ElementTree.iterparse(io.BytesIO(archive.read(name))))
            continue
        text = raw.decode("utf-8", errors="replace")
        if text.lstrip().startswith("<"):
            units += sum(1 for _ in ElementTree.iterparse(io.BytesIO(raw)))
        elif path.suffix == ".json":
            units += sum(1 for line in text.splitlines() if line.strip() and json.loads(line))
        else:
            units += sum(1 for _ in csv.reader(io.StringIO(text)))
    return units


def run_child(data: Path, db: str) -> dict[str, object]:
    """Run the real load in a child process so its peak RSS is its own."""
    code = (
        "import json, sys, time, resource\n"
        "from pathlib import Path\n"
        "from sanctionguard.sources.base import Limits\n"
        "from sanctionguard.sources.loader import parse_bundle, plan_bundles\n"
        "from sanctionguard.sources.registry import all_formats\n"
        "from sanctionguard.store.snapshots import Store\n"
        "paths = [Path(p) for p in json.loads(sys.argv[1])]\n"
        "t0 = time.perf_counter()\n"
        "formats = all_formats(); by = {s.format: s for s in formats}\n"
        "bundles, skipped = plan_bundles(paths, formats, Limits())\n"
        "parsed, per = [], []\n"
        "for b in bundles:\n"
        "    t = time.perf_counter(); p = parse_bundle(b, by[b.format]); parsed.append(p)\n"
        "    per.append([p.info.name, b.format, len(p.entries), round(time.perf_counter() - t, 3)])\n"
        "t1 = time.perf_counter()\n"
        "store = Store.open(sys.argv[2]); store.load(parsed)\n"
        "t2 = time.perf_counter()\n"
        "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024\n"
        "print(json.dumps({'parse_s': t1 - t0, 'store_s': t2 - t1, 'total_s': t2 - t0,\n"
        "  'peak_rss': rss, 'lists': per, 'skipped': len(skipped),\n"
        "  'entities': sum(len(p.entries) for p in parsed)}))\n"
    )
    paths = json.dumps([str(p) for p in list_paths(data)])
    out = subprocess.run(
        [sys.executable, "-c", code, paths, db], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("SANCTIONGUARD_DATA", str(REPO.parent / "shared" / "data"))
    parser.add_argument("--data", type=Path, default=Path(default))
    parser.add_argument("--db", default=None, help="store URL (default: a fresh SQLite file)")
    args = parser.parse_args()

    t0 = time.perf_counter()
    units = stdlib_scan(list_paths(args.data))
    baseline = time.perf_counter() - t0
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        result = run_child(args.data, db)

    print(f"{'list':32} {'format':18} {'entries':>8} {'parse s':>8}")
    for name, fmt, count, secs in result["lists"]:  # type: ignore[attr-defined]
        print(f"{name:32} {fmt:18} {count:>8,} {secs:>8.2f}")
    total = float(result["total_s"])  # type: ignore[arg-type]
    peak = int(result["peak_rss"])  # type: ignore[call-overload]
    print()
    print(f"entities stored       {result['entities']:>10,}  (skipped non-list files: {result['skipped']})")
    print(f"parse                 {float(result['parse_s']):>10.2f} s")  # type: ignore[arg-type]
    print(f"store                 {float(result['store_s']):>10.2f} s")  # type: ignore[arg-type]
    print(f"total load            {total:>10.2f} s   target <= 30 s")
    print(f"peak RSS              {peak / 2**20:>10.0f} MiB target <= 1024 MiB")
    print(f"baseline stdlib scan  {baseline:>10.2f} s   ({units:,} rows/elements; RSS {base_rss / 2**20:.0f} MiB)")
    print(f"ratio load / baseline {total / baseline:>10.1f} x")


if __name__ == "__main__":
    main()
