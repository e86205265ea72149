"""Per-key token buckets: a sustained rate with a burst, answering how long to wait when empty.

One bucket per key name in this process; with several workers each holds its own buckets, so
the effective limit is per worker (documented in docs/api.md).
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field


@dataclass
class _Bucket:
    tokens: float
    stamp: float


@dataclass
class RateLimiter:
    """Token buckets keyed by API key: ``take`` returns 0 when allowed, else seconds to wait."""

    rate: float
    burst: int
    _buckets: dict[str, _Bucket] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, key: str, cost: float = 1.0, now: float | None = None) -> float:
        """Spend ``cost`` tokens of ``key``'s bucket; the wait in seconds if it has too few."""
        if self.rate <= 0:
            return 0.0
        moment = time.monotonic() if now is None else now
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket(float(self.burst), moment)
            bucket.tokens = min(
                float(self.burst), bucket.tokens + (moment - bucket.stamp) * self.rate
            )
            bucket.stamp = moment
            if bucket.tokens >= cost:
                bucket.tokens -= cost
                return 0.0
            return (cost - bucket.tokens) / self.rate


def retry_after(wait: float) -> str:
    """The ``Retry-After`` header value: whole seconds, at least one."""
    return str(max(1, math.ceil(wait)))
