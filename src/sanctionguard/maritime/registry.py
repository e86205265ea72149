"""Listed vessels of a snapshot indexed by IMO, MMSI, call sign and (former) name, with owners.

Built from stored entries (``Store.entities``): every Vessel entry of every list, plus a small
note of every other entry so a vessel's ``links`` (OFAC "Linked To", CSL "Vessel Owner") can be
resolved to the listed owner, and an owner to the vessels the lists tie to it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sanctionguard.maritime.identity import (
    check_imo,
    normalise_call_sign,
    normalise_flag,
    normalise_mmsi,
    normalise_vessel_name,
)
from sanctionguard.store.snapshots import StoredEntity

_DIGITS = re.compile(r"\D")


@dataclass(frozen=True)
class ListedParty:
    """A listed non-vessel entry, as far as vessel screening needs it."""

    entity_id: str
    list_name: str
    caption: str
    schema: str
    listed_on: str | None


@dataclass(frozen=True)
class OwnerLink:
    relation: str
    name: str
    entity_id: str | None


@dataclass(frozen=True)
class ListedVessel:
    """One list's entry for a vessel."""

    entity_id: str
    list_name: str
    source_id: str
    caption: str
    names: tuple[str, ...]
    former_names: tuple[str, ...]
    imos: tuple[str, ...]
    mmsis: tuple[str, ...]
    call_signs: tuple[str, ...]
    flags: tuple[str, ...]
    past_flags: tuple[str, ...]
    build_year: int | None
    vessel_type: str | None
    listed_on: str | None
    programs: tuple[str, ...]
    owners: tuple[OwnerLink, ...]
    record: Mapping[str, Any] = field(compare=False, repr=False, default_factory=dict)

    @property
    def annex_xlii(self) -> bool:
        """Listed on EU Reg. 833/2014 Annex XLII (port and services ban)."""
        return any("XLII" in p for p in self.programs)


def _values(record: Mapping[str, Any], prop: str) -> list[str]:
    props = record.get("properties") or {}
    return [str(v) for v in props.get(prop, [])]


def _identifiers(record: Mapping[str, Any], kind: str) -> list[str]:
    return [str(i["value"]) for i in record.get("identifiers", []) if i.get("kind") == kind]


def _imos(record: Mapping[str, Any]) -> tuple[str, ...]:
    found = {_DIGITS.sub("", v) for v in _values(record, "imoNumber") + _identifiers(record, "imo")}
    return tuple(sorted(v for v in found if len(v) == 7))


def _mmsis(record: Mapping[str, Any]) -> tuple[str, ...]:
    found = {normalise_mmsi(v) for v in _values(record, "mmsi") + _identifiers(record, "mmsi")}
    return tuple(sorted(v for v in found if v))


def _flags(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({f for v in values if (f := normalise_flag(v))}))


def _build_year(record: Mapping[str, Any]) -> int | None:
    for value in _values(record, "buildDate"):
        match = re.match(r"(\d{4})", value)
        if match:
            return int(match.group(1))
    return None


def vessel_from_entity(item: StoredEntity) -> ListedVessel:
    record = item.record
    names = [n["value"] for n in record.get("names", []) if n.get("kind") != "former"]
    former = [n["value"] for n in record.get("names", []) if n.get("kind") == "former"]
    owners = tuple(
        OwnerLink(str(x.get("relation") or ""), str(x.get("target") or ""), x.get("target_id"))
        for x in record.get("links", [])
    )
    types = _values(record, "type")
    return ListedVessel(
        entity_id=item.entity_id,
        list_name=item.list_name,
        source_id=item.source_id,
        caption=item.caption,
        names=tuple(names) or (item.caption,),
        former_names=tuple(former),
        imos=_imos(record),
        mmsis=_mmsis(record),
        call_signs=tuple(
            sorted(
                {
                    normalise_call_sign(v)
                    for v in _values(record, "callSign") + _identifiers(record, "call_sign")
                }
            )
        ),
        flags=_flags(_values(record, "flag")),
        past_flags=_flags(_values(record, "pastFlags")),
        build_year=_build_year(record),
        vessel_type=types[0] if types else None,
        listed_on=record.get("listed_on"),
        programs=tuple(record.get("programs", [])),
        owners=owners,
        record=record,
    )


