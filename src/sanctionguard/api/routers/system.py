"""Health, readiness, the catalog of datasets, the algorithms, metrics and a manual reload."""

from __future__ import annotations

import asyncio
from functools import lru_cache
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from sanctionguard.api.auth import AUTH_RESPONSES, require
from sanctionguard.api.holder import NotReadyError
from sanctionguard.api.models import AlgorithmResponse, DataCatalogModel, StatusResponse
from sanctionguard.api.services import COLLECTIONS, Services, services
from sanctionguard.match.features import describe_features
from sanctionguard.match.scorer import default_calibration
from sanctionguard.match.types import Algorithm

router = APIRouter()


@router.get("/healthz", tags=["System"], response_model=StatusResponse)
async def healthz() -> dict[str, str]:
    """The process is up (no key needed)."""
    return {"status": "ok"}


@router.get(
    "/readyz",
    tags=["System"],
    response_model=StatusResponse,
    responses={503: {"description": "The index is not loaded yet."}},
)
async def readyz(svc: Annotated[Services, Depends(services)]) -> Any:
    """The index of the current snapshot is loaded and serving (no key needed)."""
    if not svc.holder.ready:
        detail = svc.holder.last_error or "the index is being built"
        return JSONResponse({"status": "loading", "detail": detail}, status_code=503)
    return {"status": "ok"}


@lru_cache(maxsize=1)
def feature_docs() -> dict[str, dict[str, Any]]:
    """yente's ``FeatureDocs``: each feature's description and weight (coefficient)."""
    weights = default_calibration().weights
    return {
        name: {"description": text, "coefficient": round(weights.get(name, 0.0), 4), "url": None}
        for name, text in describe_features().items()
    }


_DESCRIPTIONS = {
    Algorithm.BEST: "Calibrated logistic score over name alignment, token rarity, identifiers, "
    "birth dates, countries and gender; every score explained per feature.",
    Algorithm.OFAC_NAME: "Name-only similarity in the style of OFAC's Sanctions List Search.",
}


@router.get(
    "/algorithms",
    tags=["System"],
    response_model=AlgorithmResponse,
    responses=AUTH_RESPONSES,
    dependencies=[Depends(require("read"))],
)
async def algorithms() -> dict[str, Any]:
    """The scoring algorithms; yente's names (``best``, ``logic-v2``...) are accepted too."""
    docs = feature_docs()
    items = [
        {
            "name": algo.value,
            "description": _DESCRIPTIONS[algo],
            "features": docs if algo is Algorithm.BEST else {},
            "docs": {"features": docs if algo is Algorithm.BEST else {}},
        }
        for algo in Algorithm
    ]
    return {"algorithms": items, "default": Algorithm.BEST.value, "best": Algorithm.BEST.value}


@router.get(
    "/catalog",
    tags=["System"],
    response_model=DataCatalogModel,
    responses={**AUTH_RESPONSES, 503: {"description": "The index is not loaded yet."}},
    dependencies=[Depends(require("read"))],
)
async def catalog(svc: Annotated[Services, Depends(services)]) -> dict[str, Any]:
    """The datasets served: one per loaded list, plus the ``default`` and ``sanctions``
    collections covering them all. ``version`` is the snapshot id."""
    live = svc.holder.loaded()
    version = str(live.snapshot_id)
    names = sorted(live.catalog.list_counts)
    datasets: list[dict[str, Any]] = [
        {
            "name": source.list_name,
            "title": source.title,
            "summary": f"{source.authority}; published {source.published or 'n/a'}",
            "load": True,
            "version": version,
            "index_version": version,
            "index_current": True,
            "children": [],
            "entity_count": live.catalog.list_counts.get(source.list_name, 0),
            "updated_at": source.loaded_at,
        }
        for source in live.info.sources
    ]
    datasets += [
        {
            "name": name,
            "title": title,
            "load": True,
            "version": version,
            "index_version": version,
            "index_current": True,
            "children": names,
            "entity_count": len(live.catalog),
            "updated_at": live.info.created_at,
        }
        for name, title in COLLECTIONS.items()
    ]
    return {"datasets": datasets, "current": [*names, *COLLECTIONS], "outdated": []}


@router.get(
    "/metrics",
    tags=["System"],
    responses=AUTH_RESPONSES,
    dependencies=[Depends(require("read"))],
    response_class=Response,
)
async def metrics(svc: Annotated[Services, Depends(services)]) -> Response:
    """Prometheus metrics: request latency histograms, queries, matches, snapshot age."""
    return Response(generate_latest(svc.metrics.registry), media_type=CONTENT_TYPE_LATEST)


@router.post(
    "/admin/reload",
    tags=["System"],
    response_model=StatusResponse,
    responses=AUTH_RESPONSES,
    dependencies=[Depends(require("admin"))],
)
async def reload(svc: Annotated[Services, Depends(services)]) -> dict[str, str]:
    """Load the store's current snapshot now instead of at the next poll."""
    swapped = await asyncio.to_thread(svc.holder.refresh)
    if swapped:
        svc.metrics.reloads.inc()
    try:
        snap = svc.holder.loaded().snapshot_id
    except NotReadyError as exc:
        return {"status": f"not ready: {exc}"}
    return {"status": f"snapshot {snap} {'loaded' if swapped else 'already live'}"}
