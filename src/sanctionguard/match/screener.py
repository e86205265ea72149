"""The public matching API: ``Screener`` (an index plus a scorer) and ``compare`` for one pair.

``Screener.match`` retrieves candidates, aligns the query's names with each candidate's most
promising names, scores all features and returns the results at or above the threshold, best
first, each explained. ``match_many`` screens a stream and reports bad queries without
stopping; ``compare`` scores two records against each other without a snapshot.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from mypy_extensions import mypyc_attr

from sanctionguard.errors import SanctionguardError
from sanctionguard.match.alignment import (
    Alignment,
    ListedForm,
    QueryForm,
    align,
    explain,
    spelling_forms,
)
from sanctionguard.match.features import Evidence, NameMatch
from sanctionguard.match.index import MatchIndex, bundled_rarity
from sanctionguard.match.ofac import ofac_similarity
from sanctionguard.match.query import PreparedQuery, prepare
from sanctionguard.match.retrieval import Candidate, form_margin, query_forms, retrieve
from sanctionguard.match.scorer import Scorer
from sanctionguard.match.types import (
    Algorithm,
    FeatureResult,
    MatchResult,
    MatchSettings,
    NameExplanation,
    Query,
    TokenAlignment,
    rounded,
)
from sanctionguard.match.vocabulary import RarityTable
from sanctionguard.names.translit import warm_up
from sanctionguard.store.snapshots import Store, StoredEntity

MAX_FORMS_BY_IDENTIFIER: Final = 24  # forms aligned for an entity found only by identifier
MAX_QUERY_FORMS: Final = 4  # query renderings aligned with such an entity
# How far below the name-only floor retrieval reaches for a query with birth dates or countries,
# whose agreement may carry a weaker name over the threshold.
ATTRIBUTE_MARGIN: Final = 0.15
# A Latin primary name wins a tie against an alias or an original-script rendering (#257).
_KIND_PREFERENCE: Final = {"primary": 0.002, "strong_alias": 0.001, "former": 0.0005}


@dataclass(frozen=True)
class BatchItem:
    """One query of a batch: its position, its results, or the error that stopped it."""

    position: int
    query: Query
    results: tuple[MatchResult, ...]
    error: SanctionguardError | None = None


@mypyc_attr(allow_interpreted_subclasses=True)  # (``screen.derived.MergedScreener``)
class Screener:
    """Screens queries against one compiled snapshot."""

    def __init__(
        self,
        index: MatchIndex,
        settings: MatchSettings | None = None,
        scorer: Scorer | None = None,
    ) -> None:
        self.index = index
        self.settings = settings or MatchSettings()
        self.scorer = scorer or Scorer()
        warm_up()  # once per process: transliterators are slow to create

    @classmethod
    def from_entities(
        cls, entities: Iterable[StoredEntity], settings: MatchSettings | None = None
    ) -> Screener:
        """A screener over the given entities (one per list entry)."""
        return cls(MatchIndex.build(entities), settings)

    @classmethod
    def from_store(
        cls,
        store: Store,
        snapshot: str | int = "current",
        settings: MatchSettings | None = None,
        *,
        cache_dir: Path | None = None,
    ) -> Screener:
        """A screener over a snapshot of the store (``current`` by default).

        With ``cache_dir``, the compiled index is kept there per snapshot content and matcher
        version, so the next start over the same snapshot loads it instead of compiling.
        """
        snap_id = store.resolve(snapshot)
        if cache_dir is not None:
            from sanctionguard.match.cache import cached_index

            return cls(cached_index(store, snap_id, cache_dir), settings)
        return cls(MatchIndex.build(store.entities(snap_id)), settings)

    # -- screening --------------------------------------------------------------------------

    def match(
        self,
        query: Query,
        *,
        threshold: float | None = None,
        limit: int | None = None,
        algorithm: Algorithm | str | None = None,
    ) -> list[MatchResult]:
        """Listed entities matching ``query`` with score ≥ threshold, best first.

        Raises ``QueryError`` for a query that cannot be screened (no usable name and no
        identifier, an over-long name, an unknown schema, a malformed date or country).
        """
        algo = Algorithm(algorithm) if algorithm is not None else self.settings.algorithm
        cut = self.settings.threshold if threshold is None else threshold
        top = self.settings.limit if limit is None else limit
        prepared = prepare(query)
        forms = query_forms(self.index, prepared)
        floor = self.scorer.name_floor(cut) if algo is Algorithm.BEST else 0.0
        if floor and (prepared.birth_dates or prepared.countries):
            floor = max(0.0, floor - ATTRIBUTE_MARGIN)
        candidates = retrieve(self.index, prepared, forms, self.settings.candidates, floor)
        if algo is Algorithm.BEST:
            candidates = [c for c in candidates if self._may_reach(prepared, c, cut)]
        entities = self.index.entities
        forms, merged = _with_spellings(forms)
        aligner = _Aligner(self.index, forms)
        scored = [self._result(prepared, forms, c, algo, aligner, merged) for c in candidates]
        kept = [s for s in scored if s is not None and s.score >= cut]
        kept.sort(key=lambda s: (-s.score, entities[s.entity].entity_id))
        return [self._make(s, prepared, cut, aligner=aligner) for s in kept[: max(0, top)]]

    def match_many(
        self,
        queries: Iterable[Query],
        *,
        threshold: float | None = None,
        limit: int | None = None,
        algorithm: Algorithm | str | None = None,
    ) -> list[BatchItem]:
        """Screen many queries; a bad query carries its error and the batch goes on."""
        items = []
        for position, query in enumerate(queries):
            try:
                found = self.match(query, threshold=threshold, limit=limit, algorithm=algorithm)
            except SanctionguardError as exc:
                items.append(BatchItem(position, query, (), exc))
            else:
                items.append(BatchItem(position, query, tuple(found)))
        return items

    def compare(
        self, query: Query, candidate: Query, algorithm: Algorithm | str = Algorithm.BEST
    ) -> MatchResult:
        """Score two records against each other, with this screener's token rarities."""
        return compare(query, candidate, algorithm, rarity=self.index.rarity())

    def pair_evidence(self, query: Query, entity_id: str) -> Evidence | None:
        """The evidence for ``query`` against one listed entity, retrieved or not (diagnostics,
        fitting); ``None`` if the entity is not in the index."""
        eidx = self.index.position(entity_id)
        if eidx is None:
            return None
        prepared = prepare(query)
        forms, merged = _with_spellings(query_forms(self.index, prepared))
        pairs = _spelling_pairs(self._all_pairs(forms, eidx), merged)
        name = self._best_name(prepared, forms, eidx, pairs)
        return Evidence(prepared, self.index.entities[eidx], name)

    def candidate_evidence(self, query: Query, count: int) -> list[Evidence]:
        """The evidence for the ``count`` best-estimated candidates, whatever their score."""
        prepared = prepare(query)
        forms = query_forms(self.index, prepared)
        found = retrieve(self.index, prepared, forms, count, 0.0)
        forms, merged = _with_spellings(forms)
        return [
            Evidence(
                prepared,
                self.index.entities[c.entity],
                self._best_name(
                    prepared,
                    forms,
                    c.entity,
                    _spelling_pairs(c.pairs or self._all_pairs(forms, c.entity), merged),
                ),
            )
            for c in found
        ]

    # -- scoring ----------------------------------------------------------------------------

    def _result(
        self,
        query: PreparedQuery,
        forms: list[QueryForm],
        cand: Candidate,
        algo: Algorithm,
        aligner: _Aligner | None = None,
        merged: dict[int, int] | None = None,
    ) -> Scored | None:
        """The scored candidate, or ``None`` when no name pair reaches ``cand.need``."""
        pairs = cand.pairs or self._all_pairs(forms, cand.entity)
        if algo is Algorithm.OFAC_NAME:
            return self._ofac_result(forms, cand.entity, pairs)
        entity = self.index.entities[cand.entity]
        name = self._best_name(
            query, forms, cand.entity, _spelling_pairs(pairs, merged), cand.need, aligner
        )
        if name is None and pairs and cand.need > 0:
            return None
        return Scored(self.scorer.score(Evidence(query, entity, name)), cand.entity, name)

    def _may_reach(self, query: PreparedQuery, cand: Candidate, threshold: float) -> bool:
        """Whether a candidate's name estimate, with its actual other evidence, can reach the
        threshold (cheap: dates, countries and identifiers are compared, names are not)."""
        if cand.by_identifier or threshold <= 0:
            return True
        other = 0.0
        if query.birth_dates or query.countries or query.gender or query.identifiers:
            evidence = Evidence(query, self.index.entities[cand.entity], None)
            other = self.scorer.other_logit(evidence)
        cand.need = self.scorer.name_floor(threshold, other)
        return cand.estimate + cand.margin >= cand.need

    def _all_pairs(self, forms: list[QueryForm], eidx: int) -> list[tuple[float, int, int]]:
        listed = list(self.index.entity_forms(eidx))[:MAX_FORMS_BY_IDENTIFIER]
        return [(0.0, qf, lf) for qf in range(min(len(forms), MAX_QUERY_FORMS)) for lf in listed]

    def _best_name(
        self,
        query: PreparedQuery,
        forms: list[QueryForm],
        eidx: int,
        pairs: Sequence[tuple[float, int, int]],
        need: float = 0.0,
        aligner: _Aligner | None = None,
    ) -> NameMatch | None:
        """The name pair with the highest name score; only pairs aligning at ``need`` or above
        are considered (``None`` if none does). Pairs whose estimate cannot reach ``need`` are
        not aligned."""
        index = self.index
        entity = index.entities[eidx]
        aligner = aligner or _Aligner(index, forms)
        best: NameMatch | None = None
        best_value = float("-inf")
        for estimate, qf, lf in pairs:
            if need > 0 and estimate + form_margin(forms[qf]) < need:
                continue
            listed, alignment = aligner.align(qf, lf)
            if alignment.similarity < need:
                continue
            nidx = index.form_name[lf]
            kind = index.name_kind_label(nidx)
            name = NameMatch(forms[qf], index.name_text[nidx], kind, listed, alignment)
            if len(pairs) == 1:
                return name
            value = self.scorer.name_logit(Evidence(query, entity, name))
            value += _KIND_PREFERENCE.get(kind, 0.0) - 0.0015 * index.name_script[nidx]
            if value > best_value:
                best, best_value = name, value
        return best

    def _ofac_result(
        self, forms: list[QueryForm], eidx: int, pairs: Sequence[tuple[float, int, int]]
    ) -> Scored:
        index = self.index
        best: tuple[float, int, int, tuple[TokenAlignment, ...]] = (0.0, -1, -1, ())
        for _, qf, lf in pairs:
            words = [q.token.text for q in forms[qf].tokens]
            listed = [index.vocab.texts[tid] for tid in index.form_token_ids(lf)]
            score, tokens = ofac_similarity(words, listed)
            if score > best[0]:
                best = (score, qf, lf, tokens)
        score, qf, lf, tokens = best
        if lf < 0:
            reason = "no listed name passes OFAC-style blocking"
            return Scored(0.0, eidx, None, (FeatureResult("ofac_name", 0.0, 1.0, reason),))
        nidx = index.form_name[lf]
        explained = NameExplanation(
            query_name=forms[qf].text,
            listed_name=index.name_text[nidx],
            listed_kind=index.name_kind_label(nidx),
            similarity=round(score, 4),
            tokens=tokens,
        )
        reason = f"OFAC-style similarity of {explained.query_name!r} and {explained.listed_name!r}"
        feature = FeatureResult("ofac_name", round(score, 4), 1.0, reason)
        return Scored(score, eidx, None, (feature,), explained)

    def _make(
        self,
        scored: Scored,
        query: PreparedQuery,
        threshold: float,
        with_record: bool = True,
        aligner: _Aligner | None = None,
    ) -> MatchResult:
        entity = self.index.entities[scored.entity]
        features, name = scored.features, scored.explained
        if not features:
            evidence = Evidence(query, entity, scored.name, explain=True)
            features = self.scorer.explain(evidence)
            name = _explain(scored.name, self.index, aligner)
        return MatchResult(
            entity_id=entity.entity_id,
            caption=entity.caption,
            schema=entity.schema,
            score=rounded(scored.score, 4),
            match=scored.score >= threshold,
            lists=(entity.list_name,),
            source_ids=(entity.source_id,),
            features=features,
            name=name,
            query_id=query.query.id,
            record=self.index.record(scored.entity) if with_record else {},
        )


