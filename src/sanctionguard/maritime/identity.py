"""A vessel's identity as asked: IMO with its check digit, MMSI with its MID flag, call sign, names.

The check digit of an IMO ship number is the last digit of the sum of the first six digits
weighted 7..2. A number failing it is kept and reported (rule M2), never silently trusted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sanctionguard.maritime.reference.sets import MidTable
from sanctionguard.model.countries import country_code
from sanctionguard.names.tokens import without_vessel_prefix

_DIGITS = re.compile(r"\D")
_NON_ALNUM = re.compile(r"[^0-9A-Z]")


@dataclass(frozen=True)
class ImoCheck:
    """An IMO number as given, its 7 digits and whether its check digit holds."""

    raw: str
    digits: str
    valid: bool
    expected_check: int | None  # the check digit the first six digits call for

    def explain(self) -> str:
        if self.valid:
            return f"IMO {self.digits}: check digit valid"
        if len(self.digits) != 7:
            return f"IMO {self.raw!r}: not 7 digits"
        return (
            f"IMO {self.digits}: check digit {self.digits[6]} is wrong "
            f"(the first six digits give {self.expected_check})"
        )


def check_imo(raw: str) -> ImoCheck:
    """Validate an IMO ship number ("IMO 9187629", "9187629").

    >>> check_imo("IMO 9187629").valid
    True
    >>> check_imo("9187628").expected_check
    9
    """
    digits = _DIGITS.sub("", raw)
    if len(digits) != 7:
        return ImoCheck(raw, digits, False, None)
    total = sum(int(d) * w for d, w in zip(digits[:6], range(7, 1, -1), strict=True))
    expected = total % 10
    return ImoCheck(raw, digits, expected == int(digits[6]), expected)


def normalise_mmsi(raw: str) -> str | None:
    """The 9 digits of a ship-station MMSI, or None if it is not one."""
    digits = _DIGITS.sub("", raw)
    return digits if len(digits) == 9 and digits[0] in "234567" else None


def normalise_call_sign(raw: str) -> str:
    return _NON_ALNUM.sub("", raw.upper())


def normalise_flag(raw: str) -> str | None:
    """ISO alpha-2 (upper case) for a flag written as a code or a country name."""
    code = country_code(raw)
    return code.upper() if code else None


def normalise_vessel_name(raw: str) -> str:
    """Upper-case words, with the prefix of the kind of ship (M/T, MV, SS...) dropped as the
    matcher drops it (``names.tokens.without_vessel_prefix``): vessel-name comparison key."""
    return without_vessel_prefix(re.sub(r"[^0-9A-Z]+", " ", raw.upper()).strip())


@dataclass(frozen=True)
class VesselQuery:
    """What the user knows of a vessel; any field may be empty."""

    imo: str | None = None
    mmsi: str | None = None
    call_sign: str | None = None
    names: tuple[str, ...] = ()
    flag: str | None = None
    owners: tuple[str, ...] = field(default=())  # owner, manager or operator names

    def is_empty(self) -> bool:
        return not (self.imo or self.mmsi or self.call_sign or self.names or self.owners)


def mmsi_flag(mmsi: str | None, mids: MidTable) -> str | None:
    """Flag given by the MMSI's MID (None when the MMSI is invalid or the MID unknown)."""
    value = normalise_mmsi(mmsi or "")
    return mids.flag(value) if value else None
