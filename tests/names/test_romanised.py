"""Latin names that are romanised Chinese or Korean names: their given name's later syllables."""

from __future__ import annotations

import pytest

from sanctionguard.names.analyze import analyze_name
from sanctionguard.names.hangul import dprk_reading
from sanctionguard.names.romanised import east_asian_parts
from sanctionguard.names.types import NamePart, TokenKind

F, G, S, U = NamePart.FAMILY, NamePart.GIVEN, NamePart.SYLLABLE, NamePart.UNKNOWN


@pytest.mark.parametrize(
    ("texts", "parts"),
    [
        (["li", "cheng", "yu"], [F, G, S]),
        (["ming", "suan", "zhang"], [G, S, F]),  # family name last
        (["kim", ",", "hyon", "u"], [F, U, G, S]),  # the comma's own place stays unknown
        (["kim", "jong", "un"], [F, G, S]),
        (["ri", "yong", "gil"], [F, G, S]),
    ],
)
def test_romanised_east_asian_names_get_family_given_and_syllables(
    texts: list[str], parts: list[NamePart]
) -> None:
    assert east_asian_parts(texts) == parts


@pytest.mark.parametrize(
    "texts",
    [
        ["john", "paul", "smith"],  # not syllables
        ["li", "yu"],  # a one-syllable given name: nothing to tell apart
        ["le", "van", "an"],  # Vietnamese: "van" is neither pinyin nor Korean
        ["jose", "li", "wang"],
        ["ming", "suan", "hua"],  # no common family name at either end
        ["kim", "jong", "un", "sung", "il"],  # five words: not one person's name
    ],
)
def test_other_names_are_left_alone(texts: list[str]) -> None:
    assert east_asian_parts(texts) is None


def test_a_lone_vowel_in_a_korean_name_is_a_syllable_not_an_initial() -> None:
    tokens = analyze_name("KIM, Hyon U", schema="Person").forms[0]
    assert [(t.text, t.kind, t.part) for t in tokens] == [
        ("kim", TokenKind.WORD, F),
        ("hyon", TokenKind.WORD, G),
        ("u", TokenKind.WORD, S),
    ]
    # ... while a Western name keeps its initial.
    smith = analyze_name("SMITH, John U", schema="Person").forms[0]
    assert smith[-1].kind is TokenKind.INITIAL


def test_published_parts_are_kept_and_later_syllables_marked() -> None:
    tokens = analyze_name(
        "LI, Hong Ri", schema="Person", parts={"given": "Hong Ri", "family": "LI"}
    ).forms[0]
    assert [(t.text, t.part) for t in tokens] == [("li", F), ("hong", G), ("ri", S)]


def test_organisations_are_left_alone() -> None:
    tokens = analyze_name("LI CHENG YU", schema="Company").forms[0]
    assert all(t.part is U for t in tokens)


@pytest.mark.parametrize(
    ("words", "reading"),
    [
        (["kim", "jeong", "eun"], ["kim", "jong", "un"]),
        (["gim", "jeong", "eun"], ["kim", "jong", "un"]),  # the family name in RR too
        (["kim", "yeo", "jong"], ["kim", "yo", "jong"]),
        (["jeong", "eun", "kim"], ["jong", "un", "kim"]),  # family name last, spelt as usual
        (["kim", ",", "jeong", "eun"], ["kim", ",", "jong", "un"]),
        (["bak", "yeong", "sik"], ["pak", "yong", "sik"]),
    ],
)
def test_a_korean_name_in_revised_romanisation_reads_as_the_dprk_spells_it(
    words: list[str], reading: list[str]
) -> None:
    assert dprk_reading(words) == reading


@pytest.mark.parametrize(
    "words",
    [
        ["kim", "jong", "un"],  # already as the DPRK spells it
        ["leonid", "seo"],  # no Korean name
        ["kim", "jeong", "eun", "lee", "park"],  # too many words
        ["georgiou", "kim"],  # "eo", but not a syllable
    ],
)
def test_other_names_have_no_dprk_reading(words: list[str]) -> None:
    assert dprk_reading(words) is None


def test_the_dprk_reading_is_a_rendering_of_its_own() -> None:
    forms = [[t.text for t in f] for f in analyze_name("Kim Yeo-jong", schema="Person").forms]
    assert forms == [["kim", "yeo", "jong"], ["kim", "yo", "jong"]]
    assert len(analyze_name("Kim Yeo-jong", schema="Company").forms) == 1  # people's names only
