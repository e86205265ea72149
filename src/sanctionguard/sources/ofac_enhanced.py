"""OFAC's Sanctions List Service "enhanced XML" (SDN_ENHANCED / CONS_ENHANCED, plain or zipped).

The file opens with reference tables (countries with ISO codes, scripts, feature types) and
then lists ``entity`` records: names with their script variants, features, identity documents,
addresses, programmes, list memberships and relationships. The entity ``id`` (OFAC's ent_num)
is the source id.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from sanctionguard.errors import ListFormatError
from sanctionguard.model.dates import parse_date
from sanctionguard.model.entry import (
    BirthDate,
    EntryBuilder,
    ListEntry,
    NameKind,
    SanctionDetail,
    make_entity_id,
)
from sanctionguard.sources.base import Bundle, Detection, FormatSpec, ListInfo, ParseReport, Sample
from sanctionguard.sources.birth_dates import parse_birth_dates
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
    remark_text,
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

FORMAT = "ofac_enhanced"
_MARKER = re.compile(r"<(?:\w+:)?publicationInfo\b")
_FILTERS = re.compile(r"<(?:\w+:)?filters>(.*?)</(?:\w+:)?filters>", re.DOTALL)
_FILTER_LIST = re.compile(r">([^<]+)</(?:\w+:)?sanctionsList>")
_ENTITY_ID = re.compile(rb"<(?:\w+:)?entity\s[^>]*?\bid=\"([^\"]+)\"")
_UMBRELLA_LIST = "Consolidated List"

# OFAC name part types and the entry name part each one is (others stay in the full name).
_NAME_PARTS = {
    "first name": "given",
    "middle name": "middle",
    "last name": "family",
    "patronymic": "patronymic",
    "matronymic": "second",
}
_ADDRESS_ORDER = (
    "ADDRESS1",
    "ADDRESS2",
    "ADDRESS3",
    "CITY",
    "STATE/PROVINCE",
    "POSTAL CODE",
    "REGION",
)


@dataclass(frozen=True)
class Reference:
    """One row of the file's reference tables (a country, script, programme...)."""

    type: str
    value: str
    code: str | None = None
    iso_code: str | None = None


References = dict[str, Reference]


def sniff(sample: Sample) -> Detection | None:
    """A ``sanctionsData`` document of the enhanced XML; its publication filter names the list."""
    root = root_named(sample.head, "sanctionsData")
    if root is None:
        return None
    text = sample.text
    if "ENHANCED_XML" not in (root.namespace or "") and _MARKER.search(text) is None:
        return None
    info = _filtered_list(text) or choose_list((), sample.member or sample.path.name)
    return Detection(FORMAT, info.name, sample.path)


def _filtered_list(text: str) -> ListInfo | None:
    """The list the publication was filtered to ("SDN List", "Consolidated List"), if stated."""
    m = _FILTERS.search(text)
    names = {n.strip() for n in _FILTER_LIST.findall(m[1])} if m else set()
    if _UMBRELLA_LIST in names:
        return CONS_LIST
    if "SDN List" in names:
        return SDN_LIST
    return None


def parse(bundle: Bundle, report: ParseReport) -> Iterator[ListEntry]:
    info = SPEC.list_info(bundle.list_name)
    for path in bundle.paths():
        yield from _parse_file(path, bundle, info, report)


def _parse_file(
    path: Path, bundle: Bundle, info: ListInfo, report: ParseReport
) -> Iterator[ListEntry]:
    data = read_xml_payload(path, bundle.limits)
    # Relationships may point forward in the file; knowing every id lets links resolve now.
    known = {m.decode("utf-8", "replace") for m in _ENTITY_ID.findall(data)}
    refs: References = {}
    tags = ("publicationInfo", "referenceValue", "entity")
    for _, element in records(data, path, "sanctionsData", tags):
        tag = local_name(element.tag)
        if tag == "entity":
            report.records_read += 1
            yield _entry(element, path, info, refs, known, report)
        elif tag == "referenceValue":
            _add_reference(ChildIndex(element), refs)
        else:
            dated = parse_date(ChildIndex(element).text("dataAsOf"))
            report.published = dated or report.published


def _add_reference(own: ChildIndex, refs: References) -> None:
    ref_id = own.element.get("refId")
    if ref_id:
        refs[ref_id] = Reference(
            own.text("type") or "", own.text("value") or "", own.text("code"), own.text("isoCode")
        )


