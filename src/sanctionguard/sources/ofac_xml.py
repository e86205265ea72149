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
from sanctionguard.sources.base import (
    Bundle,
    Detection,
    FormatSpec,
    ListInfo,
    ParseReport,
    Sample,
)
from sanctionguard.sources.ofac_terms import (
    CONS_LIST,
    SDN_LIST,
    Detail,
    add_remarks,
    alias_kind,
    apply_detail,
    choose_list,
    fields,
    groups,
    join_name,
    read_xml_payload,
    resolve_links,
    schema_for,
)
from sanctionguard.sources.xmllist import line_of, root_tag
from sanctionguard.sources.xmlsafe import iter_elements, local_name, text_of

Groups = dict[str, list[etree._Element]]

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
    root = root_tag(sample.head)
    if root is None or root.local != "sdnList":
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
    for element in iter_elements(data, path, ("publshInformation", "sdnEntry")):
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
    own = fields(el)
    uid = own.get("uid")
    if not uid:
        raise ListFormatError(path, "<sdnEntry> has no <uid>", line=line, element="sdnEntry")
    sdn_type = own.get("sdnType")
    if not sdn_type:
        raise ListFormatError(path, f"entry {uid} has no <sdnType>", line=line, element="sdnType")
    schema = schema_for(sdn_type)
    if schema is None:
        report.warn(f"{path.name}:{line}: entry {uid} has unknown sdnType {sdn_type!r}")
        schema = "LegalEntity"
    builder = EntryBuilder(
        info.name, uid, schema, origin=f"{path.name}:{line}", authority=info.authority
    )
    name = join_name(own.get("firstName"), own.get("lastName"))
    if name is None:
        raise ListFormatError(path, f"entry {uid} has no name", line=line, element="lastName")
    builder.add_name(name, NameKind.PRIMARY, parts=_parts(builder, own))
    apply_detail(builder, Detail("Title", own.get("title", "")))
    lists = groups(el)
    _add_aliases(builder, lists)
    _add_facts(builder, lists)
    _add_addresses(builder, lists)
    _add_vessel(builder, lists)
    add_remarks(builder, own.get("remarks"))
    return builder.build()


def _parts(builder: EntryBuilder, own: dict[str, str]) -> dict[str, str | None] | None:
    if builder.schema != "Person":
        return None
    return {"given": own.get("firstName"), "family": own.get("lastName")}


def _add_aliases(builder: EntryBuilder, lists: Groups) -> None:
    for aka in _items(lists, "akaList"):
        own = fields(aka)
        kind = alias_kind(own.get("type"), own.get("category") == "weak")
        name = join_name(own.get("firstName"), own.get("lastName"))
        builder.add_name(name, kind, parts=_parts(builder, own))


def _add_facts(builder: EntryBuilder, lists: Groups) -> None:
    for program in _items(lists, "programList"):
        builder.add_program(program.text)
    for ident in _items(lists, "idList"):
        own = fields(ident)
        detail = Detail(
            label=own.get("idType") or "Identifier",
            value=own.get("idNumber", ""),
            country=own.get("idCountry"),
            issued=own.get("issueDate"),
            expires=own.get("expirationDate"),
        )
        apply_detail(builder, detail)
    for label, container, field in _ITEM_FACTS:
        for item in _items(lists, container):
            apply_detail(builder, Detail(label, fields(item).get(field, "")))


def _add_addresses(builder: EntryBuilder, lists: Groups) -> None:
    for address in _items(lists, "addressList"):
        own = fields(address)
        country = own.get("country")
        parts = [own.get(part) for part in (*_ADDRESS_PARTS, "country")]
        full = ", ".join(p for p in parts if p)
        builder.add_address(full or None, _country_name(country))


def _country_name(text: str | None) -> str | None:
    """OFAC writes some territories as "Region: Crimea"; the region is the country value."""
    if text is None:
        return None
    return text.removeprefix("Region:").strip() or None


def _add_vessel(builder: EntryBuilder, lists: Groups) -> None:
    for info in lists.get("vesselInfo", []):
        for tag, value in fields(info).items():
            label = _VESSEL_LABELS.get(tag)
            if label is not None:
                apply_detail(builder, Detail(label, value))


def _items(lists: Groups, container: str) -> list[etree._Element]:
    """The items of a list element such as ``akaList`` (all its element children)."""
    return [c for box in lists.get(container, []) for c in box if isinstance(c.tag, str)]


SPEC = FormatSpec(
    format=FORMAT,
    title="OFAC XML (sdnList schema: sdn.xml, consolidated.xml)",
    sniff=sniff,
    parse=parse,
    lists=(SDN_LIST, CONS_LIST),
)
