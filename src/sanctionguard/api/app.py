"""The app factory: ``create_app(settings, api)`` wires the store, the snapshot holder, keys,
rate limits, metrics, CORS and the routers; ``app_from_env`` is uvicorn's factory in worker
processes, reading the settings the CLI passed in ``SANCTIONGUARD_API_CONFIG``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from sanctionguard import __version__
from sanctionguard.api.auth import Guard
from sanctionguard.api.contexts import SnapshotContexts
from sanctionguard.api.fastpath import MatchFastPath
from sanctionguard.api.holder import NotReadyError, ScreenerHolder
from sanctionguard.api.keys import KeyStore
from sanctionguard.api.metrics import ApiMetrics
from sanctionguard.api.middleware import GuardLayer
from sanctionguard.api.ratelimit import RateLimiter
from sanctionguard.api.routers import (
    entities,
    maritime,
    match,
    own,
    ownership,
    payments,
    reconcile,
    system,
)
from sanctionguard.api.services import Services
from sanctionguard.api.settings import ApiSettings
from sanctionguard.api.translate import ExampleError
from sanctionguard.errors import SanctionguardError
from sanctionguard.screen.heap import CacheFreezer, settle_heap
from sanctionguard.settings import Settings
from sanctionguard.store.snapshots import Store
from sanctionguard.web.app import create_web_app
from sanctionguard.web.settings import WebSettings

log = logging.getLogger(__name__)

CONFIG_ENV = "SANCTIONGUARD_API_CONFIG"

DESCRIPTION = """
Screening against official sanctions lists, compatible with yente's API (`/match`, `/search`,
`/entities`, `/catalog`, `/algorithms`, `/reconcile`), plus `/screen`, `/lists` and `/metrics`,
payment messages (`/screen/payment`), vessels, shipments and AIS tracks (`/screen/vessel`,
`/screen/shipment`, `/ais/analyze`) and ownership (`/ownership/...`). The analysts' web UI
is served at `/ui` (its own sign-in; not part of this document).

