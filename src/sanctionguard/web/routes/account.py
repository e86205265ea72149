"""The signed-in user's own account: changing their password (the current one is asked)."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from sanctionguard.cases.views import User
from sanctionguard.web import auth
from sanctionguard.web.render import page, redirect
from sanctionguard.web.routes.signin import client_address

router = APIRouter()
posts = APIRouter(dependencies=[Depends(auth.check_csrf)])
Viewer = Annotated[User, Depends(auth.viewer)]
Password = Annotated[str, Form(max_length=200)]


@router.get("/account", response_class=HTMLResponse, name="account")
def account(request: Request, user: Viewer) -> HTMLResponse:
    return page(request, "account.html", error=None)


@posts.post("/account/password", name="change_password")
def change_password(
    request: Request, user: Viewer, current: Password, new: Password, repeat: Password
) -> Response:
    ctx = auth.ui(request)
    address, now = client_address(request), time.monotonic()
    # Guessing the current password here counts against the same budget as signing in.
    blocked = ctx.throttle.blocked(user.username, address, now)
    if blocked is not None:
        return page(request, "account.html", 429, error=blocked.message)
    if ctx.cases.authenticate(user.username, current) is None:
        ctx.throttle.failed(user.username, address, now)
        return page(request, "account.html", 400, error="The current password is wrong.")
    if new != repeat:
        return page(request, "account.html", 400, error="The two new passwords differ.")
    ctx.cases.set_password(user.username, new, user.username)
    auth.flash(request, "Password changed.")
    return redirect(request, "account")


router.include_router(posts)
