"""The one middleware of the UI: the signed session cookie in and out, and security headers.

Plain ASGI rather than Starlette's ``BaseHTTPMiddleware``: no extra task and stream per
request, and the session a handler sets is read back when the response starts.
"""

from __future__ import annotations

import dataclasses
import time
from http.cookies import SimpleCookie

from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sanctionguard.web.context import UiContext
from sanctionguard.web.sessions import COOKIE_NAME, Session

# No inline script or style anywhere: everything comes from /static of this app.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


class SessionMiddleware:
    """Puts the request's session in ``scope["state"]`` and writes it back, refreshed."""

    def __init__(self, app: ASGIApp, ctx: UiContext) -> None:
        self.app = app
        self.ctx = ctx

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        now = int(time.time())
        raw = HTTPConnection(scope).cookies.get(COOKIE_NAME)
        found = self.ctx.codec.decode(raw, now) if raw else None
        sess = Session.anonymous(now) if found is None else dataclasses.replace(found, seen=now)
        # A state of this request's own: the handlers replace the session in it.
        state = {**scope.get("state", {}), "session": sess}
        scope["state"] = state
        root = str(scope.get("root_path", ""))
        static = str(scope["path"]).startswith(f"{root}/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if self.ctx.web.secure_cookies:
                    headers.setdefault("Strict-Transport-Security", "max-age=31536000")
                if not static:
                    # Pages show who is signed in and carry CSRF tokens: never store them.
                    headers["Cache-Control"] = "no-store"
                    headers.append("Set-Cookie", self._cookie(state["session"], root or "/"))
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _cookie(self, sess: Session, path: str) -> str:
        cookie: SimpleCookie = SimpleCookie()
        cookie[COOKIE_NAME] = self.ctx.codec.encode(sess)
        morsel = cookie[COOKIE_NAME]
        morsel["max-age"] = self.ctx.web.session_idle_s
        morsel["path"] = path
        morsel["httponly"] = True
        morsel["samesite"] = "Strict"
        if self.ctx.web.secure_cookies:
            morsel["secure"] = True
        return morsel.OutputString()
