"""``/screen/vessel``, ``/screen/shipment`` and ``/ais/analyze`` over the sample lists and the
maritime fixtures: findings, located errors, keys and metrics."""

from __future__ import annotations

import json
from typing import Any

from tests.api.conftest import REPO, Api

SHIPMENTS = REPO / "tests" / "fixtures" / "maritime" / "shipments.json"
AIS = REPO / "tests" / "fixtures" / "api" / "ais_encounter_and_gap.csv"
CSV = {"Content-Type": "text/csv"}


def rules(findings: list[dict[str, Any]]) -> dict[str, str]:
    """Rule → severity of its most severe finding (findings come most severe first)."""
    found: dict[str, str] = {}
    for finding in findings:
        found.setdefault(finding["rule"], finding["severity"])
    return found


def test_a_vessel_listed_by_imo_is_found_on_every_list_with_a_critical_m1(api: Api) -> None:
    response = api.client.post(
        "/screen/vessel", json={"imo": "IMO 7408873"}, headers=api.headers(api.keys.screen)
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["snapshot"] == 2 and body["imo_valid"] is True
    lists = {h["list"] for h in body["hits"]}
    assert {"gb_hmt_sanctions", "us_ofac_sdn"} <= lists
    assert all("imo" in h["matched_on"] for h in body["hits"])
    assert rules(body["findings"])["M1"] == "critical"


def test_a_wrong_check_digit_and_a_flag_the_mmsi_contradicts_are_reported(api: Api) -> None:
    query = {"imo": "7408874", "mmsi": "273347320", "flag": "PA", "name": "Nobody Afloat"}
    body = api.client.post("/screen/vessel", json=query, headers=api.headers()).json()
    assert body["imo_valid"] is False and body["mid_flag"] == "RU"
    found = rules(body["findings"])
    assert found["M2"] == "high" and found["M6"] == "medium"
    m2 = next(f for f in body["findings"] if f["rule"] == "M2")
    assert "check digit 4" in m2["message"]


def test_an_empty_or_misspelt_vessel_query_is_refused_naming_the_field(api: Api) -> None:
    empty = api.client.post("/screen/vessel", json={"name": "  "}, headers=api.headers())
    assert empty.status_code == 400 and "imo" in empty.json()["detail"]
    typo = api.client.post("/screen/vessel", json={"imo_number": "1"}, headers=api.headers())
    assert typo.status_code == 422 and "imo_number" in typo.json()["detail"]
    long_owner = {"imo": "7408873", "owners": ["x" * 201]}
    too_long = api.client.post("/screen/vessel", json=long_owner, headers=api.headers())
    assert too_long.status_code == 422 and "owners.0" in too_long.json()["detail"]


def test_the_risky_shipment_gets_chpl_and_listed_party_findings(api: Api) -> None:
    data = json.loads(SHIPMENTS.read_text())
    response = api.client.post(
        "/screen/shipment?on=2024-06-01", json=data, headers=api.headers(api.keys.screen)
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["on"] == "2024-06-01"
    by_id = {s["id"]: s for s in body["shipments"]}
    risky = by_id["SHP-RISK"]
    assert risky["top_severity"] == "critical"
    found = rules(risky["findings"])
    assert found["G1"] == "critical" and found["G13"] == "critical"
    assert any("Ingosstrakh" in f["message"] for f in risky["findings"])


def test_a_shipment_with_an_unknown_field_is_refused_with_a_suggestion(api: Api) -> None:
    record = {"id": "S-1", "consigne": {"name": "Acme"}}
    response = api.client.post("/screen/shipment", json=record, headers=api.headers())
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "consigne" in detail and "consignee" in detail
    listed = api.client.post(
        "/screen/shipment",
        json=[{"id": "A"}, {"id": "B", "port_of_loading": "nowhere"}],
        headers=api.headers(),
    )
    assert listed.status_code == 400 and "shipments[1].port_of_loading" in listed.json()["detail"]


def test_ais_positions_give_an_encounter_a_gap_and_notes_on_dropped_rows(api: Api) -> None:
    response = api.client.post(
        "/ais/analyze", content=AIS.read_bytes(), headers={**api.headers(api.keys.screen), **CSV}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["vessels"] == 3 and body["rows_read"] == body["positions"] + 1
    assert body["counts"]["encounter"] == 1 and body["counts"]["gap"] == 1
    encounter = next(e for e in body["events"] if e["kind"] == "encounter")
    assert {encounter["mmsi"], encounter["other_mmsi"]} == {273111111, 538222222}
    assert encounter["rule"] == "M5" and encounter["hours"] == 4.0
    gap = next(e for e in body["events"] if e["kind"] == "gap")
    assert gap["mmsi"] == 636333333 and gap["hours"] > 12
    assert any("off the globe" in note for note in body["notes"])


def test_bad_ais_input_is_a_400_naming_the_line_or_column(api: Api) -> None:
    strict = api.client.post(
        "/ais/analyze?strict=true", content=AIS.read_bytes(), headers={**api.headers(), **CSV}
    )
    assert strict.status_code == 400 and "70" in strict.json()["detail"]
    no_lat = api.client.post(
        "/ais/analyze", content=b"mmsi,time,lon\n1,2024-01-01T00:00:00Z,3\n", headers=api.headers()
    )
    assert no_lat.status_code == 400 and "lat" in no_lat.json()["detail"]
    empty = api.client.post("/ais/analyze", content=b"", headers=api.headers())
    assert empty.status_code == 400


def test_maritime_screening_needs_the_screen_scope(api: Api) -> None:
    read = api.headers(api.keys.read)
    assert (
        api.client.post("/screen/vessel", json={"imo": "7408873"}, headers=read).status_code == 403
    )
    assert api.client.post("/screen/shipment", json={"id": "A"}, headers=read).status_code == 403
    assert api.client.post("/ais/analyze", content=b"x", headers=read).status_code == 403
    assert api.client.post("/screen/vessel", json={"imo": "7408873"}).status_code == 401
    api.client.post("/screen/vessel", json={"imo": "7408873"}, headers=api.headers())
    text = api.client.get("/metrics", headers=read).text
    assert 'sanctionguard_api_queries_total{endpoint="vessel"} 1.0' in text


def test_a_batch_of_shipments_spends_one_rate_limit_token_per_shipment(
    api_factory: object,
) -> None:
    api: Api = api_factory(rate_per_second=0.01, rate_burst=3)  # type: ignore[operator]
    batch = [{"id": f"S-{n}"} for n in range(5)]
    refused = api.client.post("/screen/shipment", json=batch, headers=api.headers())
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    single = api.client.post("/screen/shipment", json={"id": "S-9"}, headers=api.headers())
    assert single.status_code == 200 and single.json()["shipments"][0]["id"] == "S-9"
