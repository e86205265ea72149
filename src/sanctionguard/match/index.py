"""The match index: a snapshot compiled into compact in-memory structures for screening.

Per entity: schema, list and authority reference, countries, gender, birth dates and
identifiers. Per name: its kind and its analysed forms; each form is a run of token slots
(token id and name part) in one flat array. Postings map a token id to the forms holding it;
an identifier map finds entities by identifier value. Work per entity is capped (names, forms
per name, tokens per form) so an entity with hundreds of aliases costs no more than a few.
"""

from __future__ import annotations

import json
import time
from array import array
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import orjson

from sanctionguard.match.alignment import ListedForm, miss_factors
from sanctionguard.match.attributes import BirthSpan, IdentifierKey, normal_gender, record_countries
from sanctionguard.match.vocabulary import Expansion, RarityTable, Vocabulary
from sanctionguard.names.analyze import analyze_name
from sanctionguard.names.types import AnalyzedName, NameToken
from sanctionguard.store.snapshots import StoredEntity

MAX_NAMES_PER_ENTITY = 200
MAX_FORMS_PER_NAME = 6
MAX_TOKENS_PER_FORM = 16
NAME_KINDS = ("primary", "strong_alias", "weak_alias", "former")
_NAME_KIND_CODES = {kind: code for code, kind in enumerate(NAME_KINDS)}
# Record fields kept for display with each result; remarks and related entities are dropped.
_RECORD_FIELDS = ("id", "schema", "caption", "list", "source_id", "names", "identifiers")
_RECORD_EXTRA = ("birth_dates", "programs", "listed_on")
_RECORD_PROPERTIES = ("nationality", "citizenship", "country", "gender", "birthPlace", "flag")
EXPANSION_CACHE = 200_000
UNTYPED = "LegalEntity"  # lists that do not say whether a party is a person or a firm
RARITY_FILE = "rarity.json"


@dataclass(frozen=True, slots=True)
class IndexedEntity:
    """What matching needs to know about one listed entity besides its names."""

    entity_id: str
    list_name: str
    source_id: str
    schema: str
    caption: str
    countries: frozenset[str]
    gender: str | None
    birth_dates: tuple[BirthSpan, ...]
    identifiers: tuple[IdentifierKey, ...]
    first_name: int  # names are contiguous: first_name .. end_name
    end_name: int


@dataclass(frozen=True)
class BuildStats:
    """How big the index is and how long it took to build."""

    entities: int
    names: int
    forms: int
    tokens: int
    seconds: float


def _parts_key(parts: Mapping[str, str] | None) -> tuple[tuple[str, str], ...] | None:
    return tuple(sorted(parts.items())) if parts else None


class _NameCache:
    """Analyses each distinct published name once (lists repeat names across lists)."""

    def __init__(self) -> None:
        self.seen: dict[tuple[Any, ...], AnalyzedName] = {}

    def analyse(self, name: Mapping[str, Any], schema: str) -> AnalyzedName:
        """The analysed name; a LegalEntity may be a person or a firm, so the name decides."""
        schema_hint = None if schema == UNTYPED else schema
        parts = name.get("parts") or None
        key = (name["value"], name.get("lang"), _parts_key(parts), schema)
        found = self.seen.get(key)
        if found is None:
            found = analyze_name(
                name["value"], schema=schema_hint, lang=name.get("lang"), parts=parts
            )
            self.seen[key] = found
        return found


