"""Facts about a listing that parsers put on its Sanction entity (EntryBuilder.add_sanction_detail).

The builder lives in model/entry.py; these tests sit with the parsers that use it.
"""

from __future__ import annotations

import pytest

from sanctionguard.model.entry import EntryBuilder, SanctionDetail


def builder() -> EntryBuilder:
    return EntryBuilder("test_list", "A-1", "Person", origin="test.csv:2", authority="Tester")


def test_details_go_on_the_sanction_entity_beside_programme_and_listing_date() -> None:
    entry = builder()
    entry.add_program("EU-RUS")
    entry.set_listed_on("2022-02-24")
    entry.add_sanction_detail(SanctionDetail.REASON, "Member of the  board.")
    entry.add_sanction_detail(SanctionDetail.PROVISIONS, "Asset freeze")
    entry.add_sanction_detail(SanctionDetail.UNSC_ID, "QDi.001")
    sanction = entry.build().entities[1]
    assert sanction.schema.name == "Sanction"
    assert sanction.get("program") == ["EU-RUS"]
    assert sanction.get("listingDate") == ["2022-02-24"]
    assert sanction.get("reason") == ["Member of the board."]
    assert sanction.get("provisions") == ["Asset freeze"]
    assert sanction.get("unscId") == ["QDi.001"]


def test_dates_are_stored_as_iso_prefixes_and_unreadable_ones_are_refused() -> None:
    entry = builder()
    assert entry.add_sanction_detail(SanctionDetail.START_DATE, "26 Mar 2022") == "2022-03-26"
    assert entry.add_sanction_detail(SanctionDetail.END_DATE, "2056-06-29") == "2056-06-29"
    assert entry.add_sanction_detail(SanctionDetail.END_DATE, "until further notice") is None
    assert entry.add_sanction_detail(SanctionDetail.REASON, "   ") is None
    sanction = entry.build().entities[1]
    assert sanction.get("startDate") == ["2022-03-26"]
    assert sanction.get("endDate") == ["2056-06-29"]


def test_repeated_details_are_kept_once_in_the_order_given() -> None:
    entry = builder()
    for url in ("https://example.org/b", "https://example.org/a", "https://example.org/b"):
        entry.add_sanction_detail(SanctionDetail.SOURCE_URL, url)
    assert entry.build().sanction == {
        SanctionDetail.SOURCE_URL: ["https://example.org/b", "https://example.org/a"]
    }


def test_only_properties_of_the_sanction_schema_are_accepted() -> None:
    assert {d.value for d in SanctionDetail} == {
        "reason",
        "provisions",
        "sourceUrl",
        "programUrl",
        "unscId",
        "startDate",
        "endDate",
        "status",
        "duration",
    }
    with pytest.raises(ValueError, match="reasons"):
        builder().add_sanction_detail("reasons", "typo")  # type: ignore[arg-type]


def test_records_carry_the_details_only_when_the_list_states_some() -> None:
    plain = builder().build().to_record()
    assert "sanction" not in plain
    entry = builder()
    entry.add_sanction_detail(SanctionDetail.PROVISIONS, "Travel ban")
    entry.add_sanction_detail(SanctionDetail.PROVISIONS, "Asset freeze")
    entry.add_sanction_detail(SanctionDetail.STATUS, "active")
    record = entry.build().to_record()
    assert record["sanction"] == {
        "provisions": ["Asset freeze", "Travel ban"],
        "status": ["active"],
    }
    [related] = record["related"]
    assert related["properties"]["provisions"] == ["Asset freeze", "Travel ban"]


def test_an_entry_built_without_a_sanction_entity_still_records_the_details() -> None:
    entry = builder()
    entry.add_sanction_detail(SanctionDetail.REASON, "Stated reason")
    built = entry.build(sanction=False)
    assert len(built.entities) == 1
    assert built.to_record()["sanction"] == {"reason": ["Stated reason"]}
