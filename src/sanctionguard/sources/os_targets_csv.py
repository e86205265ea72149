"""OpenSanctions ``targets.simple.csv`` exports: one row per target, ';'-separated cells.

Owns reading the simplified export (id, schema, name, aliases, birth_date, countries,
addresses, identifiers, sanctions, phones, emails, program_ids, dataset, first_seen,
last_seen, last_change). The identifiers cell mixes schemes without labels, so each value is
recognised by its form and validated (IMO, INN, OGRN, MMSI, LEI, call signs...).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from sanctionguard.errors import ListFormatError
from sanctionguard.model.dates import parse_date
from sanctionguard.model.entry import EntryBuilder, ListEntry, NameKind
from sanctionguard.model.identifiers import IdKind, make_identifier
from sanctionguard.sources.base import (
    Bundle,
    Detection,
    FormatSpec,
    ListInfo,
    ParseReport,
    Sample,
    file_by_file,
)
from sanctionguard.sources.textio import cell_values, csv_dicts, csv_rows, read_text

FORMAT = "os_targets_csv"
TITLE = "OpenSanctions targets (simple CSV)"
AUTHORITY = "OpenSanctions (CC BY-NC 4.0)"
REQUIRED = ("id", "schema", "name", "aliases", "identifiers", "dataset")
SCHEMAS = frozenset(
    {"Person", "Company", "Organization", "LegalEntity", "Vessel", "Airplane", "PublicBody"}
)
# The dataset column prints a dataset's title; the list is named by its OpenSanctions code.
KNOWN_DATASETS = {"Ukraine War and Sanctions": "ua_war_sanctions"}
LISTS = tuple(
    ListInfo(
        name=code,
        title=TITLE,
        authority=AUTHORITY,
        url=f"https://www.opensanctions.org/datasets/{code}/",
    )
    for code in KNOWN_DATASETS.values()
)

_SLUG = re.compile(r"[^a-z0-9]+")
_IMO = re.compile(r"^IMO\s*(\d{7})$", re.IGNORECASE)
_DIGITS = re.compile(r"^\d+$")
_CALL_SIGN = re.compile(r"^(?=.*[A-Z])[A-Z0-9]{3,7}$")
_BIC = re.compile(r"^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$")
_LEI = re.compile(r"^[A-Z0-9]{18}\d{2}$")


def list_name(dataset: str) -> str:
    """The list code for a dataset cell: known titles map to their code, codes stay as they
    are, other titles become a slug ("Some Title" → "some_title")."""
    value = " ".join(dataset.split())
    if value in KNOWN_DATASETS:
        return KNOWN_DATASETS[value]
    return _SLUG.sub("_", value.lower()).strip("_") or "opensanctions"


def sniff(sample: Sample) -> Detection | None:
    """A CSV whose header is the targets.simple layout; the list comes from its dataset."""
    text = sample.text
    first_line = text.split("\n", 1)[0]
    if not all(f'"{c}"' in first_line or f",{c}," in first_line for c in ("schema", "dataset")):
        return None
    try:
        rows = csv_rows(text, sample.path)
        header = [h.strip() for h in next(rows)[1]]
        if not set(REQUIRED) <= set(header) or "first_seen" not in header:
            return None
        first = next(rows, None)
    except ListFormatError:
        return None
    dataset = ""
    if first is not None and len(first[1]) == len(header):
        dataset = first[1][header.index("dataset")]
    return Detection(FORMAT, list_name(dataset), sample.path)


def _parse_file(path: Path, bundle: Bundle, report: ParseReport) -> Iterator[ListEntry]:
    text = read_text(path, bundle.limits)
    found = 0
    for line, row in csv_dicts(text, path, REQUIRED):
        found += 1
        report.records_read += 1
        dataset = list_name(row["dataset"])
        if dataset != bundle.list_name:
            raise ListFormatError(
                path,
                f"row of dataset {row['dataset']!r} in a file of {bundle.list_name!r}; "
                "a targets file must hold one dataset",
                line=line,
            )
        entry = _entry(row, path, line, bundle.list_name)
        last_seen = parse_date(row.get("last_seen"))
        if last_seen and (report.published is None or last_seen > report.published):
            report.published = last_seen
        yield entry
    if not found:
        raise ListFormatError(path, "no targets below the header row", line=2)


def _entry(row: dict[str, str], path: Path, line: int, list_code: str) -> ListEntry:
    target_id = row["id"].strip()
    schema = row["schema"].strip()
    if not target_id:
        raise ListFormatError(path, "row has no id", line=line)
    if schema not in SCHEMAS:
        raise ListFormatError(path, f"unknown schema {schema!r} for {target_id}", line=line)
    builder = EntryBuilder(
        list_code,
        target_id,
        schema,
        origin=f"{path.name}:{line}",
        authority=AUTHORITY,
        entity_id=target_id,
    )
    name = " ".join(row["name"].split())
    if not name:
        raise ListFormatError(path, f"target {target_id} has no name", line=line)
    builder.add_name(name, NameKind.PRIMARY)
    for alias in cell_values(row["aliases"]):
        builder.add_name(alias, NameKind.STRONG_ALIAS)
    for birth_date in cell_values(row.get("birth_date")):
        builder.add_birth_date(parse_date(birth_date))
    for country in cell_values(row.get("countries")):
        builder.add_country(country)
    for address in cell_values(row.get("addresses")):
        builder.add("address", address)
    for raw in cell_values(row["identifiers"]):
        kind, note = identifier_kind(raw, schema)
        builder.add_identifier(kind, raw, note=note)
    for phone in cell_values(row.get("phones")):
        builder.add("phone", phone)
    for email in cell_values(row.get("emails")):
        builder.add("email", email)
    for program in cell_values(row.get("program_ids")):
        builder.add_program(program)
    sanctions = (row.get("sanctions") or "").strip()
    if sanctions and sanctions != '""':
        builder.add_remark(sanctions)
    builder.add("modifiedAt", parse_date(row.get("last_change")))
    return builder.build()


def identifier_kind(raw: str, schema: str) -> tuple[IdKind, str | None]:
    """The scheme of an unlabelled identifier, judged by its form and checksum.

    >>> identifier_kind("IMO9253325", "Vessel")
    (<IdKind.IMO: 'imo'>, None)
    >>> identifier_kind("1027700132195", "Company")
    (<IdKind.OGRN: 'ogrn'>, None)
    >>> identifier_kind("UBRS8", "Vessel")
    (<IdKind.CALL_SIGN: 'call_sign'>, None)
    """
    value = raw.strip().upper()
    if _IMO.match(value):
        return IdKind.IMO, None if schema == "Vessel" else "IMO company number"
    if _DIGITS.match(value):
        return _numeric_kind(value, schema)
    compact = value.replace(" ", "")
    if len(compact) == 20 and _LEI.match(compact) and _valid(IdKind.LEI, compact):
        return IdKind.LEI, None
    if schema == "Vessel":
        return (IdKind.CALL_SIGN, None) if _CALL_SIGN.match(value) else (IdKind.REGISTRATION, None)
    if schema != "Person" and _BIC.match(compact) and _valid(IdKind.BIC, compact):
        return IdKind.BIC, None
    if schema == "Person":
        return IdKind.OTHER, "unrecognised identifier form"
    return IdKind.REGISTRATION, None


def _numeric_kind(value: str, schema: str) -> tuple[IdKind, str | None]:
    length = len(value)
    if length in {13, 15}:
        return IdKind.OGRN, None
    if length == 12 or (length == 10 and schema != "Person"):
        return IdKind.INN, None
    if schema == "Vessel" and length == 9:
        return IdKind.MMSI, None
    if length == 10:
        # Ukrainian taxpayer numbers (RNOKPP) have ten digits, like legal-entity INNs.
        if _valid(IdKind.INN, value):
            return IdKind.INN, None
        return IdKind.TAX_ID, None
    if schema == "Person":
        return IdKind.OTHER, "unrecognised identifier form"
    return IdKind.REGISTRATION, None


def _valid(kind: IdKind, value: str) -> bool:
    return make_identifier(kind, value).valid is True


SPEC = FormatSpec(
    format=FORMAT,
    title=TITLE,
    sniff=sniff,
    parse=file_by_file(_parse_file),
    lists=LISTS,
)