class MatchIndex:
    """A compiled snapshot; build it with ``MatchIndex.build(entities)``."""

    def __init__(self) -> None:
        self.vocab = Vocabulary()
        self.entities: list[IndexedEntity] = []
        self.records: list[bytes] = []
        self.name_entity = array("I")
        self.name_kind = bytearray()
        self.name_script = bytearray()  # 1 when the name is in its original non-Latin script
        self.name_text: list[str] = []
        self.name_forms = array("I", [0])  # forms of name n: name_forms[n] .. name_forms[n+1]
        self.form_name = array("I")
        self.form_slots = array("I", [0])  # slots of form f: form_slots[f] .. form_slots[f+1]
        self.slots = array("I")  # token ids
        self.slot_miss = array("f")  # what leaving the token unpaired costs (alignment)
        self.slot_weight = array("f")
        self.form_weight = array("f")  # least cost of a form's tokens left unpaired
        self.post_start = array("I")
        self.postings = array("I")
        self.by_identifier: dict[str, tuple[int, ...]] = {}
        self.stats = BuildStats(0, 0, 0, 0, 0.0)
        self._expansions: dict[NameToken, Expansion] = {}
        self._rarity: RarityTable | None = None
        self._positions: dict[str, int] | None = None

    # -- building ---------------------------------------------------------------------------

    @classmethod
    def build(
        cls, entities: Iterable[StoredEntity], *, rarity: RarityTable | None = None
    ) -> MatchIndex:
        """Compile entities (one per list entry) into an index.

        Token rarities are counted over these entities, or taken from ``rarity`` when given.
        """
        started = time.perf_counter()
        index = cls()
        names = _NameCache()
        ids: dict[str, list[int]] = {}
        for item in entities:
            index._add_entity(item, names, ids)
        index.vocab.finish(len(index.entities), rarity)
        index._finish_forms()
        index.by_identifier = {k: tuple(v) for k, v in ids.items()}
        index.stats = BuildStats(
            entities=len(index.entities),
            names=len(index.name_text),
            forms=len(index.form_name),
            tokens=len(index.vocab),
            seconds=time.perf_counter() - started,
        )
        return index

    def _add_entity(self, item: StoredEntity, names: _NameCache, ids: dict[str, list[int]]) -> None:
        record = item.record
        eidx = len(self.entities)
        first = len(self.name_text)
        seen_tokens: set[int] = set()
        for name in record.get("names", [])[:MAX_NAMES_PER_ENTITY]:
            if not str(name.get("value") or "").strip():
                continue
            analysed = names.analyse(name, item.schema)
            if not analysed.forms:
                continue
            person = item.schema == "Person" or (
                item.schema == UNTYPED and not analysed.is_organization
            )
            self._add_name(eidx, name, analysed, seen_tokens, person)
        self.vocab.count(seen_tokens)
        keys = _identifiers(record.get("identifiers", []))
        for key in keys:
            bucket = ids.setdefault(key.value, [])
            if not bucket or bucket[-1] != eidx:
                bucket.append(eidx)
        props = record.get("properties", {})
        self.entities.append(
            IndexedEntity(
                entity_id=item.entity_id,
                list_name=item.list_name,
                source_id=item.source_id,
                schema=item.schema,
                caption=item.caption,
                countries=record_countries(props),
                gender=normal_gender((props.get("gender") or [None])[0]),
                birth_dates=_birth_dates(record.get("birth_dates", [])),
                identifiers=keys,
                first_name=first,
                end_name=len(self.name_text),
            )
        )
        self.records.append(orjson.dumps(_display_record(record)))

    def _add_name(
        self,
        eidx: int,
        name: Mapping[str, Any],
        analysed: AnalyzedName,
        seen: set[int],
        person: bool,
    ) -> None:
        nidx = len(self.name_text)
        self.name_text.append(name["value"])
        self.name_entity.append(eidx)
        self.name_kind.append(_NAME_KIND_CODES.get(name.get("kind", ""), 1))
        self.name_script.append(1 if name.get("original_script") else 0)
        for form in analysed.forms[:MAX_FORMS_PER_NAME]:
            tokens = form[:MAX_TOKENS_PER_FORM]
            if not tokens:
                continue
            self.form_name.append(nidx)
            for token in tokens:
                tid = self.vocab.add(token)
                seen.add(tid)
                self.slots.append(tid)
            self.slot_miss.extend(miss_factors(tokens, person))
            self.form_slots.append(len(self.slots))
        self.name_forms.append(len(self.form_name))

    def _finish_forms(self) -> None:
        """Form weights and postings (token id → forms), once the vocabulary has weights."""
        weights = self.vocab.weights
        self.slot_weight = array("f", (weights[t] for t in self.slots))
        least = [w * min(1.0, m) for w, m in zip(self.slot_weight, self.slot_miss, strict=True)]
        counts = array("I", bytes(4 * (len(self.vocab) + 1)))
        form_weight = []
        for f in range(len(self.form_name)):
            lo, hi = self.form_slots[f], self.form_slots[f + 1]
            form_weight.append(sum(least[lo:hi]))
            for tid in set(self.slots[lo:hi]):
                counts[tid + 1] += 1
        self.form_weight = array("f", form_weight)
        for tid in range(len(self.vocab)):
            counts[tid + 1] += counts[tid]
        self.post_start = array("I", counts)
        fill = array("I", counts)
        postings = array("I", bytes(4 * counts[-1]))
        for f in range(len(self.form_name)):
            for tid in set(self.slots[self.form_slots[f] : self.form_slots[f + 1]]):
                postings[fill[tid]] = f
                fill[tid] += 1
        self.postings = postings

    # -- reading ----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.entities)

    def expand(self, token: NameToken) -> Expansion:
        """The listed tokens a query token may stand for (cached per distinct token)."""
        found = self._expansions.get(token)
        if found is not None:
            return found
        base = self.vocab.expand(token)
        volume = sum(self.post_start[t + 1] - self.post_start[t] for t in base.sims)
        found = Expansion(base.sims, base.weight, volume)
        if len(self._expansions) >= EXPANSION_CACHE:
            self._expansions.clear()
        self._expansions[token] = found
        return found

    def forms_with(self, tid: int) -> array[int]:
        """The forms that contain token ``tid``."""
        return self.postings[self.post_start[tid] : self.post_start[tid + 1]]

    def listed_form(self, form: int) -> ListedForm:
        """A stored rendering: its token ids, their rarity weights and miss factors."""
        lo, hi = self.form_slots[form], self.form_slots[form + 1]
        return ListedForm(self.slots[lo:hi], self.slot_weight[lo:hi], self.slot_miss[lo:hi])

    def form_token_ids(self, form: int) -> array[int]:
        return self.slots[self.form_slots[form] : self.form_slots[form + 1]]

    def form_entity(self, form: int) -> int:
        return self.name_entity[self.form_name[form]]

    def entity_forms(self, eidx: int) -> Iterator[int]:
        """Every form of every name of an entity."""
        entity = self.entities[eidx]
        return iter(range(self.name_forms[entity.first_name], self.name_forms[entity.end_name]))

    def name_kind_label(self, nidx: int) -> str:
        return NAME_KINDS[self.name_kind[nidx]]

    def record(self, eidx: int) -> dict[str, Any]:
        """The listed record for display (names, identifiers, dates, programmes, countries)."""
        data: dict[str, Any] = orjson.loads(self.records[eidx])
        return data

    def by_id(self, value: str) -> tuple[int, ...]:
        return self.by_identifier.get(value, ())

    def position(self, entity_id: str) -> int | None:
        """The index of an entity by its id, or ``None``."""
        if self._positions is None:
            self._positions = {e.entity_id: i for i, e in enumerate(self.entities)}
        return self._positions.get(entity_id)

    def rarity(self) -> RarityTable:
        """The token rarities of this index, to score pairs of records as this snapshot would."""
        if self._rarity is None:
            self._rarity = self.vocab.rarity(len(self.entities))
        return self._rarity


@lru_cache(maxsize=1)
def bundled_rarity() -> RarityTable:
    """Name-token frequencies over the official lists, shipped with the package (``data/``)."""
    text = resources.files("sanctionguard.match").joinpath("data", RARITY_FILE).read_text()
    data = json.loads(text)
    return RarityTable(int(data["documents"]), dict(data["doc_freq"]))


def _identifiers(items: Iterable[Mapping[str, Any]]) -> tuple[IdentifierKey, ...]:
    keys = []
    for item in items:
        key = IdentifierKey.from_record(item)
        if key is not None and key.value:
            keys.append(key)
    return tuple(keys)


def _birth_dates(items: Iterable[Mapping[str, Any]]) -> tuple[BirthSpan, ...]:
    spans = (BirthSpan.from_record(item) for item in items)
    return tuple(s for s in spans if s is not None)


def _display_record(record: Mapping[str, Any]) -> dict[str, Any]:
    kept = {k: record.get(k) for k in _RECORD_FIELDS}
    kept.update({k: record[k] for k in _RECORD_EXTRA if record.get(k)})
    props = record.get("properties", {})
    kept["properties"] = {k: props[k] for k in _RECORD_PROPERTIES if k in props}
    return kept
