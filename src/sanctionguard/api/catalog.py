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

from sanctionguard.store.schema import entity, source_version
from sanctionguard.store.snapshots import SnapshotInfo, Store, entity_query


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
        query = entity_query(info.id)
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
    the versions of its lists loaded up to the snapshot. A list loaded once needs no entity
    read at all; older versions are read by their primary key."""
    times: dict[tuple[str, str], EntityTimes] = {}
    with store.engine.connect() as conn:
        for source in info.sources:
            versions = conn.execute(
                sa.select(source_version.c.id, source_version.c.loaded_at)
                .where(source_version.c.list_name == source.list_name)
                .where(source_version.c.id <= source.id)
                .order_by(source_version.c.id)
            ).all()
            history = [(v.id, _aware(v.loaded_at)) for v in versions]
            times.update(_list_times(conn, source.list_name, source.id, history))
    return times


def _hashes(conn: sa.Connection, version: int) -> dict[str, str]:
    rows = conn.execute(
        sa.select(entity.c.entity_id, entity.c.content_hash).where(
            entity.c.source_version_id == version
        )
    )
    return {r.entity_id: r.content_hash for r in rows}


def _list_times(
    conn: sa.Connection,
    list_name: str,
    current: int,
    history: list[tuple[int, datetime | None]],
) -> dict[tuple[str, str], EntityTimes]:
    now = _hashes(conn, current)
    first: dict[str, datetime | None] = dict.fromkeys(now, history[-1][1])
    changed = dict(first)
    # Walk back from the newest older version: an entry present with the same content moves
    # its last change back; present with other content stops it moving.
    settled: set[str] = set()
    for version, loaded in reversed(history[:-1]):
        old = _hashes(conn, version)
        for key, digest in old.items():
            if key not in now:
                continue
            first[key] = loaded
            if key not in settled:
                if digest == now[key]:
                    changed[key] = loaded
                else:
                    settled.add(key)
        settled.update(k for k in now if k not in old)
    return {(list_name, k): EntityTimes(first[k], changed[k]) for k in now}


def _aware(value: datetime | str | None) -> datetime | None:
    """SQLite returns aggregated timestamps as text; PostgreSQL as datetimes."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)
