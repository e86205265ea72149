"""Chinese characters (Han) as pinyin, split into family and given name for personal names.

王健林 becomes family "wang" and given "jianlin" (grouped, as passports write it) or "jian lin"
(ungrouped, as some lists do). Readings come from ICU (tones dropped); the first character of a
personal name uses ICU's family-name readings (单 → "shan", not "dan").
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from sanctionguard.names.translit import icu_latin

# Two-character family names (the common ones); any other family name is one character.
COMPOUND_FAMILY_NAMES: Final = frozenset(
    {"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙", "歐陽", "諸葛"}
)


def is_han(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0xF900 <= cp <= 0xFAFF
        or (0x20000 <= cp <= 0x3134F)
    )


@lru_cache(maxsize=32768)
def pinyin(ch: str, family: bool = False) -> str:
    """Toneless pinyin of one character ("" when ICU has no reading)."""
    system = "Han-Latin/Names" if family else "Han-Latin"
    return icu_latin(ch, system).replace(" ", "")


def syllables(word: str, family_first: bool = False) -> tuple[str, ...]:
    """Pinyin per character; non-Han characters are dropped."""
    return tuple(pinyin(ch, family_first and i == 0) for i, ch in enumerate(word) if is_han(ch))


def split_family_name(word: str) -> tuple[str, str] | None:
    """A Chinese personal name as one word, split into (family, given); None if implausible."""
    if 3 <= len(word) <= 4 and word[:2] in COMPOUND_FAMILY_NAMES:
        return word[:2], word[2:]
    if 2 <= len(word) <= 3 and all(is_han(ch) for ch in word):
        return word[:1], word[1:]
    return None
