"""Held and blocked payment messages recorded by payment screening, and one message's findings."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from sanctionguard.cases.views import NotFoundError, User
from sanctionguard.payments import storage
from sanctionguard.web import auth
from sanctionguard.web.payments import OUTCOMES, decision_filter, finding_views, party_views
from sanctionguard.web.render import page

router = APIRouter()
Viewer = Annotated[User, Depends(auth.viewer)]


@router.get("/payments", response_class=HTMLResponse, name="payments")
def payments(
    request: Request,
    user: Viewer,
    outcome: Annotated[str, Query(max_length=10)] = "",
    since: Annotated[str, Query(max_length=20)] = "",
    until: Annotated[str, Query(max_length=20)] = "",
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    ctx = auth.ui(request)
    size = ctx.web.page_size
    chosen = decision_filter(outcome, since, until)
    items = []
    if chosen.error is None:
        items = storage.search(
            ctx.store.engine,
            chosen.outcomes,
            since=chosen.since_at,
            until=chosen.until_at,
            limit=size + 1,
            offset=offset,
        )
    return page(
        request,
        "payments.html",
        form=chosen,
        outcomes=OUTCOMES,
        items=items[:size],
        more=len(items) > size,
        offset=offset,
        size=size,
    )


@router.get("/payments/{decision_id}", response_class=HTMLResponse, name="payment")
def payment(request: Request, user: Viewer, decision_id: int) -> HTMLResponse:
    store = auth.ui(request).store
    found = storage.get(store.engine, decision_id)
    if found is None:
        raise NotFoundError(f"no recorded payment decision {decision_id}")
    findings = list(found.record.get("findings") or [])
    snapshot_id = found.record.get("snapshot_id")
    return page(
        request,
        "payment.html",
        decision=found,
        snapshot_id=snapshot_id,
        findings=finding_views(store, snapshot_id, findings),
        parties=party_views(findings),
    )
