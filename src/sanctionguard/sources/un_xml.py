"""The UN Security Council Consolidated List XML (``CONSOLIDATED_LIST``, sc-sanctions.xsd).

Streams INDIVIDUAL and ENTITY records into ``ListEntry`` objects: names and name parts,
original-script names, aliases by quality, dates and places of birth, documents, addresses.
"""

from __future__ import annotations

from collections.abc import Iterator
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
    joined,
    line_of,
    local_name,
    records,
    root_named,
    text_of,
)

FORMAT = "un_xml"
ROOT = "CONSOLIDATED_LIST"
LIST = ListInfo(
    name="un_sc_sanctions",
    title="UN Security Council Consolidated List",
    authority="United Nations Security Council",
    url="https://scsanctions.un.org/resources/xml/en/consolidated.xml",
)

_SCHEMA = {"INDIVIDUAL": "Person", "ENTITY": "Organization"}

# The UN numbers name fields by position, not meaning: Korean names start with the family
# name, Arabic names chain father's and grandfather's names. So the parts keep positions:
# FIRST → given (firstName), SECOND → second (secondName), THIRD and FOURTH → middle.
# Calling any of them the family name would be a guess the UN does not make.
_NAME_FIELDS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")

_ALIAS_KIND = {
    "good": NameKind.STRONG_ALIAS,
    "a.k.a.": NameKind.STRONG_ALIAS,
    "low": NameKind.WEAK_ALIAS,
    "f.k.a.": NameKind.FORMER,
}

_DOCUMENT_KIND = {
    "passport": IdKind.PASSPORT,
    "numéro de passeport": IdKind.PASSPORT,
    "número de pasaporte": IdKind.PASSPORT,
    "national identification number": IdKind.NATIONAL_ID,
}

# Letters of the Arabic script that Arabic itself does not use. Names written with them are
# Pashto, Urdu, Dari or Persian; only the first two have letters of their own.
_PASHTO_LETTERS = frozenset("ټډړږښځڅڼۍې")
_URDU_LETTERS = frozenset("ٹڈڑںے")
_NON_ARABIC_LETTERS = frozenset("پچژگکیۀ")


def sniff(sample: Sample) -> Detection | None:
    """A UN consolidated list is the only list whose root element is ``CONSOLIDATED_LIST``."""
    if root_named(sample.head, ROOT) is None:
        return None
    return Detection(FORMAT, LIST.name, sample.path)


def _parse_file(path: Path, bundle: Bundle, report: ParseReport) -> Iterator[ListEntry]:
    data = read_bytes(path, bundle.limits)
    count = 0
    for root, element in records(data, path, ROOT, _SCHEMA):
        if count == 0:
            report.published = report.published or parse_date(root.get("dateGenerated"))
        count += 1
        yield _entry(element, path)
    if count == 0:
        raise ListFormatError(path, f"no INDIVIDUAL or ENTITY records in <{ROOT}>")
    report.records_read += count


def _entry(element: etree._Element, path: Path) -> ListEntry:
    kind = local_name(element.tag)
    line = line_of(element)
    record = ChildIndex(element)
    reference = record.text("REFERENCE_NUMBER")
    if reference is None:
        raise ListFormatError(path, f"{kind} without REFERENCE_NUMBER", line=line, element=kind)
    builder = EntryBuilder(
        LIST.name,
        reference,
        _SCHEMA[kind],
        origin=f"{path.name}:{line}",
        authority=LIST.authority,
    )
    _add_names(builder, record, path)
    _add_listing(builder, record)
    _add_attributes(builder, record)
    for alias in record.each(f"{kind}_ALIAS"):
        _add_alias(builder, alias)
    for address in record.each(f"{kind}_ADDRESS"):
        _add_address(builder, address)
    for birth in record.each("INDIVIDUAL_DATE_OF_BIRTH"):
        _add_birth_date(builder, birth)
    for place in record.each("INDIVIDUAL_PLACE_OF_BIRTH"):
        _add_birth_place(builder, place)
    for document in record.each("INDIVIDUAL_DOCUMENT"):
        _add_document(builder, document)
    return builder.build()


