"""Prometheus metrics of one app: request latency, queries, matches, snapshot age, refusals.

Each app owns its registry (no process-wide state), so tests and several apps in one process
do not share counters.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0)


class ApiMetrics:
    """The counters and histograms the API updates, in their own registry."""

    def __init__(self, snapshot_info: Callable[[], tuple[int, float] | None]) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        # Labelled children by label values: ``labels()`` hashes and locks on every call,
        # a measurable share of a /match request (the label sets are few and bounded).
        self._children: dict[tuple[str, ...], Any] = {}
        self.requests = Histogram(
            "sanctionguard_api_request_seconds",
            "Request latency by route, method and status.",
            ("method", "route", "status"),
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.queries = Counter(
            "sanctionguard_api_queries",
            "Queries screened, by endpoint.",
            ("endpoint",),
            registry=self.registry,
        )
        self.matches = Counter(
            "sanctionguard_api_matches",
            "Results at or above the threshold, by endpoint.",
            ("endpoint",),
            registry=self.registry,
        )
        self.auth_failures = Counter(
            "sanctionguard_api_auth_failures",
            "Requests refused for a missing, unknown or revoked key.",
            registry=self.registry,
        )
        self.reloads = Counter(
            "sanctionguard_api_snapshot_reloads",
            "Snapshots swapped in.",
            registry=self.registry,
        )

        def _snapshot_id() -> float:
            found = snapshot_info()
            return float(found[0]) if found else -1.0

        def _age() -> float:
            found = snapshot_info()
            return time.time() - found[1] if found else -1.0

        Gauge(
            "sanctionguard_api_snapshot_id", "The snapshot served.", registry=self.registry
        ).set_function(_snapshot_id)
        Gauge(
            "sanctionguard_api_snapshot_age_seconds",
            "Seconds since the served snapshot was created.",
            registry=self.registry,
        ).set_function(_age)

    def request_timer(self, method: str, route: str, status: int) -> Histogram:
        """The latency histogram of one method, route template and status."""
        key = ("request", method, route, str(status))
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = self.requests.labels(method, route, key[3])
        return child

    def count(self, endpoint: str, queries: int, matches: int) -> None:
        """Add an endpoint's queries screened and results at or above the threshold."""
        key = ("count", endpoint)
        children = self._children.get(key)
        if children is None:
            children = self._children[key] = (
                self.queries.labels(endpoint),
                self.matches.labels(endpoint),
            )
        children[0].inc(queries)
        children[1].inc(matches)
