"""OFAC's published vocabulary, shared by every OFAC format and the trade.gov CSL.

OFAC prints identity documents and "features" (e-mail, gender, vessel flag, directive notes...)
as labelled values: ``idList`` in sdn.xml, ``features``/``identityDocuments`` in the enhanced
XML, the ``ids`` cell of the CSL, pieces of the legacy CSV's remarks. The document labels and
their identifier kinds are one table here; the lists (SDN, consolidated) and their programme
codes too. ``apply_detail`` turns one labelled value into typed facts on an entry; labels it
does not know become remarks, so nothing the authority printed is lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from sanctionguard.errors import ListFormatError
from sanctionguard.model.countries import country_code
from sanctionguard.model.dates import parse_date
from sanctionguard.model.entry import EntryBuilder, Link, ListEntry, NameKind, SanctionDetail
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources.archive import ZIP_MAGIC, read_bytes, read_zip_member, zip_members
from sanctionguard.sources.base import Limits, ListInfo
from sanctionguard.sources.birth_dates import parse_birth_dates

AUTHORITY = "US Treasury OFAC"
SDN_LIST = ListInfo(
    "us_ofac_sdn",
    "OFAC Specially Designated Nationals and Blocked Persons List",
    AUTHORITY,
    "us",
    "https://sanctionslist.ofac.treas.gov/Home/SdnList",
)
CONS_LIST = ListInfo(
    "us_ofac_cons",
    "OFAC Consolidated (non-SDN) Sanctions List",
    AUTHORITY,
    "us",
    "https://sanctionslist.ofac.treas.gov/Home/ConsolidatedList",
)

_SCHEMAS = {
    "individual": "Person",
    "entity": "Organization",
    "vessel": "Vessel",
    "aircraft": "Airplane",
}

# Programme codes that only the non-SDN lists use (NS-PLC, NS-MBS..., FSE-IR, CMIC-EO13959,
# CAPTA, 561-Related, SSI); not SSIDES, an SDN programme.
_NON_SDN_PROGRAM = re.compile(r"^(?:NS-|FSE-|CMIC-|CAPTA|561-RELATED|SSI\b)", re.IGNORECASE)


def schema_for(entry_type: str | None) -> str | None:
    """The FtM schema for OFAC's entry type ("Individual", "Entity", ...), None if unknown."""
    return _SCHEMAS.get((entry_type or "").strip().lower())


def is_non_sdn_program(program: str) -> bool:
    """True for a programme code that only the consolidated (non-SDN) list uses."""
    return _NON_SDN_PROGRAM.match(program.strip()) is not None


def choose_list(programs: Iterable[str], file_name: str) -> ListInfo:
    """SDN or consolidated list, judged from the programmes seen, then from the file name.

    A non-SDN programme decides for the consolidated list; without one, a file name containing
    "cons" does (the two files share one schema and SDN entries also appear in the consolidated
    list with their SDN programmes).
    """
    if any(map(is_non_sdn_program, programs)):
        return CONS_LIST
    return CONS_LIST if "cons" in file_name.lower() else SDN_LIST


def read_xml_payload(path: Path, limits: Limits) -> bytes:
    """The XML of an OFAC download: a plain or gzip file, or a zip holding one XML member."""
    with path.open("rb") as stream:
        magic = stream.read(4)
    if magic != ZIP_MAGIC:
        return read_bytes(path, limits)
    members = [m for m in zip_members(path) if m.lower().endswith(".xml")]
    if len(members) != 1:
        raise ListFormatError(
            path, f"expected one XML file in the zip archive, found {len(members)}: {members}"
        )
    return read_zip_member(path, members[0], limits)


# --- birth dates -------------------------------------------------------------------------------


def add_birth_date_text(builder: EntryBuilder, text: str | None) -> None:
    """Record printed birth dates ("circa 1962", "1965 to 1968"); unread wording is a remark."""
    value = " ".join((text or "").split())
    if not value:
        return
    parsed = parse_birth_dates(value)
    for date in parsed.dates:
        builder.add_birth_date(date.start, date.end, date.circa)
    if not parsed.complete or not parsed.dates:
        builder.add_remark(f"Date of birth: {value}")


