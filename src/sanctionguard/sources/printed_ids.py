"""Identifiers as lists print them inside prose, split into typed identifiers.

Registry numbers arrive labelled ("INN: 7704730655", "6325000660 (Tax ID/INN)",
"OGRN – 1125261000040; INN – 5261079332"), documents with their issuer ("Libya number
FK117RK0, issued on ..."), and ship and bank codes inside remarks ("IMO Identification Number:
6016988", "SWIFT/BIC: SABRRUMM"). The EU Journal CSV, the UK lists, DFAT and SECO use these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sanctionguard.model.countries import country_code
from sanctionguard.model.identifiers import IdKind


@dataclass(frozen=True)
class PrintedId:
    """One identifier found in a printed cell: its scheme, number and the label or prose."""

    kind: IdKind
    number: str
    note: str | None = None
    country: str | None = None


# Label keywords, most specific first; the note names schemes IdKind has no member for.
_SCHEMES: tuple[tuple[re.Pattern[str], IdKind, str | None], ...] = (
    (re.compile(r"\bOGRN\b|ОГРН|\bPSRN\b", re.IGNORECASE), IdKind.OGRN, None),
    (re.compile(r"\bINN\b|ИНН", re.IGNORECASE), IdKind.INN, None),
    (re.compile(r"\bKPP\b|КПП", re.IGNORECASE), IdKind.OTHER, "KPP"),
    (re.compile(r"\bOKPO\b|ОКПО", re.IGNORECASE), IdKind.OTHER, "OKPO"),
    (re.compile(r"\bBIK\b", re.IGNORECASE), IdKind.OTHER, "BIK"),
    (re.compile(r"\bLEI\b|Legal Entity Identifier", re.IGNORECASE), IdKind.LEI, None),
    (re.compile(r"\bSWIFT\b|\bBIC\b", re.IGNORECASE), IdKind.BIC, None),
    (re.compile(r"\bTIN\b|\bTax\b|taxpayer", re.IGNORECASE), IdKind.TAX_ID, None),
)

# A number: letters/digits/dashes with at least four digits, e.g. 1027700132195, 91440300570016397Q.
_NUMBER = re.compile(
    r"(?<![\w.])(?=[\w/-]*\d[\w/-]*\d[\w/-]*\d[\w/-]*\d)[A-Za-z0-9](?:[A-Za-z0-9]|[-/](?=\w))+"
)
_LEADING_LABEL = re.compile(r"^(?:OGRN|INN|KPP|OKPO|TIN|BIN)-?(?=\d)", re.IGNORECASE)
_TRAILING_LABEL = re.compile(r"\s*\(([^()]{1,40})\)")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
# "IMO 9187629", "IMO number: 9187629", "IMO Identification Number: 6016988 (Company)".
_IMO = re.compile(r"\bIMO\b[^0-9]{0,40}?(?<!\d)(\d{7})(?!\d)")
_BIC = re.compile(r"\b(?:SWIFT|BIC)\b[^:]{0,12}:\s*([A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)\b")


def _scheme(label: str) -> tuple[IdKind, str | None]:
    for pattern, kind, note in _SCHEMES:
        if pattern.search(label):
            return kind, note
    return IdKind.REGISTRATION, None


def _label_text(text: str) -> str | None:
    value = " ".join(text.strip(" \t;,:–—-").split())
    return value or None


def registry_numbers(raw: str) -> list[PrintedId]:
    """Typed identifiers from a registration/tax cell; an unlabelled number stays REGISTRATION.

    >>> found = registry_numbers("OGRN – 1125261000040; INN – 5261079332")
    >>> [(i.kind.value, i.number) for i in found]
    [('ogrn', '1125261000040'), ('inn', '5261079332')]
    >>> [(i.kind.value, i.number) for i in registry_numbers("2723112662 (Tax ID/INN)")]
    [('inn', '2723112662')]

    Text without any number is returned whole as one REGISTRATION value, so nothing is lost.
    """
    found: list[PrintedId] = []
    start = 0
    for match in _NUMBER.finditer(raw):
        token = match.group(0)
        if _YEAR.match(token):
            continue
        label = _label_text(raw[start : match.start()]) or ""
        inline = _LEADING_LABEL.match(token)
        if inline:
            label, token = inline.group(0), token[inline.end() :]
        after = _TRAILING_LABEL.match(raw, match.end())
        if after and (not label or _scheme(after.group(1))[0] is not IdKind.REGISTRATION):
            label = after.group(1)
        kind, scheme_note = _scheme(label)
        note = scheme_note or (_label_text(label) if kind is IdKind.REGISTRATION else None)
        found.append(PrintedId(kind, token, note))
        start = after.end() if after else match.end()
    if not found and raw.strip():
        return [PrintedId(IdKind.REGISTRATION, " ".join(raw.split()))]
    return found


_ISSUER_NUMBER = re.compile(
    r"^(?P<issuer>[^\d,;:()]{3,40}?)\s+(?:passport\s+|identity card\s+|id\s+)?"
    r"(?:number|no\.?|nr\.?)\s*:?\s*(?P<number>[A-Za-z0-9][\w/-]*)",
    re.IGNORECASE,
)
_PARENTHESISED = re.compile(r"\s*\(([^()\d]{3,30})\)")
_LEADING_NUMBER = re.compile(r"^\s*(?P<number>[A-Za-z]{0,3}\d[\w/-]*)(?=[\s,;.(]|$)")


def document_number(raw: str) -> PrintedId:
    """The number of a passport or ID card from a printed cell, with its issuer when stated.

    >>> d = document_number("Libya number FK117RK0, issued on 25 Nov. 2018")
    >>> (d.number, d.country, d.note)
    ('FK117RK0', 'ly', 'Libya number FK117RK0, issued on 25 Nov. 2018')

    The kind is always PASSPORT here; callers pick the kind from the column.
    """
    text = " ".join(raw.split()).lstrip("'")
    match = _ISSUER_NUMBER.match(text)
    if match:
        issuer = country_code(match.group("issuer"))
        return PrintedId(IdKind.PASSPORT, match.group("number"), text, issuer)
    match = _LEADING_NUMBER.match(text)
    if match and match.group("number") != text:
        aside = _PARENTHESISED.match(text, match.end())
        country = country_code(aside.group(1)) if aside else None
        return PrintedId(IdKind.PASSPORT, match.group("number"), text, country)
    return PrintedId(IdKind.PASSPORT, text)


def imo_numbers(text: str) -> list[str]:
    """The seven-digit numbers a text names as IMO numbers, in order (ships' or companies').

    >>> imo_numbers("Vessel IMO 9187629; IMO Identification Number: 6016988 (Company)")
    ['9187629', '6016988']
    """
    return _IMO.findall(text)


def bic_codes(text: str) -> list[str]:
    """The BIC (SWIFT) codes a text names after a label: "SWIFT/BIC: SABRRUMM".

    >>> bic_codes("Bank; SWIFT/BIC: SABRRUMM; SWIFT code: VTBRRUMMXXX")
    ['SABRRUMM', 'VTBRRUMMXXX']
    """
    return _BIC.findall(text)
