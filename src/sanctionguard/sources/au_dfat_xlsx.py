"""Australia's DFAT Consolidated List workbook (regulation8_consolidated.xlsx).

Owns turning the sheet's one-row-per-name layout into one entry per listing: rows share a
numeric reference ("1234" for the primary name, "1234a", "1234b" for aliases), and free-text
cells carry dates of birth, addresses, passports and IMO numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sanctionguard.errors import ListFormatError
from sanctionguard.model.countries import country_code
from sanctionguard.model.dates import parse_date
from sanctionguard.model.entry import EntryBuilder, ListEntry, NameKind
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources.base import (
    Bundle,
    Detection,
    FormatSpec,
    Limits,
    ListInfo,
    ParseReport,
    Sample,
)
from sanctionguard.sources.birth_dates import parse_birth_dates
from sanctionguard.sources.printed_ids import imo_numbers
from sanctionguard.sources.xlsx import SheetRow, is_xlsx, iter_rows, read_head

FORMAT = "au_dfat_xlsx"
LIST_NAME = "au_dfat_sanctions"
AUTHORITY = "Department of Foreign Affairs and Trade"
INFO = ListInfo(
    name=LIST_NAME,
    title="Australia DFAT Consolidated List",
    authority=AUTHORITY,
    country="au",
    url="https://www.dfat.gov.au/international-relations/security/sanctions/consolidated-list",
)

REFERENCE = "reference"
NAME = "name of individual or entity"
TYPE = "type"
NAME_TYPE = "name type"
REQUIRED = (REFERENCE, NAME, TYPE, NAME_TYPE)

SCHEMAS = {"individual": "Person", "entity": "Organization"}
NAME_KINDS = {
    "primary name": NameKind.PRIMARY,
    "aka": NameKind.STRONG_ALIAS,
    "original script": NameKind.STRONG_ALIAS,
    "formerly known as": NameKind.FORMER,
    "previously listed as": NameKind.FORMER,
}
_NULLS = frozenset({"na", "n/a", "-", "none", "not applicable", "unknown"})
_REFERENCE = re.compile(r"^\s*(\d+)(?:\.0)?([a-z]*\d*)\s*$", re.IGNORECASE)
_LIST_MARKER = re.compile(r"(?:^|\s)\(?[a-z]\)\s*")
_COMMITTEE_SPLIT = re.compile(r"(?<=\))\s+(?=\d|Autonomous)")
_LISTED_ON = re.compile(
    r"\b(?:listed|designated)\b[^.;]{0,80}?\bon:?\s+"
    r"(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\.?\s+[A-Za-z]+\.?,?\s+\d{4})",
    re.IGNORECASE,
)
_PASSPORT_NUMBER = r"(?P<number>[A-Z]{0,3}[ -]?\d[0-9A-Z]{4,})\b"
_PASSPORTS = (
    # "Pakistani passport number AT0712501", "Tunisian Passport number: L851940"
    re.compile(
        r"\b(?P<country>[A-Z][a-z]+)\s+[Pp]assport\s+(?:[Nn]o\.?|[Nn]umber)\s*:?\s*"
        + _PASSPORT_NUMBER
    ),
    # "Passport No.: N001820740", "Passport no: Malaysia number A31142734"
    re.compile(
        r"\bpassport\s+(?:no\.?|number)\s*:?\s*(?:(?P<country>[A-Z][A-Za-z]+)\s+number\s+)?"
        + _PASSPORT_NUMBER,
        re.IGNORECASE,
    ),
)


@dataclass(frozen=True)
class NameRow:
    """One sheet row: a name of a listed party, with the facts printed beside it.

    ``cells`` maps header names to trimmed values; blanks and "NA" are left out.
    """

    number: int
    reference: str
    group: str
    cells: dict[str, str]

    def get(self, column: str) -> str | None:
        return self.cells.get(column)


def _clean_cells(cells: dict[str, str]) -> dict[str, str]:
    clean: dict[str, str] = {}
    for column, raw in cells.items():
        value = " ".join(raw.split())
        if value and value.casefold() not in _NULLS:
            clean[column] = value
    return clean


def sniff(sample: Sample) -> Detection | None:
    """An .xlsx whose header names the DFAT columns."""
    if not is_xlsx(sample.members):
        return None
    try:
        head = read_head(sample.path, Limits())
    except ListFormatError:
        return None
    if b"Name of Individual or Entity" in head and b"Name Type" in head:
        return Detection(FORMAT, LIST_NAME, sample.path)
    return None


def parse(bundle: Bundle, report: ParseReport) -> Iterator[ListEntry]:
    for path in bundle.paths():
        groups = _grouped_rows(path, bundle.limits, report)
        for rows in groups.values():
            yield _entry(rows, path, report)


def _grouped_rows(path: Path, limits: Limits, report: ParseReport) -> dict[str, list[NameRow]]:
    rows = iter_rows(path, limits)
    header = next(rows, None)
    if header is None:
        raise ListFormatError(path, "the workbook's first sheet is empty", line=1)
    columns = _columns(header, path)
    groups: dict[str, list[NameRow]] = {}
    for row in rows:
        report.records_read += 1
        cells = _clean_cells({name: row.cells.get(letter, "") for name, letter in columns.items()})
        name_row = _name_row(row.number, cells, path, report)
        if name_row is not None:
            groups.setdefault(name_row.group, []).append(name_row)
    if not groups:
        raise ListFormatError(path, "no name rows below the header row", line=header.number + 1)
    return groups


def _columns(header: SheetRow, path: Path) -> dict[str, str]:
    """Header names (trimmed, case-folded) → column letters; the name columns are required."""
    columns = {" ".join(v.split()).casefold(): k for k, v in header.cells.items() if v.strip()}
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ListFormatError(
            path,
            f"header row lacks column(s) {', '.join(missing)}; is this the DFAT Consolidated "
            "List workbook?",
            line=header.number,
        )
    return columns


def _name_row(
    number: int, cells: dict[str, str], path: Path, report: ParseReport
) -> NameRow | None:
    reference = cells.get(REFERENCE, "")
    match = _REFERENCE.match(reference)
    if match is None:
        report.warn(f"{path.name}:{number}: row without a usable reference {reference!r} skipped")
        return None
    row = NameRow(number, reference, match.group(1), cells)
    if row.get(NAME) is None:
        raise ListFormatError(
            path, f"row {number} (reference {reference}) has no name", line=number
        )
    return row


def _entry(rows: list[NameRow], path: Path, report: ParseReport) -> ListEntry:
    primary = _primary_row(rows, path, report)
    type_text = (primary.get(TYPE) or "").casefold()
    schema = SCHEMAS.get(type_text)
    if schema is None:
        raise ListFormatError(
            path,
            f"row {primary.number}: unknown Type {primary.get(TYPE)!r} "
            "(expected Individual or Entity)",
            line=primary.number,
        )
    builder = EntryBuilder(
        LIST_NAME,
        primary.group,
        schema,
        origin=f"{path.name}:{primary.number}",
        authority=AUTHORITY,
    )
    builder.add_name(primary.get(NAME), NameKind.PRIMARY)
    for row in rows:
        if row is not primary:
            _add_alias(builder, row, path, report)
    _add_facts(builder, rows, report)
    return builder.build()


def _primary_row(rows: list[NameRow], path: Path, report: ParseReport) -> NameRow:
    primaries = [r for r in rows if _name_type(r) == "primary name"]
    if len(primaries) != 1:
        report.warn(
            f"{path.name}:{rows[0].number}: reference {rows[0].group} has {len(primaries)} "
            "primary names; the first row is taken as primary"
        )
    return primaries[0] if primaries else rows[0]


def _name_type(row: NameRow) -> str:
    return (row.get(NAME_TYPE) or "").casefold()


def _add_alias(builder: EntryBuilder, row: NameRow, path: Path, report: ParseReport) -> None:
    name_type = _name_type(row)
    kind = NAME_KINDS.get(name_type)
    if kind is None or kind is NameKind.PRIMARY:
        report.warn(f"{path.name}:{row.number}: name type {row.get(NAME_TYPE)!r} read as an alias")
        kind = NameKind.STRONG_ALIAS
    original = True if name_type == "original script" else None
    builder.add_name(row.get(NAME), kind, original_script=original)


def _distinct(rows: list[NameRow], column: str) -> list[str]:
    """The different values a column takes over a listing's rows (alias rows repeat most)."""
    values = (row.get(column) for row in rows)
    return list(dict.fromkeys(v for v in values if v))


