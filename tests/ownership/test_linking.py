"""Linking ownership parties to listed entries: identifiers first, names through the matcher."""

from __future__ import annotations

from pathlib import Path

from sanctionguard.cli.app import run as cli
from sanctionguard.match.screener import Screener
from sanctionguard.ownership.analysis import Status
from sanctionguard.ownership.linking import designations_from, link_parties
from sanctionguard.ownership.model import EdgeKind, OwnershipData, OwnershipEdge, Party, ShareRange
from sanctionguard.store.snapshots import Store
from tests.ownership.scenarios import run

REPO = Path(__file__).resolve().parents[2]


def _store(tmp_path: Path, *lists: Path) -> Store:
    url = f"sqlite:///{tmp_path / 'lists.db'}"
    assert cli(["--db", url, "lists", "load", *map(str, lists)]) == 0
    return Store.open(url)


def test_one_inn_on_two_entries_of_a_list_is_one_party_listed_twice(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    store = _store(tmp_path, fixtures_dir / "ownership" / "listed.ftm.json")
    party = Party("kal", ("Concern Kalashnikov",), "Company", identifiers=(("inn", "1832090230"),))
    links = link_parties([party], store, store.resolve("current"), None)
    assert {link.entity_id for link in links} == {"eu-a1", "eu-a2"}
    assert not any(link.ambiguous for link in links)
    assert all(link.method == "identifier:inn" for link in links)


def test_a_registration_number_shared_by_different_names_is_ambiguous(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    store = _store(tmp_path, fixtures_dir / "ownership" / "listed.ftm.json")
    party = Party("reg", ("Some Company",), "Company", identifiers=(("registration", "REG-77"),))
    links = link_parties([party], store, store.resolve("current"), None)
    assert {link.entity_id for link in links} == {"eu-a1", "eu-b1"}
    assert all(link.ambiguous for link in links)
    assert "differently named entries share it" in links[0].evidence


def test_an_opensanctions_copy_of_the_eu_list_designates_under_the_eu_rule(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    store = _store(tmp_path, fixtures_dir / "ownership" / "listed.ftm.json")
    party = Party("kal", ("Concern Kalashnikov",), "Company", identifiers=(("inn", "1832090230"),))
    designations = designations_from(link_parties([party], store, store.resolve("current"), None))
    data = OwnershipData(parties={"kal": party, "sub": Party("sub")})
    data.edges = [OwnershipEdge("e", "kal", "sub", EdgeKind.OWNERSHIP, ShareRange.exact(60))]
    analysis = run(data, designations)
    assert analysis.status("sub", "eu") is Status.BLOCKED
    assert analysis.status("sub", "ofac") is Status.NOT_BLOCKED


def test_names_link_through_the_matcher_with_their_score(tmp_path: Path) -> None:
    store = _store(tmp_path, REPO / "examples" / "lists")
    screener = Screener.from_store(store)
    parties = [
        Party("p", ("Mohsen Hojati",), "Person", country="ir"),
        Party("q", ("Entirely Unrelated Bakery",), "Company"),
    ]
    links = link_parties(parties, store, store.resolve("current"), screener)
    assert links and all(link.party_id == "p" and link.method == "name" for link in links)
    ofac = next(link for link in links if link.list_name == "us_ofac_sdn")
    assert ofac.caption == "HOJATI, Mohsen"
    assert "scored" in ofac.evidence
