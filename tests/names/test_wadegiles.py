"""Chinese names in Wade–Giles read in pinyin."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionguard.names.analyze import analyze_name
from sanctionguard.names.romanised import pinyin_syllables
from sanctionguard.names.wadegiles import MAX_READINGS, pinyin_readings, wade_giles


@pytest.mark.parametrize(
    ("pinyin", "wade"),
    [
        ("zhang", "chang"),
        ("xiao", "hsiao"),
        ("guo", "kuo"),
        ("zong", "tsung"),
        ("jian", "chien"),
        ("qian", "chien"),
        ("zhi", "chih"),
        ("si", "ssu"),
        ("xue", "hsueh"),
        ("luo", "lo"),
        ("gui", "kuei"),
        ("yi", "i"),
        ("rong", "jung"),
        ("ge", "ko"),
    ],
)
def test_pinyin_syllables_are_spelt_as_wade_giles_prints_them(pinyin: str, wade: str) -> None:
    assert wade_giles(pinyin) == wade


def _spelled(name: str) -> set[str]:
    return {" ".join(t.text for t in f) for f in analyze_name(name, schema="Person").forms}


def test_a_wade_giles_name_is_read_in_pinyin_with_its_given_name_as_one_word() -> None:
    assert "zhang xiaoming" in _spelled("Chang Hsiao-ming")
    assert "zhang xiaoming" in _spelled("CHANG, Hsiao-ming")
    assert "xiaoming zhang" in _spelled("Hsiao-ming Chang")  # Western order
    assert "zhao guangzong" in _spelled("Chao Kuang-tsung")
    assert "li denghui" in _spelled("Lee Teng-hui")  # Taiwan's customary "Lee" for 李


def test_a_hyphenated_given_name_says_wade_giles_where_every_word_is_pinyin_too() -> None:
    assert "li zhenyu" in _spelled("Li Chen-yu")  # 李振宇: "chen" is zhen in Wade–Giles
    assert _spelled("Li Chen Yu") == {"li chen yu"}  # pinyin as printed


def test_names_that_are_not_wade_giles_get_no_pinyin_reading() -> None:
    for name in (
        "Zhang Xiao Ming",  # pinyin already
        "Chan Tai Man",  # Cantonese, every word a pinyin syllable too
        "Kim Jong Un",  # Korean
        "Chang Song Thaek",
        "John Smith",
        "Ming Chung",  # two words: too little to tell
        "Han Jang Su",  # Korean: "jang", "ho", "chin" are Korean romanisations too
        "Yun Ho-chin",
    ):
        assert len(analyze_name(name, schema="Person").forms) == 1, name


@given(st.lists(st.sampled_from(sorted(pinyin_syllables())), min_size=3, max_size=4))
def test_every_pinyin_name_spelt_in_wade_giles_reads_back(syllables: list[str]) -> None:
    printed = [wade_giles(s) for s in syllables]
    readings = pinyin_readings(printed)
    assert len(readings) <= MAX_READINGS
    for reading in readings:
        assert all(text.isascii() and text.isalpha() for text, _ in reading)
