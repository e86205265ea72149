"""The match index: a snapshot compiled into compact in-memory structures for screening.

Per entity: schema, list and authority reference, countries, gender, birth dates and
identifiers. Per name: its kind and its analysed forms; each form is a run of token slots
(token id and name part) in one flat array. Postings map a token id to the forms holding it;
an identifier map finds entities by identifier value. Work per entity is capped (names, forms
per name, tokens per form) so an entity with hundreds of aliases costs no more than a few.
"""

from __future__ import annotations

import ctypes
import gc
import json
import multiprocessing
import os
import time
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain, repeat
from operator import itemgetter
from typing import Any, Final, TypeVar

import numpy as np
import orjson

from sanctionguard.compiled import by_fields
from sanctionguard.match.alignment import ListedForm, miss_factors, with_repeats
from sanctionguard.match.analysis import (
    FIELD_SEP,
    FORM_SEP,
    KIND_CODES,
    TOKEN_SEP,
    NameAnalysis,
    name_key,
    pattern_codes,
    pattern_kind,
)
from sanctionguard.match.attributes import BirthSpan, IdentifierKey, normal_gender, record_countries
from sanctionguard.match.vocabulary import Expansion, RarityTable, Vocabulary
from sanctionguard.names.types import NamePart, NameToken, TokenKind
from sanctionguard.store.snapshots import StoredEntity

MAX_NAMES_PER_ENTITY: Final = 200
NAME_KINDS: Final = ("primary", "strong_alias", "weak_alias", "former")
_NAME_KIND_CODES: Final = {kind: code for code, kind in enumerate(NAME_KINDS)}
# What each result carries of the listed record (a summary: the full record stays in the store,
# and keeping all of them would cost more memory than the rest of the index).
_RECORD_FIELDS: Final = ("id", "schema", "caption", "list", "source_id")
_RECORD_EXTRA: Final = ("birth_dates", "programs", "listed_on")
_RECORD_PROPERTIES: Final = ("nationality", "citizenship", "country", "gender", "flag")
EXPANSION_CACHE: Final = 20_000  # distinct query tokens remembered (each holds up to 24 matches)
COMMON_TOKEN_VOLUME: Final = 20  # query tokens found in this many forms keep their form sets
COMMON_TOKEN_CACHE: Final = 8_192
# A token's forms are gathered once the forms asked of it one by one (``TokenForms.asking``)
# number a sixteenth of its postings: asking one costs a few gathered, and a common token kept
# by the index is asked again query after query (measured on the speed deck: 4 gathers too
# late, the second pass slower; 64 too early, the first pass slower).
ASK_COST: Final = 16
MEMO_SIZE: Final = 50_000  # entries of ``remember`` before it starts afresh
# Listed words printed by this many entities or more get their query-side expansions made at
# build time (``warm_expansions``): a query's first sight of such a word then costs a lookup.
WARM_DOCUMENTS: Final = 1
WARM_PARALLEL_MIN = 20_000  # listed words to warm before a forked process shares the work
T = TypeVar("T")
UNTYPED: Final = "LegalEntity"  # lists that do not say whether a party is a person or a firm
RARITY_FILE: Final = "rarity.json"


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

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return by_fields(self)  # (a compiled frozen class pickles by its constructor)


@dataclass(frozen=True)
class BuildStats:
    """How big the index is and how long it took to build."""

    entities: int
    names: int
    forms: int
    tokens: int
    seconds: float

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return by_fields(self)  # (a compiled frozen class pickles by its constructor)


_Rendering = tuple[tuple[int, ...], tuple[float, ...]]  # a listed rendering's token ids, misses


class _PendingNames:
    """The published names read and waiting for analysis, in flat arrays (no object per name:
    the build's peak memory): entity e's are ``start[e]`` .. ``start[e + 1]``."""

    def __init__(self) -> None:
        self.start = array("I", [0])
        self.keys = array("I")  # name key numbers (``NameAnalysis.number``)
        self.values: list[str] = []
        self.kinds = bytearray()  # name kind codes
        self.scripts = bytearray()  # 1: written in its original script


