"""Arabic-script words: which are two names written as one."""

from __future__ import annotations

import pytest

from sanctionguard.names.arabic import is_compound_name, romanise_arabic


@pytest.mark.parametrize("word", ["عليرضا", "محمدجواد", "محمدامين"])
def test_two_dictionary_names_written_as_one_are_a_compound_name(word: str) -> None:
    assert is_compound_name(word)
    assert " " in romanise_arabic(word)[0]


@pytest.mark.parametrize(
    "word",
    [
        "محمد",  # one name
        "خيرالله",  # a name with "Allah" glued on: one name, joined as "khayrullah"
        "عبدالرحمن",  # "Abd al-" and a name: one name
        "حسنزاده",  # a family name with -zadeh
        "شمشيري",  # not in the dictionary
    ],
)
def test_other_words_are_not(word: str) -> None:
    assert not is_compound_name(word)
