"""``POST /match/{dataset}``: yente's query-by-example matching, batch of FtM examples in,
scored FtM entities with per-feature explanations out."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response

from sanctionguard.api.auth import AUTH_RESPONSES, require
from sanctionguard.api.holder import LoadedSnapshot
from sanctionguard.api.keys import ApiKey
from sanctionguard.api.models import EntityMatchQuery, EntityMatchResponse, ErrorResponse
from sanctionguard.api.routers.system import feature_docs
from sanctionguard.api.services import Services, algorithm, scope_lists, services
from sanctionguard.api.translate import clean_properties, example_query, scored_dict
from sanctionguard.match.types import Algorithm, MatchResult
from sanctionguard.match.types import Query as MatchQuery

router = APIRouter()

TS_PATTERN = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?)?$"
PATH_DATASET = Path(
    description="A list name from /catalog, or `default`/`sanctions` for all lists",
    max_length=100,
)


def _orjson(data: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(orjson.dumps(data), media_type="application/json", headers=headers)


def filtered(
    results: list[MatchResult],
    live: LoadedSnapshot,
    lists: frozenset[str],
    exclude_schema: list[str],
    topics: list[str],
    changed_since: str | None,
) -> list[MatchResult]:
    """Results restricted to the requested lists, schemata, topics and change date."""
    all_lists = len(lists) == len(live.catalog.list_counts)
    kept = []
    for result in results:
        if not all_lists and not lists.intersection(result.lists):
            continue
        if result.schema in exclude_schema:
            continue
        entry = live.catalog.get(result.entity_id)
        if changed_since and entry is not None:
            changed = entry.times.last_change
            if changed is None or changed.isoformat() < changed_since:
                continue
        if topics and entry is not None:
            own = entry.record().get("properties", {}).get("topics", [])
            if not set(topics).intersection(own):
                continue
        kept.append(result)
    return kept


def run_query(
    live: LoadedSnapshot,
    query: MatchQuery,
    *,
    cutoff: float,
    limit: int,
    algo: Algorithm,
    narrowed: bool,
) -> list[MatchResult]:
    """Matches down to ``cutoff``; when filters narrow the results, more are fetched first."""
    fetch = limit + 1 if not narrowed else max(limit + 1, 200)
    return live.screener.match(query, threshold=cutoff, limit=fetch, algorithm=algo)


@router.post(
    "/match/{dataset}",
    summary="Query by example matcher",
    tags=["Matching"],
    response_model=EntityMatchResponse,
    responses={
        **AUTH_RESPONSES,
        400: {"model": ErrorResponse, "description": "Invalid query"},
        404: {"model": ErrorResponse, "description": "Unknown dataset"},
        413: {"model": ErrorResponse, "description": "Request body too large"},
        503: {"model": ErrorResponse, "description": "Index not loaded yet"},
    },
)
async def match(
    request: Request,
    body: EntityMatchQuery,
    svc: Annotated[Services, Depends(services)],
    key: Annotated[ApiKey, Depends(require("screen"))],
    dataset: Annotated[str, PATH_DATASET],
    limit: Annotated[int | None, Query(ge=1, le=500, description="Results per query")] = None,
    threshold: Annotated[
        float | None, Query(ge=0, le=1, description="Score at which `match` is true (0.70)")
    ] = None,
    cutoff: Annotated[
        float | None, Query(ge=0, le=1, description="Lowest score returned at all (0.50)")
    ] = None,
    algorithm_name: Annotated[
        str | None, Query(alias="algorithm", max_length=50, description="See /algorithms")
    ] = None,
    include_dataset: Annotated[list[str], Query(max_length=100)] = [],  # noqa: B006
    exclude_dataset: Annotated[list[str], Query(max_length=100)] = [],  # noqa: B006
    exclude_schema: Annotated[list[str], Query(max_length=100)] = [],  # noqa: B006
    exclude_entity_ids: Annotated[list[str], Query(max_length=300)] = [],  # noqa: B006
    topics: Annotated[list[str], Query(max_length=100)] = [],  # noqa: B006
    changed_since: Annotated[
        str | None,
        Query(pattern=TS_PATTERN, description="Only entities changed since this date or time"),
    ] = None,
) -> Response:
    """Match entities given as FtM examples (name, birth date, nationality, identifiers...)
    against the lists; same request and response as yente's ``/match``.

    Each query key is echoed in ``responses``; every result carries ``score``, ``match``
    and ``explanations`` per feature (value, weight, reason). ``weights`` and ``config`` are
    accepted and ignored. At most ``max_batch`` (100) queries per request; a batch spends one
    rate-limit token per query.
    """
    api = svc.api
    if not body.queries:
        raise HTTPException(400, detail="no queries given: send {'queries': {'q1': {...}}}")
    if len(body.queries) > api.max_batch:
        raise HTTPException(
            400, detail=f"too many queries in one batch: {len(body.queries)} > {api.max_batch}"
        )
    svc.guard.spend(key, len(body.queries) - 1)
    live = svc.holder.loaded()
    lists = scope_lists(live, dataset, include_dataset, exclude_dataset)
    algo = algorithm(algorithm_name)
    top = min(limit or api.default_limit, api.max_limit)
    cut = api.default_cutoff if cutoff is None else cutoff
    limit_at = api.default_threshold if threshold is None else threshold
    cut = min(cut, limit_at)
    narrowed = len(lists) != len(live.catalog.list_counts) or bool(
        exclude_schema or exclude_entity_ids or topics or changed_since
    )
    last_seen = live.info.created_at
    responses: dict[str, Any] = {}
    matched = 0
    for name, example in body.queries.items():
        props = clean_properties(name, example.properties, api)
        query = example_query(name, example.schema_, props, example.id)
        found = run_query(live, query, cutoff=cut, limit=top, algo=algo, narrowed=narrowed)
        if narrowed:
            found = [r for r in found if r.entity_id not in exclude_entity_ids]
            found = filtered(found, live, lists, exclude_schema, topics, changed_since)
        results = []
        for result in found[:top]:
            item = scored_dict(result, live.catalog.get(result.entity_id), last_seen)
            item["match"] = result.score >= limit_at
            matched += item["match"]
            results.append(item)
        responses[name] = {
            "status": 200,
            "results": results,
            "total": {"value": len(found), "relation": "gte" if len(found) > top else "eq"},
            "query": {"id": example.id, "schema": query.schema, "properties": props},
        }
    svc.metrics.queries.labels("match").inc(len(body.queries))
    svc.metrics.matches.labels("match").inc(matched)
    return _orjson(
        {"responses": responses, "matcher": feature_docs(), "limit": top},
        headers={"x-batch-size": str(len(responses)), "x-snapshot": str(live.snapshot_id)},
    )
