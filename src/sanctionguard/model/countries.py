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
}


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
    override = _OVERRIDES.get(value.lower())
    if override is not None:
        return override
    cleaned = registry.country.clean(value)
    return str(cleaned) if cleaned else None
