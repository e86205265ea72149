"""Linking ownership parties to listed entries: identifiers first, then names via the matcher.

An identifier (LEI, INN, OGRN, registration, tax number, BIC) found on a listed entry is a
link with confidence 0.99 (0.9 when the listed value fails its checksum). Parties without one
go through ``Screener.match``: a clear best match above ``accept`` is a link; close rivals or a
score between ``review`` and ``accept`` is an *ambiguous* link, reported and counted only on
the "cannot exclude" side of the rules. Every link keeps its evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sanctionguard.match.query import QueryError
from sanctionguard.match.screener import Screener
from sanctionguard.match.types import MatchResult, Query
from sanctionguard.model.identifiers import IdKind, make_identifier
from sanctionguard.ownership.analysis import Designation
from sanctionguard.ownership.bods import UNKNOWN_SCHEMA
from sanctionguard.ownership.model import Party, day_of
from sanctionguard.store.snapshots import Store, StoredEntity

STRONG_KINDS = frozenset({IdKind.LEI, IdKind.INN, IdKind.OGRN, IdKind.BIC})
LINK_KINDS = frozenset(
    {IdKind.LEI, IdKind.INN, IdKind.OGRN, IdKind.REGISTRATION, IdKind.TAX_ID, IdKind.BIC}
)


@dataclass(frozen=True)
class LinkSettings:
    accept: float = 0.85  # a name match at or above this, with a clear margin, is a link
    review: float = 0.75  # between review and accept: ambiguous, reported
    margin: float = 0.05  # a rival this close to the best makes the best ambiguous
    limit: int = 5


@dataclass(frozen=True)
class Link:
    """One party linked to one listed entry, with the method, confidence and evidence."""

    party_id: str
    list_name: str
    entity_id: str
    caption: str
    source_id: str
    method: str  # "identifier:lei", "name"
    confidence: float
    ambiguous: bool
    evidence: str
    listed_on: date | None = None

    def designation(self) -> Designation:
        return Designation(
            party_id=self.party_id,
            list_name=self.list_name,
            entity_id=self.entity_id,
            caption=self.caption,
            source_id=self.source_id,
            listed_on=self.listed_on,
            certain=not self.ambiguous,
            evidence=f"{self.method} ({self.confidence:.2f}): {self.evidence}",
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "party_id": self.party_id,
            "list": self.list_name,
            "entity_id": self.entity_id,
            "caption": self.caption,
            "source_id": self.source_id,
            "method": self.method,
            "confidence": self.confidence,
            "ambiguous": self.ambiguous,
            "evidence": self.evidence,
            "listed_on": self.listed_on.isoformat() if self.listed_on else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Link:
        listed = data.get("listed_on")
        return cls(
            party_id=data["party_id"],
            list_name=data["list"],
            entity_id=data["entity_id"],
            caption=data.get("caption") or "",
            source_id=data.get("source_id") or "",
            method=data["method"],
            confidence=float(data["confidence"]),
            ambiguous=bool(data["ambiguous"]),
            evidence=data.get("evidence") or "",
            listed_on=date.fromisoformat(listed) if listed else None,
        )


def listed_day(record: dict[str, Any]) -> date | None:
    day, _ok = day_of(record.get("listed_on"))
    return day


Hits = dict[tuple[str, str], tuple[str, bool | None]]


def identifier_hits(store: Store, snap_id: int, party: Party) -> Hits:
    """``(list, entity_id) → (evidence, listed value valid?)`` for the party's identifiers."""
    found: Hits = {}
    for kind_text, value in party.identifiers:
        try:
            kind = IdKind(kind_text)
        except ValueError:
            continue
        if kind not in LINK_KINDS:
            continue
        normal = make_identifier(kind, value).value
        for list_name, entity_id, valid in store.find_identifier(kind.value, normal, snap_id):
            found.setdefault((list_name, entity_id), (f"{kind.value} {normal}", valid))
    return found


def _same_party_key(caption: str) -> str:
    return "".join(ch for ch in caption.casefold() if ch.isalnum())


