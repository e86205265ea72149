"""Reading one listed entity for its page: the stored record, and its ownership neighbourhood.

The neighbourhood is drawn from the record's own links (owner, subsidiary, director,
associate…) and from other entries of the same snapshot whose links name this one.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from sanctionguard.store.schema import entity, snapshot_source
from sanctionguard.store.snapshots import Store, StoredEntity

MAX_NEIGHBOURS = 12


def find_entity(store: Store, snap_id: int, entity_id: str) -> StoredEntity | None:
    """One entry of a snapshot by its entity id (ids carry their list, so they are unique)."""
    return store.entity(snap_id, entity_id)


@dataclass(frozen=True)
class Neighbour:
    """One party linked to the entity: how, and its entity id when it is listed too."""

    relation: str
    caption: str
    entity_id: str | None
    x: float
    y: float


@dataclass(frozen=True)
class Neighbourhood:
    centre: str
    neighbours: tuple[Neighbour, ...]
    more: int  # links not drawn


def _linked_to(
    store: Store, snap_id: int, list_name: str, entity_id: str
) -> list[tuple[str, str, str]]:
    """``(relation, caption, entity_id)`` of entries whose links name this entity.

    Lists resolve links among their own entries only, so one list is scanned; the pattern is
    the stored record's exact text of such a link (records are canonical JSON)."""
    pattern = f'"target_id":"{entity_id}"'
    query = (
        sa.select(entity.c.entity_id, entity.c.caption, entity.c.record)
        .join(snapshot_source, snapshot_source.c.source_version_id == entity.c.source_version_id)
        .where(
            snapshot_source.c.snapshot_id == snap_id,
            snapshot_source.c.list_name == list_name,
            entity.c.record.contains(pattern, autoescape=True),
        )
    )
    found = []
    with store.engine.connect() as conn:
        for row in conn.execute(query):
            if row.entity_id == entity_id:
                continue
            for link in json.loads(row.record).get("links", []):
                if link.get("target_id") == entity_id:
                    found.append(
                        (f"{link['relation']} (of this entity)", row.caption, row.entity_id)
                    )
    return found


def neighbourhood(store: Store, snap_id: int, record: dict[str, Any]) -> Neighbourhood:
    """The entity's linked parties laid out on a circle around it (for an SVG picture)."""
    links: list[tuple[str, str, str | None]] = [
        (f"{x['relation']}, stated on this entry", str(x["target"]), x.get("target_id"))
        for x in record.get("links", [])
    ]
    links += _linked_to(store, snap_id, str(record["list"]), str(record["id"]))
    drawn = links[:MAX_NEIGHBOURS]
    step = 2 * math.pi / max(1, len(drawn))
    neighbours = tuple(
        Neighbour(rel, caption, target, 50 + 36 * math.cos(i * step), 50 + 36 * math.sin(i * step))
        for i, (rel, caption, target) in enumerate(drawn)
    )
    return Neighbourhood(str(record.get("caption", "")), neighbours, len(links) - len(drawn))
