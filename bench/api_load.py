"""Benchmark: the REST API under loopback load, beside the in-process matcher in the same run.

Starts ``sanctionguard serve`` (``--workers``, no rate limit, no access log) over a store with
the lists loaded, then drives single-query ``POST /match/default`` requests with ``wrk``
(Debian package; a Lua script cycles through the query bodies) or, without wrk, a Python
asyncio + httpx client. The same queries are first timed in-process with
``Screener.match`` (one core), so the report shows what HTTP, JSON and auth add. Queries are
half listed names (with their schema), half recombined name words that mostly do not match.
``--soak-seconds`` then keeps the load on and samples the server's memory (RSS of all its
processes) over time, with the error count.

On a shared machine wall-clock latency mostly measures the other processes, so the report
also gives the CPU time per request: the server's (all its processes, from /proc), the load
generator's and ``Screener.match``'s in-process, and the capacity of the machine's cores
projected from them. The machine's load average is printed before and after.

Targets (issue #4, 2 cores, all lists): >= 1,000 requests/s at p99 <= 20 ms; a 10-minute soak
with flat memory and zero errors. The load generator shares the 2 cores with the server, so
numbers are a lower bound; other processes on the machine make them noisier still.

Usage: python bench/api_load.py --db sqlite:////tmp/all.db [--duration 20] [--connections 16]
       [--workers 2] [--client wrk|python] [--soak-seconds 600] [--queries 400]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx

from sanctionguard.api.keys import KeyStore
from sanctionguard.match.query import QueryError, prepare
from sanctionguard.match.screener import Screener
from sanctionguard.match.types import Query
from sanctionguard.store.snapshots import Store

TARGETS = {"throughput": ">= 1,000 req/s", "p99": "<= 20 ms"}
SCHEMAS = ("Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane")


# -- queries -------------------------------------------------------------------------------


def make_queries(store: Store, count: int, seed: int = 7) -> list[tuple[str, str]]:
    """``(schema, name)`` pairs: half listed captions, half recombined words of captions."""
    rng = random.Random(seed)
    entities = [(e.schema, e.caption) for e in store.entities(store.resolve("current"))]
    rng.shuffle(entities)
    listed = [(s if s in SCHEMAS else "LegalEntity", c) for s, c in entities[: count // 2]]
    words = [w for _, c in entities[:5000] for w in c.split() if w.isalpha() and len(w) > 2]
    made = [("Person", " ".join(rng.sample(words, 2)).title()) for _ in range(count - len(listed))]
    queries = [q for q in listed + made if _screenable(*q)]
    rng.shuffle(queries)
    return queries


def _screenable(schema: str, name: str) -> bool:
    try:
        prepare(Query(names=(name,), schema=schema))
    except QueryError:
        return False
    return True


def body(schema: str, name: str) -> str:
    query = {"schema": schema, "properties": {"name": [name]}}
    return json.dumps({"queries": {"q": query}})


# -- in-process baseline -------------------------------------------------------------------


def in_process(store: Store, cache_dir: Path, queries: list[tuple[str, str]]) -> dict[str, Any]:
    started = time.perf_counter()
    screener = Screener.from_store(store, cache_dir=cache_dir)
    build = time.perf_counter() - started
    for schema, name in queries[:50]:
        screener.match(Query(names=(name,), schema=schema), limit=5)
    times = []
    cpu = time.process_time()
    for schema, name in queries:
        t0 = time.perf_counter()
        screener.match(Query(names=(name,), schema=schema), threshold=0.5, limit=6)
        times.append(time.perf_counter() - t0)
    cpu = time.process_time() - cpu
    return {
        "index_load_s": build,
        "p50_ms": percentile(times, 50) * 1000,
        "p99_ms": percentile(times, 99) * 1000,
        "per_core_qps": len(times) / sum(times),
        "cpu_ms": 1000 * cpu / len(times),
    }


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]


# -- server --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: str, home: Path, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "sanctionguard",
        "--db",
        db,
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--rate",
        "0",
        "--no-access-log",
        "--cache-dir",
        str(home / "index-cache"),
    ]
    log = (home / "serve.log").open("wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        # Every worker logs when its index is live; a busy worker hardly accepts connections,
        # so asking /readyz would mostly reach the ready one.
        if (home / "serve.log").read_text().count(" is live ") >= workers:
            httpx.get(f"{url}/readyz", timeout=60).raise_for_status()
            return process, url
        if process.poll() is not None:
            raise SystemExit(f"server exited: {(home / 'serve.log').read_text()[-2000:]}")
        time.sleep(0.5)
    process.terminate()
    raise SystemExit(f"server not ready in 900 s: {(home / 'serve.log').read_text()[-2000:]}")


def _tree(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [pid, *(int(p) for p in children.read_text().split())] if children.exists() else [pid]


def server_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) the server and its worker processes have used."""
    ticks = 0
    for item in _tree(pid):
        stat = Path(f"/proc/{item}/stat")
        if stat.exists():
            fields = stat.read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def wait_idle(pid: int, window: float = 2.0, timeout: float = 600.0) -> float:
    """Wait until the server's processes are idle (under 5% of a core over ``window``): after
    going live each worker still builds the payment and vessel contexts and settles its heap,
    seconds of CPU that would otherwise be counted against the first requests. The wait."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        cpu = server_cpu_s(pid)
        time.sleep(window)
        if server_cpu_s(pid) - cpu < 0.05 * window:
            break
    return time.monotonic() - started


def machine_load() -> str:
    """The load average (1, 5, 15 min) and the core count, to read the numbers against."""
    one, five, fifteen = Path("/proc/loadavg").read_text().split()[:3]
    return f"load average {one} {five} {fifteen} on {os.cpu_count()} cores"


def server_rss_mb(pid: int) -> float:
    """RSS of the server and its worker processes, in MiB (from /proc)."""
    total = 0
    for item in _tree(pid):
        status = Path(f"/proc/{item}/status")
        if status.exists():
            match = re.search(r"VmRSS:\s+(\d+) kB", status.read_text())
            total += int(match.group(1)) if match else 0
    return total / 1024


# -- load ----------------------------------------------------------------------------------

LUA = """
local bodies = {%s}
local i = 0
request = function()
  i = i %% #bodies + 1
  return wrk.format("POST", "/match/default", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "ApiKey %s"
  }, bodies[i])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%f %%f %%f\\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write,
    summary.errors.status, summary.errors.timeout, summary.duration,
    latency:percentile(50), latency:percentile(99), latency.max))
