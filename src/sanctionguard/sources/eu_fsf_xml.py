"""The EU Financial Sanctions Files XML (``export`` root, FSF 1.1, namespace fpi/fsd/export).

Streams ``sanctionEntity`` records into ``ListEntry`` objects: name aliases with strength and
language, citizenships, birth dates (exact, circa, year ranges), identifications, addresses,
regulations and remarks. Records repeating a logicalId are merged into one entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from sanctionguard.errors import ListFormatError
from sanctionguard.model.dates import parse_date
from sanctionguard.model.entry import EntryBuilder, ListEntry, NameKind, SanctionDetail
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources.archive import read_bytes
from sanctionguard.sources.base import (
    Bundle,
    Detection,
    FormatSpec,
    ListInfo,
    ParseReport,
    Sample,
    file_by_file,
)
from sanctionguard.sources.xmllist import (
    ChildIndex,
    children,
    date_from_parts,
    joined,
    language,
    line_of,
    records,
    root_named,
    text_of,
)

FORMAT = "eu_fsf_xml"
NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"
RECORD = "sanctionEntity"
LIST = ListInfo(
    name="eu_fsf",
    title="EU Financial Sanctions Files (consolidated list)",
    authority="European Union",
    url="https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content",
)

_SCHEMA = {"person": "Person", "enterprise": "Organization"}

# identificationTypeCode values with a scheme of their own; the rest are kept as OTHER with
# the EU's description as note.
_ID_KIND = {
    "passport": IdKind.PASSPORT,
    "id": IdKind.NATIONAL_ID,
    "ssn": IdKind.NATIONAL_ID,
    "regnumber": IdKind.REGISTRATION,
    "fiscalcode": IdKind.TAX_ID,
    "swiftbic": IdKind.BIC,
    "imo": IdKind.IMO,
    "lei": IdKind.LEI,
}

_DOCUMENT_FLAGS = (
    ("diplomatic", "diplomatic"),
    ("knownExpired", "known expired"),
    ("knownFalse", "known false"),
    ("reportedLost", "reported lost"),
    ("revokedByIssuer", "revoked by issuer"),
)

# Both spellings of the issue date attribute, since the CSV edition calls it IssuedDate.
_DOCUMENT_DATES = (
    ("issueDate", "issued"),
    ("issuedDate", "issued"),
    ("validFrom", "valid from"),
    ("validTo", "valid to"),
)

_UNKNOWN_COUNTRY = "00"
_NO_VALUE = frozenset({"", "-", "UNKNOWN"})


@dataclass
class _Party:
    """One logicalId's entry under construction, and where it was first read."""

    builder: EntryBuilder
    line: int | None
    listing_dates: list[str] = field(default_factory=list)
    designated: bool = False


def sniff(sample: Sample) -> Detection | None:
    """An FSF file is an ``export`` root in the EU namespace (or holding sanctionEntity)."""
    root = root_named(sample.head, "export")
    if root is None:
        return None
    if root.namespace != NAMESPACE and f"<{RECORD}".encode() not in sample.head:
        return None
    return Detection(FORMAT, LIST.name, sample.path)


def _parse_file(path: Path, bundle: Bundle, report: ParseReport) -> Iterator[ListEntry]:
    data = read_bytes(path, bundle.limits)
    parties: dict[str, _Party] = {}
    for root, element in records(data, path, "export", (RECORD,)):
        if not parties:
            report.published = report.published or parse_date(root.get("generationDate"))
        report.records_read += 1
        _read_entity(element, path, parties, report)
    if not parties:
        raise ListFormatError(path, f"no <{RECORD}> records in <export>")
    for party in parties.values():
        # Without a designation date, the earliest regulation stands in for the listing.
        if not party.designated:
            party.builder.set_listed_on(min(party.listing_dates, default=None))
        yield party.builder.build()


def _read_entity(
    element: etree._Element, path: Path, parties: dict[str, _Party], report: ParseReport
) -> None:
    line = line_of(element)
    logical_id = _attr(element, "logicalId")
    if logical_id is None:
        raise ListFormatError(path, f"{RECORD} without logicalId", line=line, element=RECORD)
    record = ChildIndex(element)
    party = parties.get(logical_id)
    if party is None:
        schema = _schema(record, path, report)
        builder = EntryBuilder(
            LIST.name, logical_id, schema, origin=f"{path.name}:{line}", authority=LIST.authority
        )
        party = parties[logical_id] = _Party(builder, line)
    else:
        report.warn(
            f"{path.name}:{line}: {RECORD} logicalId {logical_id} repeats the one at line "
            f"{party.line}; merged into one entry"
        )
    _add_entity_facts(party, record)
    _add_names(party.builder, record)
    if not party.builder.names:
        raise ListFormatError(path, f"{RECORD} without a name", line=line, element=RECORD)
    for citizenship in record.nodes("citizenship"):
        _add_citizenship(party.builder, citizenship)
    for birth in record.nodes("birthdate"):
        _add_birth(party.builder, birth)
    for document in record.nodes("identification"):
        _add_identification(party.builder, document)
    for address in record.nodes("address"):
        _add_address(party.builder, address)