def identifier_links(
    party: Party, hits: Hits, records: dict[tuple[str, str], StoredEntity]
) -> list[Link]:
    """Links from identifier hits.

    A checksummed identifier (LEI, INN, OGRN, BIC) names one legal person: entries of one list
    sharing it are that party listed twice (the EU lists a party once per legal act). A weaker
    one (registration or tax number) shared by differently named entries of one list is
    ambiguous.
    """
    captions: dict[str, set[str]] = {}
    for key in hits:
        item = records.get(key)
        captions.setdefault(key[0], set()).add(_same_party_key(item.caption if item else key[1]))
    links = []
    for (list_name, entity_id), (evidence, valid) in sorted(hits.items()):
        item = records.get((list_name, entity_id))
        kind = IdKind(evidence.split()[0])
        ambiguous = kind not in STRONG_KINDS and len(captions[list_name]) > 1
        links.append(
            Link(
                party_id=party.id,
                list_name=list_name,
                entity_id=entity_id,
                caption=item.caption if item else entity_id,
                source_id=item.source_id if item else "",
                method=f"identifier:{kind.value}",
                confidence=0.9 if valid is False else 0.99,
                ambiguous=ambiguous,
                evidence=f"same {evidence} on the listed entry"
                + ("; differently named entries share it" if ambiguous else ""),
                listed_on=listed_day(item.record) if item else None,
            )
        )
    return links


def link_by_name(screener: Screener, party: Party, settings: LinkSettings) -> list[Link]:
    """Listed entries whose names match the party's, through the matcher.

    Per list: the best entry, and any differently named entry of the same list within
    ``margin`` of it (a rival: both become ambiguous). The same party on several lists is not
    a rival; neither are its duplicate entries on one list.
    """
    if not party.names:
        return []
    schema = party.schema if party.schema in ("Person", "Company", "Organization") else None
    # The party's identifiers go along: a listed entry with another INN or OGRN is another
    # company, however alike the names (the matcher scores the conflict).
    identifiers = tuple(
        make_identifier(IdKind(kind), value)
        for kind, value in party.identifiers
        if kind in IdKind.__members__.values()
    )
    query = Query(
        names=party.names[:8],
        schema=schema,
        countries=(party.country,) if party.country else (),
        identifiers=identifiers,
        id=party.id,
    )
    try:
        results = screener.match(query, threshold=settings.review, limit=settings.limit)
    except QueryError:
        return []
    per_list: dict[str, list[tuple[MatchResult, str]]] = {}
    for result in results:
        for list_name, source_id in zip(result.lists, result.source_ids, strict=False):
            per_list.setdefault(list_name, []).append((result, source_id))
    links = []
    for list_name, found in per_list.items():
        best = max(r.score for r, _ in found)
        close = [(r, sid) for r, sid in found if best - r.score <= settings.margin]
        names = {_same_party_key(r.caption) for r, _ in close}
        for result, source_id in close:
            rivals = len(names) - 1
            ambiguous = result.score < settings.accept or rivals > 0
            listed_name = result.name.listed_name if result.name else result.caption
            links.append(
                Link(
                    party_id=party.id,
                    list_name=list_name,
                    entity_id=result.entity_id,
                    caption=result.caption,
                    source_id=source_id,
                    method="name",
                    confidence=round(result.score, 4),
                    ambiguous=ambiguous,
                    evidence=f"name {listed_name!r} scored {result.score:.2f}"
                    + (f"; {rivals} rival(s) within {settings.margin}" if rivals else ""),
                    listed_on=listed_day(result.record),
                )
            )
    return links


def link_parties(
    parties: Iterable[Party],
    store: Store,
    snap_id: int,
    screener: Screener | None,
    settings: LinkSettings | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Link]:
    """Links for every party: identifier links where any exist, else name links."""
    settings = settings or LinkSettings()
    screenable = [p for p in parties if p.schema != UNKNOWN_SCHEMA]
    report = progress or (lambda _done, _total: None)
    hits = {p.id: identifier_hits(store, snap_id, p) for p in screenable}
    keys = [key for found in hits.values() for key in found]
    records = store.records(snap_id, keys) if keys else {}
    links: list[Link] = []
    for done, party in enumerate(screenable, start=1):
        report(done, len(screenable))
        if hits[party.id]:
            links.extend(identifier_links(party, hits[party.id], records))
        elif screener is not None:
            links.extend(link_by_name(screener, party, settings))
    return links


def designations_from(links: Iterable[Link]) -> dict[str, list[Designation]]:
    """Designations per party id, as the rules consume them."""
    result: dict[str, list[Designation]] = {}
    for link in links:
        result.setdefault(link.party_id, []).append(link.designation())
    return result
