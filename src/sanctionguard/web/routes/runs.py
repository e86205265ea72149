"""Screening runs with their counts, per-customer outcomes, exports, and a button to run one."""

from __future__ import annotations

import io
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from sanctionguard.cases.views import RunMode, User
from sanctionguard.web import auth
from sanctionguard.web.render import page, redirect

router = APIRouter()
posts = APIRouter(dependencies=[Depends(auth.check_csrf)])
Viewer = Annotated[User, Depends(auth.viewer)]
Analyst = Annotated[User, Depends(auth.analyst)]
OUTCOMES = ("no_hit", "hit", "suppressed", "error")


@router.get("/runs", response_class=HTMLResponse, name="runs")
def runs(request: Request, user: Viewer) -> HTMLResponse:
    return page(request, "runs.html", runs=auth.ui(request).cases.runs())


@router.get("/runs/{run_id}", response_class=HTMLResponse, name="run")
def run(
    request: Request,
    user: Viewer,
    run_id: int,
    outcome: Annotated[str, Query(max_length=20)] = "",
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    ctx = auth.ui(request)
    size = ctx.web.page_size
    chosen = outcome if outcome in OUTCOMES else None
    results = ctx.cases.run_results(run_id, chosen, size + 1, offset)
    return page(
        request,
        "run.html",
        run=ctx.cases.run(run_id),
        results=results[:size],
        more=len(results) > size,
        outcome=outcome,
        outcomes=OUTCOMES,
        offset=offset,
        size=size,
        alerts=ctx.cases.list_alerts(run_id=run_id, limit=size),
    )


@router.get("/runs/{run_id}/export.csv", name="run_csv")
def run_csv(request: Request, user: Viewer, run_id: int) -> Response:
    out = io.StringIO()
    auth.ui(request).cases.export_run_csv(run_id, out)
    disposition = f'attachment; filename="run-{run_id}.csv"'
    return Response(
        out.getvalue(), media_type="text/csv", headers={"Content-Disposition": disposition}
    )


@router.get("/decisions/export.csv", name="decisions_csv")
def decisions_csv(request: Request, user: Viewer) -> Response:
    out = io.StringIO()
    auth.ui(request).cases.export_decisions_csv(out)
    disposition = 'attachment; filename="decisions.csv"'
    return Response(
        out.getvalue(), media_type="text/csv", headers={"Content-Disposition": disposition}
    )


@router.get("/runs/{run_id}/report", response_class=HTMLResponse, name="run_report")
def run_report(request: Request, user: Viewer, run_id: int) -> HTMLResponse:
    # The printable report is a standalone document with its own inline styles; it runs no
    # script at all, so its policy allows those styles and nothing else.
    policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
    return HTMLResponse(
        auth.ui(request).cases.report_html(run_id),
        headers={"Content-Security-Policy": policy},
    )


@posts.post("/runs", name="start_run")
def start_run(
    request: Request,
    user: Analyst,
    mode: Annotated[Literal["full", "delta"], Form()] = "full",
) -> Response:
    ctx = auth.ui(request)
    chosen: RunMode = mode
    _, screener = ctx.screeners.current()
    summary = ctx.cases.screen_book(screener, user.username, mode=chosen)
    auth.flash(
        request,
        f"Run {summary.id} ({summary.mode}): {summary.customers} customers, {summary.hits} hits, "
        f"{summary.new_alerts} new alerts, {summary.suppressed} suppressed by the allowlist.",
    )
    return redirect(request, "run", run_id=summary.id)


router.include_router(posts)
