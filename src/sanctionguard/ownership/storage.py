"""Ownership data in the store, versioned like list snapshots (tables of migration 0004).

Each load writes an immutable *ownership version* (parties, edges, the input issues, file
checksums) in one transaction; the newest version is current, and loading identical content
again makes no new version. Links from a version's parties to a list snapshot's entries are
stored per (version, snapshot), so re-linking is needed only when either changes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from sanctionguard.errors import StoreError
from sanctionguard.model.entry import canonical_json
from sanctionguard.ownership.linking import Link
from sanctionguard.ownership.model import DataIssue, OwnershipData, OwnershipEdge, Party, Severity

metadata = sa.MetaData()


def _version_column(*, primary_key: bool) -> sa.Column[int]:
    """The reference from a version's rows to their version (deleted with it)."""
    return sa.Column(
        "version_id",
        sa.Integer,
        sa.ForeignKey("ownership_version.id", ondelete="CASCADE"),
        primary_key=primary_key,
        nullable=False,
    )


ownership_version = sa.Table(
    "ownership_version",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("parent_id", sa.Integer, sa.ForeignKey("ownership_version.id")),
    sa.Column("note", sa.Text),
    sa.Column("files", sa.JSON, nullable=False),
    sa.Column("counts", sa.JSON, nullable=False),
    sa.Column("issues", sa.JSON, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
)
ownership_party = sa.Table(
    "ownership_party",
    metadata,
    _version_column(primary_key=True),
    sa.Column("party_id", sa.String(255), primary_key=True),
    sa.Column("record", sa.Text, nullable=False),
)
ownership_edge = sa.Table(
    "ownership_edge",
    metadata,
    _version_column(primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("owner_id", sa.String(255), nullable=False),
    sa.Column("owned_id", sa.String(255), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("record", sa.Text, nullable=False),
    sa.Index("ix_ownership_edge_owner", "version_id", "owner_id"),
    sa.Index("ix_ownership_edge_owned", "version_id", "owned_id"),
)
ownership_link = sa.Table(
    "ownership_link",
    metadata,
    _version_column(primary_key=False),
    sa.Column("snapshot_id", sa.Integer, nullable=False),
    sa.Column("party_id", sa.String(255), nullable=False),
    sa.Column("list_name", sa.String(100), nullable=False),
    sa.Column("entity_id", sa.String(255), nullable=False),
    sa.Column("record", sa.Text, nullable=False),
    sa.Index("ix_ownership_link_version_snapshot", "version_id", "snapshot_id"),
)
ownership_link_run = sa.Table(
    "ownership_link_run",
    metadata,
    _version_column(primary_key=True),
    sa.Column("snapshot_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("settings", sa.JSON, nullable=False),
    sa.Column("links", sa.Integer, nullable=False),
)

CHUNK = 5000


@dataclass(frozen=True)
class OwnershipVersion:
    id: int
    created_at: datetime
    parent_id: int | None
    note: str | None
    files: list[dict[str, Any]]
    counts: dict[str, int]
    issues: int


def content_hash(data: OwnershipData) -> str:
    digest = hashlib.sha256()
    for party in sorted(data.parties.values(), key=lambda p: p.id):
        digest.update(canonical_json(party.to_dict()).encode())
    for edge in data.edges:
        digest.update(canonical_json(edge.to_dict()).encode())
    return digest.hexdigest()


def _counts(data: OwnershipData) -> dict[str, int]:
    counts = {"parties": len(data.parties), "edges": len(data.edges)}
    for edge in data.edges:
        counts[edge.kind.value] = counts.get(edge.kind.value, 0) + 1
    counts["errors"] = sum(1 for i in data.issues if i.severity is Severity.ERROR)
    counts["warnings"] = sum(1 for i in data.issues if i.severity is Severity.WARNING)
    return counts


def current_version(engine: sa.Engine) -> int | None:
    with engine.connect() as conn:
        value = conn.execute(sa.select(sa.func.max(ownership_version.c.id))).scalar_one_or_none()
        return int(value) if value is not None else None


def resolve(engine: sa.Engine, ref: str | int | None) -> int:
    """A version id from ``current``, ``None`` or an id; StoreError when there is none."""
    if ref is None or str(ref).strip() == "current":
        found = current_version(engine)
        if found is None:
            raise StoreError("no ownership data yet: load some with `sanctionguard ownership load`")
        return found
    if not str(ref).strip().isdigit():
        raise StoreError(f"unknown ownership version {ref!r}: use an id or current")
    wanted = int(str(ref).strip())
    if wanted not in {v.id for v in versions(engine)}:
        raise StoreError(f"ownership version {wanted} does not exist")
    return wanted


def save(
    engine: sa.Engine, data: OwnershipData, files: list[dict[str, Any]], note: str | None = None
) -> tuple[int, bool]:
    """Write ``data`` as a new current version; ``(id, created)`` (no copy of equal content)."""
    digest = content_hash(data)
    parent = current_version(engine)
    with engine.begin() as conn:
        if parent is not None:
            previous = conn.execute(
                sa.select(ownership_version.c.content_hash).where(ownership_version.c.id == parent)
            ).scalar_one()
            if previous == digest:
                return (parent, False)
        result = conn.execute(
            ownership_version.insert().values(
                created_at=datetime.now(UTC),
                parent_id=parent,
                note=note,
                files=files,
                counts=_counts(data),
                issues=[i.to_dict() for i in data.issues],
                content_hash=digest,
            )
        )
        key = result.inserted_primary_key
        assert key is not None
        version_id = int(key[0])
        _insert(
            conn,
            ownership_party,
            [
                {"version_id": version_id, "party_id": p.id, "record": canonical_json(p.to_dict())}
                for p in data.parties.values()
            ],
        )
        _insert(
            conn,
            ownership_edge,
            [
                {
                    "version_id": version_id,
                    "seq": seq,
                    "owner_id": e.owner,
                    "owned_id": e.owned,
                    "kind": e.kind.value,
                    "record": canonical_json(e.to_dict()),
                }
                for seq, e in enumerate(data.edges)
            ],
        )
    return (version_id, True)


def _insert(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        conn.execute(table.insert(), rows[start : start + CHUNK])


def load(engine: sa.Engine, version_id: int) -> OwnershipData:
    """The parties, edges and recorded issues of one version."""
    data = OwnershipData()
    with engine.connect() as conn:
        version = conn.execute(
            sa.select(ownership_version).where(ownership_version.c.id == version_id)
        ).one_or_none()
        if version is None:
            raise StoreError(f"ownership version {version_id} does not exist")
        data.files = [f["path"] for f in version.files]
        data.issues = [
            DataIssue(Severity(i["severity"]), i["location"], i["message"]) for i in version.issues
        ]
        parties = conn.execute(
            sa.select(ownership_party.c.record).where(ownership_party.c.version_id == version_id)
        )
        for (record,) in parties:
            party = Party.from_dict(json.loads(record))
            data.parties[party.id] = party
        edges = conn.execute(
            sa.select(ownership_edge.c.record)
            .where(ownership_edge.c.version_id == version_id)
            .order_by(ownership_edge.c.seq)
        )
        data.edges = [OwnershipEdge.from_dict(json.loads(r)) for (r,) in edges]
    return data


def versions(engine: sa.Engine) -> list[OwnershipVersion]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(ownership_version).order_by(ownership_version.c.id))
        return [
            OwnershipVersion(
                id=r.id,
                created_at=r.created_at,
                parent_id=r.parent_id,
                note=r.note,
                files=list(r.files),
                counts=dict(r.counts),
                issues=len(r.issues),
            )
            for r in rows
        ]


def save_links(
    engine: sa.Engine,
    version_id: int,
    snapshot_id: int,
    links: list[Link],
    settings: dict[str, Any],
) -> None:
    """Replace the stored links of a (version, snapshot) pair, remembering the link run."""
    where = (ownership_link.c.version_id == version_id) & (
        ownership_link.c.snapshot_id == snapshot_id
    )
    run = (ownership_link_run.c.version_id == version_id) & (
        ownership_link_run.c.snapshot_id == snapshot_id
    )
    with engine.begin() as conn:
        conn.execute(ownership_link.delete().where(where))
        conn.execute(ownership_link_run.delete().where(run))
        conn.execute(
            ownership_link_run.insert().values(
                version_id=version_id,
                snapshot_id=snapshot_id,
                linked_at=datetime.now(UTC),
                settings=settings,
                links=len(links),
            )
        )
        _insert(
            conn,
            ownership_link,
            [
                {
                    "version_id": version_id,
                    "snapshot_id": snapshot_id,
                    "party_id": link.party_id,
                    "list_name": link.list_name,
                    "entity_id": link.entity_id,
                    "record": canonical_json(link.to_dict()),
                }
                for link in links
            ],
        )


def load_links(engine: sa.Engine, version_id: int, snapshot_id: int) -> list[Link] | None:
    """Stored links of a (version, snapshot) pair, or None when never linked."""
    pair = (ownership_link.c.version_id == version_id) & (
        ownership_link.c.snapshot_id == snapshot_id
    )
    with engine.connect() as conn:
        ran = conn.execute(
            sa.select(ownership_link_run.c.linked_at).where(
                (ownership_link_run.c.version_id == version_id)
                & (ownership_link_run.c.snapshot_id == snapshot_id)
            )
        ).scalar_one_or_none()
        if ran is None:
            return None
        rows = conn.execute(sa.select(ownership_link.c.record).where(pair)).all()
    return [Link.from_dict(json.loads(r)) for (r,) in rows]
