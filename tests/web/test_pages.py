"""What the pages show, their security headers, and the app mounted under a path prefix."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from sanctionguard.match.screener import Screener
from sanctionguard.settings import Settings
from sanctionguard.store.snapshots import Store
from sanctionguard.web import create_web_app
from tests.web.conftest import PASSWORDS, Ui, csrf_of, make_web, quick_cases

DERIPASKA_CA = "ca-dfatd-sema-sanctions-russia-schedule-1-part-1-item-535"
PAGES = (
    "/alerts",
    "/alerts/1",
    "/decisions",
    "/runs",
    "/runs/1",
    "/snapshots",
    "/snapshots/2",
    "/diff?old=1&new=2",
    f"/entities/{DERIPASKA_CA}",
    "/search?name=Oleg+Deripaska",
    "/allowlist",
    "/audit",
    "/users",
    "/account",
    "/login",
)


def test_every_page_has_strict_security_headers_and_no_inline_script_or_style(ui: Ui) -> None:
    ui.login("ada")
    for path in PAGES:
        response = ui.client.get(path)
        assert response.status_code == 200, path
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["cache-control"] == "no-store"
        html = response.text
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert not re.search(r"\s(style|on[a-z]+)=", html), path
        assert "<style" not in html, path


def test_every_page_has_a_skip_link_a_main_landmark_and_labelled_controls(ui: Ui) -> None:
    ui.login("ada")
    for path in PAGES:
        html = ui.client.get(path).text
        assert '<a class="skip-link" href="#main">' in html and '<main id="main"' in html
        assert 'aria-live="polite"' in html
        labels = set(re.findall(r'<label for="([^"]+)"', html))
        for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
            if 'type="hidden"' in tag:
                continue
            ident = re.search(r'\sid="([^"]+)"', tag)
            assert (
                "aria-label=" in tag
                or (ident and ident.group(1) in labels)
                or ('type="radio"' in tag)
            ), f"{path}: unlabelled control {tag}"


def test_search_explains_a_match_token_by_token(ui: Ui) -> None:
    ui.login("vic")
    html = ui.client.get("/search", params={"name": "Дерипаска Олег Владимирович"}).text
    assert "Oleg Vladimirovich DERIPASKA" in html
    assert '<mark class="tok-equal">' in html
    assert "Token alignment" in html
    assert f'href="/entities/{DERIPASKA_CA}"' in html


def test_search_escapes_what_the_user_typed(ui: Ui) -> None:
    ui.login("vic")
    html = ui.client.get("/search", params={"name": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_search_by_identifier_finds_the_vessel(ui: Ui) -> None:
    ui.login("vic")
    html = ui.client.get("/search", params={"id_kind": "imo", "id_value": "9161003"}).text
    assert "LADY R" in html.upper()
    assert "No name alignment" in html or "Token alignment" in html


def test_the_entity_page_shows_every_name_with_its_script_and_the_authoritys_reference(
    ui: Ui,
) -> None:
    ui.login("vic")
    html = ui.client.get(f"/entities/{DERIPASKA_CA}").text
    assert "Олег Владимирович Дерипаска" in html
    assert "Cyrillic (original)" in html
    assert "Russia / Schedule 1, Part 1 / Item 535" in html
    assert "SEMA Russia Schedule 1 Part 1" in html


def test_an_unknown_entity_is_a_clear_404(ui: Ui) -> None:
    ui.login("vic")
    response = ui.client.get("/entities/no-such-entity")
    assert response.status_code == 404
    assert "no entity &#39;no-such-entity&#39; in snapshot 2" in response.text


def test_the_diff_lists_the_entities_the_second_load_added(ui: Ui) -> None:
    ui.login("vic")
    html = ui.client.get("/diff", params={"old": "1", "new": "current"}).text
    assert re.search(r"From snapshot 1 to 2: \d+ added, 0 removed, 0 changed", html)
    assert "DERIPASKA" in html.upper()


def test_the_runs_page_shows_the_counts_of_each_run(ui: Ui) -> None:
    ui.login("vic")
    run = ui.cases.runs()[0]
    html = ui.client.get("/runs").text
    assert f'<td class="num">{run.customers}</td>' in html
    assert f'<td class="num">{run.new_alerts}</td>' in html
    detail = ui.client.get(f"/runs/{run.id}").text
    assert f'<dd id="suppressed-count">{run.suppressed}</dd>' in detail


def test_the_alert_page_shows_both_sides_and_the_listed_reference(ui: Ui) -> None:
    alert = ui.cases.list_alerts(order="score", limit=1)[0]
    ui.login("vic")
    html = ui.client.get(f"/alerts/{alert.id}").text
    assert alert.customer_name in html
    assert alert.caption in html
    assert f"<strong>{alert.source_ids[0]}</strong>" in html
    assert "Why it matched" in html and "History" in html


def test_the_queue_filters_by_status_and_sorts_by_age(ui: Ui) -> None:
    ui.login("vic")
    html = ui.client.get("/alerts", params={"status": "closed", "order": "age"}).text
    assert "No alerts match." in html
    by_score = ui.client.get("/alerts").text
    scores = [float(s) for s in re.findall(r'<td class="num">([01]\.\d\d)</td>', by_score)]
    assert scores == sorted(scores, reverse=True) and len(scores) > 3


def test_mounted_under_a_prefix_every_link_and_redirect_stays_under_it(
    db_url: str, tmp_path: Path
) -> None:
    store = Store.open(db_url)
    outer = FastAPI()
    outer.mount(
        "/ui",
        create_web_app(
            Settings(database_url=db_url, data_dir=tmp_path),
            make_web(),
            store=store,
            cases=quick_cases(store),
        ),
    )
    with TestClient(outer) as client:
        first = client.get("/ui/alerts", follow_redirects=False)
        assert first.headers["location"] == "/ui/login?next=%2Fui%2Falerts"
        login = client.get(first.headers["location"])
        assert 'action="/ui/login"' in login.text
        assert 'href="/ui/static/app.css"' in login.text
        assert "Path=/ui" in login.headers["set-cookie"]
        response = client.post(
            "/ui/login",
            data={
                "username": "ana",
                "password": PASSWORDS["ana"],
                "csrf_token": csrf_of(login.text),
                "next": "/ui/runs",
            },
        )
        assert response.url.path == "/ui/runs"
        hrefs = re.findall(r'(?:href|action|src)="([^"#]+)"', response.text)
        assert hrefs and all(h.startswith("/ui/") for h in hrefs), hrefs
        assert client.get("/ui/static/app.css").status_code == 200
    store.close()


def test_search_understands_a_country_name_and_refuses_a_non_country(ui: Ui) -> None:
    ui.login("vic")
    found = ui.client.get("/search", params={"name": "Alisher Usmanov", "country": "Russia"})
    assert "USMANOV" in found.text.upper()
    bad = ui.client.get("/search", params={"name": "Alisher Usmanov", "country": "Atlantis"})
    assert "country: &#39;Atlantis&#39; is not a country name or code" in bad.text


def test_an_invalid_form_gets_a_page_naming_the_field_not_json(ui: Ui) -> None:
    ui.login("ana")
    response = ui.post("/alerts/1/propose", {"outcome": "maybe", "reason": "x"})
    assert response.status_code == 400
    assert "invalid field: outcome" in response.text
    assert response.headers["content-type"].startswith("text/html")


class _UnOnly:
    """A screener source over the UN sample only, as the API server's holder would pass one."""

    def __init__(self, store: Store) -> None:
        self.screener = Screener.from_entities(store.entities(1))

    def current(self) -> tuple[int, Screener]:
        return 1, self.screener


def test_search_uses_the_screener_source_it_is_given(db_url: str, tmp_path: Path) -> None:
    store = Store.open(db_url)
    app = create_web_app(
        Settings(database_url=db_url, data_dir=tmp_path),
        make_web(),
        store=store,
        screeners=_UnOnly(store),
    )
    with TestClient(app) as client:
        ui = Ui(client, store, None)  # type: ignore[arg-type]
        ui.login("vic")
        html = client.get("/search", params={"name": "Oleg Deripaska"}).text
        assert "0 results in snapshot 1." in html
        html = client.get("/search", params={"name": "Mohsen Hojati"}).text
        assert "MOHSEN HOJATI" in html
    store.close()


def test_an_unknown_path_is_a_page_not_json(ui: Ui) -> None:
    response = ui.client.get("/no/such/page")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>Not found</h1>" in response.text
