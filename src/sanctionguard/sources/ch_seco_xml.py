"""The Swiss SECO sanctions list XML (``swiss-sanctions-list``), whole list or amendment.

Reads programmes and places, then each target (individual, entity or object) with its
identities: names from name parts and spelling variants, birth dates, nationalities, places
of birth, documents, addresses, justifications and other information. Targets whose latest
modification is a de-listing are counted but not loaded.
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
from sanctionguard.sources.printed_ids import bic_codes, imo_numbers
from sanctionguard.sources.xmllist import (
    ChildIndex,
    children,
    date_from_parts,
    joined,
    language,
    line_of,
    local_name,
    records,
    root_named,
    text_of,
)

FORMAT = "ch_seco_xml"
ROOT = "swiss-sanctions-list"
LIST = ListInfo(
    name="ch_seco_sanctions",
    title="Swiss SECO Sanctions List",
    authority="State Secretariat for Economic Affairs SECO",
    country="ch",
    url="https://www.sesam.search.admin.ch/sesam-search-web/pages/downloadXmlGesamtliste.xhtml",
)

_OBJECT_SCHEMA = {"vessel": "Vessel", "aircraft": "Airplane"}
_SUBJECT_SCHEMA = {"individual": "Person", "entity": "Organization"}

_PART_KEY = {
    "given-name": "given",
    "further-given-name": "middle",
    "family-name": "family",
    "father-name": "patronymic",
    "title": "title",
    "suffix": "suffix",
}

_DOCUMENT_KIND = {
    "passport": IdKind.PASSPORT,
    "diplomatic-passport": IdKind.PASSPORT,
    "service-passport": IdKind.PASSPORT,
    "id-card": IdKind.NATIONAL_ID,
    "national-id": IdKind.NATIONAL_ID,
}

_LATIN_SCRIPT = "LATN"


@dataclass(frozen=True)
class _Programme:
    """What a sanctions-set id stands for: the programme key and name, and the set's name."""

    key: str | None
    name: str | None
    set_name: str | None


@dataclass
class _Target:
    """One target read from the file; places and programmes are resolved once all are read."""

    builder: EntryBuilder
    set_ids: list[str] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    addresses: list[tuple[str, str | None, str | None]] = field(default_factory=list)


@dataclass(frozen=True)
class _Place:
    """A place as one line of text, and its country code (or name when no code is given)."""

    text: str | None
    country: str | None


@dataclass
class _Document:
    """Everything the file defines, collected in one pass over it."""

    programmes: dict[str, _Programme] = field(default_factory=dict)
    places: dict[str, _Place] = field(default_factory=dict)
    targets: list[_Target] = field(default_factory=list)


def sniff(sample: Sample) -> Detection | None:
    """A SECO file's root element is ``swiss-sanctions-list``."""
    if root_named(sample.head, ROOT) is None:
        return None
    return Detection(FORMAT, LIST.name, sample.path)


def _parse_file(path: Path, bundle: Bundle, report: ParseReport) -> Iterator[ListEntry]:
    data = read_bytes(path, bundle.limits)
    document = _Document()
    seen_root = False
    for root, element in records(data, path, ROOT, ("sanctions-program", "place", "target")):
        if not seen_root:
            seen_root = True
            _read_root(root, path, report)
        parent = element.getparent()
        # Elements of the same names also appear inside <modification> history blocks.
        if parent is not None and local_name(parent.tag) == ROOT:
            _read_top_level(element, path, document, report)
    if not seen_root:
        raise ListFormatError(path, f"no <target> or <sanctions-program> in <{ROOT}>")
    for target in document.targets:
        _resolve(target, document)
        yield target.builder.build()


def _read_root(root: etree._Element, path: Path, report: ParseReport) -> None:
    report.published = report.published or parse_date(root.get("date"))
    if root.get("list-type") == "amendment":
        report.warn(
            f"{path.name}: list-type is 'amendment': the file holds changes only, "
            "not the whole list"
        )


