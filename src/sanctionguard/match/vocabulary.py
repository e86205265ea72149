"""The token vocabulary of an index: every listed token once, with its rarity and lookup keys.

A query token is *expanded* against the vocabulary into the listed tokens it may stand for,
each with a similarity: the same text (1.0), the same spelling skeleton (Shugaev ~ Shugayev),
the same phonetic key, or a small edit distance found through a deletion neighbourhood (every
token and its one-letter deletions, hashed into buckets: a lookup reads one bucket per letter
instead of scanning); a legal form stands for the forms of its family (PJSC ~ JSC). Rarity
is inverse document frequency over entities, so "George", "Trading" or "Mohammed" weigh little
and a rare surname much.
"""

from __future__ import annotations

import math
import re
import zlib
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

import numpy as np
from rapidfuzz.distance import OSA
from rapidfuzz.process import extract

from sanctionguard.compiled import by_fields
from sanctionguard.match.analysis import KIND_CODES, KINDS
from sanctionguard.match.slips import MAX_SLIPS, keyboard_slips
from sanctionguard.names.legal_forms import legal_family, legal_form_table
from sanctionguard.names.romanised import is_pinyin
from sanctionguard.names.skeleton import ABD_KEY, abjad_consonant_keys, consonant_keys
from sanctionguard.names.tokens import TITLES
from sanctionguard.names.types import NamePart, NameToken, TokenKind

KEY_BUCKET_BITS: Final = 18  # at most 2^18 hash buckets in a key table (~1.5 deletion keys each)

# Similarity of a query token to a listed token found at each matching level.
SKELETON_SIM: Final = 0.95
PHONETIC_BASE: Final = 0.55  # + PHONETIC_EDIT x edit similarity
PHONETIC_EDIT: Final = 0.4
FAMILY_SIM: Final = 0.9  # a legal form of the same family ("PJSC" for "JSC": ``legal_family``)
EDIT_MIN: Final = 0.75  # raw edit similarities (1 - edits / length) below this are not a match
EDIT_MAX: Final = 0.95  # an edit-distance match never counts more than a spelling variant...
# ... unless it is one slip in a word of nine letters or more ("Sovvombank")
EDIT_MAX_LONG: Final = 0.97
# the raw edit similarity of one slip in nine letters (8/9, rounded down)
LONG_SLIP_RAW: Final = 0.888
FUZZY_MIN_LENGTH: Final = 3  # shorter tokens match only exactly or by skeleton ("Jon" ~ "John")
EDIT_MIN_LENGTH: Final = 5  # shorter words need their first letter to agree ("Jong" is not "Tong")
# A word the lists never print, of that many letters or more, one typo inside a listed word
# (its first and last letters kept), is a slip of it: a quarter of the distance counts
# (``one_slip_similarity``).
SLIP_SHARE: Final = 4
# ... up to just under a spelling variant: a slip of a name is not the same name ("Alrafi" one
# letter from "Alrawi"; ``alignment.SAME_NAME_SIM``)
SLIP_MAX: Final = 0.949
UNSEEN_EDIT_MIN: Final = 0.66  # two typos in six letters, for query words the lists never print
UNSEEN_TWO_EDITS: Final = 6  # ... in words of at least this many letters
# ... three in words of at least this many letters (``_unseen_edits``)
THREE_EDITS_LENGTH: Final = 11
TWO_TYPO_LETTERS: Final = 4  # two typos change at most four letter counts by one (``_count_mask``)
# Two slips in a short word ("Mhe" for "Moshe", "Rzra" for "Reza", "Wci" for "Wuxi"): half the
# letters still in place, the first and the last among them. Only alignment pairs such a word,
# with a listed word nothing else pairs in a name whose other words meet (``typo_similarity``).
SLIP_RAW: Final = 0.5
SLIP_SIM: Final = 0.7
# Two keyboard slips (``match.slips``: a key left out, neighbours swapped, a letter doubled, a
# neighbouring key struck instead) in a word of up to five letters; in longer words a third of
# the distance counts, as for a listed spelling (``typo_similarity``).
KEYBOARD_TWO_SIM: Final = 0.8
MAX_EXPANSION: Final = 24
VOWELS_DROPPED_SIM: Final = 0.9  # a word with its vowels left out, as abjad scripts write it
VOWELS_DROPPED_MIN: Final = 3  # ... when at least this many consonants agree
# A word rendered from Arabic or Hebrew letters meets listed words with the same consonants
# (``consonant_keys``) at ABJAD_SIM + ABJAD_EDIT x edit similarity; with two consonants only at
# ABJAD_SHORT_SIM + ..., and only words of up to ABJAD_SHORT_LENGTH letters ("qasi" ~ "Qusay");
# five consonants or more in a row agreeing rarely do by chance: ABJAD_LONG_SIM ("blklam" بلكلام ~
# "Belkalem").
ABJAD_SIM: Final = 0.86
ABJAD_LONG_SIM: Final = 0.9
ABJAD_LONG_KEY: Final = 5
ABJAD_SHORT_SIM: Final = 0.8
ABJAD_EDIT: Final = 0.06
ABJAD_SHORT_LENGTH: Final = 6
# consonants two abjad words written as one must share with a listed word
GLUED_ABJAD_MIN: Final = 4
_NO_VOWELS: Final = str.maketrans("", "", "aeiou")
_SYLLABLE_VOWELS: Final = re.compile(r"[eou]+")
# (A final y, or one before a consonant, is a vowel: French "Cheul-hy" for 희; before a vowel it
# is a glide: "myong" is one syllable, "miyong" two.)
_VOWEL_RUNS: Final = re.compile(r"[aeiou]+|y(?![aeiou])")
# Plain stops that romanisation systems write voiceless or voiced (aspirated "ch" is
# McCune-Reischauer's plain ㅈ, which Revised Romanisation writes "j"); longest first.
_VOICING: Final = (("ch", "j"), ("k", "g"), ("t", "d"), ("p", "b"))
# Query words that also meet the listed words of another spelling key: "Abd" left alone (word
# order shuffled: "al-Anizi Khalaf al-Rahman Abd") is the "Abd al-" lists print as "Abdul".
# One way only: a listed "Abd" (Abd Rabbuh) is not looked up by every query's "Abdul".
_ALSO_KEYED: Final = {"abd": "abdul"}
# First letters an abjad writes as a vowel letter (v: Persian waw, ولایتی "Velayati").
_VOWEL_LETTERS: Final = frozenset("aeiouwyv")

