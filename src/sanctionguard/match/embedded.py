"""Facts written into a name field, read out of it before the name is screened.

Payment messages, exported records and hand-typed searches put more than the name in the name
field: an identifier with its label ("OOO PROMSVYAZBANK INN 7744000912", "FU YUAN YU 7622 IMO
8651732"), a birth date ("Prigozhin Evgeny Viktorovich 01.06.1961", "DOB 1961-06-01"), the
place a firm is in ("PJSC SBERBANK MOSCOW RUSSIA", "VTB BANK, MOSCOW, RUSSIA"). Screened as name
words they made the name another (no result above 0.3 for any of those). ``read_embedded``
returns the name without them and the facts as the query's identifiers and birth dates (the
place is the address's, not a fact to compare).

Only labelled identifiers are read (a bare number may be part of a name: "11420 CORP"), only
whole dates (a year alone may be too), and only a country named in full or a city of
``data/places.txt`` at the end of a firm's name (as its last words, or a whole address after a
comma), when a name remains before it; the name as written is screened too ("BANK MELLI IRAN":
see ``EmbeddedFacts.names``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Final

from sanctionguard.model.countries import country_names, is_country_name
from sanctionguard.model.identifiers import Identifier, IdKind, make_identifier

# A label, then the value: digits and letters with at most a space or a dash inside.
_LABELLED: Final = re.compile(
    r"(?<![\w/])(?P<label>INN|OGRNIP|OGRN|IMO(?:\s+(?:NO|NUMBER))?|MMSI|LEI|SWIFT(?:\s*/\s*BIC)?"
    r"|BIC|PASSPORT(?:\s+(?:NO|NUMBER))?)\s*(?:[:#№]|NO\b\.?)?\s*\.?\s*"
    r"(?P<value>[A-Z0-9](?:[A-Z0-9]|[ -](?=[A-Z0-9])){4,33})(?![\w])",
    re.IGNORECASE,
)
_KINDS: Final = {
    "inn": IdKind.INN,
    "ogrn": IdKind.OGRN,
    "ogrnip": IdKind.OGRN,
    "imo": IdKind.IMO,
    "mmsi": IdKind.MMSI,
    "lei": IdKind.LEI,
    "swift": IdKind.BIC,
    "bic": IdKind.BIC,
    "passport": IdKind.PASSPORT,
}
MIN_DIGITS: Final = 5  # a value (but a BIC's) with fewer digits is a word, not a number
_BIC_LABEL: Final = re.compile(r"\b(?:SWIFT|BIC)\b", re.IGNORECASE)  # (a BIC has no digit)
_BIC: Final = re.compile(r"[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?", re.IGNORECASE)
# A whole date: day.month.year (dots, dashes or slashes: the lists' and Europe's order), or
# ISO year-month-day; a label before it ("DOB", "D.O.B.", "born", "b.") goes with it.
_DATE_LABEL: Final = r"(?:(?:D\.?O\.?B\.?|BORN|B\.)\s*:?\s*)?"
_DMY: Final = re.compile(
    _DATE_LABEL + r"(?<!\d)(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>(?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)
_YMD: Final = re.compile(
    _DATE_LABEL + r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)",
    re.IGNORECASE,
)
MIN_COUNTRY_CHARS: Final = 3  # "Iran", "UAE"; no two-letter code ("AG" is a legal form)
MAX_PLACE_WORDS: Final = 3  # "United Arab Emirates", "Nizhny Novgorod"
# Words that join a name to the place after it: the place is the name's then.
_JOINING: Final = frozenset(
    {"of", "de", "du", "des", "di", "da", "del", "in", "the", "for", "and", "&"}
)
_POSTCODE: Final = re.compile(r"\b\d[\d -]*\d\b|\b\d\b")
_COMMA_RUN: Final = re.compile(r"\s*,(\s*,)+")
_EMPTY_BRACKETS: Final = re.compile(r"\(\s*\)")
_PLACE_MARKS: Final = re.compile(r"[.\-']")


@dataclass(frozen=True, init=False)
class EmbeddedFacts:
    """A name field read: the name, the facts found in it, and the name without its place."""

    name: str
    identifiers: tuple[Identifier, ...]
    birth_dates: tuple[str, ...]  # ISO dates
    without_place: str | None  # a firm's name before a trailing place, if one was read
    # ... a person's: a city or an address of two parts ("Viktor Bout, Moscow, Russia"), as a
    # person's own name may end in a country's or a city's ("Omar Jordan", "Jack London")
    without_place_person: str | None

    def __init__(
        self,
        name: str,
        identifiers: tuple[Identifier, ...] = (),
        birth_dates: tuple[str, ...] = (),
        without_place: str | None = None,
        without_place_person: str | None = None,
    ) -> None:
        # (Written out: the constructor dataclass writes runs interpreted, ~15x slower
        # than this one compiled; see DESIGN.md, "Where the time goes".)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "identifiers", identifiers)
        object.__setattr__(self, "birth_dates", birth_dates)
        object.__setattr__(self, "without_place", without_place)
        object.__setattr__(self, "without_place_person", without_place_person)

    @property
    def names(self) -> tuple[str, ...]:
        """The name to screen, and a firm's name without its trailing place when it had one."""
        return (self.name,) if self.without_place is None else (self.name, self.without_place)