def _add_facts(builder: EntryBuilder, rows: list[NameRow], report: ParseReport) -> None:
    """The columns beside the names; alias rows may vary them, so every value is kept."""
    for text in _distinct(rows, "date of birth"):
        _add_birth_dates(builder, text, report)
    for text in _distinct(rows, "place of birth"):
        for place in split_list(text):
            builder.add("birthPlace", place)
    for text in _distinct(rows, "citizenship"):
        for citizenship in _split_countries(text):
            if builder.add_country(citizenship, "citizenship") is None:
                builder.add_remark(f"Citizenship: {citizenship}")
    for text in _distinct(rows, "address"):
        for address in split_list(text):
            builder.add_address(address, address.rsplit(",", 1)[-1])
    for text in _distinct(rows, "additional information"):
        _add_information(builder, text)
    for text in _distinct(rows, "listing information"):
        _add_listing(builder, text)
    for text in _distinct(rows, "committees"):
        for committee in _COMMITTEE_SPLIT.split(text):
            builder.add_program(committee)
    for text in _distinct(rows, "control date"):
        _add_control_date(builder, text, report)


def _add_control_date(builder: EntryBuilder, text: str, report: ParseReport) -> None:
    """DFAT's "Control Date" is when the record was last reviewed or amended."""
    control = parse_date(text)
    if control:
        builder.add("modifiedAt", control)
        if report.published is None or control > report.published:
            report.published = control


