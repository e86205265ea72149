"""What changed between two snapshots: added, removed and changed entries, field by field.

Entries are compared by content hash first, so only changed entries are decoded. Field-level
changes are reported on the facts a user reads (names with their kind, identifiers with
validity, birth dates, programmes, listing date, remarks, links, other properties), not on FtM
properties that merely mirror those facts, so each edit is reported once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sanctionguard.model.entry import NAME_PART_PROPERTY
from sanctionguard.model.identifiers import FTM_PROPERTY
from sanctionguard.store.snapshots import Store, StoredEntity

# FtM properties filled from the side facts; their changes are reported through those facts.
_MIRRORED = {
    "name",
    "alias",
    "weakAlias",
    "previousName",
    "programId",
    "notes",
    "birthDate",
    "topics",
    *NAME_PART_PROPERTY.values(),
    *FTM_PROPERTY.values(),
}
_DERIVED_RELATED = {"Sanction", "CryptoWallet"}


@dataclass(frozen=True)
class EntityRef:
    list_name: str
    entity_id: str
    schema: str
    caption: str


@dataclass(frozen=True)
class FieldChange:
    """One field of one entry: the values that went away and the values that came."""

    field: str
    removed: list[str]
    added: list[str]


@dataclass(frozen=True)
class EntityChange:
    entity: EntityRef
    changes: list[FieldChange]


@dataclass(frozen=True)
class SnapshotDiff:
    old: int
    new: int
    added: list[EntityRef]
    removed: list[EntityRef]
    changed: list[EntityChange]

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _name(item: dict[str, Any]) -> str:
    extra = [item["kind"]] + ([item["lang"]] if item.get("lang") else [])
    return f"{item['value']} ({', '.join(extra)})"


def _identifier(item: dict[str, Any]) -> str:
    text = f"{item['kind']} {item['value']}"
    if item.get("country"):
        text += f" [{item['country']}]"
    if item.get("valid") is False:
        text += " (invalid)"
    return text


def _birth_date(item: dict[str, Any]) -> str:
    text = str(item["start"]) + (f" to {item['end']}" if item.get("end") else "")
    return ("circa " if item.get("circa") else "") + text


def _link(item: dict[str, Any]) -> str:
    return f"{item['relation']}: {item['target']}"


_LIST_FIELDS: dict[str, Callable[[dict[str, Any]], str]] = {
    "names": _name,
    "identifiers": _identifier,
    "birth_dates": _birth_date,
    "links": _link,
}


def _values(record: dict[str, Any]) -> dict[str, set[str]]:
    fields: dict[str, set[str]] = {
        "schema": {record["schema"]},
        "programs": set(record.get("programs", [])),
        "remarks": set(record.get("remarks", [])),
        "listed_on": {record["listed_on"]} if record.get("listed_on") else set(),
    }
    for key, render in _LIST_FIELDS.items():
        fields[key] = {render(item) for item in record.get(key, [])}
    for detail, values in record.get("sanction", {}).items():
        fields[f"sanction.{detail}"] = set(values)
    for prop, values in record.get("properties", {}).items():
        if prop not in _MIRRORED:
            fields[f"properties.{prop}"] = set(values)
    for rel in record.get("related", []):
        if rel["schema"] in _DERIVED_RELATED:
            continue
        key = f"related.{rel['schema']}"
        fields.setdefault(key, set()).update(
            f"{p}={v}" for p, vs in rel["properties"].items() for v in vs
        )
    return fields


def diff_records(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """Field-level changes between two stored records of the same entry."""
    before, after = _values(old), _values(new)
    changes = []
    for field in sorted(set(before) | set(after)):
        removed = sorted(before.get(field, set()) - after.get(field, set()))
        added = sorted(after.get(field, set()) - before.get(field, set()))
        if removed or added:
            changes.append(FieldChange(field, removed, added))
    return changes


def _ref(item: StoredEntity) -> EntityRef:
    return EntityRef(item.list_name, item.entity_id, item.schema, item.caption)


def _refs(store: Store, snap_id: int, keys: Iterable[tuple[str, str]]) -> list[EntityRef]:
    found = store.records(snap_id, list(keys))
    return [_ref(found[k]) for k in sorted(found)]


def diff_snapshots(store: Store, old: int, new: int) -> SnapshotDiff:
    """Compare two snapshots of the store."""
    before = store.entity_hashes(old)
    after = store.entity_hashes(new)
    added_keys = sorted(set(after) - set(before))
    removed_keys = sorted(set(before) - set(after))
    changed_keys = sorted(k for k in set(before) & set(after) if before[k] != after[k])
    old_records = store.records(old, changed_keys)
    new_records = store.records(new, changed_keys)
    changed = []
    for key in changed_keys:
        fields = diff_records(old_records[key].record, new_records[key].record)
        if fields:
            changed.append(EntityChange(_ref(new_records[key]), fields))
    return SnapshotDiff(
        old=old,
        new=new,
        added=_refs(store, new, added_keys),
        removed=_refs(store, old, removed_keys),
        changed=changed,
    )