def _with_spellings(forms: list[QueryForm]) -> tuple[list[QueryForm], dict[int, int]]:
    """The query's renderings plus those merged word by word (``spelling_forms``), and which
    merged rendering each merged one went into."""
    merged = spelling_forms(forms)
    if not merged:
        return forms, {}
    into: dict[int, int] = {}
    for k, (_, members) in enumerate(merged):
        for member in members:
            into[member] = len(forms) + k
    return [*forms, *(form for form, _ in merged)], into


def _spelling_pairs(
    pairs: Sequence[tuple[float, int, int]], merged: dict[int, int] | None
) -> Sequence[tuple[float, int, int]]:
    """``pairs`` plus, for each listed rendering paired with a merged query rendering, the pair
    with the merged one. Always aligned (estimate 1): its words may meet where no single
    rendering's did, so the renderings' estimates do not bound it."""
    if not merged:
        return pairs
    extra = {(merged[qf], lf) for _, qf, lf in pairs if qf in merged}
    return [*pairs, *((1.0, m, lf) for m, lf in sorted(extra))]


@dataclass(frozen=True, slots=True, init=False)
class Scored:
    """A scored candidate before it becomes a ``MatchResult`` (explained only if kept)."""

    score: float
    entity: int
    name: NameMatch | None
    features: tuple[FeatureResult, ...]
    explained: NameExplanation | None

    def __init__(
        self,
        score: float,
        entity: int,
        name: NameMatch | None,
        features: tuple[FeatureResult, ...] = (),
        explained: NameExplanation | None = None,
    ) -> None:
        # (Written out: the constructor dataclass writes runs interpreted, ~15x slower
        # than this one compiled; see DESIGN.md, "Where the time goes".)
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "entity", entity)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "features", features)
        object.__setattr__(self, "explained", explained)


