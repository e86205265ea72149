"""sanctionguard's own endpoints: ``POST /screen`` (one record in our richer shape, with
typed identifiers) and the snapshots: ``GET /lists``, ``GET /lists/{a}/diff/{b}``."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi import Path as PathParam

from sanctionguard.api.auth import AUTH_RESPONSES, require
from sanctionguard.api.models import (
    DiffResponse,
    ErrorResponse,
    ListsResponse,
    ScreenRecord,
    ScreenResponse,
)
from sanctionguard.api.routers.match import _orjson
from sanctionguard.api.services import Services, algorithm, services
from sanctionguard.errors import SanctionguardError
from sanctionguard.screen.records import query_from_fields
from sanctionguard.store.diff import SnapshotDiff, diff_snapshots

router = APIRouter()


@router.post(
    "/screen",
    summary="Screen one record",
    tags=["Screening"],
    response_model=ScreenResponse,
    responses={**AUTH_RESPONSES, 400: {"model": ErrorResponse}},
    dependencies=[Depends(require("screen"))],
)
async def screen(
    record: ScreenRecord,
    svc: Annotated[Services, Depends(services)],
    threshold: Annotated[float | None, Query(ge=0, le=1)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 10,
    algorithm_name: Annotated[str | None, Query(alias="algorithm", max_length=50)] = None,
) -> Any:
    """Screen one record given as a customer-book row (name, schema, birth_date, country,
    gender, and identifiers by kind: imo, bic, lei, inn, ogrn, passport...). Results carry
    the lists, the authorities' own references, every feature and the token alignment."""
    fields = record.model_dump(by_alias=True)
    for values in (fields["name"], fields["birth_date"], fields["country"]):
        if len(values) > svc.api.max_values or any(len(v) > svc.api.max_name_chars for v in values):
            raise HTTPException(400, detail="a field has too many or too long values")
    cut = svc.api.default_threshold if threshold is None else threshold
    live = svc.holder.loaded()
    try:
        query = query_from_fields(fields, record.id)
        found = live.screener.match(
            query, threshold=cut, limit=limit, algorithm=algorithm(algorithm_name)
        )
    except SanctionguardError as exc:
        raise HTTPException(400, detail=str(exc)) from exc
    svc.metrics.queries.labels("screen").inc()
    svc.metrics.matches.labels("screen").inc(len(found))
    hits = [
        {
            "entity_id": r.entity_id,
            "caption": r.caption,
            "schema": r.schema,
            "score": r.score,
            "match": r.match,
            "lists": list(r.lists),
            "source_ids": list(r.source_ids),
            **r.explanation(),
        }
        for r in found
    ]
    echo = {k: v for k, v in fields.items() if v not in (None, [])}
    return _orjson({"snapshot": live.snapshot_id, "query": echo, "threshold": cut, "results": hits})


@router.get(
    "/lists",
    summary="Snapshots and their lists",
    tags=["Lists"],
    response_model=ListsResponse,
    responses=AUTH_RESPONSES,
    dependencies=[Depends(require("read"))],
)
async def lists(svc: Annotated[Services, Depends(services)]) -> Any:
    """Every snapshot (newest first) with its lists: title, authority, publication date,
    load time and entity count; ``live`` marks the one this process serves."""
    infos = await asyncio.to_thread(svc.store.snapshots)
    live = svc.holder.loaded().snapshot_id if svc.holder.ready else None
    return {
        "snapshots": [
            {
                "id": i.id,
                "created_at": i.created_at,
                "parent_id": i.parent_id,
                "note": i.note,
                "current": i.current,
                "live": i.id == live,
                "entity_count": i.entity_count,
                "sources": [s.__dict__ for s in i.sources],
            }
            for i in reversed(infos)
        ]
    }


def _diff_dict(diff: SnapshotDiff) -> dict[str, Any]:
    def ref(r: Any) -> dict[str, Any]:
        return {
            "list_name": r.list_name,
            "entity_id": r.entity_id,
            "schema": r.schema,
            "caption": r.caption,
        }

    return {
        "old": diff.old,
        "new": diff.new,
        "added": [ref(r) for r in diff.added],
        "removed": [ref(r) for r in diff.removed],
        "changed": [
            {"entity": ref(c.entity), "changes": [f.__dict__ for f in c.changes]}
            for c in diff.changed
        ],
    }


@router.get(
    "/lists/{old}/diff/{new}",
    summary="What changed between two snapshots",
    tags=["Lists"],
    response_model=DiffResponse,
    responses={**AUTH_RESPONSES, 404: {"model": ErrorResponse}},
    dependencies=[Depends(require("read"))],
)
async def diff(
    svc: Annotated[Services, Depends(services)],
    old: Annotated[str, PathParam(max_length=20, description="A snapshot id or current~N")],
    new: Annotated[str, PathParam(max_length=20, description="A snapshot id or current")],
) -> Any:
    """Entries added, removed and changed (field by field) from snapshot ``old`` to ``new``."""

    def compute() -> dict[str, Any]:
        return _diff_dict(diff_snapshots(svc.store, svc.store.resolve(old), svc.store.resolve(new)))

    try:
        return _orjson(await asyncio.to_thread(compute))
    except SanctionguardError as exc:
        raise HTTPException(404, detail=str(exc)) from exc
