"""Printed dates become ISO prefixes, never with a day or month the list did not print."""

from __future__ import annotations

import datetime
import re

from hypothesis import given
from hypothesis import strategies as st

from sanctionguard.model.dates import parse_date


def test_the_date_styles_of_the_lists_are_understood() -> None:
    assert parse_date("1970-01-12") == "1970-01-12"
    assert parse_date("2024-06-25T00:00:00") == "2024-06-25"
    assert parse_date("25.6.2024") == "2024-06-25"
    assert parse_date("25/06/2024") == "2024-06-25"
    assert parse_date("12 Jan 1970") == "1970-01-12"
    assert parse_date("Jan 1970") == "1970-01"
    assert parse_date("1970") == "1970"


def test_impossible_or_unknown_dates_give_none() -> None:
    assert parse_date("31.02.2020") is None
    assert parse_date("circa 1970") is None
    assert parse_date("") is None
    assert parse_date(None) is None
    assert parse_date("12 Foo 1970") is None


@given(st.text(max_size=40))
def test_parse_date_returns_none_or_an_iso_prefix(text: str) -> None:
    value = parse_date(text)
    assert value is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value)


@given(st.dates(min_value=datetime.date(1000, 1, 1), max_value=datetime.date(2999, 12, 31)))
def test_day_first_numeric_dates_round_trip(day: object) -> None:

    assert isinstance(day, datetime.date)
    assert parse_date(f"{day.day}.{day.month}.{day.year:04d}") == day.isoformat()
