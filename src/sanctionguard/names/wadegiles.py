"""Chinese names spelt in Wade–Giles, read in pinyin as the lists print Chinese names.

Taiwan's passports and older or Western texts spell Chinese names in Wade–Giles: 张晓明 is
"Chang Hsiao-ming" there and "ZHANG Xiaoming" on a sanctions list, 徐金东 "Hsu Chin-tung" and
"XU Jindong". Wade–Giles writes pinyin's b, d, g, z/zh, j as p, t, k, ts/ch, ch and their
aspirated partners p, t, k, c/ch, q the same with an apostrophe; x as "hs", r as "j"; -ong as
"-ung", -ian "-ien", -ie "-ieh", zhi/chi/shi/ri "chih/shih/jih", zi/ci/si "tzu/ssu". Printed
without apostrophes and umlauts, as passports and databases print it, one Wade–Giles syllable
stands for up to four pinyin syllables ("chi": ji or qi; "chang": zhang or chang).

A Latin name of three or four words is read so when every word is a Wade–Giles syllable, one of
them is none of pinyin's ("hsiao", "tsung", "chien") or its given name is hyphenated ("Chang
Chi-cheng"), and its family name (the word before a comma, else the first or the last word) is a
common Chinese family name so read; each such name gets its pinyin readings (at most
``MAX_READINGS``; the family name only as a common one), the given name's syllables written as
one word as pinyin writes them. Not a name of Korean syllables with a Korean family name first
or last ("Han Jang Su": Wade–Giles has those words too).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Final

from sanctionguard.names import hangul
from sanctionguard.names.romanised import chinese_family_names, pinyin_syllables
from sanctionguard.names.tokens import COMMA
from sanctionguard.names.types import NamePart

MAX_READINGS: Final = 8
MIN_WORDS: Final = 3  # a family name and a two-syllable given name ("MING CHUNG" is left)
MAX_WORDS: Final = 4

# Pinyin initials, longest first, and what Wade–Giles writes for them (apostrophes dropped).
_INITIALS_TEXT: Final = "zh ch sh b p m f d t n l g k h j q x z c s r y w"
_INITIALS: Final = tuple(_INITIALS_TEXT.split())
_INITIAL_WG: Final = {
    "b": "p",
    "d": "t",
    "g": "k",
    "z": "ts",
    "c": "ts",
    "zh": "ch",
    "j": "ch",
    "q": "ch",
    "x": "hs",
    "r": "j",
}
# Whole syllables Wade–Giles spells apart from its rules.
_WHOLE: Final = {
    "zi": "tzu",
    "ci": "tzu",
    "si": "ssu",
    "zhi": "chih",
    "chi": "chih",
    "shi": "shih",
    "ri": "jih",
    "er": "erh",
    "yi": "i",
    "you": "yu",
    "yan": "yen",
    "ye": "yeh",
    "yue": "yueh",
    "yong": "yung",
}
_VELAR: Final = frozenset({"g", "k", "h"})
_UO_KEPT: Final = frozenset({"g", "k", "h", "sh", "w"})  # "kuo", "shuo", "wo"; else "o"


# Family names Taiwan and Hong Kong spell outside Wade–Giles ("Lee Teng-hui" is 李登輝).
_CUSTOMARY: Final = {"lee": ("li",)}


def _split(syllable: str) -> tuple[str, str]:
    for initial in _INITIALS:
        if syllable.startswith(initial):
            return initial, syllable[len(initial) :]
    return "", syllable


def wade_giles(syllable: str) -> str:
    """The Wade–Giles spelling of a toneless pinyin syllable, without apostrophes and umlauts
    ("zhang" → "chang", "xiao" → "hsiao", "guo" → "kuo", "zong" → "tsung")."""
    whole = _WHOLE.get(syllable)
    if whole is not None:
        return whole
    initial, final = _split(syllable)
    if final.endswith("ong"):
        final = final[:-3] + "ung"
    elif final == "ie":
        final = "ieh"
    elif final == "ian":
        final = "ien"
    elif final == "ue":
        final = "ueh"
    elif final == "uo" and initial not in _UO_KEPT:
        final = "o"  # duo "to", luo "lo", zhuo "cho"; guo "kuo", shuo "shuo"
    elif final == "e" and initial in _VELAR:
        final = "o"  # ge "ko", he "ho"
    elif final == "ui" and initial in ("g", "k"):
        final = "uei"
    return _INITIAL_WG.get(initial, initial) + final


@lru_cache(maxsize=1)
def _readings_table() -> dict[str, tuple[str, ...]]:
    """Each Wade–Giles syllable's pinyin syllables."""
    table: dict[str, list[str]] = {}
    for syllable in sorted(pinyin_syllables()):
        table.setdefault(wade_giles(syllable), []).append(syllable)
    return {**{wg: tuple(found) for wg, found in table.items()}, **_CUSTOMARY}


def _family_words(texts: Sequence[str], words: list[int]) -> list[int]:
    """The positions the family name may hold: before a comma, else the first word or the last
    (Chinese or Western order), where a common family name in Wade–Giles is written."""
    table, families = _readings_table(), chinese_family_names()
    commas = [i for i, t in enumerate(texts) if t == COMMA]
    # (After a comma only the first word: "CHANG, Hsiao-ming".)
    candidates = [words[0], words[-1]] if not commas else [words[0]] if commas == [1] else []
    return [i for i in candidates if any(p in table.get(texts[i], ()) for p in families)]


def pinyin_readings(
    texts: Sequence[str], hyphenated: bool = False
) -> list[list[tuple[str, NamePart]]]:
    """The pinyin readings of a Latin name's words (commas included) if it is a Chinese name
    in Wade–Giles, else [] (see the module's docs): (word, family or given) per word.
    ``hyphenated``: the name was printed with a hyphen, as Wade–Giles joins a given name's
    syllables ("Chang Chi-cheng"), which says Wade–Giles where every word is pinyin too."""
    words = [i for i, t in enumerate(texts) if t != COMMA]
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return []
    table, pinyin = _readings_table(), pinyin_syllables()
    if not all(texts[i] in table for i in words):
        return []
    if not hyphenated and all(texts[i] in pinyin for i in words):
        return []  # (a pinyin name: no word says Wade–Giles)
    # A Korean family name with Korean syllables is a Korean name ("Han Jang Su", "Yun
    # Ho-chin"), though Wade–Giles has every word of it too.
    families = hangul.family_spellings()
    if all(texts[i] in hangul.latin_syllables() for i in words) and (
        texts[words[0]] in families or texts[words[-1]] in families
    ):
        return []
    # (Each place the family name may hold gets its share of the readings.)
    places = _family_words(texts, words)
    readings: list[list[tuple[str, NamePart]]] = []
    for family in places:
        readings.extend(
            itertools.islice(_readings(texts, words, family), MAX_READINGS // len(places))
        )
    return readings


def _readings(
    texts: Sequence[str], words: list[int], family: int
) -> Iterator[list[tuple[str, NamePart]]]:
    # Pinyin writes a given name's syllables as one word ("Xiaoming"), Wade–Giles with a hyphen;
    # the family name is read as the commoner of its pinyin names first ("chang": Zhang, Chang).
    table = _readings_table()
    given = [i for i in words if i != family]
    surnames = [p for p in chinese_family_names() if p in table[texts[family]]]
    options = [table[texts[i]] for i in given]
    for surname, syllables in itertools.product(surnames, itertools.product(*options)):
        given_name = ("".join(syllables), NamePart.GIVEN)
        family_name = (surname, NamePart.FAMILY)
        yield [family_name, given_name] if family < given[0] else [given_name, family_name]
