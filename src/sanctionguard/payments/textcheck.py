"""Field-level checks shared by the ISO 20022 and MT parsers: text length caps, BIC format,
HS codes.

The caps are the schema maxima (ISO 20022 Max140Text, Max70Text; MT 4*35 and 6*35 lines): a
longer value cannot have come from a conforming sender and may hide text from downstream screening.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rigour.ids import BIC

_BIC_SHAPE = re.compile(r"^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")
# "HS 8542.31", "HS code: 854231", "H.S. 8542 31", "HTS 8542.31.0000"
_HS = re.compile(r"\bH\.?\s?T?\.?\s?S\.?(?:\s*CODES?)?[\s:#.-]*(\d{4})[\s.]?(\d{2})", re.IGNORECASE)


@dataclass(frozen=True)
class TextLimits:
    """Maximum characters per text element (ISO 20022 local name) and per MT field."""

    name: int = 140
    address_line: int = 70
    free_text: int = 140
    default: int = 140
    mt_line: int = 35

    def for_element(self, local_name: str) -> int:
        if local_name == "AdrLine":
            return self.address_line
        if local_name == "Nm":
            return self.name
        if local_name in ("Ustrd", "InstrInf", "AddtlRmtInf", "Inf"):
            return self.free_text
        return self.default


@lru_cache(maxsize=65536)
def check_bic(raw: str) -> str | None:
    """Why a BIC is not a valid ISO 9362 code, or None when it is."""
    value = raw.strip().upper()
    if not _BIC_SHAPE.match(value):
        return (
            f"BIC {raw!r} has an unknown format (ISO 9362: 4 letters or digits, a 2-letter "
            "country, 2 location characters, optional 3-character branch)"
        )
    if not BIC.is_valid(value):
        return f"BIC {raw!r} is not a valid ISO 9362 code (country {value[4:6]!r} unknown)"
    return None


def bic_country(bic: str) -> str:
    """The country of a BIC (characters 5–6, ISO 9362)."""
    return bic.strip().upper()[4:6]


def find_hs_codes(text: str) -> list[str]:
    """HS-6 codes a text names after an "HS"/"HTS" marker: "HS 8542.31" → ["854231"]."""
    return [a + b for a, b in _HS.findall(text)]


def iban_checksum_ok(iban: str) -> bool:
    """ISO 13616 mod-97 check of an IBAN (country and length tables are not consulted).

    Written out because it runs for every account of every message and the general-purpose
    validators cost a hundred times more.
    """
    value = iban.replace(" ", "").upper()
    if len(value) < 5 or not value.isalnum():
        return False
    digits = "".join(str(int(ch, 36)) for ch in value[4:] + value[:4])
    return int(digits) % 97 == 1
