"""The service's own typed settings: network, limits, keys, reloads; built at the edge.

``ApiSettings`` is frozen and passed to ``create_app``; the CLI builds it from options and hands
it to uvicorn's worker processes as JSON (``to_json``/``from_json``), never through globals.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class ApiSettings:
    """How the REST API listens, what it accepts and how it guards itself."""

    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    cache_dir: Path | None = None  # compiled index cache; default: <data_dir>/index-cache
    max_body_bytes: int = 1 << 20  # 413 above this
    max_batch: int = 100  # queries per /match or /reconcile request (yente's limit)
    max_name_chars: int = 500  # per name or search text
    max_values: int = 50  # values per property
    max_limit: int = 500  # results per query
    default_limit: int = 5
    default_threshold: float = 0.70
    default_cutoff: float = 0.50
    rate_per_second: float = 50.0  # per key, sustained
    rate_burst: int = 100  # per key, burst
    key_cache_seconds: float = 5.0  # how long a verified key is trusted before re-reading it
    reload_interval_s: float = 10.0  # how often the store's current pointer is polled; 0: never
    cors_origins: tuple[str, ...] = ()  # CORS is closed unless origins are listed
    title: str = "sanctionguard"
    access_log: bool = True
    web_ui: bool = True  # mount the analysts' web UI at /ui
    # Build the payment and vessel contexts when a snapshot goes live, not on first use.
    warm_contexts: bool = True

    def to_json(self) -> str:
        data = asdict(self)
        data["cache_dir"] = None if self.cache_dir is None else str(self.cache_dir)
        data["cors_origins"] = list(self.cors_origins)
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> ApiSettings:
        data = json.loads(text)
        data["cache_dir"] = None if data.get("cache_dir") is None else Path(data["cache_dir"])
        data["cors_origins"] = tuple(data.get("cors_origins", ()))
        return cls(**data)
