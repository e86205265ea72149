"""Script detection."""

from __future__ import annotations

from sanctionguard.names.analyze import analyze_name
from sanctionguard.names.scripts import COMMON, dominant_script, word_script


def test_words_report_their_majority_script() -> None:
    assert word_script("шугаев") == "Cyrillic"
    assert word_script("王健林") == "Han"
    assert word_script("김정은") == "Hangul"
    assert word_script("カタカナ") == "Kana"
    assert word_script("1234") == COMMON


def test_a_name_reports_the_script_most_of_its_letters_are_in() -> None:
    assert dominant_script(["ооо", "romashka", "trading"]) == "Latin"
    assert analyze_name("Дмитрий Шугаев").script == "Cyrillic"
    assert analyze_name("...").script == COMMON