def _read_top_level(
    element: etree._Element, path: Path, document: _Document, report: ParseReport
) -> None:
    kind = local_name(element.tag)
    if kind == "sanctions-program":
        document.programmes.update(_programmes(element))
    elif kind == "place":
        ssid = element.get("ssid")
        if ssid:
            document.places[ssid] = _place(element)
    else:
        report.records_read += 1
        target = _read_target(element, path)
        if target is not None:
            document.targets.append(target)


def _programmes(element: etree._Element) -> dict[str, _Programme]:
    key = _english(element, "program-key")
    name = _english(element, "program-name")
    sets: dict[str, _Programme] = {}
    for item in children(element, "sanctions-set"):
        ssid = item.get("ssid")
        if ssid and (ssid not in sets or item.get("lang") == "eng"):
            sets[ssid] = _Programme(key, name, text_of(item))
    return sets


def _english(element: etree._Element, name: str) -> str | None:
    """The English text among an element's language variants, else the first."""
    items = children(element, name)
    chosen = next((i for i in items if i.get("lang") == "eng"), items[0] if items else None)
    return text_of(chosen)


def _place(element: etree._Element) -> _Place:
    country = next(iter(children(element, "country")), None)
    country_name = text_of(country)
    text = joined(", ", text_of(element, "location"), text_of(element, "area"), country_name)
    code = country.get("iso-code") if country is not None else None
    return _Place(text, code or country_name)


def _read_target(element: etree._Element, path: Path) -> _Target | None:
    line = line_of(element)
    ssid = element.get("ssid")
    if not ssid:
        raise ListFormatError(path, "target without ssid", line=line, element="target")
    subject = _subject(element, path)
    if _is_delisted(element):
        return None
    builder = EntryBuilder(
        LIST.name, ssid, _schema(subject), origin=f"{path.name}:{line}", authority=LIST.authority
    )
    target = _Target(builder)
    target.set_ids = [t for s in children(element, "sanctions-set-id") if (t := text_of(s))]
    for foreign in children(element, "foreign-identifier"):
        builder.add_identifier(IdKind.OTHER, text_of(foreign), note="foreign identifier")
    builder.set_listed_on(_listing_date(element))
    builder.add("gender", subject.get("sex"))
    for identity in children(subject, "identity"):
        _add_identity(target, identity)
    if not builder.names:
        raise ListFormatError(path, "target without a name", line=line, element="target")
    for justification in children(subject, "justification"):
        builder.add_sanction_detail(SanctionDetail.REASON, text_of(justification))
        _add_information(builder, text_of(justification))
    for information in children(subject, "other-information"):
        _add_information(builder, text_of(information))
    return target


def _subject(element: etree._Element, path: Path) -> etree._Element:
    for child in element:
        if local_name(child.tag) in ("individual", "entity", "object"):
            return child
    raise ListFormatError(
        path,
        "target without <individual>, <entity> or <object>",
        line=line_of(element),
        element="target",
    )


def _schema(subject: etree._Element) -> str:
    kind = local_name(subject.tag)
    if kind == "object":
        return _OBJECT_SCHEMA.get((subject.get("object-type") or "").lower(), "Asset")
    return _SUBJECT_SCHEMA[kind]


def _modifications(element: etree._Element) -> list[tuple[str, str | None]]:
    """(type, date) of each modification, newest first."""
    found = []
    for item in children(element, "modification"):
        when = item.get("effective-date") or item.get("publication-date")
        date = parse_date(when or item.get("enactment-date"))
        found.append((item.get("modification-type") or "", date))
    # The feed writes the newest first; the stable sort keeps that order for undated ones.
    found.sort(key=lambda item: item[1] or "", reverse=True)
    return found


def _is_delisted(element: etree._Element) -> bool:
    history = _modifications(element)
    return bool(history) and history[0][0] == "de-listed"


