"""``POST /match/{dataset}``: yente's query-by-example matching, batch of FtM examples in,
scored FtM entities with per-feature explanations out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, HTTPException, Path, Request, Response
from pydantic import ValidationError
from starlette.datastructures import QueryParams

from sanctionguard.api.auth import AUTH_RESPONSES, HEADER_SECURITY, authenticate, header_token
from sanctionguard.api.holder import LoadedSnapshot
from sanctionguard.api.models import EntityMatchQuery, EntityMatchResponse, ErrorResponse
from sanctionguard.api.routers.system import feature_docs
from sanctionguard.api.services import Services, algorithm, scope_lists
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


@dataclass(frozen=True)
class MatchParams:
    """The query-string parameters of ``/match``, checked."""

    limit: int | None
    threshold: float | None
    cutoff: float | None
    algorithm: str | None
    include_dataset: list[str]
    exclude_dataset: list[str]
    exclude_schema: list[str]
    exclude_entity_ids: list[str]
    topics: list[str]
    changed_since: str | None


def _number(
    params: QueryParams, name: str, kind: type[int] | type[float], low: float, high: float
) -> Any:
    raw = params.get(name)
    if raw is None:
        return None
    try:
        value = kind(raw)
    except ValueError:
        raise HTTPException(422, detail=f"{name}: {raw[:50]!r} is not a number") from None
    if not low <= value <= high:
        raise HTTPException(422, detail=f"{name}: must be between {low:g} and {high:g}")
    return value


def _texts(params: QueryParams, name: str) -> list[str]:
    values = params.getlist(name)
    if len(values) > 100 or any(len(v) > 300 for v in values):
        raise HTTPException(422, detail=f"{name}: at most 100 values of 300 characters")
    return values


def read_params(params: QueryParams) -> MatchParams:
    """The parameters, read directly: FastAPI's per-parameter injection cost more than the
    matching itself for a single query."""
    changed = params.get("changed_since")
    if changed is not None and not re.match(TS_PATTERN, changed):
        raise HTTPException(422, detail="changed_since: use YYYY-MM-DD or an ISO date-time")
    algo = params.get("algorithm")
    if algo is not None and len(algo) > 50:
        raise HTTPException(422, detail="algorithm: at most 50 characters")
    return MatchParams(
        limit=_number(params, "limit", int, 1, 500),
        threshold=_number(params, "threshold", float, 0, 1),
        cutoff=_number(params, "cutoff", float, 0, 1),
        algorithm=algo,
        include_dataset=_texts(params, "include_dataset"),
        exclude_dataset=_texts(params, "exclude_dataset"),
        exclude_schema=_texts(params, "exclude_schema"),
        exclude_entity_ids=_texts(params, "exclude_entity_ids"),
        topics=_texts(params, "topics"),
        changed_since=changed,
    )


def _param(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


_LIST = {"type": "array", "items": {"type": "string", "maxLength": 300}, "maxItems": 100}
MATCH_PARAMETERS = [
    _param("limit", {"type": "integer", "minimum": 1, "maximum": 500}, "Results per query (5)"),
    _param(
        "threshold",
        {"type": "number", "minimum": 0, "maximum": 1},
        "Score at which `match` is true (0.70)",
    ),
    _param(
        "cutoff",
        {"type": "number", "minimum": 0, "maximum": 1},
        "Lowest score returned at all (0.50)",
    ),
    _param(
        "algorithm",
        {"type": "string", "maxLength": 50},
        "See /algorithms; yente's names are accepted",
    ),
    _param("include_dataset", _LIST, "Only these datasets"),
    _param("exclude_dataset", _LIST, "Not these datasets"),
    _param("exclude_schema", _LIST, "Not these schemata"),
    _param("exclude_entity_ids", _LIST, "Not these entities"),
    _param("topics", _LIST, "Only entities with one of these topics"),
    _param(
        "changed_since", {"type": "string", "pattern": TS_PATTERN}, "Only entities changed since"
    ),
]
_BODY_SCHEMA = EntityMatchQuery.model_json_schema(ref_template="#/components/schemas/{model}")
_BODY_SCHEMA.pop("$defs", None)


async def read_body(request: Request) -> EntityMatchQuery:
    """The request body as ``EntityMatchQuery``; 422 naming each problem."""
    try:
        return EntityMatchQuery.model_validate_json(await request.body())
    except ValidationError as exc:
        problems = [
            f"body.{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:20]
        ]
        raise HTTPException(422, detail="; ".join(problems)) from None


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
        422: {"model": ErrorResponse, "description": "Malformed body or parameter"},
        503: {"model": ErrorResponse, "description": "Index not loaded yet"},
    },
    openapi_extra={
        "parameters": MATCH_PARAMETERS,
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _BODY_SCHEMA}},
        },
        "security": HEADER_SECURITY,
    },
)
async def match(request: Request, dataset: Annotated[str, PATH_DATASET]) -> Response:
    """Match entities given as FtM examples (name, birth date, nationality, identifiers...)
    against the lists; same request and response as yente's ``/match``.

    Each query key is echoed in ``responses``; every result carries ``score``, ``match``
    and ``explanations`` per feature (value, weight, reason). ``weights`` and ``config`` are
    accepted and ignored. At most ``max_batch`` (100) queries per request; a batch spends one
    rate-limit token per query.
    """
    return await answer(request, dataset)


async def answer(request: Request, dataset: str) -> Response:
    """The ``/match`` response; the route above and ``fastpath.MatchFastPath`` both call it
    (errors are raised as exceptions for the app's handlers to render)."""
    svc: Services = request.app.state.services
    key = await authenticate(request, "screen", header_token(request))
    params = read_params(request.query_params)
    body = await read_body(request)
    limit, threshold, cutoff = params.limit, params.threshold, params.cutoff
    include_dataset, exclude_dataset = params.include_dataset, params.exclude_dataset
    exclude_schema, exclude_entity_ids = params.exclude_schema, params.exclude_entity_ids
    topics, changed_since, algorithm_name = params.topics, params.changed_since, params.algorithm
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
    svc.metrics.count("match", len(body.queries), matched)
    return _orjson(
        {"responses": responses, "matcher": feature_docs(), "limit": top},
        headers={"x-batch-size": str(len(responses)), "x-snapshot": str(live.snapshot_id)},
    )
