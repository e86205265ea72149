"""Fixtures for matcher tests: hand-made list entries and a screener over OFAC's real SDN list.

Hand-made screeners weigh tokens with the rarity table shipped with the package (counted over
the official lists), so "George" and "Mohammed" weigh as little here as in production.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sanctionguard.match.index import MatchIndex, bundled_rarity
from sanctionguard.match.screener import Screener
from sanctionguard.match.types import Query
from sanctionguard.model.entry import EntryBuilder, NameKind
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources.loader import parse_paths
from sanctionguard.store.snapshots import StoredEntity


@dataclass
class Listed:
    """One hand-made list entry."""

    source_id: str
    name: str
    schema: str = "Person"
    aliases: list[str] = field(default_factory=list)
    weak: list[str] = field(default_factory=list)
    former: list[str] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    nationality: str | None = None
    gender: str | None = None
    ids: list[tuple[IdKind, str, str | None]] = field(default_factory=list)
    list_name: str = "test_list"
    parts: dict[str, str] | None = None  # the primary name's published parts


def stored(item: Listed) -> StoredEntity:
    """The entry as the store keeps it (built by the same ``EntryBuilder`` parsers use)."""
    b = EntryBuilder(item.list_name, item.source_id, item.schema, f"test:{item.source_id}")
    b.add_name(item.name, parts=item.parts)
    for kind, names in (
        (NameKind.STRONG_ALIAS, item.aliases),
        (NameKind.WEAK_ALIAS, item.weak),
        (NameKind.FORMER, item.former),
    ):
        for name in names:
            b.add_name(name, kind)
    for date in item.birth_dates:
        b.add_birth_date(date)
    if item.nationality:
        b.add_country(item.nationality, "nationality")
    if item.gender:
        b.add("gender", item.gender)
    for kind, value, country in item.ids:
        b.add_identifier(kind, value, country)
    entry = b.build()
    record = entry.to_record()
    return StoredEntity(
        entry.id, item.list_name, entry.schema, entry.caption, entry.source_id, "", record
    )


def screener_of(items: Iterable[Listed]) -> Screener:
    return Screener(MatchIndex.build([stored(i) for i in items], rarity=bundled_rarity()))


def captions(screener: Screener, name: str) -> set[str]:
    """The captions of the entries a person's name alerts on at the default threshold."""
    return {r.caption for r in screener.match(Query(names=(name,), schema="Person"))}


PEOPLE = [
    Listed("1", "HABBASH, George", birth_dates=["1926-08-02"], nationality="Jordan"),
    Listed(
        "2",
        "SHUGAYEV, Dmitry",
        aliases=["SHUGAEV, Dmitry Evgenyevich"],
        birth_dates=["1965-08-11"],
        nationality="Russia",
        gender="male",
    ),
    Listed(
        "3",
        "ALI, Mohammed",
        birth_dates=["1970-01-01"],
        nationality="Iraq",
        ids=[(IdKind.PASSPORT, "A1234567", "Iraq")],
    ),
    Listed("4", "KIM, Jong Un", aliases=["김정은"], birth_dates=["1984-01-08"]),
    Listed("5", "Hassan ALI", weak=["Abu Ali"]),
    Listed(
        "10",
        "OCEAN GLORY",
        schema="Vessel",
        former=["SEA PEARL"],
        ids=[(IdKind.IMO, "9187629", None)],
    ),
    Listed("11", "JSC ARGUMENT", schema="Organization", ids=[(IdKind.INN, "7707083893", "Russia")]),
    Listed("12", "11420 CORP", schema="Organization"),
    Listed(
        "13",
        "Mohammed Ali Trading LLC",
        schema="Organization",
        ids=[(IdKind.LEI, "529900T8BM49AURSDO55", None)],
    ),
    Listed("14", "Dmitry Shugaev Vessel", schema="Vessel", ids=[(IdKind.IMO, "9305609", None)]),
    Listed("15", "VTB BANK PJSC", schema="Organization", ids=[(IdKind.BIC, "VTBRRUMM", "Russia")]),
]


@pytest.fixture(scope="module")
def screener() -> Screener:
    """A screener over a dozen hand-made entries."""
    return screener_of(PEOPLE)


@pytest.fixture(scope="session")
def ofac(shared_data: Path) -> Screener:
    """A screener over OFAC's real SDN list (legacy CSV files)."""
    folder = shared_data / "ofac"
    files = [folder / n for n in ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv")]
    entities = [
        StoredEntity(e.id, s.info.name, e.schema, e.caption, e.source_id, "", e.to_record())
        for s in parse_paths(files)
        for e in s.entries
    ]
    return Screener.from_entities(entities)