def _listing_date(element: etree._Element) -> str | None:
    history = [(kind, date) for kind, date in _modifications(element) if date]
    listed = [date for kind, date in history if kind == "listed"]
    return min(listed or [date for _, date in history], default=None)


def _add_identity(target: _Target, element: etree._Element) -> None:
    builder = target.builder
    identity = ChildIndex(element)
    main = element.get("main") == "true"
    for name in identity.nodes("name"):
        _add_name(builder, name, main)
    for date in identity.nodes("day-month-year"):
        _add_birth_date(builder, date)
    for nationality in identity.nodes("nationality"):
        _add_nationality(builder, nationality)
    for place in identity.nodes("place-of-birth"):
        target.birth_places.append(place.get("place-id") or "")
        inline = _place(place)
        builder.add("birthPlace", inline.text)
        builder.add("birthCountry", inline.country)
    for address in identity.nodes("address"):
        inline = _place(address)
        details = joined(", ", _address_details(address), inline.text)
        target.addresses.append((address.get("place-id") or "", details, inline.country))
        for remark in children(address, "remark"):
            builder.add_remark(text_of(remark))
    for document in identity.nodes("identification-document"):
        _add_document(builder, document)


def _name_kind(name: etree._Element, main: bool) -> NameKind:
    name_type = (name.get("name-type") or "").lower()
    weak = (name.get("quality") or "").lower() == "low"
    if name_type == "primary-name" and main:
        return NameKind.PRIMARY
    if "former" in name_type:
        return NameKind.FORMER
    return NameKind.WEAK_ALIAS if weak else NameKind.STRONG_ALIAS


def _add_name(builder: EntryBuilder, name: etree._Element, main: bool) -> None:
    kind = _name_kind(name, main)
    parts = sorted(children(name, "name-part"), key=_order)
    values = [text_of(part, "value") for part in parts]
    full = joined(" ", *values)
    if full is None:
        return
    # SECO stamps lang="eng" on every name (the edition's language, not the name's).
    lang = name.get("lang")
    builder.add_name(
        full, kind, lang=None if lang == "eng" else language(lang), parts=_parts(parts)
    )
    variant_kind = NameKind.STRONG_ALIAS if kind is NameKind.PRIMARY else kind
    for (script, lang), variant in _spelling_variants(parts).items():
        complete = len(variant) == len(parts)
        # A non-Latin variant of only some parts would mix scripts; keep it, but as weak.
        if complete or script == _LATIN_SCRIPT:
            text = joined(" ", *(variant.get(i) or values[i] for i in range(len(parts))))
            builder.add_name(text, variant_kind, lang=language(lang))
        else:
            text = joined(" ", *(variant[i] for i in sorted(variant)))
            builder.add_name(text, NameKind.WEAK_ALIAS, lang=language(lang))


def _order(part: etree._Element) -> int:
    order = part.get("order") or ""
    return int(order) if order.isdigit() else 0


def _parts(parts: list[etree._Element]) -> dict[str, str | None]:
    result: dict[str, str | None] = {}
    for part in parts:
        key = _PART_KEY.get((part.get("name-part-type") or "").lower())
        if key is not None:
            result[key] = joined(" ", result.get(key), text_of(part, "value"))
    return result


def _spelling_variants(
    parts: list[etree._Element],
) -> dict[tuple[str, str | None], dict[int, str]]:
    """Each (script, language) group of spelling variants: part index → variant text."""
    groups: dict[tuple[str, str | None], dict[int, str]] = {}
    for index, part in enumerate(parts):
        for variant in children(part, "spelling-variant"):
            text = text_of(variant)
            if text:
                key = ((variant.get("script") or "").upper(), variant.get("lang"))
                groups.setdefault(key, {})[index] = text
    return groups


