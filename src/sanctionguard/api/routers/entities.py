"""``GET /search/{dataset}`` (text search with filters and facets) and ``GET /entities/{id}``
(one entity with its adjacent entities nested), in yente's shapes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi import Path as PathParam

from sanctionguard.api.auth import AUTH_RESPONSES, require
from sanctionguard.api.catalog import CatalogEntry
from sanctionguard.api.holder import LoadedSnapshot
from sanctionguard.api.models import EntityResponse, ErrorResponse, SearchResponse
from sanctionguard.api.routers.match import PATH_DATASET, _orjson
from sanctionguard.api.services import Services, scope_lists, services
from sanctionguard.api.translate import entity_dict
from sanctionguard.match.query import QueryError, canonical_schema
from sanctionguard.match.types import Query as MatchQuery
from sanctionguard.model.countries import country_code

router = APIRouter()

# A search lists every retrieved candidate sharing a name word (or a close spelling of one),
# best first; ``fuzzy`` widens nothing more, as retrieval is fuzzy already.
SEARCH_THRESHOLD = 0.0
FACET_HITS = 1000  # facets count the best hits only: an empty query lists every entity
FACETS = {
    "countries": "Countries",
    "topics": "Topics",
    "datasets": "Data sources",
    "schema": "Types",
}


def _facet_values(entry: CatalogEntry, facet: str) -> Iterable[str]:
    if facet == "countries":
        return entry.countries
    if facet == "datasets":
        return (entry.list_name,)
    if facet == "schema":
        return (entry.schema,)
    topics: list[str] = entry.record().get("properties", {}).get("topics", [])
    return topics


def _facets(entries: list[CatalogEntry], wanted: list[str]) -> dict[str, Any]:
    facets = {}
    for facet in wanted:
        counts = Counter(v for e in entries for v in _facet_values(e, facet))
        facets[facet] = {
            "label": FACETS[facet],
            "values": [
                {"name": name, "label": name, "count": count}
                for name, count in counts.most_common(50)
            ],
        }
    return facets


def _candidates(
    live: LoadedSnapshot, q: str, schema: str | None, fuzzy: bool, cap: int
) -> list[CatalogEntry]:
    if not q.strip():
        return sorted(live.catalog.entries(), key=lambda e: (e.caption.lower(), e.entity_id))
    try:
        found = live.screener.match(
            MatchQuery(names=(q,), schema=schema),
            threshold=SEARCH_THRESHOLD,
            limit=cap,
        )
    except QueryError as exc:
        raise HTTPException(400, detail=f"q: {exc}") from exc
    entries = (live.catalog.get(r.entity_id) for r in found)
    return [e for e in entries if e is not None]


def _keep(
    entry: CatalogEntry,
    lists: frozenset[str],
    schema: str | None,
    countries: set[str],
    exclude_schema: list[str],
) -> bool:
    if entry.list_name not in lists or entry.schema in exclude_schema:
        return False
    if schema is not None and entry.schema != schema:
        return False
    return not countries or bool(countries.intersection(entry.countries))


@router.get(
    "/search/{dataset}",
    summary="Simple entity search",
    tags=["Search"],
    response_model=SearchResponse,
    responses={**AUTH_RESPONSES, 400: {"model": ErrorResponse}, 404: {"model": ErrorResponse}},
    dependencies=[Depends(require("read"))],
)
async def search(
    svc: Annotated[Services, Depends(services)],
    dataset: Annotated[str, PATH_DATASET],
    q: Annotated[str, Query(max_length=500, description="Name or text to look for")] = "",
    schema: Annotated[str | None, Query(max_length=50, description="Only this type")] = None,
    countries: Annotated[list[str], Query(max_length=20)] = [],  # noqa: B006
    include_dataset: Annotated[list[str], Query(max_length=100)] = [],  # noqa: B006
    exclude_dataset: Annotated[list[str], Query(max_length=100)] = [],  # noqa: B006
    exclude_schema: Annotated[list[str], Query(max_length=100)] = [],  # noqa: B006
    facets: Annotated[list[str], Query(max_length=20)] = ["countries", "topics", "datasets"],  # noqa: B006
    limit: Annotated[int, Query(ge=0, le=500)] = 10,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
    fuzzy: bool = False,
    simple: bool = False,
) -> Any:
    """Search listed entities by name (fuzzy, transliterating, like /match with only a
    name) or list them all with an empty ``q``; filter by type, country and dataset; facet
    counts over all hits. ``simple`` is accepted for yente compatibility."""
    live = svc.holder.loaded()
    lists = scope_lists(live, dataset, include_dataset, exclude_dataset)
    unknown = [f for f in facets if f not in FACETS]
    if unknown:
        raise HTTPException(400, detail=f"unknown facet {unknown[0]!r}: use {', '.join(FACETS)}")
    wanted_schema = None
    if schema:
        try:
            wanted_schema = canonical_schema(schema)
        except QueryError as exc:
            raise HTTPException(400, detail=f"schema: {exc}") from exc
    codes = {country_code(c) or c.lower() for c in countries}
    cap = min(svc.api.max_limit, 1000)
    hits = [
        e
        for e in _candidates(live, q, wanted_schema, fuzzy, cap)
        if _keep(e, lists, wanted_schema, codes, exclude_schema)
    ]
    last_seen = live.info.created_at
    page = [entity_dict(e, last_seen) for e in hits[offset : offset + limit]]
    return _orjson(
        {
            "results": page,
            "facets": _facets(hits[:FACET_HITS], facets),
            "total": {"value": len(hits), "relation": "gte" if len(hits) >= cap and q else "eq"},
            "limit": limit,
            "offset": offset,
        }
    )


@router.get(
    "/entities/{entity_id}",
    summary="Retrieve an entity",
    tags=["Search"],
    response_model=EntityResponse,
    responses={**AUTH_RESPONSES, 404: {"model": ErrorResponse}},
    dependencies=[Depends(require("read"))],
)
async def fetch_entity(
    svc: Annotated[Services, Depends(services)],
    entity_id: Annotated[str, PathParam(max_length=300)],
    nested: bool = True,
) -> Any:
    """One listed entity with its FtM properties; with ``nested`` (default) its adjacent
    entities are nested in the properties: sanctions, crypto wallets and linked parties."""
    live = svc.holder.loaded()
    entry = live.catalog.get(entity_id)
    if entry is None:
        raise HTTPException(404, detail=f"no entity {entity_id!r} in snapshot {live.snapshot_id}")
    return _orjson(entity_dict(entry, live.info.created_at, nested=nested))
