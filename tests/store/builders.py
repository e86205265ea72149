"""Hand-made parsed sources for store tests (no parser involved)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sanctionguard.model.entry import EntryBuilder, ListEntry, NameKind
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources.base import ListInfo, ParseReport
from sanctionguard.sources.loader import FileDigest, ParsedSource


@dataclass
class Party:
    source_id: str
    name: str
    schema: str = "Person"
    aliases: list[str] = field(default_factory=list)
    birth_date: str | None = None
    imo: str | None = None
    inn: str | None = None
    programs: list[str] = field(default_factory=lambda: ["RUSSIA-EO14024"])


def entry(list_name: str, party: Party) -> ListEntry:
    b = EntryBuilder(list_name, party.source_id, party.schema, f"test.csv:{party.source_id}")
    b.add_name(party.name)
    for alias in party.aliases:
        b.add_name(alias, NameKind.STRONG_ALIAS)
    b.add_birth_date(party.birth_date)
    if party.imo:
        b.add_identifier(IdKind.IMO, party.imo)
    if party.inn:
        b.add_identifier(IdKind.INN, party.inn, "ru")
    for program in party.programs:
        b.add_program(program)
    return b.build()


def source(list_name: str, parties: Iterable[Party], published: str = "2026-01-01") -> ParsedSource:
    entries = [entry(list_name, p) for p in parties]
    return ParsedSource(
        info=ListInfo(list_name, f"Test list {list_name}", "Test authority"),
        format="test",
        files=[FileDigest(f"{list_name}.csv", 100, "0" * 64)],
        entries=entries,
        report=ParseReport(published=published, records_read=len(entries)),
    )


def many(n: int, prefix: str = "P") -> list[Party]:
    return [Party(f"{prefix}{i}", f"PERSON NUMBER {i}", birth_date="1970") for i in range(n)]
