"""Rendering a page: the template, plus what every page shows (user, CSRF token, flashes)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse

from sanctionguard.web import auth


def page(request: Request, template: str, status_code: int = 200, **values: Any) -> HTMLResponse:
    """Render a template; the flashes shown are consumed from the session."""
    sess = auth.session(request)
    auth.set_session(request, sess.without_flashes())
    user = auth.current_user(request)
    context = {
        "user": user,
        "can": lambda role: auth.can(user, role),
        "csrf_field": auth.CSRF_FIELD,
        "csrf_token": auth.csrf_token(request),
        "flashes": sess.flashes,
        **values,
    }
    return auth.ui(request).templates.TemplateResponse(
        request, template, context, status_code=status_code
    )


def redirect(request: Request, name: str, query: str = "", **params: Any) -> RedirectResponse:
    """A 303 redirect to a named route (after a form post: the browser then GETs it)."""
    url = request.url_for(name, **params).path
    return RedirectResponse(url + (f"?{query}" if query else ""), status_code=303)
