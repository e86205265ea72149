"""The per-snapshot contexts behind the domain endpoints: built once, shared by concurrent first
requests, rebuilt when another snapshot goes live; ownership analyses cached with a bound."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

from sanctionguard.api.contexts import SnapshotContexts
from sanctionguard.api.services import Services
from sanctionguard.cli.app import run
from sanctionguard.ownership.rules import parse_jurisdictions
from tests.api.conftest import REPO, Api

LISTED_BIC = REPO / "tests" / "fixtures" / "payments" / "pacs008_s1_listed_bic.xml"


def screen(api: Api) -> dict[str, object]:
    response = api.client.post(
        "/screen/payment",
        content=LISTED_BIC.read_bytes(),
        headers={**api.headers(), "Content-Type": "application/xml"},
    )
    assert response.status_code == 200
    body: dict[str, object] = response.json()
    return body


def test_payments_follow_the_snapshot_the_server_switches_to(api: Api) -> None:
    assert screen(api)["snapshot_id"] == 2 and screen(api)["decision"] == "block"
    api.store.set_current(1)  # the UN list alone: VTB is not on it
    assert api.client.post("/admin/reload", headers=api.headers()).status_code == 200
    after = screen(api)
    assert after["snapshot_id"] == 1
    assert not any(str(r).startswith("S1") for r in after["reasons"])  # type: ignore[attr-defined]


def test_concurrent_first_requests_share_one_context_per_snapshot(api: Api) -> None:
    svc: Services = api.app.state.services
    live = svc.holder.loaded()
    with ThreadPoolExecutor(4) as pool:
        payments = list(pool.map(lambda _: svc.contexts.payments(live), range(4)))
        vessels = list(pool.map(lambda _: svc.contexts.vessels(live), range(4)))
    assert all(ctx is payments[0] for ctx in payments)
    assert all(reg is vessels[0] for reg in vessels)
    assert payments[0].snapshot_id == live.snapshot_id
    assert len(vessels[0]) > 0


def test_ownership_analyses_are_reused_and_only_the_latest_few_kept(
    store_path: Path, api_factory: object
) -> None:
    shielded = REPO / "tests" / "fixtures" / "ownership" / "shielded.csv"
    assert run(["--db", f"sqlite:///{store_path}", "ownership", "load", str(shielded)]) == 0
    api: Api = api_factory(rate_per_second=0)  # type: ignore[operator]
    live = api.app.state.services.holder.loaded()
    contexts = SnapshotContexts(api.store, max_analyses=2)
    ofac = parse_jurisdictions("ofac")
    first = contexts.ownership(live, ofac, date(2024, 6, 1))
    assert contexts.ownership(live, ofac, date(2024, 6, 1)) is first
    contexts.ownership(live, ofac, date(2024, 1, 1))
    contexts.ownership(live, parse_jurisdictions("eu"), date(2024, 6, 1))
    again = contexts.ownership(live, ofac, date(2024, 6, 1))
    assert again is not first  # pushed out by the two newer analyses, then rebuilt
    assert again.stored.analysis.status("beta", "ofac") == first.stored.analysis.status(
        "beta", "ofac"
    )


def test_a_snapshot_the_poller_switches_to_gets_its_contexts_before_any_request(
    api_factory: object,
) -> None:
    api: Api = api_factory(rate_per_second=0, reload_interval_s=0.5)  # type: ignore[operator]
    svc: Services = api.app.state.services
    assert svc.contexts.built_for() == (None, None)  # nothing asked for them yet
    api.store.set_current(1)
    deadline = time.monotonic() + 30
    while svc.contexts.built_for() != (1, 1) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert svc.holder.loaded().snapshot_id == 1
    assert svc.contexts.built_for() == (1, 1)
    assert screen(api)["snapshot_id"] == 1