class _Aligner:
    """The alignments of one query's renderings, shared between listed renderings with the
    same tokens (a party on six lists prints the same names six times), with their token
    accounts."""

    def __init__(self, index: MatchIndex, forms: Sequence[QueryForm]) -> None:
        self.index = index
        self.forms = forms
        self.found: dict[tuple[int, bytes, bytes], Alignment] = {}
        self.explained: dict[int, tuple[TokenAlignment, ...]] = {}

    def align(self, qf: int, lf: int) -> tuple[ListedForm, Alignment]:
        listed = self.index.listed_form(lf)
        key = (qf, bytes(listed.tids), bytes(listed.misses))  # type: ignore[arg-type]
        found = self.found.get(key)
        if found is None:
            found = self.found[key] = align(self.forms[qf], listed, self.index.vocab)
        return listed, found

    def explain(self, name: NameMatch) -> tuple[TokenAlignment, ...]:
        key = id(name.alignment)
        found = self.explained.get(key)
        if found is None:
            found = explain(name.query, name.listed, self.index.vocab, name.alignment)
            self.explained[key] = found
        return found


def _explain(
    name: NameMatch | None, index: MatchIndex, aligner: _Aligner | None = None
) -> NameExplanation | None:
    if name is None:
        return None
    tokens = (
        aligner.explain(name)
        if aligner is not None
        else explain(name.query, name.listed, index.vocab, name.alignment)
    )
    return NameExplanation(
        query_name=name.query.text,
        listed_name=name.listed_name,
        listed_kind=name.listed_kind,
        similarity=rounded(name.alignment.similarity, 4),
        tokens=tokens,
    )


