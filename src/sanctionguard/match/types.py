"""Queries and match results: the contract between the matcher and its users.

A ``MatchResult`` carries everything a compliance analyst and a regulator need to see why a
record alerted: the listed entity and the authority's own reference, the calibrated score,
the aligned names token by token, and every feature with its value, weight and reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sanctionguard.model.identifiers import Identifier

DEFAULT_THRESHOLD = 0.70


class Algorithm(StrEnum):
    BEST = "sanctionguard-v1"  # all features, calibrated
    OFAC_NAME = "ofac-name"  # name-only similarity, OFAC Sanctions List Search style


@dataclass(frozen=True)
class MatchSettings:
    """How the screener scores and how much it returns."""

    threshold: float = DEFAULT_THRESHOLD
    limit: int = 10
    algorithm: Algorithm = Algorithm.BEST
    candidates: int = 200  # how many retrieved candidates are fully scored


@dataclass(frozen=True)
class Query:
    """A record to screen: at least one name or identifier."""

    names: tuple[str, ...]
    schema: str | None = None  # FtM schema: Person, Organization, Company, Vessel, Airplane...
    birth_dates: tuple[str, ...] = ()  # ISO prefixes: "1970", "1970-05", "1970-05-02"
    countries: tuple[
        str, ...
    ] = ()  # FtM country codes (nationality, citizenship, jurisdiction, flag)
    gender: str | None = None  # "male" / "female"
    identifiers: tuple[Identifier, ...] = ()
    id: str | None = None  # the caller's reference, echoed back


@dataclass(frozen=True)
class TokenAlignment:
    """One query token aligned with one listed token (or with nothing)."""

    query: str | None
    listed: str | None
    similarity: float  # 0..1
    weight: float  # rarity weight of the token in the index (rare tokens count more)


@dataclass(frozen=True)
class NameExplanation:
    """Which query name met which listed name, and how, token by token."""

    query_name: str
    listed_name: str
    listed_kind: str  # primary / strong_alias / weak_alias / former
    similarity: float  # 0..1 before other features
    tokens: tuple[TokenAlignment, ...]


@dataclass(frozen=True)
class FeatureResult:
    """One named piece of evidence: its value in [-1, 1], its weight and a readable reason."""

    name: str
    value: float
    weight: float
    reason: str


@dataclass(frozen=True)
class MatchResult:
    """One listed entity matched to a query."""

    entity_id: str
    caption: str
    schema: str
    score: float  # calibrated, in [0, 1]
    match: bool  # score >= threshold
    lists: tuple[str, ...]  # list names, e.g. ("us_ofac_sdn",)
    source_ids: tuple[str, ...]  # the authority's own references, same order as ``lists``
    features: tuple[FeatureResult, ...]
    name: NameExplanation | None
    query_id: str | None = None
    record: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def explanation(self) -> dict[str, Any]:
        """The JSON-able explanation of the score."""
        return {
            "features": [
                {"name": f.name, "value": f.value, "weight": f.weight, "reason": f.reason}
                for f in self.features
            ],
            "name": None
            if self.name is None
            else {
                "query": self.name.query_name,
                "listed": self.name.listed_name,
                "kind": self.name.listed_kind,
                "similarity": self.name.similarity,
                "tokens": [
                    {
                        "query": t.query,
                        "listed": t.listed,
                        "similarity": t.similarity,
                        "weight": t.weight,
                    }
                    for t in self.name.tokens
                ],
            },
        }
