"""Canada's Consolidated Autonomous Sanctions List XML (``data-set`` of ``record`` elements).

Owns reading the Global Affairs Canada file: one ``record`` per listing under the Special
Economic Measures Act regulations (and the JVCFOA regulations), people, entities and ships,
with free-text aliases that mix separators and scripts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from sanctionguard.errors import ListFormatError
from sanctionguard.model.dates import parse_date
from sanctionguard.model.entry import EntryBuilder, ListEntry, NameKind
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
from sanctionguard.sources.birth_dates import parse_birth_dates
from sanctionguard.sources.xmllist import ChildIndex, line_of, records, root_named

FORMAT = "ca_sema_xml"
ROOT = "data-set"
LIST_NAME = "ca_dfatd_sema_sanctions"
AUTHORITY = "Global Affairs Canada"
INFO = ListInfo(
    name=LIST_NAME,
    title="Canada Consolidated Autonomous Sanctions List (SEMA)",
    authority=AUTHORITY,
    country="ca",
    url="https://www.international.gc.ca/world-monde/assets/office_docs/international_relations-relations_internationales/sanctions/sema-lmes.xml",
)

# Language labels printed inside the Aliases cell ("Russian: Анна ...") and their ISO 639-3.
_LANGUAGES = {
    "arabic": "ara",
    "russian": "rus",
    "belarusian": "bel",
    "belarussian": "bel",
    "ukrainian": "ukr",
    "persian": "fas",
    "farsi": "fas",
    "chinese": "zho",
    "burmese": "mya",
    "hebrew": "heb",
    "korean": "kor",
}
_LABEL = re.compile(r"\s*\(?\s*\b(" + "|".join(_LANGUAGES) + r")\s*:\s*", re.IGNORECASE)
_OR = re.compile(r"\s+or\s+", re.IGNORECASE)
_LEADING_JOINER = re.compile(r"^(?:or|and|et)\s+", re.IGNORECASE)
# Alias pieces that are only a legal form ("ООО", "LLC") belong to the name before them.
_LEGAL_FORMS = frozenset(
    {"ооо", "оао", "ао", "зао", "пао", "пат", "тов", "llc", "jsc", "ojsc", "cjsc", "pjsc"}
    | {"ltd", "ltd.", "inc", "inc.", "co", "co.", "sa", "sarl", "gmbh", "limited", "corp"}
)
_ABBREVIATION = re.compile(r"\(([A-Z]{2,})\)\s*$")


def sniff(sample: Sample) -> Detection | None:
    """A ``data-set`` root whose ``record`` elements carry Country/Item fields."""
    head = sample.head[:8192]
    if root_named(sample.head, ROOT) is None or b"<record" not in head:
        return None
    if b"<Country>" in head or b"<Item>" in head:
        return Detection(FORMAT, LIST_NAME, sample.path)
    return None


def _parse_file(path: Path, bundle: Bundle, report: ParseReport) -> Iterator[ListEntry]:
    data = read_bytes(path, bundle.limits)
    found = 0
    for _, record in records(data, path, ROOT, ("record",)):
        found += 1
        report.records_read += 1
        entry = _entry(record, path, report)
        if entry.listed_on and (report.published is None or entry.listed_on > report.published):
            report.published = entry.listed_on
        yield entry
    if not found:
        raise ListFormatError(path, f"no <record> elements in the <{ROOT}>")


def _required(fields: ChildIndex, tag: str, path: Path, line: int | None) -> str:
    value = fields.text(tag)
    if value is None:
        raise ListFormatError(path, f"record has no <{tag}>", line=line, element="record")
    return value


def regime_label(country: str) -> str:
    """The English half of a bilingual regime label: "Russia / Russie" → "Russia"."""
    return country.split(" / ")[0].strip()


def normalise_schedule(schedule: str | None) -> str | None:
    """One spelling per schedule: "1,Part 3" and "1, Part 3" → "1, Part 3"."""
    if schedule is None:
        return None
    return re.sub(r"\s*,\s*", ", ", schedule).strip() or None


def source_id(country: str, schedule: str | None, item: str) -> str:
    """The record's reference: regime, schedule and item (items restart in every schedule)."""
    label = regime_label(country)
    abbreviation = _ABBREVIATION.search(label)
    regime = abbreviation.group(1) if abbreviation else label
    parts = [regime]
    if schedule:
        parts.append(schedule if schedule.lower().startswith("part") else f"Schedule {schedule}")
    parts.append(f"Item {item}")
    return " / ".join(parts)


def programme(country: str, schedule: str | None) -> str:
    """ "SEMA Russia Schedule 1 Part 1"; regulations outside SEMA keep their own name."""
    label = regime_label(country)
    base = label if "Regulations" in label else f"SEMA {label}"
    if not schedule:
        return base
    words = schedule.replace(",", "")
    if words.lower().startswith("part"):
        return f"{base} {words}"
    return f"{base} Schedule {words}"


