"""The trade.gov Consolidated Screening List CSV (29 columns, header row; plain or gzip).

One row is one party on one of the US export-control and sanctions lists it consolidates (SDN,
Entity List, Denied Persons...). Row ids repeat across those lists (an OFAC party on the SDN and
SSI lists keeps its ent_num on both), so the source id is "<list code>-<row id>"; a row repeated
within one list is merged into the first with a warning.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from followthemoney.types import registry

from sanctionguard.errors import ListFormatError
from sanctionguard.model.countries import country_code
from sanctionguard.model.dates import parse_date
from sanctionguard.model.entry import EntryBuilder, ListEntry, NameKind, SanctionDetail
from sanctionguard.sources.base import Bundle, Detection, FormatSpec, ListInfo, ParseReport, Sample
from sanctionguard.sources.ofac_terms import (
    Detail,
    add_birth_date_text,
    add_remarks,
    apply_detail,
    id_kind,
    is_known_label,
    resolve_links,
    schema_for,
)
from sanctionguard.sources.textio import cell, cell_values, csv_dicts, read_text

FORMAT = "us_csl_csv"
INFO = ListInfo(
    "us_trade_csl",
    "US Consolidated Screening List (trade.gov)",
    "US Department of Commerce / State / Treasury",
    "us",
    "https://www.trade.gov/consolidated-screening-list",
)
ID_COLUMNS = ("_id", "id")
COLUMNS = (
    "source",
    "entity_number",
    "type",
    "programs",
    "name",
    "title",
    "addresses",
    "federal_register_notice",
    "start_date",
    "end_date",
    "standard_order",
    "license_requirement",
    "license_policy",
    "call_sign",
    "vessel_type",
    "gross_tonnage",
    "gross_registered_tonnage",
    "vessel_flag",
    "vessel_owner",
    "remarks",
    "source_list_url",
    "alt_names",
    "citizenships",
    "dates_of_birth",
    "nationalities",
    "places_of_birth",
    "source_information_url",
    "ids",
)
# Columns only the CSL has. Three of them make the file a CSL, so a file missing a column is
# still recognised and then refused with the missing column named.
_SNIFF_COLUMNS = {
    "source",
    "entity_number",
    "alt_names",
    "source_list_url",
    "federal_register_notice",
    "source_information_url",
    "standard_order",
}

# Columns holding one OFAC-labelled value each, and the label.
_LABELLED = (
    ("title", "Title"),
    ("call_sign", "Vessel Call Sign"),
    ("vessel_type", "Vessel Type"),
    ("gross_tonnage", "Vessel Tonnage"),
    ("gross_registered_tonnage", "Vessel Gross Registered Tonnage"),
    ("vessel_flag", "Vessel Flag"),
    ("vessel_owner", "Vessel Owner"),
)
# ";"-separated columns of labelled values.
_LABELLED_LISTS = (
    ("places_of_birth", "Place of Birth"),
    ("nationalities", "Nationality"),
    ("citizenships", "Citizenship"),
)
# Columns kept as labelled remarks.
_REMARK_COLUMNS = (
    ("federal_register_notice", "Federal Register notice"),
    ("end_date", "End date"),
    ("standard_order", "Standard order"),
    ("license_requirement", "License requirement"),
    ("license_policy", "License policy"),
)
_AKA = re.compile(r"^(?P<name>.*?)\s*\((?:a\.k\.a\.|aka)\s+(?P<aliases>[^)]*)\)\s*$", re.I)
_CODE = re.compile(r"\(([^()]+)\)")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


def sniff(sample: Sample) -> Detection | None:
    """A CSV whose header row has the CSL columns (source, name, alt_names, ids...)."""
    first = sample.text.split("\n", 1)[0]
    try:
        header = {h.strip() for h in next(csv.reader([first]))}
    except (csv.Error, StopIteration):
        return None
    if len(header & _SNIFF_COLUMNS) < 3:
        return None
    return Detection(FORMAT, INFO.name, sample.path)


def parse(bundle: Bundle, report: ParseReport) -> Iterator[ListEntry]:
    builders: dict[str, EntryBuilder] = {}
    for path in bundle.paths():
        _read_file(path, bundle, builders, report)
    yield from resolve_links([b.build() for b in builders.values()], scope=_source_list)


def _source_list(entry: ListEntry) -> str:
    """The CSL source list an entry was read from (its first programme)."""
    return entry.programs[0] if entry.programs else ""


def _read_file(
    path: Path, bundle: Bundle, builders: dict[str, EntryBuilder], report: ParseReport
) -> None:
    text = read_text(path, bundle.limits)
    for line, row in csv_dicts(text, path, required=COLUMNS):
        report.records_read += 1
        row_id = cell(row.get("_id")) or cell(row.get("id"))
        if row_id is None:
            if not any(c in row for c in ID_COLUMNS):
                raise ListFormatError(path, "missing column(s) _id in the header row", line=1)
            raise ListFormatError(path, "row has no id", line=line)
        source = cell(row["source"])
        if source is None or cell(row["name"]) is None:
            raise ListFormatError(path, f"row {row_id} has no source list or no name", line=line)
        list_name, _, agency = source.partition(" - ")
        source_id = f"{list_code(list_name)}-{row_id}"
        builder = builders.get(source_id)
        if builder is None:
            builder = _builder(row, source_id, agency, f"{path.name}:{line}")
            builders[source_id] = builder
        else:
            report.warn(
                f"{path.name}:{line}: {list_name} row {row_id} repeats the row at "
                f"{builder.origin}; merged into one entry"
            )
        _fill(builder, row, list_name)


def list_code(list_name: str) -> str:
    """The short code of a CSL source list: "Entity List (EL)" → "EL", "(NS-MBS List)" → "NS-MBS".

    >>> list_code("Military End User (MEU) List")
    'MEU'
    """
    codes = _CODE.findall(list_name)
    code = codes[-1] if codes else list_name
    code = code.removesuffix(" List").strip()
    return re.sub(r"[^A-Za-z0-9]+", "-", code).strip("-").upper()


def _builder(row: dict[str, str], source_id: str, agency: str, origin: str) -> EntryBuilder:
    schema = schema_for(row["type"]) or "LegalEntity"
    return EntryBuilder(
        INFO.name, source_id, schema, origin=origin, authority=agency.strip() or INFO.authority
    )


def _fill(builder: EntryBuilder, row: dict[str, str], list_name: str) -> None:
    _add_names(builder, row)
    builder.add_program(list_name)
    for program in cell_values(row["programs"]):
        builder.add_program(program)
    for address in cell_values(row["addresses"]):
        _add_address(builder, address)
    builder.set_listed_on(parse_date(cell(row["start_date"])))
    for value in cell_values(row["dates_of_birth"]):
        add_birth_date_text(builder, value)
    for column, label in _LABELLED:
        if row[column]:
            apply_detail(builder, Detail(label, row[column]))
    for column, label in _LABELLED_LISTS:
        for value in cell_values(row[column]):
            apply_detail(builder, Detail(label, value))
    for piece in cell_values(row["ids"]):
        apply_detail(builder, id_detail(piece))
    add_remarks(builder, cell(row["remarks"]))
    for column, label in _REMARK_COLUMNS:
        remark = cell(row[column])
        if remark:
            builder.add_remark(f"{label}: {remark}")
    builder.add_sanction_detail(SanctionDetail.END_DATE, cell(row["end_date"]))
    # The list's page is where both the party and its listing are published.
    builder.add_sanction_detail(SanctionDetail.SOURCE_URL, _clean_url(cell(row["source_list_url"])))
    for column in ("source_list_url", "source_information_url"):
        url = _clean_url(cell(row[column]))
        if url is not None:
            builder.proxy.add("sourceUrl", url, cleaned=True)


@lru_cache(maxsize=256)
def _clean_url(text: str | None) -> str | None:
    """A cleaned URL; each list repeats its few URLs on every row, so clean each once."""
    cleaned = registry.url.clean(text) if text else None
    return str(cleaned) if cleaned else None


# --- names ------------------------------------------------------------------------------------


def _add_names(builder: EntryBuilder, row: dict[str, str]) -> None:
    name = cell(row["name"]) or ""
    aliases = cell_values(row["alt_names"])
    aka = _AKA.match(name)
    if aka is not None:
        name = aka["name"]
        aliases += cell_values(aka["aliases"])
    # "X; and any successor, sub-unit, or subsidiary thereof": the name, then its scope.
    name, *scope = [p.strip() for p in name.split(";")]
    value, parts = _ordered(builder, name)
    builder.add_name(value, NameKind.PRIMARY, parts=parts)
    for text in scope:
        builder.add_remark(f"Listed with: {text}")
    for alias in aliases:
        value, parts = _ordered(builder, alias.removeprefix("and ").strip())
        builder.add_name(value, NameKind.STRONG_ALIAS, parts=parts)


def _ordered(builder: EntryBuilder, name: str) -> tuple[str, dict[str, str | None] | None]:
    """A person's "FAMILY, Given[, Suffix]" in reading order, with its parts."""
    pieces = [p.strip() for p in name.split(",")]
    if builder.schema != "Person" or len(pieces) < 2 or not all(pieces):
        return name, None
    family, given, *suffix = pieces
    parts = {"given": given, "family": family, "suffix": ", ".join(suffix) or None}
    return " ".join([given, family, *suffix]), parts