def _add_birth_dates(builder: EntryBuilder, text: str | None, report: ParseReport) -> None:
    if not text:
        return
    parsed = parse_birth_dates(text)
    for date in parsed.dates:
        builder.add_birth_date(date.start, date.end, date.circa)
    if not parsed.complete:
        builder.add_remark(f"Date of birth as published: {text}")
        report.warn(f"{builder.origin}: date of birth not fully understood: {text!r}")


def split_list(text: str | None) -> list[str]:
    """Items of a cell written as "a) first b) second", or the whole cell."""
    if not text:
        return []
    pieces = [p.strip(" ;,") for p in _LIST_MARKER.split(text)]
    return [p for p in pieces if p]


def _split_countries(text: str | None) -> list[str]:
    """Countries in a cell: "Russian and Ukrainian" → two, "Bosnia and Herzegovina" → one."""
    pieces: list[str] = []
    for item in split_list(text):
        if country_code(item) is not None:
            pieces.append(item)
            continue
        pieces.extend(p.strip() for p in re.split(r",|;|\band\b|/", item) if p.strip())
    return pieces


def _add_information(builder: EntryBuilder, text: str | None) -> None:
    if not text:
        return
    builder.add_remark(text)
    for imo in imo_numbers(text):
        # DFAT lists no ships: IMO numbers in its records identify shipping companies.
        note = "IMO company number" if builder.schema == "Organization" else None
        builder.add_identifier(IdKind.IMO, imo, note=note)
    for passport, country in extract_passports(text):
        builder.add_identifier(IdKind.PASSPORT, passport, country=country)


def extract_passports(text: str) -> list[tuple[str, str | None]]:
    """Passport numbers written plainly ("Passport No.: N001820740", "Yemeni passport number
    01055336"), with the issuing country when it is named and recognised.

    Lists of several numbers ("Passport no: a) ... b) ...") are left in the remark.
    """
    found: dict[str, str | None] = {}
    for pattern in _PASSPORTS:
        for match in pattern.finditer(text):
            number = " ".join(match.group("number").split())
            country = match.group("country")
            code = country_code(country) if country else None
            if found.get(number) is None:
                found[number] = code
    return list(found.items())


def _add_listing(builder: EntryBuilder, text: str | None) -> None:
    if not text:
        return
    iso = parse_date(text)
    if iso:
        builder.set_listed_on(iso)
        return
    builder.add_remark(text)
    match = _LISTED_ON.search(text)
    if match:
        builder.set_listed_on(parse_date(match.group(1).replace(". ", " ")))


SPEC = FormatSpec(
    format=FORMAT,
    title="Australia DFAT Consolidated List workbook",
    sniff=sniff,
    parse=parse,
    lists=(INFO,),
)
