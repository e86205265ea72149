"""Writing and reading snapshots: one transaction per load, the pointer moved last.

A load writes new source versions for the lists whose content changed, then a snapshot that
combines them with the unchanged lists of the current snapshot, then moves ``current``; all in
one transaction, so a crash or ``kill -9`` at any point leaves the previous snapshot current.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from sanctionguard.errors import StoreError
from sanctionguard.model.entry import canonical_json, text_hash
from sanctionguard.sources.loader import ParsedSource
from sanctionguard.store import migrate
from sanctionguard.store.schema import (
    entity,
    identifier,
    pointer,
    snapshot,
    snapshot_source,
    source_version,
)

CURRENT = "current"
CHUNK = 2000

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class SourceSummary:
    """One list as stored: where it came from and what it holds."""

    id: int
    list_name: str
    format: str
    title: str
    authority: str
    published: str | None
    loaded_at: datetime
    files: list[dict[str, Any]]
    entity_count: int
    records_read: int
    counts: dict[str, int]
    warnings: list[str]


@dataclass(frozen=True)
class SnapshotInfo:
    """A snapshot: when it was made, from which lists, and whether it is current."""

    id: int
    created_at: datetime
    parent_id: int | None
    note: str | None
    current: bool
    sources: list[SourceSummary]

    @property
    def entity_count(self) -> int:
        return sum(s.entity_count for s in self.sources)


@dataclass(frozen=True)
class StoredEntity:
    """One entry of a snapshot, as stored (the record is ``ListEntry.to_record()``)."""

    entity_id: str
    list_name: str
    schema: str
    caption: str
    source_id: str
    content_hash: str
    record: dict[str, Any]


@dataclass(frozen=True)
class LoadResult:
    """The outcome of a load: the new snapshot (None if nothing changed) and per-list status."""

    snapshot_id: int | None
    changed: list[str]
    unchanged: list[str]


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def create_engine(url: str) -> sa.Engine:
    """An engine for a SQLite path URL or a PostgreSQL URL, with safe defaults."""
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"invalid database URL {url!r}: {exc}") from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(parsed)
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return sa.create_engine(parsed, pool_pre_ping=True)


class Store:
    """The versioned snapshot store over one database."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str) -> Store:
        """Open (and create or migrate) the store at a database URL."""
        engine = create_engine(url)
        try:
            migrate.upgrade(engine)
        except sa.exc.OperationalError as exc:
            raise StoreError(f"cannot open the store at {url}: {exc.orig}") from exc
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    # -- reading ---------------------------------------------------------------------------

    def current_snapshot_id(self) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(
                sa.select(pointer.c.snapshot_id).where(pointer.c.name == CURRENT)
            ).scalar_one_or_none()

    def resolve(self, ref: str | int | None) -> int:
        """A snapshot id from a reference: an id, ``current``, or ``current~N`` (N back)."""
        text = CURRENT if ref is None else str(ref).strip()
        if text.isdigit():
            self.snapshot(int(text))
            return int(text)
        base, _, back = text.partition("~")
        if base != CURRENT or (back and not back.isdigit()):
            raise StoreError(
                f"unknown snapshot reference {text!r}: use an id, current or current~N"
            )
        snap_id = self.current_snapshot_id()
        if snap_id is None:
            raise StoreError("no snapshot yet: load a list first with `sanctionguard lists load`")
        for _ in range(int(back or 0)):
            parent = self.snapshot(snap_id).parent_id
            if parent is None:
                raise StoreError(f"snapshot {text!r} does not exist: history is shorter")
            snap_id = parent
        return snap_id

    def _sources(self, conn: sa.Connection, snap_id: int) -> list[SourceSummary]:
        rows = conn.execute(
            sa.select(source_version)
            .join(snapshot_source, snapshot_source.c.source_version_id == source_version.c.id)
            .where(snapshot_source.c.snapshot_id == snap_id)
            .order_by(source_version.c.list_name)
        ).mappings()
        return [
            SourceSummary(
                id=r["id"],
                list_name=r["list_name"],
                format=r["format"],
                title=r["title"],
                authority=r["authority"],
                published=r["published"],
                loaded_at=r["loaded_at"],
                files=list(r["files"]),
                entity_count=r["entity_count"],
                records_read=r["records_read"],
                counts=dict(r["counts"]),
                warnings=list(r["warnings"]),
            )
            for r in rows
        ]

    def snapshot(self, snap_id: int) -> SnapshotInfo:
        with self.engine.connect() as conn:
            row = (
                conn.execute(sa.select(snapshot).where(snapshot.c.id == snap_id)).mappings().first()
            )
            if row is None:
                raise StoreError(f"no snapshot with id {snap_id}")
            current = conn.execute(
                sa.select(pointer.c.snapshot_id).where(pointer.c.name == CURRENT)
            ).scalar_one_or_none()
            return SnapshotInfo(
                id=row["id"],
                created_at=row["created_at"],
                parent_id=row["parent_id"],
                note=row["note"],
                current=row["id"] == current,
                sources=self._sources(conn, row["id"]),
            )

    def snapshots(self) -> list[SnapshotInfo]:
        with self.engine.connect() as conn:
            ids = conn.execute(sa.select(snapshot.c.id).order_by(snapshot.c.id)).scalars().all()
        return [self.snapshot(i) for i in ids]

    def entities(self, snap_id: int, list_name: str | None = None) -> Iterator[StoredEntity]:
        """Every entry of a snapshot (optionally of one list), ordered by list and id."""
        query = entity_query(snap_id).order_by(snapshot_source.c.list_name, entity.c.entity_id)
        if list_name is not None:
            query = query.where(snapshot_source.c.list_name == list_name)
        with self.engine.connect() as conn:
            for row in conn.execute(query.execution_options(yield_per=CHUNK)):
                yield _stored(row)

    def entity(self, snap_id: int, entity_id: str) -> StoredEntity | None:
        """One entry of a snapshot by its entity id (ids carry their list, so they are unique)."""
        query = entity_query(snap_id).where(entity.c.entity_id == entity_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return None if row is None else _stored(row)

    def entity_hashes(self, snap_id: int) -> dict[tuple[str, str], str]:
        """``(list, entity_id) → content hash`` for a snapshot: the basis of diffs."""
        query = (
            sa.select(snapshot_source.c.list_name, entity.c.entity_id, entity.c.content_hash)
            .join(
                snapshot_source,
                snapshot_source.c.source_version_id == entity.c.source_version_id,
            )
            .where(snapshot_source.c.snapshot_id == snap_id)
        )
        with self.engine.connect() as conn:
            return {(r[0], r[1]): r[2] for r in conn.execute(query)}

    def records(
        self, snap_id: int, keys: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], StoredEntity]:
        """The stored entries for the given ``(list, entity_id)`` keys of a snapshot."""
        wanted = set(keys)
        lists = {k[0] for k in wanted}
        found: dict[tuple[str, str], StoredEntity] = {}
        for list_name in sorted(lists):
            for item in self.entities(snap_id, list_name):
                if (item.list_name, item.entity_id) in wanted:
                    found[(item.list_name, item.entity_id)] = item
        return found

    def find_identifier(
        self, kind: str, value: str, snap_id: int | None = None
    ) -> list[tuple[str, str, bool | None]]:
        """``(list, entity_id, valid)`` of entries carrying an identifier in a snapshot."""
        snap = snap_id if snap_id is not None else self.resolve(CURRENT)
        query = (
            sa.select(snapshot_source.c.list_name, identifier.c.entity_id, identifier.c.valid)
            .join(
                snapshot_source,
                snapshot_source.c.source_version_id == identifier.c.source_version_id,
            )
            .where(
                snapshot_source.c.snapshot_id == snap,
                identifier.c.kind == kind,
                identifier.c.value == value,
            )
        )
        with self.engine.connect() as conn:
            return [(r[0], r[1], r[2]) for r in conn.execute(query)]

    # -- writing ---------------------------------------------------------------------------

    def load(
        self,
        sources: Sequence[ParsedSource],
        *,
        note: str | None = None,
        progress: Progress | None = None,
    ) -> LoadResult:
        """Store parsed lists as a new current snapshot, atomically.

        Lists whose content equals the current snapshot's version are reused; if no list
        changed, no snapshot is made. Either everything is written and ``current`` moves, or
        nothing is (the transaction rolls back on any error, crash or kill).
        """
        names = [s.info.name for s in sources]
        duplicated = sorted({n for n in names if names.count(n) > 1})
        if duplicated:
            raise StoreError(f"the same list was given twice in one load: {', '.join(duplicated)}")
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            parent = conn.execute(
                sa.select(pointer.c.snapshot_id).where(pointer.c.name == CURRENT)
            ).scalar_one_or_none()
            previous = self._version_map(conn, parent)
            changed: dict[str, int] = {}
            unchanged: list[str] = []
            for source in sources:
                rows = _entity_rows(source)
                content = _content_hash(rows)
                prior = previous.get(source.info.name)
                if prior is not None and prior[1] == content:
                    unchanged.append(source.info.name)
                    continue
                changed[source.info.name] = self._write_source(
                    conn, source, rows, content, now, progress
                )
            if not changed:
                return LoadResult(None, [], unchanged)
            snap_id = self._write_snapshot(conn, parent, previous, changed, now, note)
        return LoadResult(snap_id, sorted(changed), unchanged)

    def _version_map(self, conn: sa.Connection, snap_id: int | None) -> dict[str, tuple[int, str]]:
        if snap_id is None:
            return {}
        rows = conn.execute(
            sa.select(
                snapshot_source.c.list_name, source_version.c.id, source_version.c.content_hash
            )
            .join(source_version, source_version.c.id == snapshot_source.c.source_version_id)
            .where(snapshot_source.c.snapshot_id == snap_id)
        )
        return {r[0]: (r[1], r[2]) for r in rows}

    def _write_source(
        self,
        conn: sa.Connection,
        source: ParsedSource,
        rows: list[dict[str, Any]],
        content: str,
        now: datetime,
        progress: Progress | None,
    ) -> int:
        counts: dict[str, int] = {}
        for entry in source.entries:
            counts[entry.schema] = counts.get(entry.schema, 0) + 1
        result = conn.execute(
            source_version.insert().values(
                list_name=source.info.name,
                format=source.format,
                title=source.info.title,
                authority=source.info.authority,
                published=source.report.published,
                loaded_at=now,
                files=[{"name": f.name, "size": f.size, "sha256": f.sha256} for f in source.files],
                entity_count=len(source.entries),
                records_read=source.report.records_read or len(source.entries),
                counts=dict(sorted(counts.items())),
                warnings=list(source.report.warnings),
                content_hash=content,
            )
        )
        version_id = _new_id(result)
        total = len(rows)
        for start in range(0, total, CHUNK):
            chunk = rows[start : start + CHUNK]
            conn.execute(entity.insert(), [{**r, "source_version_id": version_id} for r in chunk])
            if progress is not None:
                progress(source.info.name, min(start + CHUNK, total), total)
        idents = [
            {
                "source_version_id": version_id,
                "entity_id": e.id,
                "kind": i.kind.value,
                "value": i.value[:255],
                "country": i.country,
                "valid": i.valid,
            }
            for e in source.entries
            for i in e.identifiers
        ]
        for start in range(0, len(idents), CHUNK):
            conn.execute(identifier.insert(), idents[start : start + CHUNK])
        return int(version_id)

    def _write_snapshot(
        self,
        conn: sa.Connection,
        parent: int | None,
        previous: dict[str, tuple[int, str]],
        changed: dict[str, int],
        now: datetime,
        note: str | None,
    ) -> int:
        snap_id = _new_id(
            conn.execute(snapshot.insert().values(created_at=now, parent_id=parent, note=note))
        )
        members = {name: version for name, (version, _) in previous.items()}
        members.update(changed)
        conn.execute(
            snapshot_source.insert(),
            [
                {"snapshot_id": snap_id, "list_name": name, "source_version_id": version}
                for name, version in sorted(members.items())
            ],
        )
        if parent is None:
            conn.execute(pointer.insert().values(name=CURRENT, snapshot_id=snap_id))
        else:
            conn.execute(
                pointer.update().where(pointer.c.name == CURRENT).values(snapshot_id=snap_id)
            )
        return snap_id

    def set_current(self, snap_id: int) -> None:
        """Make an existing snapshot current again (roll back to an earlier version)."""
        self.snapshot(snap_id)
        with self.engine.begin() as conn:
            updated = conn.execute(
                pointer.update().where(pointer.c.name == CURRENT).values(snapshot_id=snap_id)
            ).rowcount
            if not updated:
                conn.execute(pointer.insert().values(name=CURRENT, snapshot_id=snap_id))


