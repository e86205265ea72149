"""Company legal forms: recognised in a token sequence and replaced by one canonical code.

The table is ``legal_forms.csv`` beside this module (code, written form, source note). Forms are
compared by spelling-variant key, so every romanisation of "Общество с ограниченной
ответственностью" meets the row "obshchestvo s ogranichennoy otvetstvennostyu" (code "llc").
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files
from typing import Final

from rapidfuzz.distance import OSA

from sanctionguard.names.skeleton import skeleton

# Abbreviations that are found glued to the start or end of a name ("JSCARGUMENT"): only those
# that no ordinary name word starts or ends with ("zao" starts Zaozyorny, so it is not here).
_GLUED_PREFIXES: Final = ("ojsc", "cjsc", "pjsc", "jsc", "ooo", "llc")
_GLUED_SUFFIXES: Final = (
    "pjsc",
    "ojsc",
    "cjsc",
    "jsc",
    "llc",
    "ltd",
    "gmbh",
    "fze",
    "fzco",
    "dmcc",
)
_MIN_GLUED_REST: Final = 4
# Codes that name one kind of firm under different rules or in other words: a joint-stock
# company is a JSC in English whatever Russian law calls it, and Russia's 2014 reform renamed
# open joint-stock companies (OAO, "OJSC") public (PAO, "PJSC") and closed ones (ZAO, "CJSC")
# plain or non-public (AO, NAO): the lists print one firm under both ("Inteltech PJSC" by the
# EU, "INTELTECH JSC" by OFAC).
_FAMILIES: Final = (frozenset({"jsc", "pjsc", "ojsc", "cjsc", "njsc", "prjsc"}),)


# Short abbreviations are compared letter for letter: their skeletons are too loose ("ooo" → "o").
_MIN_SKELETON_MATCH: Final = 6
# Mistyped forms: only forms of two or more words, words of three or more letters.
_MIN_FUZZY_FORM_WORDS: Final = 2
_MIN_FUZZY_WORD: Final = 3
# A word of a form of three or more words may carry two typos when it is this long...
_MIN_TWO_TYPO_FORM_WORDS: Final = 3
_MIN_TWO_TYPO_WORD: Final = 7
# ... and a word of a form of two words when it is this long ("Akionernoe Obshchestvo").
_MIN_TWO_TYPO_PAIR_WORD: Final = 9
# A mistyped word of a form may have a wrong first letter when it is this long ("Doint Stock
# Company", "Federal Dtate Enterprise"); a shorter one only its first two letters swapped.
_MIN_ANY_LETTER_WORD: Final = 5


@dataclass(frozen=True)
class LegalFormTable:
    """Written forms keyed by their words and by the words' skeletons (long forms only)."""

    by_text: dict[tuple[str, ...], str]
    by_skeleton: dict[tuple[str, ...], str]
    longest: int
    first_words: frozenset[str]  # first words (and their skeletons) of all forms: a fast pre-check
    # Forms of several words by the one-letter deletions of their first word, for mistyped
    # forms ("Oen Jont Stock Company"): deletion key -> (words, code).
    by_first_deletion: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = field(
        default_factory=dict
    )
    # Forms by their second word, for a first word mistyped twice ("Liniteed Liability
    # Company", "Akionernoe Obshchestvo"): word -> (words, code).
    by_second: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = field(default_factory=dict)
    # Forms of several words by their first two words written as one ("pteltd", "obshchestvos"):
    # glued word -> the lengths of the first word it may be cut after.
    glued_heads: dict[str, tuple[int, ...]] = field(default_factory=dict)