def _entry(
    el: etree._Element,
    path: Path,
    info: ListInfo,
    refs: References,
    known: set[str],
    report: ParseReport,
) -> ListEntry:
    line = line_of(el)
    entity_id = el.get("id")
    if not entity_id:
        raise ListFormatError(path, "<entity> has no id attribute", line=line, element="entity")
    entity = ChildIndex(el)
    general = next(iter(entity.each("generalInfo")), None)
    entity_type = general.text("entityType") if general else None
    if not entity_type:
        raise ListFormatError(
            path, f"entity {entity_id} has no <entityType>", line=line, element="generalInfo"
        )
    schema = schema_for(entity_type)
    if schema is None:
        report.warn(f"{path.name}:{line}: entity {entity_id} has unknown type {entity_type!r}")
        schema = "LegalEntity"
    builder = EntryBuilder(
        info.name, entity_id, schema, origin=f"{path.name}:{line}", authority=info.authority
    )
    if not _add_names(builder, entity, refs):
        raise ListFormatError(
            path, f"entity {entity_id} has no primary name", line=line, element="names"
        )
    _add_sanctions(builder, entity)
    _add_addresses(builder, entity, refs)
    _add_features(builder, entity, refs)
    _add_documents(builder, entity, refs)
    _add_relationships(builder, entity, info, known)
    add_remarks(builder, general.text("remarks") if general else None)
    return builder.build()


def _ref(own: ChildIndex, child: str, refs: References) -> Reference | None:
    """The reference row a child such as ``<country refId="...">`` points at."""
    node = own.first(child)
    return refs.get(node.get("refId") or "") if node is not None else None


# --- names ------------------------------------------------------------------------------------


def _add_names(builder: EntryBuilder, entity: ChildIndex, refs: References) -> bool:
    """Add every name in every script; True when the entity has a primary name."""
    has_primary = False
    for name in entity.items("names"):
        if name.text("isPrimary") == "true":
            kind = NameKind.PRIMARY
        else:
            kind = alias_kind(name.text("aliasType"), name.text("isLowQuality") == "true")
        for translation in _translations(name):
            added = _add_translation(builder, translation, kind, refs)
            has_primary = has_primary or (added and kind is NameKind.PRIMARY)
    return has_primary


def _translations(own: ChildIndex) -> list[ChildIndex]:
    """A name's or address's translations, the primary (Latin) one first."""
    return sorted(own.items("translations"), key=lambda t: t.text("isPrimary") != "true")


def _add_translation(
    builder: EntryBuilder, translation: ChildIndex, kind: NameKind, refs: References
) -> bool:
    value = join_name(translation.text("formattedFirstName"), translation.text("formattedLastName"))
    value = value or translation.text("formattedFullName")
    if not value:
        return False
    script = _ref(translation, "script", refs)
    original = None if script is None else script.value.lower() != "latin"
    parts = _name_parts(translation) if builder.schema == "Person" else None
    builder.add_name(value, kind, parts=parts, original_script=original)
    return True


def _name_parts(translation: ChildIndex) -> dict[str, str | None]:
    parts: dict[str, str | None] = {}
    for part in translation.items("nameParts"):
        key = _NAME_PARTS.get((part.text("type") or "").lower())
        if key is not None and key not in parts:
            parts[key] = part.text("value")
    return parts


# --- sanctions, addresses, relationships ---------------------------------------------------------


def _add_sanctions(builder: EntryBuilder, entity: ChildIndex) -> None:
    """Programmes, the earliest listing date, and list memberships, measures and authorities."""
    for program in entity.items("sanctionsPrograms"):
        builder.add_program(text_of(program.element))
    memberships = [
        (text_of(m.element) or "", m.element.get("datePublished"))
        for m in entity.items("sanctionsLists")
    ]
    # The umbrella "Consolidated List" date is when OFAC started that list, not a designation.
    specific = [parse_date(d) for n, d in memberships if n != _UMBRELLA_LIST]
    every = [parse_date(d) for _, d in memberships]
    builder.set_listed_on(min([d for d in specific if d] or [d for d in every if d], default=None))
    _remark_list(builder, "Sanctions lists", [f"{n} ({d})" if d else n for n, d in memberships])
    measures = [text_of(x.element) or "" for x in entity.items("sanctionsTypes")]
    for measure in measures:
        builder.add_sanction_detail(SanctionDetail.PROVISIONS, measure)
    _remark_list(builder, "Sanctions types", measures)
    authorities = [text_of(x.element) or "" for x in entity.items("legalAuthorities")]
    _remark_list(builder, "Legal authorities", authorities)