def _entry(record: etree._Element, path: Path, report: ParseReport) -> ListEntry:
    line = line_of(record)
    fields = ChildIndex(record)
    country = _required(fields, "Country", path, line)
    item = _required(fields, "Item", path, line)
    schedule = normalise_schedule(fields.text("Schedule"))
    given = fields.text("GivenName")
    family = fields.text("LastName")
    entity = fields.text("EntityOrShip")
    ship_imo = fields.text("ShipIMONumber")
    if not (given or family or entity):
        raise ListFormatError(
            path,
            "record has no name (<GivenName>, <LastName> or <EntityOrShip>)",
            line=line,
            element="record",
        )
    schema = "Person" if given or family else "Vessel" if ship_imo else "Organization"
    builder = EntryBuilder(
        LIST_NAME,
        source_id(country, schedule, item),
        schema,
        origin=f"{path.name}:{line}",
        authority=AUTHORITY,
    )
    title = fields.text("TitleOrShip")
    if schema == "Person":
        name = " ".join(p for p in (given, family) if p)
        parts = {"given": given, "family": family, "title": title}
        builder.add_name(name, NameKind.PRIMARY, parts=parts)
    else:
        builder.add_name(entity, NameKind.PRIMARY)
    if schema == "Vessel":
        builder.add_identifier(IdKind.IMO, ship_imo)
        builder.add("type", title)
    elif schema == "Organization" and title:
        builder.add_remark(title)
    _add_aliases(builder, fields.text("Aliases"), schema)
    _add_date(builder, fields.text("DateOfBirthOrShipBuildDate"), report)
    builder.add_program(programme(country, schedule))
    builder.set_listed_on(parse_date(fields.text("DateOfListing")))
    return builder.build()


def _add_date(builder: EntryBuilder, text: str | None, report: ParseReport) -> None:
    if not text:
        return
    parsed = parse_birth_dates(text)
    if builder.schema == "Vessel":
        for date in parsed.dates:
            builder.add("buildDate", date.start)
    else:
        for date in parsed.dates:
            builder.add_birth_date(date.start, date.end, date.circa)
    if not parsed.complete:
        builder.add_remark(f"Date of birth or build as published: {text}")
        report.warn(f"{builder.origin}: date not fully understood: {text!r}")


def _add_aliases(builder: EntryBuilder, text: str | None, schema: str) -> None:
    if not text:
        return
    pieces = split_aliases(text)
    for value, lang in pieces:
        single_word = len(value.split()) == 1
        kind = NameKind.WEAK_ALIAS if schema == "Person" and single_word else NameKind.STRONG_ALIAS
        builder.add_name(value, kind, lang=lang)
    if len(pieces) > 1:
        # Splitting free text can misjudge a separator; the printed text stays on record.
        builder.add_remark(f"Aliases as published: {text}")


def split_aliases(text: str) -> list[tuple[str, str | None]]:
    """Alias values and their language from the free-text Aliases cell.

    Separators seen in the file: ';', ',', ' or ', '/' and "Language:" labels; commas and
    slashes inside parentheses do not separate. Pieces that are only a legal form ("ООО")
    are joined back to the name before them.

    >>> split_aliases("ОАО, БЭТО; Russian: Анна Леусик or Анна Пушкарева")
    [('ОАО БЭТО', None), ('Анна Леусик', 'rus'), ('Анна Пушкарева', 'rus')]
    """
    result: list[tuple[str, str | None]] = []
    prefix = ""
    for segment, lang in _language_segments(" ".join(text.split())):
        for piece in _split_top_level(_OR.sub(";", segment)):
            value = _clean_piece(piece)
            if not value:
                continue
            if value.casefold() in _LEGAL_FORMS:
                if result:
                    previous, previous_lang = result[-1]
                    result[-1] = (f"{previous}, {value}", previous_lang)
                else:
                    prefix = f"{prefix}{value} "
                continue
            result.append((prefix + value, lang))
            prefix = ""
    if prefix and not result:
        result.append((prefix.strip(), None))
    return list(dict.fromkeys(result))


def _language_segments(text: str) -> list[tuple[str, str | None]]:
    segments: list[tuple[str, str | None]] = []
    lang: str | None = None
    position = 0
    for match in _LABEL.finditer(text):
        segments.append((text[position : match.start()], lang))
        lang = _LANGUAGES[match.group(1).lower()]
        position = match.end()
    segments.append((text[position:], lang))
    return segments


def _split_top_level(text: str) -> list[str]:
    pieces: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        if char == ";" or (depth == 0 and char in ",/"):
            pieces.append("".join(current))
            current = []
            if char == ";":
                depth = 0
            continue
        current.append(char)
    pieces.append("".join(current))
    return pieces


def _clean_piece(piece: str) -> str:
    value = _LEADING_JOINER.sub("", piece.strip(" ,;:\t"))
    if value.count("(") > value.count(")") and value.startswith("("):
        value = value[1:].strip()
    if value.count(")") > value.count("(") and value.endswith(")"):
        value = value[:-1].strip()
    if value.count("(") != value.count(")"):
        value = value.replace("(", "").replace(")", "").strip()
    return " ".join(value.split())


SPEC = FormatSpec(
    format=FORMAT,
    title="Canada Consolidated Autonomous Sanctions List XML",
    sniff=sniff,
    parse=file_by_file(_parse_file),
    lists=(INFO,),
)
