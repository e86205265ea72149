"""The listed entities of one snapshot as the API shows them: FtM properties, related
entities, links, and when each entry was first seen and last changed.

The matcher's index keeps only a summary of each record; the API needs the full FtM
properties, so they are read once per snapshot and kept compressed (about a fifth of the
JSON size) and decoded only for entities that are returned.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
import sqlalchemy as sa

from sanctionguard.store.schema import entity, snapshot_source, source_version
from sanctionguard.store.snapshots import SnapshotInfo, Store


@dataclass(frozen=True, slots=True)
class EntityTimes:
    first_seen: datetime | None
    last_change: datetime | None


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """One listed entity: what filters read without decoding, and its compressed record."""

    entity_id: str
    list_name: str
    schema: str
    caption: str
    source_id: str
    times: EntityTimes
    blob: bytes

    def record(self) -> dict[str, Any]:
        """The stored record (``ListEntry.to_record()``: properties, related, links...)."""
        data: dict[str, Any] = orjson.loads(zlib.decompress(self.blob))
        return data

    @property
    def countries(self) -> tuple[str, ...]:
        props = self.record().get("properties", {})
        return tuple(sorted({c for p in _COUNTRY_PROPS for c in props.get(p, [])}))


_COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "flag")


class EntityCatalog:
    """All entries of one snapshot by id, with per-list counts."""

    def __init__(self, entries: Iterable[CatalogEntry]) -> None:
        self._by_id: dict[str, CatalogEntry] = {e.entity_id: e for e in entries}
        self.list_counts = Counter(e.list_name for e in self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, entity_id: str) -> CatalogEntry | None:
        return self._by_id.get(entity_id)

    def entries(self) -> Iterator[CatalogEntry]:
        return iter(self._by_id.values())

    @classmethod
    def from_store(cls, store: Store, info: SnapshotInfo) -> EntityCatalog:
        """The catalog of a snapshot; records are compressed as stored, never parsed here
        (parsing 50k records would double the time to go live)."""
        times = entity_times(store, info)
        missing = EntityTimes(None, None)
        query = (
            sa.select(
                entity.c.entity_id,
                snapshot_source.c.list_name,
                entity.c.schema,
                entity.c.caption,
                entity.c.source_id,
                entity.c.record,
            )
            .join(
                snapshot_source,
                snapshot_source.c.source_version_id == entity.c.source_version_id,
            )
            .where(snapshot_source.c.snapshot_id == info.id)
        )
        with store.engine.connect() as conn:
            rows = conn.execute(query.execution_options(yield_per=2000))
            return cls(
                CatalogEntry(
                    entity_id=r.entity_id,
                    list_name=r.list_name,
                    schema=r.schema,
                    caption=r.caption,
                    source_id=r.source_id,
                    times=times.get((r.list_name, r.entity_id), missing),
                    blob=zlib.compress(r.record.encode(), 1),
                )
                for r in rows
            )


def entity_times(store: Store, info: SnapshotInfo) -> dict[tuple[str, str], EntityTimes]:
    """When each entry of a snapshot first appeared and when its content last changed, from
    the versions of its lists loaded up to the snapshot (one grouped query)."""
    lists = [s.list_name for s in info.sources]
    current = (
        sa.select(entity.c.entity_id, snapshot_source.c.list_name, entity.c.content_hash)
        .join(snapshot_source, snapshot_source.c.source_version_id == entity.c.source_version_id)
        .where(snapshot_source.c.snapshot_id == info.id)
        .subquery()
    )
    history = (
        sa.select(
            source_version.c.list_name,
            entity.c.entity_id,
            sa.func.min(source_version.c.loaded_at).label("first"),
            sa.func.min(
                sa.case(
                    (entity.c.content_hash == current.c.content_hash, source_version.c.loaded_at)
                )
            ).label("changed"),
        )
        .join(source_version, source_version.c.id == entity.c.source_version_id)
        .join(
            current,
            sa.and_(
                current.c.entity_id == entity.c.entity_id,
                current.c.list_name == source_version.c.list_name,
            ),
        )
        .where(source_version.c.list_name.in_(lists))
        .where(source_version.c.loaded_at <= info.created_at)
        .group_by(source_version.c.list_name, entity.c.entity_id)
    )
    with store.engine.connect() as conn:
        return {
            (r.list_name, r.entity_id): EntityTimes(_aware(r.first), _aware(r.changed))
            for r in conn.execute(history)
        }


def _aware(value: datetime | str | None) -> datetime | None:
    """SQLite returns aggregated timestamps as text; PostgreSQL as datetimes."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)
