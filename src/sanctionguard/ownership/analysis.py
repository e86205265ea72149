"""Running the rule sets over an ownership graph on a day, and explaining every finding.

For each jurisdiction two fixpoints run: the *certain* one (lowest shares, edges surely in
force, confidently linked designations) and the *possible* one (highest shares, edges that may
be in force, ambiguous links and unknown parties counted as designated). An entity blocked in
the first is **blocked**; blocked only in the second is **undetermined** ("cannot exclude");
otherwise **not blocked**. No range, bad date or doubtful link can produce a false "not
blocked", because everything doubtful widens the possible side.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

import numpy as np

from sanctionguard.ownership.bods import UNKNOWN_SCHEMA
from sanctionguard.ownership.fixpoint import (
    Adjacency,
    Blocking,
    Cutoff,
    aggregated,
    per_owner,
)
from sanctionguard.ownership.graph import BoolArray, FloatArray, IntArray, OwnershipGraph
from sanctionguard.ownership.model import OwnershipData, OwnershipEdge
from sanctionguard.ownership.rules import RuleSet, Threshold

MAX_PATHS = 10
MAX_DEPTH = 40


class Status(StrEnum):
    LISTED = "listed"
    POSSIBLY_LISTED = "possibly_listed"  # an ambiguous link or an unknown party
    BLOCKED = "blocked"
    UNDETERMINED = "undetermined"
    NOT_BLOCKED = "not_blocked"


@dataclass(frozen=True)
class Designation:
    """A party found on a list: which entry, since when, and how sure the link is."""

    party_id: str
    list_name: str
    entity_id: str
    caption: str
    source_id: str = ""
    listed_on: date | None = None
    certain: bool = True  # False: an ambiguous link that cannot be excluded
    evidence: str = ""

    def in_force(self, day: date | None) -> bool:
        return day is None or self.listed_on is None or self.listed_on <= day

    def describe(self) -> str:
        since = f" since {self.listed_on}" if self.listed_on else ""
        doubt = "" if self.certain else " (ambiguous link)"
        return f"{self.list_name} {self.source_id or self.entity_id}{since}{doubt}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "party_id": self.party_id,
            "list": self.list_name,
            "entity_id": self.entity_id,
            "caption": self.caption,
            "source_id": self.source_id,
            "listed_on": self.listed_on.isoformat() if self.listed_on else None,
            "certain": self.certain,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class Step:
    """One link of an explanation path: a holder, and the edge by which it holds the next."""

    party_id: str
    caption: str
    status: Status
    edge: OwnershipEdge | None  # None for the last step (the entity explained)
    listed: str = ""

    def describe(self) -> str:
        text = (
            self.caption if self.caption == self.party_id else f"{self.caption} [{self.party_id}]"
        )
        if self.listed:
            text += f" (listed: {self.listed})"
        elif self.status is not Status.NOT_BLOCKED:
            text += f" ({self.status.value})"
        if self.edge is not None:
            e = self.edge
            what = e.share.describe() if e.kind.value == "ownership" else e.kind.value
            text += f" —{what}, {e.describe_dates()}, {e.source or '?'} {e.location}→"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "party_id": self.party_id,
            "caption": self.caption,
            "status": self.status.value,
            "listed": self.listed or None,
            "edge": None if self.edge is None else self.edge.to_dict(),
        }


@dataclass(frozen=True)
class Finding:
    """A derived status of one entity under one jurisdiction, with why."""

    party_id: str
    caption: str
    jurisdiction: str
    rule_id: str
    rule: str
    threshold: str
    status: Status
    share_low: float  # held by blocked owners, certain side (aggregate or best single owner)
    share_high: float  # possible side
    paths: tuple[tuple[Step, ...], ...]
    sources: tuple[str, ...]
    as_of: date

    def describe_paths(self) -> list[str]:
        return [" ".join(step.describe() for step in path) for path in self.paths]

    def to_dict(self) -> dict[str, Any]:
        return {
            "party_id": self.party_id,
            "caption": self.caption,
            "jurisdiction": self.jurisdiction,
            "rule_id": self.rule_id,
            "rule": self.rule,
            "threshold": self.threshold,
            "status": self.status.value,
            "share_low": round(self.share_low, 6),
            "share_high": round(self.share_high, 6),
            "as_of": self.as_of.isoformat(),
            "paths": [[s.to_dict() for s in path] for path in self.paths],
            "explanation": self.describe_paths(),
            "sources": list(self.sources),
        }


@dataclass
class RuleRun:
    """One rule set's two fixpoints on one day."""

    rule: RuleSet
    threshold: Threshold
    certain_seeds: BoolArray
    possible_seeds: BoolArray
    certain_weight: FloatArray
    possible_weight: FloatArray
    certain: Blocking
    possible: Blocking

    def status(self, node: int) -> Status:
        if self.certain_seeds[node]:
            return Status.LISTED
        if self.certain.blocked[node]:
            return Status.BLOCKED
        if self.possible_seeds[node]:
            return Status.POSSIBLY_LISTED
        if self.possible.blocked[node]:
            return Status.UNDETERMINED
        return Status.NOT_BLOCKED


