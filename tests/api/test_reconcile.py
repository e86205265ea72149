"""The W3C Reconciliation Service API as OpenRefine uses it: manifest, queries, suggest,
extend; each response checked for the fields the specification requires."""

from __future__ import annotations

import json

from tests.api.conftest import Api


def test_the_manifest_carries_the_required_fields_and_passes_the_key_on(api: Api) -> None:
    token = api.keys.screen
    response = api.client.get(f"/reconcile/default?api_key={token}")
    assert response.status_code == 200
    manifest = response.json()
    for field in ("versions", "name", "identifierSpace", "schemaSpace"):
        assert manifest[field], field
    assert {"id": "Person", "name": "Person"} in manifest["defaultTypes"]
    suggest = manifest["suggest"]["entity"]
    assert suggest["service_url"].endswith("/reconcile/default")
    assert suggest["service_path"] == f"/suggest/entity?api_key={token}"
    assert manifest["extend"]["propose_properties"]["service_path"].startswith("/extend/propose")


def test_a_batch_of_queries_round_trips_with_scored_typed_candidates(api: Api) -> None:
    queries = {
        "q0": {"query": "Mohsen Hojati", "type": "Person", "limit": 3},
        "q1": {
            "query": "Mohsen Hojati",
            "type": "Person",
            "properties": [{"pid": "birthDate", "v": "1955-09-28"}],
        },
        "q2": {"query": "Zzyzx Qwrtplk"},
    }
    response = api.client.post(
        "/reconcile/default", data={"queries": json.dumps(queries)}, headers=api.headers()
    )
    assert response.status_code == 200
    answers = response.json()
    assert set(answers) == {"q0", "q1", "q2"}
    for candidate in answers["q0"]["result"]:
        assert {"id", "name", "score", "match", "type"} <= set(candidate)
        assert isinstance(candidate["score"], float) and isinstance(candidate["match"], bool)
        assert candidate["type"][0]["id"] == "Person"
    assert len(answers["q0"]["result"]) <= 3
    assert answers["q1"]["result"][0]["id"] == "un-sc-sanctions-iri-018"
    assert answers["q1"]["result"][0]["match"] is True
    assert sum(c["match"] for c in answers["q1"]["result"]) == 1
    assert answers["q2"] == {"result": []}


def test_a_malformed_batch_gets_a_400_naming_the_problem(api: Api) -> None:
    bad_json = api.client.post(
        "/reconcile/default", data={"queries": "{not json"}, headers=api.headers()
    )
    assert bad_json.status_code == 400 and "not valid JSON" in bad_json.json()["detail"]
    bad_type = api.client.post(
        "/reconcile/default",
        data={"queries": json.dumps({"q": {"query": "X", "type": "Spaceship"}})},
        headers=api.headers(),
    )
    assert bad_type.status_code == 400 and "Spaceship" in bad_type.json()["detail"]


def test_suggest_services_complete_entities_types_and_properties(api: Api) -> None:
    headers = api.headers()
    entity = api.client.get("/reconcile/default/suggest/entity?prefix=hoj", headers=headers)
    assert entity.status_code == 200
    results = entity.json()["result"]
    assert results and all("hojati" in r["name"].lower() for r in results)
    assert all({"id", "name"} <= set(r) for r in results)
    types = api.client.get("/reconcile/default/suggest/type?prefix=per", headers=headers).json()
    assert types["result"] == [{"id": "Person", "name": "Person"}]
    props = api.client.get("/reconcile/default/suggest/property?prefix=birth", headers=headers)
    assert {"id": "birthDate", "name": "Birth date"} in props.json()["result"]


def test_data_extension_proposes_properties_and_fills_rows(api: Api) -> None:
    headers = api.headers()
    proposed = api.client.get("/reconcile/default/extend/propose?type=Person", headers=headers)
    assert proposed.json()["type"] == "Person"
    assert {"id": "nationality", "name": "Nationality"} in proposed.json()["properties"]
    extend = {
        "ids": ["un-sc-sanctions-iri-018", "missing-id"],
        "properties": [{"id": "birthDate"}, {"id": "passportNumber"}],
    }
    response = api.client.post(
        "/reconcile/default", data={"extend": json.dumps(extend)}, headers=headers
    )
    body = response.json()
    assert body["meta"] == [
        {"id": "birthDate", "name": "Birth date"},
        {"id": "passportNumber", "name": "Passport number"},
    ]
    assert body["rows"]["un-sc-sanctions-iri-018"]["birthDate"] == [{"str": "1955-09-28"}]
    assert body["rows"]["missing-id"] == {"birthDate": [], "passportNumber": []}