**Authentication**: every endpoint except `/healthz` and `/readyz` needs an API key
(`sanctionguard keys create --name N --scopes screen,read,admin`), sent as
`Authorization: ApiKey <key>` (what yente clients send), `Authorization: Bearer <key>` or
`X-API-Key: <key>`; the `/reconcile` endpoints also take `?api_key=` for OpenRefine.
401 without a valid key, 403 when the key lacks the endpoint's scope (`screen`: /match,
/screen, /screen/*, /ais/analyze, /reconcile; `read`: /search, /entities, /catalog,
/algorithms, /lists, /metrics, /ownership;
`admin`: everything).

**Limits**: per-key token bucket (429 with `Retry-After`; a /match batch spends one token per
query), request bodies above the configured size get 413, batches above 100 queries and
over-long names get 400 with a message naming the field.
"""


def _cache_dir(settings: Settings, api: ApiSettings) -> Path:
    return api.cache_dir if api.cache_dir is not None else settings.index_cache_dir


async def _warm(svc: Services) -> None:
    """Build the new snapshot's payment and vessel contexts before the first request asks."""
    try:
        await asyncio.to_thread(svc.contexts.warm, svc.holder.loaded())
    except Exception:  # the endpoints build them on first use instead (and report errors)
        log.exception("building the payment and vessel contexts failed")


async def _poll(svc: Services) -> None:
    """Load the current snapshot now, then follow the store's current pointer; with no
    polling (``reload_interval_s`` 0), only load it if none is loaded yet (a second, late load
    would race an admin's reload: it could switch to a snapshot made current meanwhile)."""
    while True:
        if svc.api.reload_interval_s <= 0 and svc.holder.ready:
            return
        try:
            if await asyncio.to_thread(svc.holder.refresh):
                svc.metrics.reloads.inc()
                if svc.api.warm_contexts:
                    await _warm(svc)
                await asyncio.to_thread(settle_heap)
        except Exception:  # keep serving the old snapshot; the next poll tries again
            log.exception("loading the current snapshot failed")
            svc.holder.last_error = "loading the current snapshot failed; see the server log"
        if svc.api.reload_interval_s <= 0 and svc.holder.ready:
            return
        await asyncio.sleep(max(svc.api.reload_interval_s, 1.0))


def _errors(app: FastAPI) -> None:
    @app.exception_handler(NotReadyError)
    async def not_ready(_: Request, exc: NotReadyError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "5"})

    @app.exception_handler(ExampleError)
    async def bad_example(_: Request, exc: ExampleError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(SanctionguardError)
    async def bad_input(_: Request, exc: SanctionguardError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        # One readable line per problem, naming where it is (never echoing the input back).
        problems = [
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', 'invalid')}"
            for e in exc.errors()
        ]
        return JSONResponse({"detail": "; ".join(problems[:20])}, status_code=422)


@dataclass(frozen=True)
class RouteLabel:
    """What the metrics read of a route (``path_format``), for requests a mounted app served."""

    path_format: str


class OwnRoutes:
    """A mounted app that is its own root for ``url_for``: names resolve in its own routes
    (the API has routes named like the UI's: ``search``, ``diff``, ``vessel``, and Starlette
    would look them up in the outer app first) and paths are built under the mount point.
    Its route templates (``/ui/alerts/{alert_id}``) label the API's request metrics."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        inner = {k: v for k, v in scope.items() if k != "router"}
        inner["app_root_path"] = mount = scope.get("root_path", "")
        try:
            await self.app(inner, receive, send)
        finally:
            template = getattr(inner.get("route"), "path_format", None)
            scope["route"] = RouteLabel(f"{mount}{template}" if template else f"{mount}/*")


def _match_route() -> BaseRoute:
    """The registered ``POST /match/{dataset}`` route (the fast path labels metrics with it)."""
    for route in match.router.routes:
        if getattr(route, "path", None) == "/match/{dataset}":
            return route
    raise LookupError("the /match route is not registered")


def create_app(
    settings: Settings,
    api: ApiSettings,
    *,
    store: Store | None = None,
    web: WebSettings | None = None,
) -> FastAPI:
    """The REST API over the store at ``settings.database_url`` (or the given ``store``),
    with the analysts' web UI at ``/ui`` unless ``api.web_ui`` is off. ``web`` configures the
    UI; without it the UI signs sessions with a random key (they end with the process)."""
    store = store if store is not None else Store.open(settings.database_url)
    holder = ScreenerHolder(store, cache_dir=_cache_dir(settings, api))

    def snapshot_info() -> tuple[int, float] | None:
        if not holder.ready:
            return None
        live = holder.loaded()
        return live.snapshot_id, live.info.created_at.timestamp()

    svc = Services(
        settings=settings,
        api=api,
        store=store,
        holder=holder,
        guard=Guard(
            KeyStore(store.engine),
            RateLimiter(api.rate_per_second, api.rate_burst),
            api.key_cache_seconds,
        ),
        metrics=ApiMetrics(snapshot_info),
        contexts=SnapshotContexts(store),
    )

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        poller = asyncio.create_task(_poll(svc))
        try:
            yield
        finally:
            poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await poller

    app = FastAPI(
        title=api.title,
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.services = svc
    _errors(app)
    for module in (system, match, entities, reconcile, own, payments, maritime, ownership):
        app.include_router(module.router)
    if api.web_ui:
        # A sub-application: outside the OpenAPI document and the API's key checks (those are
        # per-route dependencies); the UI keeps its own sessions, CSRF and security headers.
        web_settings = web if web is not None else WebSettings.from_env({})
        ui = create_web_app(settings, web_settings, store=store, screeners=holder)
        app.mount("/ui", OwnRoutes(ui))
    # Innermost of our layers: CORS, the body limit, timing and the access log still apply.
    app.add_middleware(
        MatchFastPath,
        route=_match_route(),
        handler=match.answer,
        error_handlers=app.exception_handlers,
    )
    if api.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(api.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "X-API-Key", "Content-Type"],
        )
    app.add_middleware(
        GuardLayer,
        max_body=api.max_body_bytes,
        metrics=svc.metrics,
        access_log=api.access_log,
        heap=CacheFreezer(),
    )
    return app


def app_from_env() -> FastAPI:
    """uvicorn's factory in each worker: settings from the environment the CLI prepared."""
    settings = Settings.from_env()
    database = os.environ.get("SANCTIONGUARD_DATABASE_URL")
    if database:
        settings = replace(settings, database_url=database)
    api = ApiSettings.from_json(os.environ.get(CONFIG_ENV, "{}"))
    return create_app(settings, api, web=WebSettings.from_env() if api.web_ui else None)
