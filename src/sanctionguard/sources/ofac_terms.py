"""OFAC's published vocabulary, shared by the OFAC XML formats and the trade.gov CSL.

OFAC prints identity documents and "features" (e-mail, gender, vessel flag, directive notes...)
as labelled values: ``idList`` in sdn.xml, ``features``/``identityDocuments`` in the enhanced
XML, the ``ids`` cell of the CSL. ``apply_detail`` turns one labelled value into typed facts on
an entry; labels it does not know become remarks, so nothing the authority printed is lost.
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
from sanctionguard.model.entry import EntryBuilder, Link, ListEntry, NameKind
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

# Programme codes that only the non-SDN lists use (NS-PLC, NS-MBS..., FSE-IR, CMIC-EO13959).
_NON_SDN_PROGRAM = re.compile(r"^(?:NS-|FSE-|CMIC-)", re.IGNORECASE)


def schema_for(entry_type: str | None) -> str | None:
    """The FtM schema for OFAC's entry type ("Individual", "Entity", ...), None if unknown."""
    return _SCHEMAS.get((entry_type or "").strip().lower())


def choose_list(programs: Iterable[str], file_name: str) -> ListInfo:
    """SDN or consolidated list, judged from the programmes seen, then from the file name.

    A non-SDN programme decides for the consolidated list; without one, a file name containing
    "cons" does (the two files share one schema and SDN entries also appear in the consolidated
    list with their SDN programmes).
    """
    if any(_NON_SDN_PROGRAM.match(p.strip()) for p in programs):
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


@lru_cache(maxsize=4096)
def label_key(label: str) -> str:
    """The lookup form of a label: lower case, without trailing ":", "-", "#" or blanks."""
    return " ".join(label.split()).lower().rstrip(" :-#")


_ID_LABELS: dict[IdKind, tuple[str, ...]] = {
    IdKind.PASSPORT: (
        "passport",
        "diplomatic passport",
        "british national overseas passport",
        "stateless person passport",
        "passport booklet",
        "travel document number",
    ),
    IdKind.NATIONAL_ID: (
        "national id no.",
        "cedula no.",
        "d.n.i.",
        "c.u.r.p.",
        "personal id card",
        "identification number",
        "national foreign id number",
        "turkish identification number",
        "kenyan id no.",
        "bosnian personal id no.",
        "moroccan personal id no.",
        "numero de identidad",
        "citizen's card number",
        "c.u.i.",
        "tazkira national id card",
        "ssn",
        "residency number",
        "refugee id card",
        "stateless person id card",
        "uae identification",
        "cnp (personal numerical code)",
        "n.i.e.",
        "c.i.n.",
        "romanian permanent resident",
        "public security and immigration no.",
        "immigration no.",
        "electoral registry no.",
        "credencial electoral",
        "i.f.e.",
        "c.u.i.p.",
        "birth certificate number",
        "driver's license no.",
        "seafarer's identification document",
        "cartilla de servicio militar nacional",
        "military registration number",
        "visanumberid",
    ),
    IdKind.TAX_ID: (
        "tax id no.",
        "r.f.c.",
        "rfc",
        "nit",
        "ruc",
        "rif",
        "v.a.t. number",
        "italian fiscal code",
        "fiscal code",
        "us fein",
        "c.u.i.t.",
        "c.i.f.",
        "n.i.f.",
        "numero unico de identificacao tributaria (nuit)",
        "rtn",
        "paraguayan tax identification number",
        "romanian tax registration",
        "rsin",
    ),
    IdKind.REGISTRATION: (
        "registration number",
        "business registration number",
        "registration id",
        "company number",
        "uk company number",
        "commercial registry number",
        "folio mercantil no.",
        "matricula mercantil no",
        "chamber of commerce number",
        "c.r. no.",
        "romanian c.r.",
        "trade license no.",
        "tourism license no.",
        "economic register number (cbls)",
        "unified social credit code (uscc)",
        "united social credit code certificate (usccc)",
        "central registration system number",
        "business registration document",
        "public registration number",
        "enterprise number",
        "certificate of incorporation number",
        "istanbul chamber of comm. no.",
        "dubai chamber of commerce membership no.",
        "registration certificate number (dubai)",
        "business number",
        "registered charity no.",
        "d-u-n-s number",
        "le number",
        "organization code",
        "branch unit number",
        "government gazette number",
        "license",
        "permit number",
        "sre permit no.",
        "pilot license number",
        "file number",
        "afghan money service provider license number",
        "msb registration number",
        "russian state individual business registration number pattern (ogrnip)",
        "global intermediary identification number",
        "trademark number",
    ),
    IdKind.OTHER: (
        "bik (ru)",
        "isin",
        "equity ticker",
        "aircraft mode s transponder code",
        "chinese commercial code",
        "serial no.",
    ),
    IdKind.LEI: ("legal entity number",),
    IdKind.BIC: ("swift/bic",),
    IdKind.MMSI: ("mmsi",),
    IdKind.IMO: ("vessel registration identification", "imo"),
    IdKind.CALL_SIGN: ("vessel call sign", "other vessel call sign", "call sign"),
    IdKind.AIRCRAFT_SERIAL: (
        "aircraft manufacturer's serial number (msn)",
        "aircraft serial identification",
        "aircraft construction number (also called l/n or s/n or f/n)",
    ),
    IdKind.AIRCRAFT_TAIL: ("aircraft tail number", "previous aircraft tail number"),
}

ID_KINDS: dict[str, IdKind] = {
    label: kind for kind, labels in _ID_LABELS.items() for label in labels
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
    properties, links or the listing date, and any other label becomes a remark.
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
    kind = id_kind(detail.label)
    if kind is not None:
        _identifier(builder, kind, detail)
        return
    builder.add_remark(remark_text(detail.label, value))
