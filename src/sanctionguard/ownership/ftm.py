"""followthemoney JSON lines (OpenSanctions exports): parties and their relations.

Reads Person / Company / Organization / LegalEntity / PublicBody entities as parties (names,
country, LEI / INN / OGRN / registration / tax numbers) and Ownership, Directorship, Family and
Associate entities as edges. An Ownership without ``percentage`` has an unknown share; one
whose role says "subsidiary" also yields a control edge (a subsidiary is controlled).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sanctionguard.model.identifiers import IdKind, make_identifier
from sanctionguard.ownership.model import (
    EdgeKind,
    OwnershipData,
    OwnershipEdge,
    Party,
    ShareRange,
)
from sanctionguard.ownership.shares import edge_dates, parse_share

PARTY_SCHEMAS = frozenset({"Person", "Company", "Organization", "LegalEntity", "PublicBody"})
ID_PROPERTIES = {
    "leiCode": IdKind.LEI,
    "innCode": IdKind.INN,
    "ogrnCode": IdKind.OGRN,
    "registrationNumber": IdKind.REGISTRATION,
    "taxNumber": IdKind.TAX_ID,
    "swiftBic": IdKind.BIC,
}
# schema → (from property, to property, kind): "from" owns, directs or relates to "to".
EDGE_SCHEMAS = {
    "Ownership": ("owner", "asset", EdgeKind.OWNERSHIP),
    "Directorship": ("director", "organization", EdgeKind.DIRECTORSHIP),
    "Family": ("person", "relative", EdgeKind.FAMILY),
    "Associate": ("person", "associate", EdgeKind.ASSOCIATE),
}


def looks_like_ftm(head: str) -> bool:
    first = head.lstrip().splitlines()[0] if head.strip() else ""
    return first.startswith("{") and '"schema"' in first and '"properties"' in first


def read_ftm(path: Path) -> OwnershipData:
    """Parties and edges from an FtM JSON lines file; bad lines are located errors."""
    data = OwnershipData(files=[str(path)])
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            location = f"{path.name}:{number}"
            try:
                entity = json.loads(line)
            except json.JSONDecodeError as exc:
                data.error(location, f"not JSON ({exc.msg}); line skipped")
                continue
            if not isinstance(entity, dict) or not isinstance(entity.get("properties"), dict):
                data.error(location, "not an FtM entity (no properties); line skipped")
                continue
            _read_entity(data, location, path.name, entity)
    return data


def _values(props: dict[str, Any], name: str) -> list[str]:
    value = props.get(name) or []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _read_entity(
    data: OwnershipData, location: str, file_name: str, entity: dict[str, Any]
) -> None:
    schema = str(entity.get("schema", ""))
    props: dict[str, Any] = entity["properties"]
    source = ",".join(entity.get("datasets") or []) or file_name
    if schema in PARTY_SCHEMAS and entity.get("id"):
        data.add_party(_party(str(entity["id"]), schema, props, source))
    elif schema in EDGE_SCHEMAS:
        _read_edge(data, location, str(entity.get("id") or location), schema, props, source)


def _party(entity_id: str, schema: str, props: dict[str, Any], source: str) -> Party:
    identifiers = [
        (kind.value, make_identifier(kind, value).value)
        for prop, kind in ID_PROPERTIES.items()
        for value in _values(props, prop)
    ]
    countries = _values(props, "country") + _values(props, "jurisdiction")
    names = _values(props, "name") + _values(props, "alias")
    return Party(
        id=entity_id,
        names=tuple(dict.fromkeys(names)),
        schema=schema,
        country=countries[0] if countries else None,
        identifiers=tuple(dict.fromkeys(identifiers)),
        source=source,
    )


def _read_edge(
    data: OwnershipData,
    location: str,
    edge_id: str,
    schema: str,
    props: dict[str, Any],
    source: str,
) -> None:
    from_prop, to_prop, kind = EDGE_SCHEMAS[schema]
    owners, owned = _values(props, from_prop), _values(props, to_prop)
    if not owners or not owned:
        data.error(location, f"{schema} {edge_id} lacks {from_prop} or {to_prop}; skipped")
        return
    role = "; ".join(_values(props, "role") + _values(props, "relationship"))
    percentage = _values(props, "percentage")
    share = parse_share(data, location, percentage[0]) if percentage else ShareRange.unknown()
    start_values, end_values = _values(props, "startDate"), _values(props, "endDate")
    start, end, dates_known = edge_dates(
        data, location, min(start_values, default=None), max(end_values, default=None)
    )
    kinds = [kind]
    if kind is EdgeKind.OWNERSHIP and "subsidiar" in role.lower():
        kinds.append(EdgeKind.CONTROL)
    for edge_kind in kinds:
        data.edges.append(
            OwnershipEdge(
                id=edge_id if edge_kind is kind else f"{edge_id}#control",
                owner=owners[0],
                owned=owned[0],
                kind=edge_kind,
                share=share if edge_kind is EdgeKind.OWNERSHIP else ShareRange.unknown(),
                role=role,
                start=start,
                end=end,
                dates_known=dates_known,
                source=source,
                location=location,
            )
        )
