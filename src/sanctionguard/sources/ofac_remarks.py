"""The OFAC legacy "Remarks" mini-language, parsed into typed facts.

OFAC's SDN_Remarks cell packs birth data, identity documents, registry numbers, weak aliases,
links and listing dates into one ``;``-separated string. This module is pure text -> facts
(document labels are OFAC's shared vocabulary, ``ofac_terms``); pieces it does not understand
are returned in ``unparsed`` and never raise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sanctionguard.model.countries import country_code
from sanctionguard.model.dates import parse_date
from sanctionguard.model.entry import NameKind
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources.ofac_terms import (
    ID_KINDS,
    ID_LABELS,
    VESSEL_REGISTRATION,
    label_key,
    refine_id_kind,
)


@dataclass(frozen=True)
class BirthDateFact:
    """A printed birth date as an ISO prefix, optionally a range and/or approximate."""

    start: str
    end: str | None = None
    circa: bool = False


@dataclass(frozen=True)
class IdentifierFact:
    """One identifier piece: kind, value as printed, issuing country name, and a note.

    The note carries the printed label ("Cedula No.") and issue/expiry dates; for crypto
    wallets it is only the currency code, which is what the wallet entity expects.
    """

    kind: IdKind
    value: str
    country: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class AliasFact:
    name: str
    kind: NameKind


@dataclass(frozen=True)
class DatedFact:
    """A dated statement such as "Listing Date (CMIC) 03 Jun 2021"; ``context`` is in brackets."""

    context: str | None
    date: str


@dataclass
class RemarkFacts:
    """Everything understood in one remarks cell, in the order printed."""

    birth_dates: list[BirthDateFact] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    citizenships: list[str] = field(default_factory=list)
    genders: list[str] = field(default_factory=list)
    identifiers: list[IdentifierFact] = field(default_factory=list)
    aliases: list[AliasFact] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)
    listing_dates: list[DatedFact] = field(default_factory=list)
    effective_dates: list[DatedFact] = field(default_factory=list)
    # Further FtM (property, value) pairs: phones, build dates, aircraft models, past flags...
    properties: list[tuple[str, str]] = field(default_factory=list)
    unparsed: list[str] = field(default_factory=list)


# Identifier pieces start with one of OFAC's printed document labels, the longest that fits
# ("Passport Booklet" wins over "Passport").
_ID_PIECE = re.compile(
    r"^(?P<label>"
    + "|".join(re.escape(label) for label in sorted(ID_LABELS, key=len, reverse=True))
    + r")\s*[#:]?\s+(?P<rest>\S.*)$"
)
_DATE = r"(?:\d{1,2} [A-Za-z]{3,9} \d{4}|[A-Za-z]{3,9} \d{4}|\d{4})"
_ID_TAIL = re.compile(
    r"^(?P<value>.*?)(?:\s+\((?P<country>[^()]+)\))?"
    rf"(?:,?\s+issued\s+(?P<issued>{_DATE}))?(?:,?\s+expires\s+(?P<expires>{_DATE}))?$"
)
_IMO_VALUE = re.compile(r"^IMO\s+(?P<imo>\d+)")
_CRYPTO = re.compile(r"^Digital Currency Address - (?P<currency>[A-Za-z0-9]+)\s+(?P<address>\S+)$")
_ALIAS = re.compile(r"^(?P<kind>[afn])\.k\.a\.,?\s+'(?P<name>.+)'$")
# Names in the remarks are what OFAC grades "weak" (short forms, nicknames); a weak "n.k.a."
# (now known as) is still weak, while former names stay former.
_ALIAS_KINDS = {"a": NameKind.WEAK_ALIAS, "f": NameKind.FORMER, "n": NameKind.WEAK_ALIAS}
_DOB = re.compile(
    r"^DOB\s+(?P<circa>circa\s+)?(?P<start>.+?)(?:\s+to\s+(?P<end>.+)|-(?P<y2>\d{4}))?$"
)
_DATED = re.compile(
    r"^(?P<what>Listing|Effective) Date(?:\s+\((?P<context>[^)]*)\))?:?\s+(?P<date>" + _DATE + ")$"
)
_ALT = re.compile(r"^alt\.\s+", re.IGNORECASE)
_SEPARATOR = re.compile(r";\s+")

# Pieces "<prefix> <value>" whose value goes straight to an FtM property.
_PREFIXED: tuple[tuple[str, str], ...] = (
    ("Organization Established Date", "incorporationDate"),
    ("Aircraft Manufacture Date", "buildDate"),
    ("Vessel Year of Build", "buildDate"),
    ("Aircraft Model", "model"),
    ("Former Vessel Flag", "pastFlags"),
    ("Other Vessel Type", "type"),
    ("Nationality of Registration", "country"),
    ("Target Type", "classification"),
    ("Organization Type:", "sector"),
    ("ethnicity", "ethnicity"),
    ("Phone Number", "phone"),
    ("Telephone No.", "phone"),
    ("Telephone:", "phone"),
    ("Telephone", "phone"),
    ("PHONE", "phone"),
    ("Fax No.", "phone"),
    ("Fax:", "phone"),
    ("Fax", "phone"),
    ("FAX", "phone"),
)
_DATE_PROPERTIES = {"incorporationDate", "buildDate"}


def split_remarks(text: str | None) -> list[str]:
    """The ``;``-separated pieces of a remarks cell, without the closing full stop."""
    value = " ".join((text or "").split())
    if value in {"", "-0-"}:
        return []
    if value.endswith("."):
        value = value[:-1]
    return [piece.strip() for piece in _SEPARATOR.split(value) if piece.strip()]


def parse_remarks(text: str | None) -> RemarkFacts:
    """Parse a remarks cell; unknown pieces end up in ``unparsed``, nothing raises.

    >>> facts = parse_remarks("DOB circa 1970; POB Tehran, Iran; a.k.a. 'ALI'.")
    >>> facts.birth_dates[0].circa, facts.birth_places, facts.aliases[0].name
    (True, ['Tehran, Iran'], 'ALI')
    """
    facts = RemarkFacts()
    for piece in split_remarks(text):
        body = _ALT.sub("", piece)
        handlers = _HANDLERS_BY_WORD.get(body.partition(" ")[0], _GENERIC_HANDLERS)
        if not any(handler(body, facts) for handler in handlers):
            facts.unparsed.append(piece)
    return facts


def _alias(body: str, facts: RemarkFacts) -> bool:
    m = _ALIAS.match(body)
    if m is None:
        return False
    facts.aliases.append(AliasFact(m["name"].strip(), _ALIAS_KINDS[m["kind"]]))
    return True


def _birth_date(body: str, facts: RemarkFacts) -> bool:
    m = _DOB.match(body)
    if m is None:
        return False
    start = parse_date(m["start"])
    end = parse_date(m["end"] or m["y2"]) if (m["end"] or m["y2"]) else None
    if start is None or ((m["end"] or m["y2"]) and end is None):
        return False
    facts.birth_dates.append(BirthDateFact(start, end, bool(m["circa"])))
    return True


def _simple(body: str, facts: RemarkFacts) -> bool:
    prefix, _, value = body.partition(" ")
    value = value.strip()
    if not value:
        return False
    target = {
        "POB": facts.birth_places,
        "nationality": facts.nationalities,
        "citizen": facts.citizenships,
        "Gender": facts.genders,
    }.get(prefix)
    if target is None:
        return False
    target.append(value.lower() if prefix == "Gender" else value)
    return True


def _contact(body: str, facts: RemarkFacts) -> bool:
    for prefix, target in (("Email Address", facts.emails), ("Website", facts.websites)):
        if body.startswith(prefix + " "):
            target.append(body[len(prefix) :].strip())
            return True
    return False


def _link(body: str, facts: RemarkFacts) -> bool:
    if not body.startswith("Linked To:"):
        return False
    target = body[len("Linked To:") :].strip()
    if target:
        facts.links.append(target)
    return bool(target)


def _dated(body: str, facts: RemarkFacts) -> bool:
    m = _DATED.match(body)
    date = parse_date(m["date"]) if m else None
    if m is None or date is None:
        return False
    target = facts.listing_dates if m["what"] == "Listing" else facts.effective_dates
    target.append(DatedFact(m["context"], date))
    return True


def _crypto(body: str, facts: RemarkFacts) -> bool:
    m = _CRYPTO.match(body)
    if m is None:
        return False
    facts.identifiers.append(
        IdentifierFact(IdKind.CRYPTO_WALLET, m["address"], None, m["currency"].upper())
    )
    return True


def _identifier(body: str, facts: RemarkFacts) -> bool:
    m = _ID_PIECE.match(body)
    if m is None:
        return False
    label = m["label"]
    tail = _ID_TAIL.match(m["rest"])
    if tail is None:
        return False
    value, country = tail["value"].strip(), tail["country"]
    if country is not None and country_code(country) is None:
        value, country = f"{value} ({country})", None
    if not value:
        return False
    kind = refine_id_kind(ID_KINDS[label_key(label)], value, country)
    imo = _IMO_VALUE.match(value)
    if imo is not None:
        kind, value = IdKind.IMO, imo["imo"]
    elif label == VESSEL_REGISTRATION:
        # Remarks print a vessel's IMO number as "IMO 9187629"; any other number under this
        # label is the flag state's registration ("RS 150443 (Russia)").
        kind = IdKind.REGISTRATION
    notes = [label]
    notes += [
        f"{word} {parse_date(tail[word]) or tail[word]}"
        for word in ("issued", "expires")
        if tail[word]
    ]
    facts.identifiers.append(IdentifierFact(kind, value, country, "; ".join(notes)))
    return True


def _prefixed(body: str, facts: RemarkFacts) -> bool:
    for prefix, prop in _PREFIXED:
        if body.startswith(prefix + " "):
            value = body[len(prefix) :].strip()
            if prop in _DATE_PROPERTIES:
                value = parse_date(value) or ""
            if not value:
                return False
            facts.properties.append((prop, value))
            return True
    return False


Handler = Callable[[str, RemarkFacts], bool]
# Most pieces are recognised by their first word; the rest try the label-based handlers.
_HANDLERS_BY_WORD: dict[str, tuple[Handler, ...]] = {
    "a.k.a.": (_alias,),
    "f.k.a.": (_alias,),
    "n.k.a.": (_alias,),
    "DOB": (_birth_date,),
    "POB": (_simple,),
    "nationality": (_simple,),
    "citizen": (_simple,),
    "Gender": (_simple,),
    "Linked": (_link,),
    "Listing": (_dated,),
    "Effective": (_dated,),
    "Digital": (_crypto,),
}
_GENERIC_HANDLERS: tuple[Handler, ...] = (_identifier, _contact, _prefixed)
