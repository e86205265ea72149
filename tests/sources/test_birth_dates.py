"""Free-text birth-date cells (sources/birth_dates.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionguard.model.entry import BirthDate
from sanctionguard.sources.birth_dates import parse_birth_dates


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("1954-08-30", [BirthDate("1954-08-30")]),
        ("1955-11", [BirthDate("1955-11")]),
        ("1963 or 1964", [BirthDate("1963"), BirthDate("1964")]),
        ("1963-1964", [BirthDate("1963", "1964")]),
        ("Between 1968 and 1973", [BirthDate("1968", "1973")]),
        ("Approximately 1955- 1958", [BirthDate("1955", "1958", circa=True)]),
        ("c. 1957 or 14 March 1942", [BirthDate("1957", circa=True), BirthDate("1942-03-14")]),
        ("a) 1/01/1968 b) 29-Aprl-1967", [BirthDate("1968-01-01"), BirthDate("1967-04-29")]),
        ("a) 03/1965; b) 04/1965", [BirthDate("1965-03"), BirthDate("1965-04")]),
        ("April 1, 1978", [BirthDate("1978-04-01")]),
        ("21. Jul 1997; 1993", [BirthDate("1997-07-21"), BirthDate("1993")]),
        ("Between Aug. and Sep 1977", [BirthDate("1977-08", "1977-09")]),
        ("March 1968 to March 1969", [BirthDate("1968-03", "1969-03")]),
        ("born in the early 1970s", [BirthDate("1970", "1973", circa=True)]),
        ("1965; 1965", [BirthDate("1965")]),
    ],
)
def test_printed_dates_become_exact_dates_ranges_and_circa_years(
    text: str, dates: list[BirthDate]
) -> None:
    parsed = parse_birth_dates(text)
    assert list(parsed.dates) == dates
    assert parsed.complete


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Sep-99", []),
        ("07/05/1962; alt DOB: 07/04/62", [BirthDate("1962-05-07")]),
        ("a) 19 Apr. 1982 b) 24/06/1402 (Hijri Calendar)", [BirthDate("1982-04-19")]),
        ("Approximately (30-35 years old)", []),
        ("31/02/1970", []),
    ],
)
def test_two_digit_years_hijri_dates_and_impossible_days_are_not_guessed(
    text: str, dates: list[BirthDate]
) -> None:
    parsed = parse_birth_dates(text)
    assert list(parsed.dates) == dates
    assert not parsed.complete


def test_blank_and_na_cells_have_no_dates_and_nothing_left_over() -> None:
    for text in (None, "", "na"):
        parsed = parse_birth_dates(text)
        assert parsed.dates == () and parsed.complete


@given(st.text(max_size=80))
def test_any_text_gives_iso_prefixes_or_nothing(text: str) -> None:
    for date in parse_birth_dates(text).dates:
        assert len(date.start) in {4, 7, 10}
        assert date.end is None or date.start <= date.end
