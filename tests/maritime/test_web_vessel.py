"""The web UI's vessel pages over the bundled sample lists: search by IMO, MMSI and name, the
identity history of a hull listed under two names, its findings, and an uploaded simulated
AIS track drawn with its detected events marked."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from sanctionguard.cli.app import run
from sanctionguard.maritime.ais import Positions, write_positions
from sanctionguard.maritime.reference.sets import Reference
from sanctionguard.maritime.simulate import SimulationSettings, simulate
from sanctionguard.settings import Settings
from sanctionguard.store.snapshots import Store
from sanctionguard.web import create_web_app
from sanctionguard.web.vessels import MAX_UPLOAD_BYTES
from tests.web.conftest import csrf_of, make_web, quick_cases

REPO = Path(__file__).resolve().parents[2]
NS_CONSUL_OFAC = "us-ofac-sdn-47003"  # the OFAC entry of IMO 9341093
NS_CONSUL_MMSI = 626388000
PASSWORD = "viewer-password-1"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("vessel-web")
    url = f"sqlite:///{folder / 'store.db'}"
    assert run(["--db", url, "lists", "load", str(REPO / "examples" / "lists")]) == 0
    store = Store.open(url)
    cases = quick_cases(store)
    cases.create_user("ada", "admin-password-1", "admin", "system:test")
    cases.create_user("vic", PASSWORD, "viewer", "ada")
    app = create_web_app(
        Settings(database_url=url, data_dir=folder), make_web(), store=store, cases=cases
    )
    with TestClient(app) as test_client:
        token = csrf_of(test_client.get("/login").text)
        signed_in = test_client.post(
            "/login",
            data={"username": "vic", "password": PASSWORD, "csrf_token": token},
            follow_redirects=False,
        )
        assert signed_in.status_code == 303
        yield test_client
    store.close()


@pytest.fixture(scope="module")
def consul_page(client: TestClient) -> str:
    found = client.get("/vessels", params={"imo": "9341093"}).text
    link = re.search(r'href="(/vessels/[^"]+)">NS CONSUL<', found)
    assert link, found
    return link.group(1)


def simulated_track() -> tuple[bytes, set[str]]:
    """A small simulated fleet as CSV, the vessel with the most injected kinds renamed to the
    listed MMSI of NS CONSUL; returns the file and that vessel's injected kinds."""
    settings = SimulationSettings(
        vessels=8,
        days=3,
        interval_s=600,
        seed=11,
        share_gap=0.6,
        share_jump=0.6,
        share_encounter=0.5,
        share_loiter=0.3,
        share_terminal=0.3,
    )
    sim = simulate(Reference.load(), settings)
    kinds: dict[int, set[str]] = {}
    for t in sim.truth:
        kinds.setdefault(t.mmsi, set()).add(t.kind)
    chosen = max(kinds, key=lambda m: (len(kinds[m]), m))
    p = sim.positions
    renamed = np.where(p.mmsi == chosen, NS_CONSUL_MMSI, p.mmsi)
    positions: Positions = replace(p, mmsi=renamed)
    return _csv(positions), kinds[chosen]


def _csv(positions: Positions) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "track.csv"
        write_positions(positions, path)
        return path.read_bytes()


def upload(
    client: TestClient, page: str, data: bytes, name: str = "track.csv", mmsi: str = ""
) -> tuple[int, str]:
    token = csrf_of(client.get(page).text)
    response = client.post(
        f"{page}/track",
        data={"csrf_token": token, "mmsi": mmsi},
        files={"positions": (name, data, "text/csv")},
    )
    return response.status_code, response.text


def test_searching_by_imo_finds_the_hull_on_both_lists_under_both_names(client: TestClient) -> None:
    html = client.get("/vessels", params={"imo": "9341093"}).text
    assert "2 listed vessels" in html
    assert ">NS CONSUL<" in html and ">Kolomna<" in html
    assert f'href="/vessels/{NS_CONSUL_OFAC}"' in html


def test_searching_by_mmsi_or_a_name_part_finds_the_tanker(client: TestClient) -> None:
    by_mmsi = client.get("/vessels", params={"mmsi": str(NS_CONSUL_MMSI)}).text
    assert ">NS CONSUL<" in by_mmsi
    by_part = client.get("/vessels", params={"name": "consul"}).text
    assert ">NS CONSUL<" in by_part and "name part" in by_part


def test_a_wrong_imo_check_digit_is_said_and_still_looked_up(client: TestClient) -> None:
    html = client.get("/vessels", params={"imo": "9341094"}).text
    assert "check digit 4 is wrong (the first six digits give 3)" in html
    assert "0 listed vessels" in html


