"""``/screen``, ``/lists``, diffs, ``/metrics``, ``/entities`` nesting and yente's error shapes."""

from __future__ import annotations

from tests.api.conftest import Api


def test_screen_takes_our_record_shape_with_typed_identifiers(api: Api) -> None:
    record = {"name": ["Unknown Vessel"], "schema": "vessel", "imo": ["IMO 7408873"]}
    response = api.client.post("/screen", json=record, headers=api.headers(api.keys.screen))
    assert response.status_code == 200
    body = response.json()
    top = body["results"][0]
    assert top["caption"] == "Sam Jong 2" and top["lists"] == ["gb_hmt_sanctions"]
    assert top["source_ids"] == ["13651"]
    assert any(f["name"] == "identifier_match" and f["value"] > 0 for f in top["features"])
    assert body["snapshot"] == 2


def test_screen_refuses_unknown_fields_and_bad_dates_clearly(api: Api) -> None:
    typo = api.client.post("/screen", json={"nmae": ["x"]}, headers=api.headers())
    assert typo.status_code == 422 and "nmae" in typo.json()["detail"]
    bad_date = api.client.post(
        "/screen", json={"name": ["A B"], "birth_date": ["31/31/1990"]}, headers=api.headers()
    )
    assert bad_date.status_code == 400 and "31/31/1990" in bad_date.json()["detail"]


def test_lists_show_snapshots_and_diffs_name_what_changed(api: Api) -> None:
    snapshots = api.client.get("/lists", headers=api.headers(api.keys.read)).json()["snapshots"]
    assert [s["id"] for s in snapshots] == [2, 1]
    assert snapshots[0]["current"] and snapshots[0]["live"]
    assert {s["list_name"] for s in snapshots[0]["sources"]} >= {"us_ofac_sdn", "un_sc_sanctions"}
    diff = api.client.get("/lists/1/diff/current", headers=api.headers(api.keys.read)).json()
    assert diff["old"] == 1 and diff["new"] == 2
    assert {a["list_name"] for a in diff["added"]} == {
        "us_ofac_sdn",
        "gb_hmt_sanctions",
        "ca_dfatd_sema_sanctions",
    }
    missing = api.client.get("/lists/1/diff/99", headers=api.headers(api.keys.read))
    assert missing.status_code == 404 and "99" in missing.json()["detail"]


def test_metrics_count_requests_queries_and_matches(api: Api) -> None:
    match = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Mohsen Hojati"]}}}}
    api.client.post("/match/default", json=match, headers=api.headers())
    api.client.get("/catalog")
    text = api.client.get("/metrics", headers=api.headers(api.keys.read)).text
    assert 'sanctionguard_api_request_seconds_bucket{le="0.005",method="POST"' in text
    assert 'route="/match/{dataset}",status="200"' in text
    assert 'sanctionguard_api_queries_total{endpoint="match"} 1.0' in text
    assert 'sanctionguard_api_matches_total{endpoint="match"}' in text
    assert "sanctionguard_api_auth_failures_total" in text
    assert "sanctionguard_api_snapshot_id 2.0" in text
    assert "sanctionguard_api_snapshot_age_seconds" in text


def test_an_entity_comes_with_its_sanctions_and_links_nested(api: Api) -> None:
    found = api.client.get("/entities/gb-hmt-sanctions-13651", headers=api.headers()).json()
    assert found["schema"] == "Vessel" and found["datasets"] == ["gb_hmt_sanctions"]
    sanction = found["properties"]["sanctions"][0]
    assert sanction["schema"] == "Sanction"
    assert sanction["properties"]["authority"] == ["HM Treasury OFSI"]
    link = found["properties"]["unknownLinkSubject"][0]
    assert link["properties"]["role"] == ["owner"]
    flat = api.client.get(
        "/entities/gb-hmt-sanctions-13651?nested=false", headers=api.headers()
    ).json()
    assert "sanctions" not in flat["properties"]


def test_unknown_datasets_algorithms_and_schemas_are_named_in_the_error(api: Api) -> None:
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["A B"]}}}}
    unknown = api.client.post("/match/eu_nowhere", json=body, headers=api.headers())
    assert unknown.status_code == 404 and "us_ofac_sdn" in unknown.json()["detail"]
    algo = api.client.post("/match/default?algorithm=magic", json=body, headers=api.headers())
    assert algo.status_code == 400 and "logic-v2" in algo.json()["detail"]
    bad = {"queries": {"q9": {"schema": "Spaceship", "properties": {"name": ["A B"]}}}}
    schema = api.client.post("/match/default", json=bad, headers=api.headers())
    assert schema.status_code == 400 and "'q9'" in schema.json()["detail"]


def test_yente_algorithm_names_and_ofac_mode_are_served(api: Api) -> None:
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Mohsen Hojati"]}}}}
    for name in ("best", "logic-v2", "ofac-name"):
        response = api.client.post(
            f"/match/sanctions?algorithm={name}", json=body, headers=api.headers()
        )
        assert response.status_code == 200, name
        assert response.json()["responses"]["q"]["results"], name


def test_match_filters_by_change_date_entity_ids_schema_and_topic(api: Api) -> None:
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Mohsen Hojati"]}}}}

    def ids(query: str) -> set[str]:
        response = api.client.post(f"/match/default?{query}", json=body, headers=api.headers())
        assert response.status_code == 200, response.text
        return {r["id"] for r in response.json()["responses"]["q"]["results"]}

    everything = ids("limit=10")
    assert "un-sc-sanctions-iri-018" in everything and len(everything) >= 3
    assert ids("changed_since=2000-01-01") == everything
    assert ids("changed_since=2999-01-01") == set()
    assert ids("exclude_entity_ids=un-sc-sanctions-iri-018") == everything - {
        "un-sc-sanctions-iri-018"
    }
    assert ids("exclude_schema=Person") == set()
    assert ids("topics=sanction") == everything
    assert ids("topics=crime") == set()
    bad = api.client.post(
        "/match/default?changed_since=yesterday", json=body, headers=api.headers()
    )
    assert bad.status_code == 422 and "changed_since" in bad.json()["detail"]