@dataclass
class Analysis:
    """Every rule set's result over one graph on one day, with explanations on demand."""

    graph: OwnershipGraph
    data: OwnershipData
    designations: dict[str, list[Designation]]
    as_of: date
    runs: list[RuleRun]
    _by_owned: tuple[IntArray, IntArray] | None = field(default=None, repr=False)

    def run(self, jurisdiction: str) -> RuleRun:
        for run in self.runs:
            if run.rule.jurisdiction.value == jurisdiction:
                return run
        raise KeyError(jurisdiction)

    def status(self, party_id: str, jurisdiction: str) -> Status:
        node = self.graph.index.get(party_id)
        if node is None:
            return Status.NOT_BLOCKED
        return self.run(jurisdiction).status(node)

    def caption(self, node: int) -> str:
        pid = self.graph.ids[node]
        party = self.data.parties.get(pid)
        return party.caption if party else pid

    def findings(
        self, statuses: Iterable[Status] = (Status.BLOCKED, Status.UNDETERMINED)
    ) -> list[Finding]:
        """Findings for every entity with one of ``statuses`` (derived ones by default)."""
        wanted = set(statuses)
        found = []
        for run in self.runs:
            nodes = np.flatnonzero(run.possible.blocked | run.certain_seeds)
            for node in nodes.tolist():
                if run.status(node) in wanted:
                    found.append(self._finding(run, node))
        return found

    def counts(self) -> dict[str, dict[str, int]]:
        """Per jurisdiction, how many parties are listed / blocked / undetermined."""
        result = {}
        for run in self.runs:
            listed = int(run.certain_seeds.sum())
            blocked = int((run.certain.blocked & ~run.certain_seeds).sum())
            possible = int((run.possible.blocked & ~run.certain.blocked).sum())
            result[run.rule.jurisdiction.value] = {
                "listed": listed,
                "blocked": blocked,
                "undetermined": possible,
            }
        return result

    def explain(self, party_id: str) -> list[Finding]:
        """One finding per jurisdiction for a party (whatever its status)."""
        node = self.graph.index.get(party_id)
        if node is None:
            raise KeyError(party_id)
        return [self._finding(run, node) for run in self.runs]

    # -- explanations ------------------------------------------------------------------------

    def in_edges(self, node: int) -> IntArray:
        if self._by_owned is None:
            order = np.argsort(self.graph.dst, kind="stable")
            self._by_owned = (order, self.graph.dst[order])
        order, sorted_dst = self._by_owned
        lo, hi = np.searchsorted(sorted_dst, [node, node + 1])
        return order[lo:hi]

    def _finding(self, run: RuleRun, node: int) -> Finding:
        status = run.status(node)
        certain = status in (Status.BLOCKED, Status.LISTED)
        blocking = run.certain if certain else run.possible
        weight = run.certain_weight if certain else run.possible_weight
        seeds = run.certain_seeds if certain else run.possible_seeds
        low = self._held(run, node, run.certain_weight, run.certain.blocked)
        high = self._held(run, node, run.possible_weight, run.possible.blocked)
        paths: list[tuple[Step, ...]] = []
        if status is not Status.NOT_BLOCKED:
            self._paths(run, node, blocking, weight, seeds, (), paths, set())
        else:
            self._paths(
                run,
                node,
                run.possible,
                run.possible_weight,
                run.possible_seeds,
                (),
                paths,
                set(),
                shallow=True,
            )
        rule_id = run.rule.rule_id
        if status in (Status.BLOCKED, Status.UNDETERMINED) and self._by_control(
            run, node, weight, blocking
        ):
            rule_id = run.rule.control_rule_id
        return Finding(
            party_id=self.graph.ids[node],
            caption=self.caption(node),
            jurisdiction=run.rule.jurisdiction.value,
            rule_id=rule_id,
            rule=run.rule.title,
            threshold=run.threshold.describe(),
            status=status,
            share_low=low,
            share_high=min(high, 100.0)
            if status is not Status.BLOCKED
            else max(low, min(high, 100.0)),
            paths=tuple(paths),
            sources=tuple(
                dict.fromkeys([run.threshold.source.title, *(s.title for s in run.rule.sources)])
            ),
            as_of=self.as_of,
        )

    def _held(self, run: RuleRun, node: int, weight: FloatArray, blocked: BoolArray) -> float:
        edges = self.in_edges(node)
        owners = self.graph.src[edges]
        contributing = edges[blocked[owners] & (weight[edges] > 0)]
        if not len(contributing):
            return 0.0
        if run.rule.aggregate_owners:
            return float(weight[contributing].sum())
        labels = (run.certain if blocked is run.certain.blocked else run.possible).labels
        per_label: dict[int, float] = {}
        for e in contributing.tolist():
            for label in labels.get(int(self.graph.src[e]), ()):
                per_label[label] = per_label.get(label, 0.0) + float(weight[e])
        return max(per_label.values(), default=0.0)

    def _by_control(self, run: RuleRun, node: int, weight: FloatArray, blocking: Blocking) -> bool:
        edges = self.in_edges(node)
        live = edges[blocking.blocked[self.graph.src[edges]] & (weight[edges] > 0)]
        return bool(len(live)) and bool(np.all(self.graph.kind[live] == 1))

    def _listed(self, run: RuleRun, node: int) -> str:
        items = self.designations.get(self.graph.ids[node], [])
        return "; ".join(
            d.describe()
            for d in items
            if run.rule.designates(d.list_name) and d.in_force(self.as_of)
        )

    def _paths(
        self,
        run: RuleRun,
        node: int,
        blocking: Blocking,
        weight: FloatArray,
        seeds: BoolArray,
        tail: tuple[Step, ...],
        out: list[tuple[Step, ...]],
        seen: set[int],
        *,
        shallow: bool = False,
    ) -> None:
        """Paths from designated parties down to ``node`` through blocked holders."""
        if len(out) >= MAX_PATHS:
            return
        if seeds[node] or len(tail) >= MAX_DEPTH or node in seen:
            if tail:
                out.append(tail)
            return
        seen = seen | {node}
        edges = self.in_edges(node)
        holders = self.graph.src[edges]
        live = edges[blocking.blocked[holders] & (weight[edges] > 0)]
        if blocking.level[node] >= 0 and run.rule.aggregate_owners:
            live = live[blocking.level[self.graph.src[live]] < blocking.level[node]]
        elif not run.rule.aggregate_owners:
            # Per owner: only holders that carry one of this entity's owners count.
            owners = blocking.labels.get(node, set())
            live = live[
                [
                    bool(blocking.labels.get(h, set()) & owners)
                    for h in self.graph.src[live].tolist()
                ]
            ]
        for e in live.tolist():
            holder = int(self.graph.src[e])
            step = Step(
                self.graph.ids[holder],
                self.caption(holder),
                run.status(holder),
                self.graph.edge(e),
                self._listed(run, holder),
            )
            first = tail or (
                Step(self.graph.ids[node], self.caption(node), run.status(node), None),
            )
            if shallow:
                out.append((step, *first))
                continue
            self._paths(run, holder, blocking, weight, seeds, (step, *first), out, seen)


