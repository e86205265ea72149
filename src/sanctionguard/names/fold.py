"""Folding: the Unicode clean-up every name goes through before it is split or transliterated.

``clean_text`` applies NFKC, drops invisible and control characters and repairs homoglyphs
(a Cyrillic "О" inside the Latin word "DОO"); ``fold_case`` lower-cases; ``ascii_fold`` turns
Latin with diacritics into plain ASCII ("Müller" → "muller", "Øresund" → "oresund").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

# Characters that carry no letter: zero-width spaces and joiners, bidi marks, soft hyphen, BOM.
_INVISIBLE: Final = dict.fromkeys(
    (
        0x00AD,
        0x034F,
        0x061C,
        0x115F,
        0x1160,
        0x17B4,
        0x17B5,
        0x180E,
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2070),
        0x3164,
        0xFEFF,
        0xFFA0,
    )
)
# Control characters become spaces: a tab or newline inside a name separates words.
_CONTROLS: Final = dict.fromkeys((*range(0, 32), *range(127, 160)), " ")
_CLEAN_TABLE: Final = {**_CONTROLS, **_INVISIBLE}

# Look-alike letters. Each maps a letter of one script to the letter of the other script that
# renders identically in common fonts; used only inside words that already mix the two scripts.
_CYRILLIC_TO_LATIN: Final = dict(
    zip(
        "АВЕКМНОРСТУХаеорсухіјѕԁӏІЈЅ",
        "ABEKMHOPCTYXaeopcyxijsdlIJS",
        strict=True,
    )
)
_GREEK_TO_LATIN: Final = dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοιρνκ", "ABEZHIKMNOPTYXoipvk", strict=True))
_LATIN_TO_CYRILLIC: Final = dict(zip("ABCEHKMOPTXaceopxyiy", "АВСЕНКМОРТХасеорхуіу", strict=True))
_TO_LATIN: Final = str.maketrans({**_GREEK_TO_LATIN, **_CYRILLIC_TO_LATIN})
_TO_CYRILLIC: Final = str.maketrans(_LATIN_TO_CYRILLIC)

# Letters that NFD does not decompose into base + combining mark.
_ASCII_SPECIAL: Final = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ł": "l",
        "ı": "i",
        "ŋ": "n",
        "ħ": "h",
        "ŧ": "t",
        "ƒ": "f",
        "ſ": "s",
        "ĸ": "k",
        "ə": "a",
        "ɨ": "i",
        "ʒ": "zh",
        # Apostrophe-like marks used for soft/hard signs, ayn and hamza in romanisations.
        "ʹ": "",
        "ʺ": "",
        "ʼ": "",
        "ʻ": "",
        "ʽ": "",
        "ʾ": "",
        "ʿ": "",
        "′": "",
        "″": "",
        "'": "",
        "’": "",
        "‘": "",
        "`": "",
        "´": "",
    }
)


# A Latin letter next to a Cyrillic or Greek one: the only case where repair can apply.
_LATIN_CLASS: Final = "A-Za-z\u00c0-\u024f"
_OTHER_CLASS: Final = "\u0370-\u03ff\u0400-\u052f\u1f00-\u1fff"
_MIXED: Final = re.compile(f"[{_LATIN_CLASS}][{_OTHER_CLASS}]|[{_OTHER_CLASS}][{_LATIN_CLASS}]")


_SPECIAL_CHARS: Final = frozenset("ßæœøđðþłıŋħŧƒſĸəɨʒʹʺʼʻʽʾʿ′″'’‘`´")


def _is_latin_letter(ch: str) -> bool:
    return ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff"


def _is_cyrillic_letter(ch: str) -> bool:
    return "\u0400" <= ch <= "\u052f"


def _is_greek_letter(ch: str) -> bool:
    return "\u0370" <= ch <= "\u03ff" or "\u1f00" <= ch <= "\u1fff"


def _letter_scripts(word: str) -> tuple[int, int, int]:
    """Counts of Latin, Cyrillic and Greek letters in a word."""
    latin = cyrillic = greek = 0
    for ch in word:
        if not ch.isalpha():
            continue
        if _is_latin_letter(ch):
            latin += 1
        elif _is_cyrillic_letter(ch):
            cyrillic += 1
        elif _is_greek_letter(ch):
            greek += 1
    return latin, cyrillic, greek


def _repair_word(word: str) -> str:
    """One word written in two look-alike scripts becomes one script, the majority's.

    Ties go to Latin: a lone Cyrillic "О" between two Latin letters is the classic evasion.
    A word is only converted when every foreign letter has a look-alike; otherwise it is kept.
    """
    latin, cyrillic, greek = _letter_scripts(word)
    if not latin or not (cyrillic or greek):
        return word
    if latin >= cyrillic + greek:
        repaired = word.translate(_TO_LATIN)
        if _letter_scripts(repaired)[1:] == (0, 0):
            return repaired
    elif cyrillic and not greek:
        repaired = word.translate(_TO_CYRILLIC)
        if _letter_scripts(repaired)[0] == 0:
            return repaired
    return word


def repair_homoglyphs(text: str) -> str:
    """Words mixing Latin with Cyrillic/Greek look-alikes are written in one script."""
    if text.isascii() or _MIXED.search(text) is None:
        return text
    return " ".join(_repair_word(w) for w in text.split(" "))


def clean_text(text: str) -> str:
    """NFKC; invisibles dropped, controls as spaces, homoglyphs repaired, spaces squeezed."""
    text = unicodedata.normalize("NFKC", text).translate(_CLEAN_TABLE)
    return repair_homoglyphs(" ".join(text.split()))


def fold_case(text: str) -> str:
    """Case folding ("ß" stays a letter here; ``ascii_fold`` expands it)."""
    return text.lower()


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if not _is_latin_letter(ch) and not unicodedata.combining(ch) and ch not in _SPECIAL_CHARS:
        return ch
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_ASCII_SPECIAL)


@lru_cache(maxsize=65536)
def ascii_fold(text: str) -> str:
    """Latin text as lower-case ASCII: diacritics stripped, ligatures expanded, marks dropped.

    Letters of other scripts are kept as they are (Cyrillic "й" stays "й"); callers
    transliterate those first. Stray combining marks are dropped.
    """
    if text.isascii():
        return text.lower().replace("'", "").replace("`", "")
    return unicodedata.normalize("NFC", "".join(map(_fold_char, text.lower())))


def fold(text: str) -> str:
    """The whole folding chain for display-free comparison: clean, lower-case, ASCII where Latin.

    Homoglyphs are repaired before lower-casing (upper-case look-alikes) and again after the
    diacritics are gone ("Òж" becomes "ож"). Idempotent: ``fold(fold(x)) == fold(x)``.
    """
    return repair_homoglyphs(" ".join(ascii_fold(fold_case(clean_text(text))).split()))
