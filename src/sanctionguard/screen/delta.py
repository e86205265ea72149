"""The entities a new snapshot added or changed since an older one, as a small screening index.

Right after a listing, screening a book against only what changed is enough to find the new
designees; the book side is unchanged and the index is tiny. Tokens are weighed with the
rarity table counted over all official lists, so a changed entity scores as it would in the
full index.
"""

from __future__ import annotations

from collections.abc import Sequence

from sanctionguard.match.index import MatchIndex, bundled_rarity
from sanctionguard.match.vocabulary import RarityTable
from sanctionguard.store.snapshots import Store

EntityKey = tuple[str, str]


def changed_keys(
    store: Store, since: str | int, snapshot: str | int = "current"
) -> list[EntityKey]:
    """``(list, entity_id)`` of entries in ``snapshot`` that are new or changed since ``since``."""
    before = store.entity_hashes(store.resolve(since))
    after = store.entity_hashes(store.resolve(snapshot))
    return sorted(key for key, digest in after.items() if before.get(key) != digest)


def keys_index(
    store: Store, snap_id: int, keys: Sequence[EntityKey], rarity: RarityTable | None = None
) -> MatchIndex:
    """A compiled index over the given entries of a snapshot, weighing tokens by ``rarity``
    (default: the table counted over all official lists)."""
    entities = store.records(snap_id, keys).values()
    return MatchIndex.build(entities, rarity=rarity or bundled_rarity(), workers=1)


def changed_index(store: Store, since: str | int, snapshot: str | int = "current") -> MatchIndex:
    """A compiled index over the entries added or changed since ``since``."""
    keys = changed_keys(store, since, snapshot)
    return keys_index(store, store.resolve(snapshot), keys)
