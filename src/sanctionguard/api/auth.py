"""Who is calling and may they: API keys from headers, scopes, per-key rate limits.

A key comes as ``Authorization: ApiKey <key>`` (what yente clients send), ``Authorization:
Bearer <key>``, ``X-API-Key: <key>``, or ``?api_key=`` on the reconciliation endpoints (the
only way OpenRefine can send one). Verified keys are trusted for ``key_cache_seconds``, so a
revocation takes effect within that time on every replica.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import APIKeyHeader, APIKeyQuery
from starlette.concurrency import run_in_threadpool

from sanctionguard.api.keys import ApiKey, KeyStore, digest
from sanctionguard.api.ratelimit import RateLimiter, retry_after

_authorization = APIKeyHeader(
    name="Authorization",
    auto_error=False,
    scheme_name="ApiKeyAuthorization",
    description="`ApiKey <key>` (as yente clients send it) or `Bearer <key>`.",
)
_x_api_key = APIKeyHeader(name="X-API-Key", auto_error=False, scheme_name="ApiKeyHeader")
_query_key = APIKeyQuery(
    name="api_key",
    auto_error=False,
    scheme_name="ApiKeyQuery",
    description="Only on /reconcile endpoints, for OpenRefine.",
)

AUTH_RESPONSES: dict[int | str, dict[str, object]] = {
    401: {"description": "No API key, or an unknown or revoked one."},
    403: {"description": "The key lacks the scope this endpoint needs."},
    429: {"description": "The key's rate limit is spent; see the Retry-After header."},
}


@dataclass
class Guard:
    """Checks keys (with a short cache) and spends their rate-limit tokens."""

    keys: KeyStore
    limiter: RateLimiter
    cache_seconds: float
    _cache: dict[str, tuple[ApiKey | None, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def cached(self, token: str) -> tuple[bool, ApiKey | None]:
        entry = self._cache.get(digest(token))
        if entry is None or entry[1] < time.monotonic():
            return False, None
        return True, entry[0]

    def identify(self, token: str) -> ApiKey | None:
        """The active key for ``token`` (reads the database at most once per cache period)."""
        hit, key = self.cached(token)
        if hit:
            return key
        key = self.keys.verify(token)
        with self._lock:
            if len(self._cache) > 10_000:  # unknown tokens must not grow memory without bound
                self._cache.clear()
            self._cache[digest(token)] = (key, time.monotonic() + self.cache_seconds)
        return key

    def spend(self, key: ApiKey, cost: float = 1.0) -> None:
        """Take ``cost`` tokens from the key's bucket, or answer 429 with ``Retry-After``."""
        wait = self.limiter.take(key.prefix, min(cost, float(self.limiter.burst)))
        if wait > 0:
            raise HTTPException(
                429,
                detail=f"rate limit of API key {key.name!r} exceeded; retry in {wait:.1f} s",
                headers={"Retry-After": retry_after(wait)},
            )


def presented_token(authorization: str | None, x_api_key: str | None) -> str | None:
    if x_api_key:
        return x_api_key.strip()
    if authorization:
        scheme, _, value = authorization.strip().partition(" ")
        if scheme.lower() in ("apikey", "bearer", "token") and value.strip():
            return value.strip()
    return None


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(401, detail=detail, headers={"WWW-Authenticate": "ApiKey"})


async def authenticate(request: Request, scope: str, token: str | None) -> ApiKey:
    """The key presenting ``token`` if it has ``scope``, after spending one rate-limit token;
    401, 403 or 429 otherwise."""
    if token is None:
        raise _unauthorized(
            "an API key is required: send `Authorization: ApiKey <key>` or `X-API-Key`"
        )
    guard: Guard = request.app.state.services.guard
    hit, key = guard.cached(token)
    if not hit:
        key = await run_in_threadpool(guard.identify, token)
    if key is None:
        request.app.state.services.metrics.auth_failures.inc()
        raise _unauthorized("unknown or revoked API key")
    request.state.api_key = key
    if not key.allows(scope):
        raise HTTPException(
            403, detail=f"API key {key.name!r} lacks the {scope!r} scope for this endpoint"
        )
    guard.spend(key)
    return key


def header_token(request: Request) -> str | None:
    """The key from the headers, read directly (the hot path skips dependency injection)."""
    headers = request.headers
    return presented_token(headers.get("authorization"), headers.get("x-api-key"))


# The OpenAPI security requirement of endpoints that authenticate without ``require``.
HEADER_SECURITY: list[dict[str, list[str]]] = [{"ApiKeyAuthorization": []}, {"ApiKeyHeader": []}]


def require(scope: str, *, allow_query: bool = False) -> Callable[..., Awaitable[ApiKey]]:
    """A dependency admitting keys with ``scope``; it also spends one rate-limit token."""

    async def check(
        request: Request,
        authorization: Annotated[str | None, Depends(_authorization)],
        x_api_key: Annotated[str | None, Depends(_x_api_key)],
        api_key: Annotated[str | None, Depends(_query_key)],
    ) -> ApiKey:
        token = presented_token(authorization, x_api_key)
        if token is None and allow_query and api_key:
            token = api_key.strip()
        return await authenticate(request, scope, token)

    return check
