"""Typed identifiers (IMO, MMSI, BIC, LEI, INN, OGRN, passports, wallets...) with validation.

Every identifier a list prints is kept. Where the scheme has a checksum or a strict structure
we validate it and record the verdict in ``Identifier.valid``: ``True`` or ``False``, or
``None`` where no check exists (passports, national ids). Invalid values are kept, marked, so
an analyst can still see what the authority published.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from rigour.ids import BIC, IMO, INN, LEI, OGRN


class IdKind(StrEnum):
    """The identifier schemes sanctionguard understands."""

    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    TAX_ID = "tax_id"
    INN = "inn"
    OGRN = "ogrn"
    REGISTRATION = "registration"
    IMO = "imo"
    MMSI = "mmsi"
    CALL_SIGN = "call_sign"
    BIC = "bic"
    LEI = "lei"
    CRYPTO_WALLET = "crypto_wallet"
    AIRCRAFT_SERIAL = "aircraft_serial"
    AIRCRAFT_TAIL = "aircraft_tail"
    OTHER = "other"


# The followthemoney property that carries a valid identifier of each kind, if any.
FTM_PROPERTY: dict[IdKind, str] = {
    IdKind.PASSPORT: "passportNumber",
    IdKind.NATIONAL_ID: "idNumber",
    IdKind.TAX_ID: "taxNumber",
    IdKind.INN: "innCode",
    IdKind.OGRN: "ogrnCode",
    IdKind.REGISTRATION: "registrationNumber",
    IdKind.IMO: "imoNumber",
    IdKind.MMSI: "mmsi",
    IdKind.CALL_SIGN: "callSign",
    IdKind.BIC: "swiftBic",
    IdKind.LEI: "leiCode",
    IdKind.AIRCRAFT_SERIAL: "serialNumber",
    IdKind.AIRCRAFT_TAIL: "registrationNumber",
}


@dataclass(frozen=True)
class Identifier:
    """One identifier as published: normalised value, raw text, issuing country, validity."""

    kind: IdKind
    value: str
    raw: str
    country: str | None = None
    valid: bool | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, str | bool | None]:
        return {
            "kind": self.kind.value,
            "value": self.value,
            "raw": self.raw,
            "country": self.country,
            "valid": self.valid,
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: dict[str, str | bool | None]) -> Identifier:
        return cls(
            kind=IdKind(str(data["kind"])),
            value=str(data["value"]),
            raw=str(data["raw"]),
            country=_opt_str(data.get("country")),
            valid=None if data.get("valid") is None else bool(data.get("valid")),
            note=_opt_str(data.get("note")),
        )


def _opt_str(value: str | bool | None) -> str | None:
    return None if value is None else str(value)


_NON_ALNUM = re.compile(r"[^0-9A-Za-z]")
_DIGITS = re.compile(r"\D")
_ETH = re.compile(r"^0x[0-9a-fA-F]{40}$")
_BTC_LEGACY = re.compile(r"^[13][1-9A-HJ-NP-Za-km-z]{25,34}$")
_BECH32 = re.compile(r"^(bc1|ltc1|tb1)[02-9ac-hj-np-z]{11,71}$", re.IGNORECASE)
_TRON = re.compile(r"^T[1-9A-HJ-NP-Za-km-z]{33}$")
_XMR = re.compile(r"^[48][1-9A-HJ-NP-Za-km-z]{94}$")


def compact(text: str) -> str:
    """Upper-case alphanumerics only: the comparison key for free-form identifiers."""
    return _NON_ALNUM.sub("", text).upper()


def _imo(raw: str, vessel: bool | None = None) -> tuple[str, bool | None]:
    """Ships and companies (owners, managers) use different IMO check-digit schemes."""
    digits = _DIGITS.sub("", raw)
    if len(digits) != 7:
        return (digits or raw.strip(), False)
    if vessel is None:
        return (digits, bool(IMO.is_valid(digits)))
    check = IMO.is_valid_vessel if vessel else IMO.is_valid_company
    return (digits, bool(check(digits)))


def _mmsi(raw: str) -> tuple[str, bool | None]:
    digits = _DIGITS.sub("", raw)
    # Ship stations: 9 digits starting with a Maritime Identification Digit 2xx-7xx.
    return (digits or raw.strip(), len(digits) == 9 and digits[0] in "234567")


Check = Callable[[str], tuple[str, bool | None]]


def _checked(is_valid: Callable[[str], bool]) -> Check:
    def check(raw: str) -> tuple[str, bool | None]:
        value = compact(raw)
        return (value, bool(is_valid(value)))

    return check


def _bic(raw: str) -> tuple[str, bool | None]:
    """BICs: the branch code XXX means the head office, so BIC11 "…XXX" equals the BIC8."""
    value = compact(raw)
    if len(value) == 11 and value.endswith("XXX"):
        value = value[:8]
    return (value, bool(BIC.is_valid(value)))


def _crypto(raw: str) -> tuple[str, bool | None]:
    value = raw.strip()
    patterns = (_ETH, _BTC_LEGACY, _BECH32, _TRON, _XMR)
    if any(p.match(value) for p in patterns):
        return (value, True)
    return (value, None)


def _plain(raw: str) -> tuple[str, bool | None]:
    return (" ".join(raw.split()).upper(), None)


_CHECKS: dict[IdKind, Check] = {
    IdKind.IMO: _imo,
    IdKind.MMSI: _mmsi,
    IdKind.BIC: _bic,
    IdKind.LEI: _checked(LEI.is_valid),
    IdKind.INN: _checked(INN.is_valid),
    IdKind.OGRN: _checked(OGRN.is_valid),
    IdKind.CRYPTO_WALLET: _crypto,
}


def make_identifier(
    kind: IdKind,
    raw: str,
    country: str | None = None,
    note: str | None = None,
    *,
    vessel: bool | None = None,
) -> Identifier:
    """Normalise and validate one identifier; never drops it.

    For IMO numbers, ``vessel=True`` checks the ship scheme, ``False`` the company scheme,
    ``None`` accepts either.

    >>> make_identifier(IdKind.IMO, "IMO 9187629").valid
    True
    >>> make_identifier(IdKind.INN, "1234").valid
    False
    >>> make_identifier(IdKind.PASSPORT, " ab 123 ").value
    'AB 123'
    """
    if kind is IdKind.IMO:
        value, valid = _imo(raw, vessel)
    else:
        value, valid = _CHECKS.get(kind, _plain)(raw)
    return Identifier(
        kind=kind, value=value, raw=raw.strip(), country=country, valid=valid, note=note
    )
