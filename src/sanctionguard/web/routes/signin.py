"""Signing in and out, with per-username and per-address throttling of failed attempts."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sanctionguard.web import auth
from sanctionguard.web.render import page, redirect
from sanctionguard.web.sessions import Session

router = APIRouter()
MAX_FIELD = 200


def client_address(request: Request) -> str:
    """The client's address; behind a trusted proxy, the first X-Forwarded-For entry."""
    if auth.ui(request).web.trust_proxy_headers:
        forwarded = request.headers.get("x-forwarded-for", "")
        first = forwarded.split(",")[0].strip()
        if first:
            return first
    return request.client.host if request.client else "unknown"


def _safe_next(request: Request, target: str) -> str:
    """Only a path inside this app, so the sign-in form cannot send users elsewhere."""
    root = str(request.scope.get("root_path", ""))
    inside = target.startswith(f"{root}/") and not target.startswith("//")
    return target if inside and "\\" not in target else request.url_for("alert_queue").path


@router.get("/login", response_class=HTMLResponse, name="login")
def login_form(request: Request, next: str = "") -> Response:
    if auth.current_user(request) is not None:
        return RedirectResponse(_safe_next(request, next), status_code=303)
    return page(request, "login.html", next=next, username="", error=None)


@router.post("/login", name="login_post", dependencies=[Depends(auth.check_csrf)])
def login(
    request: Request,
    username: Annotated[str, Form(max_length=MAX_FIELD)],
    password: Annotated[str, Form(max_length=MAX_FIELD)],
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    ctx = auth.ui(request)
    address, now = client_address(request), time.monotonic()
    blocked = ctx.throttle.blocked(username, address, now)
    if blocked is not None:
        return page(request, "login.html", 429, next=next, username=username, error=blocked.message)
    user = ctx.cases.authenticate(username, password)
    if user is None:
        ctx.throttle.failed(username, address, now)
        text = "Wrong username or password, or the account is disabled."
        return page(request, "login.html", 401, next=next, username=username, error=text)
    ctx.throttle.succeeded(username)
    sess = auth.session(request).signed_in(
        user.username, auth.fingerprint(ctx, user), int(time.time())
    )
    auth.set_session(request, sess.with_flash("info", f"Signed in as {user.username}."))
    return RedirectResponse(_safe_next(request, next), status_code=303)


@router.post("/logout", name="logout", dependencies=[Depends(auth.check_csrf)])
def logout(request: Request) -> Response:
    # A new anonymous session: the old id and its CSRF token die with the sign-out.
    auth.set_session(request, Session.anonymous(int(time.time())).with_flash("info", "Signed out."))
    return redirect(request, "login")