def test_the_vessel_page_shows_the_identity_history_across_lists(
    client: TestClient, consul_page: str
) -> None:
    assert consul_page == f"/vessels/{NS_CONSUL_OFAC}"
    html = client.get(consul_page).text
    assert "<h1>NS CONSUL" in html
    assert "us_ofac_sdn" in html and "ca_dfatd_sema_sanctions" in html  # both entries
    assert "Kolomna" in html  # the other list's name for the same hull
    assert "9341093" in html and "check digit valid" in html
    assert "MID 626 gives flag GA" in html  # the listed MMSI's flag from its MID
    assert "TRBH3" in html  # call sign
    assert 'class="severity-critical"' in html and "M1" in html  # findings from screening


def test_the_vessel_page_links_the_owner_the_list_names(client: TestClient) -> None:
    found = client.get("/vessels", params={"imo": "9312884"}).text
    link = re.search(r'href="(/vessels/us-ofac[^"]+)"', found)
    assert link, found
    html = client.get(link.group(1)).text
    assert "SOVCOMFLOT" in html.upper() and 'href="/entities/' in html
    assert "M17" in html


def test_an_uploaded_track_is_drawn_with_a_marker_per_detected_event(
    client: TestClient, consul_page: str
) -> None:
    data, injected = simulated_track()
    assert len(data) <= MAX_UPLOAD_BYTES
    status, html = upload(client, consul_page, data)
    assert status == 200, html
    svg = html[html.index("<svg viewBox=") : html.index("</svg>", html.index("<svg viewBox="))]
    assert "<polyline points=" in svg and f"Track of MMSI {NS_CONSUL_MMSI}" in svg
    drawn = set(re.findall(r'class="marker marker-([a-z_]+)"', svg))
    assert injected <= drawn, (injected, drawn)
    markers = re.findall(r'<a href="#event-(\d+)"', svg)
    rows = re.findall(r'<tr id="event-(\d+)">', html)
    assert markers and markers == rows  # every marker has its row in the text alternative
    assert "AIS gap (M3)" in html and "position jump (M4)" in html  # legend and rows


def test_a_file_with_several_vessels_needs_the_mmsi_when_none_is_the_listed_one(
    client: TestClient,
) -> None:
    found = client.get("/vessels", params={"name": "Kolomna"}).text
    link = re.search(r'href="(/vessels/ca-[^"]+)"', found)
    assert link, found
    rows = "mmsi,time,lat,lon,ship_name\n" + "".join(
        f"{m},2024-01-01T{h:02d}:00:00Z,{50 + h / 10},{3 + h / 10},X\n"
        for m in (211000001, 211000002)
        for h in range(6)
    )
    status, html = upload(client, link.group(1), rows.encode())
    listed = "none listed" in html or str(NS_CONSUL_MMSI) in html
    assert status == 400 and "the file has 2 vessels" in html and listed
    status, html = upload(client, link.group(1), rows.encode(), mmsi="211000002")
    assert status == 200 and "Track of MMSI 211000002" in html
    assert "ignored unknown columns: ship_name" in html  # reading notes are shown, not hidden
    assert "No gaps, jumps, encounters, loitering or terminal calls detected." in html


def test_a_broken_upload_is_a_located_error_on_the_page(
    client: TestClient, consul_page: str
) -> None:
    status, html = upload(client, consul_page, b"ship,when\n1,2\n", name="bad.csv")
    assert status == 400
    assert 'role="alert"' in html and "bad.csv:1: missing column(s) mmsi, time, lat, lon" in html


def test_an_upload_over_the_bound_is_refused_before_it_is_read(
    client: TestClient, consul_page: str
) -> None:
    status, html = upload(client, consul_page, b"x" * (MAX_UPLOAD_BYTES + 10))
    assert status == 413 and "too large" in html


def test_an_upload_without_the_csrf_token_is_refused(client: TestClient, consul_page: str) -> None:
    response = client.post(
        f"{consul_page}/track", files={"positions": ("t.csv", b"mmsi,time,lat,lon\n", "text/csv")}
    )
    assert response.status_code == 403 and "Form rejected" in response.text


def test_vessel_pages_have_no_inline_script_or_style_and_label_every_control(
    client: TestClient, consul_page: str
) -> None:
    data, _ = simulated_track()
    pages = [
        client.get("/vessels").text,
        client.get("/vessels", params={"imo": "9341093"}).text,
        client.get(consul_page).text,
        upload(client, consul_page, data)[1],
    ]
    for html in pages:
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)
        assert not re.search(r"\s(style|on[a-z]+)=", html) and "<style" not in html
        labels = set(re.findall(r'<label for="([^"]+)"', html))
        for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
            if 'type="hidden"' not in tag:
                ident = re.search(r'\sid="([^"]+)"', tag)
                assert ident and ident.group(1) in labels, tag
    assert 'aria-current="page"' in pages[0]  # the nav link of the Vessels page


def test_an_anonymous_visitor_is_sent_to_sign_in(consul_page: str, client: TestClient) -> None:
    fresh = TestClient(client.app)
    response = fresh.get(consul_page, follow_redirects=False)
    assert response.status_code == 303 and "/login" in response.headers["location"]
