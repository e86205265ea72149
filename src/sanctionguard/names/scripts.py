"""Script detection: which writing system a name (or one word of it) is written in.

Scripts are named as Unicode names them ("Latin", "Cyrillic", "Han", "Hangul", "Arabic"...).
Digits, punctuation and combining marks belong to no script; a name without letters is "Common".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Final

from rigour.text.scripts import codepoint_script

LATIN: Final = "Latin"
COMMON: Final = "Common"

# Hiragana, Katakana and Han mixed in one Japanese name count as one script for the dominance vote.
_MERGED: Final = {"Hiragana": "Kana", "Katakana": "Kana"}


@lru_cache(maxsize=4096)
def char_script(ch: str) -> str:
    """The script of one character; "Common" for digits, punctuation, marks and unassigned."""
    if ch.isascii():
        return LATIN if ch.isalpha() else COMMON
    if not ch.isalpha():
        return COMMON
    script = codepoint_script(ord(ch))
    if script is None or script in ("Common", "Inherited", "Unknown"):
        return COMMON
    return _MERGED.get(script, script)


@lru_cache(maxsize=131072)
def word_script(word: str) -> str:
    """The majority script of a word's letters (ties go to the first letter's script)."""
    if word.isascii():
        return LATIN if any(ch.isalpha() for ch in word) else COMMON
    counts = Counter(s for s in map(char_script, word) if s != COMMON)
    if not counts:
        return COMMON
    return counts.most_common(1)[0][0]


def dominant_script(words: Sequence[str]) -> str:
    """The script most of the name's words' letters are in; "Common" when it has no letters."""
    counts: dict[str, int] = {}
    for word in words:
        script = word_script(word)
        if script != COMMON:
            counts[script] = counts.get(script, 0) + len(word)
    if len(counts) < 2:
        return next(iter(counts), COMMON)
    return max(counts, key=counts.__getitem__)