def _remark_list(builder: EntryBuilder, label: str, values: list[str]) -> None:
    values = [v for v in values if v]
    if values:
        builder.add_remark(f"{label}: {'; '.join(values)}")


def _add_addresses(builder: EntryBuilder, entity: ChildIndex, refs: References) -> None:
    for address in entity.items("addresses"):
        country = _ref(address, "country", refs)
        country_name = address.text("country") or (country.value if country else None)
        code = (country.iso_code if country else None) or country_name
        texts = [t for t in map(_address_text, _translations(address)) if t]
        if not texts:
            builder.add_address(None, code)
        for text in texts:
            builder.add_address(", ".join(p for p in (text, country_name) if p), code)


def _address_text(translation: ChildIndex) -> str | None:
    found: dict[str, str] = {}
    for part in translation.items("addressParts"):
        value = part.text("value")
        if value:
            found.setdefault((part.text("type") or "").upper(), value)
    ordered = [found.pop(key) for key in _ADDRESS_ORDER if key in found]
    return ", ".join([*ordered, *found.values()]) or None


def _add_relationships(
    builder: EntryBuilder, entity: ChildIndex, info: ListInfo, known: set[str]
) -> None:
    for relationship in entity.items("relationships"):
        relation = relationship.text("type") or "Related to"
        for node in relationship.nodes("relatedEntity"):
            target = node.get("entityId") or ""
            target_id = make_entity_id(info.name, target) if target in known else None
            builder.add_link(relation, text_of(node) or target, target_id)


# --- features and identity documents ----------------------------------------------------------


def _add_features(builder: EntryBuilder, entity: ChildIndex, refs: References) -> None:
    for feature in entity.items("features"):
        label, value = feature.text("type") or "", feature.text("value") or ""
        if (feature.text("reliability") or "").lower() == "false":
            builder.add_remark(f"{remark_text(label, value)} (reported false by OFAC)")
        elif label.lower() == "birthdate":
            _add_birth_date(builder, feature, value)
        else:
            ref = refs.get(feature.text("valueRefId") or "")
            if ref is not None and ref.type == "COUNTRY" and ref.iso_code:
                value = ref.iso_code
            apply_detail(builder, Detail(label, value, note=feature.text("comments")))


def _add_birth_date(builder: EntryBuilder, feature: ChildIndex, value: str) -> None:
    """The printed value decides; the structured period is the fallback and adds "circa"."""
    period = next(iter(feature.each("valueDate")), None)
    approximate = period is not None and period.text("isApproximate") == "true"
    parsed = parse_birth_dates(value)
    dates = list(parsed.dates) if parsed.complete else []
    if not dates and period is not None:
        fallback = _period(period)
        dates = [fallback] if fallback else []
    if not dates:
        builder.add_remark(f"Date of birth: {value}")
    for date in dates:
        builder.add_birth_date(date.start, date.end, date.circa or approximate)


def _period(period: ChildIndex) -> BirthDate | None:
    """A birth date from the structured period; a whole calendar year collapses to the year."""
    start = parse_date(period.text("fromDateBegin"))
    end = parse_date(period.text("toDateEnd"))
    if start is None:
        return None
    if end and start.endswith("-01-01") and end.endswith("-12-31") and start[:4] == end[:4]:
        return BirthDate(start[:4])
    return BirthDate(start, end if end != start else None)


def _add_documents(builder: EntryBuilder, entity: ChildIndex, refs: References) -> None:
    for document in entity.items("identityDocuments"):
        country = _ref(document, "issuingCountry", refs)
        notes = [document.text(k) for k in ("issuingAuthority", "issuingLocation", "comments")]
        if document.text("isValid") == "false":
            notes.append("marked not valid by OFAC")
        detail = Detail(
            label=document.text("type") or "Identity document",
            value=document.text("documentNumber") or "",
            country=(country.iso_code if country else None) or document.text("issuingCountry"),
            issued=document.text("issueDate"),
            expires=document.text("expirationDate"),
            note="; ".join(n for n in notes if n) or None,
        )
        apply_detail(builder, detail)


SPEC = FormatSpec(
    format=FORMAT,
    title="OFAC Sanctions List Service enhanced XML (SDN_ENHANCED / CONS_ENHANCED)",
    sniff=sniff,
    parse=parse,
    lists=(SDN_LIST, CONS_LIST),
)
