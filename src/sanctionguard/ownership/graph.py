"""The ownership graph compiled to numpy arrays, and the edge weights a rule uses on a day.

Parties become integer nodes; ownership and control edges become parallel arrays (owner,
owned, kind, share bounds, dates as day ordinals). ``weights`` gives, for one rule set and one
day, two weight vectors: the *certain* one (lowest share, edges surely in force) and the
*possible* one (highest share, edges that may be in force). Rules run on both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from sanctionguard.ownership.model import EdgeKind, OwnershipData, OwnershipEdge
from sanctionguard.ownership.rules import RuleSet

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

OPEN_START = np.iinfo(np.int32).min
OPEN_END = np.iinfo(np.int32).max
KIND_CODES = {EdgeKind.OWNERSHIP: 0, EdgeKind.CONTROL: 1}
CONTROL_SHARE = 100.0  # control counts as a whole holding where a rule says control blocks
MAJORITY = 50.0  # voting rights above this are control


@dataclass(frozen=True)
class OwnershipGraph:
    """Nodes (party ids) and the ownership/control edges between them, as arrays."""

    ids: list[str]
    index: dict[str, int]
    edges: list[OwnershipEdge]  # the edges behind the arrays, same order
    src: IntArray
    dst: IntArray
    kind: npt.NDArray[np.int8]
    low: FloatArray
    high: FloatArray
    known: BoolArray
    start: npt.NDArray[np.int32]
    end: npt.NDArray[np.int32]
    dates_known: BoolArray

    @property
    def size(self) -> int:
        return len(self.ids)

    def edge(self, position: int) -> OwnershipEdge | None:
        """The edge behind array position ``position`` (None for graphs built from arrays)."""
        return self.edges[position] if position < len(self.edges) else None

    @classmethod
    def from_data(cls, data: OwnershipData) -> OwnershipGraph:
        ids = list(data.parties)
        index = {pid: i for i, pid in enumerate(ids)}
        edges = [e for e in data.edges if e.kind in KIND_CODES]
        for edge in edges:
            for side in (edge.owner, edge.owned):
                if side not in index:
                    index[side] = len(ids)
                    ids.append(side)

        def ordinal(day: date | None, default: int) -> int:
            return default if day is None else day.toordinal()

        return cls.from_arrays(
            ids,
            index,
            edges,
            src=np.array([index[e.owner] for e in edges], dtype=np.int64),
            dst=np.array([index[e.owned] for e in edges], dtype=np.int64),
            kind=np.array([KIND_CODES[e.kind] for e in edges], dtype=np.int8),
            low=np.array([e.share.low for e in edges], dtype=np.float64),
            high=np.array([e.share.high for e in edges], dtype=np.float64),
            known=np.array([e.share.known for e in edges], dtype=np.bool_),
            start=np.array([ordinal(e.start, OPEN_START) for e in edges], dtype=np.int32),
            end=np.array([ordinal(e.end, OPEN_END) for e in edges], dtype=np.int32),
            dates_known=np.array([e.dates_known for e in edges], dtype=np.bool_),
        )

    @classmethod
    def from_arrays(
        cls,
        ids: list[str],
        index: dict[str, int],
        edges: list[OwnershipEdge],
        **arrays: npt.NDArray[np.generic],
    ) -> OwnershipGraph:
        """A graph straight from arrays (benchmarks build millions of edges this way)."""
        return cls(ids=ids, index=index, edges=edges, **arrays)  # type: ignore[arg-type]

    def weights(self, rule: RuleSet, day: date) -> tuple[FloatArray, FloatArray]:
        """``(certain, possible)`` contribution of each edge to its owned entity under a rule.

        Certain: the lowest share of edges surely in force on ``day``; control counts in full
        where the rule says control blocks and control is stated or the votes are a majority.
        Possible: the highest share of edges that may be in force (unusable dates included).
        """
        d = day.toordinal()
        in_force = (self.start <= d) & (d <= self.end)
        surely = in_force & self.dates_known
        maybe = in_force | ~self.dates_known
        ownership = self.kind == 0
        certain = np.where(ownership & surely, self.low, 0.0)
        possible = np.where(ownership & maybe, self.high, 0.0)
        if rule.control_blocks:
            control = self.kind == 1
            stated = ~self.known | (self.low > MAJORITY)
            may = ~self.known | (self.high > MAJORITY)
            certain = np.where(control & surely & stated, CONTROL_SHARE, certain)
            possible = np.where(control & maybe & may, CONTROL_SHARE, possible)
        return (certain, possible)
