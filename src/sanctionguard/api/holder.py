"""The compiled index of the current snapshot, held in memory and swapped atomically.

A request reads ``holder.loaded()`` once and uses that object to the end, so it never mixes
two snapshots; a reload builds the new index beside the old one and replaces a single
reference, so no request waits or fails. ``refresh`` polls the store's current pointer, which
is how several API processes over one PostgreSQL follow a snapshot made by any of them.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sanctionguard.api.catalog import EntityCatalog
from sanctionguard.errors import SanctionguardError
from sanctionguard.match.screener import Screener
from sanctionguard.match.types import MatchSettings
from sanctionguard.store.snapshots import SnapshotInfo, Store

log = logging.getLogger(__name__)


@contextlib.contextmanager
def _cache_lock(cache_dir: Path | None) -> Iterator[None]:
    """One compile per host: workers sharing a cache wait for the first to write the index
    and then load it, instead of all compiling at once."""
    if cache_dir is None:
        yield
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    with (cache_dir / ".build.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class NotReadyError(SanctionguardError):
    """No snapshot is loaded yet (still building, or the store holds none)."""


@dataclass(frozen=True)
class LoadedSnapshot:
    """Everything a request needs about one snapshot; never changed once built."""

    info: SnapshotInfo
    screener: Screener
    catalog: EntityCatalog
    loaded_at: float  # time.time() when it went live
    build_seconds: float

    @property
    def snapshot_id(self) -> int:
        return self.info.id


class ScreenerHolder:
    """Holds the live ``LoadedSnapshot``; ``current()`` gives ``(snapshot_id, Screener)``."""

    def __init__(
        self,
        store: Store,
        *,
        cache_dir: Path | None = None,
        match_settings: MatchSettings | None = None,
    ) -> None:
        self.store = store
        self.cache_dir = cache_dir
        self.match_settings = match_settings
        self._live: LoadedSnapshot | None = None
        self._build_lock = threading.Lock()
        self.last_error: str | None = None

    def loaded(self) -> LoadedSnapshot:
        """The live snapshot; ``NotReadyError`` before the first one is built."""
        live = self._live
        if live is None:
            raise NotReadyError(self.last_error or "the index of the snapshot is not built yet")
        return live

    def current(self) -> tuple[int, Screener]:
        live = self.loaded()
        return live.snapshot_id, live.screener

    @property
    def ready(self) -> bool:
        return self._live is not None

    def swap(self, loaded: LoadedSnapshot) -> LoadedSnapshot | None:
        """Make ``loaded`` live; returns the one it replaced. A single reference assignment:
        requests already running finish on the old snapshot."""
        previous, self._live = self._live, loaded
        return previous

    def build(self, snap_id: int) -> LoadedSnapshot:
        """Compile a snapshot (slow: seconds for all lists; the cache makes restarts fast)."""
        started = time.perf_counter()
        info = self.store.snapshot(snap_id)
        with _cache_lock(self.cache_dir):
            screener = Screener.from_store(
                self.store, snap_id, self.match_settings, cache_dir=self.cache_dir
            )
        catalog = EntityCatalog.from_store(self.store, info)
        return LoadedSnapshot(info, screener, catalog, time.time(), time.perf_counter() - started)

    def refresh(self) -> bool:
        """Load the store's current snapshot if it is not the live one; True when swapped."""
        with self._build_lock:
            try:
                wanted = self.store.current_snapshot_id()
            except Exception as exc:  # a database hiccup must not stop the poller
                self.last_error = f"cannot read the current snapshot: {type(exc).__name__}"
                log.warning(self.last_error)
                return False
            if wanted is None:
                self.last_error = "no snapshot in the store: load lists first"
                return False
            live = self._live
            if live is not None and live.snapshot_id == wanted:
                return False
            loaded = self.build(wanted)
            self.swap(loaded)
            self.last_error = None
            log.info(
                "snapshot %s is live (%d entities, built in %.1f s)",
                wanted,
                len(loaded.catalog),
                loaded.build_seconds,
            )
            return True
