"""First-generation screener: identifier hits first, then transliterated fuzzy names.

Names are transliterated to ASCII (ICU), lower-cased and tokenised; candidates share a token
that is not too common; the score is a token-order-insensitive similarity, discounted for weak
aliases and conflicting birth years, and raised to certainty by a valid identifier match.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from normality import ascii_text
from rapidfuzz import fuzz

from sanctionguard.screen.book import Customer
from sanctionguard.store.snapshots import StoredEntity

_WORD = re.compile(r"[a-z0-9]+")
_COMPATIBLE = {
    "Person": {"Person", "LegalEntity"},
    "Organization": {"Organization", "Company", "LegalEntity", "PublicBody"},
    "Vessel": {"Vessel"},
    "Airplane": {"Airplane"},
}
WEAK_ALIAS_FACTOR = 0.85
BIRTH_YEAR_CONFLICT_FACTOR = 0.7
COMMON_TOKEN_SHARE = 0.01


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The comparison form of a name: ASCII, lower case, words sorted."""
    return " ".join(sorted(_WORD.findall((ascii_text(name) or "").lower())))


@dataclass(frozen=True)
class Hit:
    customer: Customer
    entity: StoredEntity
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class _Name:
    key: str
    entity: int
    weak: bool


class BaselineIndex:
    """An in-memory index of one snapshot's names and identifiers."""

    def __init__(self, entities: Iterable[StoredEntity]) -> None:
        self.entities: list[StoredEntity] = []
        self.names: list[_Name] = []
        self.tokens: dict[str, list[int]] = defaultdict(list)
        self.ids: dict[tuple[str, str], list[int]] = defaultdict(list)
        for item in entities:
            self._add(item)
        limit = max(50, int(len(self.names) * COMMON_TOKEN_SHARE))
        self.common = {t for t, refs in self.tokens.items() if len(refs) > limit}

    def _add(self, item: StoredEntity) -> None:
        index = len(self.entities)
        self.entities.append(item)
        for name in item.record.get("names", []):
            key = name_key(name["value"])
            if not key:
                continue
            ref = len(self.names)
            self.names.append(_Name(key, index, name["kind"] == "weak_alias"))
            for token in set(key.split()):
                self.tokens[token].append(ref)
        for ident in item.record.get("identifiers", []):
            if ident.get("valid") is not False:
                self.ids[(ident["kind"], ident["value"])].append(index)

    def _id_hits(self, customer: Customer) -> dict[int, str]:
        hits: dict[int, str] = {}
        for ident in customer.identifiers:
            if ident.valid is False:
                continue
            for index in self.ids.get((ident.kind.value, ident.value), []):
                hits[index] = f"{ident.kind.value} {ident.value} matches"
        return hits

    def _name_scores(self, customer: Customer) -> dict[int, tuple[float, str]]:
        key = name_key(customer.name)
        tokens = set(key.split())
        rare = [t for t in tokens if t not in self.common] or list(tokens)
        best: dict[int, tuple[float, str]] = {}
        for ref in {r for t in rare for r in self.tokens.get(t, [])}:
            name = self.names[ref]
            score = fuzz.token_sort_ratio(key, name.key) / 100.0
            if name.weak:
                score *= WEAK_ALIAS_FACTOR
            if score > best.get(name.entity, (0.0, ""))[0]:
                best[name.entity] = (score, f"name '{customer.name}' ~ '{name.key}' ({score:.2f})")
        return best

    def _compatible(self, customer: Customer, entity: StoredEntity) -> bool:
        if customer.schema is None:
            return True
        return entity.schema in _COMPATIBLE.get(customer.schema, {customer.schema})

    def _birth_factor(self, customer: Customer, entity: StoredEntity) -> tuple[float, str | None]:
        dates = entity.record.get("birth_dates", [])
        if not customer.birth_date or not dates:
            return 1.0, None
        year = int(customer.birth_date[:4])
        for bd in dates:
            start = int(bd["start"][:4])
            end = int((bd.get("end") or bd["start"])[:4])
            slack = 1 if bd.get("circa") else 0
            if start - slack <= year <= end + slack:
                return 1.0, f"birth year {year} agrees"
        return BIRTH_YEAR_CONFLICT_FACTOR, f"birth year {year} conflicts"

    def screen(self, customer: Customer, threshold: float) -> list[Hit]:
        """Hits for one customer at or above the threshold, best first."""
        id_hits = self._id_hits(customer)
        candidates = self._name_scores(customer)
        candidates.update({i: (1.0, r) for i, r in id_hits.items()})
        hits = []
        for index, (score, reason) in candidates.items():
            entity = self.entities[index]
            if index not in id_hits and not self._compatible(customer, entity):
                continue
            reasons = [reason]
            if index not in id_hits:
                factor, why = self._birth_factor(customer, entity)
                score *= factor
                if why:
                    reasons.append(why)
            if score >= threshold:
                hits.append(Hit(customer, entity, round(score, 3), tuple(reasons)))
        return sorted(hits, key=lambda h: -h.score)