# --- names ------------------------------------------------------------------------------------


def join_name(first: str | None, last: str | None) -> str | None:
    """OFAC's first and last name in reading order ("Ismail HANIYA"); None when both are blank."""
    text = " ".join(p for p in (first, last) if p and p.strip())
    return " ".join(text.split()) or None


def alias_kind(alias_type: str | None, weak: bool) -> NameKind:
    """f.k.a. names are former names; other a.k.a./n.k.a. names are weak or strong aliases."""
    if (alias_type or "").strip().lower().replace(".", "") == "fka":
        return NameKind.FORMER
    return NameKind.WEAK_ALIAS if weak else NameKind.STRONG_ALIAS


# --- remarks and links --------------------------------------------------------------------------

_LINKED_TO = re.compile(r"Linked To:\s*(?P<target>[^;)]+)")


def add_remarks(builder: EntryBuilder, text: str | None) -> None:
    """Keep a remarks text and record each "Linked To: X" it states as a link."""
    if not text or not text.strip():
        return
    builder.add_remark(text)
    for m in _LINKED_TO.finditer(text):
        builder.add_link("Linked To", m["target"].strip(" ."))


def resolve_links(
    entries: Sequence[ListEntry], scope: Callable[[ListEntry], str] | None = None
) -> list[ListEntry]:
    """Point each unresolved link at the one entry whose primary name it states.

    With ``scope`` (e.g. the CSL source list of an entry) a name unique within the linking
    entry's scope wins over the same name elsewhere in the file.
    """
    owners: dict[tuple[str, str], set[str]] = {}
    for entry in entries:
        where = scope(entry) if scope else ""
        for name in entry.names:
            if name.kind is NameKind.PRIMARY:
                key = name.value.casefold()
                owners.setdefault((where, key), set()).add(entry.id)
                owners.setdefault(("*", key), set()).add(entry.id)
    resolved: list[ListEntry] = []
    for entry in entries:
        if any(link.target_id is None for link in entry.links):
            where = scope(entry) if scope else ""
            links = [_resolve(link, where, owners) for link in entry.links]
            entry = replace(entry, links=links)
        resolved.append(entry)
    return resolved


def _resolve(link: Link, where: str, owners: dict[tuple[str, str], set[str]]) -> Link:
    if link.target_id is not None:
        return link
    key = link.target.casefold()
    for ids in (owners.get((where, key), set()), owners.get(("*", key), set())):
        if len(ids) == 1:
            return replace(link, target_id=next(iter(ids)))
    return link


# --- labelled details (identity documents and features) ---------------------------------------


@dataclass(frozen=True)
class Detail:
    """One labelled value as OFAC prints it, with the issuing country and dates if given."""

    label: str
    value: str
    country: str | None = None
    issued: str | None = None
    expires: str | None = None
    note: str | None = None


# The label OFAC prints a vessel's IMO number under ("IMO 9187629"); in the legacy CSV's remarks
# the same label also carries flag-state registrations ("RS 150443 (Russia)").
VESSEL_REGISTRATION = "Vessel Registration Identification"


@lru_cache(maxsize=4096)
def label_key(label: str) -> str:
    """The lookup form of a label: lower case, without trailing ":", "-", "#" or blanks."""
    return " ".join(label.split()).lower().rstrip(" :-#")


