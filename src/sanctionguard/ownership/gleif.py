"""GLEIF Level 1 (LEI records) and Level 2 (relationship records), API and golden-copy JSON.

Level 2 says who *consolidates* whom in accounts (direct and ultimate accounting parents):
that is control, not a percentage, so each relationship becomes a control edge parent → child
with an unknown share. LEI records (API ``lei-records`` or the golden copy ``records``)
become parties named by their legal name and identified by the LEI and registration number.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sanctionguard.model.identifiers import IdKind
from sanctionguard.ownership.model import EdgeKind, OwnershipData, OwnershipEdge, Party
from sanctionguard.ownership.shares import edge_dates

RELATIONSHIP_ROLES = {
    "IS_DIRECTLY_CONSOLIDATED_BY": "direct accounting parent",
    "IS_ULTIMATELY_CONSOLIDATED_BY": "ultimate accounting parent",
    "IS_INTERNATIONAL_BRANCH_OF": "international branch",
    "IS_FUND-MANAGED_BY": "fund manager",
    "IS_SUBFUND_OF": "umbrella fund",
    "IS_FEEDER_TO": "master fund",
}


def looks_like_gleif(head: str) -> bool:
    return (
        '"goldenCopy"' in head
        or '"relationship-records"' in head
        or '"lei-records"' in head
        or ('"records"' in head and '"LEI"' in head)
    )


def party_id(lei: str) -> str:
    return f"lei:{lei}"


def read_gleif(path: Path) -> OwnershipData:
    """Parties and control edges from one GLEIF JSON file (API response or golden copy)."""
    data = OwnershipData(files=[str(path)])
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        data.error(f"{path.name}:{exc.lineno}", f"not JSON ({exc.msg}); file skipped")
        return data
    if isinstance(document, dict) and isinstance(document.get("records"), list):
        for number, record in enumerate(document["records"]):
            _golden_record(data, path.name, number, record)
        return data
    items = document.get("data") if isinstance(document, dict) else None
    for number, item in enumerate(items if isinstance(items, list) else [items]):
        if not isinstance(item, dict):
            continue
        location = f"{path.name} data[{number}]"
        if item.get("type") == "relationship-records":
            _relationship(data, location, path.name, item)
        elif item.get("type") == "lei-records":
            _api_record(data, path.name, item)
    return data


def _text(node: Any) -> str | None:
    if isinstance(node, dict):
        value = node.get("$")
        return str(value) if value else None
    return str(node) if node else None


def _golden_record(data: OwnershipData, file_name: str, number: int, record: Any) -> None:
    lei = _text(record.get("LEI")) if isinstance(record, dict) else None
    if not lei:
        data.error(f"{file_name} records[{number}]", "LEI record without LEI; skipped")
        return
    entity = record.get("Entity") or {}
    names = [_text(entity.get("LegalName"))]
    others = (entity.get("TransliteratedOtherEntityNames") or {}).get(
        "TransliteratedOtherEntityName"
    ) or []
    names += [_text(n) for n in (others if isinstance(others, list) else [others])]
    registration = _text(
        (entity.get("RegistrationAuthority") or {}).get("RegistrationAuthorityEntityID")
    )
    country = _text((entity.get("LegalAddress") or {}).get("Country"))
    data.add_party(_lei_party(lei, names, registration, country, file_name))


def _api_record(data: OwnershipData, file_name: str, item: dict[str, Any]) -> None:
    attributes = item.get("attributes") or {}
    lei = attributes.get("lei") or item.get("id")
    if not lei:
        return
    entity = attributes.get("entity") or {}
    names = [(entity.get("legalName") or {}).get("name")]
    names += [n.get("name") for n in entity.get("otherNames") or [] if isinstance(n, dict)]
    country = (entity.get("legalAddress") or {}).get("country")
    data.add_party(_lei_party(str(lei), names, entity.get("registeredAs"), country, file_name))


def _lei_party(
    lei: str, names: list[str | None], registration: str | None, country: str | None, source: str
) -> Party:
    identifiers = [(IdKind.LEI.value, lei.upper())]
    if registration:
        identifiers.append((IdKind.REGISTRATION.value, " ".join(registration.split()).upper()))
    return Party(
        id=party_id(lei.upper()),
        names=tuple(n for n in dict.fromkeys(names) if n),
        schema="Company",
        country=country.lower() if country else None,
        identifiers=tuple(identifiers),
        source=source,
    )


def _relationship(data: OwnershipData, location: str, source: str, item: dict[str, Any]) -> None:
    relation = (item.get("attributes") or {}).get("relationship") or {}
    child = (relation.get("startNode") or {}).get("id")
    parent = (relation.get("endNode") or {}).get("id")
    kind = str(relation.get("type") or "")
    if not child or not parent:
        data.error(location, "relationship record without start or end node; skipped")
        return
    periods = [p for p in relation.get("periods") or [] if isinstance(p, dict)]
    period = next((p for p in periods if p.get("type") == "RELATIONSHIP_PERIOD"), {})
    start, end, dates_known = edge_dates(
        data, location, period.get("startDate"), period.get("endDate")
    )
    if relation.get("status") == "INACTIVE" and end is None:
        data.warn(location, "inactive relationship without an end date; read as still in force")
    for lei in (child, parent):
        data.add_party(
            Party(
                id=party_id(lei.upper()),
                schema="Company",
                identifiers=((IdKind.LEI.value, lei.upper()),),
                source=source,
            )
        )
    data.edges.append(
        OwnershipEdge(
            id=str(item.get("id") or location),
            owner=party_id(parent.upper()),
            owned=party_id(child.upper()),
            kind=EdgeKind.CONTROL,
            role=RELATIONSHIP_ROLES.get(kind, kind.lower()),
            start=start,
            end=end,
            dates_known=dates_known,
            source=f"GLEIF {source}",
            location=location,
        )
    )