@dataclass(frozen=True)
class VesselHit:
    """A listed vessel found for a query, and on what it was found."""

    vessel: ListedVessel
    matched_on: tuple[str, ...]  # imo, mmsi, call_sign, name, former_name

    @property
    def strong(self) -> bool:
        """Found by IMO or MMSI, not by name or call sign alone."""
        return "imo" in self.matched_on or "mmsi" in self.matched_on


class VesselRegistry:
    """Index of listed vessels and the listed parties linked to them."""

    def __init__(self, vessels: list[ListedVessel], parties: dict[str, ListedParty]) -> None:
        self.vessels = vessels
        self.parties = parties
        self._by: dict[str, dict[str, list[int]]] = {
            k: defaultdict(list) for k in ("imo", "mmsi", "call_sign", "name", "former_name")
        }
        self._by_owner: dict[str, list[int]] = defaultdict(list)
        for index, vessel in enumerate(vessels):
            self._index(index, vessel)

    def _index(self, index: int, vessel: ListedVessel) -> None:
        for imo in vessel.imos:
            self._by["imo"][imo].append(index)
        for mmsi in vessel.mmsis:
            self._by["mmsi"][mmsi].append(index)
        for sign in vessel.call_signs:
            if sign:
                self._by["call_sign"][sign].append(index)
        for name in vessel.names:
            self._by["name"][normalise_vessel_name(name)].append(index)
        for name in vessel.former_names:
            self._by["former_name"][normalise_vessel_name(name)].append(index)
        for owner in vessel.owners:
            if owner.entity_id:
                self._by_owner[owner.entity_id].append(index)

    @classmethod
    def build(cls, entities: Iterable[StoredEntity]) -> VesselRegistry:
        vessels: list[ListedVessel] = []
        parties: dict[str, ListedParty] = {}
        for item in entities:
            if item.schema == "Vessel":
                vessels.append(vessel_from_entity(item))
            else:
                parties[item.entity_id] = ListedParty(
                    item.entity_id,
                    item.list_name,
                    item.caption,
                    item.schema,
                    item.record.get("listed_on"),
                )
        return cls(vessels, parties)

    def __len__(self) -> int:
        return len(self.vessels)

    def lookup(self, key: str, value: str) -> list[ListedVessel]:
        """Listed vessels whose ``key`` (imo, mmsi, call_sign, name, former_name) is ``value``."""
        normal = {
            "imo": lambda v: check_imo(v).digits,
            "mmsi": lambda v: normalise_mmsi(v) or "",
            "call_sign": normalise_call_sign,
            "name": normalise_vessel_name,
            "former_name": normalise_vessel_name,
        }[key](value)
        return [self.vessels[i] for i in self._by[key].get(normal, [])]

    def vessels_of_owner(self, entity_id: str) -> list[ListedVessel]:
        """Listed vessels the lists link to the listed party ``entity_id``."""
        return [self.vessels[i] for i in self._by_owner.get(entity_id, [])]

    def listed_owners(self, vessel: ListedVessel) -> list[tuple[OwnerLink, ListedParty | None]]:
        """The vessel's owner links with the listed party each resolves to (if any)."""
        return [(o, self.parties.get(o.entity_id or "")) for o in vessel.owners]

    def same_hull(self, vessel: ListedVessel) -> list[ListedVessel]:
        """Every list's entry for the same IMO (the vessel itself included)."""
        found = {v.entity_id: v for imo in vessel.imos for v in self.lookup("imo", imo)}
        found.setdefault(vessel.entity_id, vessel)
        return list(found.values())