def _schema(record: ChildIndex, path: Path, report: ParseReport) -> str:
    subject = record.first("subjectType")
    if subject is None:
        line = line_of(record.element)
        raise ListFormatError(path, f"{RECORD} without subjectType", line=line, element=RECORD)
    code = (subject.get("code") or "").strip().lower()
    schema = _SCHEMA.get(code)
    if schema is None:
        report.warn(
            f"{path.name}:{line_of(subject)}: unknown subjectType code {code!r}; "
            "read as a legal entity"
        )
        return "LegalEntity"
    return schema


def _add_entity_facts(party: _Party, record: ChildIndex) -> None:
    builder = party.builder
    element = record.element
    reference = _attr(element, "euReferenceNumber")
    builder.add_identifier(IdKind.OTHER, reference, note="EU reference number")
    un_reference = _attr(element, "unitedNationId")
    builder.add_identifier(IdKind.OTHER, un_reference, note="UN reference")
    builder.add_sanction_detail(SanctionDetail.UNSC_ID, un_reference)
    designated = parse_date(_attr(element, "designationDate"))
    if designated:
        party.designated = True
        builder.set_listed_on(designated)
    builder.add_remark(_attr(element, "designationDetails"))
    for remark in record.nodes("remark"):
        builder.add_remark(text_of(remark))
    for regulation in record.nodes("regulation"):
        builder.add_program(_attr(regulation, "programme"))
        builder.add("sourceUrl", text_of(regulation, "publicationUrl"))
        number = _attr(regulation, "numberTitle")
        if number:
            builder.add_remark(f"Regulation {number}")
        in_force = _attr(regulation, "entryIntoForceDate") or _attr(regulation, "publicationDate")
        listed = parse_date(in_force)
        if listed:
            party.listing_dates.append(listed)


def _add_names(builder: EntryBuilder, record: ChildIndex) -> None:
    for alias in record.nodes("nameAlias"):
        _add_name(builder, alias)


def _add_name(builder: EntryBuilder, alias: etree._Element) -> None:
    first, middle, last = (_attr(alias, a) for a in ("firstName", "middleName", "lastName"))
    title = _attr(alias, "title")
    name = _attr(alias, "wholeName") or joined(" ", first, middle, last)
    if name is not None:
        parts = {"given": first, "middle": middle, "family": last, "title": title}
        builder.add_name(
            name,
            _name_kind(builder, alias),
            lang=language(_attr(alias, "nameLanguage")),
            parts=parts if builder.schema == "Person" else None,
        )
    builder.add("title", title)
    builder.add("position", _attr(alias, "function"))
    builder.add("gender", _gender(_attr(alias, "gender")))
    for remark in children(alias, "remark"):
        text = text_of(remark)
        builder.add_remark(f"{name}: {text}" if name and text else text)


def _name_kind(builder: EntryBuilder, alias: etree._Element) -> NameKind:
    # The EU writes the main name first; a merged repeat keeps the first record's.
    if not any(name.kind is NameKind.PRIMARY for name in builder.names):
        return NameKind.PRIMARY
    if _attr(alias, "strong") == "false":
        return NameKind.WEAK_ALIAS
    return NameKind.STRONG_ALIAS


def _add_citizenship(builder: EntryBuilder, citizenship: etree._Element) -> None:
    country = _country(citizenship)
    if builder.schema == "Person":
        builder.add("citizenship", country)
    else:
        builder.add_country(country)
    for remark in children(citizenship, "remark"):
        builder.add_remark(text_of(remark))