def _day_month_year(date: etree._Element) -> str | None:
    """The ISO prefix of a ``day-month-year`` element."""
    return date_from_parts(date.get("year"), date.get("month"), date.get("day"))


def _add_birth_date(builder: EntryBuilder, date: etree._Element) -> None:
    iso = _day_month_year(date)
    calendar = (date.get("calendar") or "gregorian").lower()
    if iso is None:
        return
    if calendar != "gregorian":
        builder.add_remark(f"Date of birth ({calendar} calendar): {iso}")
        return
    # SECO marks uncertain dates with quality="low"; they are kept as approximate.
    builder.add_birth_date(iso, circa=(date.get("quality") or "").lower() == "low")


def _add_nationality(builder: EntryBuilder, nationality: etree._Element) -> None:
    for country in children(nationality, "country"):
        value = country.get("iso-code") or text_of(country)
        if builder.schema == "Person":
            builder.add("nationality", value)
        else:
            builder.add_country(value)


def _address_details(address: etree._Element) -> str | None:
    care_of = text_of(address, "c-o")
    po_box = text_of(address, "p-o-box")
    return joined(
        ", ",
        f"c/o {care_of}" if care_of else None,
        text_of(address, "address-details"),
        f"PO Box {po_box}" if po_box else None,
        text_of(address, "zip-code"),
    )


def _add_document(builder: EntryBuilder, document: etree._Element) -> None:
    doc_type = (document.get("document-type") or "").lower()
    issuer = next(iter(children(document, "issuer")), None)
    issuer_country = None
    if issuer is not None:
        issuer_country = issuer.get("code") or issuer.get("iso-code") or text_of(issuer)
    note = joined(
        "; ",
        doc_type or None,
        _dated("issued", document, "date-of-issue"),
        _dated("expires", document, "expiry-date"),
        *(text_of(remark) for remark in children(document, "remark")),
    )
    number = text_of(document, "number")
    if number is None:
        builder.add_remark(joined(": ", "Identification document", note))
        return
    kind = _DOCUMENT_KIND.get(doc_type, IdKind.OTHER)
    builder.add_identifier(kind, number, country=issuer_country, note=note)


def _dated(label: str, document: etree._Element, name: str) -> str | None:
    """A document date written as text or as a day-month-year child."""
    element = next(iter(children(document, name)), None)
    if element is None:
        return None
    dmy = next(iter(children(element, "day-month-year")), None)
    if dmy is not None:
        value = _day_month_year(dmy)
    else:
        value = parse_date(text_of(element)) or text_of(element)
    return f"{label} {value}" if value else None


def _add_information(builder: EntryBuilder, text: str | None) -> None:
    if not text:
        return
    builder.add_remark(text)
    # SECO prints vessel and bank codes only in other-information prose.
    for imo in imo_numbers(text):
        builder.add_identifier(IdKind.IMO, imo, note="from other information")
    for bic in bic_codes(text):
        builder.add_identifier(IdKind.BIC, bic, note="from other information")


def _resolve(target: _Target, document: _Document) -> None:
    """Attach programmes and referenced places, known only once the whole file is read."""
    builder = target.builder
    for set_id in target.set_ids:
        programme = document.programmes.get(set_id)
        if programme is None:
            builder.add_remark(f"Sanctions set {set_id}")
            continue
        builder.add_program(programme.key or programme.name)
        builder.add_remark(joined(": ", programme.name, programme.set_name))
    for place_id in target.birth_places:
        place = document.places.get(place_id)
        if place is not None:
            builder.add("birthPlace", place.text)
            builder.add("birthCountry", place.country)
    for place_id, details, country in target.addresses:
        place = document.places.get(place_id, _Place(None, None))
        builder.add_address(joined(", ", details, place.text), place.country or country)


SPEC = FormatSpec(
    format=FORMAT,
    title="Swiss SECO sanctions list XML",
    sniff=sniff,
    parse=file_by_file(_parse_file),
    lists=(LIST,),
)