def entity_query(snap_id: int) -> sa.Select[Any]:
    """The entries of a snapshot with the list each belongs to."""
    return (
        sa.select(
            entity.c.entity_id,
            snapshot_source.c.list_name,
            entity.c.schema,
            entity.c.caption,
            entity.c.source_id,
            entity.c.content_hash,
            entity.c.record,
        )
        .join(snapshot_source, snapshot_source.c.source_version_id == entity.c.source_version_id)
        .where(snapshot_source.c.snapshot_id == snap_id)
    )


def _stored(row: Any) -> StoredEntity:
    # Unpacked by position (``entity_query``'s column order): read by name, the seven columns
    # cost over half as much as decoding the record, when a whole snapshot is read.
    entity_id, list_name, schema, caption, source_id, content_hash, record = row
    return StoredEntity(
        entity_id, list_name, schema, caption, source_id, content_hash, orjson.loads(record)
    )


def _new_id(result: sa.CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _entity_rows(source: ParsedSource) -> list[dict[str, Any]]:
    rows = []
    for entry in source.entries:
        text = canonical_json(entry.to_record())
        rows.append(
            {
                "entity_id": entry.id,
                "schema": entry.schema,
                "caption": entry.caption[:2000],
                "source_id": entry.source_id[:255],
                "content_hash": text_hash(text),
                "record": text,
            }
        )
    return rows


def _content_hash(rows: list[dict[str, Any]]) -> str:
    parts = sorted(f"{r['entity_id']}:{r['content_hash']}" for r in rows)
    return text_hash("\n".join(parts))