# Rarity weight caps for tokens that carry little identity whatever their frequency.
_WEAK_KINDS: Final = frozenset({TokenKind.STOPWORD, TokenKind.INITIAL})
_WORD_CODE: Final = KIND_CODES[TokenKind.WORD]
_LEGAL_CODE: Final = KIND_CODES[TokenKind.LEGAL_FORM]
_STOP_CODE: Final = KIND_CODES[TokenKind.STOPWORD]
# A word the lists print both as a name word and as a title is kept as a particle ("General" in
# "General MEYER" and in "TARTOUS PORT GENERAL COMPANY"): a firm's query word the lists never
# print may mistype such a particle of this many letters or more ("Geneal"; see
# ``alignment._typo_pairs``, which leaves persons' titles alone: "Hamji" is no "Haaji").
MISTYPED_PARTICLE_LENGTH: Final = 5
KIND_WEIGHT_CAP: Final = {
    TokenKind.LEGAL_FORM: 1.0,
    TokenKind.STOPWORD: 0.5,
    TokenKind.INITIAL: 1.5,
}


@dataclass(frozen=True)
class RarityTable:
    """How many documents (entities) contain each token, out of how many."""

    documents: int
    doc_freq: Mapping[str, int]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return by_fields(self)  # (a compiled frozen class pickles by its constructor)


@dataclass(frozen=True, slots=True)
class Shape:
    """The listed words of one first letter, shortest first, with their letter masks and
    lengths; ``starts[n]`` is where the words of ``n`` letters begin."""

    texts: list[str]
    ids: array[int]
    masks: np.ndarray[Any, np.dtype[np.uint64]]  # the words' ``_count_mask``
    lengths: np.ndarray[Any, np.dtype[np.int16]]
    starts: array[int]

    def around(self, length: int, spread: int) -> tuple[int, int]:
        """The slice of words whose length is within ``spread`` of ``length``."""
        last = len(self.starts) - 1
        return (
            self.starts[min(max(length - spread, 0), last)],
            self.starts[min(max(length + spread + 1, 0), last)],
        )

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return by_fields(self)  # (a compiled frozen class pickles by its constructor)


@dataclass(frozen=True, slots=True, init=False)
class Expansion:
    """The listed tokens a query token may stand for: token id → similarity, best first."""

    sims: dict[int, float]
    weight: float  # the query token's own rarity weight
    volume: int  # how many form postings its listed tokens have (retrieval cost)

    def __init__(self, sims: dict[int, float], weight: float, volume: int) -> None:
        # (Written out: the constructor dataclass writes runs interpreted, ~15x slower
        # than this one compiled; see DESIGN.md, "Where the time goes".)
        object.__setattr__(self, "sims", sims)
        object.__setattr__(self, "weight", weight)
        object.__setattr__(self, "volume", volume)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return by_fields(self)  # (a compiled frozen class pickles by its constructor)


def edit_similarity(raw: float, short: bool = False, unseen: bool = False) -> float:
    """A token similarity from a raw edit similarity: one typo in six letters gives 0.94.

    A third of the raw distance counts (half for four-letter words, where one letter is a
    quarter of the word): a typo is evidence of a slip, not of another name; below
    ``EDIT_MIN`` it is no match at all. A query word the lists never print (``unseen``) is
    more likely a slip than another name: two typos in six or seven letters still count, at
    half their distance (0.83 for six letters), and one typo inside it may count more
    (``one_slip_similarity``). A match counts at most as a spelling variant
    (0.95), except one slip in nine letters or more (up to 0.97): a long word one letter off
    is rarely another word.
    """
    if raw < EDIT_MIN:
        if unseen and raw >= UNSEEN_EDIT_MIN:
            return 1 - (1 - raw) / 2
        return 0.0
    cap = EDIT_MAX_LONG if raw >= LONG_SLIP_RAW else EDIT_MAX
    return min(cap, 1 - (1 - raw) / (2 if short else 3))


