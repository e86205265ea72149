"""Latin names that are romanised Chinese or Korean names: their given name's later syllables."""

from __future__ import annotations

import pytest

from sanctionguard.names.analyze import analyze_name
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
