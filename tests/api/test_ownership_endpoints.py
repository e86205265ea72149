"""``/ownership/{id}`` and ``/ownership/findings`` over ``shielded.csv`` loaded with
``sanctionguard ownership load`` against the sample lists: statuses, paths, cautions, pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctionguard.cli.app import run
from tests.api.conftest import REPO, Api

SHIELDED = REPO / "tests" / "fixtures" / "ownership" / "shielded.csv"
DAY = "as_of=2024-06-01"


@pytest.fixture()
def owned(store_path: Path, api_factory: object) -> Api:
    """The sample store with the shielded ownership chains loaded by the CLI."""
    assert run(["--db", f"sqlite:///{store_path}", "ownership", "load", str(SHIELDED)]) == 0
    return api_factory(rate_per_second=0)  # type: ignore[operator, no-any-return]


def statuses(body: dict[str, object]) -> dict[str, str]:
    return {s["jurisdiction"]: s["status"] for s in body["statuses"]}  # type: ignore[attr-defined]


def test_a_company_half_owned_by_listed_owners_is_blocked_with_its_paths(owned: Api) -> None:
    response = owned.client.get(
        f"/ownership/beta?{DAY}&jurisdiction=ofac", headers=owned.headers(owned.keys.read)
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["version"] == 1 and body["snapshot"] == 2 and body["jurisdictions"] == ["ofac"]
    assert statuses(body) == {"ofac": "blocked"}
    ofac = body["statuses"][0]
    assert ofac["rule_id"] == "O1" and ofac["share_low"] == 55.0
    explained = " | ".join(ofac["explanation"])
    assert "VTB Bank PJSC" in explained and "Concern Kalashnikov" in explained
    assert [step["party_id"] for step in ofac["paths"][0]] == ["vtb", "alpha", "beta"]


def test_a_listed_entity_id_finds_the_party_linked_to_it(owned: Api) -> None:
    body = owned.client.get(f"/ownership/us-ofac-sdn-17013?{DAY}", headers=owned.headers()).json()
    assert body["party_id"] == "vtb" and statuses(body)["ofac"] == "listed"
    link = body["linked_entities"][0]
    assert link["entity_id"] == "us-ofac-sdn-17013" and link["method"] == "identifier:lei"


def test_control_without_a_blocking_share_is_a_caution_not_a_block(owned: Api) -> None:
    body = owned.client.get(f"/ownership/delta?{DAY}", headers=owned.headers()).json()
    assert set(statuses(body).values()) == {"not_blocked"}
    assert [c["rule_id"] for c in body["cautions"]] == ["O3-control"]
    assert "Beta Components Ltd" in body["cautions"][0]["evidence"][0]


def test_findings_list_derived_statuses_by_page_and_filter(owned: Api) -> None:
    def page(query: str) -> dict[str, object]:
        response = owned.client.get(f"/ownership/findings?{DAY}&{query}", headers=owned.headers())
        assert response.status_code == 200, response.text
        found: dict[str, object] = response.json()
        return found

    def rows(body: dict[str, object]) -> list[tuple[str, str, str]]:
        items = body["findings"]
        return [(f["jurisdiction"], f["party_id"], f["status"]) for f in items]  # type: ignore[attr-defined]

    derived = page("limit=100")
    assert derived["total"] == 3 and rows(derived) == [
        ("ofac", "alpha", "blocked"),
        ("ofac", "beta", "blocked"),
        ("ofac", "gamma", "undetermined"),
    ]
    second = page("limit=2&offset=2")
    assert rows(second) == [("ofac", "gamma", "undetermined")] and second["total"] == 3
    listed = page("status=listed&jurisdiction=ofac")
    assert {r[1] for r in rows(listed)} == {"vtb", "kal"}
    assert page("jurisdiction=eu")["total"] == 0
    assert derived["counts"]["ofac"]["blocked"] == 2  # type: ignore[index]


def test_before_the_holdings_began_nothing_is_derived(owned: Api) -> None:
    body = owned.client.get(
        "/ownership/findings?as_of=2019-01-01&jurisdiction=ofac", headers=owned.headers()
    ).json()
    assert body["total"] == 0 and body["as_of"] == "2019-01-01"


def test_unknown_parties_jurisdictions_and_statuses_are_named_in_the_error(owned: Api) -> None:
    missing = owned.client.get(f"/ownership/nobody-here?{DAY}", headers=owned.headers())
    assert missing.status_code == 404 and "nobody-here" in missing.json()["detail"]
    bad = owned.client.get("/ownership/beta?jurisdiction=mars", headers=owned.headers())
    assert bad.status_code == 400 and "mars" in bad.json()["detail"]
    status = owned.client.get("/ownership/findings?status=evil", headers=owned.headers())
    assert status.status_code == 400 and "not_blocked" in status.json()["detail"]
    date = owned.client.get("/ownership/beta?as_of=yesterday", headers=owned.headers())
    assert date.status_code == 422 and "as_of" in date.json()["detail"]


def test_without_ownership_data_the_error_says_how_to_load_it(api: Api) -> None:
    response = api.client.get("/ownership/findings", headers=api.headers())
    assert response.status_code == 404 and "ownership load" in response.json()["detail"]


def test_ownership_needs_the_read_scope(owned: Api) -> None:
    screen_only = owned.client.get("/ownership/beta", headers=owned.headers(owned.keys.screen))
    assert screen_only.status_code == 403 and "'read'" in screen_only.json()["detail"]
    assert owned.client.get("/ownership/findings").status_code == 401
