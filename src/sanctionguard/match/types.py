"""Queries and match results: the contract between the matcher and its users.

A ``MatchResult`` carries everything a compliance analyst and a regulator need to see why a
record alerted: the listed entity and the authority's own reference, the calibrated score,
the aligned names token by token, and every feature with its value, weight and reason.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

from sanctionguard.compiled import by_fields
from sanctionguard.model.identifiers import Identifier

DEFAULT_THRESHOLD: Final = 0.70
# (A tuple of any length: mypyc's static for a fixed-length tuple of floats was never set.)
_SCALES: Final[tuple[float, ...]] = (1.0, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0)
# Below this a scaled value's rounding error (2^-53 of it) is far from the margin around a half.
_SCALED_MAX: Final = 1e9
_HALF_MARGIN: Final = 1e-6


def rounded(value: float, digits: int) -> float:
    """``round(value, digits)`` for ``digits`` 0-6, the same float, without its cost where the
    scaled value lies clearly off a half: ``round`` writes the value as a decimal string and
    reads it back (about 2,000 instructions a call, 32 calls a query's results take). The
    nearest integer to the exact scaled value is then plain, and dividing it by the exact power
    of ten gives the float nearest to the decimal, as reading the string back does."""
    scale = _SCALES[digits]
    scaled = value * scale
    if -_SCALED_MAX < scaled < _SCALED_MAX:
        whole = math.floor(scaled)
        rest = scaled - whole
        # (``copysign``: a negative value rounded to zero is -0.0, as ``round`` gives it)
        if rest < 0.5 - _HALF_MARGIN:
            return math.copysign(whole / scale, value)
        if rest > 0.5 + _HALF_MARGIN:
            return math.copysign((whole + 1) / scale, value)
    return round(value, digits)


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

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return by_fields(self)  # (a compiled frozen class pickles by its constructor)


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

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return by_fields(self)  # (a compiled frozen class pickles by its constructor)


@dataclass(frozen=True, init=False)
class TokenAlignment:
    """One query token aligned with one listed token (or with nothing)."""

    query: str | None
    listed: str | None
    similarity: float  # 0..1
    weight: float  # rarity weight of the token in the index (rare tokens count more)

    def __init__(
        self, query: str | None, listed: str | None, similarity: float, weight: float
    ) -> None:
        # (Written out, here and below: the constructor dataclass writes runs interpreted,
        # ~15x slower than this one compiled; see match/DESIGN.md, "Where the time goes".)
        object.__setattr__(self, "query", query)
        object.__setattr__(self, "listed", listed)
        object.__setattr__(self, "similarity", similarity)
        object.__setattr__(self, "weight", weight)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return by_fields(self)  # (a compiled frozen class pickles by its constructor)


@dataclass(frozen=True, init=False)
class NameExplanation:
    """Which query name met which listed name, and how, token by token."""

    query_name: str
    listed_name: str
    listed_kind: str  # primary / strong_alias / weak_alias / former
    similarity: float  # 0..1 before other features
    tokens: tuple[TokenAlignment, ...]

    def __init__(
        self,
        query_name: str,
        listed_name: str,
        listed_kind: str,
        similarity: float,
        tokens: tuple[TokenAlignment, ...],
    ) -> None:
        object.__setattr__(self, "query_name", query_name)
        object.__setattr__(self, "listed_name", listed_name)
        object.__setattr__(self, "listed_kind", listed_kind)
        object.__setattr__(self, "similarity", similarity)
        object.__setattr__(self, "tokens", tokens)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return by_fields(self)  # (a compiled frozen class pickles by its constructor)


@dataclass(frozen=True, init=False)
class FeatureResult:
    """One named piece of evidence: its value in [-1, 1], its weight and a readable reason."""

    name: str
    value: float
    weight: float
    reason: str

    def __init__(self, name: str, value: float, weight: float, reason: str) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "weight", weight)
        object.__setattr__(self, "reason", reason)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return by_fields(self)  # (a compiled frozen class pickles by its constructor)


@dataclass(frozen=True, init=False)
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
    query_id: str | None
    record: dict[str, Any] = field(compare=False, repr=False)

    def __init__(
        self,
        entity_id: str,
        caption: str,
        schema: str,
        score: float,
        match: bool,
        lists: tuple[str, ...],
        source_ids: tuple[str, ...],
        features: tuple[FeatureResult, ...],
        name: NameExplanation | None,
        query_id: str | None = None,
        record: dict[str, Any] | None = None,
    ) -> None:
        object.__setattr__(self, "entity_id", entity_id)
        object.__setattr__(self, "caption", caption)
        object.__setattr__(self, "schema", schema)
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "match", match)
        object.__setattr__(self, "lists", lists)
        object.__setattr__(self, "source_ids", source_ids)
        object.__setattr__(self, "features", features)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "query_id", query_id)
        object.__setattr__(self, "record", {} if record is None else record)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return by_fields(self)  # (a compiled frozen class pickles by its constructor)

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
