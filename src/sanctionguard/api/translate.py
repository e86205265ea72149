"""Between yente's wire shapes and the matcher: FtM examples to ``Query``, results to scored
FtM entities with explanations, catalog entries to entity responses with nested adjacents.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sanctionguard.api.catalog import CatalogEntry
from sanctionguard.api.settings import ApiSettings
from sanctionguard.errors import SanctionguardError
from sanctionguard.match.query import QueryError, canonical_schema
from sanctionguard.match.types import MatchResult, Query
from sanctionguard.model.dates import parse_date
from sanctionguard.model.identifiers import FTM_PROPERTY, IdKind, make_identifier

NAME_PROPS = ("name", "alias", "previousName", "weakAlias")
PART_PROPS = ("firstName", "secondName", "middleName", "fatherName", "lastName")
DATE_PROPS = ("birthDate", "incorporationDate")
COUNTRY_PROPS = ("nationality", "citizenship", "country", "jurisdiction", "flag", "mainCountry")
# FtM identifier properties read as typed identifiers (registrationNumber as a company register).
ID_PROPS: dict[str, IdKind] = {
    prop: kind for kind, prop in FTM_PROPERTY.items() if kind is not IdKind.AIRCRAFT_TAIL
}
ID_PROPS["bicCode"] = IdKind.BIC


class ExampleError(SanctionguardError):
    """A query entity cannot be read; the message names the query and the property."""


def _values(key: str, prop: str, raw: Any, api: ApiSettings) -> list[str]:
    items = raw if isinstance(raw, list) else [raw]
    if len(items) > api.max_values:
        raise ExampleError(
            f"query {key!r}: property {prop!r} has {len(items)} values; at most {api.max_values}"
        )
    values = []
    for item in items:
        if item is None:
            continue
        if not isinstance(item, str | int | float) or isinstance(item, bool):
            raise ExampleError(f"query {key!r}: property {prop!r} values must be strings")
        text = str(item).strip()
        if len(text) > api.max_name_chars:
            raise ExampleError(
                f"query {key!r}: a value of {prop!r} is {len(text)} characters long; "
                f"at most {api.max_name_chars}"
            )
        if text:
            values.append(text)
    return values


def clean_properties(
    key: str, properties: Mapping[str, Any], api: ApiSettings
) -> dict[str, list[str]]:
    """The example's properties as lists of non-blank strings, within the limits."""
    if len(properties) > 100:
        raise ExampleError(f"query {key!r}: too many properties ({len(properties)})")
    cleaned = {str(p)[:100]: _values(key, str(p)[:100], v, api) for p, v in properties.items()}
    return {p: v for p, v in cleaned.items() if v}


def _names(props: Mapping[str, list[str]]) -> tuple[str, ...]:
    names = [n for p in NAME_PROPS for n in props.get(p, [])]
    parts = [props[p][0] for p in PART_PROPS if props.get(p)]
    if parts:
        names.append(" ".join(parts))
    return tuple(dict.fromkeys(names))


def _dates(key: str, props: Mapping[str, list[str]]) -> tuple[str, ...]:
    dates = []
    for prop in DATE_PROPS:
        for value in props.get(prop, []):
            date = parse_date(value)
            if date is None:
                raise ExampleError(
                    f"query {key!r}: {prop} {value!r} is not a date; use YYYY-MM-DD, YYYY-MM "
                    "or YYYY"
                )
            dates.append(date)
    return tuple(dates)


def example_query(
    key: str, schema: str, properties: Mapping[str, list[str]], entity_id: str | None = None
) -> Query:
    """The matcher query for one yente example (``ExampleError`` naming the bad field)."""
    try:
        canonical = canonical_schema(schema)
    except QueryError as exc:
        raise ExampleError(f"query {key!r}: {exc}") from exc
    genders = properties.get("gender", [])
    identifiers = tuple(
        make_identifier(kind, value, vessel=canonical == "Vessel" or None)
        for prop, kind in ID_PROPS.items()
        for value in properties.get(prop, [])
    )
    return Query(
        names=_names(properties),
        schema=canonical,
        birth_dates=_dates(key, properties),
        countries=tuple(c for p in COUNTRY_PROPS for c in properties.get(p, [])),
        gender=genders[0] if genders else None,
        identifiers=identifiers,
        id=entity_id or key,
    )


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")


