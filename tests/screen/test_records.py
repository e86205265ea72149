"""One record's fields become a query: text, book words, printed dates and typed identifiers."""

from __future__ import annotations

import pytest

from sanctionguard.model.identifiers import IdKind
from sanctionguard.screen.records import RecordError, query_from_fields


def test_a_full_record_becomes_a_query_with_normalised_values() -> None:
    query = query_from_fields(
        {
            "name": "  Dmitry   Shugayev ",
            "type": "individual",
            "birth_date": "11.08.1965",
            "country": "Russia",
            "nationality": "RU",
            "gender": "M",
            "passport": "ab 123",
        },
        "C-1",
    )
    assert query.id == "C-1"
    assert query.names == ("Dmitry Shugayev",)
    assert query.schema == "Person"
    assert query.birth_dates == ("1965-08-11",)
    assert query.countries == ("Russia", "RU")
    assert query.gender == "M"
    assert [(i.kind, i.value) for i in query.identifiers] == [(IdKind.PASSPORT, "AB 123")]


@pytest.mark.parametrize(
    ("fields", "schema"),
    [
        ({"type": "company"}, "Company"),
        ({"type": "VESSEL"}, "Vessel"),
        ({"type": "Individual"}, "Person"),
        ({"type": "ship"}, "Vessel"),
        ({"schema": "LegalEntity"}, "LegalEntity"),
        ({"schema": "Organization", "type": "person"}, "Organization"),
        ({"type": "spaceship"}, "spaceship"),
        ({}, None),
    ],
)
def test_the_schema_comes_from_the_schema_column_or_the_book_type(
    fields: dict[str, str], schema: str | None
) -> None:
    assert query_from_fields({"name": "Acme", **fields}).schema == schema


@pytest.mark.parametrize("value", ["31.02.1970", "yesterday", "1970; soon"])
def test_a_birth_date_that_is_not_a_date_says_how_to_write_one(value: str) -> None:
    with pytest.raises(RecordError, match="is not a date; write YYYY-MM-DD"):
        query_from_fields({"name": "Acme", "birth_date": value})


def test_an_identifier_alone_makes_a_query_without_names() -> None:
    query = query_from_fields({"name": "", "imo": 9312884})
    assert query.names == ()
    assert [(i.kind, i.value, i.valid) for i in query.identifiers] == [
        (IdKind.IMO, "9312884", True)
    ]


def test_a_malformed_identifier_is_kept_and_marked_invalid() -> None:
    query = query_from_fields({"name": "Acme", "inn": "1234", "bic": "VTBRRUMMXXX"})
    found = {i.kind: (i.value, i.valid) for i in query.identifiers}
    assert found == {IdKind.INN: ("1234", False), IdKind.BIC: ("VTBRRUMM", True)}


def test_several_countries_and_dates_in_one_cell_are_split_on_semicolons_only() -> None:
    query = query_from_fields(
        {"name": "Acme", "country": "ru; Korea, Republic of", "birth_date": "1970; 1971-02"}
    )
    assert query.countries == ("ru", "Korea, Republic of")
    assert query.birth_dates == ("1970", "1971-02")


def test_values_from_json_and_parquet_may_be_numbers_lists_or_nulls() -> None:
    query = query_from_fields(
        {"name": ["Acme", None], "country": ["ru", "ua"], "mmsi": 273456780.0, "lei": None}
    )
    assert query.names == ("Acme",)
    assert query.countries == ("ru", "ua")
    assert [i.value for i in query.identifiers] == ["273456780"]