@lru_cache(maxsize=65_536)
def read_embedded(text: str, person: bool | None) -> EmbeddedFacts:
    """The facts written into name field ``text`` (``person``: the query's schema says a
    person, a firm or vessel (False), or nothing (None)). Dates are read for people and
    unknown schemas; a trailing place for firms and unknown schemas. (Remembered: a book's
    names come again at each re-screening.)"""
    identifiers: list[Identifier] = []
    dates: list[str] = []
    rest = text
    if any(ch.isdigit() for ch in text) or _BIC_LABEL.search(text):
        identifiers, rest = _identifiers(text)
        if person is not False:
            dates, rest = _dates(rest)
        if identifiers or dates:
            rest = _tidy(rest)
            if not any(ch.isalnum() for ch in rest):
                # (nothing but the facts: the name stays, e.g. "IMO 9187629" as a vessel's)
                return EmbeddedFacts(text)
    firm = _without_place(rest, person=False) if person is not True else None
    own = _without_place(rest, person=True) if person is not False else None
    return EmbeddedFacts(rest, tuple(identifiers), tuple(dates), firm, own)


def _identifiers(text: str) -> tuple[list[Identifier], str]:
    found: list[Identifier] = []

    def take(match: re.Match[str]) -> str:
        label = match.group("label").split()[0].split("/")[0].lower()
        kind = _KINDS[label]
        value = match.group("value")
        digits = sum(ch.isdigit() for ch in value)
        if kind is IdKind.BIC:
            if not _BIC.fullmatch(value):
                return match.group(0)
        elif digits < MIN_DIGITS:
            return match.group(0)
        found.append(make_identifier(kind, value, note="read from the name field"))
        return " "

    return found, _LABELLED.sub(take, text)


def _dates(text: str) -> tuple[list[str], str]:
    found: list[str] = []

    def take(match: re.Match[str]) -> str:
        year, month, day = int(match.group("y")), int(match.group("m")), int(match.group("d"))
        try:
            found.append(date(year, month, day).isoformat())
        except ValueError:  # (not a date: 31.02.1961, 13/13/1999)
            return match.group(0)
        return " "

    rest = _YMD.sub(take, text)
    return found, _DMY.sub(take, rest)


def _tidy(text: str) -> str:
    """Spaces and the separators the facts leave behind ("NAME, , 01.06.1961" → "NAME")."""
    text = _COMMA_RUN.sub(",", " ".join(text.split()))
    text = _EMPTY_BRACKETS.sub(" ", text)
    return " ".join(text.split()).strip(" ,;:/-")


def _without_place(name: str, person: bool) -> str | None:
    """``name`` without the place named at its end (a country in full, a city of
    ``data/places.txt``, or both, as its last words; or a whole address after a comma), when a
    name of its own remains: None when there is none. For a ``person``, after a comma a city or
    an address of two segments or more, as last words a city and a country, and two name words
    left ("Omar Jordan", "SMITH, Georgia", "Jack London" stay whole)."""
    last = name.rsplit(None, 1)[-1] if name.strip() else ""
    if _place_key(last) not in _place_ends():
        return None  # (most names: their last word ends no place's name)
    segments = [part.strip() for part in name.split(",")]
    if len(segments) > 1 and _is_place(segments[-1]):
        # An address after the name: it ends in a place, and begins at the first segment that
        # is a place or holds a number ("SOVCOMFLOT PAO, 3A MOIKA EMB, ST PETERSBURG").
        cut = next(k for k in range(1, len(segments)) if _address_line(segments[k]))
        if person and len(segments) - cut < 2 and not _is_city(_POSTCODE.sub(" ", segments[-1])):
            return None
        rest = ", ".join(segments[:cut]).strip(" ,;")
        return rest if _names_something(rest, person) else None
    words = name.split()
    end = len(words)
    found = 0
    for test in (_is_country, _is_city):
        for size in range(min(MAX_PLACE_WORDS, end - 1), 0, -1):
            if test(" ".join(words[end - size : end])):
                end, found = end - size, found + 1
                break
    if end == len(words) or (person and found < 2):
        return None
    rest = " ".join(words[:end]).strip(" ,;")
    return rest if _names_something(rest, person) else None


def _is_place(text: str) -> bool:
    """A country or a city, its postcode left out ("MOSCOW 117997")."""
    text = _POSTCODE.sub(" ", text)
    return _is_country(text) or _is_city(text)


def _address_line(segment: str) -> bool:
    return _is_place(segment) or any(ch.isdigit() for ch in segment)


def _is_city(text: str) -> bool:
    return _place_key(text) in places()


def _place_key(text: str) -> str:
    return " ".join(_PLACE_MARKS.sub(" ", text.lower()).split())


@lru_cache(maxsize=1)
def _place_ends() -> frozenset[str]:
    """The last word of every country's and city's name."""
    names = {_place_key(name) for name in country_names()} | places()
    return frozenset(name.rsplit(None, 1)[-1] for name in names if name)


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """The cities of ``data/places.txt``, as ``_place_key`` writes them."""
    text = resources.files("sanctionguard.match").joinpath("data/places.txt").read_text("utf-8")
    return frozenset(
        _place_key(line) for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _is_country(text: str) -> bool:
    value = text.strip(" .,;")
    return len(value) >= MIN_COUNTRY_CHARS and is_country_name(value)


def _names_something(text: str, person: bool = False) -> bool:
    """Whether ``text`` may be a name: a word of three letters or more, not ending in a word
    that joins it to the place ("BANK OF MOSCOW", "PORT OF TIANJIN" name the place), and for a
    ``person`` two words ("Jack London" without "London" is a given name alone, which meets
    any "Jack")."""
    last = text.lower().split()[-1:]
    if last and last[0] in _JOINING:
        return False
    words = [w for w in text.replace(",", " ").split() if sum(ch.isalpha() for ch in w) >= 2]
    if person and len(words) < 2:
        return False
    return any(sum(ch.isalpha() for ch in word) >= 3 for word in words)