def designation_seeds(
    graph: OwnershipGraph,
    data: OwnershipData,
    designations: dict[str, list[Designation]],
    rule: RuleSet,
    day: date,
) -> tuple[BoolArray, BoolArray]:
    """``(certain, possible)`` designated nodes for a rule on a day.

    Possible adds ambiguous links and unknown parties (dangling references, unspecified BODS
    owners): nobody can say they are not listed.
    """
    certain = np.zeros(graph.size, dtype=np.bool_)
    possible = np.zeros(graph.size, dtype=np.bool_)
    for party_id, items in designations.items():
        node = graph.index.get(party_id)
        if node is None:
            continue
        for item in items:
            if rule.designates(item.list_name) and item.in_force(day):
                possible[node] = True
                certain[node] |= item.certain
    for party_id, party in data.parties.items():
        if party.schema == UNKNOWN_SCHEMA and party_id in graph.index:
            possible[graph.index[party_id]] = True
    return (certain, possible | certain)


def analyse(
    data: OwnershipData,
    designations: dict[str, list[Designation]],
    rules: Sequence[RuleSet],
    as_of: date,
    graph: OwnershipGraph | None = None,
) -> Analysis:
    """Run each rule set on the graph as of a day: edges in force and listings made by then."""
    graph = graph or OwnershipGraph.from_data(data)
    runs = [run_rule(graph, data, designations, rule, as_of) for rule in rules]
    return Analysis(graph, data, designations, as_of, runs)


def run_rule(
    graph: OwnershipGraph,
    data: OwnershipData,
    designations: dict[str, list[Designation]],
    rule: RuleSet,
    as_of: date,
) -> RuleRun:
    threshold = rule.threshold_on(as_of)
    cutoff = Cutoff(threshold.percent, threshold.inclusive)
    certain_seeds, possible_seeds = designation_seeds(graph, data, designations, rule, as_of)
    certain_w, possible_w = graph.weights(rule, as_of)
    fixpoint = aggregated if rule.aggregate_owners else per_owner
    n = graph.size
    certain = fixpoint(Adjacency.build(n, graph.src, graph.dst, certain_w), certain_seeds, cutoff)
    possible = fixpoint(
        Adjacency.build(n, graph.src, graph.dst, possible_w), possible_seeds, cutoff
    )
    # Monotone by construction; the union guards against float ties at the threshold.
    possible.blocked |= certain.blocked
    return RuleRun(
        rule, threshold, certain_seeds, possible_seeds, certain_w, possible_w, certain, possible
    )
