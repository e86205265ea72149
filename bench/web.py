"""Benchmark: what the web UI adds on top of the case service and the matcher.

Builds a temp store of the bundled sample lists (or opens ``--db``), imports the sample book,
records a run, and times, per page, the service call the page is built on (the baseline of
this run) next to the full HTTP round trip through the UI (session cookie, role check,
template rendering) with FastAPI's in-process TestClient:

- alert queue: ``list_alerts`` + ``count_alerts`` vs ``GET /alerts``;
- alert detail: ``alert(id)`` vs ``GET /alerts/{id}``;
- search: ``Screener.match`` vs ``GET /search``;
- entity: the stored record lookup vs ``GET /entities/{id}`` (with the neighbourhood scan);
- a static file, whose round trip is the in-process transport's own cost.

Median and p95 wall-clock milliseconds, and the UI/baseline ratio. On a shared, loaded machine
absolute times wander; the ratio is what to compare between runs. No target in the issue: the
number to watch is the overhead ratio.
Usage: python bench/web.py [--db URL] [--repeat N]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi.testclient import TestClient

from sanctionguard.cases.service import CaseService, CaseSettings
from sanctionguard.cases.users import PasswordHashing
from sanctionguard.cli.app import run
from sanctionguard.match.types import Query
from sanctionguard.settings import Settings
from sanctionguard.store.snapshots import Store
from sanctionguard.web import WebSettings, create_web_app
from sanctionguard.web.context import ScreenerCache
from sanctionguard.web.entities import find_entity

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


def _times(action: Callable[[], object], repeat: int) -> list[float]:
    action()  # warm: caches, compiled templates, the screener
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        out.append((time.perf_counter() - started) * 1000)
    return out


def _prepare(url: str | None, workdir: Path) -> tuple[str, CaseService]:
    if url is None:
        url = f"sqlite:///{workdir / 'bench.db'}"
        assert run(["--db", url, "lists", "load", str(EXAMPLES / "lists")]) == 0
    store = Store.open(url)
    cases = CaseService(store, CaseSettings(hashing=PasswordHashing(1, 1024, 1)))
    if cases.get_user("bench") is None:
        first = not cases.list_users()
        cases.create_user("bench", "bench-password", "admin", "system:bench" if first else "")
    if not cases.runs():
        cases.import_book(EXAMPLES / "book.csv", actor="system:bench")
        cases.screen_book(None, "system:bench")
    return url, cases


def _client(url: str, cases: CaseService, screeners: ScreenerCache) -> TestClient:
    web = WebSettings(secret_key=b"bench", secure_cookies=False)
    settings = Settings(database_url=url, data_dir=Path(tempfile.gettempdir()))
    app = create_web_app(settings, web, store=cases.store, cases=cases, screeners=screeners)
    # Entered, the client keeps one event-loop thread; otherwise each request starts one.
    client = TestClient(app).__enter__()
    page = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token is not None
    data = {"username": "bench", "password": "bench-password", "csrf_token": token.group(1)}
    assert client.post("/login", data=data).status_code == 200
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing store (default: a temp store of the samples)")
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url, cases = _prepare(args.db, Path(tmp))
        screeners = ScreenerCache(cases.store, None)
        snap_id, screener = screeners.current()
        client = _client(url, cases, screeners)
        alert = cases.list_alerts(limit=1)[0]
        query = Query(names=(alert.customer_name,))
        cases_rows: list[tuple[str, Callable[[], object], Callable[[], object]]] = [
            # The in-process transport's own cost, for scale: a static file, no session work.
            ("static file", lambda: None, lambda: client.get("/static/app.css")),
            (
                "alert queue",
                lambda: (cases.list_alerts(limit=100), cases.count_alerts()),
                lambda: client.get("/alerts"),
            ),
            (
                "alert detail",
                lambda: cases.alert(alert.id),
                lambda: client.get(f"/alerts/{alert.id}"),
            ),
            (
                "search",
                lambda: screener.match(query, threshold=0.5, limit=25),
                lambda: client.get("/search", params={"name": alert.customer_name}),
            ),
            (
                "entity",
                lambda: find_entity(cases.store, snap_id, alert.entity_id),
                lambda: client.get(f"/entities/{alert.entity_id}"),
            ),
        ]
        print(f"{'page':<14}{'service p50':>13}{'p95':>9}{'UI p50':>10}{'p95':>9}{'ratio':>8}")
        for name, base, page in cases_rows:
            b, u = _times(base, args.repeat), _times(page, args.repeat)
            bq, uq = statistics.quantiles(b, n=20), statistics.quantiles(u, n=20)
            b50, u50 = statistics.median(b), statistics.median(u)
            ratio = f"{u50 / b50:>7.1f}x" if b50 > 0.01 else f"{'-':>8}"
            print(f"{name:<14}{b50:>11.2f}ms{bq[18]:>7.2f}ms{u50:>8.2f}ms{uq[18]:>7.2f}ms{ratio}")
        cases.store.close()


if __name__ == "__main__":
    main()