# Identity-document labels as OFAC prints them (its "ID DOCUMENT TYPE" reference table and the
# remarks), by the kind of identifier each denotes. Looked up by ``label_key``; the remarks
# parser finds them, longest first, at the start of a remark piece.
_ID_LABELS: dict[IdKind, tuple[str, ...]] = {
    IdKind.PASSPORT: (
        "Passport",
        "Diplomatic Passport",
        "British National Overseas Passport",
        "Stateless Person Passport",
        "Passport Booklet",
        "Travel Document Number",
    ),
    IdKind.NATIONAL_ID: (
        "National ID No.",
        "Cedula No.",
        "D.N.I.",
        "C.U.R.P.",
        "Personal ID Card",
        "Identification Number",
        "National Foreign ID Number",
        "Turkish Identification Number",
        "Kenyan ID No.",
        "Bosnian Personal ID No.",
        "Moroccan Personal ID No.",
        "Numero de Identidad",
        "Citizen's Card Number",
        "C.U.I.",
        "Tazkira National ID Card",
        "SSN",
        "Residency Number",
        "Refugee ID Card",
        "Stateless Person ID Card",
        "UAE Identification",
        "CNP (Personal Numerical Code)",
        "N.I.E.",
        "C.I.N.",
        "Romanian Permanent Resident",
        "Public Security and Immigration No.",
        "Immigration No.",
        "Electoral Registry No.",
        "Credencial electoral",
        "I.F.E.",
        "C.U.I.P.",
        "Birth Certificate Number",
        "Driver's License No.",
        "Seafarer's Identification Document",
        "Cartilla de Servicio Militar Nacional",
        "Military Registration Number",
        "VisaNumberID",
    ),
    IdKind.TAX_ID: (
        "Tax ID No.",
        "R.F.C.",
        "RFC",
        "NIT",
        "RUC",
        "RIF",
        "V.A.T. Number",
        "Italian Fiscal Code",
        "Fiscal Code",
        "US FEIN",
        "C.U.I.T.",
        "C.I.F.",
        "N.I.F.",
        "Numero Unico de Identificacao Tributaria (NUIT)",
        "RTN",
        "Paraguayan tax identification number",
        "Romanian Tax Registration",
        "RSIN",
    ),
    IdKind.REGISTRATION: (
        "Registration Number",
        "Business Registration Number",
        "Registration ID",
        "Company Number",
        "UK Company Number",
        "Commercial Registry Number",
        "Folio Mercantil No.",
        "Matricula Mercantil No",
        "Chamber of Commerce Number",
        "C.R. No.",
        "Romanian C.R.",
        "Trade License No.",
        "Tourism License No.",
        "Economic Register Number (CBLS)",
        "Unified Social Credit Code (USCC)",
        "United Social Credit Code Certificate (USCCC)",
        "Central Registration System Number",
        "Business Registration Document",
        "Public Registration Number",
        "Enterprise Number",
        "Certificate of Incorporation Number",
        "Istanbul Chamber of Comm. No.",
        "Dubai Chamber of Commerce Membership No.",
        "Registration Certificate Number (Dubai)",
        "Business Number",
        "Registered Charity No.",
        "D-U-N-S Number",
        "LE Number",
        "Organization Code",
        "Branch Unit Number",
        "Government Gazette Number",
        "License",
        "Permit Number",
        "SRE Permit No.",
        "Pilot License Number",
        "File Number",
        "Afghan Money Service Provider License Number",
        "MSB Registration Number",
        "Russian State Individual Business Registration Number Pattern (OGRNIP)",
        "Global Intermediary Identification Number",
        "Trademark number",
    ),
    IdKind.OTHER: (
        "BIK (RU)",
        "ISIN",
        "Equity Ticker",
        "Aircraft Mode S Transponder Code",
        "Chinese Commercial Code",
        "Serial No.",
    ),
    IdKind.LEI: ("Legal Entity Number",),
    IdKind.BIC: ("SWIFT/BIC",),
    IdKind.MMSI: ("MMSI",),
    IdKind.IMO: (VESSEL_REGISTRATION, "IMO"),
    IdKind.CALL_SIGN: ("Vessel Call Sign", "Other Vessel Call Sign", "Call Sign"),
    IdKind.AIRCRAFT_SERIAL: (
        "Aircraft Manufacturer's Serial Number (MSN)",
        "Aircraft Serial Identification",
        "Aircraft Construction Number (also called L/N or S/N or F/N)",
    ),
    IdKind.AIRCRAFT_TAIL: ("Aircraft Tail Number", "Previous Aircraft Tail Number"),
}

