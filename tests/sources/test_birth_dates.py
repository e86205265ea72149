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
        ("28.01 1966", [BirthDate("1966-01-28")]),
        ("(a) 14.5.1975, (b) 28.01 1966", [BirthDate("1975-05-14"), BirthDate("1966-01-28")]),
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
        ("1340 (Iranian Hijri calendar), 1961 (Gregorian calendar)", [BirthDate("1961")]),
        (
            "1343 (Iranian Hijri calendar), 1964 or 1965 (Gregorian calendar)",
            [BirthDate("1964"), BirthDate("1965")],
        ),
        (
            "(a) 19.4.1982, (b) 18.4.1982, (c) 24.6.1402 (Hijri Calendar)",
            [BirthDate("1982-04-19"), BirthDate("1982-04-18")],
        ),
    ],
)
def test_two_digit_years_hijri_dates_and_impossible_days_are_not_guessed(
    text: str, dates: list[BirthDate]
) -> None:
    parsed = parse_birth_dates(text)
    assert list(parsed.dates) == dates
    assert not parsed.complete


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Between 1960 and 1962 (Approximately)", [BirthDate("1960", "1962", circa=True)]),
        ("Between 1966 and 1967 (Approximately )", [BirthDate("1966", "1967", circa=True)]),
        ("1975 (circa), 1977", [BirthDate("1975", circa=True), BirthDate("1977")]),
        ("Probably 1973", [BirthDate("1973", circa=True)]),
        ("possibly 23.7.1981", [BirthDate("1981-07-23", circa=True)]),
        ("(probably) 1944", [BirthDate("1944", circa=True)]),
        (
            "middle of the 1940s (probably 1947)",
            [BirthDate("1940", "1949", circa=True), BirthDate("1947", circa=True)],
        ),
    ],
)
def test_hedging_words_before_a_date_or_in_brackets_after_it_make_it_circa(
    text: str, dates: list[BirthDate]
) -> None:
    parsed = parse_birth_dates(text)
    assert list(parsed.dates) == dates
    assert parsed.complete


def test_a_hijri_year_is_never_read_as_a_gregorian_year() -> None:
    parsed = parse_birth_dates("1352 (Iranian Hijri calendar)")
    assert parsed.dates == () and not parsed.complete


def test_blank_and_na_cells_have_no_dates_and_nothing_left_over() -> None:
    for text in (None, "", "na"):
        parsed = parse_birth_dates(text)
        assert parsed.dates == () and parsed.complete


@given(st.text(max_size=80))
def test_any_text_gives_iso_prefixes_or_nothing(text: str) -> None:
    for date in parse_birth_dates(text).dates:
        assert len(date.start) in {4, 7, 10}
        assert date.end is None or date.start <= date.end
