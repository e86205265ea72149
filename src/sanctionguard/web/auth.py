"""Who is asking: the session of a request, its signed-in user, role checks and CSRF checks.

Handlers declare what they need with ``Depends(viewer)``, ``Depends(analyst)``… and POST
routers carry ``Depends(check_csrf)``; failures raise the exceptions below, which the app
turns into a redirect to the sign-in page or a clear 403 page.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable

from fastapi import Request

from sanctionguard.cases.views import Role, User
from sanctionguard.web.context import UiContext
from sanctionguard.web.sessions import Session

RANK: dict[Role, int] = {"viewer": 0, "analyst": 1, "approver": 2, "admin": 3}
CSRF_FIELD = "csrf_token"


class SignInRequiredError(Exception):
    """The page needs a signed-in user."""


class ForbiddenError(Exception):
    """The signed-in user's role does not allow this; the message says what is needed."""


class CsrfRejectedError(Exception):
    """A POST without the session's CSRF token."""


def ui(request: Request) -> UiContext:
    ctx = request.app.state.ui
    assert isinstance(ctx, UiContext)
    return ctx


def session(request: Request) -> Session:
    value = request.state.session
    assert isinstance(value, Session)
    return value


def set_session(request: Request, value: Session) -> None:
    request.state.session = value


def flash(request: Request, text: str, kind: str = "info") -> None:
    set_session(request, session(request).with_flash(kind, text))


def fingerprint(ctx: UiContext, user: User) -> str:
    """What must not change for a session to stay valid: the account, its role, its state."""
    stamp = f"{user.id}|{user.role}|{user.active}|{user.created_at.isoformat()}"
    return ctx.codec.fingerprint(user.username, stamp)


def current_user(request: Request) -> User | None:
    """The signed-in user, or None when anonymous, disabled, or changed since sign-in."""
    cached = getattr(request.state, "user", False)
    if cached is not False:
        return cached if isinstance(cached, User) else None
    ctx, sess = ui(request), session(request)
    user = ctx.cases.get_user(sess.username) if sess.username else None
    if user is not None and (not user.active or sess.fingerprint != fingerprint(ctx, user)):
        user = None
    request.state.user = user
    return user


def _requires(role: Role) -> Callable[[Request], User]:
    def dependency(request: Request) -> User:
        user = current_user(request)
        if user is None:
            raise SignInRequiredError()
        if RANK[user.role] < RANK[role]:
            raise ForbiddenError(f"This needs the {role} role; you are signed in as a {user.role}.")
        return user

    return dependency


viewer = _requires("viewer")
analyst = _requires("analyst")
approver = _requires("approver")
admin = _requires("admin")


def can(user: User | None, role: Role) -> bool:
    return user is not None and RANK[user.role] >= RANK[role]


def csrf_token(request: Request) -> str:
    return ui(request).codec.token("csrf", session(request))


async def check_csrf(request: Request) -> None:
    """Reject a form post whose token is missing or belongs to another session."""
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    if not isinstance(sent, str) or not hmac.compare_digest(sent, csrf_token(request)):
        raise CsrfRejectedError()
