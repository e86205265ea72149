"""Signing in and out, sessions, CSRF and throttling, through real HTTP on the UI app."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from sanctionguard.settings import Settings
from sanctionguard.store.snapshots import Store
from sanctionguard.web import create_web_app
from sanctionguard.web.sessions import COOKIE_NAME, Session, SessionCodec
from tests.web.conftest import PASSWORDS, SECRET, Ui, csrf_of, make_web, quick_cases


def test_anonymous_visitors_are_sent_to_the_sign_in_page(ui: Ui) -> None:
    response = ui.client.get("/alerts/1", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Falerts%2F1"


def test_signing_in_leads_back_to_the_page_asked_for(ui: Ui) -> None:
    token = ui.csrf("/login?next=/runs")
    response = ui.client.post(
        "/login",
        data={
            "username": "ana",
            "password": PASSWORDS["ana"],
            "csrf_token": token,
            "next": "/runs",
        },
    )
    assert response.url.path == "/runs"
    assert "Signed in as ana." in response.text


def test_sign_in_never_redirects_to_another_site(ui: Ui) -> None:
    token = ui.csrf()
    response = ui.client.post(
        "/login",
        data={
            "username": "ana",
            "password": PASSWORDS["ana"],
            "csrf_token": token,
            "next": "//evil.example/x",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/alerts"


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(ui: Ui) -> None:
    token = ui.csrf()
    response = ui.client.post(
        "/login", data={"username": "ana", "password": "nope", "csrf_token": token}
    )
    assert response.status_code == 401
    assert "Wrong username or password" in response.text
    assert ui.client.get("/alerts", follow_redirects=False).status_code == 303


def test_the_session_cookie_is_httponly_samesite_strict_and_secure_when_asked(
    db_url: str, tmp_path: Path
) -> None:
    store = Store.open(db_url)
    app = create_web_app(
        Settings(database_url=db_url, data_dir=tmp_path),
        make_web(secure_cookies=True),
        store=store,
    )
    with TestClient(app, base_url="https://testserver") as client:
        header = client.get("/login").headers["set-cookie"].lower()
    store.close()
    assert COOKIE_NAME in header
    assert "httponly" in header and "samesite=strict" in header and "secure" in header


def test_a_form_post_without_the_csrf_token_is_rejected(ui: Ui) -> None:
    response = ui.client.post("/login", data={"username": "ana", "password": PASSWORDS["ana"]})
    assert response.status_code == 403
    assert "Form rejected" in response.text
    assert ui.client.get("/alerts", follow_redirects=False).status_code == 303


def test_a_csrf_token_from_another_session_is_rejected(ui: Ui, db_url: str) -> None:
    other = TestClient(ui.client.app)
    stolen = csrf_of(other.get("/login").text)
    ui.login("ana")
    response = ui.client.post("/alerts/1/comment", data={"text": "forged", "csrf_token": stolen})
    assert response.status_code == 403
    history = ui.cases.alert(1).history
    assert all(event.text != "forged" for event in history)


def _post_paths(routes: list[object]) -> set[str]:
    found: set[str] = set()
    for route in routes:
        if isinstance(route, APIRoute) and "POST" in (route.methods or set()):
            found.add(route.path)
        inner = getattr(route, "original_router", None) or getattr(route, "router", None)
        if inner is not None and inner is not route:
            found |= _post_paths(list(inner.routes))
    return found


def test_every_post_route_rejects_a_missing_csrf_token(ui: Ui) -> None:
    ui.login("ada")
    posts = sorted(_post_paths(ui.client.app.routes))  # type: ignore[attr-defined]
    assert len(posts) >= 10
    for path in posts:
        concrete = path.replace("{alert_id}", "1").replace("{decision_id}", "1")
        response = ui.client.post(concrete, data={"text": "x", "reason": "x"})
        assert response.status_code == 403, path


def test_signing_out_ends_the_session_and_its_csrf_token(ui: Ui) -> None:
    ui.login("ana")
    token = ui.csrf("/alerts")
    ui.client.post("/logout", data={"csrf_token": token})
    assert ui.client.get("/alerts", follow_redirects=False).status_code == 303
    response = ui.client.post("/alerts/1/comment", data={"text": "x", "csrf_token": token})
    assert response.status_code == 403


def test_a_tampered_session_cookie_counts_as_signed_out(ui: Ui) -> None:
    ui.login("vic")
    value = ui.client.cookies[COOKIE_NAME]
    body, _, sig = value.partition(".")
    forged = SessionCodec(b"another key", 1800, 3600).encode(
        Session("x", int(time.time()), int(time.time()), "ada", "fp")
    )
    for bad in (f"{body}.{sig[:-2]}AA", forged, "garbage"):
        ui.client.cookies.set(COOKIE_NAME, bad)
        assert ui.client.get("/alerts", follow_redirects=False).status_code == 303


def test_an_idle_session_expires(ui: Ui) -> None:
    codec = SessionCodec(SECRET, 1800, 12 * 3600)
    ui.login("ana")
    live = codec.decode(ui.client.cookies[COOKIE_NAME], int(time.time()))
    assert live is not None
    stale = Session(live.sid, live.issued - 4000, live.seen - 3600, live.username, live.fingerprint)
    ui.client.cookies.set(COOKIE_NAME, codec.encode(stale))
    assert ui.client.get("/alerts", follow_redirects=False).status_code == 303


def test_a_role_change_ends_the_users_sessions(ui: Ui) -> None:
    ui.login("bob")
    assert ui.client.get("/alerts").status_code == 200
    ui.cases.set_role("bob", "viewer", "ada")
    assert ui.client.get("/alerts", follow_redirects=False).status_code == 303


def test_a_disabled_user_is_signed_out_at_the_next_request(ui: Ui) -> None:
    ui.login("bob")
    ui.cases.disable_user("bob", "ada")
    assert ui.client.get("/alerts", follow_redirects=False).status_code == 303


def _attempt(ui: Ui, username: str, password: str) -> tuple[int, str]:
    token = ui.csrf()
    response = ui.client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    return response.status_code, response.text


def test_five_failures_block_that_username_even_with_the_right_password(ui: Ui) -> None:
    for _ in range(5):
        assert _attempt(ui, "ana", "wrong")[0] == 401
    status, text = _attempt(ui, "ana", PASSWORDS["ana"])
    assert status == 429
    assert "Too many failed sign-ins for this username. Try again in 15 minutes." in text
    assert _attempt(ui, "ANA", PASSWORDS["ana"])[0] == 429
    assert _attempt(ui, "bob", PASSWORDS["bob"])[0] == 303


def test_many_failures_from_one_address_block_it_for_every_username(
    db_url: str, tmp_path: Path
) -> None:
    store = Store.open(db_url)
    app = create_web_app(
        Settings(database_url=db_url, data_dir=tmp_path),
        make_web(throttle_ip_failures=3),
        store=store,
        cases=quick_cases(store),
    )
    with TestClient(app) as client:
        ui = Ui(client, store, None)  # type: ignore[arg-type]
        for name in ("x1", "x2", "x3"):
            assert _attempt(ui, name, "wrong")[0] == 401
        status, text = _attempt(ui, "bob", PASSWORDS["bob"])
    store.close()
    assert status == 429
    assert "from your network address" in text


def test_a_user_changes_their_password_only_with_the_current_one(ui: Ui) -> None:
    ui.login("bob")
    wrong = ui.post(
        "/account/password",
        {"current": "nope", "new": "brand-new-pass", "repeat": "brand-new-pass"},
        page="/account",
    )
    assert wrong.status_code == 400 and "The current password is wrong." in wrong.text
    ok = ui.post(
        "/account/password",
        {"current": PASSWORDS["bob"], "new": "brand-new-pass", "repeat": "brand-new-pass"},
        page="/account",
    )
    assert ok.status_code == 303
    assert ui.cases.authenticate("bob", "brand-new-pass") is not None
    assert ui.cases.authenticate("bob", PASSWORDS["bob"]) is None


def test_signing_in_issues_a_new_session_id(ui: Ui) -> None:
    codec = SessionCodec(SECRET, 1800, 12 * 3600)
    ui.client.get("/login")
    before = codec.decode(ui.client.cookies[COOKIE_NAME], int(time.time()))
    ui.login("ana")
    after = codec.decode(ui.client.cookies[COOKIE_NAME], int(time.time()))
    assert before is not None and after is not None
    assert after.username == "ana" and after.sid != before.sid
