"""``POST /screen/payment``: one ISO 20022 XML or SWIFT MT body in, one pass/hold/block decision
out. Screening fails closed (anything unreadable is held), so every decision is a 200; only an
empty body is a 400. ``?record=true`` stores held and blocked decisions for the review page.
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from sanctionguard.api.auth import AUTH_RESPONSES, require
from sanctionguard.api.domain_models import PaymentDecisionResponse
from sanctionguard.api.models import ErrorResponse
from sanctionguard.api.routers.match import _orjson
from sanctionguard.api.services import Services, services
from sanctionguard.payments import storage
from sanctionguard.payments.findings import Outcome, PaymentDecision
from sanctionguard.payments.service import screen_payment

router = APIRouter()

_BODY = {"type": "string", "minLength": 1, "maxLength": 4096}


def _screen(svc: Services, data: bytes, content_type: str | None, record: bool) -> dict[str, Any]:
    live = svc.holder.loaded()
    ctx = svc.contexts.payments(live)
    decision: PaymentDecision = screen_payment(data, content_type, ctx)
    stored = record and decision.outcome is not Outcome.PASS
    if stored:
        storage.record(svc.store.engine, [decision])
    return {**decision.to_dict(), "recorded": stored}


@router.post(
    "/screen/payment",
    summary="Screen one payment message",
    tags=["Payments"],
    response_model=PaymentDecisionResponse,
    responses={
        **AUTH_RESPONSES,
        400: {"model": ErrorResponse, "description": "Empty body"},
        413: {"model": ErrorResponse, "description": "Request body too large"},
        503: {"model": ErrorResponse, "description": "Index not loaded yet"},
    },
    dependencies=[Depends(require("screen"))],
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "An ISO 20022 message (pacs.008, pacs.009, pain.001) or SWIFT MT "
            "text (MT103, MT202COV); one or more transactions.",
            "content": {
                "application/xml": {"schema": _BODY},
                "text/plain": {"schema": _BODY},
            },
        }
    },
)
async def screen_payment_body(
    request: Request,
    svc: Annotated[Services, Depends(services)],
    record: Annotated[
        bool, Query(description="Store held and blocked decisions for the review page.")
    ] = False,
) -> Any:
    """Screen every party, agent, account and free-text field of the message against the
    live snapshot and apply the red-flag rules (docs/payments.md). The decision is the
    strongest of its transactions'; a message that cannot be read or fully screened is held
    (rule F1), never passed. Every decision, pass, hold or block, is a 200."""
    data = await request.body()
    if not data.strip():
        raise HTTPException(400, detail="empty body: send an ISO 20022 XML or SWIFT MT message")
    svc.holder.loaded()  # 503 before any work when no snapshot is live
    result = await asyncio.to_thread(
        _screen, svc, data, request.headers.get("content-type"), record
    )
    svc.metrics.queries.labels("payment").inc()
    if result["decision"] != Outcome.PASS.value:
        svc.metrics.matches.labels("payment").inc()
    return _orjson(result)
