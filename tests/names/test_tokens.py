"""Splitting names into words and token kinds."""

from __future__ import annotations

from sanctionguard.names.analyze import analyze_name
from sanctionguard.names.tokens import split_words
from sanctionguard.names.types import TokenKind


def test_apostrophes_join_and_hyphens_split() -> None:
    assert split_words("o'brien al-masri") == ["obrien", "al", "masri"]


def test_commas_are_kept_as_order_markers() -> None:
    assert split_words("shugaev, dmitry") == ["shugaev", ",", "dmitry"]


def test_dotted_initials_become_single_letters() -> None:
    assert split_words("j.p. morgan") == ["j", "p", "morgan"]


def test_token_kinds() -> None:
    name = analyze_name("Al-Masri Trading 2 A LLC")
    assert [(t.text, t.kind) for t in name.tokens] == [
        ("al", TokenKind.STOPWORD),
        ("masri", TokenKind.WORD),
        ("trading", TokenKind.WORD),
        ("2", TokenKind.NUMBER),
        ("a", TokenKind.INITIAL),
        ("llc", TokenKind.LEGAL_FORM),
    ]


def test_abd_al_is_written_abdul() -> None:
    assert [t.text for t in analyze_name("Abd al-Rahman").tokens] == ["abdul", "rahman"]


def test_stopword_only_name_keeps_its_stopwords() -> None:
    name = analyze_name("of the")
    assert [t.kind for t in name.tokens] == [TokenKind.STOPWORD, TokenKind.STOPWORD]
