"""Caution findings: evidence to review that is not a blocking verdict (A.3 O2, O3, O4, O7, O8).

Kept apart from blocked findings: a significant minority held by designated persons, control
without a blocking share (OFAC: control alone does not block), a listed director or
signatory, the EU control indicators (largest shareholder, shares moved close to a
designation), a relative or associate of a listed person holding shares, holdings that
OFSI would not aggregate, nominee patterns, and circular holdings.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from sanctionguard.ownership.analysis import Analysis, RuleRun, Status
from sanctionguard.ownership.fixpoint import held_by_blocked
from sanctionguard.ownership.graph import IntArray, OwnershipGraph
from sanctionguard.ownership.model import EdgeKind, OwnershipEdge
from sanctionguard.ownership.rules import CAUTIONS, NOMINEE_COMPANIES, Jurisdiction

CYCLE_MEMBERS_SHOWN = 10
LARGEST_FLAGGED_LOOP = 100  # larger loops get one caution, not one per member


@dataclass(frozen=True)
class Caution:
    """One caution about one party, under one jurisdiction (or ``any``)."""

    party_id: str
    caption: str
    jurisdiction: str
    rule_id: str
    message: str
    evidence: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "party_id": self.party_id,
            "caption": self.caption,
            "jurisdiction": self.jurisdiction,
            "rule_id": self.rule_id,
            "message": self.message,
            "evidence": list(self.evidence),
        }


def cautions(analysis: Analysis) -> list[Caution]:
    """Every caution finding of an analysis, per jurisdiction, then the structural ones."""
    found: list[Caution] = []
    for run in analysis.runs:
        found.extend(_minority(analysis, run))
        found.extend(_relations(analysis, run))
        if run.rule.jurisdiction is Jurisdiction.EU:
            found.extend(_largest_shareholder(analysis, run))
            found.extend(_transfers(analysis, run))
    found.extend(_nominees(analysis))
    found.extend(_circular(analysis))
    return found


def _caution(
    analysis: Analysis, party_id: str, jurisdiction: str, rule_id: str, evidence: list[str]
) -> Caution:
    party = analysis.data.parties.get(party_id)
    return Caution(
        party_id=party_id,
        caption=party.caption if party else party_id,
        jurisdiction=jurisdiction,
        rule_id=rule_id,
        message=CAUTIONS[rule_id],
        evidence=tuple(evidence),
    )


def _edge_text(analysis: Analysis, graph: OwnershipGraph, position: int) -> str:
    edge = graph.edge(position)
    if edge is None:
        return f"{graph.ids[int(graph.src[position])]} → {graph.ids[int(graph.dst[position])]}"
    return _describe_edge(analysis, edge)


def _describe_edge(analysis: Analysis, edge: OwnershipEdge) -> str:
    owner = analysis.data.parties.get(edge.owner)
    name = owner.caption if owner else edge.owner
    what = (
        edge.share.describe() if edge.kind is EdgeKind.OWNERSHIP else edge.role or edge.kind.value
    )
    return (
        f"{name} [{edge.owner}] → {what} ({edge.describe_dates()}; {edge.source} {edge.location})"
    )


def _blocked_ids(analysis: Analysis, run: RuleRun) -> set[str]:
    ids = analysis.graph.ids
    return {ids[i] for i in np.flatnonzero(run.certain.blocked).tolist()}


def _minority(analysis: Analysis, run: RuleRun) -> list[Caution]:
    graph, jurisdiction = analysis.graph, run.rule.jurisdiction.value
    ownership_w = np.where(graph.kind == 0, run.certain_weight, 0.0)
    held = held_by_blocked(graph.src, graph.dst, ownership_w, run.certain.blocked)
    found = []
    minority = np.flatnonzero((held >= run.rule.minority_caution) & ~run.possible.blocked)
    for node in minority.tolist():
        rule = "O3-aggregate" if held[node] > run.threshold.percent else "O3-minority"
        holders = [e for e in analysis.in_edges(node).tolist() if run.certain.blocked[graph.src[e]]]
        evidence = [f"designated holders together: {held[node]:g}%"] + [
            _edge_text(analysis, graph, e) for e in holders
        ]
        found.append(_caution(analysis, graph.ids[node], jurisdiction, rule, evidence))
    if not run.rule.control_blocks:
        control = np.flatnonzero(
            (graph.kind == 1) & run.certain.blocked[graph.src] & ~run.possible.blocked[graph.dst]
        )
        for e in control.tolist():
            owned = graph.ids[int(graph.dst[e])]
            evidence = [_edge_text(analysis, graph, e)]
            found.append(_caution(analysis, owned, jurisdiction, "O3-control", evidence))
    return found


def _relations(analysis: Analysis, run: RuleRun) -> list[Caution]:
    """Listed or blocked directors (O4/O2) and shareholding relatives or associates (O2)."""
    blocked = _blocked_ids(analysis, run)
    jurisdiction = run.rule.jurisdiction.value
    officer_rule = "O2-officer" if run.rule.jurisdiction is Jurisdiction.EU else "O4"
    found = []
    fronts: dict[str, list[str]] = defaultdict(list)
    for edge in analysis.data.edges:
        if (
            edge.kind is EdgeKind.DIRECTORSHIP
            and edge.owner in blocked
            and edge.active_on(analysis.as_of)
        ):
            if analysis.status(edge.owned, jurisdiction) is Status.NOT_BLOCKED:
                found.append(
                    _caution(
                        analysis,
                        edge.owned,
                        jurisdiction,
                        officer_rule,
                        [_describe_edge(analysis, edge)],
                    )
                )
        elif edge.kind in (EdgeKind.FAMILY, EdgeKind.ASSOCIATE):
            for listed, other in ((edge.owner, edge.owned), (edge.owned, edge.owner)):
                if listed in blocked and other not in blocked:
                    fronts[other].append(f"{edge.role or edge.kind.value} of {listed}")
    for edge in analysis.data.edges:
        if (
            edge.kind is EdgeKind.OWNERSHIP
            and edge.owner in fronts
            and edge.active_on(analysis.as_of)
            and edge.share.high >= run.rule.minority_caution
            and analysis.status(edge.owned, jurisdiction) is Status.NOT_BLOCKED
        ):
            evidence = [_describe_edge(analysis, edge), *fronts[edge.owner]]
            found.append(_caution(analysis, edge.owned, jurisdiction, "O2-front", evidence))
    return found


def _largest_shareholder(analysis: Analysis, run: RuleRun) -> list[Caution]:
    graph = analysis.graph
    weight = np.where(graph.kind == 0, run.certain_weight, 0.0)
    held = np.flatnonzero(weight > 0)
    # Per owned entity, its largest holding: sort by (owned, weight) and take each group's last.
    order = held[np.lexsort((weight[held], graph.dst[held]))]
    owned = graph.dst[order]
    last = order[np.r_[owned[1:] != owned[:-1], True]] if len(order) else order
    hits = last[run.certain.blocked[graph.src[last]] & ~run.possible.blocked[graph.dst[last]]]
    return [
        _caution(
            analysis,
            graph.ids[int(graph.dst[e])],
            "eu",
            "O2-largest",
            [f"largest recorded holding ({weight[e]:g}%): {_edge_text(analysis, graph, e)}"],
        )
        for e in hits.tolist()
    ]


def _transfers(analysis: Analysis, run: RuleRun) -> list[Caution]:
    window = run.rule.transfer_window_days
    found = []
    for edge in analysis.data.edges:
        if edge.kind is not EdgeKind.OWNERSHIP or edge.end is None:
            continue
        for item in analysis.designations.get(edge.owner, []):
            if not run.rule.designates(item.list_name) or item.listed_on is None:
                continue
            gap = (item.listed_on - edge.end).days
            if -window <= gap <= window:
                evidence = [
                    _describe_edge(analysis, edge),
                    f"holding ended {edge.end}, {abs(gap)} days "
                    f"{'before' if gap >= 0 else 'after'} designation on {item.list_name} "
                    f"({item.listed_on})",
                ]
                found.append(_caution(analysis, edge.owned, "eu", "O2-transfer", evidence))
    return found


def _nominees(analysis: Analysis) -> list[Caution]:
    companies: dict[str, set[str]] = defaultdict(set)
    for edge in analysis.data.edges:
        if edge.kind in (EdgeKind.DIRECTORSHIP, EdgeKind.OWNERSHIP) and edge.active_on(
            analysis.as_of
        ):
            companies[edge.owner].add(edge.owned)
    return [
        _caution(analysis, party, "any", "O7", [f"officer or owner of {len(held)} entities"])
        for party, held in companies.items()
        if len(held) >= NOMINEE_COMPANIES
    ]


def _circular(analysis: Analysis) -> list[Caution]:
    """O8 per member of each loop; a loop too large to be a holding pattern gets one caution
    (on its first member), since tens of thousands of entities holding each other round is a
    data problem to look at, not an arrangement to flag entity by entity."""
    graph = analysis.graph
    found: list[Caution] = []
    for group in cycles(graph.size, graph.src, graph.dst):
        members = sorted(graph.ids[m] for m in group)
        shown = ", ".join(members[:CYCLE_MEMBERS_SHOWN])
        more = len(members) - CYCLE_MEMBERS_SHOWN
        evidence = [
            f"holds itself through a loop of {len(members)}: {shown}"
            + (f" and {more} more" if more > 0 else "")
        ]
        flagged = members if len(members) <= LARGEST_FLAGGED_LOOP else members[:1]
        found.extend(_caution(analysis, pid, "any", "O8", evidence) for pid in flagged)
    return found


def cycles(n: int, src: IntArray, dst: IntArray) -> list[list[int]]:
    """Strongly connected groups of two or more nodes (circular holdings).

    Nodes without holders or without holdings cannot be on a cycle; they are peeled off with
    numpy first, so the Python part (Tarjan, iterative) only sees the cyclic core.
    """
    alive = np.ones(n, dtype=np.bool_)
    while True:
        live = alive[src] & alive[dst]
        has_in = np.bincount(dst[live], minlength=n) > 0
        has_out = np.bincount(src[live], minlength=n) > 0
        keep = alive & has_in & has_out
        if keep.sum() == alive.sum():
            break
        alive = keep
    live = alive[src] & alive[dst]
    fast = _scipy_groups(n, src[live], dst[live], alive)
    if fast is not None:
        return fast
    succ: dict[int, list[int]] = defaultdict(list)
    for a, b in zip(src[live].tolist(), dst[live].tolist(), strict=True):
        succ[a].append(b)
    return [g for g in _tarjan(np.flatnonzero(alive).tolist(), succ) if len(g) > 1]


def _scipy_groups(
    n: int, src: IntArray, dst: IntArray, alive: npt.NDArray[np.bool_]
) -> list[list[int]] | None:
    """Strong components by scipy when it is installed (it is optional): C speed on big cores."""
    try:
        from scipy.sparse import coo_matrix  # type: ignore[import-untyped]
        from scipy.sparse.csgraph import connected_components  # type: ignore[import-untyped]
    except ImportError:
        return None
    matrix = coo_matrix((np.ones(len(src)), (src, dst)), shape=(n, n)).tocsr()
    _count, labels = connected_components(matrix, directed=True, connection="strong")
    members: dict[int, list[int]] = defaultdict(list)
    for node in np.flatnonzero(alive).tolist():
        members[int(labels[node])].append(node)
    return [group for group in members.values() if len(group) > 1]


def _tarjan(nodes: list[int], succ: dict[int, list[int]]) -> list[list[int]]:
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[int] = []
    on_stack: set[int] = set()
    groups: list[list[int]] = []
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            following = succ.get(node, [])
            if child < len(following):
                work.append((node, child + 1))
                nxt = following[child]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(group)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return groups
