"""A direct path for the hot endpoint: ``POST /match/{dataset}`` answered without FastAPI's
routing, exception and dependency layers, with the same handler, errors and metrics label.

The route stays registered (the OpenAPI document, and any request this layer passes on);
errors go to the app's own exception handlers, so responses are the ones the route gives.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send

Handler = Callable[[Request, str], Awaitable[Response]]
ErrorHandler = Callable[[Request, Any], Response | Awaitable[Response]]

# The route's own limit on the dataset (longer ones take the route, which answers 422).
MAX_DATASET = 100


class MatchFastPath:
    """An ASGI layer answering ``POST /match/<dataset>`` with ``handler`` directly."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        route: BaseRoute,
        handler: Handler,
        error_handlers: Mapping[Any, ErrorHandler],
    ) -> None:
        self.app = app
        self.route = route
        self.handler = handler
        self.error_handlers = error_handlers
        self.pattern = re.compile(rf"/match/([^/]{{1,{MAX_DATASET}}})")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        found = (
            self.pattern.fullmatch(scope["path"])
            if scope["type"] == "http" and scope["method"] == "POST"
            else None
        )
        if found is None:
            await self.app(scope, receive, send)
            return
        dataset = found.group(1)
        scope["route"] = self.route  # labels the request in the metrics as the route would
        scope["path_params"] = {"dataset": dataset}
        request = Request(scope, receive)
        try:
            response = await self.handler(request, dataset)
        except Exception as exc:
            response = await self._error(request, exc)
        await response(scope, receive, send)

    async def _error(self, request: Request, exc: Exception) -> Response:
        """The app's handler for ``exc`` (by class hierarchy, as Starlette looks them up);
        anything unhandled propagates to the server-error layer, as from the route."""
        for kind in type(exc).__mro__:
            handler = self.error_handlers.get(kind)
            if handler is not None:
                response = handler(request, exc)
                return await response if inspect.isawaitable(response) else response
        raise exc
