"""Derived-blocked entities as screenable entries, so a customer matching one alerts as such.

Each entity blocked (or undetermined) under a jurisdiction's ownership rule becomes a
``StoredEntity`` on the list ``ownership_<jurisdiction>`` with the party's names and
identifiers; its ``programs`` say which rule blocked it and how, so a match result carries
the reason ("OFAC O1 blocked: 55% held by blocked owners …"). Screening merges these with a
snapshot's entries (``Screener.from_entities``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sanctionguard.model.entry import record_hash
from sanctionguard.ownership.analysis import Analysis, Finding, Status
from sanctionguard.store.snapshots import StoredEntity

LIST_PREFIX = "ownership_"
SCREENABLE_SCHEMAS = frozenset({"Person", "Company", "Organization", "LegalEntity", "PublicBody"})


def derived_entities(
    analysis: Analysis, statuses: Iterable[Status] = (Status.BLOCKED, Status.UNDETERMINED)
) -> list[StoredEntity]:
    """One screenable entry per (jurisdiction, derived finding) of an analysis."""
    entities = []
    for finding in analysis.findings(statuses):
        party = analysis.data.parties.get(finding.party_id)
        if party is None or not party.names:
            continue
        schema = party.schema if party.schema in SCREENABLE_SCHEMAS else "LegalEntity"
        record = _record(finding, list(party.names), party.identifiers, schema)
        entities.append(
            StoredEntity(
                entity_id=record["id"],
                list_name=record["list"],
                schema=schema,
                caption=party.caption,
                source_id=finding.party_id,
                content_hash=record_hash(record),
                record=record,
            )
        )
    return entities


def _reason(finding: Finding) -> str:
    share = (
        f"{finding.share_low:g}%"
        if finding.status is Status.BLOCKED
        else f"up to {finding.share_high:g}%"
    )
    paths = finding.describe_paths()
    via = f"; {paths[0]}" if paths else ""
    return (
        f"{finding.jurisdiction.upper()} {finding.rule_id} {finding.status.value} by ownership "
        f"or control as of {finding.as_of} ({share}, threshold {finding.threshold}){via}"
    )


def _record(
    finding: Finding, names: list[str], identifiers: tuple[tuple[str, str], ...], schema: str
) -> dict[str, Any]:
    list_name = f"{LIST_PREFIX}{finding.jurisdiction}"
    return {
        "id": f"{list_name}-{finding.party_id}",
        "schema": schema,
        "caption": names[0],
        "list": list_name,
        "source_id": finding.party_id,
        "names": [
            {"value": name, "kind": "primary" if i == 0 else "strong_alias"}
            for i, name in enumerate(names)
        ],
        "identifiers": [
            {"kind": kind, "value": value, "raw": value, "country": None, "valid": None}
            for kind, value in identifiers
        ],
        "birth_dates": [],
        "programs": [_reason(finding)],
        "listed_on": None,
        "remarks": finding.describe_paths(),
        "links": [],
        "properties": {},
        "related": [],
    }
