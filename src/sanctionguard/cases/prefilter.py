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

MIN_TOKEN = 2  # single letters (initials) are only keyed joined into runs
TYPO_TOKEN = 4  # tokens this long or longer also meet with one letter missing or wrong
_WORD = re.compile(r"[a-z0-9]+")
_NON_ID = re.compile(r"[^0-9A-Z]")
Unit = tuple[int, ...]  # the token positions of one listed rendering a key stands for


def _deletions(word: str) -> set[str]:
    if len(word) < TYPO_TOKEN:
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


def _pieces(words: Sequence[str]) -> list[tuple[str, Unit]]:
    """Each word, each glued pair of neighbours and each joined run of initials, with the
    word positions it covers: the matcher pairs all of those."""
    pieces: list[tuple[str, Unit]] = [(w, (i,)) for i, w in enumerate(words)]
    pieces += [(a + b, (i, i + 1)) for i, (a, b) in enumerate(pairwise(words))]
    run: list[int] = []
    for i, word in enumerate([*words, "--"]):
        if len(word) == 1:
            run.append(i)
            continue
        if len(run) >= 2:
            pieces.append(("".join(words[j] for j in run), tuple(run)))
        run = []
    return pieces


def name_keys(text: str) -> set[str]:
    """Every key of a customer's name."""
    return {key for piece, _ in _pieces(_words(text)) for key in token_keys(piece)}


def _foreign(text: str) -> bool:
    """Whether a name keeps letters of a non-Latin script after folding."""
    return not text.isascii() and any(
        ch.isalpha() and not ch.isascii() for ch in ascii_fold(text.lower())
    )


def _id_value(text: str) -> str:
    return _NON_ID.sub("", text.upper())


@dataclass(frozen=True)
class DeltaFilter:
    """Keys of the changed entities' renderings; ``may_match`` tells candidates from the rest.

    A listed rendering of two or more keyed words needs two of them met (a name that shares
    one first name with a customer does not reach the threshold); a rendering of one keyed
    word needs that word. Legal-form words ("LLC", "OOO") are never keyed.
    """

    keys: dict[str, list[tuple[int, Unit]]]  # key → (rendering, word positions)
    need: list[int]  # per rendering: how many of its words must be met
    identifiers: frozenset[str]

    @classmethod
    def from_index(cls, index: MatchIndex) -> DeltaFilter:
        """Keys from every rendering (form) of every name the small delta index holds, and
        from every listed name as printed."""
        renderings = [
            [index.vocab.texts[t] for t in index.form_token_ids(f)]
            for f in range(len(index.form_name))
        ]
        renderings += [_words(text) for text in index.name_text]
        keys: dict[str, list[tuple[int, Unit]]] = {}
        need: list[int] = []
        for words in renderings:
            unit = len(need)
            keyed: set[int] = set()
            for piece, covers in _pieces(words):
                if legal_form_code(piece) is not None:
                    continue
                found = token_keys(piece)
                if found and len(covers) == 1:
                    keyed.add(covers[0])
                for key in found:
                    keys.setdefault(key, []).append((unit, covers))
            need.append(min(2, len(keyed)) if keyed else 1)
        idents = {_id_value(v) for v in index.by_identifier}
        return cls(keys, need, frozenset(i for i in idents if len(i) >= 4))

    def _name_meets(self, name: str) -> bool:
        met: dict[int, set[int]] = {}
        for key in name_keys(name):
            for unit, covers in self.keys.get(key, ()):
                words = met.setdefault(unit, set())
                words.update(covers)
                if len(words) >= self.need[unit]:
                    return True
        return False

    def may_match(self, record: Mapping[str, Iterable[str]]) -> bool:
        for name in record.get("name", ()):
            if _foreign(name) or self._name_meets(name):
                return True
        if self.identifiers:
            for field in ID_FIELDS:
                for value in record.get(field, ()):
                    norm = _id_value(value)
                    if any(ident in norm or norm in ident for ident in self.identifiers):
                        return True
        return False
