"""The UK Sanctions List (FCDO) as a set of derived, normalised tables (list ``gb_fcdo_sanctions``).

A third party split the FCDO CSV into subjects, names, identifiers, countries and birth dates,
keyed by the FCDO unique id. This module joins them back into one entry per designation. The
birth-date table's ids do not line up with the others, so its dates are reported, not attached.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sanctionguard.errors import ListFormatError
from sanctionguard.model.countries import country_code
from sanctionguard.model.dates import parse_date
from sanctionguard.model.entry import EntryBuilder, ListEntry, NameKind, SanctionDetail
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources.base import Bundle, Detection, FormatSpec, ListInfo, ParseReport, Sample
from sanctionguard.sources.printed_ids import document_number, registry_numbers
from sanctionguard.sources.textio import CsvRecord, csv_records, csv_rows, read_text

FORMAT = "uk_fcdo_derived"
LIST_NAME = "gb_fcdo_sanctions"
AUTHORITY = "UK Foreign, Commonwealth & Development Office"

# Each table's role, recognised by its key columns; a damaged header beyond these is still
# claimed, so that parsing can name the missing columns.
ROLE_MARKERS: Mapping[str, tuple[str, ...]] = {
    "subjects": ("unique_id", "subject_type"),
    "names": ("unique_id", "name_type"),
    "identifiers": ("unique_id", "identifier_type"),
    "countries": ("unique_id", "country_type"),
    "dobs": ("unique_id", "dob_id"),
}
# The columns the parser needs from each table.
ROLE_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "subjects": (
        "unique_id",
        "subject_type",
        "un_reference_number",
        "ofsi_group_id",
        "date_designated",
    ),
    "names": ("unique_id", "name_type", "alias_strength", "full_name"),
    "identifiers": ("unique_id", "raw_value", "identifier_type", "additional_info"),
    "countries": ("unique_id", "raw_value", "country_type", "iso"),
    "dobs": ("unique_id", "year", "month", "day", "precision"),
}
NAME_PART_COLUMNS = ("name_1", "name_2", "name_3", "name_4", "name_5", "name_6")

SCHEMAS = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}

# The regime is the letter prefix of the FCDO unique id (RUS0001, AQD0183, ...).
REGIMES = {
    "AFG": "Afghanistan",
    "AQD": "ISIL (Da'esh) and Al-Qaida",
    "BEL": "Belarus",
    "BIH": "Bosnia and Herzegovina",
    "CAF": "Central African Republic",
    "CHW": "Chemical Weapons",
    "CTD": "Counter-Terrorism (Domestic)",
    "CTI": "Counter-Terrorism (International)",
    "CYB": "Cyber",
    "DPR": "Democratic People's Republic of Korea",
    "DRC": "Democratic Republic of the Congo",
    "GAC": "Global Anti-Corruption",
    "GHR": "Global Human Rights",
    "GIM": "Global Irregular Migration and Trafficking in Persons",
    "GUB": "Guinea-Bissau",
    "GUC": "Republic of Guinea",
    "HAI": "Haiti",
    "INU": "Iran (Nuclear)",
    "IRN": "Iran",
    "IRQ": "Iraq",
    "LIB": "Libya",
    "MAL": "Mali",
    "MYA": "Myanmar",
    "NIC": "Nicaragua",
    "RUS": "Russia",
    "SOM": "Somalia",
    "SSU": "South Sudan",
    "SUD": "Sudan",
    "SYR": "Syria",
    "VEN": "Venezuela",
    "YEM": "Yemen",
}

_PREFIX = re.compile(r"^([A-Z]+)")
_COUNTRY_PROPERTY = {"nationality": "nationality", "birth": "birthCountry", "address": "country"}


@dataclass
class SideTables:
    """The side-table rows of each subject, keyed by unique id."""

    names: dict[str, list[CsvRecord]] = field(default_factory=dict)
    identifiers: dict[str, list[CsvRecord]] = field(default_factory=dict)
    countries: dict[str, set[tuple[str, str]]] = field(default_factory=dict)


def table_role(header: list[str]) -> str | None:
    """The role of a table from its header columns, or None if it is not one of ours."""
    columns = {c.strip().lstrip("\ufeff") for c in header}
    for role, markers in ROLE_MARKERS.items():
        if set(markers) <= columns:
            return role
    return None


def regime(unique_id: str) -> str | None:
    """The sanctions regime named by a unique id's prefix ("RUS0001" → "Russia")."""
    match = _PREFIX.match(unique_id)
    if match is None:
        return None
    return REGIMES.get(match.group(1), match.group(1))


def _table(path: Path, bundle: Bundle, role: str) -> Iterator[CsvRecord]:
    """Each row of one table; a blank unique_id is an error."""
    text = read_text(path, bundle.limits)
    for record in csv_records(text, path, required=ROLE_COLUMNS[role]):
        if not record.get("unique_id"):
            raise ListFormatError(path, "the unique_id column is empty", line=record.line)
        yield record


def _read_side_tables(bundle: Bundle, known: set[str], report: ParseReport) -> SideTables:
    tables = SideTables()
    for role in ("names", "identifiers", "countries"):
        for path in bundle.paths(role):
            orphans = 0
            for record in _table(path, bundle, role):
                uid = record.get("unique_id")
                if uid not in known:
                    orphans += 1
                elif role == "countries":
                    # 88k heavily repeated rows: keep only the distinct (role, country) pairs.
                    value = (record.cells["iso"] or record.cells["raw_value"]).strip()
                    pair = (record.cells["country_type"].strip(), value)
                    tables.countries.setdefault(uid, set()).add(pair)
                else:
                    getattr(tables, role).setdefault(uid, []).append(record)
            if orphans:
                report.warn(f"{path.name}: {orphans} rows name a unique_id missing from subjects")
    return tables