def _add_names(builder: EntryBuilder, record: ChildIndex, path: Path) -> None:
    first, second, third, fourth = (record.text(field) for field in _NAME_FIELDS)
    full = joined(" ", first, second, third, fourth)
    if full is None:
        kind = local_name(record.element.tag)
        raise ListFormatError(
            path,
            f"{kind} without a name (FIRST_NAME is empty)",
            line=line_of(record.element),
            element=kind,
        )
    parts = {"given": first, "second": second, "middle": joined(" ", third, fourth)}
    builder.add_name(full, NameKind.PRIMARY, parts=parts if builder.schema == "Person" else None)
    original = record.text("NAME_ORIGINAL_SCRIPT")
    if original and original.casefold() != full.casefold():
        program = record.text("UN_LIST_TYPE")
        builder.add_name(
            original,
            NameKind.STRONG_ALIAS,
            lang=_script_language(original, program),
            original_script=True,
        )


def _script_language(text: str, program: str | None) -> str | None:
    """The language of an original-script name where its letters tell it, else None."""
    letters = {char for char in text if char.isalpha()}
    if not letters:
        return None
    if letters & _PASHTO_LETTERS:
        return "pus"
    if letters & _URDU_LETTERS:
        return "urd"
    if all("\u0400" <= char <= "\u04ff" for char in letters):
        return "rus"
    arabic_script = all("\u0600" <= char <= "\u06ff" for char in letters)
    # Taliban-list names are Pashto or Dari even when they use no letter of their own.
    if arabic_script and not letters & _NON_ARABIC_LETTERS and program != "Taliban":
        return "ara"
    return None


def _add_listing(builder: EntryBuilder, record: ChildIndex) -> None:
    builder.add_sanction_detail(SanctionDetail.UNSC_ID, builder.source_id)
    builder.add_program(record.text("UN_LIST_TYPE"))
    builder.set_listed_on(_day(record.text("LISTED_ON")))
    builder.add_remark(record.text("COMMENTS1"))
    builder.add_identifier(IdKind.OTHER, record.text("DATAID"), note="UN DATAID")
    updated = [d for d in map(_day, _values(record, "LAST_DAY_UPDATED")) if d]
    if updated:
        builder.add("modifiedAt", max(updated))


def _add_attributes(builder: EntryBuilder, record: ChildIndex) -> None:
    for title in _values(record, "TITLE"):
        builder.add("title", title)
    for designation in _values(record, "DESIGNATION"):
        builder.add("position", designation)
    for nationality in _values(record, "NATIONALITY"):
        builder.add("nationality", nationality)
    builder.add("gender", record.text("GENDER"))


def _add_alias(builder: EntryBuilder, alias: ChildIndex) -> None:
    name = alias.text("ALIAS_NAME")
    if name is None:
        return
    quality = (alias.text("QUALITY") or "").lower()
    builder.add_name(name, _ALIAS_KIND.get(quality, NameKind.STRONG_ALIAS))
    note = alias.text("NOTE")
    if note:
        builder.add_remark(f"{name}: {note}")
    # Some aliases carry the date and place of birth used under that name.
    _add_date(builder, alias.text("DATE_OF_BIRTH"))
    country = alias.text("COUNTRY_OF_BIRTH")
    builder.add("birthPlace", joined(", ", alias.text("CITY_OF_BIRTH"), country))
    builder.add("birthCountry", country)


def _add_address(builder: EntryBuilder, address: ChildIndex) -> None:
    fields = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")
    full = joined(", ", *(address.text(field) for field in fields))
    note = address.text("NOTE")
    full = f"{full} ({note})" if full and note else full or note
    builder.add_address(full, address.text("COUNTRY"))


