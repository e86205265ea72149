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
from sanctionguard.store.snapshots import SnapshotInfo, Store, StoredEntity


@dataclass(frozen=True, slots=True)
class EntityTimes:
    first_seen: datetime | None
    last_change: datetime | None


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """One listed entity: what search, filters and facets read without decoding the record."""

    entity_id: str
    list_name: str
    schema: str
    caption: str
    source_id: str
    countries: tuple[str, ...]
    times: EntityTimes
    blob: bytes

    def record(self) -> dict[str, Any]:
        """``{"properties": ..., "related": [...], "links": [...]}`` of the stored record."""
        data: dict[str, Any] = orjson.loads(zlib.decompress(self.blob))
        return data


_COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "flag")


def _entry(item: StoredEntity, times: EntityTimes) -> CatalogEntry:
    record = item.record
    props = record.get("properties", {})
    countries = sorted({c for p in _COUNTRY_PROPS for c in props.get(p, [])})
    kept = {
        "properties": props,
        "related": record.get("related", []),
        "links": record.get("links", []),
    }
    return CatalogEntry(
        entity_id=item.entity_id,
        list_name=item.list_name,
        schema=item.schema,
        caption=item.caption,
        source_id=item.source_id,
        countries=tuple(countries),
        times=times,
        blob=zlib.compress(orjson.dumps(kept), 1),
    )


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
        times = entity_times(store, info)
        return cls(
            _entry(item, times.get((item.list_name, item.entity_id), EntityTimes(None, None)))
            for item in store.entities(info.id)
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
