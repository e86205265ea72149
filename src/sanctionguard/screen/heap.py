"""The cycle collector in a screening process: the index and what screening caches kept out of
its full collections.

A full collection walks every tracked object not frozen. The built index holds hundreds of
thousands of them, and screening fills the per-name and per-token caches with more as it meets
new names: after 26,000 first-seen queries, about 435,000 objects, which a full collection took
0.33 s to walk (a request's or a row's pause, several times in such a run). Freezing moves them
out of the collector's reach; refcounting still frees what leaves a cache.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

SETTLE_EVERY = 256  # queries between two freezes of what screening cached


def settle_heap() -> None:
    """Collect everything once, then freeze the survivors: for a newly loaded index, after
    which what the previous one left in reference cycles is gone."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def freeze_survivors() -> None:
    """Collect the young generations, then freeze what survives: the caches screening filled
    since the last freeze. Costs a walk of the young objects only (a few thousand)."""
    gc.collect(1)
    gc.freeze()


@contextlib.contextmanager
def frozen_heap() -> Iterator[None]:
    """Keep the collector off the objects that exist now (the index) while the block runs: a
    collection walking them costs a pass over all of them each time and, in a forked worker,
    writes to every page it touches, un-sharing the index page by page. The heap is unfrozen
    when the block ends, unless it was frozen before (a server's, ``settle_heap``)."""
    already = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not already:
            gc.unfreeze()


class CacheFreezer:
    """Counts screened queries and, every ``every`` of them, freezes what screening cached
    since the last time (``freeze_survivors``). One per process or server; the count is only
    a pace, so concurrent callers need no lock."""

    def __init__(self, every: int = SETTLE_EVERY) -> None:
        if every < 1:
            raise ValueError(f"every must be at least 1, not {every}")
        self.every = every
        self._since = 0

    def screened(self, count: int = 1) -> bool:
        """Count ``count`` more queries; whether this call froze the heap."""
        self._since += count
        if self._since < self.every:
            return False
        self._since = 0
        freeze_survivors()
        return True
