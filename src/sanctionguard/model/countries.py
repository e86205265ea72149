"""Country names and codes as printed by the lists, cleaned to FtM's ISO-3166 based codes.

FtM's country cleaner falls back to a fuzzy search costing milliseconds per call; lists repeat
the same few hundred spellings, so results are memoised.
"""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache
from importlib.resources import files

from followthemoney.types import registry

# Addresses, e-mails and document numbers are not country names: never fuzzy-matched.
_NOT_A_COUNTRY = re.compile(r"[\d@:/]")

# Spellings the lists use that FtM's table does not know, or resolves wrongly.
_OVERRIDES = {
    "korea, north": "kp",
    "north korea": "kp",
    "democratic people's republic of korea": "kp",
    "dprk": "kp",
    "korea, south": "kr",
    "burma": "mm",
    "crimea": "ua-cri",
    "crimea region of ukraine": "ua-cri",
    "region: crimea": "ua-cri",
    "ussr": "suhh",
    "soviet union": "suhh",
    "palestinian": "ps",
    "west bank": "ps",
    "gaza": "ps",
    "kosovo": "xk",
    "türkiye": "tr",
    "turkiye": "tr",
    "russia": "ru",
    "russian federation": "ru",
    "iran": "ir",
    "iran, islamic republic of": "ir",
    "syria": "sy",
    "syrian arab republic": "sy",
    "united states": "us",
    "united states of america": "us",
    "usa": "us",
    "united kingdom": "gb",
    "uk": "gb",
    "great britain": "gb",
    "venezuela": "ve",
    "vietnam": "vn",
    "viet nam": "vn",
    "laos": "la",
    "bolivia": "bo",
    "tanzania": "tz",
    "moldova": "md",
    "czech republic": "cz",
    "czechia": "cz",
    "macedonia": "mk",
    "north macedonia": "mk",
    "congo, democratic republic of the": "cd",
    "democratic republic of the congo": "cd",
    "drc": "cd",
    "congo": "cg",
    "republic of the congo": "cg",
    "cote d'ivoire": "ci",
    "côte d'ivoire": "ci",
    "ivory coast": "ci",
    "uae": "ae",
    "hong kong": "hk",
    "taiwan": "tw",
    "south korea": "kr",
    "republic of korea": "kr",
    "belarus": "by",
    "belarussian": "by",
    "belarusian": "by",
    "ukraine": "ua",
}


@lru_cache(maxsize=1)
def spellings() -> dict[str, str | None]:
    """Spellings the official lists print, resolved once with FtM's fuzzy cleaner.

    ``country_spellings.csv`` ships with the package (an empty code means "not a country",
    e.g. "kabul province"); a test re-resolves every row with FtM so the table cannot drift.
    It spares each load FtM's fuzzy territory index, which costs seconds to build.
    """
    text = files("sanctionguard.model").joinpath("country_spellings.csv").read_text("utf-8")
    rows = list(csv.reader(io.StringIO(text)))[1:]
    return {spelling: (code or None) for spelling, code in rows}


def _looks_like_a_country(value: str) -> bool:
    return len(value) <= 40 and _NOT_A_COUNTRY.search(value) is None


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    """FtM's English country labels and codes, lower-cased, to their codes."""
    table = {code: code for code in registry.country.names}
    table.update({label.lower(): code for code, label in registry.country.names.items()})
    table.update(_OVERRIDES)
    return table


@lru_cache(maxsize=8192)
def country_code(text: str | None) -> str | None:
    """Return the FtM country code for a name or code, or ``None`` when it is not a country.

    >>> country_code("Russia")
    'ru'
    >>> country_code("  ") is None
    True
    """
    if text is None:
        return None
    value = " ".join(text.split()).strip(" .,;")
    if not value:
        return None
    key = value.lower()
    override = _OVERRIDES.get(key)
    if override is not None:
        return override
    known = _labels().get(key)
    if known is not None:
        return known
    if key in spellings():
        return spellings()[key]
    if not _looks_like_a_country(value):
        return None
    cleaned = registry.country.clean(value)
    return str(cleaned) if cleaned else None


# Adjectives among the spellings above: a firm's name may end in one ("... ENGLISH").
_ADJECTIVES = frozenset({"palestinian", "belarussian", "belarusian"})


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Countries' names as written (``is_country_name``), lower case."""
    labels = {label.lower() for label in registry.country.names.values()}
    return frozenset(labels | {key for key in _OVERRIDES if key not in _ADJECTIVES})


def is_country_name(text: str) -> bool:
    """Whether ``text`` is a country's name as written (FtM's English label or a spelling the
    lists use: "Russia", "United Arab Emirates", "UAE"), not an adjective ("English") nor a
    code ("AG").

    >>> is_country_name("Russian Federation"), is_country_name("English")
    (True, False)
    """
    return " ".join(text.split()).strip(" .,;").lower() in country_names()
