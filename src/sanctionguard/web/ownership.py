"""The entity page's ownership data: owners and owned companies from the stored ownership graph.

Read-only over the tables of ``sanctionguard.ownership.storage`` (current version, links to the
page's snapshot). The derived status (OFAC, EU, UK) is computed on the upstream closure of the
entity and its direct holdings: an entity's status depends only on who owns or controls it,
directly or up the chain, so that subgraph gives the same answer as the whole graph.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from sanctionguard.ownership import storage
from sanctionguard.ownership.analysis import Analysis, Status, analyse
from sanctionguard.ownership.linking import Link, designations_from
from sanctionguard.ownership.model import OwnershipData, OwnershipEdge, Party
from sanctionguard.ownership.rules import RULE_SETS
from sanctionguard.store.snapshots import Store

MAX_RELATIONS = 40  # rows shown per side
MAX_UPSTREAM = 5_000  # parties in the upstream closure before the status is not computed
JURISDICTIONS = tuple(j.value for j in RULE_SETS)


@dataclass(frozen=True)
class Holder:
    """One party at the other end of a relation, with its list entry and derived status."""

    party_id: str
    caption: str
    entity_id: str | None  # its entry in the page's snapshot, when linked
    statuses: tuple[tuple[str, str], ...]  # (jurisdiction, status); empty when not computed

    @property
    def mark(self) -> str:
        """The strongest status under any jurisdiction, for the picture: listed, blocked,
        undetermined, or empty."""
        found = {status for _, status in self.statuses}
        if self.entity_id or found & {Status.LISTED.value, Status.POSSIBLY_LISTED.value}:
            return "listed"
        for status in (Status.BLOCKED.value, Status.UNDETERMINED.value):
            if status in found:
                return status
        return ""


@dataclass(frozen=True)
class Relation:
    party: Holder
    kind: str
    share: str
    role: str
    dates: str
    source: str


@dataclass(frozen=True)
class OwnershipView:
    """What the page shows; ``note`` explains what is missing (no data, not linked, capped)."""

    version_id: int | None
    as_of: date
    parties: tuple[Holder, ...]  # the ownership parties linked to this entry
    owners: tuple[Relation, ...]
    owned: tuple[Relation, ...]
    more: int
    note: str | None


def _links(
    conn: sa.Connection, version: int, snap: int, where: sa.ColumnElement[bool]
) -> list[Link]:
    table = storage.ownership_link
    query = sa.select(table.c.record).where(
        table.c.version_id == version, table.c.snapshot_id == snap, where
    )
    return [Link.from_dict(json.loads(r)) for (r,) in conn.execute(query)]


def _linked(conn: sa.Connection, version: int, snap: int) -> bool:
    run = storage.ownership_link_run
    query = sa.select(run.c.links).where(run.c.version_id == version, run.c.snapshot_id == snap)
    return conn.execute(query).first() is not None


def _edges(
    conn: sa.Connection, version: int, column: sa.Column[str], ids: Iterable[str]
) -> list[OwnershipEdge]:
    table = storage.ownership_edge
    wanted = sorted(set(ids))
    found: list[OwnershipEdge] = []
    for start in range(0, len(wanted), 500):
        query = sa.select(table.c.record).where(
            table.c.version_id == version, column.in_(wanted[start : start + 500])
        )
        found += [OwnershipEdge.from_dict(json.loads(r)) for (r,) in conn.execute(query)]
    return found


def _parties(conn: sa.Connection, version: int, ids: Iterable[str]) -> dict[str, Party]:
    table = storage.ownership_party
    wanted = sorted(set(ids))
    found: dict[str, Party] = {}
    for start in range(0, len(wanted), 500):
        query = sa.select(table.c.record).where(
            table.c.version_id == version, table.c.party_id.in_(wanted[start : start + 500])
        )
        for (record,) in conn.execute(query):
            party = Party.from_dict(json.loads(record))
            found[party.id] = party
    return found


def _upstream(conn: sa.Connection, version: int, start: set[str]) -> list[OwnershipEdge] | None:
    """Every edge into ``start`` or into any of its owners up the chain; None past the cap."""
    seen, frontier, edges = set(start), set(start), []
    owned = storage.ownership_edge.c.owned_id
    while frontier:
        found = _edges(conn, version, owned, frontier)
        edges += found
        frontier = {e.owner for e in found} - seen
        seen |= frontier
        if len(seen) > MAX_UPSTREAM:
            return None
    return edges


def _statuses(analysis: Analysis | None, party_id: str) -> tuple[tuple[str, str], ...]:
    if analysis is None:
        return ()
    return tuple((j, analysis.status(party_id, j).value) for j in JURISDICTIONS)


def ownership_view(store: Store, snap_id: int, entity_id: str, as_of: date) -> OwnershipView | None:
    """The stored ownership relations of the parties linked to this entry (None: no data)."""
    with store.engine.connect() as conn:
        version = storage.current_version(store.engine)
        if version is None:
            return None
        if not _linked(conn, version, snap_id):
            note = (
                f"Ownership version {version} is not linked to snapshot {snap_id} yet: "
                "run `sanctionguard ownership link` to see this entry's owners and holdings."
            )
            return OwnershipView(version, as_of, (), (), (), 0, note)
        mine = _links(conn, version, snap_id, storage.ownership_link.c.entity_id == entity_id)
        ids = {link.party_id for link in mine}
        if not ids:
            return None
        owners = _edges(conn, version, storage.ownership_edge.c.owned_id, ids)
        owned = _edges(conn, version, storage.ownership_edge.c.owner_id, ids)
        upstream = _upstream(conn, version, ids | {e.owned for e in owned})
        closure = {e.owner for e in upstream or []} | {e.owned for e in upstream or []}
        everyone = ids | closure | {e.owner for e in owners} | {e.owned for e in owned}
        parties = _parties(conn, version, everyone)
        links = _links(conn, version, snap_id, storage.ownership_link.c.party_id.in_(everyone))
    analysis: Analysis | None = None
    capped: str | None = None
    if upstream is None:
        capped = f"More than {MAX_UPSTREAM} parties up the chain: derived status not computed here."
    else:
        data = OwnershipData(
            parties={k: v for k, v in parties.items() if k in closure | ids}, edges=upstream
        )
        analysis = analyse(data, designations_from(links), list(RULE_SETS.values()), as_of)
    entries = {link.party_id: link.entity_id for link in links if not link.ambiguous}

    def holder(pid: str) -> Holder:
        caption = parties[pid].caption if pid in parties else pid
        return Holder(pid, caption, entries.get(pid), _statuses(analysis, pid))

    def relation(edge: OwnershipEdge, other: str) -> Relation:
        return Relation(
            holder(other),
            edge.kind.value,
            edge.share.describe() if edge.kind.value == "ownership" else "",
            edge.role,
            edge.describe_dates(),
            edge.source,
        )

    shown_owners = [relation(e, e.owner) for e in owners[:MAX_RELATIONS]]
    shown_owned = [relation(e, e.owned) for e in owned[:MAX_RELATIONS]]
    more = len(owners) + len(owned) - len(shown_owners) - len(shown_owned)
    return OwnershipView(
        version,
        as_of,
        tuple(holder(pid) for pid in sorted(ids)),
        tuple(shown_owners),
        tuple(shown_owned),
        more,
        capped,
    )
