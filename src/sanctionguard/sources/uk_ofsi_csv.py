"""HM Treasury OFSI Consolidated List in its ConList.csv layout (list ``gb_hmt_sanctions``).

The file opens with a ``Last Updated,<date>`` line, then a header row; each data row is one
name of one designation, and the rows sharing a Group ID are merged into one entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from sanctionguard.errors import ListFormatError
from sanctionguard.model.countries import country_code
from sanctionguard.model.dates import parse_date
from sanctionguard.model.entry import EntryBuilder, ListEntry, NameKind, SanctionDetail
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources.base import Bundle, Detection, FormatSpec, ListInfo, ParseReport, Sample
from sanctionguard.sources.printed_ids import document_number, imo_numbers, registry_numbers
from sanctionguard.sources.textio import CsvRecord, csv_dicts, read_text

FORMAT = "uk_ofsi_csv"
LIST_NAME = "gb_hmt_sanctions"
AUTHORITY = "HM Treasury OFSI"

NAME_COLUMNS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")
REQUIRED = (*NAME_COLUMNS, "DOB", "Group Type", "Alias Type", "Regime", "Group ID")
ADDRESS_COLUMNS = ("Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6")

SCHEMAS = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
# OFSI alias types: the designation's main name, then its variants and aliases.
_PRIMARY_TYPES = ("primary name",)
_FALLBACK_PRIMARY_TYPES = ("prime alias",)
_LANGUAGES = {
    "arabic": "ara",
    "belarusian": "bel",
    "chinese": "zho",
    "farsi": "fas",
    "georgian": "kat",
    "hebrew": "heb",
    "japanese": "jpn",
    "korean": "kor",
    "pashto": "pus",
    "persian": "fas",
    "russian": "rus",
    "ukrainian": "ukr",
    "urdu": "urd",
}

_UPDATED_LINE = re.compile(r"^\ufeff?Last Updated,\s*([^,\r\n]*)", re.IGNORECASE)
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_LABELLED = re.compile(r"\(([A-Za-z][^()]{1,60})\)\s*:\s*")
_UN_REF = re.compile(r"UN\s*Ref\)?\s*:?\s*([A-Za-z]{2,3}[ie]\.\d{1,4})", re.IGNORECASE)


class OfsiRow(CsvRecord):
    """One name row of a designation."""

    @property
    def alias_type(self) -> str:
        return self.get("Alias Type").lower()


def uk_date(text: str | None) -> str | None:
    """An ISO date prefix from OFSI's dd/mm/yyyy, where 00 marks an unknown day or month.

    >>> uk_date("00/00/1970"), uk_date("00/04/1984"), uk_date("10/00/1983"), uk_date("28/09/1955")
    ('1970', '1984-04', '1983', '1955-09-28')
    """
    value = (text or "").strip()
    match = _UK_DATE.match(value)
    if match is None:
        return parse_date(value)
    day, month, year = (int(g) for g in match.groups())
    if month == 0:
        return parse_date(str(year))
    if day == 0:
        return parse_date(f"{year:04d}-{month:02d}")
    return parse_date(f"{year:04d}-{month:02d}-{day:02d}")


def _split_updated_line(text: str, path: Path) -> tuple[str | None, str]:
    """The "Last Updated" date and the CSV text from the header row on."""
    first, _, rest = text.partition("\n")
    match = _UPDATED_LINE.match(first)
    if match is None:
        return None, text
    published = uk_date(match.group(1))
    if match.group(1).strip() and published is None:
        raise ListFormatError(path, f"unreadable Last Updated date {match.group(1)!r}", line=1)
    return published, rest


def ofsi_rows(path: Path, text: str) -> Iterator[OfsiRow]:
    """The data rows of a ConList.csv text; line numbers count the Last Updated line."""
    _, body = _split_updated_line(text, path)
    offset = 0 if body is text else 1
    try:
        for line, cells in csv_dicts(body, path, required=REQUIRED):
            yield OfsiRow(path, line + offset, cells)
    except ListFormatError as exc:
        if exc.line is None:
            raise
        raise ListFormatError(path, exc.message, line=exc.line + offset) from exc


def full_name(row: OfsiRow) -> str:
    """Name 1..5 then Name 6 (the surname, or an entity's whole name)."""
    return " ".join(p for p in (row.get(c) for c in (*NAME_COLUMNS[:5], "Name 6")) if p)


def _name_parts(row: OfsiRow) -> dict[str, str]:
    middle = " ".join(p for p in (row.get(c) for c in NAME_COLUMNS[1:5]) if p)
    return {
        "given": row.get("Name 1"),
        "middle": middle,
        "family": row.get("Name 6"),
        "title": row.get("Title"),
    }


def _primary_row(rows: Sequence[OfsiRow]) -> OfsiRow:
    """The row naming the designation: "Primary name", else "Prime Alias", else the first."""
    for types in (_PRIMARY_TYPES, _FALLBACK_PRIMARY_TYPES):
        for row in rows:
            if row.alias_type in types:
                return row
    return rows[0]


def _alias_kind(row: OfsiRow) -> NameKind:
    if row.get("Alias Quality").lower().startswith("low"):
        return NameKind.WEAK_ALIAS
    return NameKind.STRONG_ALIAS


def _apply_names(builder: EntryBuilder, rows: Sequence[OfsiRow], person: bool) -> None:
    primary = _primary_row(rows)
    builder.add_name(
        full_name(primary), NameKind.PRIMARY, parts=_name_parts(primary) if person else None
    )
    for row in rows:
        name = full_name(row)
        if name and name != full_name(primary):
            builder.add_name(name, _alias_kind(row), parts=_name_parts(row) if person else None)
        script_name = row.get("Name Non-Latin Script")
        if script_name:
            lang = _LANGUAGES.get(row.get("Non-Latin Script Language").lower())
            builder.add_name(script_name, NameKind.STRONG_ALIAS, lang=lang)


def _birth_place(row: OfsiRow) -> str | None:
    parts = [p for p in (row.get("Town of Birth"), row.get("Country of Birth")) if p]
    return ", ".join(parts) or None


def _address(row: OfsiRow) -> str | None:
    parts = [row.get(c) for c in (*ADDRESS_COLUMNS, "Post/Zip Code", "Country")]
    return ", ".join(p for p in parts if p) or None


def _apply_person(builder: EntryBuilder, row: OfsiRow) -> None:
    dob = row.get("DOB")
    iso = uk_date(dob)
    if iso:
        builder.add_birth_date(iso)
    elif dob:
        builder.add_remark(f"Date of birth as printed: {dob}")
    builder.add("birthPlace", _birth_place(row))
    builder.add("birthCountry", row.get("Country of Birth"))
    for value in _split(row.get("Nationality")):
        builder.add("nationality", value)
    builder.add("position", row.get("Position"))
    builder.add("title", row.get("Title"))


def _split(cell: str) -> list[str]:
    """OFSI numbers multiple values "(1) X (2) Y"; split on those markers."""
    parts = re.split(r"\(\d+\)", cell)
    return [" ".join(p.strip(" ,;").split()) for p in parts if p.strip(" ,;")]


# (number column, details column, kind); older files print the number inside the details.
_DOCUMENTS = (
    ("Passport Number", "Passport Details", IdKind.PASSPORT),
    ("National Identification Number", "National Identification Details", IdKind.NATIONAL_ID),
    ("NI Number", "NI Details", IdKind.NATIONAL_ID),
)


def _leading_country(details: str) -> str | None:
    """The issuer OFSI often prints first in the details ("Russian. Issued 01/02/2010")."""
    head = re.split(r"[.,;(]", details, maxsplit=1)[0].strip()
    return country_code(head) if 2 < len(head) <= 30 else None


def _apply_documents(builder: EntryBuilder, row: OfsiRow) -> None:
    for number_col, detail_col, kind in _DOCUMENTS:
        number, details = row.get(number_col), row.get(detail_col)
        if number:
            for value in _split(number):
                doc = document_number(value)
                country = doc.country or _leading_country(details)
                builder.add_identifier(kind, doc.number, country, details or doc.note)
        elif details and number_col not in row.cells:
            for value in _split(details):
                doc = document_number(value)
                builder.add_identifier(kind, doc.number, doc.country, doc.note)
        elif details:
            builder.add_remark(f"{detail_col}: {details}")


def _labelled(text: str) -> dict[str, str]:
    """OFSI's "(Label):value" segments of Other Information, label lower-cased."""
    found: dict[str, str] = {}
    matches = list(_LABELLED.finditer(text))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        value = text[match.end() : end].strip(" .;")
        if value:
            found.setdefault(match.group(1).strip().lower(), value)
    return found


def _add_registry_numbers(builder: EntryBuilder, value: str) -> None:
    for found in registry_numbers(value):
        builder.add_identifier(found.kind, found.number, note=found.note)


# "(Label):value" facts of Other Information: the first label keyword found decides.
_LABEL_FACTS: tuple[tuple[str, Callable[[EntryBuilder, str], object]], ...] = (
    (
        "uk sanctions list ref",
        lambda b, v: b.add_identifier(
            IdKind.OTHER, v.split()[0], note="UK Sanctions List reference"
        ),
    ),
    ("gender", lambda b, v: b.add("gender", v.lower())),
    ("flag", lambda b, v: b.add_country(v, "flag")),
    ("type of ship", lambda b, v: b.add("type", v)),
    ("vessel type", lambda b, v: b.add("type", v)),
    ("tonnage", lambda b, v: b.add("tonnage", v)),
    ("type of entity", lambda b, v: b.add("legalForm", v)),
    ("business reg", _add_registry_numbers),
    ("parent company", lambda b, v: b.add_link("parent", v)),
    ("subsidiar", lambda b, v: b.add_link("subsidiary", v)),
    ("owner", lambda b, v: b.add_link("owner", v)),
)


def _apply_other_information(builder: EntryBuilder, text: str) -> str | None:
    """Facts OFSI prints inside Other Information; returns the UN reference if any."""
    if not text:
        return None
    builder.add_remark(text)
    for label, value in _labelled(text).items():
        handler = next((h for key, h in _LABEL_FACTS if key in label), None)
        if handler is not None:
            handler(builder, value)
    for imo in imo_numbers(text):
        builder.add_identifier(IdKind.IMO, imo)
    un_ref = _UN_REF.search(text)
    if un_ref is None:
        return None
    builder.add_identifier(IdKind.OTHER, un_ref.group(1), note="UN reference")
    return un_ref.group(1)


def _schema(rows: Sequence[OfsiRow]) -> str:
    group_type = rows[0].get("Group Type")
    schema = SCHEMAS.get(group_type.lower())
    if schema is None:
        raise ListFormatError(
            rows[0].path,
            f"unknown Group Type {group_type!r}; expected Individual, Entity or Ship",
            line=rows[0].line,
        )
    return schema


def build_entry(rows: Sequence[OfsiRow]) -> ListEntry:
    """One designation's entry from all its name rows (one Group ID)."""
    first = rows[0]
    schema = _schema(rows)
    builder = EntryBuilder(
        LIST_NAME, first.get("Group ID"), schema, origin=first.origin, authority=AUTHORITY
    )
    _apply_names(builder, rows, schema == "Person")
    for row in rows:
        builder.add_program(row.get("Regime"))
        builder.set_listed_on(uk_date(row.get("Listed On")))
        if schema == "Person":
            _apply_person(builder, row)
        _apply_documents(builder, row)
        builder.add_address(_address(row), row.get("Country"))
        un_ref = _apply_other_information(builder, row.get("Other Information"))
        builder.add_sanction_detail(SanctionDetail.UNSC_ID, un_ref)
    builder.add_identifier(IdKind.OTHER, first.get("Group ID"), note="OFSI group ID")
    return builder.build()


def group_rows(rows: Iterator[OfsiRow]) -> list[list[OfsiRow]]:
    """Rows grouped by Group ID, in order of first appearance; a row without one is an error."""
    groups: dict[str, list[OfsiRow]] = {}
    for row in rows:
        group_id = row.get("Group ID")
        if not group_id:
            raise ListFormatError(row.path, "the Group ID column is empty", line=row.line)
        groups.setdefault(group_id, []).append(row)
    return list(groups.values())


def sniff(sample: Sample) -> Detection | None:
    """A ConList.csv: OFSI's "Name 6, Name 1" header, after a "Last Updated" line or with Group ID.

    A file with the Last Updated line but a damaged header is still claimed, so that the
    parser can name the missing columns instead of the file being "unknown".
    """
    lines = sample.text.split("\n", 2)
    updated = _UPDATED_LINE.match(lines[0]) is not None
    header = lines[1] if updated and len(lines) > 1 else lines[0]
    columns = {c.strip().strip('"') for c in header.split(",")}
    if {"Name 6", "Name 1"} <= columns and (updated or "Group ID" in columns):
        return Detection(FORMAT, LIST_NAME, sample.path)
    return None


def parse(bundle: Bundle, report: ParseReport) -> Iterator[ListEntry]:
    """Every designation of each ConList.csv in the bundle, one entry per Group ID."""
    for path in bundle.paths():
        text = read_text(path, bundle.limits)
        published, _ = _split_updated_line(text, path)
        if published and (report.published is None or published > report.published):
            report.published = published
        rows = list(ofsi_rows(path, text))
        report.records_read += len(rows)
        for group in group_rows(iter(rows)):
            yield build_entry(group)


SPEC = FormatSpec(
    format=FORMAT,
    title="UK OFSI Consolidated List (ConList.csv)",
    sniff=sniff,
    parse=parse,
    lists=(
        ListInfo(
            LIST_NAME,
            "UK HM Treasury OFSI Consolidated List",
            AUTHORITY,
            country="gb",
            url="https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv",
        ),
    ),
)