def typo_similarity(typed: str, listed: str) -> float:
    """The similarity of a query word the lists never print to a listed word it may mistype.

    For alignment, when the vocabulary lookup (one deletion each way) missed the pair: two
    typos in a word of six or more letters, or one in four or five letters, with the first
    letter right; else two slips in a short word that keep its first and last letters
    (``SLIP_SIM``). Two keyboard slips count more (``KEYBOARD_TWO_SIM``, a third of the
    distance in longer words): a neighbouring key, a dropped, doubled or swapped letter is
    how hands mistype, another letter is how names differ.
    """
    longest = max(len(typed), len(listed))
    if longest < EDIT_MIN_LENGTH - 1 or abs(len(typed) - len(listed)) > 2:
        return 0.0
    raw = OSA.normalized_similarity(typed, listed, score_cutoff=SLIP_RAW)
    slip = one_slip_similarity(typed, listed, raw)
    if longest < EDIT_MIN_LENGTH:
        # (a swap of the first two letters is such a start)
        sim = max(edit_similarity(raw, short=True), slip) if unseen_start(typed, listed) else 0.0
    else:  # (the typos keep the first letter, as ``Vocabulary._two_typos`` finds them)
        few = raw * longest >= longest - _unseen_edits(longest) - 1e-9 and typed[0] == listed[0]
        sim = max(edit_similarity(raw, unseen=few and longest >= UNSEEN_TWO_EDITS), slip)
    sim = sim or _slip_similarity(typed, listed, raw)
    return max(sim, keyboard_similarity(typed, listed, raw, sim))


def keyboard_similarity(typed: str, listed: str, raw: float, least: float = 0.0) -> float:
    """The similarity of an unprinted word two keyboard slips from a listed word (edit
    similarity ``raw``): ``KEYBOARD_TWO_SIM`` in up to five letters, a third of the distance in
    longer words; 0.0 where it is no such pair or would not exceed ``least`` (the table is
    then not filled)."""
    longest = max(len(typed), len(listed))
    keyed = KEYBOARD_TWO_SIM if longest <= EDIT_MIN_LENGTH else min(EDIT_MAX, 1 - (1 - raw) / 3)
    return keyed if least < keyed and raw and _two_keyboard_slips(typed, listed) else 0.0


def _two_keyboard_slips(typed: str, listed: str) -> bool:
    """Whether a query word is two keyboard slips from a listed word (``match.slips``), its
    first letter kept and its last among the listed word's last two (a swap there): "Ohwga"
    for "Onega", "Tiru" for "Timur". Not letters gone at the end, where names differ by a
    suffix ("Ivan", "Ivanov")."""
    return (
        min(len(typed), len(listed)) >= FUZZY_MIN_LENGTH
        and typed[0] == listed[0]
        and typed[-1] in listed[-2:]
        and listed[-1] in typed[-2:]
        and keyboard_slips(typed, listed) == MAX_SLIPS
    )


def one_slip_similarity(typed: str, listed: str, raw: float) -> float:
    """The similarity of a query word the lists never print to a listed word it mistypes once
    (edit similarity ``raw``), where a slip is likelier than another name; 0.0 where it is not
    such a slip (``edit_similarity`` stands).

    One edit inside a word of five letters or more, the first and the last letters the same
    (``one_slip``), counts a quarter of its distance, up to just under a spelling variant
    (``SLIP_MAX``, 0.949 for five and six letters, where a third gave 0.93 and 0.94: "Luloil
    PJSC" is Lukoil's name mistyped, not another firm's, and "Alrafi" still another name than
    "Alrawi"; longer words get 0.95 and more from ``edit_similarity``). Two neighbouring letters
    swapped in four letters (``one_swap``) are such a slip too, and so is an inner letter
    struck on a neighbouring key there (``one_neighbour_key``).
    """
    if max(len(typed), len(listed)) < EDIT_MIN_LENGTH:
        return SLIP_MAX if one_swap(typed, listed) or one_neighbour_key(typed, listed) else 0.0
    if not one_slip(typed, listed, raw):
        return 0.0
    return min(SLIP_MAX, 1 - (1 - raw) / SLIP_SHARE)


def one_slip(typed: str, listed: str, raw: float) -> bool:
    """Whether ``typed`` is one edit from ``listed`` (edit similarity ``raw``) inside it, the
    first and the last letters the same: "Luloil" for Lukoil, "Stsut" for Staut. Not at an end,
    where names differ by a suffix ("Ivanova", "Kadek" beside the Faker company "Kade")."""
    return (
        typed[0] == listed[0]
        and typed[-1] == listed[-1]
        and (1 - raw) * max(len(typed), len(listed)) < 1.5
    )


def one_swap(typed: str, listed: str) -> bool:
    """Whether ``typed``, of four letters, is ``listed`` with two neighbouring letters swapped
    before its last ("Lmoo" for "LOMO", "Abnk" for "Bank"; not "Tauw", a Faker company, for
    "TAWU"): every letter typed, a word the lists never print so is a slip (``SLIP_MAX``) even
    where one letter changed would be another name ("Atna" is no "Anna", 0.875)."""
    return (
        len(typed) == len(listed) > FUZZY_MIN_LENGTH
        and typed[-1] == listed[-1]
        and sorted(typed) == sorted(listed)
        and OSA.distance(typed, listed) == 1
    )


