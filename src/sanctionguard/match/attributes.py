"""The non-name facts a match weighs, in comparable form: birth dates, countries, identifiers.

Both sides of a comparison go through the same constructors here, so a listed record and a
query compare like with like: birth dates become spans of (year, month, day) with their
precision, countries become base ISO codes, identifiers become compact keys with validity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from sanctionguard.compiled import by_fields
from sanctionguard.model.identifiers import Identifier, IdKind, compact, make_identifier

# FtM properties that place an entity in a country (nationality, registration, flag...).
COUNTRY_PROPERTIES: Final = (
    "nationality",
    "citizenship",
    "country",
    "jurisdiction",
    "flag",
    "mainCountry",
)

_ISO_PREFIX: Final = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

# Historical and sub-national codes that stand for a present-day country.
_SUCCESSORS: dict[str, frozenset[str]] = {
    "suhh": frozenset({"ru", "ua", "by", "kz", "uz", "tm", "kg", "tj", "ge", "am", "az", "md"}),
    "yucs": frozenset({"rs", "me", "ba", "hr", "si", "mk", "xk"}),
    "csxx": frozenset({"rs", "me"}),
    "ddde": frozenset({"de"}),
}


@dataclass(frozen=True, slots=True)
class DatePoint:
    """A partial date: a year, optionally a month, optionally a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> DatePoint | None:
        """``"1970"``, ``"1970-05"``, ``"1970-05-02"`` → a point; anything else → ``None``."""
        m = _ISO_PREFIX.match(text.strip())
        if m is None:
            return None
        year, month, day = (int(g) if g else None for g in m.groups())
        if year is None or (month is not None and not 1 <= month <= 12):
            return None
        if day is not None and not 1 <= day <= 31:
            return None
        return cls(year, month, day)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return by_fields(self)  # (a compiled frozen class pickles by its constructor)

    def __hash__(self) -> int:
        # (Written out, as dataclass would write it: its own runs interpreted, and birth dates
        # are hashed for each candidate, ``features.compare_birth`` being remembered.)
        return hash((self.year, self.month, self.day))


@dataclass(frozen=True, slots=True)
class BirthSpan:
    """A published birth date: one partial date, a range of years, or an approximate year."""

    start: DatePoint
    end: DatePoint | None = None
    circa: bool = False

    @property
    def is_exact(self) -> bool:
        return self.end is None and not self.circa

    def years(self) -> tuple[int, int]:
        """The inclusive year range the span allows ("circa" widens it by one year each way)."""
        low = self.start.year
        high = self.end.year if self.end is not None else low
        slack = 1 if self.circa else 0
        return (min(low, high) - slack, max(low, high) + slack)

    def label(self) -> str:
        text = self.start.iso()
        if self.end is not None:
            text = f"{text}..{self.end.iso()}"
        return f"c. {text}" if self.circa else text

    @classmethod
    def from_record(cls, data: Mapping[str, Any]) -> BirthSpan | None:
        start = DatePoint.parse(str(data.get("start") or ""))
        if start is None:
            return None
        end_text = data.get("end")
        end = DatePoint.parse(str(end_text)) if end_text else None
        return cls(start, end, bool(data.get("circa")))

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return by_fields(self)  # (a compiled frozen class pickles by its constructor)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.circa))


@dataclass(frozen=True, slots=True)
class IdentifierKey:
    """An identifier reduced to what matching compares: kind, compact value, country, validity."""

    kind: IdKind
    value: str  # upper-case alphanumerics (or the wallet address as published)
    country: str | None
    valid: bool | None
    raw: str

    @classmethod
    def from_identifier(cls, ident: Identifier) -> IdentifierKey:
        value = ident.value if ident.kind is IdKind.CRYPTO_WALLET else compact(ident.value)
        return cls(ident.kind, value, base_country(ident.country), ident.valid, ident.raw)

    @classmethod
    def from_record(cls, data: Mapping[str, Any]) -> IdentifierKey | None:
        try:
            ident = Identifier.from_dict(dict(data))
        except (KeyError, ValueError):
            return None
        return cls.from_identifier(ident)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return by_fields(self)  # (a compiled frozen class pickles by its constructor)


def renormalise(ident: Identifier, vessel: bool | None = None) -> Identifier:
    """A caller's identifier normalised and validated the way the lists' identifiers are."""
    return make_identifier(
        ident.kind, ident.raw or ident.value, ident.country, ident.note, vessel=vessel
    )


def base_country(code: str | None) -> str | None:
    """``"ua-cri"`` → ``"ua"``: regions compare as their country; ``None`` stays ``None``."""
    if not code:
        return None
    return code.lower().split("-", 1)[0]


def country_set(codes: Iterable[str]) -> frozenset[str]:
    """Base country codes, with historical states (USSR, Yugoslavia) expanded to successors."""
    found: set[str] = set()
    for code in codes:
        base = base_country(code)
        if base is None:
            continue
        found.add(base)
        found.update(_SUCCESSORS.get(code.lower(), ()))
    return frozenset(found)


def record_countries(properties: Mapping[str, list[str]]) -> frozenset[str]:
    """The countries an entity record is tied to by any country property."""
    return country_set(v for prop in COUNTRY_PROPERTIES for v in properties.get(prop, ()))


def normal_gender(text: str | None) -> str | None:
    """``"M"``, ``"Male"``, ``"male"`` → ``"male"``; unknown or blank → ``None``."""
    if not text:
        return None
    key = text.strip().lower()
    if key in ("m", "male", "man"):
        return "male"
    if key in ("f", "female", "woman"):
        return "female"
    return None
