"""Maritime endpoints: ``POST /screen/vessel`` (identifiers and names → listed matches and
findings), ``POST /screen/shipment`` (shipment records in the documented schema → findings) and
``POST /ais/analyze`` (AIS positions as CSV or Parquet → gaps, jumps, encounters, loitering,
terminal calls). Bad input is a 400 naming the field or line.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request

from sanctionguard.api.auth import AUTH_RESPONSES, require
from sanctionguard.api.domain_models import (
    AisResponse,
    ShipmentResponse,
    VesselRequest,
    VesselResponse,
)
from sanctionguard.api.models import ErrorResponse
from sanctionguard.api.routers.match import _orjson
from sanctionguard.api.services import Services, services
from sanctionguard.maritime.ais import read_positions_bytes
from sanctionguard.maritime.detect import KINDS, AisSettings, analyse
from sanctionguard.maritime.identity import VesselQuery
from sanctionguard.maritime.rules import screen_shipment
from sanctionguard.maritime.shipments import Shipment, _Where, shipment_from_dict
from sanctionguard.maritime.vessels import screen_vessel

router = APIRouter()

WHERE = "<request>"
ERRORS: dict[int | str, dict[str, Any]] = {
    **AUTH_RESPONSES,
    400: {"model": ErrorResponse, "description": "Bad input, naming the field or line"},
    413: {"model": ErrorResponse, "description": "Request body too large"},
    422: {"model": ErrorResponse, "description": "Malformed body or parameter"},
    503: {"model": ErrorResponse, "description": "Index not loaded yet"},
}
SHIPMENT_EXAMPLE = {
    "id": "SHP-1",
    "date": "2024-05-01",
    "vessel": {"name": "Example Trader", "imo": "9179842", "flag": "PA"},
    "shipper": {"name": "Hamburg Export GmbH", "country": "DE"},
    "consignee": {"name": "Global Freight Forwarding LLC", "country": "AE"},
    "port_of_loading": "DEHAM",
    "port_of_discharge": "AEJEA",
    "goods": [{"line": 1, "description": "microprocessors", "hs_code": "8542.31", "value": 1}],
}


@router.post(
    "/screen/vessel",
    summary="Screen one vessel",
    tags=["Maritime"],
    response_model=VesselResponse,
    responses=ERRORS,
    dependencies=[Depends(require("screen"))],
)
async def vessel(body: VesselRequest, svc: Annotated[Services, Depends(services)]) -> Any:
    """Look the vessel up by IMO (check digit validated: M2), MMSI (its MID gives a flag:
    M6 when the declared flag differs), call sign and current or former name (M1), report
    owners the lists link to it and screen given owners (M17); fuzzy names via the matcher."""
    names = (body.name.strip(),) if body.name and body.name.strip() else ()
    query = VesselQuery(
        imo=(body.imo or "").strip() or None,
        mmsi=(body.mmsi or "").strip() or None,
        call_sign=(body.call_sign or "").strip() or None,
        names=names,
        flag=(body.flag or "").strip() or None,
        owners=tuple(o.strip() for o in body.owners if o.strip()),
    )
    if query.is_empty():
        raise HTTPException(400, detail="give at least one of imo, mmsi, call_sign, name, owners")
    live = svc.holder.loaded()

    def run() -> dict[str, Any]:
        registry = svc.contexts.vessels(live)
        report = screen_vessel(query, registry, svc.contexts.reference(), live.screener)
        return {"snapshot": live.snapshot_id, **report.to_dict()}

    result = await asyncio.to_thread(run)
    svc.metrics.queries.labels("vessel").inc()
    svc.metrics.matches.labels("vessel").inc(len(result["hits"]))
    return _orjson(result)


def _shipments(data: Any, max_batch: int) -> list[Shipment]:
    """A shipment object, a list of them or ``{"shipments": [...]}`` → validated shipments."""
    if isinstance(data, Mapping) and "shipments" in data:
        data = data["shipments"]
    items = data if isinstance(data, list) else [data]
    if not items:
        raise HTTPException(400, detail="no shipment given")
    if len(items) > max_batch:
        raise HTTPException(400, detail=f"too many shipments: {len(items)} > {max_batch}")
    nested = isinstance(data, list)
    return [
        shipment_from_dict(item, _Where(WHERE, None, f"shipments[{i}]." if nested else ""))
        for i, item in enumerate(items)
    ]


@router.post(
    "/screen/shipment",
    summary="Screen shipment records",
    tags=["Maritime"],
    response_model=ShipmentResponse,
    responses=ERRORS,
    dependencies=[Depends(require("screen"))],
)
async def shipment(
    request: Request,
    svc: Annotated[Services, Depends(services)],
    body: Annotated[
        dict[str, Any] | list[dict[str, Any]],
        Body(
            description="One shipment (docs/maritime.md schema), a list of them, or "
            '{"shipments": [...]}. Unknown fields are refused with a suggestion.',
            examples=[SHIPMENT_EXAMPLE],
        ),
    ],
    on: Annotated[
        date | None, Query(description="The day the rules judge on (default today).")
    ] = None,
) -> Any:
    """Every shipment rule (M1–M17, G1–G13: listed vessel, flag hopping, P&I club, CHPL
    goods, re-export clause, forwarder consignee, hub transshipment, document mismatches,
    listed parties via the matcher) on each shipment, most severe finding first."""
    records = _shipments(body, svc.api.max_batch)
    svc.guard.spend(request.state.api_key, len(records) - 1)  # one token per shipment
    live = svc.holder.loaded()
    today = on or date.today()

    def run() -> dict[str, Any]:
        registry = svc.contexts.vessels(live)
        reference = svc.contexts.reference(today)
        reports = [
            screen_shipment(r, registry, reference, live.screener, today=today).to_dict()
            for r in records
        ]
        return {"snapshot": live.snapshot_id, "on": today.isoformat(), "shipments": reports}

    result = await asyncio.to_thread(run)
    svc.metrics.queries.labels("shipment").inc(len(records))
    svc.metrics.matches.labels("shipment").inc(sum(len(s["findings"]) for s in result["shipments"]))
    return _orjson(result)


@router.post(
    "/ais/analyze",
    summary="Analyse AIS positions",
    tags=["Maritime"],
    response_model=AisResponse,
    responses=ERRORS,
    dependencies=[Depends(require("screen"))],
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "CSV (mmsi, time, lat, lon[, speed, course, status]; common "
            "spellings such as MMSI, BaseDateTime, LAT, LON, SOG, COG) or Parquet.",
            "content": {
                "text/csv": {"schema": {"type": "string", "maxLength": 4096}},
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
            },
        }
    },
)
async def ais(
    request: Request,
    svc: Annotated[Services, Depends(services)],
    strict: Annotated[
        bool, Query(description="Refuse rows with missing or off-globe values (400).")
    ] = False,
    gap_hours: Annotated[float, Query(ge=1, le=240, description="M3 gap length.")] = 12.0,
    limit: Annotated[int, Query(ge=1, le=10_000, description="Most events returned.")] = 1000,
) -> Any:
    """Gaps (M3), jumps (M4), ship-to-ship encounters (M5), loitering (M14) and Russian
    terminal calls (M12) in the positions; ``notes`` say what reading dropped or fixed.
    The body is bounded by the server's request size limit (413 above it)."""
    data = await request.body()
    if not data.strip():
        raise HTTPException(400, detail="empty body: send AIS positions as CSV")

    def run() -> dict[str, Any]:
        positions, report = read_positions_bytes(data, WHERE, strict=strict)
        found = analyse(positions, svc.contexts.reference(), AisSettings(gap_hours=gap_hours))
        counts = dict.fromkeys(KINDS, 0)
        for event in found.events:
            counts[event.kind] += 1
        return {
            "positions": found.positions,
            "vessels": found.vessels,
            "rows_read": report.rows_read,
            "notes": report.notes(),
            "counts": counts,
            "events": [e.to_dict() for e in found.events[:limit]],
        }

    result = await asyncio.to_thread(run)
    svc.metrics.queries.labels("ais").inc()
    svc.metrics.matches.labels("ais").inc(len(result["events"]))
    return _orjson(result)