def entity_dict(
    entry: CatalogEntry, last_seen: datetime | None, nested: bool = False
) -> dict[str, Any]:
    """yente's ``EntityResponse`` for one listed entity (adjacent entities nested on request)."""
    record = entry.record()
    props: dict[str, list[Any]] = dict(record.get("properties", {}))
    if nested:
        _nest(props, entry, record)
    return {
        "id": entry.entity_id,
        "caption": entry.caption,
        "schema": entry.schema,
        "properties": props,
        "datasets": [entry.list_name],
        "referents": [],
        "target": True,
        "first_seen": _iso(entry.times.first_seen),
        "last_seen": _iso(last_seen),
        "last_change": _iso(entry.times.last_change),
    }


def _nest(props: dict[str, list[Any]], entry: CatalogEntry, record: Mapping[str, Any]) -> None:
    """Sanctions and other derived entities under ``sanctions``/``cryptoWallets``, links under
    ``linkedTo``-style properties as small ``UnknownLink`` entities, as yente nests them."""
    for related in record.get("related", []):
        prop = "sanctions" if related.get("schema") == "Sanction" else "holder"
        props.setdefault(prop, []).append(
            {
                "id": related.get("id", ""),
                "caption": related.get("properties", {}).get("program", [related.get("schema")])[0]
                or related.get("schema", ""),
                "schema": related.get("schema", "Thing"),
                "properties": related.get("properties", {}),
                "datasets": [entry.list_name],
                "referents": [],
                "target": False,
            }
        )
    for index, link in enumerate(record.get("links", [])):
        target = link.get("target_id") or link.get("target") or ""
        props.setdefault("unknownLinkSubject", []).append(
            {
                "id": f"{entry.entity_id}-link-{index}",
                "caption": str(link.get("relation") or "link"),
                "schema": "UnknownLink",
                "properties": {
                    "subject": [entry.entity_id],
                    "object": [target],
                    "role": [str(link.get("relation") or "")],
                    **({"description": [link["target"]]} if link.get("target") else {}),
                },
                "datasets": [entry.list_name],
                "referents": [],
                "target": False,
            }
        )


def explanations(result: MatchResult) -> dict[str, dict[str, Any]]:
    """yente's per-feature explanations: score, readable detail, the values compared, weight."""
    explained: dict[str, dict[str, Any]] = {}
    for feature in result.features:
        item: dict[str, Any] = {
            "score": feature.value,
            "detail": feature.reason,
            "query": None,
            "candidate": None,
            "weight": feature.weight,
        }
        if feature.name.startswith("name") and result.name is not None:
            item["query"] = result.name.query_name
            item["candidate"] = result.name.listed_name
        explained[feature.name] = item
    return explained


def scored_dict(
    result: MatchResult, entry: CatalogEntry | None, last_seen: datetime | None
) -> dict[str, Any]:
    """yente's ``ScoredEntityResponse`` for one match result."""
    if entry is not None:
        data = entity_dict(entry, last_seen)
    else:  # not reached while index and catalog come from the same snapshot
        data = {
            "id": result.entity_id,
            "caption": result.caption,
            "schema": result.schema,
            "properties": {"name": [result.caption]},
            "datasets": list(result.lists),
            "referents": [],
            "target": True,
        }
    data["score"] = result.score
    data["match"] = result.match
    data["features"] = {f.name: f.value for f in result.features}
    data["explanations"] = explanations(result)
    data["source_ids"] = list(result.source_ids)
    return data