def _report_skipped_dobs(bundle: Bundle, report: ParseReport) -> None:
    for path in bundle.paths("dobs"):
        count = sum(1 for _ in _table(path, bundle, "dobs"))
        report.warn(
            f"{path.name}: {count} birth dates not attached; this derived table's unique_id "
            "column does not line up with the other UK tables (birth years disagree with the "
            "UN list for most shared persons), so attaching them would give people wrong dates"
        )


def _name_kind(row: CsvRecord) -> NameKind:
    if row.get("name_type") == "primary":
        return NameKind.PRIMARY
    if row.get("alias_strength").startswith("low"):
        return NameKind.WEAK_ALIAS
    return NameKind.STRONG_ALIAS


def _apply_names(builder: EntryBuilder, rows: list[CsvRecord], person: bool) -> None:
    for row in rows:
        parts = [row.get(c) for c in NAME_PART_COLUMNS]
        name = row.get("full_name") or " ".join(p for p in parts if p)
        if not person:
            builder.add_name(name, _name_kind(row))
            continue
        given, *middle, family = parts
        builder.add_name(
            name,
            _name_kind(row),
            parts={"given": given, "middle": " ".join(m for m in middle if m), "family": family},
        )


def _apply_identifiers(builder: EntryBuilder, rows: list[CsvRecord]) -> None:
    for row in rows:
        raw, info = row.get("raw_value").lstrip("'"), row.get("additional_info") or None
        kind = row.get("identifier_type")
        if kind == "imo":
            builder.add_identifier(IdKind.IMO, raw, note=info)
        elif kind in ("passport", "national"):
            doc = document_number(raw)
            id_kind = IdKind.PASSPORT if kind == "passport" else IdKind.NATIONAL_ID
            builder.add_identifier(id_kind, doc.number, doc.country, info or doc.note)
        elif kind == "business_registration_numbers":
            for found in registry_numbers(raw):
                builder.add_identifier(found.kind, found.number, note=found.note or info)
        else:
            builder.add_identifier(IdKind.OTHER, raw, note=" ".join(p for p in (kind, info) if p))


def _apply_countries(builder: EntryBuilder, values: set[tuple[str, str]]) -> None:
    for role, value in sorted(values):
        prop = _COUNTRY_PROPERTY.get(role, "country")
        if builder.has_property(prop) and country_code(value) is not None:
            builder.add(prop, value)
        elif value:
            builder.add_remark(f"Country ({role}) as printed: {value}")


def _schema(row: CsvRecord) -> str:
    subject_type = row.get("subject_type")
    schema = SCHEMAS.get(subject_type.lower())
    if schema is None:
        raise ListFormatError(
            row.path,
            f"unknown subject_type {subject_type!r}; expected individual, entity or ship",
            line=row.line,
        )
    return schema


def build_entry(subject: CsvRecord, tables: SideTables) -> ListEntry:
    """One designation's entry from its subjects row and its side-table rows."""
    uid = subject.get("unique_id")
    schema = _schema(subject)
    builder = EntryBuilder(LIST_NAME, uid, schema, origin=subject.origin, authority=AUTHORITY)
    _apply_names(builder, tables.names.get(uid, []), schema == "Person")
    builder.add_program(regime(uid))
    builder.set_listed_on(parse_date(subject.get("date_designated")))
    un_ref = subject.get("un_reference_number")
    builder.add_identifier(IdKind.OTHER, un_ref, note="UN reference")
    builder.add_sanction_detail(SanctionDetail.UNSC_ID, un_ref)
    builder.add_identifier(IdKind.OTHER, subject.get("ofsi_group_id"), note="OFSI group ID")
    _apply_identifiers(builder, tables.identifiers.get(uid, []))
    _apply_countries(builder, tables.countries.get(uid, set()))
    return builder.build()


def _latest(current: str | None, candidate: str | None) -> str | None:
    if candidate and (current is None or candidate > current):
        return candidate
    return current


def sniff(sample: Sample) -> Detection | None:
    """One of the five derived tables, recognised by its header columns."""
    first = sample.text.split("\n", 1)[0]
    try:
        header = next(row for _, row in csv_rows(first + "\n", sample.path))
    except (StopIteration, ListFormatError):
        return None
    role = table_role(header)
    if role is None:
        return None
    return Detection(FORMAT, LIST_NAME, sample.path, role=role)


def parse(bundle: Bundle, report: ParseReport) -> Iterator[ListEntry]:
    """Join the bundle's tables into one entry per subjects row."""
    if not bundle.paths("subjects"):
        raise ListFormatError(
            bundle.paths()[0],
            "the UK Sanctions List tables need subjects.csv (unique_id, subject_type, ...); "
            "load it together with the other tables",
        )
    subjects = [
        record for path in bundle.paths("subjects") for record in _table(path, bundle, "subjects")
    ]
    report.records_read = len(subjects)
    tables = _read_side_tables(bundle, {s.get("unique_id") for s in subjects}, report)
    _report_skipped_dobs(bundle, report)
    for subject in subjects:
        report.published = _latest(report.published, parse_date(subject.get("last_updated")))
        yield build_entry(subject, tables)


SPEC = FormatSpec(
    format=FORMAT,
    title="UK Sanctions List (FCDO), derived tables",
    sniff=sniff,
    parse=parse,
    multi_file=True,
    lists=(
        ListInfo(
            LIST_NAME,
            "UK Sanctions List (FCDO)",
            AUTHORITY,
            country="gb",
            url="https://www.gov.uk/government/publications/the-uk-sanctions-list",
        ),
    ),
)
