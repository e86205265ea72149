"""Reading ownership data: the CSV, BODS, FtM (OpenSanctions) and GLEIF Level 2 formats."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sanctionguard.ownership.analysis import Status
from sanctionguard.ownership.model import EdgeKind, OwnershipData
from sanctionguard.ownership.reader import detect, read_ownership
from sanctionguard.ownership.shares import parse_share
from tests.ownership.scenarios import listed, run


def test_the_csv_carries_names_identifiers_shares_roles_and_dates(fixtures_dir: Path) -> None:
    data = read_ownership([fixtures_dir / "ownership" / "shielded.csv"])
    assert data.parties["kal"].identifiers == (("inn", "1832090230"),)
    assert data.parties["vtb"].identifiers == (("lei", "253400V1H6ART1UQ0N98"),)
    edge = next(e for e in data.edges if e.owner == "hojati")
    assert (edge.share.low, edge.share.high) == (25, 50)
    assert edge.start == date(2022, 1, 1)
    assert edge.source == "PSC register"
    assert next(e for e in data.edges if e.owner == "beta").kind is EdgeKind.CONTROL


@pytest.mark.parametrize(
    ("text", "low", "high", "known"),
    [
        ("50", 50, 50, True),
        ("33,5 %", 33.5, 33.5, True),
        ("25-50", 25, 50, True),
        ("25–50%", 25, 50, True),
        (">=50", 50, 100, True),
        ("<= 25", 0, 25, True),
        ("", 0, 100, False),
    ],
)
def test_share_texts_read_as_ranges(text: str, low: float, high: float, known: bool) -> None:
    share = parse_share(OwnershipData(), "here", text)
    assert (share.low, share.high, share.known) == (low, high, known)


def test_bods_exclusive_bounds_decide_between_the_uk_and_ofac_tests(fixtures_dir: Path) -> None:
    data = read_ownership([fixtures_dir / "ownership" / "bods.json"])
    kal = next(e for e in data.edges if e.owner == "e-kal" and e.kind is EdgeKind.OWNERSHIP)
    assert 50 < kal.share.low < 50.001 and kal.share.high == 75
    hojati = next(e for e in data.edges if e.owner == "p-owner")
    assert hojati.share.low == 25 and 49.999 < hojati.share.high < 50
    assert any(e.owner == "e-kal" and e.kind is EdgeKind.CONTROL for e in data.edges)
    analysis = run(data, listed("e-kal", lists=("gb_fcdo_sanctions",)))
    assert analysis.status("e-subject", "uk") is Status.BLOCKED  # more than 50%, and the board
    only_hojati = run(data, listed("p-owner"))
    # Under 50% for sure, but the unspecified 10% holder cannot be excluded.
    assert only_hojati.status("e-subject", "ofac") is Status.UNDETERMINED


def test_bods_without_the_unspecified_owner_is_not_blocked_below_half(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    import json

    statements = json.loads((fixtures_dir / "ownership" / "bods.json").read_text())
    path = tmp_path / "bods.json"
    path.write_text(json.dumps([s for s in statements if s["statementID"] != "ooc-3"]))
    analysis = run(read_ownership([path]), listed("p-owner"))
    assert analysis.status("e-subject", "ofac") is Status.NOT_BLOCKED


def test_gleif_level_2_records_are_control_edges_from_parent_to_child(fixtures_dir: Path) -> None:
    data = read_ownership([fixtures_dir / "ownership" / "gleif_relationships.json"])
    edge = data.edges[0]
    assert edge.kind is EdgeKind.CONTROL
    assert (edge.owner, edge.owned) == ("lei:253400V1H6ART1UQ0N98", "lei:5299000J2N45DDNE4Y28")
    assert edge.role == "direct accounting parent"
    analysis = run(data, listed("lei:253400V1H6ART1UQ0N98"))
    assert analysis.status("lei:5299000J2N45DDNE4Y28", "ofac") is Status.NOT_BLOCKED
    assert analysis.status("lei:5299000J2N45DDNE4Y28", "eu") is Status.BLOCKED


def test_formats_are_detected_by_content(fixtures_dir: Path) -> None:
    folder = fixtures_dir / "ownership"
    assert detect(folder / "bods.json")[0] == "bods"
    assert detect(folder / "gleif_relationships.json")[0] == "gleif"
    assert detect(folder / "shielded.csv")[0] == "csv"


def test_real_gleif_samples_read_into_parties_and_control_edges(shared_data: Path) -> None:
    data = read_ownership(
        [
            shared_data / "gleif" / "api",
            shared_data / "gleif" / "20240505-0000-gleif-goldencopy-lei2-intra-day.json",
        ]
    )
    assert sum(1 for e in data.edges if e.kind is EdgeKind.CONTROL) == 121
    assert len(data.parties) > 577
    assert not [i for i in data.issues if i.severity.value == "error"]


def test_real_opensanctions_ownership_follows_the_dates(shared_data: Path) -> None:
    path = shared_data / "opensanctions" / "yente_fixtures" / "zala" / "entities.ftm.json"
    data = read_ownership([path])
    assert sum(1 for e in data.edges if e.kind is EdgeKind.OWNERSHIP) == 14
    owner = "NK-aU5ybkbRFJucf8YMwsJvDw"
    designations = listed(owner, lists=("us_ofac_sdn",), since=date(2023, 11, 2))
    rtc = "NK-ERScv7cLkkvZ3ejz7xiToj"  # 100% owned from 2022-04-22 to 2023-10-22
    assert run(data, designations, date(2023, 6, 1)).status(rtc, "ofac") is Status.NOT_BLOCKED
    assert run(data, designations, date(2023, 12, 1)).status(rtc, "ofac") is Status.NOT_BLOCKED
    later = {
        k: [d.__class__(**{**d.__dict__, "listed_on": date(2023, 1, 1)}) for d in v]
        for k, v in designations.items()
    }
    assert run(data, later, date(2023, 6, 1)).status(rtc, "ofac") is Status.BLOCKED
