"""Name alignment: one query rendering against one listed rendering, token by token.

Tokens are paired regardless of order, best pairs first (greedy on similarity × rarity mass).
A pair's similarity comes from the query token's expansion (exact, skeleton, phonetic or edit
level) or from an initial meeting a name with that first letter. The score is a rarity-weighted
Dice coefficient where an unpaired token costs its weight times a miss factor: little for a
missing middle name, patronymic, particle or legal form, much for a missing family name or a
number ("11420 CORP" is not "CORP").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sanctionguard.match.types import TokenAlignment
from sanctionguard.match.vocabulary import KIND_CODES, Vocabulary
from sanctionguard.names.types import NamePart, NameToken, TokenKind

INITIAL_SIM = 0.8  # "D." for "Dmitry": the letter agrees, the rest is unknown
INITIAL_SHARE = 0.4  # an initial carries this share of the full word's rarity mass

# What an unpaired token costs, as a share of its rarity weight, by kind...
KIND_MISS = {
    TokenKind.WORD: 1.0,
    TokenKind.NUMBER: 1.5,
    TokenKind.LEGAL_FORM: 0.3,
    TokenKind.STOPWORD: 0.2,
    TokenKind.INITIAL: 0.3,
}
# ...and, for name words of people, by name part.
PART_MISS = {
    NamePart.FAMILY: 1.2,
    NamePart.GIVEN: 0.8,
    NamePart.MIDDLE: 0.3,
    NamePart.PATRONYMIC: 0.25,
    NamePart.UNKNOWN: 1.0,
}
INTERIOR_MISS = 0.5  # an untagged inner word of a person's name is probably a middle name
_INITIAL = KIND_CODES[TokenKind.INITIAL]
_NUMBER = KIND_CODES[TokenKind.NUMBER]
_LEGAL = KIND_CODES[TokenKind.LEGAL_FORM]
_INFORMATIVE = frozenset({TokenKind.WORD, TokenKind.NUMBER})


@dataclass(frozen=True, slots=True)
class QueryToken:
    """A query token with its expansion into listed tokens and its rarity weight."""

    token: NameToken
    sims: dict[int, float]
    weight: float


@dataclass(frozen=True, slots=True)
class QueryForm:
    """One rendering of one query name, ready for alignment."""

    name: int  # position of the name in the query
    text: str  # the query name as given
    tokens: tuple[QueryToken, ...]
    weight: float  # sum of the tokens' weights
    person: bool
    misses: tuple[float, ...]  # each token's miss factor


@dataclass(frozen=True, slots=True)
class ListedForm:
    """One rendering of one listed name as the index stores it."""

    tids: Sequence[int]
    weights: Sequence[float]
    misses: Sequence[float]


@dataclass(frozen=True, slots=True)
class Alignment:
    """The outcome of aligning two renderings; ``pairs`` are (query i, listed j, sim, mass)."""

    similarity: float  # 0..1
    information: float  # rarity mass of the query's paired name words, similarity-weighted
    number_conflict: bool  # both names carry numbers and none agree
    legal_form_conflict: bool  # both names carry legal forms and none agree
    pairs: tuple[tuple[int, int, float, float], ...]


def _miss(kind: TokenKind, part: NamePart, interior: bool, first_given: bool) -> float:
    base = KIND_MISS[kind]
    if kind is not TokenKind.WORD:
        return base
    if part is NamePart.GIVEN and not first_given:
        return PART_MISS[NamePart.MIDDLE]
    if part is NamePart.UNKNOWN and interior:
        return INTERIOR_MISS
    return PART_MISS[part]


def miss_factors(tokens: Sequence[NameToken], person: bool) -> tuple[float, ...]:
    """The miss factor of each token of a rendering (see ``KIND_MISS`` and ``PART_MISS``).

    For people, a second given name counts as a middle name, and an untagged word between the
    first and the last word as a probable middle name.
    """
    if not person:
        return tuple(KIND_MISS[t.kind] for t in tokens)
    words = [i for i, t in enumerate(tokens) if t.kind is TokenKind.WORD]
    inner = set(words[1:-1]) if len(words) >= 3 else set()
    givens = [i for i, t in enumerate(tokens) if t.part is NamePart.GIVEN]
    first_given = givens[0] if givens else -1
    return tuple(
        _miss(t.kind, t.part, i in inner, first_given < 0 or i == first_given)
        for i, t in enumerate(tokens)
    )


def align(form: QueryForm, listed: ListedForm, vocab: Vocabulary) -> Alignment:
    """Align a query rendering with a listed rendering."""
    tids, lweights = listed.tids, listed.weights
    kinds, texts = vocab.kinds, vocab.texts
    candidates = []
    for i, q in enumerate(form.tokens):
        sims = q.sims
        qinitial = q.token.kind is TokenKind.INITIAL
        first = q.token.text[:1]
        for j, tid in enumerate(tids):
            sim = sims.get(tid)
            if sim is not None:
                mass = q.weight + lweights[j]
            elif qinitial and texts[tid][:1] == first:
                sim, mass = INITIAL_SIM, 2 * INITIAL_SHARE * lweights[j]
            elif kinds[tid] == _INITIAL and texts[tid] == first:
                sim, mass = INITIAL_SIM, 2 * INITIAL_SHARE * q.weight
            else:
                continue
            candidates.append((sim * mass, sim, mass, i, j))
    candidates.sort(reverse=True)
    pairs = []
    qused: set[int] = set()
    lused: set[int] = set()
    for _, sim, mass, i, j in candidates:
        if i not in qused and j not in lused:
            pairs.append((i, j, sim, mass))
            qused.add(i)
            lused.add(j)
    return _score(form, listed, vocab, tuple(pairs), qused, lused)


def _score(
    form: QueryForm,
    listed: ListedForm,
    vocab: Vocabulary,
    pairs: tuple[tuple[int, int, float, float], ...],
    qused: set[int],
    lused: set[int],
) -> Alignment:
    num = den = info = 0.0
    qtokens = form.tokens
    for i, _, sim, mass in pairs:
        num += sim * mass
        den += mass
        if qtokens[i].token.kind in _INFORMATIVE:
            info += sim * qtokens[i].weight
    for i, q in enumerate(qtokens):
        if i not in qused:
            den += q.weight * form.misses[i]
    for j, miss in enumerate(listed.misses):
        if j not in lused:
            den += listed.weights[j] * miss
    kinds = vocab.kinds
    lkinds = {kinds[t] for t in listed.tids}
    return Alignment(
        similarity=num / den if den > 0 else 0.0,
        information=info,
        number_conflict=_NUMBER in lkinds and _conflict(qtokens, pairs, TokenKind.NUMBER),
        legal_form_conflict=_LEGAL in lkinds and _conflict(qtokens, pairs, TokenKind.LEGAL_FORM),
        pairs=pairs,
    )


def _conflict(
    qtokens: tuple[QueryToken, ...],
    pairs: tuple[tuple[int, int, float, float], ...],
    kind: TokenKind,
) -> bool:
    """The query has tokens of ``kind`` (as the listed name does) and none of them paired."""
    has = {i for i, q in enumerate(qtokens) if q.token.kind is kind}
    return bool(has) and not any(i in has for i, *_ in pairs)


def explain(
    form: QueryForm, listed: ListedForm, vocab: Vocabulary, alignment: Alignment
) -> tuple[TokenAlignment, ...]:
    """The token-by-token account of an alignment: pairs first, then unpaired tokens."""
    out = [
        TokenAlignment(
            form.tokens[i].token.text,
            vocab.texts[listed.tids[j]],
            round(sim, 3),
            round(mass / 2, 3),
        )
        for i, j, sim, mass in alignment.pairs
    ]
    qused = {p[0] for p in alignment.pairs}
    lused = {p[1] for p in alignment.pairs}
    out.extend(
        TokenAlignment(q.token.text, None, 0.0, round(q.weight, 3))
        for i, q in enumerate(form.tokens)
        if i not in qused
    )
    out.extend(
        TokenAlignment(None, vocab.texts[tid], 0.0, round(listed.weights[j], 3))
        for j, tid in enumerate(listed.tids)
        if j not in lused
    )
    return tuple(out)