def one_neighbour_key(typed: str, listed: str) -> bool:
    """Whether ``typed``, of four letters, is ``listed`` with one inner letter struck on a
    neighbouring key ("Meyr" for "Mehr", h and y touching; ``match.slips``): a slip, where a
    letter far from it is another name ("Atna" is no "Anna")."""
    return (
        len(typed) == len(listed) > FUZZY_MIN_LENGTH
        and typed[0] == listed[0]
        and typed[-1] == listed[-1]
        and keyboard_slips(typed, listed) == 1
    )


def unseen_start(typed: str, listed: str) -> bool:
    """Whether a short query word the lists never print starts as a listed word it may mistype:
    the same first letter, or the first two swapped, a common slip ("Ufnd" for "Fund", "Abnk"
    for "Bank"). (Listed words keep their first letter: "Inna" is another name than "Nina".)"""
    return typed[0] == listed[0] or typed[1::-1] == listed[:2]


def _unseen_edits(longest: int) -> int:
    """How many edits an unprinted word may be from a listed word: two, three in words of
    ``THREE_EDITS_LENGTH`` letters or more (GOST's "Mixajlauna" for "Mikhailauna": x for kh,
    j for i), not in shorter ones ("Kamadadze" is another name than "Kharabadze")."""
    return 3 if longest >= THREE_EDITS_LENGTH else 2


def _slip_similarity(typed: str, listed: str, raw: float) -> float:
    """``SLIP_SIM`` for two slips in a word of up to five letters: three typed, half of them
    in place (``SLIP_RAW``), the first and the last letters right ("Plt" for "Post"); else 0."""
    if raw < SLIP_RAW or min(len(typed), len(listed)) < FUZZY_MIN_LENGTH:
        return 0.0
    if max(len(typed), len(listed)) > EDIT_MIN_LENGTH:
        return 0.0  # (longer words have ``edit_similarity``'s two typos)
    return SLIP_SIM if typed[0] == listed[0] and typed[-1] == listed[-1] else 0.0


def patronymic_start(token: NameToken) -> str:
    """What a listed word must start with to be two typos from ``token`` when the lists never
    print it: a patronymic's first letter, nothing for other words (whose two-typo matches keep
    the first letter anyway). Patronymics share their endings, so a few letters apart at the
    start are another father ("Ermolaevich" is no "Nikolaevich"); with the first letter right,
    two typos are a slip ("Aieksagdrovich" for "Aleksandrovich", "Mixajlauna", GOST's x, for
    "Mikhailauna") and three in nine letters too many ("Petrovich" is no "Pavlovich")."""
    return token.text[:1] if token.part is NamePart.PATRONYMIC else ""


@lru_cache(maxsize=256)
def legal_spellings(code: str) -> tuple[str, ...]:
    """The one-word written forms of a legal-form code long enough to mistype ("corp")."""
    table = legal_form_table().by_text
    return tuple(w[0] for w, c in table.items() if c == code and len(w) == 1 and len(w[0]) >= 4)


def _syllable_vowels(text: str) -> str:
    """A romanised syllable with the vowels romanisations disagree on as one ("seong", "song",
    "sung" 성; "cheol", "chol", "chul" 철; "young", "yong" 영), to tell a spelling of the same
    syllable from another syllable ("sik" 식 is no "sok" 석, "sang" 상 no "song")."""
    return _SYLLABLE_VOWELS.sub("o", text)


def _voiced_otherwise(text: str) -> str | None:
    """A romanised syllable with its first stop voiced or unvoiced ("kyong" → "gyong")."""
    for plain, voiced in _VOICING:
        if text.startswith(plain):
            return voiced + text[len(plain) :]
        if text.startswith(voiced):
            return plain + text[len(voiced) :]
    return None


def _syllable_count(text: str) -> int:
    """How many syllables a romanised word has: its runs of vowels ("myong" one, "miyong" two)."""
    return len(_VOWEL_RUNS.findall(text))


def _consonants(text: str) -> str:
    return text.translate(_NO_VOWELS)


def _vowels_dropped(typed: str, listed: str) -> float:
    """``VOWELS_DROPPED_SIM`` when ``typed`` is ``listed`` with vowels left out or guessed, as
    names written in Hebrew or Arabic letters read ("msha" משה for "Moshe", "shrvit" שרביט for
    "Sharvit"): the same consonants, and fewer vowels; else 0. Three consonants are too few to
    tell unless ``typed`` has no vowel between them ("msha", not "shir" for "sharia"). Compared on
    spelling skeletons, so doubled letters and "kh"/"ch" spellings agree."""
    consonants = _consonants(typed)
    if len(consonants) < VOWELS_DROPPED_MIN or consonants != _consonants(listed):
        return 0.0
    if len(consonants) == VOWELS_DROPPED_MIN and len(typed.strip("aeiou")) > len(consonants):
        return 0.0  # "shir" is no vowel-less "sharia": three consonants need no inner vowel
    return (
        VOWELS_DROPPED_SIM if len(typed) - len(consonants) < len(listed) - len(consonants) else 0.0
    )