# Every printed identity-document label, and each label's kind by its lookup form.
ID_LABELS: tuple[str, ...] = tuple(label for labels in _ID_LABELS.values() for label in labels)
ID_KINDS: dict[str, IdKind] = {
    label_key(label): kind for kind, labels in _ID_LABELS.items() for label in labels
}

# Words that mark a label OFAC may add later as an identifier of a known kind.
_ID_KEYWORDS: tuple[tuple[str, IdKind], ...] = (
    ("passport", IdKind.PASSPORT),
    ("tax", IdKind.TAX_ID),
    ("registration", IdKind.REGISTRATION),
    ("registry", IdKind.REGISTRATION),
    ("national id", IdKind.NATIONAL_ID),
    ("id card", IdKind.NATIONAL_ID),
    ("id no", IdKind.NATIONAL_ID),
)
_CRYPTO = "digital currency address"
_DIGITS = re.compile(r"^\d+$")


@lru_cache(maxsize=4096)
def id_kind(label: str) -> IdKind | None:
    """The identifier kind a label denotes, or None when the label is not an identifier."""
    key = label_key(label)
    kind = ID_KINDS.get(key)
    if kind is not None:
        return kind
    if key.startswith(_CRYPTO):
        return IdKind.CRYPTO_WALLET
    return next((k for word, k in _ID_KEYWORDS if word in key), None)


def refine_id_kind(kind: IdKind, value: str, country: str | None) -> IdKind:
    """Russian tax numbers of 10/12 digits are INNs; registration numbers of 13/15 are OGRNs."""
    digits = value.replace(" ", "")
    if country_code(country) != "ru" or not _DIGITS.match(digits):
        return kind
    if kind is IdKind.TAX_ID and len(digits) in (10, 12):
        return IdKind.INN
    if kind is IdKind.REGISTRATION and len(digits) in (13, 15):
        return IdKind.OGRN
    return kind


def _identifier(builder: EntryBuilder, kind: IdKind, detail: Detail) -> None:
    if kind is IdKind.CRYPTO_WALLET:
        currency = detail.label.rsplit("-", 1)[-1].strip().upper() or None
        builder.add_identifier(kind, detail.value, None, currency)
        return
    kind = refine_id_kind(kind, detail.value, detail.country)
    notes = [detail.label.strip()]
    notes += [f"issued {parse_date(detail.issued) or detail.issued}"] if detail.issued else []
    notes += [f"expires {parse_date(detail.expires) or detail.expires}"] if detail.expires else []
    notes += [detail.note] if detail.note else []
    builder.add_identifier(kind, detail.value, detail.country, "; ".join(notes))


def remark_text(label: str, value: str) -> str:
    """A labelled value as one remark: "Secondary sanctions risk: X", "Target Type: Y"."""
    label = " ".join(label.split())
    if label.endswith((":", "-")):
        return f"{label} {value}"
    return f"{label}: {value}"


DetailHandler = Callable[[EntryBuilder, Detail], None]


def _prop(*props: str) -> DetailHandler:
    """Add the value to the first of ``props`` the entry's schema has, else keep a remark."""

    def handle(builder: EntryBuilder, detail: Detail) -> None:
        prop = next((p for p in props if builder.has_property(p)), None)
        if prop is not None and _add_value(builder, prop, detail.value):
            return
        builder.add_remark(remark_text(detail.label, detail.value))

    return handle


def _add_value(builder: EntryBuilder, prop: str, value: str) -> bool:
    if builder.proxy.schema.properties[prop].type.name == "country":
        return builder.add_country(value, prop) is not None
    builder.add(prop, value)
    return True


def _date_prop(prop: str) -> DetailHandler:
    def handle(builder: EntryBuilder, detail: Detail) -> None:
        date = parse_date(detail.value)
        if date is None or not builder.has_property(prop):
            builder.add_remark(remark_text(detail.label, detail.value))
            return
        builder.add(prop, date)

    return handle