# --- addresses and identifiers -------------------------------------------------------------


def _add_address(builder: EntryBuilder, address: str) -> None:
    text = address.removeprefix("and ").strip()
    last = text.rsplit(",", 1)[-1].strip()
    country = last if _COUNTRY_CODE.match(last) and country_code(last) else None
    builder.add_address(text, country)


def id_detail(text: str) -> Detail:
    """One piece of the ``ids`` cell as a labelled detail.

    trade.gov has printed these both ways round: "Passport, 836238033, KP" and (older files)
    "KP, 2019-01-01, 2014-01-02, 836238033, Passport" (country, expiry, issue, number, type).
    Whichever end carries a known OFAC label is the label.

    >>> id_detail("Passport, 836238033, KP")
    Detail(label='Passport', value='836238033', country='KP', issued=None, expires=None, note=None)
    >>> id_detail("JO, 2014-08-30, 2009-08-31, K475336, Passport").expires
    '2014-08-30'
    """
    parts = [p.strip() for p in text.split(", ") if p.strip()]
    if len(parts) < 2:
        return Detail("Identifier", text)
    reverse = is_known_label(parts[-1]) and not is_known_label(parts[0])
    reverse = reverse or (not is_known_label(parts[0]) and _is_country(parts[0]))
    label, rest = (parts[-1], parts[:-1]) if reverse else (parts[0], parts[1:])
    if id_kind(label) is None:
        return Detail(label, ", ".join(rest))
    if not reverse:
        rest.reverse()
    country = rest.pop(0) if len(rest) > 1 and _is_country(rest[0]) else None
    dates: list[str] = []
    while len(rest) > 1 and _ISO_DATE.match(rest[0]):
        dates.append(rest.pop(0))
    value = ", ".join(rest if reverse else rest[::-1])
    if len(dates) == 2:
        return Detail(label, value, country, issued=dates[1], expires=dates[0])
    # A lone date could be the issue or the expiry date; keep it without guessing.
    note = f"dated {dates[0]}" if dates else None
    return Detail(label, value, country, note=note)


def _is_country(text: str) -> bool:
    return bool(_COUNTRY_CODE.match(text)) and country_code(text) is not None


SPEC = FormatSpec(
    format=FORMAT,
    title="trade.gov Consolidated Screening List CSV",
    sniff=sniff,
    parse=parse,
    lists=(INFO,),
)
