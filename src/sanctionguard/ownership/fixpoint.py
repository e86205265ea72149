"""The blocking fixpoint: start from designated parties, add every entity they own enough of.

A worklist over a CSR adjacency: each round takes the parties blocked in the previous round,
adds their edge weights to the entities they hold, and blocks those that reach the threshold.
Every edge is scanned once per label, so a million edges take well under a second. Two modes:

* aggregated (OFAC, EU): holdings of all blocked parties add up;
* per owner (UK): each designated person's holding counts alone, including what it holds
  through entities it already controls (labels propagate: an entity blocked because X holds
  more than 50% carries X's label, and its holdings count as X's).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from sanctionguard.ownership.graph import BoolArray, FloatArray, IntArray

TOLERANCE = 1e-9


@dataclass(frozen=True)
class Cutoff:
    percent: float
    inclusive: bool

    def reached(self, total: FloatArray) -> BoolArray:
        if self.inclusive:
            return np.asarray(total >= self.percent - TOLERANCE)
        return np.asarray(total > self.percent + TOLERANCE)

    def reached_by(self, total: float) -> bool:
        if self.inclusive:
            return total >= self.percent - TOLERANCE
        return total > self.percent + TOLERANCE


@dataclass
class Blocking:
    """The result: which nodes are blocked, in which round, and (per owner) by whom."""

    blocked: BoolArray
    level: npt.NDArray[np.int32]  # round in which a node became blocked (0 = designated), -1
    labels: dict[int, set[int]] = field(default_factory=dict)  # per-owner mode: node → owners
    rounds: int = 0


@dataclass(frozen=True)
class Adjacency:
    """Edges with a positive weight, grouped by owner (CSR)."""

    indptr: IntArray
    dst: IntArray
    weight: FloatArray
    edge: IntArray  # index of the edge in the graph's arrays

    @classmethod
    def build(cls, n: int, src: IntArray, dst: IntArray, weight: FloatArray) -> Adjacency:
        keep = np.flatnonzero(weight > 0)
        order = keep[np.argsort(src[keep], kind="stable")]
        counts = np.bincount(src[order], minlength=n)
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        return cls(indptr, dst[order], weight[order], order.astype(np.int64))

    def out_edges(self, nodes: IntArray) -> tuple[IntArray, IntArray]:
        """``(position of each out-edge, its owner's position in nodes)`` for many nodes."""
        starts = self.indptr[nodes]
        counts = self.indptr[nodes + 1] - starts
        total = int(counts.sum())
        owner_pos = np.repeat(np.arange(len(nodes), dtype=np.int64), counts)
        offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
        return (np.repeat(starts, counts) + offsets, owner_pos)


def aggregated(adj: Adjacency, seeds: BoolArray, threshold: Cutoff) -> Blocking:
    """Least fixpoint where the holdings of all blocked owners add up."""
    n = len(seeds)
    blocked = seeds.copy()
    level = np.where(seeds, 0, -1).astype(np.int32)
    total = np.zeros(n, dtype=np.float64)
    frontier = np.flatnonzero(seeds)
    rounds = 0
    while len(frontier):
        rounds += 1
        positions, _ = adj.out_edges(frontier)
        if not len(positions):
            break
        targets, inverse = np.unique(adj.dst[positions], return_inverse=True)
        total[targets] += np.bincount(inverse, weights=adj.weight[positions])
        fresh = targets[threshold.reached(total[targets]) & ~blocked[targets]]
        blocked[fresh] = True
        level[fresh] = rounds
        frontier = fresh
    return Blocking(blocked, level, rounds=rounds)


def per_owner(adj: Adjacency, seeds: BoolArray, threshold: Cutoff) -> Blocking:
    """Least fixpoint where each designated person's holding counts alone (no aggregation)."""
    n = len(seeds)
    blocked = seeds.copy()
    level = np.where(seeds, 0, -1).astype(np.int32)
    seed_nodes = np.flatnonzero(seeds)
    labels: dict[int, set[int]] = {int(s): {int(s)} for s in seed_nodes}
    held: dict[int, float] = {}
    frontier_nodes, frontier_labels = seed_nodes, seed_nodes.copy()
    rounds = 0
    while len(frontier_nodes):
        rounds += 1
        positions, owner_pos = adj.out_edges(frontier_nodes)
        if not len(positions):
            break
        keys = adj.dst[positions] * n + frontier_labels[owner_pos]
        unique_keys, inverse = np.unique(keys, return_inverse=True)
        sums = np.bincount(inverse, weights=adj.weight[positions])
        fresh_nodes: list[int] = []
        fresh_labels: list[int] = []
        for key, amount in zip(unique_keys.tolist(), sums.tolist(), strict=True):
            value = held.get(key, 0.0) + amount
            held[key] = value
            if not threshold.reached_by(value):
                continue
            node, label = divmod(key, n)
            owners = labels.setdefault(node, set())
            if label in owners:
                continue
            owners.add(label)
            fresh_nodes.append(node)
            fresh_labels.append(label)
            if not blocked[node]:
                blocked[node] = True
                level[node] = rounds
        frontier_nodes = np.array(fresh_nodes, dtype=np.int64)
        frontier_labels = np.array(fresh_labels, dtype=np.int64)
    return Blocking(blocked, level, labels, rounds)


def held_by_blocked(
    src: IntArray, dst: IntArray, weight: FloatArray, blocked: BoolArray
) -> FloatArray:
    """Per node, the total weight held in it by blocked owners (for caution findings)."""
    mask = blocked[src] & (weight > 0)
    held = np.bincount(dst[mask], weights=weight[mask], minlength=len(blocked))
    return held.astype(np.float64)
