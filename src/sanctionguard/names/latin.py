"""Latin names that are Russian romanised by scholarly, German or French usage, read back as
BGN/PCGN.

Scholarly (ISO 9 and the Slavists' system) writes "Michajlovič", "Obŝestvo", "Jurʹevič" and
German usage "Gadshijew", "Chochlowa", "Jewgenewitsch": in both, "ch" is х (BGN "kh"), which the
spelling keys read as English "ch". French usage ("Iouri Kovaltchouk", "Sergueï Narychkine",
"Vladimir Poutine"; Soviet passports used it until 1997, so older records carry it) writes у
"ou", ш "ch", ч "tch", ж "j" and a final -ин "-ine". A name whose letters say which system
wrote it gets a second reading in BGN-like spelling ("mikhaylovich", "khokhlova", "yuri
kovalchuk"); the first reading stays as printed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

SCHOLARLY: Final = "x-iso9"  # language tag ``romanise_word`` reads as "Latin, scholarly Russian"
GERMAN: Final = "x-de-ru"  # ... as "Latin, German usage for Russian"
FRENCH: Final = "x-fr-ru"  # ... as "Latin, French usage for Russian"

# Letters only ISO 9 / scholarly romanisation of Cyrillic prints (in lower case), and the soft
# and hard sign marks it uses. č, š, ž alone are Czech or South Slavic as much as Russian:
# they count only with a Russian-looking ending or another mark.
_ISO_ONLY: Final = frozenset("ŝâûʹʺ")
_ISO_COMMON: Final = frozenset("čšž")
_RUSSIAN_ENDING: Final = re.compile(r"(?:ov|ev|in|ij|yj|ič|ovna|evna|ova|eva|ina|aja)\b")

# German usage: endings and clusters no English or French spelling of a name has.
_GERMAN_MARK: Final = re.compile(
    r"(?:[oe]w|[oe]wa|witsch|[oe]wna|schtsch|tsch)\b|tsch|schtsch|jew|jaw"
)

_SCHOLARLY_UNITS: Final = re.compile(r"šč|ŝ|č|š|ž|ch|c|x|â|û|ë|è|ì|ï|ŭ|j(?=[aeouiy])|j")
_SCHOLARLY_VALUES: Final = {
    "šč": "shch",
    "ŝ": "shch",
    "č": "ch",
    "š": "sh",
    "ž": "zh",
    "ch": "kh",  # х: č is ч in this system
    "c": "ts",  # ц
    "x": "kh",
    "â": "ya",
    "û": "yu",
    "ë": "yo",
    "è": "e",
    "ì": "i",
    "ï": "yi",
    "ŭ": "u",
    "j": "y",
}
_GERMAN_UNITS: Final = re.compile(
    r"schtsch|tsch|dsch|sch|ch|sh|ss|(?<=[aeiouy])s(?=[aeiouy])|w|z|j"
)
_GERMAN_VALUES: Final = {
    "schtsch": "shch",
    "tsch": "ch",
    "dsch": "dzh",
    "sch": "sh",
    "ch": "kh",  # х
    "sh": "zh",  # Duden transcription: ж
    "ss": "s",  # с between vowels
    "s": "z",  # з: a single s between vowels ("Belosjorow" Белозёров)
    "w": "v",
    "z": "ts",  # ц
    "j": "y",
}
_GERMAN_INITIAL_S: Final = re.compile(r"^s(?=[aeiouy])")

# French usage: what English and German spellings of Russian names lack: a final ï after a
# vowel (Sergueï, Nikolaï: й) and Mikhaïl, "iou" opening a word (Iouri), a patronymic in -vitch,
# "tch" in a word with a Russian ending (Timtchenko, Kovaltchouk; not "Mitchell"), "ou" in one
# (Ousmanov, Patrouchev, Poutine), a final "-ine" after ж or х (Prigojine, Narychkine).
_FRENCH_MARK: Final = re.compile(
    r"[aeo]ï\b|khaïl|\biou|vitch\b|\bviatch|tch[a-z]*(?:ov|ev|ine|enko|ouk|ova|eva|ina)\b"
    r"|ou[a-z]*(?:ov|ev|ine|enko|ova|eva|ina)\b|[a-z]{3}(?:kh|[jz])ine\b"
)
_FRENCH_UNITS: Final = re.compile(
    r"chtch|tch|dj|ch|(?<=[aeiouy])ss(?=[aeiouy])|\biou|ou|ï|gue|gui|(?<=[a-z]{2})ine\b|j"
)
_FRENCH_VALUES: Final = {
    "chtch": "shch",
    "tch": "ch",  # ч
    "dj": "dzh",
    "ch": "sh",  # ш
    "ss": "s",  # с between vowels
    "iou": "yu",  # ю opening a word
    "ou": "u",
    "ï": "y",  # й (a final one; before a letter it is the vowel: "Mikhaïl" Mikhail)
    "gue": "ge",
    "gui": "gi",
    "ine": "in",  # -ин, its e silent
    "j": "zh",  # ж
}


def reading_system(text: str) -> str:
    """ "x-iso9", "x-de-ru", "x-fr-ru" or "" for a cleaned, lower-case Latin name (see module
    docs)."""
    if not text.isascii():
        if not _ISO_ONLY.isdisjoint(text):
            return SCHOLARLY
        if not _ISO_COMMON.isdisjoint(text) and _RUSSIAN_ENDING.search(text):
            return SCHOLARLY
    if _GERMAN_MARK.search(text):
        return GERMAN
    return FRENCH if _FRENCH_MARK.search(text) else ""


@lru_cache(maxsize=65536)
def scholarly_reading(word: str) -> str:
    """A lower-case scholarly word in BGN-like letters (diacritics still to be folded)."""
    word = word.replace("ʹ", "").replace("ʺ", "")
    return _SCHOLARLY_UNITS.sub(lambda m: _SCHOLARLY_VALUES[m.group(0)], word)


@lru_cache(maxsize=65536)
def german_reading(word: str) -> str:
    """A lower-case German-usage word in BGN-like letters ("jewgenewitsch" → "yevgenevich")."""
    return _GERMAN_UNITS.sub(lambda m: _GERMAN_VALUES[m.group(0)], word)


def german_initial_z(word: str) -> str:
    """A German-usage word read with an initial "s" before a vowel as з ("Subkow" Зубков);
    German usage writes с there too ("Sergej"), so this is a second reading, not the first."""
    return _GERMAN_INITIAL_S.sub("z", word)


@lru_cache(maxsize=65536)
def french_reading(word: str) -> str:
    """A lower-case French-usage word in BGN-like letters ("kovaltchouk" → "kovalchuk",
    "poutine" → "putin")."""
    return _FRENCH_UNITS.sub(_french_unit, word)


def _french_unit(found: re.Match[str]) -> str:
    unit = found.group(0)
    if unit == "ï" and found.end() < len(found.string):
        return "i"
    return _FRENCH_VALUES[unit]


def reading(word: str, system: str) -> str:
    """``word`` read in ``system`` (one of the tags above)."""
    if system == SCHOLARLY:
        return scholarly_reading(word)
    return french_reading(word) if system == FRENCH else german_reading(word)
