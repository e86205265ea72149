"""Country names and codes as printed by the lists, cleaned to FtM's ISO-3166 based codes.

FtM's country cleaner falls back to a fuzzy search costing milliseconds per call; lists repeat
the same few hundred spellings, so results are memoised.
"""

from __future__ import annotations

from functools import lru_cache

from followthemoney.types import registry

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
    cleaned = registry.country.clean(value)
    return str(cleaned) if cleaned else None