# What a pickled index holds: everything but the caches (``MatchIndex.__getstate__``).
_PERSISTED: Final = (
    "vocab",
    "entities",
    "records",
    "entity_names",
    "name_entity",
    "name_kind",
    "name_script",
    "name_text",
    "name_forms",
    "form_name",
    "form_slots",
    "slots",
    "slot_miss",
    "slot_weight",
    "form_weight",
    "post_start",
    "postings",
    "light_postings",
    "light_costs",
    "form_letters",
    "warm_start",
    "warm_ids",
    "warm_sims",
    "adjacent_pairs",
    "by_identifier",
    "stats",
)


class MatchIndex:
    """A compiled snapshot; build it with ``MatchIndex.build(entities)``."""

    def __init__(self) -> None:
        self.vocab = Vocabulary()
        self.entities: list[IndexedEntity] = []
        self.records: list[str] = []
        self.entity_names = array("I", [0])  # names of entity e: entity_names[e] .. [e+1]
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
        self.light_postings = array("I")  # postings by form cost (``sort_light_postings``)
        self.light_costs = array("f")
        self.form_letters = array("I")  # bit i: the form has a token starting with chr(97 + i)
        # Expansions made at build time: listed word t's are warm_ids/warm_sims[warm_start[t]:
        # warm_start[t + 1]] (none when empty; ``warm_expansions``).
        self.warm_start = array("I")
        self.warm_ids = array("I")
        self.warm_sims = array("d")
        # Every two listed tokens printed side by side in a form, as (first << 32 | second),
        # sorted (``adjacent``).
        self.adjacent_pairs = array("Q")
        self.by_identifier: dict[str, tuple[int, ...]] = {}
        self.stats = BuildStats(0, 0, 0, 0, 0.0)
        self._expansions: dict[NameToken, Expansion] = {}
        self._token_forms: dict[NameToken, TokenForms] = {}
        self._memo: dict[Hashable, Any] = {}
        self._rarity: RarityTable | None = None
        self._positions: dict[str, int] | None = None
        self._ids: dict[str, list[int]] = {}
        # While building: one object for each value many entities or names share (a list's
        # name, a schema, a set of countries, birth dates, a name printed on several lists).
        self._pool: dict[Hashable, Any] = {}

    # -- building ---------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        entities: Iterable[StoredEntity],
        *,
        rarity: RarityTable | None = None,
        workers: int | None = None,
    ) -> MatchIndex:
        """Compile entities (one per list entry) into an index.

        Token rarities are counted over these entities, or taken from ``rarity`` when given.
        Names are analysed once per distinct name, in ``workers`` processes (default: one per
        core) when there are many.
        """
        started = time.perf_counter()
        with _no_cycle_collection():
            index = cls._build(entities, rarity, workers)
        index.stats = BuildStats(
            entities=len(index.entities),
            names=len(index.name_text),
            forms=len(index.form_name),
            tokens=len(index.vocab),
            seconds=time.perf_counter() - started,
        )
        return index

    @classmethod
    def _build(
        cls, entities: Iterable[StoredEntity], rarity: RarityTable | None, workers: int | None
    ) -> MatchIndex:
        index = cls()
        with NameAnalysis(workers) as analysis:
            # Names are analysed in workers while entities are read, and compiled (in entity
            # order: token ids stay as a sequential build gives them) as results come back.
            pending = _PendingNames()
            known = array("I")  # names known once entity e was read: it needs those analysed
            for item in entities:
                index._read_entity(item, analysis, pending)
                known.append(len(analysis))
                analysis.send()
            analysis.finish()
            # An analysed name's renderings as compiled for a person (2 key + 1) or not (2 key).
            compiled: list[list[_Rendering] | None] = [None] * (2 * len(analysis))
            eidx = 0
            for done in analysis.ready():
                while eidx < len(known) and known[eidx] <= done:
                    index._add_names(eidx, pending, analysis.analysed, compiled)
                    eidx += 1
        del pending, compiled, analysis  # the analysed names, before the big arrays are made
        index._pool.clear()
        release_free_memory()
        index.vocab.finish(len(index.entities), rarity)
        index._finish_forms()
        index.sort_light_postings()
        index.by_identifier = {k: tuple(v) for k, v in index._ids.items()}
        index._ids.clear()
        if rarity is None:  # (an index on reference rarities is a small one: a pair, a delta)
            index.warm_expansions(WARM_DOCUMENTS, workers or os.cpu_count() or 1)
        return index

    def _shared(self, value: T) -> T:
        """The build's one object equal to ``value`` (``_pool``)."""
        found: T = self._pool.setdefault(value, value)
        return found

    def _read_entity(
        self, item: StoredEntity, analysis: NameAnalysis, pending: _PendingNames
    ) -> None:
        """Index an entity's facts; add its names (with their key numbers) to ``pending``."""
        record = item.record
        eidx = len(self.entities)
        identifiers = self._shared(_identifiers(record.get("identifiers", [])))
        for ident in identifiers:
            bucket = self._ids.setdefault(ident.value, [])
            if not bucket or bucket[-1] != eidx:
                bucket.append(eidx)
        props = record.get("properties", {})
        self.entities.append(
            IndexedEntity(
                entity_id=item.entity_id,
                list_name=self._shared(item.list_name),
                source_id=item.source_id,
                schema=self._shared(item.schema),
                caption=item.caption,
                countries=self._shared(record_countries(props)),
                gender=normal_gender((props.get("gender") or [None])[0]),
                birth_dates=self._shared(_birth_dates(record.get("birth_dates", []))),
                identifiers=identifiers,
            )
        )
        # As text: orjson's bytes keep a 4 KiB buffer each, text is sized to fit.
        self.records.append(orjson.dumps(_display_record(record)).decode())
        hint = None if item.schema == UNTYPED else item.schema
        for name in record.get("names", [])[:MAX_NAMES_PER_ENTITY]:
            if str(name.get("value") or "").strip():
                pending.keys.append(analysis.number(name_key(name, hint)))
                pending.values.append(name["value"])
                pending.kinds.append(_NAME_KIND_CODES.get(name.get("kind", ""), 1))
                pending.scripts.append(1 if name.get("original_script") else 0)
        pending.start.append(len(pending.keys))

    def _add_names(
        self,
        eidx: int,
        pending: _PendingNames,
        analysed: list[str],
        compiled: list[list[_Rendering] | None],
    ) -> None:
        schema = self.entities[eidx].schema
        seen_tokens: set[int] = set()
        for n in range(pending.start[eidx], pending.start[eidx + 1]):
            key = pending.keys[n]
            encoded = analysed[key]
            if len(encoded) < 2:
                continue  # no forms: nothing to match on
            person = schema == "Person" or (schema == UNTYPED and encoded[0] == "P")
            at = 2 * key + (1 if person else 0)
            slots = compiled[at]
            if slots is None:
                slots = compiled[at] = self._compile(encoded, person)
            name = (pending.values[n], pending.kinds[n], pending.scripts[n] == 1)
            self._add_name(eidx, name, slots, seen_tokens)
        self.vocab.count(seen_tokens)
        self.entity_names.append(len(self.name_text))

    def _compile(self, encoded: str, person: bool) -> list[_Rendering]:
        """An analysed name's renderings (``analysis.encode``) as token ids and miss factors."""
        out = []
        known = self.vocab.ids
        for form in encoded[1:].split(FORM_SEP):
            pattern, *tokens = form.split(TOKEN_SEP)
            tids = []
            for i, token in enumerate(tokens):
                text, phonetic, skeleton = token.split(FIELD_SEP)
                tid = known.get(text)
                kind = pattern_kind(pattern, i)
                if tid is None or kind is not TokenKind.WORD:  # (a particle may be seen late)
                    tid = self.vocab.add(text, kind, phonetic, skeleton)
                tids.append(tid)
            out.append((tuple(tids), with_repeats(tids, _misses(pattern, person))))
        return out

    def _add_name(
        self,
        eidx: int,
        name: tuple[str, int, bool],
        slots: list[_Rendering],
        seen: set[int],
    ) -> None:
        nidx = len(self.name_text)
        value, kind, original_script = name
        self.name_text.append(self._shared(value))
        self.name_entity.append(eidx)
        self.name_kind.append(kind)
        self.name_script.append(1 if original_script else 0)
        for tids, misses in slots:
            self.form_name.append(nidx)
            self.slots.extend(tids)
            self.slot_miss.extend(misses)
            seen.update(tids)
            self.form_slots.append(len(self.slots))
        self.name_forms.append(len(self.form_name))

    def _finish_forms(self) -> None:
        """Form weights, postings (token id → forms) and the pairs of tokens printed side by
        side (``adjacent``), once the vocabulary has weights.

        With numpy, in the arithmetic of a plain loop: float32 products, each form's sum
        added up token by token in double precision, postings in form order.
        """
        slots = np.frombuffer(self.slots, dtype=np.uint32)
        slot_weight = np.frombuffer(self.vocab.weights, dtype=np.float32)[slots]
        misses = np.frombuffer(self.slot_miss, dtype=np.float32)
        least = (slot_weight * np.minimum(misses, np.float32(1.0))).astype(np.float64)
        starts = np.frombuffer(self.form_slots, dtype=np.uint32).astype(np.int64)
        lengths = np.diff(starts)
        sums = np.zeros(len(lengths), dtype=np.float64)
        for k in range(int(lengths.max(initial=0))):
            longer = np.flatnonzero(lengths > k)
            sums[longer] += least[starts[longer] + k]
        del least, starts
        self.slot_weight = array("f", slot_weight.tobytes())
        self.form_weight = array("f", sums.astype(np.float32).tobytes())
        del slot_weight, sums
        # Each (token, form) pair once, ordered by token, then form: slots lie form by form,
        # so a stable sort by token keeps each token's forms in order (32-bit arrays, as the
        # build's peak memory is made here).
        order = np.argsort(slots, kind="stable")
        tids = slots[order]
        posted = np.repeat(np.arange(len(lengths), dtype=np.uint32), lengths)[order]
        del order
        first = np.ones(len(tids), dtype=bool)
        first[1:] = (tids[1:] != tids[:-1]) | (posted[1:] != posted[:-1])
        counts = np.bincount(tids[first], minlength=len(self.vocab))
        starts_out = np.zeros(len(self.vocab) + 1, dtype=np.uint32)
        np.cumsum(counts, out=starts_out[1:])
        self.post_start = array("I", starts_out.tobytes())
        self.postings = array("I", posted[first].tobytes())
        del tids, posted, first
        # Side by side: slot k and k + 1 of one form (not the last slot of a form and the
        # first of the next).
        wide = slots.astype(np.uint64)
        same_form = np.ones(max(len(slots) - 1, 0), dtype=bool)
        last = np.frombuffer(self.form_slots, dtype=np.uint32)[1:-1].astype(np.int64) - 1
        same_form[last[(last >= 0) & (last < len(same_form))]] = False
        pairs = np.unique(((wide[:-1] << np.uint64(32)) | wide[1:])[same_form])
        self.adjacent_pairs = array("Q", pairs.tobytes())

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without the caches that rebuild themselves on use (by attribute name, as
        a class compiled by mypyc has no ``__dict__``)."""
        return {name: getattr(self, name) for name in _PERSISTED}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name in _PERSISTED:
            setattr(self, name, state[name])
        self._expansions = {}
        self._token_forms = {}
        self._memo = {}
        self._rarity = None
        self._positions = None
        self._ids = {}
        self._pool = {}

    # -- reading ----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.entities)

    def expand(self, token: NameToken) -> Expansion:
        """The listed tokens a query token may stand for (cached per distinct token)."""
        found = self._expansions.get(token)
        if found is not None:
            return found
        base = self._warm_expansion(token) or self.vocab.expand(token)
        volume = sum(self.post_start[t + 1] - self.post_start[t] for t in base.sims)
        found = Expansion(base.sims, base.weight, volume)
        if len(self._expansions) >= EXPANSION_CACHE:
            self._expansions.clear()
        self._expansions[token] = found
        return found

    def warm_expansions(self, documents: int, workers: int = 1) -> None:
        """Make the expansions of the listed words printed by ``documents`` entities or more,
        as a query word of the same text would have them (``Vocabulary.expand``; a word's part
        only matters to a patronymic's, and a listed word is never unseen), kept in flat arrays
        (a dict per word would cost five times the memory). With ``workers`` > 1 and many
        words, a forked process makes the first half while this one makes the rest."""
        vocab = self.vocab
        word = KIND_CODES[TokenKind.WORD]
        tids = [
            tid
            for tid in range(len(vocab))
            if vocab.kinds[tid] == word and vocab.doc_freq[tid] >= documents
        ]
        half = len(tids) // 2 if workers > 1 and len(tids) >= WARM_PARALLEL_MIN else 0
        forked = _Forked.start(self._warm_words, tids[:half]) if half else None
        rest = self._warm_words(tids[half:])
        first = forked.result() if forked is not None else None
        if first is None:  # (no fork wanted, or the forked process failed: made here)
            first = self._warm_words(tids[:half])
        counts = dict(zip(tids, first[0] + rest[0], strict=True))
        starts = array("I", [0])
        for tid in range(len(vocab)):
            starts.append(starts[-1] + counts.get(tid, 0))
        self.warm_start, self.warm_ids, self.warm_sims = (
            starts,
            first[1] + rest[1],
            first[2] + rest[2],
        )

    def _warm_words(self, tids: list[int]) -> _WarmPart:
        """The expansions of listed words ``tids``: each one's length, their ids, similarities."""
        vocab = self.vocab
        counts, ids, sims = array("I"), array("I"), array("d")
        for tid in tids:
            phonetic, skeleton = vocab.phonetics[tid], vocab.skeletons[tid]
            token = NameToken(
                vocab.texts[tid], TokenKind.WORD, phonetic=phonetic, skeleton=skeleton
            )
            found = vocab.expand(token).sims
            counts.append(len(found))
            ids.extend(found)
            sims.extend(found.values())
        return counts, ids, sims

    def _warm_expansion(self, token: NameToken) -> Expansion | None:
        """The expansion ``warm_expansions`` made for ``token``'s word, if any and if it holds
        for this token (a Latin name word with the listed word's keys, not a patronymic)."""
        if token.kind is not TokenKind.WORD or token.abjad or token.syllabic:
            return None
        vocab = self.vocab
        tid = vocab.ids.get(token.text)
        if tid is None or tid + 1 >= len(self.warm_start) or token.part is NamePart.PATRONYMIC:
            return None
        lo, hi = self.warm_start[tid], self.warm_start[tid + 1]
        if lo == hi or (token.phonetic, token.skeleton) != (
            vocab.phonetics[tid],
            vocab.skeletons[tid],
        ):
            return None
        sims = dict(zip(self.warm_ids[lo:hi], self.warm_sims[lo:hi], strict=True))
        return Expansion(sims, vocab.query_weight(tid, token.kind), 0)

    def token_forms(self, token: NameToken) -> TokenForms:
        """Forms holding any listed token a query token may stand for, with the best
        similarity per form (kept for common tokens, which cost most to gather)."""
        found = self._token_forms.get(token)
        if found is not None:
            return found
        expansion = self.expand(token)
        found = TokenForms(self, expansion.sims, expansion.volume)
        if expansion.volume >= COMMON_TOKEN_VOLUME:
            if len(self._token_forms) >= COMMON_TOKEN_CACHE:
                self._token_forms.pop(next(iter(self._token_forms)))
            self._token_forms[token] = found
        return found

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` remembered under ``key`` for the life of this index (query-side work
        that depends only on the index and a query token, e.g. its glued-word splits)."""
        memo = self._memo
        if key in memo:
            return memo[key]  # type: ignore[no-any-return]
        found = compute()
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        memo[key] = found
        return found

    def adjacent(self, first: int, second: int) -> bool:
        """Whether some listed form prints token ``first`` right before token ``second``."""
        key = first << 32 | second
        pairs = self.adjacent_pairs
        at = bisect_left(pairs, key)
        return at < len(pairs) and pairs[at] == key

    def letters(self, form: int) -> int:
        """Bit i set when the form has a token starting with the letter chr(97 + i)."""
        if len(self.form_letters) != len(self.form_name):
            self.sort_light_postings()
        return self.form_letters[form]

    def light_forms(self, token: NameToken, cap: Callable[[float], float]) -> list[int]:
        """The forms holding a listed token that ``token`` may stand for, with similarity
        ``sim``, whose least unpaired cost (``form_weight``) is at most ``cap(sim)``: one
        bisection per listed token in the postings sorted by that cost."""
        if len(self.light_postings) != len(self.postings):
            self.sort_light_postings()
        starts, costs, forms = self.post_start, self.light_costs, self.light_postings
        found: list[int] = []
        for tid, sim in self.expand(token).sims.items():
            lo, hi = starts[tid], starts[tid + 1]
            found.extend(forms[lo : bisect_right(costs, cap(sim), lo, hi)])
        return found

    def sort_light_postings(self) -> None:
        """Each token's postings ordered by the forms' least unpaired cost (``light_forms``), and
        each form's first letters (``form_letters``)."""
        postings = np.frombuffer(self.postings, dtype=np.uint32)
        costs = np.frombuffer(self.form_weight, dtype=np.float32)[postings]
        starts = np.frombuffer(self.post_start, dtype=np.uint32)
        tids = np.repeat(np.arange(len(starts) - 1, dtype=np.uint32), np.diff(starts))
        order = np.lexsort((postings, costs, tids))
        self.light_postings = array("I", postings[order].tobytes())
        self.light_costs = array("f", costs[order].tobytes())
        firsts = np.array(  # (typed: an empty vocabulary's array would be of floats)
            [ord(t[0]) - 97 if t and "a" <= t[0] <= "z" else 32 for t in self.vocab.texts],
            dtype=np.int64,
        )
        bits = np.where(firsts < 32, np.left_shift(1, np.minimum(firsts, 31)), 0).astype(np.uint32)
        slots = bits[np.frombuffer(self.slots, dtype=np.uint32)]
        starts = np.frombuffer(self.form_slots, dtype=np.uint32)[:-1].astype(np.intp)
        letters = np.bitwise_or.reduceat(slots, starts) if len(starts) else slots[:0]
        self.form_letters = array("I", letters.astype(np.uint32).tobytes())

    def lightest(self, forms: Iterable[int], count: int) -> list[int]:
        """The ``count`` forms of least ``form_weight``, lightest first and ties in the order
        given: ``heapq.nsmallest`` with that key (whose loop runs as Python code, 5 % of a
        first-seen query's instructions where a common word gives thousands of forms), in one
        stable numpy sort."""
        if count <= 0:
            return []
        ids = np.fromiter(forms, dtype=np.int64)
        weights = np.frombuffer(self.form_weight, dtype=np.float32)[ids]
        found: list[int] = ids[np.argsort(weights, kind="stable")[:count]].tolist()
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
        first, end = self.entity_names[eidx], self.entity_names[eidx + 1]
        return iter(range(self.name_forms[first], self.name_forms[end]))

    def name_kind_label(self, nidx: int) -> str:
        return NAME_KINDS[self.name_kind[nidx]]

    def record(self, eidx: int) -> dict[str, Any]:
        """A summary of the listed record: ids, caption, programmes, listing date, birth dates,
        countries (the full record is in the store)."""
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


class TokenForms:
    """The forms holding any listed token a query token may stand for, each with the best
    similarity of its tokens: asked form by form (``sim``: a dict lookup per token of the form)
    where a query needs only some, as when a common word ("Mohammed", in thousands of forms)
    meets a few candidates, and gathered whole (``forms``) where all are needed or once it has
    been asked enough (``asking``)."""

    def __init__(self, index: MatchIndex, sims: dict[int, float], volume: int) -> None:
        self.sims = sims  # listed token -> similarity (``MatchIndex.expand``)
        self.volume = volume  # postings of those tokens: at least the number of forms
        # The index's arrays, not the index: one the index keeps (``token_forms``) would
        # otherwise make a cycle, which a frozen heap (``gc.freeze``) never frees on a reload.
        self.postings, self.post_start = index.postings, index.post_start
        self.slots, self.form_slots = index.slots, index.form_slots
        self.gathered: dict[int, float] | None = None
        self.asked = 0  # forms asked so far (``asking``)

    def forms(self) -> dict[int, float]:
        """Every form holding one of the tokens, with the best similarity (gathered once)."""
        found = self.gathered
        if found is not None:
            return found
        postings, starts = self.postings, self.post_start
        ranked = sorted(self.sims.items(), key=itemgetter(1))
        if len(ranked) == 1:
            tid, sim = ranked[0]
            found = dict.fromkeys(postings[starts[tid] : starts[tid + 1]].tolist(), sim)
        else:
            # Every token's forms in one array, in rising similarity (a better one
            # overwrites), and one dict made of them: a dict per token merged into the
            # whole inserted each form twice (callgrind, 600 first-seen deck queries: this
            # gathering 15 % fewer instructions, the queries 2.7 %).
            keys: array[int] = array("I")
            runs = []
            for tid, sim in ranked:
                lo, hi = starts[tid], starts[tid + 1]
                keys += postings[lo:hi]
                runs.append(repeat(sim, hi - lo))
            found = dict(zip(keys.tolist(), chain.from_iterable(runs), strict=True))
        self.gathered = found
        return found

    def asking(self, count: int) -> TokenForms:
        """This, about to be asked ``count`` forms: gathered first once the asking so far and
        now outweighs gathering (``ASK_COST``)."""
        self.asked += count
        if self.gathered is None and self.volume <= ASK_COST * self.asked:
            self.forms()
        return self

    def within(self, forms: AbstractSet[int]) -> AbstractSet[int]:
        """Those of ``forms`` that hold one of the tokens."""
        gathered = self.asking(len(forms)).gathered
        if gathered is not None:
            return gathered.keys() & forms
        return {f for f in forms if self.sim(f) >= 0.0}

    def sim(self, form: int) -> float:
        """The best similarity of ``form``'s tokens, -1.0 when it holds none."""
        found = self.gathered
        if found is not None:
            value = found.get(form)  # (no default: a compiled call boxes it anew each time)
            return -1.0 if value is None else value
        sims, slots = self.sims, self.slots
        best = -1.0
        for slot in range(self.form_slots[form], self.form_slots[form + 1]):
            sim = sims.get(slots[slot])
            if sim is not None and sim > best:
                best = sim
        return best


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cycle collector paused: a build allocates millions of objects that live on (decoded
    records, tokens, arrays), and each collection would walk them all again (it tripled the
    time to decode the store's records). What little cyclic garbage a build leaves is
    collected afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_WarmPart = tuple["array[int]", "array[int]", "array[float]"]


class _Forked:
    """``compute(items)`` run in a forked process (which shares this one's memory, so nothing
    is pickled on the way in), its three arrays sent back through a pipe; ``result`` is None
    when the process failed, for the caller to compute them itself."""

    def __init__(self, compute: Callable[[list[int]], _WarmPart], items: list[int]) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_send_part, args=(compute, items, send))
        try:
            self._process.start()
        except BaseException:
            self._receive.close()
            raise
        finally:
            send.close()

    @classmethod
    def start(cls, compute: Callable[[list[int]], _WarmPart], items: list[int]) -> _Forked | None:
        """The forked process computing ``compute(items)``, or None where none can be forked
        (no fork on the platform; a daemonic process, such as a pool's worker, may have none)."""
        try:
            return cls(compute, items)
        except (AssertionError, OSError, ValueError):
            return None

    def result(self) -> _WarmPart | None:
        try:
            counts, ids, sims = array("I"), array("I"), array("d")
            for part in (counts, ids, sims):
                part.frombytes(self._receive.recv_bytes())
        except (EOFError, OSError):
            return None
        finally:
            self._receive.close()
            self._process.join()
        return (counts, ids, sims) if self._process.exitcode == 0 else None


def _send_part(compute: Callable[[list[int]], _WarmPart], items: list[int], send: Any) -> None:
    for part in compute(items):
        send.send_bytes(part.tobytes())
    send.close()


def release_free_memory() -> None:
    """Hand the heap's free pages back to the system (glibc's ``malloc_trim``; nothing
    elsewhere). A build frees the analysed names before it makes its big arrays: without this
    the process keeps their pages, and the arrays come on top (the build's peak RSS)."""
    try:
        trim = ctypes.CDLL(None).malloc_trim  # (the process's own symbols: no library search)
    except (OSError, AttributeError):
        return
    trim(0)


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


@lru_cache(maxsize=4096)
def _misses(pattern: str, person: bool) -> tuple[float, ...]:
    """Miss factors by token pattern (``analysis.pattern``: names share a few hundred)."""
    return miss_factors(*pattern_codes(pattern), person)


def _display_record(record: Mapping[str, Any]) -> dict[str, Any]:
    kept = {k: record.get(k) for k in _RECORD_FIELDS}
    kept.update({k: record[k] for k in _RECORD_EXTRA if record.get(k)})
    props = record.get("properties", {})
    kept["properties"] = {k: props[k] for k in _RECORD_PROPERTIES if k in props}
    return kept
