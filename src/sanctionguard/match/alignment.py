"""Name alignment: one query rendering against one listed rendering, token by token.

Tokens are paired regardless of order, best pairs first (greedy on what a pair adds to the score).
A pair's similarity comes from the query token's expansion (exact, skeleton, phonetic or edit
level) or from an initial meeting a name with that first letter. The score is a rarity-weighted
Dice coefficient where an unpaired token costs its weight times a miss factor: little for a
missing middle name, patronymic, particle or legal form, much for a missing family name or a
number ("11420 CORP" is not "CORP"). Two patronymics that do not pair are no missing name but
another father: each costs ``PATRONYMIC_CLASH``.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Final

from rapidfuzz.distance import OSA

from sanctionguard.match.analysis import KIND_CODES, KINDS
from sanctionguard.match.types import TokenAlignment, rounded
from sanctionguard.match.vocabulary import (
    MAX_EXPANSION,
    SKELETON_SIM,
    Vocabulary,
    patronymic_start,
    typo_similarity,
)
from sanctionguard.names.types import NamePart, NameToken, TokenKind

# "D." for "Dmitry": compatible; the pair weighs only as much as the initial
INITIAL_SIM: Final = 1.0
PAIRING_TARGET: Final = 0.9  # greedy pairing favours pairs that lift the score above this

# What an unpaired token costs, as a share of its rarity weight, by kind...
KIND_MISS: Final = {
    TokenKind.WORD: 1.0,
    TokenKind.NUMBER: 1.5,
    TokenKind.LEGAL_FORM: 0.3,
    TokenKind.STOPWORD: 0.2,
    TokenKind.INITIAL: 0.3,
}
# ...and, for name words of people, by name part. (The patronymic's factor is told apart from
# the others: alignment recognises an unpaired patronymic by it, see ``PATRONYMIC_CLASH``.)
PART_MISS: Final = {
    NamePart.FAMILY: 1.2,
    NamePart.GIVEN: 0.8,
    NamePart.MIDDLE: 0.2,
    NamePart.PATRONYMIC: 0.15,
    NamePart.UNKNOWN: 1.0,
    NamePart.SYLLABLE: 1.0,  # an East Asian given name's later syllable (see below)
    NamePart.DESCRIPTOR: 1.0,
}
# What a word that tells a firm's kind costs unpaired in a firm's name ("research", "plant"):
# as a legal form does: such words say what a firm is, not which firm it is.
DESCRIPTOR_MISS: Final = 0.3
INTERIOR_MISS: Final = 0.25  # an untagged inner word of a person's name is probably a middle name
# A family name of two words or more ("Juan Carlos HIDALGO PANDARES", "Moussa KHALIL ELAHI"):
# each word is half of it, and people go by one of a double surname.
COMPOUND_FAMILY_MISS: Final = 0.6
# Both names give a patronymic and they do not pair: another father, most likely another person
# ("Vladimir Yurievich ZAITSEV" is not "Vladimir Egorovich ZAITSEV"). Each then costs this much.
# as much as a given name: another father is as telling as another name
PATRONYMIC_CLASH: Final = 0.8
# An inner syllable of a given name written apart costs as an inner word of a Western name
# would (a probable middle name) while the East Asian reading rests on a guess from Latin
# letters ("Kim Sam" for "KIM CHOL SAM" in a Latin record). A query written in Han, Hangul, Kana
# or Arabic (``names.analyze.PARTS_SCRIPTS``), or read syllable by syllable from a Latin system
# that writes each syllable apart (a Korean name in RR read as the DPRK spells it, a Chinese one
# in Wade-Giles read in pinyin), tells its given name's parts for certain: a
# syllable one name has and the other lacks is another given name there (김삼 is not "KIM CHOL
# SAM", 李瑜 "Li Yu" not "LI CHENG YU", محمدجواد not "Mohammad") and costs ``SYLLABLE_STRICT``.
# (Alignment tells the listed factor apart by its value: it must stay distinct from
# ``INTERIOR_MISS``.)
SYLLABLE_INTERIOR_MISS: Final = 0.24
SYLLABLE_STRICT: Final = 1.0
_LISTED_SYLLABLE_MISS: Final = array("f", [SYLLABLE_INTERIOR_MISS])[0]  # as the index stores it
_PATRONYMIC_MISS: Final = PART_MISS[NamePart.PATRONYMIC]
# (as the index stores it: float32)
_LISTED_PATRONYMIC_MISS: Final = array("f", [_PATRONYMIC_MISS])[0]
READING_MIN: Final = 0.4  # two renderings read the same word when their spellings are this alike
# One name held whole in the other: every name word (two or more) of one rendering pairs, and
# the other has more ("Paul Malong AWAN" in "PAUL MALONG AWAN ANEI", "Abdul Kareem Barey" in
# "Gibril Abdul Kareem BAREY"). Lists print more or fewer of a person's names (a full nasab, a
# second family name), and customers' records too: the longer name's extra words cost this
# share of their miss factors, but no less than their factor up to ``CONTAINED_FLOOR`` (a
# missing family name costs half, a middle name or a patronymic as much as before). The floor
# holds for one such word of a listed name, the costliest, where the held words pair as the
# same names: a run of middle names left out is one omission (``align``).
CONTAINED_SHARE: Final = 0.5
# A firm's name held whole in another: lists add or drop the words that say what and where it
# is ("FEDERAL STATE UNITARY ENTERPRISE ... CENTRAL SCIENTIFIC RESEARCH INSTITUTE OF CHEMISTRY
# AND MECHANICS" beside "STATE RESEARCH CENTER OF THE RUSSIAN FEDERATION FGUP CENTRAL ..."),
# while a person's extra name may be another family's ("Jiang Ping" is not "ZHANG Jiang Ping").
CONTAINED_SHARE_FIRM: Final = 0.4
CONTAINED_FLOOR: Final = 0.3
# A run of a person's middle names, patronymic or nasab that a held query leaves out ("Aisha
# QADHAFI" for "AISHA MUAMMAR MUHAMMED ABU MINYAR QADHAFI", a customer's record of a first and
# a family name) is one omission: beyond the costliest, each word costs this share of its held
# cost. (First and family name of 400 listed people of four words or more, bench's
# firstlast: 0.877 found -> 0.940 at 0.5, 0.950 at 0.25, where "Ali BADRI" began to alert on
# "AL-BADRI, Ibrahim 'Awwad Ibrahim 'Ali".)
RUN_SHARE: Final = 0.5
# name words of a listed name held whole in the query's (see ``_contained``)
LISTED_HELD_MIN: Final = 3
# a pair at least this alike is one name in two spellings (``SKELETON_SIM``), not a typo's
SAME_NAME_SIM: Final = SKELETON_SIM
REPEAT_MISS: Final = 0.1  # a word repeating one before it in the same name (``with_repeats``)
# A firm's, a vessel's word this short is mostly an acronym or a code ("TES" for Trade Engine
# System): it stands for its letters, not for a sound, so it pairs with a word two or more
# letters longer only letter for letter ("Thies AG" is no "TES"; "Abou" still meets "Abu").
CODE_MAX: Final = 3
_VOWELS: Final = frozenset("aeiouy")
# An initial of one name left unpaired beside a middle name or patronymic of the other that it
# cannot stand for ("Mikhail P MATVEYEV" and "Mikhail Nikolaevich MATVEEV"): the initial tells
# another middle name, most likely another person. The costliest such word then costs this
# much, held whole or not: less than another patronymic (``PATRONYMIC_CLASH``), an initial
# tells one letter. First letters that romanisations of one sound begin with are no clash
# ("E." for Yevgenyevich, "H." for Gennadiyovych, "F." for Philip): ``INITIAL_ALIKE``.
INITIAL_CLASH: Final = 0.6
INITIAL_ALIKE: Final = ("aeiouyj", "ghkxqc", "cstz", "jzdg", "fpv", "vwb", "td")
# the miss factors of a middle name, a patronymic, a probable middle name (a listed form holds
# them as float32, as ``_LISTED_PATRONYMIC_MISS``)
_MIDDLE_MISSES: Final = frozenset(
    {PART_MISS[NamePart.MIDDLE], PART_MISS[NamePart.PATRONYMIC], INTERIOR_MISS}
)
_LISTED_MIDDLE_MISSES: Final = frozenset(array("f", sorted(_MIDDLE_MISSES)))
_INITIAL: Final = KIND_CODES[TokenKind.INITIAL]
_NUMBER: Final = KIND_CODES[TokenKind.NUMBER]
_LEGAL: Final = KIND_CODES[TokenKind.LEGAL_FORM]
_WORD: Final = KIND_CODES[TokenKind.WORD]
_STOPWORD: Final = KIND_CODES[TokenKind.STOPWORD]
_INFORMATIVE: Final = frozenset({TokenKind.WORD, TokenKind.NUMBER})
_GIVEN_PARTS: Final = frozenset({NamePart.GIVEN, NamePart.SYLLABLE})


@dataclass(frozen=True, slots=True, init=False)
class QueryToken:
    """A query token with its expansion into listed tokens and its rarity weight."""

    token: NameToken
    sims: dict[int, float]
    weight: float
    volume: int  # form postings of its listed tokens (what reading them costs)
    typo: bool  # unprinted, or no listed word near it: maybe two typos from one
    keys: frozenset[int]  # the listed tokens it may stand for
    # A word read differently by the query's renderings (see ``spelling_forms``): its readings,
    # and per listed token the weight of the reading that meets it best.
    readings: tuple[QueryToken, ...]
    pair_weights: Mapping[int, float] | None

    def __init__(
        self,
        token: NameToken,
        sims: dict[int, float],
        weight: float,
        volume: int = 0,
        typo: bool = False,
        keys: frozenset[int] = frozenset(),
        readings: tuple[QueryToken, ...] = (),
        pair_weights: Mapping[int, float] | None = None,
    ) -> None:
        # (Written out: the constructor dataclass writes runs interpreted, ~15x slower
        # than this one compiled; see DESIGN.md, "Where the time goes".)
        object.__setattr__(self, "token", token)
        object.__setattr__(self, "sims", sims)
        object.__setattr__(self, "weight", weight)
        object.__setattr__(self, "volume", volume)
        object.__setattr__(self, "typo", typo)
        object.__setattr__(self, "keys", keys)
        object.__setattr__(self, "readings", readings)
        object.__setattr__(self, "pair_weights", pair_weights)


@dataclass(frozen=True, slots=True, init=False)
class QueryForm:
    """One rendering of one query name, ready for alignment."""

    name: int  # position of the name in the query
    text: str  # the query name as given
    tokens: tuple[QueryToken, ...]
    weight: float  # sum of the tokens' weights
    person: bool
    misses: tuple[float, ...]  # each token's miss factor
    has_number: bool
    has_legal_form: bool
    own_script: bool  # its parts told for certain (see ``SYLLABLE_STRICT``)
    guessed: bool  # has initials or possible typos, which pair beyond the estimates

    def __init__(
        self,
        name: int,
        text: str,
        tokens: tuple[QueryToken, ...],
        weight: float,
        person: bool,
        misses: tuple[float, ...],
        has_number: bool = False,
        has_legal_form: bool = False,
        own_script: bool = False,
        guessed: bool = False,
    ) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "tokens", tokens)
        object.__setattr__(self, "weight", weight)
        object.__setattr__(self, "person", person)
        object.__setattr__(self, "misses", misses)
        object.__setattr__(self, "has_number", has_number)
        object.__setattr__(self, "has_legal_form", has_legal_form)
        object.__setattr__(self, "own_script", own_script)
        object.__setattr__(self, "guessed", guessed)


@dataclass(frozen=True, slots=True, init=False)
class ListedForm:
    """One rendering of one listed name as the index stores it."""

    tids: Sequence[int]
    weights: Sequence[float]
    misses: Sequence[float]

    def __init__(
        self, tids: Sequence[int], weights: Sequence[float], misses: Sequence[float]
    ) -> None:
        object.__setattr__(self, "tids", tids)
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "misses", misses)


@dataclass(frozen=True, slots=True, init=False)
class Alignment:
    """The outcome of aligning two renderings; ``pairs`` are (query i, listed j, sim, mass)."""

    similarity: float  # 0..1
    information: float  # rarity mass of the query's paired name words (not initials), by similarity
    number_conflict: bool  # both names carry numbers and none agree
    legal_form_conflict: bool  # both names carry legal forms and none agree
    pairs: tuple[tuple[int, int, float, float], ...]

    def __init__(
        self,
        similarity: float,
        information: float,
        number_conflict: bool,
        legal_form_conflict: bool,
        pairs: tuple[tuple[int, int, float, float], ...],
    ) -> None:
        object.__setattr__(self, "similarity", similarity)
        object.__setattr__(self, "information", information)
        object.__setattr__(self, "number_conflict", number_conflict)
        object.__setattr__(self, "legal_form_conflict", legal_form_conflict)
        object.__setattr__(self, "pairs", pairs)


def _miss(kind: TokenKind, part: NamePart, interior: bool, first_given: bool) -> float:
    base = KIND_MISS[kind]
    if kind is not TokenKind.WORD:
        return base
    if part is NamePart.GIVEN and not first_given:
        return PART_MISS[NamePart.MIDDLE]
    if part is NamePart.UNKNOWN and interior:
        return INTERIOR_MISS
    if part is NamePart.SYLLABLE and interior:
        return SYLLABLE_INTERIOR_MISS
    return PART_MISS[part]


def with_repeats(tokens: Sequence[Hashable], misses: tuple[float, ...]) -> tuple[float, ...]:
    """Miss factors with a token that repeats one before it in the rendering at
    ``REPEAT_MISS`` at most: a word printed twice ("Nasser DEEB DEEB", "BANK SEPAH AND BANK
    SEPAH INTERNATIONAL") tells nothing the first did not, so leaving it unpaired costs little
    (the first copy pairs first: its miss costs more)."""
    if len(set(tokens)) == len(tokens):
        return misses
    seen: set[Hashable] = set()
    out = list(misses)
    for i, token in enumerate(tokens):
        if token in seen:
            out[i] = min(out[i], REPEAT_MISS)
        seen.add(token)
    return tuple(out)


@lru_cache(maxsize=4096)
def miss_factors(
    kinds: tuple[TokenKind, ...],
    parts: tuple[NamePart, ...],
    person: bool,
    own_script: bool = False,
) -> tuple[float, ...]:
    """The miss factor of each token of a rendering (see ``KIND_MISS`` and ``PART_MISS``;
    remembered: names share a few hundred patterns).

    For people, a second given name counts as a middle name, and an untagged word between the
    first and the last word as a probable middle name. An East Asian given name written apart
    (a rendering with ``SYLLABLE`` parts) costs, in a rendering of a name written in its own
    script (``own_script``), as its parts say; read from Latin letters, its syllables cost as
    untagged words would (``SYLLABLE_INTERIOR_MISS`` inside the name).
    """
    if not person:
        return tuple(
            DESCRIPTOR_MISS if p is NamePart.DESCRIPTOR else KIND_MISS[k]
            for k, p in zip(kinds, parts, strict=True)
        )
    words = [i for i, k in enumerate(kinds) if k is TokenKind.WORD]
    inner = set(words[1:-1]) if len(words) >= 3 else set()
    if not own_script and NamePart.SYLLABLE in parts:
        parts = tuple(
            NamePart.SYLLABLE if p is NamePart.GIVEN or p is NamePart.SYLLABLE else p for p in parts
        )
    givens = [i for i, p in enumerate(parts) if p is NamePart.GIVEN]
    first_given = givens[0] if givens else -1
    compound = sum(1 for i in words if parts[i] is NamePart.FAMILY) >= 2
    return tuple(
        COMPOUND_FAMILY_MISS
        if compound and p is NamePart.FAMILY and k is TokenKind.WORD
        else SYLLABLE_STRICT
        if own_script and p is NamePart.SYLLABLE and k is TokenKind.WORD
        else _miss(k, p, i in inner, first_given < 0 or i == first_given)
        for i, (k, p) in enumerate(zip(kinds, parts, strict=True))
    )


def align(form: QueryForm, listed: ListedForm, vocab: Vocabulary) -> Alignment:
    """Align a query rendering with a listed rendering."""
    tids, lweights, lmisses = listed.tids, listed.weights, listed.misses
    kinds, texts = vocab.kinds, vocab.texts
    candidates = []
    firm = not form.person
    for i, q in enumerate(form.tokens):
        sims, qweight, by_tid = q.sims, q.weight, q.pair_weights
        qcost = qweight * form.misses[i]
        first = q.token.text[:1]
        qinitial = q.token.kind is TokenKind.INITIAL
        qword = q.token.text if firm and q.token.kind is TokenKind.WORD else ""
        for j, tid in enumerate(tids):
            sim = sims.get(tid)
            if sim is not None:
                if qword and sim < 1.0 and kinds[tid] == _WORD and codes_apart(qword, texts[tid]):
                    continue
                mass = (by_tid[tid] if by_tid else qweight) + lweights[j]
            elif qinitial and texts[tid][:1] == first:
                sim, mass = INITIAL_SIM, -2 * qweight
            elif kinds[tid] == _INITIAL and texts[tid] == first:
                sim, mass = INITIAL_SIM, -2 * lweights[j]
            else:
                continue
            # What pairing i with j adds to the numerator, against what it adds to the
            # denominator instead of leaving both unpaired: prefers "T." for "Timofey" over
            # "T." for the cheap-to-miss patronymic "Timofeevich". An initial pair (negative
            # mass, a marker) weighs only as much as the initial: it tells one letter.
            size = abs(mass)
            gain = sim * size - PAIRING_TARGET * (size - qcost - lweights[j] * lmisses[j])
            candidates.append((gain, sim, mass, i, j))
    if len(candidates) > 1:
        candidates.sort(reverse=True)
    pairs = []
    qused: set[int] = set()
    lused: set[int] = set()
    num = den = info = 0.0
    qtokens = form.tokens
    for _, sim, mass, i, j in candidates:
        if i in qused or j in lused:
            continue
        qused.add(i)
        lused.add(j)
        if mass < 0:
            mass = -mass
        elif (q := qtokens[i]).token.kind in _INFORMATIVE:
            info += sim * (q.pair_weights[tids[j]] if q.pair_weights else q.weight)
        pairs.append((i, j, sim, mass))
        num += sim * mass
        den += mass
    undone: set[int] = set()  # syllables paired out of order: another name, no typo either
    if form.own_script and len(pairs) > 1 and form.text.isascii():
        pairs, num, den, info = _syllables_in_order(form, listed, vocab, pairs, (num, den, info))
        undone = qused.difference(p[0] for p in pairs)
        lused.intersection_update(p[1] for p in pairs)
    if len(qused) < len(qtokens) and len(lused) < len(tids):
        for i, j, sim, mass in _typo_pairs(form, listed, vocab, qused, lused):
            info += sim * mass / 2
            pairs.append((i, j, sim, mass))
            num += sim * mass
            den += mass
        for i, j, sim, mass in _abjad_pairs(form, listed, vocab, qused, lused):
            info += sim * qtokens[i].weight
            pairs.append((i, j, sim, mass))
            num += sim * mass
            den += mass
    qused -= undone
    qmisses = form.misses
    clash = _patronymics_clash(qmisses, lmisses, qused, lused)
    # (Where two patronymics clash already, they cost more than an initial's clash would; a
    # clash needs a word left on each side.)
    qclash = lclash = -1
    if form.person and not clash and len(qused) < len(qtokens) and len(lused) < len(tids):
        qclash, lclash = _initial_clash(form, listed, vocab, qused, lused)
    qheld, lheld = _contained(qtokens, tids, kinds, qused, lused)
    for i, q in enumerate(qtokens):
        if i == qclash:
            den += q.weight * INITIAL_CLASH
        elif i not in qused:
            miss = qmisses[i]
            if clash and miss == _PATRONYMIC_MISS:
                miss = PATRONYMIC_CLASH
            den += q.weight * (contained_miss(miss, form.person) if lheld else miss)
    strict = form.own_script
    share = contained_share(form.person)
    floored = 0.0  # the most the floor adds to one of a held query's listed words (see below)
    run_sum = run_max = 0.0  # a held query's listed middle words left out (see below)
    # (Only where the held words are the same names, in one spelling or another: "Yaser
    # Alrafi" is no "Yaser Khalaf Nazzal Alrawi".)
    once = qheld and all(p[2] >= SAME_NAME_SIM for p in pairs)
    for j, miss in enumerate(lmisses):
        if j == lclash:
            den += lweights[j] * INITIAL_CLASH
        elif j not in lused:
            if clash and miss == _LISTED_PATRONYMIC_MISS:
                miss = PATRONYMIC_CLASH
            elif strict and miss == _LISTED_SYLLABLE_MISS:
                # (another given name, held whole or not: 万丽 "Wan Li" is no "Li Van Chol")
                den += lweights[j] * SYLLABLE_STRICT
                continue
            if qheld:
                # The floor (``CONTAINED_FLOOR``) holds for one cheap word the query lacks, the
                # costliest: the rest of a run of middle names, a nasab the query leaves out
                # ("Muhsin AL-FADHLI" for "MUHSIN FADHIL AYED ASHOUR AL-FADHLI"), is one
                # omission, not one per word.
                floor = contained_miss(miss, form.person) - share * miss
                if once:
                    floored = max(floored, lweights[j] * floor)
                    if form.person and miss in _LISTED_MIDDLE_MISSES:
                        # (one of a run: ``RUN_SHARE``)
                        cost = lweights[j] * share * miss
                        run_sum += cost
                        run_max = max(run_max, cost)
                        continue
                else:
                    den += lweights[j] * floor
                den += lweights[j] * share * miss
            else:
                den += lweights[j] * miss
    den += floored + run_max + RUN_SHARE * (run_sum - run_max)
    return Alignment(
        similarity=num / den if den > 0 else 0.0,
        information=info,
        number_conflict=form.has_number and _conflict(form, tids, kinds, qused, _NUMBER),
        legal_form_conflict=form.has_legal_form and _conflict(form, tids, kinds, qused, _LEGAL),
        pairs=tuple(pairs),
    )


def _syllables_in_order(
    form: QueryForm,
    listed: ListedForm,
    vocab: Vocabulary,
    pairs: list[tuple[int, int, float, float]],
    sums: tuple[float, float, float],
) -> tuple[list[tuple[int, int, float, float]], float, float, float]:
    """A given name's syllables written apart in Latin letters and read syllable by syllable
    (``QueryForm.own_script`` for an ASCII name: a Korean name in RR read as the DPRK spells
    it), paired in the other order, are another given name ("Kim Eun-jeong" 은정 is not "KIM
    Jong Un" 정은): the pair of each syllable whose listed partner comes before its
    predecessor's is undone, both words then left unpaired at their strict cost. Syllabic name
    words on both sides only (an initial's pair weighs otherwise). Not for names in Hangul or
    Han, whose parts are a guess where the family name comes last ("정은 김")."""
    tokens, tids, kinds = form.tokens, listed.tids, vocab.kinds
    given = sorted(
        (i, j)
        for i, j, _, _ in pairs
        if tokens[i].token.part in _GIVEN_PARTS
        and tokens[i].token.kind is TokenKind.WORD
        and (tokens[i].token.syllabic or any(r.token.syllabic for r in tokens[i].readings))
        and kinds[tids[j]] == _WORD
    )
    undo = {i2 for (_, j1), (i2, j2) in pairwise(given) if j2 < j1}
    num, den, info = sums
    if not undo:
        return pairs, num, den, info
    kept = []
    for i, j, sim, mass in pairs:
        if i not in undo:
            kept.append((i, j, sim, mass))
            continue
        q = tokens[i]
        num -= sim * mass
        den -= mass
        info -= sim * (q.pair_weights[tids[j]] if q.pair_weights else q.weight)
    return kept, num, den, info


def contained_share(person: bool) -> float:
    """The share of their miss factors a held name's other words cost (``CONTAINED_SHARE``)."""
    return CONTAINED_SHARE if person else CONTAINED_SHARE_FIRM


def contained_miss(miss: float, person: bool) -> float:
    """A miss factor in a name held whole in the other (``CONTAINED_SHARE``)."""
    return max(contained_share(person) * miss, min(miss, CONTAINED_FLOOR))


def _contained(
    qtokens: Sequence[QueryToken],
    tids: Sequence[int],
    kinds: bytearray,
    qused: set[int],
    lused: set[int],
) -> tuple[bool, bool]:
    """Whether the query's name words are held whole in the listed rendering's (two or more
    of them, all paired), and whether the listed rendering's are in the query's (three or
    more: a listed alias may be a part of a name, "VITEL HOMME" a given name, and
    "Vitelhomme RI" another person). See ``CONTAINED_SHARE``."""
    paired = 0
    for i, q in enumerate(qtokens):
        if q.token.kind in _INFORMATIVE:
            if i not in qused:
                break
            paired += 1
    else:
        if paired >= 2:
            return True, False
    paired = 0
    for j, tid in enumerate(tids):
        if kinds[tid] == _WORD or kinds[tid] == _NUMBER:
            if j not in lused:
                return False, False
            paired += 1
    return False, paired >= LISTED_HELD_MIN


def _patronymics_clash(
    qmisses: Sequence[float], lmisses: Sequence[float], qused: set[int], lused: set[int]
) -> bool:
    """Both renderings have a patronymic (told by its miss factor) left unpaired."""
    if _PATRONYMIC_MISS not in qmisses or _LISTED_PATRONYMIC_MISS not in lmisses:
        return False
    return any(m == _PATRONYMIC_MISS and i not in qused for i, m in enumerate(qmisses)) and any(
        m == _LISTED_PATRONYMIC_MISS and j not in lused for j, m in enumerate(lmisses)
    )


def codes_apart(query: str, listed: str) -> bool:
    """Whether a firm's query word and a listed word differ too much in length for either to
    be a spelling of the other, one being a short code (``CODE_MAX``). A short word without
    vowels may be the longer one written without them ("KBR" for Kabir: ``_vowels_dropped``)."""
    short, other = sorted((query, listed), key=len)
    return (
        len(short) <= CODE_MAX and len(other) - len(short) >= 2 and any(c in _VOWELS for c in short)
    )


def initials_alike(a: str, b: str) -> bool:
    """Whether two first letters may begin romanisations of one name (``INITIAL_ALIKE``)."""
    return a == b or any(a in group and b in group for group in INITIAL_ALIKE)


def _initial_clash(
    form: QueryForm, listed: ListedForm, vocab: Vocabulary, qused: set[int], lused: set[int]
) -> tuple[int, int]:
    """The query word and the listed word that cost ``INITIAL_CLASH`` (-1 for none): the
    heaviest unpaired middle name or patronymic of one name that an unpaired initial of the
    other cannot stand for, where no unpaired middle name there could."""
    kinds, texts, tids = vocab.kinds, vocab.texts, listed.tids
    lfree = [j for j in range(len(tids)) if j not in lused]
    qinitials = [
        q.token.text[:1]
        for i, q in enumerate(form.tokens)
        if i not in qused and q.token.kind is TokenKind.INITIAL
    ]
    linitials = [texts[tids[j]][:1] for j in lfree if kinds[tids[j]] == _INITIAL]
    qmiddles = [
        (i, q.token.text[:1], q.weight)
        for i, q in enumerate(form.tokens)
        if linitials
        and i not in qused
        and q.token.kind is TokenKind.WORD
        and form.misses[i] in _MIDDLE_MISSES
    ]
    lmiddles = [
        (j, texts[tids[j]][:1], float(listed.weights[j]))
        for j in lfree
        if qinitials and kinds[tids[j]] == _WORD and listed.misses[j] in _LISTED_MIDDLE_MISSES
    ]
    return _clashing(linitials, qmiddles), _clashing(qinitials, lmiddles)


def _clashing(initials: list[str], middles: list[tuple[int, str, float]]) -> int:
    """The index of the heaviest of ``middles`` (index, first letter, weight) when one of
    ``initials`` stands for none of them, else -1."""
    if not middles or all(
        any(initials_alike(letter, first) for _, first, _ in middles) for letter in initials
    ):
        return -1
    return max(middles, key=lambda m: m[2])[0]


def _typo_pairs(
    form: QueryForm, listed: ListedForm, vocab: Vocabulary, qused: set[int], lused: set[int]
) -> list[tuple[int, int, float, float]]:
    """Unpaired query words the lists never print, paired with an unpaired listed word (or a
    legal form's written word) they mistype: two typos the vocabulary lookup cannot reach."""
    found = []
    kinds, texts, ids = vocab.kinds, vocab.texts, vocab.ids
    for i, q in enumerate(form.tokens):
        if i in qused or q.token.kind is not TokenKind.WORD or q.token.syllabic:
            continue
        start = patronymic_start(q.token)
        typed = [r.token.text for r in q.readings or (q,) if r.token.text not in ids]
        if not typed:
            continue
        best, best_j = 0.0, -1
        for j, tid in enumerate(listed.tids):
            if j in lused or (kinds[tid] == _WORD and not texts[tid].startswith(start)):
                continue
            if kinds[tid] == _STOPWORD and form.person:
                continue  # (a person's title: "Hamji" is a name, not a mistyped "Haaji")
            spellings = vocab.typo_spellings(tid)
            sim = max((typo_similarity(t, w) for w in spellings for t in typed), default=0.0)
            if sim > best:
                best, best_j = sim, j
        if best_j >= 0:
            qused.add(i)
            lused.add(best_j)
            # Weighed as the listed word, as when the lookup finds a typo: the query word's
            # own weight (never printed: the rarest) would overstate it.
            found.append((i, best_j, best, 2 * listed.weights[best_j]))
    return found


def _abjad_pairs(
    form: QueryForm, listed: ListedForm, vocab: Vocabulary, qused: set[int], lused: set[int]
) -> list[tuple[int, int, float, float]]:
    """Unpaired query words rendered from an abjad whose expansion is full (``MAX_EXPANSION``:
    a short consonant key's words may be more), paired with the unpaired listed word of the best
    consonant similarity (``Vocabulary.abjad_similarity``): "مرعي" (Mari) with "MERAI"."""
    found = []
    kinds = vocab.kinds
    for i, q in enumerate(form.tokens):
        if i in qused or not q.token.abjad or len(q.sims) < MAX_EXPANSION:
            continue
        best, best_j = 0.0, -1
        for j, tid in enumerate(listed.tids):
            if j not in lused and kinds[tid] == _WORD:
                sim = vocab.abjad_similarity(q.token.text, tid)
                if sim > best:
                    best, best_j = sim, j
        if best_j >= 0:
            qused.add(i)
            lused.add(best_j)
            found.append((i, best_j, best, q.weight + listed.weights[best_j]))
    return found


def _conflict(
    form: QueryForm, tids: Sequence[int], kinds: bytearray, qused: set[int], code: int
) -> bool:
    """Both names carry tokens of a kind (numbers, legal forms) and no query one paired."""
    if not any(kinds[t] == code for t in tids):
        return False
    kind = KINDS[code]
    return not any(i in qused for i, q in enumerate(form.tokens) if q.token.kind is kind)


def explain(
    form: QueryForm, listed: ListedForm, vocab: Vocabulary, alignment: Alignment
) -> tuple[TokenAlignment, ...]:
    """The token-by-token account of an alignment: pairs first, then unpaired tokens."""
    out = [
        TokenAlignment(
            reading(form.tokens[i], listed.tids[j]),
            vocab.texts[listed.tids[j]],
            rounded(sim, 3),
            rounded(mass / 2, 3),
        )
        for i, j, sim, mass in alignment.pairs
    ]
    qused = {p[0] for p in alignment.pairs}
    lused = {p[1] for p in alignment.pairs}
    out.extend(
        TokenAlignment(q.token.text, None, 0.0, rounded(q.weight, 3))
        for i, q in enumerate(form.tokens)
        if i not in qused
    )
    out.extend(
        TokenAlignment(None, vocab.texts[tid], 0.0, rounded(listed.weights[j], 3))
        for j, tid in enumerate(listed.tids)
        if j not in lused
    )
    return tuple(out)


def reading(q: QueryToken, tid: int) -> str:
    """The query word as the reading that meets listed token ``tid`` best (its only one for
    most words)."""
    if not q.readings:
        return q.token.text
    return max(q.readings, key=lambda r: r.sims.get(tid, -1.0)).token.text


def spelling_forms(forms: Sequence[QueryForm]) -> list[tuple[QueryForm, tuple[int, ...]]]:
    """Renderings of one name that read the same words differently, merged word by word, with
    the positions of the renderings merged.

    Transliteration systems differ word by word, and so do the lists: a Korean name printed as
    "Kim Yong Bok" takes McCune-Reischauer's "Yong" and Revised Romanization's "Bok"; a Hebrew
    name "Zvi Bar Yosef" takes one guess for each word. Renderings with the same word kinds
    whose words are alike position by position (``READING_MIN``: not the order variants of a
    Chinese name) become one rendering whose words may be read either way.
    """
    groups: dict[tuple[int, tuple[TokenKind, ...]], list[int]] = {}
    for k, form in enumerate(forms):
        groups.setdefault((form.name, tuple(q.token.kind for q in form.tokens)), []).append(k)
    merged = []
    for members in groups.values():
        if len(members) < 2:
            continue
        head = forms[members[0]]
        kept = [members[0]] + [k for k in members[1:] if _same_words(head, forms[k])]
        if len(kept) > 1:
            joined = _merge([forms[k] for k in kept])
            if joined is not None:
                merged.append((joined, tuple(kept)))
    return merged


def _same_words(a: QueryForm, b: QueryForm) -> bool:
    return all(
        x.token.text == y.token.text
        or OSA.normalized_similarity(x.token.text, y.token.text) >= READING_MIN
        for x, y in zip(a.tokens, b.tokens, strict=True)
    )


def _merge(forms: Sequence[QueryForm]) -> QueryForm | None:
    tokens = []
    for column in zip(*(f.tokens for f in forms), strict=True):
        unique: dict[str, QueryToken] = {}
        for q in column:
            unique.setdefault(q.token.text, q)
        readings = tuple(unique.values())
        tokens.append(readings[0] if len(readings) == 1 else _merged_token(readings))
    if all(not q.readings for q in tokens):
        return None
    head = forms[0]
    # (A rendering that tells its parts for certain, a reading syllable by syllable of a Latin
    # name, tells them for the merged one too: "Kim Jeong-eun" read "kim jong un".)
    certain = next((f for f in forms if f.own_script), head)
    return QueryForm(
        name=head.name,
        text=head.text,
        tokens=tuple(tokens),
        weight=sum(q.weight for q in tokens),
        person=head.person,
        misses=certain.misses,
        has_number=head.has_number,
        has_legal_form=head.has_legal_form,
        own_script=certain.own_script,
        guessed=head.guessed,
    )


def _merged_token(readings: tuple[QueryToken, ...]) -> QueryToken:
    """One word with several readings: each listed token met at the best reading's similarity
    and weight; unpaired, it costs the least of the readings' weights (as the best rendering
    would)."""
    sims: dict[int, float] = {}
    weights: dict[int, float] = {}
    for q in readings:
        for tid, sim in q.sims.items():
            if sim > sims.get(tid, -1.0):
                sims[tid] = sim
                weights[tid] = q.pair_weights[tid] if q.pair_weights else q.weight
    head = readings[0]
    return QueryToken(
        token=head.token,
        sims=sims,
        weight=min(q.weight for q in readings),
        volume=sum(q.volume for q in readings),
        typo=all(q.typo for q in readings),
        keys=frozenset(sims),
        readings=readings,
        pair_weights=weights,
    )