def _link(relation: str) -> DetailHandler:
    def handle(builder: EntryBuilder, detail: Detail) -> None:
        builder.add_link(relation, detail.value)

    return handle


def _gender(builder: EntryBuilder, detail: Detail) -> None:
    builder.add("gender", detail.value.lower())


def _birth_date(builder: EntryBuilder, detail: Detail) -> None:
    add_birth_date_text(builder, detail.value)


def _listing_date(builder: EntryBuilder, detail: Detail) -> None:
    builder.set_listed_on(parse_date(detail.value))
    builder.add_remark(remark_text(detail.label, detail.value))


def _effective_date(builder: EntryBuilder, detail: Detail) -> None:
    """When the measures of a directive or programme took effect; the label names which."""
    builder.add_sanction_detail(SanctionDetail.START_DATE, detail.value)
    builder.add_remark(remark_text(detail.label, detail.value))


_HANDLERS: dict[str, DetailHandler] = {
    "gender": _gender,
    "email address": _prop("email"),
    "website": _prop("website"),
    "phone number": _prop("phone"),
    "birthdate": _birth_date,
    "date of birth": _birth_date,
    "place of birth": _prop("birthPlace"),
    "nationality country": _prop("nationality"),
    "nationality": _prop("nationality"),
    "citizenship country": _prop("citizenship"),
    "citizenship": _prop("citizenship"),
    "title": _prop("position"),
    "nationality of registration": _prop("jurisdiction", "flag", "country"),
    "organization established date": _date_prop("incorporationDate"),
    "organization type": _prop("sector"),
    "target type": _prop("classification"),
    "vessel flag": _prop("flag", "country"),
    "other vessel flag": _prop("pastFlags"),
    "former vessel flag": _prop("pastFlags"),
    "vessel type": _prop("type"),
    "other vessel type": _prop("type"),
    "vessel tonnage": _prop("tonnage"),
    "vessel gross registered tonnage": _prop("grossRegisteredTonnage"),
    "gross registered tonnage": _prop("grossRegisteredTonnage"),
    "vessel year of build": _date_prop("buildDate"),
    "aircraft manufacture date": _date_prop("buildDate"),
    "aircraft model": _prop("model"),
    "vessel owner": _link("Vessel Owner"),
    "aircraft operator": _link("Aircraft Operator"),
}


# Feature labels OFAC prints whose values are kept as remarks (directive notes and the like).
_REMARK_PREFIXES = (
    "executive order",
    "effective date",
    "listing date",
    "purchase/sales for divestment date",
    "secondary sanctions risk",
    "transactions prohibited for persons",
    "additional sanctions information",
    "caatsa section",
    "ifca determination",
    "peesa information",
    "issuer name",
    "digital currency address",
)


def is_known_label(label: str) -> bool:
    """True when OFAC uses ``label`` for a document or feature (so it is not a value)."""
    key = label_key(label)
    if key in _HANDLERS or id_kind(label) is not None:
        return True
    return key.startswith(_REMARK_PREFIXES) or label.rstrip().endswith((":", " -"))


def apply_detail(builder: EntryBuilder, detail: Detail) -> None:
    """Record one labelled OFAC value as the typed fact it denotes.

    Identity documents become typed identifiers (the label, dates and any note kept in the
    identifier's note; crypto wallets get the currency as note), known features go to FtM
    properties, links, the listing date or the Sanction's start date, and any other label
    becomes a remark.
    """
    value = " ".join(detail.value.split())
    if not value:
        return
    if value != detail.value:
        detail = replace(detail, value=value)
    key = label_key(detail.label)
    handler = _HANDLERS.get(key)
    if handler is not None:
        handler(builder, detail)
        return
    if key.startswith("listing date"):
        _listing_date(builder, detail)
        return
    if key.startswith("effective date"):
        _effective_date(builder, detail)
        return
    kind = id_kind(detail.label)
    if kind is not None:
        _identifier(builder, kind, detail)
        return
    builder.add_remark(remark_text(detail.label, value))
