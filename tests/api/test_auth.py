"""Keys, scopes, rate limits, size limits and CORS as a caller meets them."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
import sqlalchemy as sa

from sanctionguard.api.keys import ApiKeyError, KeyStore, api_key, parse_scopes
from sanctionguard.cli.app import run
from tests.api.conftest import Api

MATCH = {"queries": {"q1": {"schema": "Person", "properties": {"name": ["Mohsen Hojati"]}}}}


def test_health_and_readiness_need_no_key_but_everything_else_does(api: Api) -> None:
    assert api.client.get("/healthz").json() == {"status": "ok"}
    assert api.client.get("/readyz").status_code == 200
    for method, path in [
        ("GET", "/catalog"),
        ("GET", "/algorithms"),
        ("GET", "/search/default?q=x"),
        ("GET", "/entities/x"),
        ("GET", "/lists"),
        ("GET", "/metrics"),
        ("GET", "/reconcile/default"),
        ("POST", "/match/default"),
        ("POST", "/screen"),
    ]:
        response = api.client.request(method, path)
        assert response.status_code == 401, path
        assert response.headers["www-authenticate"] == "ApiKey"
        assert "API key" in response.json()["detail"]


def test_a_key_is_accepted_in_any_of_the_documented_headers(api: Api) -> None:
    token = api.keys.read
    for headers in (
        {"Authorization": f"ApiKey {token}"},
        {"Authorization": f"Bearer {token}"},
        {"X-API-Key": token},
    ):
        assert api.client.get("/catalog", headers=headers).status_code == 200


def test_a_key_without_the_scope_gets_403_naming_the_scope(api: Api) -> None:
    response = api.client.post("/match/default", json=MATCH, headers=api.headers(api.keys.read))
    assert response.status_code == 403
    assert "'screen' scope" in response.json()["detail"]
    response = api.client.get("/catalog", headers=api.headers(api.keys.screen))
    assert response.status_code == 403
    assert api.client.get("/catalog", headers=api.headers(api.keys.admin)).status_code == 200


def test_a_revoked_key_is_refused_once_the_key_cache_expires(
    api_factory: Callable[..., Api],
) -> None:
    api = api_factory(key_cache_seconds=0)
    keys = KeyStore(api.store.engine)
    assert api.client.get("/catalog", headers=api.headers(api.keys.read)).status_code == 200
    keys.revoke(api.keys.read.split("_")[1])
    assert api.client.get("/catalog", headers=api.headers(api.keys.read)).status_code == 401


def test_keys_are_stored_only_as_digests(api: Api) -> None:
    with api.store.engine.connect() as conn:
        stored = [tuple(r) for r in conn.execute(sa.select(api_key))]
    text = repr(stored)
    assert stored
    for token in (api.keys.admin, api.keys.read, api.keys.screen):
        assert token not in text
        assert token.split("_", 2)[2] not in text


def test_unknown_scopes_are_refused_with_the_accepted_ones_named() -> None:
    with pytest.raises(ApiKeyError, match="screen, read, admin"):
        parse_scopes("screen,superuser")
    assert parse_scopes(" Screen , read") == {"screen", "read"}


def test_a_key_over_its_rate_gets_429_with_retry_after(api_factory: Callable[..., Api]) -> None:
    api = api_factory(rate_per_second=0.5, rate_burst=3)
    codes = [
        api.client.get("/catalog", headers=api.headers(api.keys.read)).status_code for _ in range(4)
    ]
    assert codes == [200, 200, 200, 429]
    refused = api.client.get("/catalog", headers=api.headers(api.keys.read))
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert "rate limit" in refused.json()["detail"]
    # Another key has its own bucket.
    assert api.client.get("/catalog", headers=api.headers(api.keys.admin)).status_code == 200


def test_a_match_batch_spends_one_token_per_query(api_factory: Callable[..., Api]) -> None:
    api = api_factory(rate_per_second=0.01, rate_burst=5)
    person = MATCH["queries"]["q1"]
    batch = {"queries": {f"q{i}": person for i in range(4)}}
    headers = api.headers(api.keys.screen)
    assert api.client.post("/match/default", json=batch, headers=headers).status_code == 200
    assert api.client.post("/match/default", json=batch, headers=headers).status_code == 429


def test_a_body_over_the_size_limit_gets_413(api_factory: Callable[..., Api]) -> None:
    api = api_factory(max_body_bytes=2000)
    big = {"queries": {"q1": {"schema": "Person", "properties": {"name": ["x" * 3000]}}}}
    response = api.client.post("/match/default", json=big, headers=api.headers())
    assert response.status_code == 413
    assert "larger than 2000 bytes" in response.json()["detail"]

    def chunks() -> object:
        yield b'{"queries": {"q1": {"schema": "Person", "properties": {"name": ["'
        yield b"y" * 3000
        yield b'"]}}}}'

    streamed = api.client.post(
        "/match/default",
        content=chunks(),
        headers={**api.headers(), "content-type": "application/json"},
    )
    assert streamed.status_code == 413


def test_batches_and_names_over_the_limits_get_clear_400s(api: Api) -> None:
    person = MATCH["queries"]["q1"]
    batch = {"queries": {f"q{i}": person for i in range(101)}}
    response = api.client.post("/match/default", json=batch, headers=api.headers())
    assert response.status_code == 400
    assert "too many queries" in response.json()["detail"]
    long_name = {"queries": {"q7": {"schema": "Person", "properties": {"name": ["n" * 600]}}}}
    response = api.client.post("/match/default", json=long_name, headers=api.headers())
    assert response.status_code == 400
    assert "'q7'" in response.json()["detail"] and "name" in response.json()["detail"]


def test_cors_is_closed_by_default_and_open_only_to_listed_origins(
    api_factory: Callable[..., Api],
) -> None:
    closed = api_factory()
    preflight = {
        "Origin": "https://evil.example",
        "Access-Control-Request-Method": "POST",
    }
    response = closed.client.options("/match/default", headers=preflight)
    assert "access-control-allow-origin" not in response.headers
    opened = api_factory(cors_origins=("https://bank.example",))
    allowed = opened.client.options(
        "/match/default", headers={**preflight, "Origin": "https://bank.example"}
    )
    assert allowed.headers["access-control-allow-origin"] == "https://bank.example"
    refused = opened.client.options("/match/default", headers=preflight)
    assert "access-control-allow-origin" not in refused.headers


def test_the_access_log_names_the_key_but_never_shows_it(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="sanctionguard.api.access"):
        api.client.get(f"/reconcile/default?api_key={api.keys.screen}")
        api.client.post("/match/default", json=MATCH, headers=api.headers(api.keys.screen))
    text = caplog.text
    assert "POST /match/default 200" in text and "key=screen" in text
    assert api.keys.screen not in text and "api_key" not in text


def test_keys_commands_create_list_and_revoke(
    store_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{store_path}"
    assert run(["--db", db, "keys", "create", "--name", "payments", "--scopes", "screen"]) == 0
    token = capsys.readouterr().out.strip()
    assert token.startswith("sg_")
    prefix = token.split("_")[1]
    assert run(["--db", db, "keys", "list"]) == 0
    listing = capsys.readouterr().out
    assert prefix in listing and "payments" in listing and token not in listing
    assert run(["--db", db, "keys", "revoke", prefix]) == 0
    assert "revoked" in capsys.readouterr().out
    assert run(["--db", db, "keys", "create", "--name", "x", "--scopes", "root"]) == 1
    assert "unknown scope root" in capsys.readouterr().err
