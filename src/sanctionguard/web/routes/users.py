"""User administration for admins: create users, change roles, disable accounts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from sanctionguard.cases.views import ROLES, Role, User
from sanctionguard.web import auth
from sanctionguard.web.render import page, redirect

router = APIRouter()
posts = APIRouter(dependencies=[Depends(auth.check_csrf)])
Admin = Annotated[User, Depends(auth.admin)]
Username = Annotated[str, Form(max_length=100)]


@router.get("/users", response_class=HTMLResponse, name="users")
def users(request: Request, user: Admin) -> HTMLResponse:
    return page(request, "users.html", users=auth.ui(request).cases.list_users(), roles=ROLES)


@posts.post("/users", name="create_user")
def create_user(
    request: Request,
    user: Admin,
    username: Username,
    password: Annotated[str, Form(max_length=200)],
    role: Annotated[Role, Form()],
) -> Response:
    created = auth.ui(request).cases.create_user(username, password, role, user.username)
    auth.flash(request, f"User {created.username} created with the {created.role} role.")
    return redirect(request, "users")


@posts.post("/users/{username}/role", name="set_role")
def set_role(
    request: Request, user: Admin, username: str, role: Annotated[Role, Form()]
) -> Response:
    auth.ui(request).cases.set_role(username, role, user.username)
    auth.flash(request, f"{username} now has the {role} role.")
    return redirect(request, "users")


@posts.post("/users/{username}/disable", name="disable_user")
def disable_user(request: Request, user: Admin, username: str) -> Response:
    auth.ui(request).cases.disable_user(username, user.username)
    auth.flash(request, f"{username} is disabled and signed out everywhere.")
    return redirect(request, "users")


router.include_router(posts)