end
"""


def lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run_wrk(
    url: str, token: str, bodies: list[str], seconds: int, connections: int, tmp: Path
) -> dict[str, Any]:
    script = tmp / "match.lua"
    script.write_text(LUA % (",".join(lua_string(b) for b in bodies), token))
    command = [
        "wrk",
        "-t",
        "1",
        "-c",
        str(connections),
        "-d",
        f"{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        url,
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    client_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    found = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\S+) (\S+) (\S+)", out)
    if found is None:
        raise SystemExit(f"wrk gave no result:\n{out}")
    requests, sock_errors, status_errors, timeouts, micros = (
        int(found.group(i)) for i in range(1, 6)
    )
    return {
        "requests": requests,
        "errors": sock_errors + status_errors + timeouts,
        "rps": requests / (micros / 1e6),
        "p50_ms": float(found.group(6)) / 1000,
        "p99_ms": float(found.group(7)) / 1000,
        "max_ms": float(found.group(8)) / 1000,
        "client_cpu_s": client_cpu,
    }


async def _python_load(
    url: str, token: str, bodies: list[str], seconds: int, connections: int
) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    headers = {"Authorization": f"ApiKey {token}", "Content-Type": "application/json"}
    limits = httpx.Limits(max_connections=connections)
    async with httpx.AsyncClient(base_url=url, headers=headers, limits=limits) as client:

        async def worker(offset: int) -> None:
            nonlocal errors
            i = offset
            while time.perf_counter() < stop:
                t0 = time.perf_counter()
                try:
                    response = await client.post("/match/default", content=bodies[i % len(bodies)])
                    if response.status_code != 200:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append(time.perf_counter() - t0)
                i += connections

        started, cpu = time.perf_counter(), time.process_time()
        await asyncio.gather(*(worker(i) for i in range(connections)))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
        "max_ms": max(latencies) * 1000,
        "client_cpu_s": cpu,
    }


def run_load(
    client: str,
    url: str,
    token: str,
    bodies: list[str],
    seconds: int,
    connections: int,
    tmp: Path,
    server_pid: int,
) -> dict[str, Any]:
    """One load run; with the server's and the client's CPU milliseconds per request."""
    cpu = server_cpu_s(server_pid)
    if client == "wrk":
        result = run_wrk(url, token, bodies, seconds, connections, tmp)
    else:
        result = asyncio.run(_python_load(url, token, bodies, seconds, connections))
    requests = max(result["requests"], 1)
    result["server_cpu_ms"] = 1000 * (server_cpu_s(server_pid) - cpu) / requests
    result["client_cpu_ms"] = 1000 * result["client_cpu_s"] / requests
    return result


def server_mean_ms(url: str, token: str) -> float:
    """Mean time inside the server per /match request (one worker's histogram: parsing, auth,
    matching, serialisation; no client or socket time)."""
    text = httpx.get(f"{url}/metrics", headers={"X-API-Key": token}, timeout=30).text
    total = count = 0.0
    for line in text.splitlines():
        if 'route="/match/{dataset}"' in line and 'status="200"' in line:
            value = float(line.rsplit(" ", 1)[1])
            if line.startswith("sanctionguard_api_request_seconds_sum"):
                total += value
            elif line.startswith("sanctionguard_api_request_seconds_count"):
                count += value
    return 1000 * total / count if count else float("nan")


# -- report --------------------------------------------------------------------------------


def report(base: dict[str, Any], load: dict[str, Any], args: argparse.Namespace) -> None:
    print(
        f"\nsingle-query /match, {args.workers} worker(s), {args.connections} connections, "
        f"{args.duration} s, client {args.client}, {os.cpu_count()} cores (shared)"
    )
    print(f"{'':28}{'in-process':>14}{'REST API':>14}{'ratio':>10}   target")
    print(
        f"{'p50 latency (ms)':28}{base['p50_ms']:>14.2f}{load['p50_ms']:>14.2f}"
        f"{load['p50_ms'] / base['p50_ms']:>10.1f}"
    )
    print(
        f"{'p99 latency (ms)':28}{base['p99_ms']:>14.2f}{load['p99_ms']:>14.2f}"
        f"{load['p99_ms'] / base['p99_ms']:>10.1f}   {TARGETS['p99']}"
    )
    print(
        f"{'throughput (queries/s)':28}{base['per_core_qps']:>14.0f}{load['rps']:>14.0f}"
        f"{load['rps'] / base['per_core_qps']:>10.2f}   {TARGETS['throughput']}"
    )
    print(f"{'':28}{'(1 core)':>14}{'(all workers)':>14}")
    inside = load["server_mean_ms"]
    print(
        f"{'mean time per query (ms)':28}{1000 / base['per_core_qps']:>14.2f}"
        f"{inside:>14.2f}{inside * base['per_core_qps'] / 1000:>10.2f}"
        "   (API: inside the server, one worker)"
    )
    server_cpu, client_cpu = load["server_cpu_ms"], load["client_cpu_ms"]
    print(
        f"{'CPU time per query (ms)':28}{base['cpu_ms']:>14.2f}{server_cpu:>14.2f}"
        f"{server_cpu / base['cpu_ms']:>10.2f}   (API: all server processes)"
    )
    cores = os.cpu_count() or 1
    print(
        f"{'capacity from CPU (req/s)':28}{cores * 1000 / base['cpu_ms']:>14.0f}"
        f"{cores * 1000 / server_cpu:>14.0f}{'':>10}   ({cores} cores to the server alone)"
    )
    print(
        f"{'':28}{'':>14}{cores * 1000 / (server_cpu + client_cpu):>14.0f}{'':>10}"
        f"   (sharing them with the load generator: {client_cpu:.2f} ms CPU per request)"
    )
    print(
        f"requests {load['requests']}, errors {load['errors']}, max {load['max_ms']:.1f} ms; "
        f"index load in-process {base['index_load_s']:.1f} s"
    )


def _sample_rss(pid: int, every: float, samples: list[float], stop: threading.Event) -> None:
    while not stop.wait(every):
        samples.append(server_rss_mb(pid))


def soak(
    args: argparse.Namespace, pid: int, url: str, token: str, bodies: list[str], tmp: Path
) -> None:
    """Load in slices; the server's RSS sampled every few seconds, errors per slice."""
    print(
        f"\nsoak: {args.soak_seconds} s in slices of {args.soak_slice} s, RSS sampled every "
        f"{args.soak_sample} s; {machine_load()}"
    )
    print(
        f"{'t (s)':>8}{'RSS (MiB)':>12}{'req/s':>10}{'p99 ms':>10}{'CPU ms/req':>12}{'errors':>8}"
    )
    elapsed, errors, rss = 0, 0, [server_rss_mb(pid)]
    stop = threading.Event()
    sampler = threading.Thread(target=_sample_rss, args=(pid, args.soak_sample, rss, stop))
    sampler.start()
    try:
        while elapsed < args.soak_seconds:
            piece = min(args.soak_slice, args.soak_seconds - elapsed)
            result = run_load(args.client, url, token, bodies, piece, args.connections, tmp, pid)
            elapsed += piece
            errors += result["errors"]
            print(
                f"{elapsed:>8}{server_rss_mb(pid):>12.0f}{result['rps']:>10.0f}"
                f"{result['p99_ms']:>10.1f}{result['server_cpu_ms']:>12.2f}{result['errors']:>8}"
            )
    finally:
        stop.set()
        sampler.join()
    rss.append(server_rss_mb(pid))
    print(
        f"soak: errors {errors}; RSS ({len(rss)} samples) first {rss[0]:.0f} MiB, last "
        f"{rss[-1]:.0f} MiB, max {max(rss):.0f} MiB (growth {rss[-1] - rss[0]:+.0f} MiB, "
        f"mean {statistics.mean(rss):.0f} MiB); {machine_load()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="store with the lists loaded")
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--client", choices=("wrk", "python"), default=None)
    parser.add_argument("--soak-seconds", "--soak", type=int, default=0)
    parser.add_argument("--soak-slice", type=int, default=30)
    parser.add_argument("--soak-sample", type=float, default=5.0, help="seconds between RSS")
    parser.add_argument(
        "--cache-dir", type=Path, default=Path(tempfile.gettempdir()) / "sg-bench-index"
    )
    args = parser.parse_args()
    args.client = args.client or ("wrk" if shutil.which("wrk") else "python")

    print(f"start: {machine_load()}")
    store = Store.open(args.db)
    queries = make_queries(store, args.queries)
    base = in_process(store, args.cache_dir, queries)
    token = KeyStore(store.engine).create("bench api_load", "screen,read")[1]
    bodies = [body(s, n) for s, n in queries]
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        (tmp / "index-cache").symlink_to(args.cache_dir)
        process, url = start_server(args.db, tmp, args.workers)
        try:
            pid = process.pid
            print(f"server idle after {wait_idle(pid):.0f} s of post-start work")
            run_load(args.client, url, token, bodies, 3, args.connections, tmp, pid)  # warm up
            load = run_load(
                args.client, url, token, bodies, args.duration, args.connections, tmp, pid
            )
            load["server_mean_ms"] = server_mean_ms(url, token)
            report(base, load, args)
            print(f"after the run: {machine_load()}")
            if args.soak_seconds:
                soak(args, process.pid, url, token, bodies, tmp)
        finally:
            process.terminate()
            process.wait(timeout=30)
            KeyStore(store.engine).revoke(token.split("_")[1])


if __name__ == "__main__":
    main()