@cache
def legal_form_table() -> LegalFormTable:
    """The packaged legal-form table (read once)."""
    text = files("sanctionguard.names").joinpath("legal_forms.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    by_text: dict[tuple[str, ...], str] = {}
    by_skeleton: dict[tuple[str, ...], str] = {}
    for row in rows:
        words = tuple(row["form"].split())
        by_text[words] = row["code"]
        if len(words) > 1 or len(words[0]) >= _MIN_SKELETON_MATCH:
            by_skeleton[tuple(skeleton(word) for word in words)] = row["code"]
    by_deletion: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    by_second: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    glued: dict[str, set[int]] = {}
    for words, code in by_text.items():
        if len(words) >= 2:
            glued.setdefault(words[0] + words[1], set()).add(len(words[0]))
        if len(words) >= _MIN_FUZZY_FORM_WORDS:
            for key in _deletion_keys(words[0]):
                by_deletion.setdefault(key, []).append((words, code))
        if len(words) >= 2 and len(words[0]) >= _two_typo_length(len(words)):
            by_second.setdefault(words[1], []).append((words, code))
    return LegalFormTable(
        by_text=by_text,
        by_skeleton=by_skeleton,
        longest=max(len(k) for k in by_text),
        first_words=frozenset(k[0] for k in by_text) | frozenset(k[0] for k in by_skeleton),
        by_first_deletion={k: tuple(v) for k, v in by_deletion.items()},
        by_second={k: tuple(v) for k, v in by_second.items()},
        glued_heads={k: tuple(sorted(v)) for k, v in glued.items()},
    )


def _deletion_keys(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _two_typo_length(words: int) -> int:
    """How long a word of a form of ``words`` words must be to be recognised with two typos."""
    return _MIN_TWO_TYPO_WORD if words >= _MIN_TWO_TYPO_FORM_WORDS else _MIN_TWO_TYPO_PAIR_WORD


@lru_cache(maxsize=262144)
def may_start_legal_form(word: str) -> bool:
    """Whether some legal form starts with this folded word (a cheap pre-check)."""
    first_words = legal_form_table().first_words
    return word in first_words or skeleton(word) in first_words


def may_be_in_mistyped_form(word: str) -> bool:
    """Whether a folded word may start a mistyped form of several words ("Lrmited Liability
    Cojpany") or be the second word of one whose first word is mistyped twice: a pre-check,
    as ``may_start_legal_form`` for forms spelt right (``_fuzzy_forms`` finds the forms)."""
    table = legal_form_table()
    if word in table.by_second:
        return True
    if len(word) < _MIN_FUZZY_WORD:
        return False
    return not table.by_first_deletion.keys().isdisjoint(_deletion_keys(word))


def match_legal_form(words: Sequence[str], start: int) -> tuple[str, int] | None:
    """The longest legal form among folded ``words`` starting at ``start``: (code, word count).

    Commas inside a form are passed over ("Pvt., Ltd."): the count includes them. A form of
    several words is also recognised with typos in all its words but one
    (``_mistyped_form``).
    """
    exact_start = may_start_legal_form(words[start])
    fuzzy = _fuzzy_forms(words[start])
    if len(words[start]) >= _MIN_TWO_TYPO_WORD - 1 and start + 1 < len(words):
        fuzzy += legal_form_table().by_second.get(words[start + 1], ())
    if not exact_start and not fuzzy:
        return None
    table = legal_form_table()
    positions = [
        p for p in range(start, min(len(words), start + 2 * table.longest)) if words[p] != ","
    ]
    positions = positions[: table.longest]
    for length in range(len(positions), 0, -1):
        span = tuple(words[p] for p in positions[:length])
        code = None
        if exact_start:
            code = table.by_text.get(span)
            if code is None and (length > 1 or len(span[0]) >= _MIN_SKELETON_MATCH):
                code = table.by_skeleton.get(tuple(skeleton(w) for w in span))
        if code is None and length >= _MIN_FUZZY_FORM_WORDS:
            code = _mistyped_form(span, fuzzy)
        if code is not None:
            return code, positions[length - 1] - start + 1
    return None


@lru_cache(maxsize=65536)
def _fuzzy_forms(word: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """Multi-word forms whose first word is ``word`` or one typo away from it (a long first
    word mistyped twice is found by the form's second word: ``match_legal_form``)."""
    if len(word) < _MIN_FUZZY_WORD:
        return ()
    table = legal_form_table().by_first_deletion
    found: dict[tuple[str, ...], str] = {}
    for key in sorted(_deletion_keys(word)):  # sorted: set order follows string hashing
        for words, code in table.get(key, ()):
            found.setdefault(words, code)
    return tuple(found.items())


def _mistyped_form(
    span: tuple[str, ...], forms: tuple[tuple[tuple[str, ...], str], ...]
) -> str | None:
    """The code of a form of ``len(span)`` words that ``span`` spells with a few typos.

    All words but one may be mistyped ("Limietd Liability Comapny"), each by one edit (a
    missing, extra, wrong or swapped letter; the first letter wrong only in words of
    ``_MIN_ANY_LETTER_WORD`` letters, swapped with the second in shorter ones) or two in a long
    word (``_two_typos``); the one left must be right up to spelling.
    """
    for words, code in forms:
        if len(words) != len(span):
            continue
        typos = 0
        for typed, word in zip(span, words, strict=True):
            if typed == word or skeleton(typed) == skeleton(word):
                continue
            if not _mistyped(typed, word, len(span)):
                break
            typos += 1
        else:
            if 0 < typos < len(span):
                return code
    return None


def _mistyped(typed: str, word: str, words: int) -> bool:
    """One typo or two (``_one_typo``, ``_two_typos``), in the word as spelt or in its
    spelling skeleton: "Ogpanichenndi" is two from "ogranichennoi", a spelling of the form's
    "ogranichennoy" and three from that; "Jinnt" ("jint") one from "joint". (Both read as
    words the lists never print, the rarest there are, and "Jinnt Stock Company United Engine
    Corporation" scored 0.11 on the party's own name.)"""
    if _one_typo(typed, word) or _two_typos(typed, word, words):
        return True
    typed_key, word_key = skeleton(typed), skeleton(word)
    return _one_typo(typed_key, word_key) or _two_typos(typed_key, word_key, words)


def _one_typo(typed: str, word: str) -> bool:
    # "pet" is not a mistyped "pte": forms' words of three letters are taken as printed.
    if len(typed) < _MIN_FUZZY_WORD or len(word) <= _MIN_FUZZY_WORD:
        return False
    if typed[0] != word[0] and len(word) < _MIN_ANY_LETTER_WORD and typed[1::-1] != word[:2]:
        return False
    return OSA.distance(typed, word, score_cutoff=1) <= 1


def _two_typos(typed: str, word: str, words: int) -> bool:
    """Two edits in a long word of a form of ``words`` words, first letter right ("liniteed" /
    "limited" in a form of three words, "akionernoe" / "aktsionernoe" in one of two)."""
    if len(word) < _two_typo_length(words) or typed[0] != word[0]:
        return False
    return OSA.distance(typed, word, score_cutoff=2) <= 2


def legal_form_code(word: str) -> str | None:
    """The code of a one-word legal form ("ooo" → "llc"), or None (``match_legal_form`` on
    one word: as printed or up to spelling; typos count only in forms of several words)."""
    if not may_start_legal_form(word):
        return None
    table = legal_form_table()
    code = table.by_text.get((word,))
    if code is None and len(word) >= _MIN_SKELETON_MATCH:
        code = table.by_skeleton.get((skeleton(word),))
    return code


_GLUED: Final = re.compile(
    rf"^(?:({'|'.join(_GLUED_PREFIXES)})(\w{{{_MIN_GLUED_REST},}})"
    rf"|(\w{{{_MIN_GLUED_REST},}}?)({'|'.join(_GLUED_SUFFIXES)}))$"
)


def legal_family(code: str) -> frozenset[str]:
    """The other codes of ``code``'s family (``_FAMILIES``): forms of one kind of firm."""
    for family in _FAMILIES:
        if code in family:
            return family - {code}
    return frozenset()


@lru_cache(maxsize=262144)
def split_glued(word: str) -> tuple[str, ...]:
    """A name with a legal-form abbreviation glued on, split: "jscargument" → ("jsc", "argument").

    Words that are not glued come back alone.
    """
    match = _GLUED.match(word)
    if match is None:
        return (word,)
    return tuple(part for part in match.groups() if part)
