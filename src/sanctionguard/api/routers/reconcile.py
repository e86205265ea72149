"""``/reconcile/{dataset}``: the W3C Reconciliation Service API (OpenRefine): manifest,
queries, entity/type/property suggest and data extension, over the same matcher as /match.

OpenRefine cannot send headers, so these endpoints also take ``?api_key=``; the manifest
passes the query string on to the suggest and extend services, as yente does.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from followthemoney import model

from sanctionguard.api.auth import AUTH_RESPONSES, require
from sanctionguard.api.holder import LoadedSnapshot
from sanctionguard.api.routers.match import PATH_DATASET, _orjson
from sanctionguard.api.services import Services, dataset_lists, services
from sanctionguard.api.translate import clean_properties, example_query
from sanctionguard.errors import SanctionguardError
from sanctionguard.match.query import QueryError

router = APIRouter()

TYPES = ("Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane")
_guard = Depends(require("screen", allow_query=True))


def _type(name: str) -> dict[str, str]:
    schema = model.get(name)
    return {"id": name, "name": schema.label if schema is not None else name}


def _properties(type_name: str) -> list[dict[str, str]]:
    schema = model.get(type_name) or model.get("LegalEntity")
    assert schema is not None
    props = [p for p in schema.properties.values() if not p.hidden and p.type.name != "entity"]
    return [{"id": p.name, "name": p.label} for p in sorted(props, key=lambda p: p.name)]


def _service_url(request: Request, dataset: str) -> tuple[str, str]:
    base = str(request.base_url).rstrip("/") + f"/reconcile/{dataset}"
    query = request.url.query.strip()
    return base, f"?{query}" if query else ""


@router.get(
    "/reconcile/{dataset}",
    summary="Reconciliation manifest",
    tags=["Reconciliation"],
    responses=AUTH_RESPONSES,
    dependencies=[_guard],
)
async def manifest(
    request: Request,
    svc: Annotated[Services, Depends(services)],
    dataset: Annotated[str, PATH_DATASET],
) -> Any:
    """The service manifest (W3C Reconciliation API 0.2): types, suggest and extend services."""
    live = svc.holder.loaded()
    dataset_lists(live, dataset)
    base, qs = _service_url(request, dataset)
    suggest = {
        kind: {"service_url": base, "service_path": f"/suggest/{kind}{qs}"}
        for kind in ("entity", "type", "property")
    }
    return _orjson(
        {
            "versions": ["0.2"],
            "name": f"{svc.api.title}: {dataset} (snapshot {live.snapshot_id})",
            "identifierSpace": "https://sanctionguard.invalid/entities/",
            "schemaSpace": "https://followthemoney.tech/explorer/schemata/",
            "view": {"url": f"{base.rsplit('/reconcile', 1)[0]}/entities/{{{{id}}}}"},
            "suggest": suggest,
            "extend": {
                "propose_properties": {"service_url": base, "service_path": f"/extend/propose{qs}"},
                "property_settings": [],
            },
            "defaultTypes": [_type(t) for t in TYPES],
        }
    )


def _reconcile_one(
    live: LoadedSnapshot, key: str, spec: Any, lists: frozenset[str], svc: Services
) -> dict[str, Any]:
    if not isinstance(spec, dict) or not isinstance(spec.get("query", ""), str):
        raise HTTPException(400, detail=f"query {key!r}: must be an object with a 'query' text")
    props: dict[str, Any] = {"name": [spec.get("query", "")]}
    for item in spec.get("properties") or []:
        if isinstance(item, dict) and isinstance(item.get("pid"), str):
            props.setdefault(item["pid"], []).extend(
                item["v"] if isinstance(item.get("v"), list) else [item.get("v")]
            )
    type_name = spec.get("type") or "LegalEntity"
    if not isinstance(type_name, str):
        raise HTTPException(400, detail=f"query {key!r}: 'type' must be a type id")
    limit = spec.get("limit", 5)
    if not isinstance(limit, int) or isinstance(limit, bool) or not 0 < limit <= svc.api.max_limit:
        raise HTTPException(400, detail=f"query {key!r}: 'limit' must be 1..{svc.api.max_limit}")
    cleaned = clean_properties(key, props, svc.api)
    try:
        query = example_query(key, type_name, cleaned)
        found = live.screener.match(query, threshold=svc.api.default_cutoff, limit=limit * 4)
    except QueryError as exc:
        raise HTTPException(400, detail=f"query {key!r}: {exc}") from exc
    threshold = svc.api.default_threshold
    results = [
        {
            "id": r.entity_id,
            "name": r.caption,
            "score": round(r.score * 100, 2),
            "match": r.score >= threshold,
            "type": [_type(r.schema)],
            "description": f"{', '.join(r.lists)} {', '.join(r.source_ids)}",
            "features": [{"id": f.name, "value": f.value} for f in r.features],
        }
        for r in found
        if lists.intersection(r.lists)
    ]
    # OpenRefine auto-matches a candidate marked "match"; only the best one may be.
    for extra in results[1:]:
        extra["match"] = False
    return {"result": results[:limit]}


def _extend(live: LoadedSnapshot, spec: Any) -> dict[str, Any]:
    if not isinstance(spec, dict) or not isinstance(spec.get("ids"), list):
        raise HTTPException(400, detail="extend: must be {'ids': [...], 'properties': [...]}")
    asked = [p.get("id") for p in spec.get("properties") or [] if isinstance(p, dict)]
    wanted = [p for p in asked if isinstance(p, str)][:50]
    ids = [i for i in spec["ids"] if isinstance(i, str)][:500]
    rows: dict[str, dict[str, list[dict[str, str]]]] = {}
    for entity_id in ids:
        entry = live.catalog.get(entity_id)
        props = entry.record().get("properties", {}) if entry is not None else {}
        rows[entity_id] = {p: [{"str": str(v)} for v in props.get(p, [])] for p in wanted}
    labels = {p["id"]: p["name"] for t in TYPES for p in _properties(t)}
    return {"meta": [{"id": p, "name": labels.get(p, p)} for p in wanted], "rows": rows}


def _decode(text: str, field: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise HTTPException(400, detail=f"{field}: not valid JSON ({exc.msg})") from exc


@router.post(
    "/reconcile/{dataset}",
    summary="Reconciliation queries and data extension",
    tags=["Reconciliation"],
    responses=AUTH_RESPONSES,
    dependencies=[_guard],
)
async def reconcile(
    svc: Annotated[Services, Depends(services)],
    dataset: Annotated[str, PATH_DATASET],
    queries: Annotated[str | None, Form(max_length=1 << 20, description="JSON batch")] = None,
    extend: Annotated[str | None, Form(max_length=1 << 20, description="JSON extension")] = None,
) -> Any:
    """A batch of reconciliation queries (``queries``), or a data extension (``extend``)."""
    live = svc.holder.loaded()
    lists = dataset_lists(live, dataset)
    if extend is not None:
        return _orjson(_extend(live, _decode(extend, "extend")))
    if queries is None:
        raise HTTPException(400, detail="send a 'queries' or an 'extend' form field")
    batch = _decode(queries, "queries")
    if not isinstance(batch, dict):
        raise HTTPException(400, detail="queries: must be an object of named queries")
    if len(batch) > svc.api.max_batch:
        raise HTTPException(400, detail=f"too many queries: {len(batch)} > {svc.api.max_batch}")
    try:
        answers = {k: _reconcile_one(live, str(k), q, lists, svc) for k, q in batch.items()}
    except SanctionguardError as exc:
        raise HTTPException(400, detail=str(exc)) from exc
    svc.metrics.queries.labels("reconcile").inc(len(batch))
    return _orjson(answers)


@router.get(
    "/reconcile/{dataset}/suggest/entity",
    tags=["Reconciliation"],
    responses=AUTH_RESPONSES,
    dependencies=[_guard],
)
async def suggest_entity(
    svc: Annotated[Services, Depends(services)],
    dataset: Annotated[str, PATH_DATASET],
    prefix: Annotated[str, Query(max_length=200)] = "",
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> Any:
    """Entities whose names start like ``prefix`` (auto-completion)."""
    live = svc.holder.loaded()
    lists = dataset_lists(live, dataset)
    needle = prefix.strip().lower()
    result = []
    if needle:
        for entry in live.catalog.entries():
            if entry.list_name in lists and any(
                w.startswith(needle)
                for w in [entry.caption.lower(), *entry.caption.lower().split()]
            ):
                result.append(
                    {"id": entry.entity_id, "name": entry.caption, "description": entry.list_name}
                )
                if len(result) >= limit:
                    break
    return _orjson({"prefix": prefix, "result": result})


@router.get(
    "/reconcile/{dataset}/suggest/type",
    tags=["Reconciliation"],
    responses=AUTH_RESPONSES,
    dependencies=[_guard],
)
async def suggest_type(
    dataset: Annotated[str, PATH_DATASET],
    prefix: Annotated[str, Query(max_length=200)] = "",
) -> Any:
    """Matchable types whose name starts like ``prefix``."""
    needle = prefix.strip().lower()
    result = [_type(t) for t in TYPES if t.lower().startswith(needle)]
    return _orjson({"prefix": prefix, "result": result})


@router.get(
    "/reconcile/{dataset}/suggest/property",
    tags=["Reconciliation"],
    responses=AUTH_RESPONSES,
    dependencies=[_guard],
)
async def suggest_property(
    dataset: Annotated[str, PATH_DATASET],
    prefix: Annotated[str, Query(max_length=200)] = "",
) -> Any:
    """Properties of the matchable types whose id or label starts like ``prefix``."""
    needle = prefix.strip().lower()
    seen: dict[str, dict[str, str]] = {}
    for type_name in TYPES:
        for prop in _properties(type_name):
            if prop["id"].lower().startswith(needle) or prop["name"].lower().startswith(needle):
                seen.setdefault(prop["id"], prop)
    return _orjson({"prefix": prefix, "result": list(seen.values())[:50]})


@router.get(
    "/reconcile/{dataset}/extend/propose",
    tags=["Reconciliation"],
    responses=AUTH_RESPONSES,
    dependencies=[_guard],
)
async def propose_properties(
    dataset: Annotated[str, PATH_DATASET],
    type_name: Annotated[str, Query(alias="type", max_length=50)] = "LegalEntity",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> Any:
    """Properties a data extension can fetch for a type."""
    if model.get(type_name) is None:
        raise HTTPException(400, detail=f"type: unknown type {type_name!r}; use {', '.join(TYPES)}")
    return _orjson({"type": type_name, "properties": _properties(type_name)[:limit]})
