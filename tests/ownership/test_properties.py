"""Invariants of the ownership rules on random small structures (hypothesis)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from sanctionguard.ownership.analysis import Analysis, Status
from sanctionguard.ownership.model import (
    EdgeKind,
    OwnershipData,
    OwnershipEdge,
    Party,
    ShareRange,
)
from sanctionguard.ownership.shares import parse_share
from tests.ownership.scenarios import listed, run

NODES = [f"n{i}" for i in range(7)]
RANK = {
    Status.NOT_BLOCKED: 0,
    Status.UNDETERMINED: 1,
    Status.POSSIBLY_LISTED: 1,
    Status.BLOCKED: 2,
    Status.LISTED: 3,
}

shares = st.one_of(
    st.integers(0, 100).map(lambda v: ShareRange.exact(float(v))),
    st.tuples(st.integers(0, 100), st.integers(0, 100)).map(
        lambda t: ShareRange(float(min(t)), float(max(t)))
    ),
    st.just(ShareRange.unknown()),
)
edges = st.lists(
    st.tuples(
        st.sampled_from(NODES),
        st.sampled_from(NODES),
        shares,
        st.sampled_from([EdgeKind.OWNERSHIP, EdgeKind.OWNERSHIP, EdgeKind.CONTROL]),
    ),
    max_size=14,
)
seeds = st.sets(st.sampled_from(NODES), max_size=3)


def _data(items: list[tuple[str, str, ShareRange, EdgeKind]]) -> OwnershipData:
    data = OwnershipData(parties={n: Party(n, (n,)) for n in NODES})
    data.edges = [
        OwnershipEdge(f"e{i}", owner, owned, kind, share)
        for i, (owner, owned, share, kind) in enumerate(items)
    ]
    return data


def _ranks(analysis: Analysis) -> dict[tuple[str, str], int]:
    return {(n, j): RANK[analysis.status(n, j)] for n in NODES for j in ("ofac", "eu", "uk")}


@settings(max_examples=80, deadline=None)
@given(edges, seeds, st.sampled_from(NODES))
def test_adding_a_designated_owner_never_unblocks_anything(
    items: list[tuple[str, str, ShareRange, EdgeKind]], chosen: set[str], extra: str
) -> None:
    data = _data(items)
    before = _ranks(run(data, listed(*chosen)))
    after = _ranks(run(data, listed(*chosen, extra)))
    assert all(after[key] >= before[key] for key in before)


@settings(max_examples=80, deadline=None)
@given(edges, seeds, st.integers(0, 13), st.integers(1, 60))
def test_raising_a_share_never_unblocks_anything(
    items: list[tuple[str, str, ShareRange, EdgeKind]], chosen: set[str], which: int, add: int
) -> None:
    if not items:
        return
    which %= len(items)
    owner, owned, share, kind = items[which]
    raised = ShareRange(min(100.0, share.low + add), min(100.0, share.high + add), share.known)
    before = _ranks(run(_data(items), listed(*chosen)))
    bigger = [*items[:which], (owner, owned, raised, kind), *items[which + 1 :]]
    after = _ranks(run(_data(bigger), listed(*chosen)))
    assert all(after[key] >= rank for key, rank in before.items())


@settings(max_examples=80, deadline=None)
@given(edges, seeds)
def test_certainly_blocked_is_always_possibly_blocked(
    items: list[tuple[str, str, ShareRange, EdgeKind]], chosen: set[str]
) -> None:
    analysis = run(_data(items), listed(*chosen))
    for result in analysis.runs:
        assert not (result.certain.blocked & ~result.possible.blocked).any()


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(NODES), st.sampled_from(NODES), st.integers(0, 100)),
        max_size=14,
    ),
    seeds,
)
def test_exact_data_is_never_undetermined_and_matches_a_naive_fixpoint(
    items: list[tuple[str, str, int]], chosen: set[str]
) -> None:
    data = _data([(a, b, ShareRange.exact(float(s)), EdgeKind.OWNERSHIP) for a, b, s in items])
    analysis = run(data, listed(*chosen), date(2025, 1, 1))
    blocked = set(chosen)
    while True:  # the OFAC rule, written the slow and obvious way
        held = {n: sum(s for a, b, s in items if b == n and a in blocked) for n in NODES}
        grown = blocked | {n for n, total in held.items() if total >= 50}
        if grown == blocked:
            break
        blocked = grown
    for node in NODES:
        status = analysis.status(node, "ofac")
        assert status is not Status.UNDETERMINED
        assert (status in (Status.BLOCKED, Status.LISTED)) == (node in blocked), node


@given(st.text(max_size=20))
def test_any_share_text_reads_as_a_range_within_0_and_100(text: str) -> None:
    data = OwnershipData()
    share = parse_share(data, "here", text)
    assert 0.0 <= share.low <= share.high <= 100.0
    assert share.known or (share.low, share.high) == (0.0, 100.0)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=25))
def test_loops_found_without_scipy_are_the_loops_found_with_it(
    pairs: list[tuple[int, int]],
) -> None:
    import numpy as np

    from sanctionguard.ownership.cautions import _tarjan, cycles

    src = np.array([a for a, _ in pairs], dtype=np.int64)
    dst = np.array([b for _, b in pairs], dtype=np.int64)
    succ: dict[int, list[int]] = {}
    for a, b in pairs:
        succ.setdefault(a, []).append(b)
    plain = [g for g in _tarjan(list(range(10)), succ) if len(g) > 1]
    assert sorted(sorted(g) for g in plain) == sorted(sorted(g) for g in cycles(10, src, dst))
