"""One ASGI layer around the app: the body-size limit (413), request timing for the metrics,
an access log that names the key but never logs a key or a query string, and the pace at
which what screening cached leaves the cycle collector's reach (``screen.heap``).
"""

from __future__ import annotations

import logging
import time
from typing import Any, Literal

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sanctionguard.api.metrics import ApiMetrics
from sanctionguard.screen.heap import CacheFreezer

log = logging.getLogger("sanctionguard.api.access")


async def _reply(send: Send, status: int, detail: str) -> None:
    body = orjson.dumps({"detail": detail})
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class GuardLayer:
    """Refuses bodies above ``max_body`` bytes and records every request's latency; every
    ``heap.every`` requests, freezes what they left cached (a full collection walking a
    grown cache paused a request a third of a second)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body: int,
        metrics: ApiMetrics,
        access_log: bool,
        heap: CacheFreezer | None = None,
    ):
        self.app = app
        self.max_body = max_body
        self.metrics = metrics
        self.access_log = access_log
        self.heap = heap

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 500}
        too_big = f"request body larger than {self.max_body} bytes"

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        length = _content_length(scope)
        if length is not None and length > self.max_body:
            status["code"] = 413
            await _reply(send, 413, too_big)
        else:
            replay = await self._buffer_unsized(receive) if length is None else None
            if replay is False:
                status["code"] = 413
                await _reply(send, 413, too_big)
            else:
                await self.app(scope, receive if replay is None else replay, sending)
        self._record(scope, status["code"], time.perf_counter() - started)
        if self.heap is not None:
            self.heap.screened()

    async def _buffer_unsized(self, receive: Receive) -> Receive | Literal[False] | None:
        """A chunked body is read here up to the limit: ``False`` if it is too big, else a
        ``receive`` replaying it."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return None
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_body:
                return False
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = {"done": False}

        async def replay() -> Message:
            if sent["done"]:
                return await receive()
            sent["done"] = True
            return {"type": "http.request", "body": body, "more_body": False}

        return replay

    def _record(self, scope: Scope, status: int, seconds: float) -> None:
        route = scope.get("route")
        path = getattr(route, "path_format", None) or "unmatched"
        self.metrics.request_timer(scope["method"], path, status).observe(seconds)
        if self.access_log:
            key: Any = getattr(scope.get("state", {}).get("api_key"), "name", "-")
            log.info(
                "%s %s %s %.1fms key=%s",
                scope["method"],
                scope["path"],
                status,
                seconds * 1000,
                key,
            )


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    if scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
        return 0
    return None
