"""Screening that also finds companies blocked by ownership, not only the listed ones.

A company owned 50% or more by designated persons is blocked without being on any list. When
ownership data is loaded (``sanctionguard ownership load``), the ownership engine derives those
companies for each jurisdiction; they are compiled into a small second index and every query
is screened against both, so a customer matching a derived-blocked company alerts with the
rule and the ownership path that blocked it.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from sanctionguard.match.index import MatchIndex, bundled_rarity
from sanctionguard.match.screener import Screener
from sanctionguard.match.types import Algorithm, FeatureResult, MatchResult, Query
from sanctionguard.store.snapshots import Store


class MergedScreener(Screener):
    """A screener over a snapshot plus the entities derived from it by ownership rules."""

    def __init__(self, listed: Screener, derived: Screener) -> None:
        super().__init__(listed.index, listed.settings, listed.scorer)
        self.derived = derived

    def match(
        self,
        query: Query,
        *,
        threshold: float | None = None,
        limit: int | None = None,
        algorithm: Algorithm | str | None = None,
    ) -> list[MatchResult]:
        found = super().match(query, threshold=threshold, limit=limit, algorithm=algorithm)
        derived = self.derived.match(query, threshold=threshold, limit=limit, algorithm=algorithm)
        found += [_with_rule(result) for result in derived]
        found.sort(key=lambda r: (-r.score, r.entity_id))
        top = self.settings.limit if limit is None else limit
        return found[: max(0, top)]


def _with_rule(result: MatchResult) -> MatchResult:
    """The result with the ownership rule that blocked the entity as its first reason."""
    rules = [str(p) for p in result.record.get("programs", [])]
    if not rules:
        return result
    feature = FeatureResult("blocked_by_ownership", 1.0, 1.0, "; ".join(rules))
    return dataclasses.replace(result, features=(feature, *result.features))


def has_ownership_data(store: Store) -> bool:
    from sanctionguard.ownership import storage

    return bool(storage.versions(store.engine))


def with_ownership(
    store: Store,
    listed: Screener,
    snapshot: str | int = "current",
    as_of: date | None = None,
    cache_dir: Path | None = None,
) -> tuple[Screener, int]:
    """``listed`` extended with the companies the latest ownership data derives as blocked or
    undetermined under the OFAC, EU and UK rules; returns it and how many were derived."""
    from sanctionguard.ownership.pipeline import analyse_stored
    from sanctionguard.ownership.rules import RULE_SETS
    from sanctionguard.ownership.screening import derived_entities

    result = analyse_stored(
        store,
        list(RULE_SETS.values()),
        as_of or date.today(),
        snapshot=snapshot,
        cache_dir=cache_dir,
    )
    derived = derived_entities(result.analysis)
    if not derived:
        return listed, 0
    index = MatchIndex.build(derived, rarity=bundled_rarity(), workers=1)
    return MergedScreener(listed, Screener(index, listed.settings, listed.scorer)), len(derived)
