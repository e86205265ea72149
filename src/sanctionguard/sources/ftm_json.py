"""FollowTheMoney JSON-lines exports (``entities.ftm.json``): one entity per line.

Owns turning each FtM entity into its own ``ListEntry`` under its own id, so references
between entities (Ownership owner/asset, Sanction entity, Family relative...) stay valid.
Parties (Thing schemas) also get typed names, identifiers, birth dates, programmes and the
listing date of the Sanction entities that point at them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData

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
from sanctionguard.sources.textio import decode_utf8

FORMAT = "ftm_json"
TITLE = "OpenSanctions FtM export"
AUTHORITY = "OpenSanctions (CC BY-NC 4.0)"
FALLBACK_LIST = "opensanctions_ftm"
PREFIX = "opensanctions_"
LISTS = (ListInfo(name=FALLBACK_LIST, title=TITLE, authority=AUTHORITY),)

NAME_KINDS = {
    "name": NameKind.PRIMARY,
    "alias": NameKind.STRONG_ALIAS,
    "weakAlias": NameKind.WEAK_ALIAS,
    "previousName": NameKind.FORMER,
}
ID_KINDS = {
    "imoNumber": IdKind.IMO,
    "innCode": IdKind.INN,
    "ogrnCode": IdKind.OGRN,
    "leiCode": IdKind.LEI,
    "swiftBic": IdKind.BIC,
    "passportNumber": IdKind.PASSPORT,
    "idNumber": IdKind.NATIONAL_ID,
    "taxNumber": IdKind.TAX_ID,
    "registrationNumber": IdKind.REGISTRATION,
    "mmsi": IdKind.MMSI,
    "callSign": IdKind.CALL_SIGN,
}


@dataclass
class _SanctionFacts:
    """What the Sanction entities pointing at one party say about its listing."""

    dates: list[str] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)


def sniff(sample: Sample) -> Detection | None:
    """JSON lines whose objects carry ``id``, ``schema`` and ``properties``."""
    lines = [line for line in sample.text.split("\n") if line.strip()]
    if not lines or not lines[0].lstrip().startswith("{"):
        return None
    entities = [e for e in (_loads(line) for line in lines) if e is not None]
    if not entities:
        head = lines[0]
        looks_like = '"schema"' in head and '"properties"' in head and '"id"' in head
        return Detection(FORMAT, FALLBACK_LIST, sample.path) if looks_like else None
    if not all(isinstance(e.get("properties"), dict) and "schema" in e for e in entities):
        return None
    return Detection(FORMAT, list_name(entities), sample.path)


def _loads(line: str) -> dict[str, Any] | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def list_name(entities: list[dict[str, Any]]) -> str:
    """One list per file: the dataset every sampled entity belongs to, else the fallback.

    A slice of one source dataset (all lines ``"datasets": ["eu_fsf"]``) is named after it
    with an ``opensanctions_`` prefix (``opensanctions_eu_fsf``), so OpenSanctions' copy of a
    list never replaces the list loaded from the authority's own file; a file mixing datasets
    (a merged export) is ``opensanctions_ftm``.
    """
    common: list[str] | None = None
    for entity in entities:
        datasets = entity.get("datasets")
        if not isinstance(datasets, list) or not datasets:
            return FALLBACK_LIST
        names = [d for d in datasets if isinstance(d, str)]
        common = names if common is None else [d for d in common if d in names]
    return f"{PREFIX}{common[0]}" if common else FALLBACK_LIST


def _parse_file(path: Path, bundle: Bundle, report: ParseReport) -> Iterator[ListEntry]:
    text = decode_utf8(read_bytes(path, bundle.limits), path)
    if not text.strip():
        raise ListFormatError(path, "the file is empty")
    builders: list[EntryBuilder] = []
    facts: dict[str, _SanctionFacts] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        report.records_read += 1
        entity = _entity(line, path, number)
        builders.append(_builder(entity, bundle.list_name, path, number))
        _note_sanction(entity, facts)
        _note_published(entity, report)
    # Sanctions may come before or after their party, so listing facts are applied last.
    for builder in builders:
        found = facts.get(builder.id)
        if found is not None:
            for date in found.dates:
                builder.set_listed_on(date)
            for program in found.programs:
                builder.add_program(program)
        yield builder.build(sanction=False)


def _entity(line: str, path: Path, number: int) -> dict[str, Any]:
    try:
        entity = json.loads(line)
    except ValueError as exc:
        raise ListFormatError(path, f"not valid JSON: {exc}", line=number) from exc
    if not isinstance(entity, dict):
        raise ListFormatError(path, "a line must hold one JSON object (an entity)", line=number)
    for key in ("id", "schema"):
        if not isinstance(entity.get(key), str) or not entity[key].strip():
            raise ListFormatError(path, f"entity has no {key!r}", line=number)
    properties = entity.get("properties", {})
    if not isinstance(properties, dict) or not all(
        isinstance(v, list) and all(isinstance(x, str) for x in v) for v in properties.values()
    ):
        raise ListFormatError(
            path, "'properties' must map property names to lists of strings", line=number
        )
    return entity


def _builder(entity: dict[str, Any], list_code: str, path: Path, number: int) -> EntryBuilder:
    schema = model.get(entity["schema"])
    if schema is None or schema.abstract:
        raise ListFormatError(
            path, f"unknown or abstract FtM schema {entity['schema']!r}", line=number
        )
    entity_id = entity["id"]
    builder = EntryBuilder(
        list_code,
        entity_id,
        schema.name,
        origin=f"{path.name}:{number}",
        authority=AUTHORITY,
        entity_id=entity_id,
    )
    is_party = schema.is_a("Thing")
    for prop, values in entity.get("properties", {}).items():
        if prop not in schema.properties:
            raise ListFormatError(
                path, f"schema {schema.name} has no property {prop!r}", line=number
            )
        for value in values:
            _add_value(builder, prop, value, is_party)
    return builder


def _add_value(builder: EntryBuilder, prop: str, value: str, is_party: bool) -> None:
    if is_party and prop in NAME_KINDS:
        builder.add_name(value, NAME_KINDS[prop])
    elif is_party and prop in ID_KINDS:
        builder.add_identifier(ID_KINDS[prop], value)
    elif is_party and prop == "birthDate":
        iso = parse_date(value)
        if iso is None:
            builder.add_remark(f"Birth date as published: {value}")
        builder.add_birth_date(iso)
    elif prop == "programId":
        builder.add_program(value)
    elif prop == "notes":
        builder.add_remark(value)
    else:
        try:
            builder.proxy.add(prop, value, cleaned=True)
        except InvalidData:
            return


def _note_sanction(entity: dict[str, Any], facts: dict[str, _SanctionFacts]) -> None:
    if entity["schema"] != "Sanction":
        return
    props = entity.get("properties", {})
    dates = [
        d
        for d in (parse_date(v) for v in props.get("listingDate") or props.get("startDate") or [])
        if d
    ]
    programs = props.get("programId") or props.get("program") or []
    for target in props.get("entity", []):
        found = facts.setdefault(target, _SanctionFacts())
        found.dates.extend(dates)
        found.programs.extend(programs)


def _note_published(entity: dict[str, Any], report: ParseReport) -> None:
    seen = entity.get("last_seen")
    day = parse_date(seen) if isinstance(seen, str) else None
    if day and (report.published is None or day > report.published):
        report.published = day


SPEC = FormatSpec(
    format=FORMAT,
    title=TITLE,
    sniff=sniff,
    parse=file_by_file(_parse_file),
    lists=LISTS,
)
