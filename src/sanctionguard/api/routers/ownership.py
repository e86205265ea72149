"""Ownership endpoints over the latest stored ownership version and the live snapshot:
``GET /ownership/findings`` (blocked and undetermined parties, paginated) and
``GET /ownership/{id}`` (one party's status per jurisdiction, why, and cautions).
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi import Path as PathParam

from sanctionguard.api.auth import AUTH_RESPONSES, require
from sanctionguard.api.contexts import NoOwnershipDataError, OwnershipResult
from sanctionguard.api.domain_models import OwnershipFindingsResponse, OwnershipPartyResponse
from sanctionguard.api.models import ErrorResponse
from sanctionguard.api.routers.match import _orjson
from sanctionguard.api.services import Services, services
from sanctionguard.ownership.analysis import Status
from sanctionguard.ownership.rules import RuleSet, parse_jurisdictions

router = APIRouter()

ERRORS: dict[int | str, dict[str, Any]] = {
    **AUTH_RESPONSES,
    400: {"model": ErrorResponse, "description": "Unknown jurisdiction or status"},
    404: {"model": ErrorResponse, "description": "No ownership data, or unknown party"},
    503: {"model": ErrorResponse, "description": "Index not loaded yet"},
}
AS_OF = Query(description="The day the rules apply on (ISO date; default today).")
JURISDICTION = Query(
    max_length=40, description="Comma-separated: ofac, eu, uk (default all three)."
)


def _rules(jurisdiction: str | None) -> list[RuleSet]:
    try:
        return parse_jurisdictions(jurisdiction)
    except ValueError as exc:
        raise HTTPException(400, detail=str(exc)) from exc


async def _analysis(svc: Services, rules: list[RuleSet], as_of: date) -> OwnershipResult:
    live = svc.holder.loaded()
    try:
        return await asyncio.to_thread(svc.contexts.ownership, live, rules, as_of)
    except NoOwnershipDataError as exc:
        raise HTTPException(404, detail=str(exc)) from exc


def _context(result: OwnershipResult, rules: list[RuleSet]) -> dict[str, Any]:
    stored = result.stored
    return {
        "version": stored.version_id,
        "snapshot": stored.snapshot_id,
        "as_of": stored.analysis.as_of.isoformat(),
        "jurisdictions": [r.jurisdiction.value for r in rules],
    }


@router.get(
    "/ownership/findings",
    summary="Parties blocked or undetermined through ownership",
    tags=["Ownership"],
    response_model=OwnershipFindingsResponse,
    responses=ERRORS,
    dependencies=[Depends(require("read"))],
)
async def findings(
    svc: Annotated[Services, Depends(services)],
    as_of: Annotated[date | None, AS_OF] = None,
    jurisdiction: Annotated[str | None, JURISDICTION] = None,
    status: Annotated[
        str | None,
        Query(
            max_length=80,
            description="Comma-separated statuses (default blocked,undetermined): "
            + ", ".join(s.value for s in Status),
        ),
    ] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> Any:
    """Every party whose status under a jurisdiction's rule (OFAC 50 %, EU and UK
    ownership-or-control) is one of ``status``, with the ownership paths that explain it."""
    rules = _rules(jurisdiction)
    try:
        wanted = (
            tuple(Status(s.strip()) for s in status.split(",") if s.strip())
            if status
            else (Status.BLOCKED, Status.UNDETERMINED)
        )
    except ValueError:
        known = ", ".join(s.value for s in Status)
        raise HTTPException(400, detail=f"unknown status in {status!r}: use {known}") from None
    result = await _analysis(svc, rules, as_of or date.today())
    found = result.stored.analysis.findings(wanted)
    found.sort(key=lambda f: (f.jurisdiction, f.party_id))
    page = found[offset : offset + limit]
    return _orjson(
        {
            **_context(result, rules),
            "total": len(found),
            "offset": offset,
            "limit": limit,
            "counts": result.stored.analysis.counts(),
            "findings": [f.to_dict() for f in page],
        }
    )


def _party_of(result: OwnershipResult, wanted: str) -> str:
    """The party id for a party id or for the id of a listed entry a party is linked to."""
    if wanted in result.stored.analysis.graph.index:
        return wanted
    for link in result.stored.links:
        if link.entity_id == wanted and link.party_id in result.stored.analysis.graph.index:
            return link.party_id
    raise HTTPException(
        404, detail=f"no party {wanted!r} in ownership version {result.stored.version_id}"
    )


@router.get(
    "/ownership/{party_id}",
    summary="One party's status through ownership",
    tags=["Ownership"],
    response_model=OwnershipPartyResponse,
    responses=ERRORS,
    dependencies=[Depends(require("read"))],
)
async def party(
    svc: Annotated[Services, Depends(services)],
    party_id: Annotated[
        str, PathParam(max_length=200, description="A party id or a listed entity id.")
    ],
    as_of: Annotated[date | None, AS_OF] = None,
    jurisdiction: Annotated[str | None, JURISDICTION] = None,
) -> Any:
    """The party's status under each jurisdiction (listed, blocked, possibly listed,
    undetermined, not blocked), the share held by blocked owners, every ownership path that
    explains it, the listed entries it is linked to, and cautions (minority stakes held by
    listed persons, relatives, recent transfers, nominees, circular holdings)."""
    rules = _rules(jurisdiction)
    result = await _analysis(svc, rules, as_of or date.today())
    pid = _party_of(result, party_id)
    analysis = result.stored.analysis
    return _orjson(
        {
            **_context(result, rules),
            "party_id": pid,
            "caption": analysis.caption(analysis.graph.index[pid]),
            "linked_entities": [
                link.to_dict() for link in result.stored.links if link.party_id == pid
            ],
            "statuses": [f.to_dict() for f in analysis.explain(pid)],
            "cautions": [c.to_dict() for c in result.cautions if c.party_id == pid],
        }
    )
