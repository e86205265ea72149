"""OFAC's XML list format (the ``sdnList`` schema): sdn.xml and the non-SDN consolidated.xml.

Each ``sdnEntry`` is one party, keyed by its ``uid`` (OFAC's ent_num). The file is streamed;
identity documents and features in ``idList`` go through the shared OFAC vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from sanctionguard.errors import ListFormatError
from sanctionguard.model.entry import EntryBuilder, ListEntry, NameKind
from sanctionguard.sources.base import Bundle, Detection, FormatSpec, ListInfo, ParseReport, Sample
from sanctionguard.sources.ofac_terms import (
    CONS_LIST,
    SDN_LIST,
    Detail,
    add_remarks,
    alias_kind,
    apply_detail,
    choose_list,
    join_name,
    read_xml_payload,
    resolve_links,
    schema_for,
)
from sanctionguard.sources.xmllist import (
    ChildIndex,
    line_of,
    local_name,
    records,
    root_named,
    text_of,
)

FORMAT = "ofac_xml"
_PROGRAM = re.compile(r"<(?:\w+:)?program>([^<]+)<")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")

# vesselInfo children and the OFAC feature label each one is.
_VESSEL_LABELS = {
    "callSign": "Vessel Call Sign",
    "vesselType": "Vessel Type",
    "vesselFlag": "Vessel Flag",
    "vesselOwner": "Vessel Owner",
    "tonnage": "Vessel Tonnage",
    "grossRegisteredTonnage": "Vessel Gross Registered Tonnage",
}
# Lists whose items carry one labelled fact: (OFAC label, list element, item field).
_ITEM_FACTS = (
    ("Nationality", "nationalityList", "country"),
    ("Citizenship", "citizenshipList", "country"),
    ("Birthdate", "dateOfBirthList", "dateOfBirth"),
    ("Place of Birth", "placeOfBirthList", "placeOfBirth"),
)
_ADDRESS_PARTS = (
    "address1",
    "address2",
    "address3",
    "city",
    "stateOrProvince",
    "postalCode",
    "region",
)


def sniff(sample: Sample) -> Detection | None:
    """An ``sdnList`` document; SDN or consolidated judged from its programmes, then its name."""
    if root_named(sample.head, "sdnList") is None:
        return None
    name = sample.member or sample.path.name
    info = choose_list(_PROGRAM.findall(sample.text), name)
    return Detection(FORMAT, info.name, sample.path)


def parse(bundle: Bundle, report: ParseReport) -> Iterator[ListEntry]:
    info = SPEC.list_info(bundle.list_name)
    entries: list[ListEntry] = []
    for path in bundle.paths():
        entries.extend(_parse_file(path, bundle, info, report))
    yield from resolve_links(entries)


def _parse_file(
    path: Path, bundle: Bundle, info: ListInfo, report: ParseReport
) -> Iterator[ListEntry]:
    data = read_xml_payload(path, bundle.limits)
    declared: int | None = None
    read = 0
    for _, element in records(data, path, "sdnList", ("publshInformation", "sdnEntry")):
        if local_name(element.tag) == "publshInformation":
            report.published = _publish_date(text_of(element, "Publish_Date")) or report.published
            declared = _count(text_of(element, "Record_Count"))
            continue
        read += 1
        report.records_read += 1
        yield _entry(element, path, info, report)
    if declared is not None and declared != read:
        report.warn(f"{path.name}: Record_Count says {declared} entries but {read} were read")


def _publish_date(text: str | None) -> str | None:
    """OFAC prints the publication date month first: 03/28/2025."""
    m = _US_DATE.match(text or "")
    if m is None:
        return None
    month, day, year = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _count(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


def _entry(el: etree._Element, path: Path, info: ListInfo, report: ParseReport) -> ListEntry:
    line = line_of(el)
    own = ChildIndex(el)
    uid = own.text("uid")
    if not uid:
        raise ListFormatError(path, "<sdnEntry> has no <uid>", line=line, element="sdnEntry")
    sdn_type = own.text("sdnType")
    if not sdn_type:
        raise ListFormatError(path, f"entry {uid} has no <sdnType>", line=line, element="sdnType")
    schema = schema_for(sdn_type)
    if schema is None:
        report.warn(f"{path.name}:{line}: entry {uid} has unknown sdnType {sdn_type!r}")
        schema = "LegalEntity"
    builder = EntryBuilder(
        info.name, uid, schema, origin=f"{path.name}:{line}", authority=info.authority
    )
    name = join_name(own.text("firstName"), own.text("lastName"))
    if name is None:
        raise ListFormatError(path, f"entry {uid} has no name", line=line, element="lastName")
    builder.add_name(name, NameKind.PRIMARY, parts=_parts(builder, own))
    apply_detail(builder, Detail("Title", own.text("title") or ""))
    _add_aliases(builder, own)
    _add_facts(builder, own)
    _add_addresses(builder, own)
    _add_vessel(builder, own)
    add_remarks(builder, own.text("remarks"))
    return builder.build()


def _parts(builder: EntryBuilder, own: ChildIndex) -> dict[str, str | None] | None:
    if builder.schema != "Person":
        return None
    return {"given": own.text("firstName"), "family": own.text("lastName")}


def _add_aliases(builder: EntryBuilder, entry: ChildIndex) -> None:
    for aka in entry.items("akaList"):
        kind = alias_kind(aka.text("type"), aka.text("category") == "weak")
        name = join_name(aka.text("firstName"), aka.text("lastName"))
        builder.add_name(name, kind, parts=_parts(builder, aka))


def _add_facts(builder: EntryBuilder, entry: ChildIndex) -> None:
    for program in entry.items("programList"):
        builder.add_program(text_of(program.element))
    for ident in entry.items("idList"):
        detail = Detail(
            label=ident.text("idType") or "Identifier",
            value=ident.text("idNumber") or "",
            country=ident.text("idCountry"),
            issued=ident.text("issueDate"),
            expires=ident.text("expirationDate"),
        )
        apply_detail(builder, detail)
    for label, container, field in _ITEM_FACTS:
        for item in entry.items(container):
            apply_detail(builder, Detail(label, item.text(field) or ""))


def _add_addresses(builder: EntryBuilder, entry: ChildIndex) -> None:
    for address in entry.items("addressList"):
        country = address.text("country")
        parts = [address.text(part) for part in (*_ADDRESS_PARTS, "country")]
        full = ", ".join(p for p in parts if p)
        builder.add_address(full or None, _country_name(country))


def _country_name(text: str | None) -> str | None:
    """OFAC writes some territories as "Region: Crimea"; the region is the country value."""
    if text is None:
        return None
    return text.removeprefix("Region:").strip() or None


def _add_vessel(builder: EntryBuilder, entry: ChildIndex) -> None:
    for info in entry.each("vesselInfo"):
        for tag, label in _VESSEL_LABELS.items():
            apply_detail(builder, Detail(label, info.text(tag) or ""))


SPEC = FormatSpec(
    format=FORMAT,
    title="OFAC XML (sdnList schema: sdn.xml, consolidated.xml)",
    sniff=sniff,
    parse=parse,
    lists=(SDN_LIST, CONS_LIST),
)