# -- pairs -----------------------------------------------------------------------------------


def _as_entity(record: Query) -> StoredEntity:
    """A candidate record given as a ``Query`` turned into a one-entry list."""
    names = [
        {"value": n, "kind": "primary" if i == 0 else "strong_alias"}
        for i, n in enumerate(record.names)
        if n.strip()
    ]
    props: dict[str, list[str]] = {"country": list(record.countries)}
    if record.gender:
        props["gender"] = [record.gender]
    data = {
        "names": names,
        "birth_dates": [{"start": d} for d in record.birth_dates],
        "identifiers": [i.to_dict() for i in record.identifiers],
        "properties": props,
    }
    return StoredEntity(
        entity_id=record.id or "candidate",
        list_name="candidate",
        schema=record.schema or "LegalEntity",
        caption=names[0]["value"] if names else (record.id or "candidate"),
        source_id=record.id or "candidate",
        content_hash="",
        record=data,
    )


def compare(
    query: Query,
    candidate: Query,
    algorithm: Algorithm | str = Algorithm.BEST,
    *,
    rarity: RarityTable | None = None,
) -> MatchResult:
    """Score ``query`` against ``candidate`` (both records as ``Query``), always returning a result.

    Token rarities come from ``rarity`` (a screener's index) or, by default, from the table of
    name-token frequencies shipped with the package; ``match`` is set against the default
    threshold. Raises ``QueryError`` when either side cannot be screened.
    """
    prepare(candidate)
    prepared = prepare(query)
    index = MatchIndex.build([_as_entity(candidate)], rarity=rarity or bundled_rarity())
    screener = Screener(index)
    forms = query_forms(index, prepared)
    scored = screener._result(prepared, forms, Candidate(0), Algorithm(algorithm))
    if scored is None:  # not reached: a candidate with need 0 is always scored
        scored = Scored(0.0, 0, None)
    return screener._make(scored, prepared, screener.settings.threshold, with_record=False)
