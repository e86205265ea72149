"""What every page handler reaches through the app: settings, store, cases, sessions, screener.

One ``UiContext`` per app instance (on ``app.state.ui``), so two apps in one process (tests,
the API server mounting the UI) never share state.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from fastapi.templating import Jinja2Templates

from sanctionguard.cases.service import CaseService
from sanctionguard.match.screener import Screener
from sanctionguard.settings import Settings
from sanctionguard.store.snapshots import Store
from sanctionguard.web.sessions import SessionCodec
from sanctionguard.web.settings import WebSettings
from sanctionguard.web.throttle import LoginThrottle

HERE = Path(__file__).parent


class ScreenerSource(Protocol):
    """Gives the screener over the current snapshot: the UI's own ``ScreenerCache``, or the
    API server's holder when the UI is mounted in it (one index in memory, not two)."""

    def current(self) -> tuple[int, Screener]: ...


@dataclass
class ScreenerCache:
    """The screener over the current snapshot, rebuilt when ``current`` moves."""

    store: Store
    cache_dir: Path | None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _snapshot_id: int | None = None
    _screener: Screener | None = None

    def current(self) -> tuple[int, Screener]:
        snap_id = self.store.resolve("current")
        with self._lock:
            if self._screener is None or self._snapshot_id != snap_id:
                self._screener = Screener.from_store(self.store, snap_id, cache_dir=self.cache_dir)
                self._snapshot_id = snap_id
            return snap_id, self._screener


@dataclass
class UiContext:
    settings: Settings
    web: WebSettings
    store: Store
    cases: CaseService
    codec: SessionCodec
    throttle: LoginThrottle
    templates: Jinja2Templates
    screeners: ScreenerSource
