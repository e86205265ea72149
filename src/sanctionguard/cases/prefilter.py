"""Which customers could match a handful of changed listed entities: a cheap, recall-first test.

A delta re-screen must not run the full matcher over a million customers for a hundred
changed entities. Every token of the changed entities' names (romanisations included, as the
index holds them) gives keys: the token, its spelling-variant skeleton, and each with every
one-letter deletion, so one typo, one transliteration difference or a variant spelling still
meets. Adjacent tokens are also keyed glued ("kim se" ~ "kimse") and runs of initials joined.
A customer is a candidate when a key of its names meets one, when an identifier value meets
one, or when a name keeps letters of a non-Latin script (those are romanised only by the
matcher). Candidates then go through the full matcher, so the filter only has to never miss.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from sanctionguard.match.index import MatchIndex
from sanctionguard.names.fold import ascii_fold
from sanctionguard.names.legal_forms import legal_form_code
from sanctionguard.names.skeleton import skeleton
from sanctionguard.screen.records import ID_FIELDS

MIN_TOKEN = 3  # shorter tokens ("al", "de") alone never carry a name to the threshold
_WORD = re.compile(r"[a-z0-9]+")
_NON_ID = re.compile(r"[^0-9A-Z]")


def _deletions(word: str) -> set[str]:
    if len(word) < 4:
        return {word}
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def token_keys(token: str) -> set[str]:
    """The keys of one folded token: itself and its skeleton, each with its one-letter
    deletions (two tokens one edit apart share a key)."""
    if len(token) < MIN_TOKEN:
        return set()
    return _deletions(token) | _deletions(skeleton(token))


def _words(text: str) -> list[str]:
    return _WORD.findall(ascii_fold(text.lower()))


def _joined(words: Sequence[str]) -> list[str]:
    """Glued neighbours and joined runs of initials: the matcher pairs those too."""
    extra = [a + b for a, b in pairwise(words)]
    run = ""
    for word in [*words, "--"]:
        if len(word) == 1:
            run += word
            continue
        if len(run) >= 2:
            extra.append(run)
        run = ""
    return extra


def name_keys(text: str, *, skip_legal_forms: bool = False) -> set[str]:
    words = _words(text)
    keys: set[str] = set()
    for word in [*words, *_joined(words)]:
        if skip_legal_forms and legal_form_code(word) is not None:
            continue
        keys |= token_keys(word)
    return keys


def _foreign(text: str) -> bool:
    """Whether a name keeps letters of a non-Latin script after folding."""
    return not text.isascii() and any(
        ch.isalpha() and not ch.isascii() for ch in ascii_fold(text.lower())
    )


def _id_value(text: str) -> str:
    return _NON_ID.sub("", text.upper())


@dataclass(frozen=True)
class DeltaFilter:
    """The keys of the changed entities; ``may_match`` tells candidates from the rest."""

    keys: frozenset[str]
    identifiers: frozenset[str]

    @classmethod
    def from_index(cls, index: MatchIndex) -> DeltaFilter:
        """Keys from every name and token the (small) delta index holds."""
        keys: set[str] = set()
        for text in [*index.name_text, *index.vocab.texts]:
            keys |= name_keys(text, skip_legal_forms=True)
        idents = {_id_value(v) for v in index.by_identifier}
        return cls(frozenset(keys), frozenset(i for i in idents if len(i) >= 4))

    def may_match(self, record: Mapping[str, Iterable[str]]) -> bool:
        for name in record.get("name", ()):
            if _foreign(name) or not self.keys.isdisjoint(name_keys(name)):
                return True
        if self.identifiers:
            for field in ID_FIELDS:
                for value in record.get(field, ()):
                    norm = _id_value(value)
                    if any(ident in norm or norm in ident for ident in self.identifiers):
                        return True
        return False
