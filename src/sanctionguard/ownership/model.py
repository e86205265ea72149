"""The ownership data model: parties, edges with share ranges and dates, and data issues.

Every reader produces an ``OwnershipData``: the parties it saw, the edges between them (an
owner holding a share of an owned entity, a controller, a director, a relative), and the
problems it met, each located by file and line or record so an analyst can fix the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sanctionguard.model.dates import parse_date

# Exclusive bounds ("more than 25%") are moved inwards by this much, so one comparison
# with a threshold handles both "≥ 50%" and "> 50%" rules correctly.
EXCLUSIVE_EPS = 1e-6


class EdgeKind(StrEnum):
    """What an edge says about the relation between its two parties."""

    OWNERSHIP = "ownership"  # shares or equity, with a share (maybe a range, maybe unknown)
    CONTROL = "control"  # control without a known share: board appointment, consolidation
    DIRECTORSHIP = "directorship"  # director, officer, signatory, authorised representative
    FAMILY = "family"
    ASSOCIATE = "associate"


class Severity(StrEnum):
    ERROR = "error"  # the value was not used as given (it was widened to "unknown")
    WARNING = "warning"  # used as given, but worth checking


@dataclass(frozen=True)
class DataIssue:
    """A problem in the input, located so an analyst can find and fix it."""

    severity: Severity
    location: str  # "file.csv:12", "bods.json statement ab12", "edge X→Y"
    message: str

    def describe(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message}"

    def to_dict(self) -> dict[str, str]:
        return {"severity": self.severity.value, "location": self.location, "message": self.message}


@dataclass(frozen=True)
class ShareRange:
    """A holding in percent, known exactly or only within bounds (BODS exact/min/max).

    ``low`` and ``high`` are inclusive after exclusive bounds were moved inwards by
    ``EXCLUSIVE_EPS``; an unknown share is ``ShareRange(0, 100, known=False)``.
    """

    low: float
    high: float
    known: bool = True

    @classmethod
    def exact(cls, value: float) -> ShareRange:
        return cls(value, value)

    @classmethod
    def unknown(cls) -> ShareRange:
        return cls(0.0, 100.0, known=False)

    @property
    def is_exact(self) -> bool:
        return self.known and abs(self.high - self.low) < EXCLUSIVE_EPS

    def describe(self) -> str:
        if not self.known:
            return "unknown share"
        if self.is_exact:
            return f"{_pct(self.low)}%"
        return f"{_pct(self.low)}–{_pct(self.high)}%"

    def to_dict(self) -> dict[str, Any]:
        return {"low": self.low, "high": self.high, "known": self.known}


def _pct(value: float) -> str:
    return f"{round(value, 4):g}"


@dataclass(frozen=True)
class Party:
    """A person or organisation named in ownership data, with what identifies it."""

    id: str
    names: tuple[str, ...] = ()
    schema: str = "LegalEntity"  # FtM schema: Person, Company, Organization, LegalEntity
    country: str | None = None
    identifiers: tuple[tuple[str, str], ...] = ()  # (IdKind value, normalised value)
    source: str = ""

    @property
    def caption(self) -> str:
        return self.names[0] if self.names else self.id

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "names": list(self.names),
            "schema": self.schema,
            "country": self.country,
            "identifiers": [list(i) for i in self.identifiers],
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Party:
        return cls(
            id=data["id"],
            names=tuple(data.get("names") or ()),
            schema=data.get("schema") or "LegalEntity",
            country=data.get("country"),
            identifiers=tuple((str(k), str(v)) for k, v in data.get("identifiers") or ()),
            source=data.get("source") or "",
        )


@dataclass(frozen=True)
class OwnershipEdge:
    """One relation: ``owner`` holds ``share`` of (or controls, directs...) ``owned``.

    ``start``/``end`` are inclusive; ``None`` means open. ``dates_known`` is False when the
    source's dates were unusable (e.g. ending before they start): such an edge may or may not
    be in force, so it can only make a finding "undetermined", never "not blocked".
    """

    id: str
    owner: str
    owned: str
    kind: EdgeKind
    share: ShareRange = field(default_factory=ShareRange.unknown)
    role: str = ""
    start: date | None = None
    end: date | None = None
    dates_known: bool = True
    source: str = ""
    location: str = ""

    def active_on(self, day: date) -> bool:
        """In force on ``day`` (inclusive at both ends)."""
        if self.start is not None and day < self.start:
            return False
        return self.end is None or day <= self.end

    def describe_dates(self) -> str:
        if not self.dates_known:
            return "dates unusable"
        start = self.start.isoformat() if self.start else "…"
        end = self.end.isoformat() if self.end else "…"
        return f"{start} to {end}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "owner": self.owner,
            "owned": self.owned,
            "kind": self.kind.value,
            "share": self.share.to_dict(),
            "role": self.role,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "dates_known": self.dates_known,
            "source": self.source,
            "location": self.location,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OwnershipEdge:
        share = data.get("share") or {}
        return cls(
            id=data["id"],
            owner=data["owner"],
            owned=data["owned"],
            kind=EdgeKind(data["kind"]),
            share=ShareRange(
                float(share.get("low", 0.0)),
                float(share.get("high", 100.0)),
                bool(share.get("known", False)),
            ),
            role=data.get("role") or "",
            start=date.fromisoformat(data["start"]) if data.get("start") else None,
            end=date.fromisoformat(data["end"]) if data.get("end") else None,
            dates_known=bool(data.get("dates_known", True)),
            source=data.get("source") or "",
            location=data.get("location") or "",
        )


@dataclass
class OwnershipData:
    """Parties, edges and input problems from one or more files."""

    parties: dict[str, Party] = field(default_factory=dict)
    edges: list[OwnershipEdge] = field(default_factory=list)
    issues: list[DataIssue] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def add_party(self, party: Party) -> None:
        """Add a party, merging names and identifiers with an earlier record of the same id."""
        old = self.parties.get(party.id)
        if old is None:
            self.parties[party.id] = party
            return
        self.parties[party.id] = Party(
            id=party.id,
            names=tuple(dict.fromkeys(old.names + party.names)),
            schema=old.schema if old.schema != "LegalEntity" else party.schema,
            country=old.country or party.country,
            identifiers=tuple(dict.fromkeys(old.identifiers + party.identifiers)),
            source=old.source or party.source,
        )

    def extend(self, other: OwnershipData) -> None:
        for party in other.parties.values():
            self.add_party(party)
        self.edges.extend(other.edges)
        self.issues.extend(other.issues)
        self.files.extend(other.files)

    def error(self, location: str, message: str) -> None:
        self.issues.append(DataIssue(Severity.ERROR, location, message))

    def warn(self, location: str, message: str) -> None:
        self.issues.append(DataIssue(Severity.WARNING, location, message))


def day_of(text: str | None, *, last: bool = False) -> tuple[date | None, bool]:
    """A date from a source's text (ISO, day-first, partial); ``(None, False)`` if unreadable.

    A partial date ("2015-06") is taken as its first day, or its last with ``last=True`` (for
    end dates): either way the edge stays in force for as long as it may have been.
    """
    if text is None or not text.strip():
        return (None, True)
    iso = parse_date(text.strip())
    if iso is None:
        return (None, False)
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return (date(parts[0], parts[1], parts[2]), True)
    if not last:
        return (date(parts[0], parts[1] if len(parts) > 1 else 1, 1), True)
    if len(parts) == 1:
        return (date(parts[0], 12, 31), True)
    month_end = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1) - timedelta(days=1)
    return (month_end, True)
