"""What an analysed name is: Latin renderings split into typed tokens with matching keys.

A name in any script becomes one or more *forms* (one per plausible Latin rendering: a
Cyrillic name gives its BGN/PCGN, ICAO, GOST and scholarly romanisations; a Han name its
pinyin with syllables grouped and ungrouped), each a sequence of ``NameToken``. The matcher
aligns query tokens against listed tokens form by form and keeps the best alignment.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple

from sanctionguard.compiled import by_fields


class TokenKind(StrEnum):
    WORD = "word"  # an ordinary name word
    INITIAL = "initial"  # a single letter, possibly an abbreviated given name
    NUMBER = "number"  # digits: must agree between names ("11420 CORP" is not "CORP")
    LEGAL_FORM = "legal_form"  # LLC, OOO, JSC, GmbH... canonicalised in ``text``
    STOPWORD = "stopword"  # "of", "the", "al-" particles: weigh little


class NamePart(StrEnum):
    GIVEN = "given"
    MIDDLE = "middle"
    FAMILY = "family"
    PATRONYMIC = "patronymic"
    UNKNOWN = "unknown"
    # A later syllable of a Chinese or Korean given name written apart ("jong *un*"), or the
    # second of two names an Arabic-script word glues (عليرضا "ali *reza*"): half of one given
    # name, never a middle name to leave out cheaply.
    SYLLABLE = "syllable"
    # A word of a firm's name that tells what kind of firm it is ("research", "plant",
    # "engineering"): lists translate, transliterate or leave out such words, never the name.
    DESCRIPTOR = "descriptor"


class NameToken(NamedTuple):
    """One token of one Latin rendering of a name (a named tuple: hashed in C, as the matcher's
    caches key on tokens)."""

    text: str  # folded Latin text: lower case, ASCII, e.g. "shugaev"; legal forms canonical
    kind: TokenKind
    part: NamePart = NamePart.UNKNOWN
    phonetic: str = ""  # phonetic key (e.g. metaphone of ``text``)
    skeleton: str = ""  # spelling-variant key: "shugaev", "shugayev", "choughaev" → same key
    # Rendered from Arabic or Hebrew letters, which leave most vowels out: its vowels are guesses
    # ("dusat" for دوست, "Dost"), so the matcher also compares its consonants alone.
    abjad: bool = False
    # Rendered from Hangul, Han or Kana syllables: its spellings are the romanisation systems'
    # (the renderings carry them), and a letter more or less is another syllable ("seong" 성 is
    # no "yeong" 영), so it meets listed words by spelling and sound, not by edit distance.
    syllabic: bool = False


@dataclass(frozen=True, init=False)
class AnalyzedName:
    """A name ready for matching."""

    original: str
    script: str  # dominant script of ``original``: "Latin", "Cyrillic", "Han", "Arabic"...
    forms: tuple[tuple[NameToken, ...], ...]  # first form = the primary rendering
    is_organization: bool

    def __init__(
        self,
        original: str,
        script: str,
        forms: tuple[tuple[NameToken, ...], ...],
        is_organization: bool,
    ) -> None:
        # (Written out: the constructor dataclass writes runs interpreted, ~15x slower
        # than this one compiled; see match/DESIGN.md, "Where the time goes".)
        object.__setattr__(self, "original", original)
        object.__setattr__(self, "script", script)
        object.__setattr__(self, "forms", forms)
        object.__setattr__(self, "is_organization", is_organization)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return by_fields(self)  # (a compiled frozen class pickles by its constructor)

    @property
    def tokens(self) -> tuple[NameToken, ...]:
        """The primary rendering's tokens."""
        return self.forms[0] if self.forms else ()

    @property
    def numbers(self) -> frozenset[str]:
        return frozenset(t.text for t in self.tokens if t.kind is TokenKind.NUMBER)

    @property
    def legal_forms(self) -> frozenset[str]:
        return frozenset(t.text for t in self.tokens if t.kind is TokenKind.LEGAL_FORM)
