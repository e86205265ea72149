"""The vocabulary: what a romanised Korean syllable weighs and which listed words it meets, and
the key tables its lookups read."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sanctionguard.match.query import prepare
from sanctionguard.match.screener import Screener
from sanctionguard.match.types import Query
from sanctionguard.match.vocabulary import UNSEEN_TWO_EDITS, KeyTable, typo_similarity
from sanctionguard.names.analyze import make_token
from sanctionguard.names.types import NamePart, TokenKind
from tests.match.conftest import Listed, captions, screener_of

ENTRIES = [
    Listed("k1", "KIM, Hyon U"),
    Listed("k2", "KIM Do Hyon"),
    Listed("k3", "PAK In Su"),
    Listed("k4", "SO, Myong"),
    Listed("k5", "YI, Yo'ng-kil"),
    Listed("k6", "Jae-Gyong Pak"),  # DPRK "jae" beside McCune-Reischauer's voiced "gyong"
    Listed("p1", "Joao do CARMO"),  # "do" is a particle in the lists
    Listed("a1", "Osama BIN LADEN"),  # ... and so is "bin"
]


@pytest.fixture(scope="module")
def screener() -> Screener:
    return screener_of(ENTRIES)


def test_a_korean_syllable_weighs_as_a_name_word_not_as_the_particle_it_spells(
    screener: Screener,
) -> None:
    # 김도현 is Kim Do-hyon: "do" 도 is a syllable of his given name, not the Portuguese
    # particle; missing it is missing half his given name.
    vocab = screener.index.vocab
    tid = vocab.ids["do"]
    assert vocab.kind(tid) is TokenKind.STOPWORD
    assert vocab.query_weight(tid, TokenKind.WORD) > 5 * vocab.query_weight(tid, TokenKind.STOPWORD)
    assert "KIM, Hyon U" not in captions(screener, "김도현")
    assert "PAK In Su" not in captions(screener, "박수빈")  # "bin" 빈 is no "bin" بن
    assert "KIM Do Hyon" in captions(screener, "김도현")
    assert "PAK In Su" in captions(screener, "박인수")


def test_a_particle_in_a_latin_name_still_weighs_little(screener: Screener) -> None:
    prepared = prepare(Query(names=("Maria do Carmo",), schema="Person"))
    tokens = {t.text: t for name in prepared.names for form in name.forms for t in form}
    assert tokens["do"].kind is TokenKind.STOPWORD
    vocab = screener.index.vocab
    assert vocab.expand(tokens["do"]).weight <= 0.5


def test_romanised_syllables_meet_spellings_of_as_many_syllables(screener: Screener) -> None:
    # 서미정 is So Mi-jong: the skeleton reads "mijong" as "miong", like "myong" 명.
    assert "SO, Myong" not in captions(screener, "서미정")
    assert "SO, Myong" not in captions(screener, "서미영")
    assert "SO, Myong" in captions(screener, "서명")
    # ... while "yi" and "i" (이) are one syllable spelled two ways.
    assert "YI, Yo'ng-kil" in captions(screener, "이영길")


def test_romanised_syllables_meet_spellings_voiced_otherwise(screener: Screener) -> None:
    # 박재경: the DPRK's system writes "pak jae kyong", Revised Romanisation "bak jae gyeong";
    # the list prints "Jae-Gyong", which no one system spells.
    assert "Jae-Gyong Pak" in captions(screener, "박재경")
    vocab = screener.index.vocab
    kyong = next(
        t
        for name in prepare(Query(names=("박재경",), schema="Person")).names
        for form in name.forms
        for t in form
        if t.text == "kyong"
    )
    assert kyong.syllabic
    assert vocab.expand(kyong).sims.get(vocab.ids["gyong"]) == pytest.approx(0.95)


@given(st.lists(st.lists(st.text(alphabet="abcdefgh", min_size=1, max_size=6), max_size=4)))
def test_a_key_table_finds_every_token_under_each_of_its_keys(keys: list[list[str]]) -> None:
    table = KeyTable.build(enumerate(keys))
    for tid, own in enumerate(keys):
        for key in own:
            assert tid in table.lookup(key)
    assert table.lookup("zzzzzzz") == []  # no token has it (barring a 32-bit hash collision)


# Listed words for the two-typo search of words the lists never print (six letters or more).
TYPO_WORDS = ("Haleel", "Petrov", "Vostok", "Karimi", "Yusuf", "Aviation")
EDIT = st.tuples(st.sampled_from("sid"), st.integers(1, 20), st.sampled_from("aeiklnorstvx"))


@pytest.fixture(scope="module")
def typo_screener() -> Screener:
    return screener_of(Listed(f"t{i}", f"{w} Listed") for i, w in enumerate(TYPO_WORDS))


def _mistyped(word: str, edits: list[tuple[str, int, str]]) -> str:
    """``word`` with substitutions, insertions and deletions after its first letter."""
    for op, at, letter in edits:
        at = 1 + at % len(word)
        if op == "s" and at < len(word):
            word = word[:at] + letter + word[at + 1 :]
        elif op == "i":
            word = word[:at] + letter + word[at:]
        elif op == "d" and at < len(word):
            word = word[:at] + word[at + 1 :]
    return word


@given(st.sampled_from(TYPO_WORDS), st.lists(EDIT, min_size=1, max_size=2))
def test_a_mistyped_word_meets_every_listed_word_two_typos_away(
    typo_screener: Screener, listed: str, edits: list[tuple[str, int, str]]
) -> None:
    # The expansion's prefilter (letters and letter counts, ``_count_mask``) must let through
    # every listed word that alignment pairs the typed word with: a word it drops is a miss.
    vocab = typo_screener.index.vocab
    word = listed.lower()
    typed = _mistyped(word, edits)
    assume(len(typed) >= UNSEEN_TWO_EDITS and typed not in vocab.ids)
    assume(typo_similarity(typed, word) > 0)
    found = vocab.expand(make_token(typed, TokenKind.WORD, NamePart.UNKNOWN)).sims
    assert vocab.ids[word] in found, (typed, word)
