"""Folding: Unicode clean-up, case, diacritics, invisibles and homoglyphs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sanctionguard.names.fold import ascii_fold, clean_text, fold, repair_homoglyphs


def test_diacritics_and_ligatures_fold_to_ascii() -> None:
    assert ascii_fold("Müller") == "muller"
    assert ascii_fold("Øresund Straße") == "oresund strasse"
    assert ascii_fold("Łukasz Ćwikła") == "lukasz cwikla"


def test_zero_width_and_bidi_characters_are_removed() -> None:
    assert clean_text("Iva\u200bnov\u200e") == "Ivanov"
    assert clean_text("\ufeffSIS\u00adDOO") == "SISDOO"


def test_control_characters_separate_words() -> None:
    assert clean_text("Ivan\tIvanov\nJr") == "Ivan Ivanov Jr"


def test_fullwidth_letters_become_ascii_by_nfkc() -> None:
    assert fold("ＳＩＳ　ＤＯＯ") == "sis doo"


def test_cyrillic_letter_inside_latin_word_is_repaired() -> None:
    assert repair_homoglyphs("SIS DОO") == "SIS DOO"  # Cyrillic О
    assert repair_homoglyphs("Аpple") == "Apple"  # Cyrillic А


def test_latin_letter_inside_cyrillic_word_is_repaired() -> None:
    assert repair_homoglyphs("Ивaнов") == "Иванов"  # Latin a


def test_words_in_one_script_are_not_touched() -> None:
    assert repair_homoglyphs("ООО Romashka") == "ООО Romashka"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_folding_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
