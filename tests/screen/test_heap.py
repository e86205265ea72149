"""What screening caches leaves the cycle collector's reach as a batch goes on, and a frozen
heap is never unfrozen by a block that found it frozen."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from sanctionguard.match.screener import Screener
from sanctionguard.match.types import Query
from sanctionguard.screen.heap import CacheFreezer, frozen_heap, settle_heap
from sanctionguard.screen.parallel import WorkerPool
from sanctionguard.sources.loader import parse_paths
from sanctionguard.store.snapshots import Store

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    """Each test starts and ends with nothing frozen (the rest of the suite expects that)."""
    gc.unfreeze()
    yield
    gc.unfreeze()


class Node:
    """An object that can hold itself in a reference cycle."""

    def __init__(self) -> None:
        self.me: Node | None = None


def test_the_freezer_freezes_only_once_its_count_is_reached() -> None:
    freezer = CacheFreezer(every=3)
    kept = [Node() for _ in range(10)]  # tracked objects alive, as a cache's entries are
    assert not freezer.screened(2)
    assert gc.get_freeze_count() == 0
    assert freezer.screened(1)
    assert gc.get_freeze_count() >= len(kept)
    assert not freezer.screened(2)  # counting starts again


def test_a_batch_of_chunks_counts_its_queries() -> None:
    freezer = CacheFreezer(every=256)
    assert freezer.screened(256)
    assert not freezer.screened(255)
    assert freezer.screened(1)


def test_the_young_cycles_are_collected_before_a_freeze() -> None:
    gc.collect()
    garbage = Node()
    garbage.me = garbage
    gone = weakref.ref(garbage)
    del garbage
    CacheFreezer(every=1).screened()
    assert gone() is None  # collected, not frozen for ever


def test_a_freezer_refuses_a_pace_under_one() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        CacheFreezer(every=0)


def test_a_block_unfreezes_what_it_froze_but_not_a_heap_frozen_before() -> None:
    with frozen_heap():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    settle_heap()  # a server's live index
    frozen = gc.get_freeze_count()
    with frozen_heap():
        pass
    assert gc.get_freeze_count() >= frozen


def test_settling_the_heap_collects_what_an_old_index_left_in_cycles() -> None:
    old = Node()
    old.me = old
    gone = weakref.ref(old)
    gc.freeze()  # the old index, frozen while it was live
    del old
    settle_heap()
    assert gone() is None
    assert gc.get_freeze_count() > 0


@pytest.fixture(scope="module")
def screener(tmp_path_factory: pytest.TempPathFactory) -> Screener:
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('heap') / 's.db'}")
    store.load(parse_paths([REPO / "examples" / "lists"]))
    return Screener.from_store(store)


def test_a_serial_batch_freezes_the_index_and_its_caches_then_unfreezes(
    screener: Screener,
) -> None:
    names = [f"Rosoboroneksport {n}" for n in range(300)]  # new names: the caches grow
    seen: list[int] = []
    with WorkerPool(screener, 1) as pool:
        for answers in pool.map([[Query(names=(name,))] for name in names]):
            assert len(answers) == 1
            seen.append(gc.get_freeze_count())
    assert seen[0] > 0  # the index, frozen before the first chunk
    assert seen[-1] > seen[0]  # what the chunks cached, frozen after 256 queries
    assert gc.get_freeze_count() == 0