def _add_birth(builder: EntryBuilder, birth: etree._Element) -> None:
    circa = _attr(birth, "circa") == "true"
    calendar = (_attr(birth, "calendarType") or "GREGORIAN").upper()
    exact = _birth_date(birth)
    low = parse_date(_attr(birth, "yearRangeFrom"))
    high = parse_date(_attr(birth, "yearRangeTo"))
    if calendar != "GREGORIAN" and (exact or low or high):
        printed = exact or joined("-", low, high)
        builder.add_remark(f"Date of birth ({calendar.lower()} calendar): {printed}")
    elif exact:
        builder.add_birth_date(exact, circa=circa)
    elif low and high:
        builder.add_birth_date(low, high, circa)
    elif low or high:
        # A range open at one end cannot be a BirthDate without inventing the other end.
        bound = f"in or after {low}" if low else f"in or before {high}"
        builder.add_remark(f"Date of birth: {'circa ' if circa else ''}{bound}")
    place = joined(", ", *(_value(birth, a) for a in ("place", "city", "zipCode", "region")))
    builder.add("birthPlace", joined(", ", place, _value(birth, "countryDescription")))
    builder.add("birthCountry", _country(birth))
    for remark in children(birth, "remark"):
        builder.add_remark(text_of(remark))


def _birth_date(birth: etree._Element) -> str | None:
    """A birth date given in full, or as year with optional month and day."""
    year = _attr(birth, "year")
    return (
        parse_date(_attr(birth, "birthdate"))
        or date_from_parts(year, _attr(birth, "monthOfYear"), _attr(birth, "dayOfMonth"))
        or parse_date(year)
    )


def _add_identification(builder: EntryBuilder, document: etree._Element) -> None:
    description = _attr(document, "identificationTypeDescription")
    kind = _identification_kind(_attr(document, "identificationTypeCode"), description)
    flags = [label for attr, label in _DOCUMENT_FLAGS if _attr(document, attr) == "true"]
    dates = [_labelled(label, _attr(document, attr)) for attr, label in _DOCUMENT_DATES]
    remarks = [text_of(remark) for remark in children(document, "remark")]
    note = joined(
        "; ",
        description,
        *flags,
        *dates,
        _labelled("issued by", _attr(document, "issuedBy")),
        _labelled("name on document", _attr(document, "nameOnDocument")),
        _labelled("region", _attr(document, "region")),
        *remarks,
    )
    number = _attr(document, "number") or _attr(document, "latinNumber")
    if number is None:
        if note:
            builder.add_remark(joined(": ", description or "Identification", note))
        return
    country = _country(document)
    builder.add_identifier(kind, number, country=country, note=note)
    latin = _attr(document, "latinNumber")
    if latin and latin != number:
        builder.add_identifier(kind, latin, country=country, note=joined("; ", "latin form", note))


def _identification_kind(code: str | None, description: str | None) -> IdKind:
    words = set((description or "").upper().replace("(", " ").replace(")", " ").split())
    # Russian tax and state registration numbers have checksums worth validating.
    if "INN" in words:
        return IdKind.INN
    if "OGRN" in words:
        return IdKind.OGRN
    return _ID_KIND.get((code or "").lower(), IdKind.OTHER)


def _add_address(builder: EntryBuilder, address: etree._Element) -> None:
    po_box = _labelled("PO Box", _attr(address, "poBox"))
    town = joined(" ", _attr(address, "zipCode"), _attr(address, "city"))
    full = joined(
        ", ",
        _attr(address, "street"),
        po_box,
        town,
        _attr(address, "place"),
        _attr(address, "region"),
        _value(address, "countryDescription"),
    )
    builder.add_address(full, _country(address))
    for remark in children(address, "remark"):
        builder.add_remark(text_of(remark))


def _country(element: etree._Element) -> str | None:
    """The ISO code of a country reference, or its description when the code is unknown."""
    code = _attr(element, "countryIso2Code")
    if code and code != _UNKNOWN_COUNTRY:
        return code
    return _value(element, "countryDescription")


def _gender(code: str | None) -> str | None:
    return {"M": "male", "F": "female"}.get((code or "").upper(), code)


def _attr(element: etree._Element, name: str) -> str | None:
    """An attribute's whitespace-normalised value; None when absent or blank."""
    value = element.get(name)
    if not value:
        return None  # most FSF attributes are present but empty
    value = " ".join(value.split())
    return value or None


def _value(element: etree._Element, name: str) -> str | None:
    """An attribute, also treating the EU's placeholders ("-", "UNKNOWN") as absent."""
    value = _attr(element, name)
    return None if value is None or value.upper() in _NO_VALUE else value


def _labelled(label: str, value: str | None) -> str | None:
    return f"{label} {value}" if value else None


SPEC = FormatSpec(
    format=FORMAT,
    title="EU Financial Sanctions Files XML",
    sniff=sniff,
    parse=file_by_file(_parse_file),
    lists=(LIST,),
)
