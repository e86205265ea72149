"""``POST /match/{dataset}`` on its direct path: the same answers and errors as the route."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from sanctionguard.api.app import create_app
from sanctionguard.api.settings import ApiSettings
from sanctionguard.settings import Settings
from sanctionguard.store.snapshots import Store
from tests.api.conftest import Api, make_keys

MATCH = {"queries": {"q1": {"schema": "Person", "properties": {"name": ["Mohsen Hojati"]}}}}


def test_a_match_is_answered_with_the_listed_person_and_the_snapshot_header(api: Api) -> None:
    response = api.client.post("/match/default", json=MATCH, headers=api.headers())
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-batch-size"] == "1" and response.headers["x-snapshot"] == "2"
    best = response.json()["responses"]["q1"]["results"][0]
    assert "hojati" in best["caption"].lower()
    assert best["match"] is True and "explanations" in best


def test_an_unknown_dataset_gets_404_naming_the_known_ones(api: Api) -> None:
    response = api.client.post("/match/nowhere", json=MATCH, headers=api.headers())
    assert response.status_code == 404
    assert "'nowhere'" in response.json()["detail"] and "default" in response.json()["detail"]


def test_malformed_json_gets_422_naming_the_body(api: Api) -> None:
    response = api.client.post(
        "/match/default",
        content=b'{"queries": ',
        headers={**api.headers(), "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("body")


def test_an_unknown_schema_gets_400_naming_the_query(api: Api) -> None:
    bad = {"queries": {"mine": {"schema": "Spaceship", "properties": {"name": ["X"]}}}}
    response = api.client.post("/match/default", json=bad, headers=api.headers())
    assert response.status_code == 400
    assert "'mine'" in response.json()["detail"]


def test_an_overlong_dataset_name_and_a_get_are_refused_as_before(api: Api) -> None:
    long = api.client.post("/match/" + "d" * 101, json=MATCH, headers=api.headers())
    assert long.status_code == 422 and "dataset" in long.json()["detail"]
    assert api.client.get("/match/default", headers=api.headers()).status_code == 405


def test_a_match_before_the_index_is_loaded_gets_503_with_retry_after(
    store_path: Path, tmp_path: Path
) -> None:
    store = Store.open(f"sqlite:///{store_path}")
    keys = make_keys(store)
    settings = Settings(database_url="sqlite://", data_dir=tmp_path / "home")
    app = create_app(settings, ApiSettings(reload_interval_s=0, web_ui=False), store=store)
    client = TestClient(app)  # not entered: no lifespan, so nothing loads the snapshot
    response = client.post(
        "/match/default", json=MATCH, headers={"Authorization": f"ApiKey {keys.screen}"}
    )
    store.close()
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert "not built yet" in response.json()["detail"]
