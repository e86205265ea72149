"""Latin renderings of one word in a non-Latin alphabet, in every system a list may have used.

ICU transliterators cover Greek, Armenian, Georgian, Kana and the rest ("Any-Latin");
own tables cover what ICU lacks (Cyrillic ICAO/GOST in ``cyrillic``, Hangul in ``hangul``,
Arabic in ``arabic``, Hebrew in ``hebrew``). Each word yields lower-case ASCII renderings.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Final

import icu  # type: ignore[import-untyped]

from sanctionguard.names import arabic, cyrillic, hebrew, latin
from sanctionguard.names.fold import ascii_fold

# ICU transliterators per script, best first. Creating one takes milliseconds (Han: ~0.3 s),
# so each is created once per process (``transliterator``).
_ICU_SYSTEMS: dict[str, tuple[str, ...]] = {
    "Greek": ("Greek-Latin/UNGEGN", "Greek-Latin/BGN"),
    "Armenian": ("Armenian-Latin/BGN", "Armenian-Latin"),
    "Georgian": ("Georgian-Latin/BGN", "Georgian-Latin"),
    "Kana": ("Katakana-Latin; Hiragana-Latin",),
}
_ANY: Final = ("Any-Latin",)
_MORE_SYSTEMS: Final = ("Belarusian-Latin/BGN", "Han-Latin", "Han-Latin/Names")  # (belarusian, han)
_NOT_ASCII_ALNUM: Final = re.compile(r"[^a-zA-Z0-9 ]+")
# Umlauts and Nordic vowels have a second customary ASCII spelling: Müller is also Mueller.
_GERMANIC_SPELLING: Final = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "å": "aa"})
_GERMANIC: Final = frozenset("äöüøå")


@lru_cache(maxsize=64)
def transliterator(system: str) -> Any:
    """A cached ICU transliterator (they are slow to create and safe to reuse)."""
    return icu.Transliterator.createInstance(system)


def warm_up() -> None:
    """Create every transliterator a name may need now (~0.1 s), so that the first name in
    Greek or Georgian a server sees does not pay for it."""
    for systems in (*_ICU_SYSTEMS.values(), _ANY, _MORE_SYSTEMS):
        for system in systems:
            transliterator(system)


def icu_latin(text: str, system: str) -> str:
    """``text`` through one ICU transliterator, then folded to lower-case ASCII letters."""
    return _ascii_letters(ascii_fold(transliterator(system).transliterate(text)))


def _ascii_letters(text: str) -> str:
    """Only ASCII letters, digits and spaces survive (a transliterator's marks are dropped)."""
    return _NOT_ASCII_ALNUM.sub("", text)


@lru_cache(maxsize=131072)
def romanise_word(word: str, script: str, lang: str = "") -> tuple[str, ...]:
    """Latin renderings of one lower-case word, one per system of its script, best first.

    The systems are the same for every word of a script, so the n-th renderings of a name's words
    form one consistent rendering of the name (duplicates are kept for that reason). ``lang``
    "uk"/"ukr" and "be"/"bel" select the Ukrainian or Belarusian systems for Cyrillic;
    ``latin.SCHOLARLY``, ``latin.GERMAN`` and ``latin.FRENCH`` add a reading of Latin as
    romanised Russian. A
    rendering may contain spaces.
    """
    if script == "Latin" or word.isascii():
        return _latin(word, lang)
    if script == "Cyrillic":
        return _cyrillic(word, lang)
    if script == "Arabic":
        return arabic.romanise_arabic(word)
    if script == "Hebrew":
        return hebrew.romanise_hebrew(word)
    systems = _ICU_SYSTEMS.get(script, _ANY)
    return tuple(icu_latin(word, system) for system in systems)


def _latin(word: str, lang: str) -> tuple[str, ...]:
    """As printed; then with umlauts spelled out, or read as romanised Russian (``latin``)."""
    plain = _ascii_letters(ascii_fold(word))
    if lang in (latin.SCHOLARLY, latin.GERMAN, latin.FRENCH):
        return (plain, _ascii_letters(ascii_fold(latin.reading(word, lang))))
    if _GERMANIC.isdisjoint(word):
        return (plain,)
    return (plain, _ascii_letters(ascii_fold(word.translate(_GERMANIC_SPELLING))))


def _cyrillic(word: str, lang: str) -> tuple[str, ...]:
    renderings = cyrillic.romanise_russian(word)
    if lang in ("uk", "ukr"):
        renderings = (*cyrillic.romanise_ukrainian(word), renderings[1], renderings[0])
    elif lang in ("be", "bel"):
        # Belarusian systems, Russian ones (lists print "Syargey"), and the Russian
        # counterpart's (Давыдаў as "Davydov").
        national, plain = cyrillic.romanise_belarusian(word)
        bgn = transliterator("Belarusian-Latin/BGN").transliterate(word)
        russian = cyrillic.romanise_russian(cyrillic.russian_counterpart(word))
        renderings = (national, plain, bgn, *renderings[1::-1], russian[1], russian[0])
    return tuple(_ascii_letters(ascii_fold(r)) for r in renderings)