def _add_birth_date(builder: EntryBuilder, birth: ChildIndex) -> None:
    kind = (birth.text("TYPE_OF_DATE") or "").upper()
    note = birth.text("NOTE")
    approximate = note is not None and note.rstrip(".").lower() == "approximately"
    circa = kind == "APPROXIMATELY" or approximate
    if kind == "BETWEEN":
        start = _year(birth.text("FROM_YEAR"))
        end = _year(birth.text("TO_YEAR"))
        builder.add_birth_date(start or end, end, circa)
    else:
        raw = birth.text("DATE") or birth.text("YEAR")
        if raw is None and note is not None and parse_date(note):
            raw, note = note, None  # e.g. TYPE_OF_DATE EXACT with only NOTE "Nov. 1973"
        _add_date(builder, raw, circa)
    if note and not approximate:
        builder.add_remark(f"Date of birth: {note}")


def _add_date(builder: EntryBuilder, raw: str | None, circa: bool = False) -> None:
    if raw is None:
        return
    iso = parse_date(raw)
    if iso is None:
        builder.add_remark(f"Date of birth: {raw}")
    else:
        builder.add_birth_date(iso, circa=circa)


def _add_birth_place(builder: EntryBuilder, place: ChildIndex) -> None:
    fields = ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")
    text = joined(", ", *(place.text(field) for field in fields))
    note = place.text("NOTE")
    text = f"{text} ({note})" if text and note else text or note
    builder.add("birthPlace", text)
    builder.add("birthCountry", place.text("COUNTRY"))


def _add_document(builder: EntryBuilder, document: ChildIndex) -> None:
    label = document.text("TYPE_OF_DOCUMENT")
    detail = document.text("TYPE_OF_DOCUMENT2")
    issuing = document.text("ISSUING_COUNTRY")
    country_of_issue = document.text("COUNTRY_OF_ISSUE")
    issued = document.text("DATE_OF_ISSUE")
    city = document.text("CITY_OF_ISSUE")
    note = joined(
        "; ",
        detail,
        f"issued {issued}" if issued else None,
        f"issued in {city}" if city else None,
        _other_country(country_of_issue, issuing),
        document.text("NOTE"),
    )
    number = document.text("NUMBER")
    if number is None:
        # Numbers the UN only gives inside free text stay readable as a remark.
        if label or note:
            builder.add_remark(joined(": ", label or "Document", note))
        return
    kind = _document_kind(label, detail)
    builder.add_identifier(kind, number, country=issuing or country_of_issue, note=note)


def _other_country(country_of_issue: str | None, issuing: str | None) -> str | None:
    """COUNTRY_OF_ISSUE as a note when ISSUING_COUNTRY already names the identifier's country."""
    if country_of_issue and issuing and country_of_issue != issuing:
        return f"country of issue {country_of_issue}"
    return None


def _document_kind(label: str | None, detail: str | None) -> IdKind:
    kind = _DOCUMENT_KIND.get((label or "").lower())
    if kind is not None:
        return kind
    words = (detail or "").lower()
    if "passport" in words:
        return IdKind.PASSPORT
    if "identi" in words or "national number" in words:
        return IdKind.NATIONAL_ID
    return IdKind.OTHER


def _values(record: ChildIndex, name: str) -> list[str]:
    """The VALUE texts of a multi-valued field such as NATIONALITY or DESIGNATION."""
    texts = (text_of(value) for node in record.nodes(name) for value in children(node, "VALUE"))
    return [text for text in texts if text]


def _day(text: str | None) -> str | None:
    """A date from UN date fields, some of which carry a time-zone suffix (2001-01-25-05:00)."""
    return parse_date(text[:10]) if text else None


def _year(text: str | None) -> str | None:
    return parse_date(text) if text and text.isdigit() else None


SPEC = FormatSpec(
    format=FORMAT,
    title="UN Security Council Consolidated List XML",
    sniff=sniff,
    parse=file_by_file(_parse_file),
    lists=(LIST,),
)
