"""The alert queue, one alert with its evidence and history, and the four-eyes decision forms."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sanctionguard.cases.views import ALERT_STATUSES, AlertStatus, Outcome, User
from sanctionguard.web import auth
from sanctionguard.web.entities import find_entity
from sanctionguard.web.render import page, redirect

router = APIRouter()
posts = APIRouter(dependencies=[Depends(auth.check_csrf)])
Viewer = Annotated[User, Depends(auth.viewer)]
Analyst = Annotated[User, Depends(auth.analyst)]
Approver = Annotated[User, Depends(auth.approver)]
Text = Annotated[str, Form(max_length=4000)]
Order = Literal["score", "age"]


@router.get("/", name="home")
def home(request: Request) -> Response:
    return RedirectResponse(request.url_for("alert_queue").path, status_code=303)


def _assignee_filter(value: str, user: User) -> str | None:
    return user.username if value == "me" else (value or None)


@router.get("/alerts", response_class=HTMLResponse, name="alert_queue")
def alert_queue(
    request: Request,
    user: Viewer,
    status: Annotated[str, Query(max_length=20)] = "",
    assignee: Annotated[str, Query(max_length=200)] = "",
    order: Order = "score",
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    ctx = auth.ui(request)
    state: AlertStatus | None = status if status in ALERT_STATUSES else None
    who = _assignee_filter(assignee, user)
    size = ctx.web.page_size
    alerts = ctx.cases.list_alerts(state, who, order, size + 1, offset)
    return page(
        request,
        "alerts.html",
        alerts=alerts[:size],
        more=len(alerts) > size,
        total=ctx.cases.count_alerts(state, who),
        status=status,
        assignee=assignee,
        order=order,
        offset=offset,
        size=size,
        statuses=ALERT_STATUSES,
        users=[u for u in ctx.cases.list_users() if u.active and u.role != "viewer"],
    )


@posts.post("/alerts/assign", name="bulk_assign")
def bulk_assign(
    request: Request,
    user: Analyst,
    assignee: Annotated[str, Form(max_length=200)],
    alert_ids: Annotated[list[int], Form()] = [],  # noqa: B006 - FastAPI form default
) -> Response:
    if not alert_ids:
        auth.flash(request, "Select at least one alert to assign.", "error")
        return redirect(request, "alert_queue")
    auth.ui(request).cases.assign(alert_ids, assignee or None, user.username)
    target = assignee or "nobody"
    auth.flash(request, f"Assigned {len(alert_ids)} alert(s) to {target}.")
    return redirect(request, "alert_queue")


@router.get("/alerts/{alert_id}", response_class=HTMLResponse, name="alert")
def alert(request: Request, user: Viewer, alert_id: int) -> HTMLResponse:
    ctx = auth.ui(request)
    detail = ctx.cases.alert(alert_id)
    pending = [d for d in detail.decisions if d.state == "pending"]
    # The alert keeps a summary of the listed record; the page shows it in full, as it was
    # in the snapshot that raised the alert.
    stored = find_entity(ctx.store, detail.snapshot_id, detail.alert.entity_id)
    return page(
        request,
        "alert.html",
        detail=detail,
        entity=detail.entity if stored is None else stored.record,
        a=detail.alert,
        pending=pending[0] if pending else None,
        outcomes=get_args(Outcome),
        users=[u for u in ctx.cases.list_users() if u.active and u.role != "viewer"],
    )


@posts.post("/alerts/{alert_id}/assign", name="assign")
def assign(
    request: Request,
    user: Analyst,
    alert_id: int,
    assignee: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    auth.ui(request).cases.assign([alert_id], assignee or None, user.username)
    auth.flash(request, f"Alert {alert_id} assigned to {assignee or 'nobody'}.")
    return redirect(request, "alert", alert_id=alert_id)


@posts.post("/alerts/{alert_id}/comment", name="comment")
def comment(request: Request, user: Analyst, alert_id: int, text: Text) -> Response:
    if not text.strip():
        auth.flash(request, "A comment needs some text.", "error")
    else:
        auth.ui(request).cases.comment(alert_id, text.strip(), user.username)
        auth.flash(request, "Comment added.")
    return redirect(request, "alert", alert_id=alert_id)


@posts.post("/alerts/{alert_id}/review", name="start_review")
def start_review(request: Request, user: Analyst, alert_id: int) -> Response:
    auth.ui(request).cases.start_review(alert_id, user.username)
    auth.flash(request, "Review started.")
    return redirect(request, "alert", alert_id=alert_id)


@posts.post("/alerts/{alert_id}/escalate", name="escalate")
def escalate(request: Request, user: Analyst, alert_id: int, reason: Text = "") -> Response:
    auth.ui(request).cases.escalate(alert_id, user.username, reason.strip())
    auth.flash(request, "Alert escalated.")
    return redirect(request, "alert", alert_id=alert_id)


@posts.post("/alerts/{alert_id}/propose", name="propose")
def propose(
    request: Request,
    user: Analyst,
    alert_id: int,
    outcome: Annotated[Outcome, Form()],
    reason: Text,
) -> Response:
    if not reason.strip():
        auth.flash(request, "A decision needs a reason.", "error")
        return redirect(request, "alert", alert_id=alert_id)
    ctx = auth.ui(request)
    decision_id = ctx.cases.propose_decision(alert_id, outcome, reason.strip(), user.username)
    text = f"Decision {decision_id} proposed; it takes effect when another approver confirms it."
    auth.flash(request, text)
    return redirect(request, "alert", alert_id=alert_id)


@router.get("/decisions", response_class=HTMLResponse, name="decisions")
def decisions(request: Request, user: Viewer) -> HTMLResponse:
    items = auth.ui(request).cases.decisions("pending")
    return page(request, "decisions.html", decisions=items)


@posts.post("/decisions/{decision_id}/approve", name="approve")
def approve(request: Request, user: Approver, decision_id: int) -> Response:
    decided = auth.ui(request).cases.approve_decision(decision_id, user.username)
    auth.flash(request, f"Decision {decision_id} approved: alert closed as {decided.outcome}.")
    return redirect(request, "alert", alert_id=decided.alert_id)


@posts.post("/decisions/{decision_id}/reject", name="reject")
def reject(request: Request, user: Approver, decision_id: int, reason: Text) -> Response:
    if not reason.strip():
        auth.flash(request, "Say why the decision is rejected.", "error")
        alert_id = auth.ui(request).cases.decision(decision_id).alert_id
        return redirect(request, "alert", alert_id=alert_id)
    decided = auth.ui(request).cases.reject_decision(decision_id, reason.strip(), user.username)
    auth.flash(request, f"Decision {decision_id} rejected; the alert stays open.")
    return redirect(request, "alert", alert_id=decided.alert_id)


router.include_router(posts)
