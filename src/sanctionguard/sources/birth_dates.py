"""Free-text birth-date cells ("a) 1960 b) Approximately 1962", "Between 1963 and 1964").

Some lists (Canada SEMA, Australia DFAT, the EU Journal, OFAC's CSL) print several alternative
dates, ranges and "circa" in one cell. This module turns such a cell into ``BirthDate`` values
and says whether every number in it was understood, so parsers can keep the printed text when
it was not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sanctionguard.model.dates import parse_date
from sanctionguard.model.entry import BirthDate

_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_HEDGE = r"(?:approx(?:imately)?|circa|about|around|probably|possibly)"

# One alternation, so one left-to-right scan finds every token; longer date forms first.
_TOKEN = re.compile(
    # "(Hijri Calendar)", "(Iranian Hijri calendar)": the date before it is not Gregorian.
    r"(?P<hijri>\([^()\d]*\bhijri\b[^)]*\)?)"
    # "(Approximately)" after a date hedges that date; "(probably) 1944" the next one.
    rf"|(?P<hedge>\(\s*{_HEDGE}\b\.?\s*\))"
    rf"|(?P<circa>\b{_HEDGE}\b\.?|\bc(?:a)?\.)"
    r"|(?P<between>\bbetween\b)"
    r"|(?P<decade>\b(?:(?P<dec_part>early|mid|late)[\s-]+)?(?P<dec>\d{3}0)'?s\b)"
    r"|(?P<iso>(?<!\d)(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})(?:-(?P<iso_d>\d{1,2}))?(?!\d))"
    # "28.01.1966", and "28.01 1966" with the last separator left out.
    r"|(?P<dmy>(?<!\d)(?P<dmy_d>\d{1,2})\s*[./-]\s*(?P<dmy_m>\d{1,2})(?:\s*[./-]\s*|\s+)"
    r"(?P<dmy_y>\d{4})(?!\d))"
    r"|(?P<my>(?<!\d)(?P<my_m>\d{1,2})/(?P<my_y>\d{4})(?!\d))"
    rf"|(?P<dmony>(?<!\d)(?P<dmony_d>\d{{1,2}})\.?[\s-]+(?P<dmony_m>{_MONTH})\.?[\s,-]*"
    r"(?P<dmony_y>\d{4})(?!\d))"
    rf"|(?P<mondy>\b(?P<mondy_m>{_MONTH})\.?\s+(?P<mondy_d>\d{{1,2}}),?\s+(?P<mondy_y>\d{{4}})(?!\d))"
    rf"|(?P<mony>\b(?P<mony_m>{_MONTH})\.?,?[\s-]+(?P<mony_y>\d{{4}})(?!\d))"
    r"|(?P<year>(?<!\d)(?P<year_y>\d{4})(?!\d))"
    rf"|(?P<month>\b(?P<month_m>{_MONTH})\b\.?)"
    r"|(?P<sep>\bto\b|\band\b|[-–])"
    r"|(?P<digits>\d+)",
    re.IGNORECASE,
)

_DECADE_SPAN = {"early": (0, 3), "mid": (3, 7), "late": (7, 9), None: (0, 9)}


@dataclass(frozen=True)
class _Token:
    kind: str
    value: str = ""
    end: str = ""


@dataclass(frozen=True)
class ParsedBirthDates:
    """The dates found in a cell, and whether every number in it was understood."""

    dates: tuple[BirthDate, ...]
    complete: bool


def _month(name: str) -> int:
    return _MONTH_NAMES.index(name[:3].lower()) + 1


def _ymd(year: str, month: int | None = None, day: str | None = None) -> str | None:
    if month is None:
        return parse_date(year)
    text = f"{year}-{month:02d}" if day is None else f"{year}-{month:02d}-{int(day):02d}"
    return parse_date(text)


def _date_of(match: re.Match[str]) -> str | None:
    g = match.group
    if g("iso"):
        return _ymd(g("iso_y"), int(g("iso_m")), g("iso_d"))
    if g("dmy"):
        return _ymd(g("dmy_y"), int(g("dmy_m")), g("dmy_d"))
    if g("my"):
        return _ymd(g("my_y"), int(g("my_m")))
    if g("dmony"):
        return _ymd(g("dmony_y"), _month(g("dmony_m")), g("dmony_d"))
    if g("mondy"):
        return _ymd(g("mondy_y"), _month(g("mondy_m")), g("mondy_d"))
    if g("mony"):
        return _ymd(g("mony_y"), _month(g("mony_m")))
    return _ymd(g("year_y"))


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or ""
        if kind in {"hijri", "hedge", "circa", "between", "sep", "digits"}:
            tokens.append(_Token(kind, match.group(0).lower()))
        elif kind == "decade":
            first, last = _DECADE_SPAN[(match.group("dec_part") or "").lower() or None]
            base = int(match.group("dec"))
            tokens.append(_Token("decade", str(base + first), str(base + last)))
        elif kind == "month":
            tokens.append(_Token("month", str(_month(match.group("month_m")))))
        else:
            iso = _date_of(match)
            tokens.append(_Token("date", iso) if iso else _Token("digits", match.group(0)))
    return tokens


def _range_at(tokens: list[_Token], i: int, between: bool) -> tuple[str, str, int] | None:
    """A range starting at ``tokens[i]``: (start, end, tokens consumed), or None."""
    if i + 2 >= len(tokens) or tokens[i + 1].kind != "sep" or tokens[i + 2].kind != "date":
        return None
    first, sep, last = tokens[i], tokens[i + 1], tokens[i + 2]
    if sep.value == "and" and not between:
        return None
    if first.kind == "month" and len(last.value) == 7:
        start = f"{last.value[:4]}-{int(first.value):02d}"
        return (start, last.value, 3) if start <= last.value else None
    if first.kind == "date" and first.value <= last.value:
        return (first.value, last.value, 3)
    return None


def parse_birth_dates(text: str | None) -> ParsedBirthDates:
    """All birth dates printed in ``text``.

    Hedges ("approximately", "circa", "probably", "possibly") make the next date circa; in
    brackets right after a date ("Between 1960 and 1962 (Approximately)") they make that date
    circa. Dates in the Hijri calendar, two-digit years and stray numbers are not guessed at:
    they make ``complete`` False, so the caller can keep the printed text as a remark.

    >>> parse_birth_dates("a) 1 Jan. 1964 b) Approximately 1960-1962").dates[1]
    BirthDate(start='1960', end='1962', circa=True)
    >>> parse_birth_dates("1340 (Iranian Hijri calendar), 1961 (Gregorian calendar)")
    ParsedBirthDates(dates=(BirthDate(start='1961', end=None, circa=False),), complete=False)
    >>> parse_birth_dates("Sep-99").complete
    False
    """
    tokens = _tokens(text or "")
    dates: list[BirthDate] = []
    complete = True
    circa = between = after_date = False
    i = 0
    while i < len(tokens):
        token = tokens[i]
        found = _range_at(tokens, i, between)
        if found is not None:
            dates.append(BirthDate(found[0], found[1], circa))
            circa = between = False
            after_date = True
            i += found[2]
            continue
        if token.kind == "date":
            dates.append(BirthDate(token.value, None, circa))
            circa = between = False
        elif token.kind == "decade":
            dates.append(BirthDate(token.value, token.end, True))
            circa = between = False
        elif token.kind == "hijri":
            if dates:
                dates.pop()
            complete = False
        elif token.kind == "hedge" and after_date:
            dates[-1] = replace(dates[-1], circa=True)
        elif token.kind in {"hedge", "circa"}:
            circa = True
        elif token.kind == "between":
            between = True
        elif token.kind in {"digits", "month"}:
            complete = False
        after_date = token.kind in {"date", "decade"}
        i += 1
    unique = tuple(dict.fromkeys(dates))
    return ParsedBirthDates(unique, complete)
