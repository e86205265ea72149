"""The real yente-client, pointed at our server on loopback, gets correct answers."""

from __future__ import annotations

import pytest
from yente_client import Client  # type: ignore[import-untyped]
from yente_client.entities import Company, Person, Vessel  # type: ignore[import-untyped]
from yente_client.exceptions import (  # type: ignore[import-untyped]
    AuthenticationError,
    NotFoundError,
)

from tests.api.conftest import Api


def test_yente_client_match_finds_the_listed_person_with_explanations(
    api: Api, loopback: str
) -> None:
    with Client(api_key=api.keys.screen, base_url=loopback) as client:
        response = client.match(Person(name=["Mohsen Hojati"], birthDate=["1955"]))
    assert response.top is not None
    assert response.top.caption.lower() == "mohsen hojati"
    assert response.top.match and response.top.score >= 0.7
    assert "name_similarity" in response.top.explanations
    assert response.top.explanations["birth_date"].score > 0
    assert {d for r in response.results for d in r.datasets} >= {"un_sc_sanctions"}
    assert response.query["properties"]["name"] == ["Mohsen Hojati"]


def test_yente_client_match_respects_datasets_and_threshold(api: Api, loopback: str) -> None:
    with Client(api_key=api.keys.screen, base_url=loopback) as client:
        only_un = client.match(Person(name=["Mohsen Hojati"]), datasets=["un_sc_sanctions"])
        strict = client.match(Person(name=["Mohsen Hojat"]), threshold=0.99, cutoff=0.5)
        excluded = client.match(
            Person(name=["Mohsen Hojati"]), exclude_datasets=["un_sc_sanctions"]
        )
    assert only_un.results and all(r.datasets == ["un_sc_sanctions"] for r in only_un.results)
    assert strict.results and not strict.matches
    assert all("un_sc_sanctions" not in r.datasets for r in excluded.results)


def test_yente_client_match_finds_a_vessel_by_imo_number(api: Api, loopback: str) -> None:
    with Client(api_key=api.keys.screen, base_url=loopback) as client:
        response = client.match(Vessel(name=["Unknown Ship"], imoNumber=["IMO 7408873"]))
    assert response.top is not None and response.top.caption == "Sam Jong 2"


def test_yente_client_search_fetch_catalog_and_algorithms(api: Api, loopback: str) -> None:
    with Client(api_key=api.keys.admin, base_url=loopback) as client:
        found = client.search("Hojati", facets=["countries", "datasets"])
        entity = client.fetch(found.results[0].id)
        catalog = client.datasets()
        algorithms = client.algorithms()
        assert client.healthz().status == "ok"
        assert client.readyz().status == "ok"
        with pytest.raises(NotFoundError):
            client.fetch("no-such-entity")
    assert found.total.value >= 2
    assert "datasets" in found.facets and found.facets["datasets"].values
    assert entity.id == found.results[0].id
    sanctions = entity.properties.get("sanctions", [])
    assert sanctions and not isinstance(sanctions[0], str)
    names = {d.name for d in catalog.datasets}
    assert {"default", "sanctions", "un_sc_sanctions", "us_ofac_sdn"} <= names
    assert algorithms.best == "sanctionguard-v1"


def test_yente_client_without_a_valid_key_is_refused(api: Api, loopback: str) -> None:
    wrong = Client(api_key="sg_00000000_wrong", base_url=loopback)
    with wrong, pytest.raises(AuthenticationError):
        wrong.match(Company(name=["Anything Ltd"]))
    reader = Client(api_key=api.keys.read, base_url=loopback)
    with reader, pytest.raises(AuthenticationError) as refused:
        reader.match(Company(name=["Anything Ltd"]))
    assert refused.value.status_code == 403
