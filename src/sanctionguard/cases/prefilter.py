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

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import orjson

from sanctionguard.match.index import MatchIndex
from sanctionguard.names.fold import ascii_fold
from sanctionguard.names.legal_forms import legal_form_code
from sanctionguard.names.skeleton import skeleton
from sanctionguard.names.translit import romanise_word
from sanctionguard.screen.records import ID_FIELDS

MIN_WORD = 3  # shorter words ("de", "al") count only in names that have nothing longer
# A word printed in more than this share of listed entities is common: where a rendering has
# rarer words, the common ones are not keyed (the matcher, too, needs the rare words to agree).
COMMON_SHARE = 0.002
LONE_TYPO_TOKEN = 6  # the same for the only word of a rendering
TYPO_TOKEN = 4  # words this long or longer also meet with one letter missing or wrong
_WORD = re.compile(r"[a-z0-9]+")
_NON_ID = re.compile(r"[^0-9A-Z]")
_ANY_WORD = re.compile(r"[^\W_]+")
_ID_FIELD = re.compile("|".join(f'"{field}":' for field in ID_FIELDS))
_CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
Unit = tuple[int, ...]  # the word positions of one listed rendering a piece stands for
Piece = tuple[str, Unit, bool]  # text, positions covered, typo-tolerant


def _deletions(word: str) -> set[str]:
    if len(word) < TYPO_TOKEN:
        return {word}
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


@lru_cache(maxsize=1 << 18)
def token_keys(token: str, fuzzy: bool = True) -> frozenset[str]:
    """The keys of one folded token: itself and its spelling skeleton, and when ``fuzzy``
    each with its one-letter deletions (two tokens one edit apart then share a key)."""
    base = {token, skeleton(token)}
    if not fuzzy:
        return frozenset(base)
    return frozenset(key for word in base for key in _deletions(word))


def _words(text: str) -> list[str]:
    return _WORD.findall(ascii_fold(text.lower()))


def _pieces(words: Sequence[str], short: bool) -> list[Piece]:
    """The words (short ones too when ``short``), glued pairs of neighbours and joined runs
    of initials, with the word positions each covers: the matcher pairs all of those."""
    pieces: list[Piece] = [
        (w, (i,), len(w) >= TYPO_TOKEN)
        for i, w in enumerate(words)
        if len(w) >= MIN_WORD or (short and len(w) > 1)
    ]
    pieces += [
        (a + b, (i, i + 1), False)
        for i, (a, b) in enumerate(pairwise(words))
        if len(a) > 1 and len(b) > 1
    ]
    run: list[int] = []
    for i, word in enumerate([*words, "--"]):
        if len(word) == 1:
            run.append(i)
            continue
        if len(run) >= 2:
            pieces.append(("".join(words[j] for j in run), tuple(run), False))
        run = []
    return pieces


@lru_cache(maxsize=1 << 16)
def name_keys(text: str) -> frozenset[str] | None:
    """Every key of a customer's name; ``None`` for a script the filter cannot romanise
    (only Latin and Cyrillic are: the matcher handles the rest, so those always pass)."""
    keys: set[str] = set()
    if text.isascii() or not any(ch.isalpha() and not ch.isascii() for ch in ascii_fold(text)):
        for piece, _, fuzzy in _pieces(_words(text), short=True):
            keys |= token_keys(piece, fuzzy)
        return frozenset(keys)
    for word in _ANY_WORD.findall(ascii_fold(text.lower())):
        if word.isascii():
            renderings: tuple[str, ...] = (word,)
        elif _CYRILLIC.fullmatch(word):
            renderings = romanise_word(word, "Cyrillic")
        else:
            return None
        for rendering in renderings:
            for part in rendering.split():
                if len(part) > 1:
                    keys |= token_keys(part, len(part) >= TYPO_TOKEN)
    return frozenset(keys)


def _id_value(text: str) -> str:
    return _NON_ID.sub("", text.upper())


@dataclass(frozen=True)
class DeltaFilter:
    """Keys of the changed entities' renderings; ``may_match`` tells candidates from the rest.

    A listed rendering of two or more keyed words needs two of them met (a name that shares
    one first name with a customer does not reach the threshold); a rendering of one keyed
    word needs that word; where a rendering has rare words (printed in at most
    ``COMMON_SHARE`` of listed entities), one of the words met must be rare ("Maria" alone
    never carries a match). Legal-form words ("LLC", "OOO") are never keyed; short words
    ("TC Bank") only where a rendering has no rare word.
    """

    keys: dict[str, list[tuple[int, Unit]]]  # key → (rendering, word positions)
    need: list[int]  # per rendering: how many of its words must be met
    rare: list[frozenset[int]]  # per rendering: its rare words, one of which must be met
    identifiers: frozenset[str]
    keyset: frozenset[str] = frozenset()

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
        rarity = index.rarity()
        common = COMMON_SHARE * rarity.documents
        rare: list[frozenset[int]] = []
        for words in renderings:
            unit = len(need)
            rare_words = {
                i
                for i, w in enumerate(words)
                if len(w) >= MIN_WORD
                and rarity.doc_freq.get(w, 0) <= common
                and legal_form_code(w) is None
            }
            pieces = [
                p for p in _pieces(words, short=not rare_words) if legal_form_code(p[0]) is None
            ]
            keyed = {p[1][0] for p in pieces if len(p[1]) == 1}
            for piece, covers, fuzzy in pieces:
                # A one-word rendering is met by one word alone: a typo there counts only in
                # longer words, where one letter cannot turn one short name into another.
                lone_typo = fuzzy and (len(keyed) > 1 or len(piece) >= LONE_TYPO_TOKEN)
                for key in token_keys(piece, lone_typo):
                    keys.setdefault(key, []).append((unit, covers))
            need.append(min(2, len(keyed)) if keyed else 1)
            rare.append(frozenset(rare_words))
        idents = {_id_value(v) for v in index.by_identifier}
        ids = frozenset(i for i in idents if len(i) >= 4)
        return cls(keys, need, rare, ids, frozenset(keys))

    def _name_meets(self, name: str) -> bool:
        met: dict[int, set[int]] = {}
        found = name_keys(name)
        if found is None:
            return True
        # Most customers share no key at all: one set intersection in C settles them.
        for key in found & self.keyset:
            for unit, covers in self.keys.get(key, ()):
                words = met.setdefault(unit, set())
                words.update(covers)
                rare = self.rare[unit]
                if len(words) >= self.need[unit] and (not rare or not rare.isdisjoint(words)):
                    return True
        return False

    def may_match_stored(self, name: str, record_text: str) -> bool:
        """``may_match`` on a stored customer (its first name and its record's JSON text),
        decoding the JSON only when it holds more names or an identifier worth checking."""
        if self._name_meets(name):
            return True
        single = f'"name":[{orjson.dumps(name).decode()}]' in record_text
        has_ids = bool(self.identifiers) and _ID_FIELD.search(record_text) is not None
        if single and not has_ids:
            return False
        return self.may_match(json.loads(record_text))

    def may_match(self, record: Mapping[str, Iterable[str]]) -> bool:
        for name in record.get("name", ()):
            if self._name_meets(name):
                return True
        if self.identifiers:
            for field in ID_FIELDS:
                for value in record.get(field, ()):
                    norm = _id_value(value)
                    if any(ident in norm or norm in ident for ident in self.identifiers):
                        return True
        return False
