"""The allowlist (confirmed false positives that suppress hits) and the audit log with its check."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from sanctionguard.cases.views import User
from sanctionguard.web import auth
from sanctionguard.web.render import page, redirect

router = APIRouter()
posts = APIRouter(dependencies=[Depends(auth.check_csrf)])
Viewer = Annotated[User, Depends(auth.viewer)]
Approver = Annotated[User, Depends(auth.approver)]


@router.get("/allowlist", response_class=HTMLResponse, name="allowlist")
def allowlist(
    request: Request, user: Viewer, show_all: Annotated[bool, Query(alias="all")] = False
) -> HTMLResponse:
    entries = auth.ui(request).cases.allowlist(include_inactive=show_all)
    return page(request, "allowlist.html", entries=entries, show_all=show_all)


@posts.post("/allowlist/{entry_id}/revoke", name="revoke_allowlist")
def revoke(request: Request, user: Approver, entry_id: int) -> Response:
    auth.ui(request).cases.revoke_allowlist(entry_id, user.username)
    auth.flash(request, f"Allowlist entry {entry_id} revoked: the pair alerts again.")
    return redirect(request, "allowlist")


@router.get("/audit", response_class=HTMLResponse, name="audit")
def audit(
    request: Request, user: Approver, offset: Annotated[int, Query(ge=0)] = 0
) -> HTMLResponse:
    ctx = auth.ui(request)
    size = ctx.web.page_size
    rows = ctx.cases.audit_rows(size + 1, offset)
    return page(
        request,
        "audit.html",
        check=ctx.cases.verify_audit(),
        rows=rows[:size],
        more=len(rows) > size,
        offset=offset,
        size=size,
    )


router.include_router(posts)
