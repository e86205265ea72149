"""Cyrillic romanisation in the systems names actually reach the lists in.

Russian: BGN/PCGN (the US/UK gazetteer system OFAC and OFSI mostly use), ICAO 9303 (machine-readable
passports since 2013), GOST 7.79-2000 system B and the scholarly system with its diacritics dropped.
Ukrainian: the 2010 national passport system (KMU) and BGN/PCGN. Serbian, Macedonian, Bulgarian and
Belarusian letters get their national Latin values. All output is lower-case ASCII.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

_BASE: Final = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "з": "z",
    "и": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "ь": "",
    "ъ": "",
}

# Letters whose rendering depends on the system. Columns: BGN/PCGN, ICAO 9303, GOST 7.79-B,
# scholarly (ISO 9-like, diacritics dropped).
_RUSSIAN: Final = {
    "е": ("e", "e", "e", "e"),
    "ё": ("e", "e", "yo", "e"),
    "ж": ("zh", "zh", "zh", "z"),
    "й": ("y", "i", "j", "j"),
    "х": ("kh", "kh", "x", "x"),
    "ц": ("ts", "ts", "cz", "c"),
    "ч": ("ch", "ch", "ch", "c"),
    "ш": ("sh", "sh", "sh", "s"),
    "щ": ("shch", "shch", "shh", "sc"),
    "ъ": ("", "ie", "", ""),
    "ы": ("y", "y", "y", "y"),
    "э": ("e", "e", "e", "e"),
    "ю": ("yu", "iu", "yu", "ju"),
    "я": ("ya", "ia", "ya", "ja"),
    # Letters of other Cyrillic alphabets, rendered the same way in every system.
    "і": ("i", "i", "i", "i"),
    "ї": ("yi", "i", "yi", "ji"),
    "є": ("ye", "ie", "ye", "je"),
    "ґ": ("g", "g", "g", "g"),
    "ў": ("w", "u", "u", "u"),
    "ђ": ("dj", "dj", "dj", "d"),
    "ј": ("j", "j", "j", "j"),
    "љ": ("lj", "lj", "lj", "lj"),
    "њ": ("nj", "nj", "nj", "nj"),
    "ћ": ("c", "c", "c", "c"),
    "џ": ("dz", "dz", "dz", "dz"),
    "ѓ": ("gj", "gj", "gj", "g"),
    "ќ": ("kj", "kj", "kj", "k"),
    "ѕ": ("dz", "dz", "dz", "dz"),
    "ә": ("a", "a", "a", "a"),
    "ғ": ("gh", "g", "g", "g"),
    "қ": ("q", "k", "k", "k"),
    "ң": ("ng", "n", "n", "n"),
    "ө": ("o", "o", "o", "o"),
    "ұ": ("u", "u", "u", "u"),
    "ү": ("u", "u", "u", "u"),
    "һ": ("h", "h", "h", "h"),
}
RUSSIAN_SYSTEMS: Final = ("bgn", "icao", "gost", "scholarly")

# Ukrainian: the 2010 national system (KMU, used in Ukrainian passports) and BGN/PCGN.
# A pair (initial, elsewhere) gives the word-initial rendering first.
_UKRAINIAN: dict[str, tuple[str | tuple[str, str], ...]] = {
    "г": ("h", "h"),
    "ґ": ("g", "g"),
    "е": ("e", "e"),
    "є": (("ye", "ie"), ("ye", "ie")),
    "ж": ("zh", "zh"),
    "и": ("y", "y"),
    "і": ("i", "i"),
    "ї": (("yi", "i"), ("yi", "i")),
    "й": (("y", "i"), ("y", "i")),
    "х": ("kh", "kh"),
    "ц": ("ts", "ts"),
    "ч": ("ch", "ch"),
    "ш": ("sh", "sh"),
    "щ": ("shch", "shch"),
    "ю": (("yu", "iu"), ("yu", "iu")),
    "я": (("ya", "ia"), ("ya", "ia")),
    "ь": ("", ""),
    "'": ("", ""),
}
UKRAINIAN_SYSTEMS: Final = ("kmu", "bgn")

# Belarusian: the national system used in Belarusian passports (г → h, ў → u, я → ia).
_BELARUSIAN: dict[str, str | tuple[str, str]] = {
    "г": "h",
    "ґ": "g",
    "е": ("ye", "ie"),
    "ё": ("yo", "io"),
    "ж": "zh",
    "і": "i",
    "й": "i",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "ў": "u",
    "ы": "y",
    "э": "e",
    "ю": ("yu", "iu"),
    "я": ("ya", "ia"),
    "ь": "",
    "'": "",
}

# After a consonant, е and ё read as the plain vowels э and о in the older spelling.
_PLAIN_E: Final = re.compile(r"(?<=[бвгґджзйклмнпрстўфхцчш])[её]")
_PLAIN_VOWEL: Final = str.maketrans({"е": "э", "ё": "о"})

_VOWELS: Final = set("аеёиоуыэюяіїєaeiou")
_SOFTENERS: Final = _VOWELS | {"ь", "ъ", "й"}


_RUSSIAN_TABLES: Final = tuple(
    str.maketrans({**_BASE, **{ch: values[column] for ch, values in _RUSSIAN.items()}})
    for column in range(4)
)
# BGN/PCGN writes е (and ё) as "ye" at the start of a word and after a vowel, й or a soft or
# hard sign; elsewhere as "e".
_BGN_YE: Final = re.compile(r"(?:^|(?<=[аеёиоуыэюяіїєьъй]))[её]")


def _russian(word: str, column: int) -> str:
    if column == 0:
        word = _BGN_YE.sub("ye", word)
    return word.translate(_RUSSIAN_TABLES[column])


def _ukrainian(word: str, column: int) -> str:
    out: list[str] = []
    for i, ch in enumerate(word):
        value = _UKRAINIAN.get(ch)
        if value is None:
            out.append(_BASE.get(ch, ch))
            continue
        rendering = value[column]
        if isinstance(rendering, tuple):
            rendering = rendering[0] if i == 0 else rendering[1]
        out.append(rendering)
    return "".join(out)


def _belarusian(word: str) -> str:
    out: list[str] = []
    for i, ch in enumerate(word):
        value = _BELARUSIAN.get(ch)
        if value is None:
            out.append(_BASE.get(ch, ch))
        elif isinstance(value, tuple):
            out.append(value[0] if i == 0 or word[i - 1] in _SOFTENERS else value[1])
        else:
            out.append(value)
    return "".join(out)


@lru_cache(maxsize=65536)
def romanise_belarusian(word: str) -> tuple[str, str]:
    """A lower-case Belarusian word in the national (passport) system, and as older passports
    and many lists print it, with е and ё after a consonant as a plain "e" and "o"
    (Генрыхавіч "Hienrykhavich" / "Henrykhavich", Сяргей "Siarhei")."""
    national = _belarusian(word)
    plain = _belarusian(_PLAIN_E.sub(lambda m: m.group(0).translate(_PLAIN_VOWEL), word))
    return national, plain


# A Belarusian name word's Russian counterpart, as Russian-language lists print the same person
# ("Уладзімір Аляксандравіч Давыдаў" is "Vladimir Aleksandrovich Davydov" there): the soft
# т and д Belarusian writes ц and дз (Канстанцін, Генадзь), ў for в (Давыдаў), і for и, the
# written akanye of the name endings (-авіч, -аўна, -аў), and Улад- for Влад-.
_RUSSIAN_STEMS: Final = (
    ("^улад", "влад"),
    # Given names (and the patronymics made of them) whose Belarusian form differs in more
    # than those letters: Сяргей Сергей, Мікалай Николай, Аляксандр Александр.
    ("^сярге", "серге"),
    ("^мікала", "никола"),
    ("^аляксандр", "александр"),
    ("^аляксе", "алексе"),
    ("^алег", "олег"),
    ("^віктар", "виктор"),
    ("^андрэ", "андре"),
    ("^дзмітр", "дмитр"),
    ("^рыгор", "григор"),
    ("^яўген", "евген"),
    ("^ігар", "игор"),
    ("^генадз", "геннад"),
    ("^валянцін", "валентин"),
    ("^кацярын", "екатерин"),
    ("^наталл", "натал"),
    ("^вольг", "ольг"),
    ("^ален", "елен"),
    ("^таццян", "татьян"),
    ("^святлан", "светлан"),
    ("^пятр", "петр"),
    ("^цімафе", "тимофе"),
    ("^леанід", "леонид"),
    ("^раман", "роман"),
    ("^канстан", "констан"),
)
_RUSSIAN_ENDINGS: Final = (("авіч$", "ович"), ("аўна$", "овна"), ("аў$", "ов"), ("эў$", "ев"))
_RUSSIAN_REWRITES: Final = tuple(
    (re.compile(pattern), new) for pattern, new in (*_RUSSIAN_STEMS, *_RUSSIAN_ENDINGS)
)
_SOFT_T: Final = re.compile(r"ц(?=[іеёюяь])")
_SOFT_D: Final = re.compile(r"дз(?=[іеёюяь])")


@lru_cache(maxsize=65536)
def russian_counterpart(word: str) -> str:
    """The Russian spelling a lower-case Belarusian name word most likely corresponds to."""
    for pattern, replacement in _RUSSIAN_REWRITES:
        word = pattern.sub(replacement, word)
    word = _SOFT_D.sub("д", _SOFT_T.sub("т", word))
    return word.replace("ў", "в").replace("і", "и").replace("э", "е")


@lru_cache(maxsize=65536)
def romanise_russian(word: str) -> tuple[str, ...]:
    """A lower-case Cyrillic word in BGN/PCGN, ICAO, GOST 7.79-B and scholarly renderings."""
    return tuple(_russian(word, c) for c in range(len(RUSSIAN_SYSTEMS)))


@lru_cache(maxsize=65536)
def romanise_ukrainian(word: str) -> tuple[str, ...]:
    """A lower-case Ukrainian word in the national (KMU 2010) and BGN/PCGN systems."""
    return tuple(_ukrainian(word, c) for c in range(len(UKRAINIAN_SYSTEMS)))


def guess_language(text: str) -> str:
    """ "be" or "uk" when letters only those alphabets have say so, else "" (Russian systems).

    ў, or і together with ы/э or a Belarusian patronymic (-віч: Ukrainian writes -вич), is
    Belarusian; ї, є, ґ, or і otherwise, is Ukrainian.
    """
    if "ў" in text:
        return "be"
    if "і" in text:
        return "be" if ("ы" in text or "э" in text or "віч" in text) else "uk"
    if "ї" in text or "є" in text or "ґ" in text:
        return "uk"
    return ""
