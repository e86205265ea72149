"""Hebrew words in the Latin spellings Israeli names take ("משה" → "mosh", "דוד" → "dvd"/"dod").

Hebrew is written without most vowels, so a rendering carries the consonants with the letters that
double as vowels (vav, yod, final he); phonetic keys, which mostly ignore vowels, then meet the
full Latin spelling. Two renderings differ where usage differs: vav as "o" or "v", het and
khaf as "h"/"kh" or "ch" (Chai, Chasdai); a third guesses the unwritten vowels as Israeli
names are spelled (ירד → "yered"). ICU's Hebrew-Latin gives bare consonants only.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Letter: (word-initial, elsewhere, word-final) for each of the two renderings where they differ.
_SIMPLE = {
    "ג": "g",
    "ד": "d",
    "ז": "z",
    "ט": "t",
    "ל": "l",
    "מ": "m",
    "ם": "m",
    "נ": "n",
    "ן": "n",
    "ס": "s",
    "צ": "ts",
    "ץ": "ts",
    "ק": "k",
    "ר": "r",
    "ש": "sh",
    "ת": "t",
    "ף": "f",
}


def _letter(word: str, i: int, style: int) -> str:
    ch = word[i]
    first, last = i == 0, i == len(word) - 1
    if ch in "צץ" and style == 1:  # "z" in the second style: Zvi, Zion
        return "z"
    if ch in _SIMPLE:
        return _SIMPLE[ch]
    if ch in "אע":
        return "a" if first or last else ""
    if ch == "ב":
        return "b" if first else "v"
    if ch == "ו":
        if first or (i + 1 < len(word) and word[i + 1] == "ו"):
            return "v"
        return "o" if style == 0 else "v"
    if ch == "ה":
        return "a" if last else "h"
    if ch == "ח":
        return "h" if style == 0 else "ch"
    if ch == "י":
        return "y" if first or (i + 1 < len(word) and word[i + 1] == "י") else "i"
    if ch in "כך":
        return "k" if first else ("kh" if style == 0 else "ch")
    if ch == "פ":  # "f" in the second style: Federman, Feiglin
        return "p" if first and style == 0 else "f"
    return ""


_VOWELS = frozenset("aeiou")


def _vowelled(bare: str) -> str:
    """Israeli usage with the unwritten vowels guessed: an initial alef or ayin is "e" (Eli,
    Eden), a medial one "a" (Noam), and the first two consonants in a row take an "e"
    between them (Yered, Yosef); three bare consonants take two (ירד → "yered")."""
    units = []
    for i, ch in enumerate(bare):
        if ch in "אע" and 0 < i < len(bare) - 1:
            units.append("a")
        elif ch in "אע" and i == 0:
            units.append("e")
        elif ch == "פ":  # ashkenazi surnames print "f" (Federman), given names "p" (Pinchas)
            units.append("p" if i == 0 and len(bare) < 5 else "f")
        else:
            units.append(_letter(bare, i, 0))
    units = [u for u in units if u]
    consonants = [k for k, u in enumerate(units) if u[0] not in _VOWELS]
    if len(units) == 3 and len(consonants) == 3:
        return f"{units[0]}e{units[1]}e{units[2]}"
    for k in range(len(units) - 1):
        if units[k][-1] not in _VOWELS and units[k + 1][0] not in _VOWELS:
            units.insert(k + 1, "e")
            break
    return "".join(units)


@lru_cache(maxsize=16384)
def romanise_hebrew(word: str) -> tuple[str, str, str]:
    """Three Latin renderings of a Hebrew word (points and cantillation marks are ignored):
    consonants with vowel letters, the same in the "ch"/"v" style, and Israeli usage with the
    unwritten vowels guessed (``_vowelled``)."""
    bare = "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))
    out = tuple("".join(_letter(bare, i, style) for i in range(len(bare))) for style in (0, 1))
    return out[0], out[1], _vowelled(bare)
