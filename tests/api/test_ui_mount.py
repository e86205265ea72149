"""The analysts' web UI mounted at ``/ui`` in the API server: its own sign-in (no API key),
links and cookies under ``/ui``, its security headers, kept out of the OpenAPI document, and
sharing the API's store (a payment recorded through the API shows on the UI's review page)."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from sanctionguard.api.app import CONFIG_ENV, app_from_env
from sanctionguard.api.keys import KeyStore
from sanctionguard.api.settings import ApiSettings
from sanctionguard.cases.service import CaseService, CaseSettings
from sanctionguard.cases.users import PasswordHashing
from sanctionguard.store.snapshots import Store
from sanctionguard.web.settings import SECRET_ENV, WebSettings
from tests.api.conftest import REPO, Api, start_server, stop_server, wait_ready

WEB = WebSettings(secret_key=b"api-tests-web-secret-key-0123456789", secure_cookies=False)
PASSWORD = "analyst-password-1"


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def test_the_login_page_is_served_under_ui_without_an_api_key(api: Api) -> None:
    response = api.client.get("/ui/login")
    assert response.status_code == 200
    assert 'action="/ui/login"' in response.text
    links = re.findall(r'(?:href|action|src)="([^"#]+)"', response.text)
    assert links and all(link.startswith("/ui/") for link in links), links
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert api.client.get("/ui/static/app.css").status_code == 200
    redirect = api.client.get("/ui/payments", follow_redirects=False)
    assert redirect.headers["location"].startswith("/ui/login")
    metrics = api.client.get("/metrics", headers=api.headers(api.keys.read)).text
    assert 'route="/ui/login",status="200"' in metrics


def test_the_openapi_document_lists_no_ui_routes(api: Api) -> None:
    paths = api.client.get("/openapi.json").json()["paths"]
    assert not [p for p in paths if p.startswith("/ui")]
    assert {"/screen/payment", "/screen/vessel", "/ownership/{party_id}"} <= set(paths)


def test_api_endpoints_still_need_a_key_beside_the_ui(api: Api) -> None:
    assert api.client.get("/lists").status_code == 401
    assert api.client.get("/ui/alerts", follow_redirects=False).status_code in (302, 303)


def test_an_analyst_signs_in_under_ui_and_sees_a_payment_the_api_recorded(
    api_factory: object,
) -> None:
    api: Api = api_factory(web=WEB, rate_per_second=0)  # type: ignore[operator]
    cheap = PasswordHashing(time_cost=1, memory_cost=1024, parallelism=1)
    cases = CaseService(api.store, CaseSettings(hashing=cheap))
    cases.create_user("ana", PASSWORD, "analyst", "system:test")
    message = REPO / "tests" / "fixtures" / "payments" / "pacs008_s1_listed_bic.xml"
    screened = api.client.post(
        "/screen/payment?record=true",
        content=message.read_bytes(),
        headers={**api.headers(api.keys.screen), "Content-Type": "application/xml"},
    )
    assert screened.json()["recorded"] is True
    login = api.client.get("/ui/login")
    assert "Path=/ui" in login.headers["set-cookie"]
    signed_in = api.client.post(
        "/ui/login",
        data={
            "username": "ana",
            "password": PASSWORD,
            "csrf_token": csrf_of(login.text),
            "next": "/ui/payments",
        },
    )
    assert signed_in.status_code == 200 and signed_in.url.path == "/ui/payments"
    assert 'href="/ui/payments/1"' in signed_in.text and "E2E-S1-1" in signed_in.text
    assert "BIC VTBRRUMMXXX is listed" in signed_in.text
    links = re.findall(r'(?:href|action|src)="(/[^"#]*)"', signed_in.text)
    assert links and all(link.startswith("/ui/") for link in links), links


def test_the_ui_can_be_left_out(api_factory: object) -> None:
    api: Api = api_factory(web_ui=False, rate_per_second=0)  # type: ignore[operator]
    assert api.client.get("/ui/login").status_code == 404
    assert api.client.get("/healthz").status_code == 200


def test_the_served_app_leaves_the_ui_out_when_its_settings_say_so(
    store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SANCTIONGUARD_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SANCTIONGUARD_DATABASE_URL", f"sqlite:///{store_path}")
    for web_ui, expected in ((False, 404), (True, 200)):
        api = ApiSettings(reload_interval_s=0, cache_dir=tmp_path / "cache", web_ui=web_ui)
        monkeypatch.setenv(CONFIG_ENV, api.to_json())
        with TestClient(app_from_env()) as client:
            assert client.get("/ui/login").status_code == expected


def test_a_ui_session_holds_across_the_workers_of_a_real_server(
    store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(f"sqlite:///{store_path}")
    cheap = PasswordHashing(time_cost=1, memory_cost=1024, parallelism=1)
    CaseService(store, CaseSettings(hashing=cheap)).create_user(
        "ana", PASSWORD, "analyst", "system:test"
    )
    token = KeyStore(store.engine).create("served", "screen")[1]
    store.close()
    monkeypatch.delenv(SECRET_ENV, raising=False)  # serve makes one key for both workers
    monkeypatch.setenv("SANCTIONGUARD_WEB_INSECURE_COOKIES", "1")  # plain HTTP on loopback
    server = start_server(f"sqlite:///{store_path}", tmp_path / "home", "--workers", "2")
    try:
        wait_ready(server)
        fresh = httpx.Limits(max_keepalive_connections=0)  # a new connection per request
        with httpx.Client(base_url=server.url, timeout=30, limits=fresh) as client:
            login = client.get("/ui/login")
            signed_in = client.post(
                "/ui/login",
                data={
                    "username": "ana",
                    "password": PASSWORD,
                    "csrf_token": csrf_of(login.text),
                    "next": "/ui/payments",
                },
                follow_redirects=True,
            )
            assert signed_in.url.path == "/ui/payments"
            # Each request may reach either worker; a per-worker key would sign ana out.
            for _ in range(12):
                page = client.get("/ui/payments", follow_redirects=False)
                assert page.status_code == 200, page.headers.get("location")
            vessel = client.post(
                "/screen/vessel",
                json={"imo": "7408873"},
                headers={"Authorization": f"ApiKey {token}"},
            )
            assert vessel.status_code == 200 and vessel.json()["hits"]
    finally:
        stop_server(server)