_PRESENCE: Final = (1 << 26) - 1  # the letters a word has (``_count_mask``)


def _count_mask(text: str) -> int:
    """Bit i: the word has letter chr(97 + i); bit 32 + i: it has it twice or more. Adding or
    dropping one letter flips at most one bit, so two typos (a substitution is two such
    changes) flip at most four."""
    mask = 0
    for ch in text:
        bit = ord(ch) - 97
        if 0 <= bit < 26:
            mask |= (1 << (bit + 32)) if (mask >> bit) & 1 else (1 << bit)
    return mask


def _deletion_keys(text: str) -> set[str]:
    return {text, *(text[:i] + text[i + 1 :] for i in range(len(text)))}


def _hash(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


class Vocabulary:
    """Listed tokens with rarity weights and skeleton, phonetic and edit-distance lookups."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.texts: list[str] = []
        self.kinds = bytearray()
        self.skeletons: list[str] = []
        self.phonetics: list[str] = []
        self.doc_freq = array("I")
        self.weights = array("f")
        self.max_weight = 1.0
        self.documents = 0
        self.by_skeleton: dict[str, tuple[int, ...]] = {}
        self.by_phonetic: dict[str, tuple[int, ...]] = {}
        self.deletions = KeyTable.build(())  # (until ``finish``)
        self.consonants = KeyTable.build(())
        self.by_shape: dict[str, Shape] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def add(self, text: str, kind: TokenKind, phonetic: str, skeleton: str) -> int:
        """The id of a listed token's text, adding it on first sight. A text the lists print
        both as a name word and as a particle or an initial ("do" in "Joao do Carmo" and in
        "KIM Do Hyon") is kept as the particle or initial, whatever the order of the lists: its
        weight is capped as such (a query token's own kind decides its weight: ``query_weight``)."""
        found = self.ids.get(text)
        if found is not None:
            if kind in _WEAK_KINDS and self.kinds[found] == _WORD_CODE:
                self.kinds[found] = KIND_CODES[kind]
            return found
        tid = len(self.texts)
        self.ids[text] = tid
        self.texts.append(text)
        self.kinds.append(KIND_CODES[kind])
        self.skeletons.append(skeleton)
        self.phonetics.append(phonetic)
        self.doc_freq.append(0)
        return tid

    def count(self, token_ids: Iterable[int]) -> None:
        """Count one document (an entity) containing each of ``token_ids`` once."""
        for tid in token_ids:
            self.doc_freq[tid] += 1

    def finish(self, documents: int, reference: RarityTable | None = None) -> None:
        """Compute rarity weights and build the lookup tables once all tokens are added.

        With a ``reference`` table, rarities come from it instead of this vocabulary's own
        counts (a one-record index for comparing a pair has no meaningful counts of its own).
        """
        if reference is not None:
            documents = reference.documents
            known = reference.doc_freq
            self.doc_freq = array("I", (known.get(text, 0) for text in self.texts))
        self.documents = documents
        self.max_weight = math.log((documents + 1) / 0.5)
        self.weights = array("f", (self._weight(tid, documents) for tid in range(len(self))))
        self.by_skeleton = _group(self.skeletons)
        self.by_phonetic = _group(self.phonetics)
        self.deletions = self._deletion_table()
        self.consonants = self._consonant_table()
        self.by_shape = self._shapes()

    def _deletion_table(self) -> KeyTable:
        """Each word's deletion neighbourhood (itself and its one-letter deletions); titles'
        too, which names print as particles (``TITLES``), so that a mistyped one ("Gceneral",
        "Mawalwi") stands for the title, not for a word the lists never print (``_variants``
        offers them for such words only)."""
        word = KIND_CODES[TokenKind.WORD]
        return KeyTable.build(
            (tid, _deletion_keys(text))
            for tid, text in enumerate(self.texts)
            if len(text) >= EDIT_MIN_LENGTH - 1 and (self.kinds[tid] == word or text in TITLES)
        )

    def _shapes(self) -> dict[str, Shape]:
        """Words by first letter, for the two-typo search of unseen query words."""
        grouped: dict[str, list[int]] = {}
        word = KIND_CODES[TokenKind.WORD]
        texts = self.texts
        for tid, text in enumerate(texts):
            if len(text) >= UNSEEN_TWO_EDITS - 2 and self.kinds[tid] == word:
                grouped.setdefault(text[0], []).append(tid)
        shapes = {}
        for key, tids in grouped.items():
            tids.sort(key=lambda t: (len(texts[t]), t))
            lengths = np.array([len(texts[t]) for t in tids], dtype=np.int16)
            starts = np.searchsorted(lengths, np.arange(int(lengths[-1]) + 2), side="left")
            shapes[key] = Shape(
                [texts[t] for t in tids],
                array("I", tids),
                np.array([_count_mask(texts[t]) for t in tids], dtype=np.uint64),
                lengths,
                array("I", starts.astype(np.uint32).tobytes()),
            )
        return shapes

    def _consonant_table(self) -> KeyTable:
        """Each word's consonant keys (of two letters or more), as the deletion table."""
        word = KIND_CODES[TokenKind.WORD]
        keys = consonant_keys.__wrapped__  # (not cached: queries look up few of these words)
        return KeyTable.build(
            (tid, [k for k in keys(text) if len(k) >= 2])
            for tid, text in enumerate(self.texts)
            if self.kinds[tid] == word
        )

    def _weight(self, tid: int, documents: int, kind: TokenKind | None = None) -> float:
        idf = math.log((documents + 1) / (self.doc_freq[tid] + 0.5))
        cap = KIND_WEIGHT_CAP.get(KINDS[self.kinds[tid]] if kind is None else kind)
        return max(0.05, idf if cap is None else min(idf, cap))

    def query_weight(self, tid: int, kind: TokenKind) -> float:
        """The weight of a query token of ``kind`` that stands for listed token ``tid``: the
        listed token's rarity, capped as the query token's kind is. A word the lists print as a
        particle or an initial is a name word in a romanised Korean or Chinese name ("do" 도,
        "bin" 빈, "u" 우) and weighs as one: missing it is missing a syllable of the name."""
        if KINDS[self.kinds[tid]] is kind:
            return float(self.weights[tid])
        return self._weight(tid, self.documents, kind)

    def rarity(self, documents: int) -> RarityTable:
        """This vocabulary's counts as a table (to weigh tokens of another, small index)."""
        return RarityTable(documents, dict(zip(self.texts, self.doc_freq, strict=True)))

    def typo_spellings(self, tid: int) -> tuple[str, ...]:
        """The spellings of listed token ``tid`` a query word may mistype (``typo_similarity``):
        a word's own, a long particle's (``MISTYPED_PARTICLE_LENGTH``), a legal form's written
        words ("LMITEED" for "Limited"), none for others."""
        code = self.kinds[tid]
        text = self.texts[tid]
        if code == _WORD_CODE or (code == _STOP_CODE and len(text) >= MISTYPED_PARTICLE_LENGTH):
            return (text,)
        if code == _LEGAL_CODE:
            return legal_spellings(self.texts[tid])
        return ()

    def kind(self, tid: int) -> TokenKind:
        return KINDS[self.kinds[tid]]

    def unseen_weight(self, kind: TokenKind) -> float:
        """The weight of a query token the lists never use: as rare as can be, within its kind."""
        cap = KIND_WEIGHT_CAP.get(kind)
        return self.max_weight if cap is None else min(self.max_weight, cap)

    def expand(self, token: NameToken) -> Expansion:
        """The listed tokens ``token`` may stand for, with similarities (see module docs)."""
        sims: dict[int, float] = {}
        exact = self.ids.get(token.text)
        if exact is not None:
            sims[exact] = 1.0
        if token.kind in (TokenKind.WORD, TokenKind.STOPWORD):
            self._variants(token, sims)
        elif token.kind is TokenKind.LEGAL_FORM:
            for code in sorted(legal_family(token.text)):
                tid = self.ids.get(code)
                if tid is not None and self.kinds[tid] == _LEGAL_CODE:
                    sims.setdefault(tid, FAMILY_SIM)
        if token.abjad:
            self._abjad_variants(token, sims)
        # Best first, ties by token id: the order the lookups found them in follows string
        # hashing, which differs between processes (Spark workers, forked pools, restarts).
        sims = dict(sorted(sims.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_EXPANSION])
        if exact is not None:
            weight = self.query_weight(exact, token.kind)
        elif sims:  # (a mistyped word stands for the listed word, in its role)
            weight = float(self.weights[next(iter(sims))])
        else:
            weight = self.unseen_weight(token.kind)
        return Expansion(sims, weight, 0)

    def _variants(self, token: NameToken, sims: dict[int, float]) -> None:
        text = token.text
        # Romanised syllables meet by spelling and sound only (see ``NameToken.syllabic``), and
        # only words of as many syllables: the skeleton reads glides (y, j) as i, which would
        # make "miyong" 미영 or "mijong" 미정 of "myong" 명 (while "yi" is still "i" 이).
        syllable = _syllable_vowels(text) if token.syllabic else None
        count = _syllable_count(text) if token.syllabic else 0
        for tid in self.by_skeleton.get(token.skeleton, ()) if token.skeleton else ():
            if not count or count == _syllable_count(self.texts[tid]):
                sims.setdefault(tid, SKELETON_SIM)
        also = _ALSO_KEYED.get(text)
        for tid in self.by_skeleton.get(also, ()) if also is not None else ():
            sims.setdefault(tid, SKELETON_SIM)
        fuzzy = len(text) >= FUZZY_MIN_LENGTH
        edits = len(text) >= EDIT_MIN_LENGTH and syllable is None
        typed = token.skeleton or text
        vowelless = len(_consonants(typed)) >= VOWELS_DROPPED_MIN
        unprinted = syllable is None and text not in self.ids
        for tid in self.by_phonetic.get(token.phonetic, ()) if token.phonetic and fuzzy else ():
            if tid not in sims:
                other = self.texts[tid]
                if syllable is not None and syllable != _syllable_vowels(other):
                    continue
                edit = OSA.normalized_similarity(text, other)
                typo = max(
                    edit_similarity(edit) if edits else 0.0,
                    one_slip_similarity(text, other, edit) if unprinted else 0.0,
                )
                listed = self.skeletons[tid] or other
                # Only a longer listed word can hold the vowels the query word leaves out.
                dropped = (
                    _vowels_dropped(typed, listed) if vowelless and len(listed) > len(typed) else 0
                )
                sims[tid] = max(PHONETIC_BASE + PHONETIC_EDIT * edit, typo, dropped)
        if syllable is not None:
            self._voicing_variants(text, sims)
        if fuzzy and syllable is None:
            # A three-letter query word meets four-letter words with its first and last letters
            # ("Oeg" ~ "Oleg", "Bak" ~ "Bank"; not "Ali" ~ "Alim"), or its plural ("Car" ~
            # "Cars": "SHADI FOR CAR TRADING" scored 0.09 on "Shadi for Cars Trading").
            three = len(text) < EDIT_MIN_LENGTH - 1
            printed = text in self.ids
            unseen = len(text) >= UNSEEN_TWO_EDITS and not printed
            start = patronymic_start(token)
            for tid in self._near(text):
                # (A title only for a word the lists never print: "Gceneral", not "Hadi".)
                if tid not in sims and (not printed or self.kinds[tid] == _WORD_CODE):
                    other = self.texts[tid]
                    edit = OSA.normalized_similarity(text, other)
                    if max(len(text), len(other)) >= EDIT_MIN_LENGTH:
                        near = edit_similarity(edit, unseen=unseen and other.startswith(start))
                        slip = 0.0 if printed else one_slip_similarity(text, other, edit)
                        near = max(near, slip)
                        if not printed:  # (as alignment's typo pairs count two slips)
                            near = max(near, keyboard_similarity(text, other, edit, near))
                        sims[tid] = near
                    elif (
                        edit >= EDIT_MIN
                        and (text[0] == other[0] or (not printed and unseen_start(text, other)))
                        and (not three or text[-1] == other[-1] or other == text + "s")
                    ):
                        slip = 0.0 if printed else one_slip_similarity(text, other, edit)
                        sims[tid] = max(edit_similarity(edit, short=True), slip)
                    if not sims.get(tid):
                        sims.pop(tid, None)
            # (A word rendered from an abjad differs from its Latin spellings in the vowels,
            # which its consonants meet: two "typos" there are mostly another word.)
            if unseen and not token.abjad:
                self._two_typos(text, sims, start)

    def _voicing_variants(self, text: str, sims: dict[int, float]) -> None:
        """Listed spellings of a romanised syllable with its first consonant voiced otherwise:
        the systems disagree on the plain stops (경 is "gyeong" in Revised Romanisation, "kyong"
        in the DPRK's system and "gyong" inside a McCune-Reischauer word), and the lists mix
        them within one name ("Jae-Gyong Pak" beside the DPRK's "jae kyong"). Not for pinyin
        syllables, where the stops tell syllables apart (平 "ping" is no 兵 "bing")."""
        other = None if is_pinyin(text) else _voiced_otherwise(text)
        tid = self.ids.get(other) if other else None
        if tid is not None and tid not in sims and self.kinds[tid] == _WORD_CODE:
            sims[tid] = SKELETON_SIM

    def _two_typos(self, text: str, sims: dict[int, float], start: str = "") -> None:
        """Listed words two typos from a long query word the lists never print ("Auation" for
        "Aviation", "Yathooobi" for "Yaghoobi"), as alignment's ``typo_similarity`` pairs them:
        words of the same first letter, a length within two, and letters and letter counts that
        differ little enough (``_count_mask``), tested in one numpy pass."""
        shape = self.by_shape.get(text[0])
        if shape is None:
            return
        lo, hi = shape.around(len(text), 2)
        # Each length change is an insertion or deletion, which changes one letter count.
        apart = np.abs(shape.lengths[lo:hi] - len(text))
        differ = shape.masks[lo:hi] ^ np.uint64(_count_mask(text))
        if len(text) + 2 < THREE_EDITS_LENGTH:  # two typos change at most four letter counts
            near = np.bitwise_count(differ) + apart <= TWO_TYPO_LETTERS
        else:  # (nine letters or more may be three typos: four letters' presence at most, a
            # coarse cut that misses some three-typo pairs, "Shriachenko" for "Shevchenko")
            near = np.bitwise_count(differ & np.uint64(_PRESENCE)) + apart <= TWO_TYPO_LETTERS
        at = (np.flatnonzero(near) + lo).tolist()
        if not at:
            return
        texts = [shape.texts[i] for i in at]
        for other, _, k in extract(
            text, texts, scorer=OSA.normalized_similarity, score_cutoff=UNSEEN_EDIT_MIN, limit=None
        ):
            tid = shape.ids[at[k]]
            if tid not in sims and other.startswith(start):
                sim = typo_similarity(text, other)
                if sim:
                    sims[tid] = sim

    def _near(self, text: str) -> set[int]:
        """Token ids within about one edit of ``text`` (deletion neighbourhood lookup)."""
        return self.deletions.lookup_all(_deletion_keys(text))

    def has_consonants(self, text: str, least: int = GLUED_ABJAD_MIN) -> bool:
        """Whether a listed word has the consonant key of ``text`` (of ``least`` consonants or
        more; "Abd al-", keyed "bT", counts its three: "عبدالحی" as "Abdulhai")."""
        return any(
            len(key) + key.startswith(ABD_KEY) >= least
            and any(key in consonant_keys(self.texts[t]) for t in self.consonants.lookup(key))
            for key in consonant_keys(text)
        )

    def _abjad_variants(self, token: NameToken, sims: dict[int, float]) -> None:
        """Listed words with the consonants of a word rendered from Arabic or Hebrew letters."""
        text = token.text
        for key in abjad_consonant_keys(text):
            if _abjad_key_usable(text, key):
                for tid in self.consonants.lookup(key):
                    sim = _abjad_similarity(text, key, self.texts[tid])
                    if sim > sims.get(tid, 0.0):
                        sims[tid] = sim

    def abjad_similarity(self, text: str, tid: int) -> float:
        """What ``_abjad_variants`` gives listed token ``tid`` for ``text``, a word rendered
        from an abjad (0.0: nothing). For alignment: a short consonant key ("mr" of "مرعي",
        Mari) is shared by more listed words than an expansion keeps (``MAX_EXPANSION``), and
        the candidate's spelling ("MERAI") may be one left out."""
        other = self.texts[tid]
        keys = (k for k in abjad_consonant_keys(text) if _abjad_key_usable(text, k))
        return max((_abjad_similarity(text, key, other) for key in keys), default=0.0)


def _abjad_key_usable(text: str, key: str) -> bool:
    """A consonant key of two letters or more; of two only for a short word."""
    return len(key) >= 2 and (len(key) > 2 or len(text) <= ABJAD_SHORT_LENGTH)


def _abjad_similarity(text: str, key: str, other: str) -> float:
    """The similarity of listed word ``other`` to ``text``, rendered from an abjad, through
    their consonant key ``key`` (0.0 when ``other`` does not have it)."""
    short = len(key) == 2
    # An abjad writes a word's first vowel with a letter (alif, ayin, aleph): "ntn" is no
    # "Antonio". (The key is checked too: the table holds key hashes.)
    if (other[0] in _VOWEL_LETTERS) != (text[0] in _VOWEL_LETTERS):
        return 0.0
    if (short and len(other) > ABJAD_SHORT_LENGTH) or key not in consonant_keys(other):
        return 0.0
    base = ABJAD_SHORT_SIM if short else ABJAD_LONG_SIM if len(key) >= ABJAD_LONG_KEY else ABJAD_SIM
    return base + ABJAD_EDIT * OSA.normalized_similarity(text, other)


@dataclass(frozen=True, slots=True)
class KeyTable:
    """Token ids under string keys: the keys' 32-bit hashes sorted, with their token ids, and the
    start of each hash bucket (the hash's top bits, about one key a bucket: at most
    ``KEY_BUCKET_BITS`` bits), so a lookup reads the one or two entries of its bucket instead of
    bisecting the whole table (8 bytes a key, plus 4 a bucket)."""

    hashes: array[int]
    owners: array[int]
    starts: array[int]
    shift: int = 32  # a hash's bucket is ``hash >> shift``

    @classmethod
    def build(cls, keyed: Iterable[tuple[int, Iterable[str]]]) -> KeyTable:
        hashes = array("I")  # (a list of Python ints would take ten times the memory)
        owners = array("I")
        for tid, found in keyed:
            before = len(hashes)
            hashes.extend(map(_hash, found))
            owners.extend(array("I", (tid,)) * (len(hashes) - before))
        keys = np.frombuffer(hashes, dtype=np.uint32)
        ids = np.frombuffer(owners, dtype=np.uint32)
        order = np.lexsort((ids, keys))
        keys, ids = keys[order], ids[order]
        bits = min(KEY_BUCKET_BITS, max(1, len(hashes)).bit_length())
        buckets = keys >> np.uint32(32 - bits)
        starts = np.searchsorted(buckets, np.arange((1 << bits) + 1), side="left")
        return cls(
            array("I", keys.tobytes()),
            array("I", ids.tobytes()),
            array("I", starts.astype(np.uint32).tobytes()),
            32 - bits,
        )

    def lookup_all(self, keys: Iterable[str]) -> set[int]:
        """The token ids stored under any of ``keys`` (``lookup`` for many keys in one loop)."""
        hashes, owners, starts, shift = self.hashes, self.owners, self.starts, self.shift
        found: set[int] = set()
        for key in keys:
            h = zlib.crc32(key.encode("utf-8"))  # (``_hash``, inlined: this is a hot loop)
            for i in range(starts[h >> shift], starts[(h >> shift) + 1]):
                if hashes[i] == h:
                    found.add(owners[i])
        return found

    def lookup(self, key: str) -> list[int]:
        """The token ids stored under ``key`` (and, rarely, under another key of its hash),
        in table order."""
        return sorted(self.lookup_all((key,)))

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return by_fields(self)  # (a compiled frozen class pickles by its constructor)


def _group(keys: list[str]) -> dict[str, tuple[int, ...]]:
    grouped: dict[str, list[int]] = {}
    for tid, key in enumerate(keys):
        if key:
            grouped.setdefault(key, []).append(tid)
    return {k: tuple(v) for k, v in grouped.items()}
