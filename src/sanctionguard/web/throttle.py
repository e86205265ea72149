"""Sign-in throttling: too many failures for one username or from one address block a while.

Counters live in the process (held by the app, not the module): each replica throttles on its
own, so with N replicas an attacker gets at most N times the budget — still a few guesses per
account per window, and no table written on every failed attempt.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from dataclasses import dataclass

_MAX_KEYS = 50_000  # bounds memory under a spray of distinct usernames or addresses


@dataclass(frozen=True)
class Blocked:
    """Why sign-in is refused now, and for how many more seconds."""

    reason: str
    retry_after_s: int

    @property
    def message(self) -> str:
        minutes = max(1, -(-self.retry_after_s // 60))
        unit = "minute" if minutes == 1 else "minutes"
        return f"Too many failed sign-ins {self.reason}. Try again in {minutes} {unit}."


class _Window:
    """Failure times per key within a sliding window."""

    def __init__(self, limit: int, window_s: int) -> None:
        self.limit = limit
        self.window_s = window_s
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, key: str, now: float) -> deque[float]:
        hits = self._hits.get(key)
        if hits is None:
            return deque()
        while hits and now - hits[0] >= self.window_s:
            hits.popleft()
        if not hits:
            del self._hits[key]
        return hits

    def retry_after(self, key: str, now: float) -> int | None:
        hits = self._recent(key, now)
        if len(hits) < self.limit:
            return None
        return int(hits[-self.limit] + self.window_s - now) + 1

    def add(self, key: str, now: float) -> None:
        hits = self._recent(key, now)
        self._hits[key] = hits
        self._hits.move_to_end(key)
        hits.append(now)
        while len(self._hits) > _MAX_KEYS:
            self._hits.popitem(last=False)

    def clear(self, key: str) -> None:
        self._hits.pop(key, None)


class LoginThrottle:
    """Counts failed sign-ins per username (case-folded) and per client address."""

    def __init__(self, user_limit: int, ip_limit: int, window_s: int) -> None:
        self._users = _Window(user_limit, window_s)
        self._ips = _Window(ip_limit, window_s)

    def blocked(self, username: str, ip: str, now: float) -> Blocked | None:
        wait = self._users.retry_after(username.casefold(), now)
        if wait is not None:
            return Blocked("for this username", wait)
        wait = self._ips.retry_after(ip, now)
        if wait is not None:
            return Blocked("from your network address", wait)
        return None

    def failed(self, username: str, ip: str, now: float) -> None:
        self._users.add(username.casefold(), now)
        self._ips.add(ip, now)

    def succeeded(self, username: str) -> None:
        self._users.clear(username.casefold())
