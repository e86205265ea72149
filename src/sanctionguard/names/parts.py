"""Name parts (given, middle, family, patronymic) of a personal name's tokens.

Parts the list publishes win; otherwise three heuristics: "FAMILY, Given Middle" comma order
(OFAC, UN), Russian/Ukrainian/Turkic patronymics (-ovich, -evna, -ogly...) with the word order
they imply, and East Asian family-first order (set by the transliteration of Han and Hangul).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final

from sanctionguard.names.types import NamePart, TokenKind

# Suffixes of patronymics; bare "-ich" only in the few names that take it (Ilyich, Kuzmich),
# so that Friedrich or Dietrich are not read as patronymics.
# Russian -ovich/-evich/-ovna/-evna (also -eevich, -ievich), Ukrainian -ovych/-ivna, Belarusian
# -avich/-auna, French -ovitch, German -owitsch/-owna, Turkic -ogly/-kyzy. Serbo-Croatian
# -ović is a family name, not a patronymic.
PATRONYMIC: Final = re.compile(
    r"(?:[oeai]vich|[oe]vych|[oe]vitch|[oe]witsch|ilyich|ilich|kuzmich|fomich|lukich|nikitich|savvich"
    r"|[oea]vna|ivna|ichna|[ae]una|[ae]wna|ovny|oglu|ogly|qizi|kyzy)$"
)
_MIN_PATRONYMIC: Final = 6

# Keys of ``EntryBuilder.add_name(parts=...)`` and what they mean here.
PART_KEYS: Mapping[str, NamePart] = {
    "given": NamePart.GIVEN,
    "first": NamePart.GIVEN,
    "middle": NamePart.MIDDLE,
    "second": NamePart.MIDDLE,
    "family": NamePart.FAMILY,
    "last": NamePart.FAMILY,
    "patronymic": NamePart.PATRONYMIC,
}
_NAMED: Final = (TokenKind.WORD, TokenKind.INITIAL)
_GIVEN_OR_MIDDLE: Final = (NamePart.GIVEN, NamePart.MIDDLE)


def is_patronymic(word: str) -> bool:
    """Looks like an East Slavic or Turkic patronymic ("evgenyevich", "ivanovna", "ogly")."""
    return len(word) >= _MIN_PATRONYMIC and PATRONYMIC.search(word) is not None


def comma_parts(kinds: Sequence[TokenKind], comma: int) -> list[NamePart]:
    """ "FAMILY, Given Middle…": before the comma family, then given, then middle or patronymic."""
    parts = [NamePart.FAMILY if i < comma else NamePart.UNKNOWN for i in range(len(kinds))]
    given_seen = False
    for i in range(comma, len(kinds)):
        if kinds[i] not in _NAMED:
            continue
        parts[i] = NamePart.MIDDLE if given_seen else NamePart.GIVEN
        given_seen = True
    return parts


def patronymic_parts(texts: Sequence[str], kinds: Sequence[TokenKind]) -> list[NamePart] | None:
    """Parts implied by a patronymic among three or more name words; None when there is none.

    "Given Patronymic Family" (Western order) when the patronymic is the second word,
    "Family Given Patronymic" (Russian official order) when it is the last.
    """
    named = [i for i, k in enumerate(kinds) if k in _NAMED]
    if len(named) < 3:
        return None
    parts = [NamePart.UNKNOWN] * len(texts)
    if is_patronymic(texts[named[1]]):
        parts[named[0]] = NamePart.GIVEN
        parts[named[1]] = NamePart.PATRONYMIC
        for i in named[2:]:
            parts[i] = NamePart.FAMILY
        return parts
    if is_patronymic(texts[named[-1]]):
        parts[named[0]] = NamePart.FAMILY
        parts[named[-1]] = NamePart.PATRONYMIC
        for i in named[1:-1]:
            parts[i] = NamePart.GIVEN
        return parts
    return None


def refine_patronymics(texts: Sequence[str], parts: list[NamePart]) -> list[NamePart]:
    """A given or middle word after the first given word that looks like a patronymic is one.

    Lists often publish "Sergey Sergeevich" as the given name, or put it after a comma.
    """
    out = list(parts)
    first_given = next((i for i, p in enumerate(parts) if p is NamePart.GIVEN), None)
    for i, (text, part) in enumerate(zip(texts, parts, strict=True)):
        later = first_given is not None and i > first_given
        if part in _GIVEN_OR_MIDDLE and later and is_patronymic(text):
            out[i] = NamePart.PATRONYMIC
    return out
