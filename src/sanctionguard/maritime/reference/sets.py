"""Typed views of each reference set: CHPL tiers, country sets, P&I clubs, IACS, MIDs, places.

``Reference.load(as_of)`` gathers the versions in force on a date; rules take a ``Reference``
so tests and users can pin the data they ran against (each finding names the version).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sanctionguard.maritime.problems import InputError
from sanctionguard.maritime.reference import ReferenceMeta, ReferenceTable, load_table

# CHPL tiers, most severe first.
TIER_ORDER = ("1", "2", "3.A", "3.B", "4.A", "4.B")


def fold(text: str) -> str:
    """Lower-case ASCII words only: the comparison form of club, society and party names."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.findall(r"[a-z0-9]+", plain.lower().replace("&", " and ")))


@dataclass(frozen=True)
class ChplItem:
    hs6: str
    tier: str
    description: str


@dataclass(frozen=True)
class Chpl:
    """Common High Priority List: HS-6 code → item with tier."""

    meta: ReferenceMeta
    items: dict[str, ChplItem]

    def lookup(self, hs_code: str) -> ChplItem | None:
        """The CHPL item for an HS code of 6 or more digits (national suffixes ignored)."""
        return self.items.get(hs_code[:6])


@dataclass(frozen=True)
class CountrySet:
    """A set of ISO 3166 alpha-2 codes (upper case) with their names."""

    meta: ReferenceMeta
    names: dict[str, str]

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code.upper() in self.names


@dataclass(frozen=True)
class NamedBody:
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class BodyList:
    """Named bodies (P&I clubs, classification societies) recognised by name or alias."""

    meta: ReferenceMeta
    bodies: tuple[NamedBody, ...]

    def find(self, text: str) -> NamedBody | None:
        """The body whose name or an alias appears as whole words in ``text``."""
        folded = f" {fold(text)} "
        for body in self.bodies:
            for form in (body.name, *body.aliases):
                key = fold(form)
                if key and (f" {key} " in folded or folded.strip() == key):
                    return body
        return None


@dataclass(frozen=True)
class MidTable:
    """Maritime Identification Digits → flag country."""

    meta: ReferenceMeta
    flags: dict[str, str]

    def flag(self, mmsi: str) -> str | None:
        """The flag a 9-digit ship MMSI's MID gives, or None when the MID is unknown."""
        return self.flags.get(mmsi[:3]) if len(mmsi) == 9 else None


@dataclass(frozen=True)
class Place:
    """A point with a zone radius: a port (with anchorage) or a terminal."""

    code: str
    name: str
    kind: str
    country: str
    lat: float
    lon: float
    radius_km: float


@dataclass(frozen=True)
class PlaceTable:
    meta: ReferenceMeta
    places: tuple[Place, ...]

    def by_code(self) -> dict[str, Place]:
        return {p.code: p for p in self.places}


def _num(table: ReferenceTable, row: Mapping[str, str], key: str) -> float:
    try:
        return float(row[key])
    except (KeyError, ValueError) as exc:
        raise InputError(table.meta.file, f"{key} is not a number in row {dict(row)}") from exc


def read_chpl(as_of: date | None = None) -> Chpl:
    table = load_table("chpl", as_of)
    items = {}
    for row in table.rows:
        hs6, tier = row["hs6"].strip(), row["tier"].strip()
        if not re.fullmatch(r"\d{6}", hs6) or tier not in TIER_ORDER:
            raise InputError(table.meta.file, f"bad CHPL row {dict(row)}", field="hs6/tier")
        items[hs6] = ChplItem(hs6, tier, row.get("description", ""))
    return Chpl(table.meta, items)


def read_countries(name: str, as_of: date | None = None) -> CountrySet:
    table = load_table(name, as_of)
    return CountrySet(table.meta, {r["country"].upper(): r.get("name", "") for r in table.rows})


def read_bodies(name: str, as_of: date | None = None) -> BodyList:
    table = load_table(name, as_of)
    key = "club" if name == "pandi_clubs" else "society"
    bodies = tuple(
        NamedBody(r[key], tuple(a for a in r.get("aliases", "").split("|") if a))
        for r in table.rows
    )
    return BodyList(table.meta, bodies)


def read_mid(as_of: date | None = None) -> MidTable:
    table = load_table("mid", as_of)
    return MidTable(table.meta, {r["mid"]: r["country"].upper() for r in table.rows})


def read_places(name: str, as_of: date | None = None) -> PlaceTable:
    table = load_table(name, as_of)
    places = []
    for row in table.rows:
        code = row.get("locode") or row.get("terminal") or row["hub"]
        places.append(
            Place(
                code=code,
                name=row.get("name") or code,
                kind=row.get("kind") or {"ports": "port", "sts_hubs": "sts_hub"}.get(name, name),
                country=row["country"].upper(),
                lat=_num(table, row, "lat"),
                lon=_num(table, row, "lon"),
                radius_km=_num(table, row, "radius_km"),
            )
        )
    return PlaceTable(table.meta, tuple(places))


@dataclass(frozen=True)
class Reference:
    """Every reference set in force on one date."""

    chpl: Chpl
    hubs: CountrySet
    partners: CountrySet
    eu: CountrySet
    pandi: BodyList
    iacs: BodyList
    mid: MidTable
    terminals: PlaceTable
    ports: PlaceTable
    sts_hubs: PlaceTable

    @classmethod
    def load(cls, as_of: date | None = None) -> Reference:
        return cls(
            chpl=read_chpl(as_of),
            hubs=read_countries("hub_countries", as_of),
            partners=read_countries("partner_countries", as_of),
            eu=read_countries("eu_members", as_of),
            pandi=read_bodies("pandi_clubs", as_of),
            iacs=read_bodies("iacs_members", as_of),
            mid=read_mid(as_of),
            terminals=read_places("terminals", as_of),
            ports=read_places("ports", as_of),
            sts_hubs=read_places("sts_hubs", as_of),
        )

    def versions(self) -> dict[str, str]:
        """Set name → version, for reports."""
        return {
            m.set: m.version
            for m in (
                self.chpl.meta,
                self.hubs.meta,
                self.partners.meta,
                self.eu.meta,
                self.pandi.meta,
                self.iacs.meta,
                self.mid.meta,
                self.terminals.meta,
                self.ports.meta,
                self.sts_hubs.meta,
            )
        }
