"""The web UI application factory: middleware for sessions and security headers, the routers,
static files and error pages.

Every URL is built with ``request.url_for``, so the app works standalone and mounted under a
prefix (the API server mounts it at ``/ui``).
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from sanctionguard.cases.service import CaseService, CaseSettings
from sanctionguard.cases.views import CaseError, NotFoundError, PermissionDeniedError
from sanctionguard.errors import SanctionguardError, StoreError
from sanctionguard.settings import Settings
from sanctionguard.store.snapshots import Store
from sanctionguard.web import auth, filters
from sanctionguard.web.context import HERE, ScreenerCache, ScreenerSource, UiContext
from sanctionguard.web.middleware import SessionMiddleware
from sanctionguard.web.render import page
from sanctionguard.web.routes import (
    account,
    alerts,
    lists,
    oversight,
    payments,
    runs,
    signin,
    users,
    vessels,
)
from sanctionguard.web.sessions import SessionCodec
from sanctionguard.web.settings import WebSettings
from sanctionguard.web.throttle import LoginThrottle


def _install_error_pages(app: FastAPI) -> None:
    async def sign_in(request: Request, exc: Exception) -> Response:
        target = request.url_for("login").path
        wanted = request.url.path if request.method == "GET" else ""
        query = f"?{urlencode({'next': wanted})}" if wanted else ""
        return RedirectResponse(target + query, status_code=303)

    async def forbidden(request: Request, exc: Exception) -> Response:
        return _error(request, 403, "Not allowed", str(exc))

    async def csrf(request: Request, exc: Exception) -> Response:
        text = (
            "This form was not sent from a page of this session (or the session ended). "
            "Go back, reload the page and send it again."
        )
        return _error(request, 403, "Form rejected", text)

    async def not_found(request: Request, exc: Exception) -> Response:
        return _error(request, 404, "Not found", str(exc))

    async def case_error(request: Request, exc: Exception) -> Response:
        return _error(request, 409, "Not possible", str(exc))

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        fields = sorted({str(e["loc"][-1]) for e in exc.errors() if e.get("loc")})
        text = f"The form has a missing or invalid field: {', '.join(fields)}. Go back and fix it."
        return _error(request, 400, "Invalid form", text)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        titles = {404: "Not found", 405: "Not allowed"}
        title = titles.get(exc.status_code, "Error")
        return _error(request, exc.status_code, title, str(exc.detail))

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(auth.SignInRequiredError, sign_in)
    app.add_exception_handler(auth.ForbiddenError, forbidden)
    app.add_exception_handler(PermissionDeniedError, forbidden)
    app.add_exception_handler(auth.CsrfRejectedError, csrf)
    app.add_exception_handler(NotFoundError, not_found)
    app.add_exception_handler(StoreError, not_found)
    app.add_exception_handler(CaseError, case_error)
    app.add_exception_handler(SanctionguardError, case_error)


def _error(request: Request, status: int, title: str, text: str) -> HTMLResponse:
    return page(request, "error.html", status_code=status, title=title, message=text)


def create_web_app(
    settings: Settings,
    web: WebSettings,
    *,
    store: Store | None = None,
    screeners: ScreenerSource | None = None,
    cases: CaseService | None = None,
) -> FastAPI:
    """The analysts' web UI over the store at ``settings.database_url`` (or the given store).

    ``screeners`` shares an existing screener source (the API server's holder); without it
    the UI compiles its own index of the current snapshot on first use. ``cases`` is the case
    service to use (with the deployment's ``CaseSettings``); by default one with the defaults.
    """
    store = store if store is not None else Store.open(settings.database_url)
    templates = Jinja2Templates(directory=HERE / "templates")
    filters.install(templates.env)
    app = FastAPI(title="sanctionguard UI", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.ui = UiContext(
        settings=settings,
        web=web,
        store=store,
        cases=cases
        if cases is not None
        else CaseService(store, CaseSettings(cache_dir=web.cache_dir)),
        codec=SessionCodec(web.secret_key, web.session_idle_s, web.session_max_s),
        throttle=LoginThrottle(
            web.throttle_user_failures, web.throttle_ip_failures, web.throttle_window_s
        ),
        templates=templates,
        screeners=screeners if screeners is not None else ScreenerCache(store, web.cache_dir),
    )
    app.add_middleware(SessionMiddleware, ctx=app.state.ui)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (signin, account, alerts, runs, payments, vessels, lists, oversight, users):
        app.include_router(module.router)
    _install_error_pages(app)
    return app
