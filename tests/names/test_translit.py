"""Renderings of Han, Hangul, Kana, Greek, Armenian, Georgian, Hebrew and Arabic words."""

from __future__ import annotations

from sanctionguard.names.analyze import analyze_name
from sanctionguard.names.arabic import join_compounds, romanise_arabic
from sanctionguard.names.han import split_family_name, syllables
from sanctionguard.names.hangul import romanise_syllables
from sanctionguard.names.hebrew import romanise_hebrew
from sanctionguard.names.translit import romanise_word


def _forms(text: str, schema: str | None = None) -> set[str]:
    return {" ".join(t.text for t in form) for form in analyze_name(text, schema=schema).forms}


def test_hangul_in_dprk_revised_and_mccune_reischauer() -> None:
    assert romanise_syllables("김정은", "dprk") == ("kim", "jong", "un")
    assert romanise_syllables("김정은", "rr") == ("gim", "jeong", "eun")
    assert romanise_syllables("정은", "mr") == ("chong", "un")


def test_mccune_reischauer_voices_a_plain_stop_inside_a_given_name() -> None:
    # 영복 "Yŏngbok", 지부 "Chibu": after a vowel or ㄴ ㄹ ㅁ ㅇ; aspirated ㅊ stays "ch".
    assert romanise_syllables("영복", "mr") == ("yong", "bok")
    assert romanise_syllables("지부", "mr") == ("chi", "bu")
    assert romanise_syllables("영철", "mr") == ("yong", "chol")
    assert romanise_syllables("석부", "mr") == ("sok", "pu")  # after ㄱ: not voiced


def test_korean_family_names_get_their_customary_spelling() -> None:
    assert "lee myeongbak" in _forms("이명박")
    assert "park geunhye" in _forms("박근혜")
    assert "park geun hye" in _forms("박근혜")


def test_korean_name_with_a_space_is_still_split_into_family_and_given() -> None:
    assert "kim jong un" in _forms("김 정은")


def test_han_family_name_uses_surname_reading() -> None:
    assert syllables("单田芳", family_first=True)[0] == "shan"
    assert split_family_name("欧阳修") == ("欧阳", "修")


def test_han_company_name_keeps_multi_word_legal_form_and_pairs_syllables() -> None:
    forms = _forms("华信船务有限公司")
    assert "hua xin chuan wu ltd" in forms
    assert "huaxin chuanwu ltd" in forms


def test_a_han_syllable_spelling_a_legal_form_is_not_one() -> None:
    name = analyze_name("香港奧芯電子有限公司")
    assert name.legal_forms == {"ltd"}


def test_kana_in_hepburn() -> None:
    assert _forms("カタカナ・タロウ") == {"katakana tarou"}


def test_greek_armenian_and_georgian_are_romanised() -> None:
    assert "papadopoulos" in romanise_word("παπαδόπουλος", "Greek")
    assert romanise_word("արամ", "Armenian")[0] == "aram"
    assert romanise_word("შევარდნაძე", "Georgian")[0] == "shevardnadze"


def test_hebrew_gets_consonant_and_vowel_letter_renderings() -> None:
    assert romanise_hebrew("דוד")[:2] == ("dod", "dvd")
    assert romanise_hebrew("חי")[:2] == ("hi", "chi")
    assert romanise_hebrew("ירד")[2] == "yered"
    assert romanise_hebrew("אלישע")[2] == "elisha"


def test_arabic_common_names_use_the_dictionary_spelling() -> None:
    assert romanise_arabic("محمد") == ("muhammad", "mohammad")
    assert romanise_arabic("الرحمن") == ("al rahman", "al rahman")
    assert romanise_arabic("عبدالحی")[0].startswith("abdul ")


def test_arabic_unknown_word_gets_a_vowel_after_its_first_consonant() -> None:
    assert romanise_arabic("شفيق")[0] == "shafiq"


def test_south_asian_compounds_are_joined() -> None:
    assert join_compounds(("hamd", "allah", "khan")) == ("hamdullah", "khan")
    assert join_compounds(("shams", "al", "din")) == ("shamsuddin",)
    assert join_compounds(("abd", "allah")) == ("abd", "allah")


def test_arabic_name_meets_its_latin_spelling_by_skeleton() -> None:
    arabic = {t.skeleton for f in analyze_name("محمد عبد الله").forms for t in f}
    latin = {t.skeleton for t in analyze_name("Mohammed Abdullah").tokens}
    assert "muhamad" in arabic & latin


def test_foreign_name_written_in_han_is_grouped_per_word_without_family_split() -> None:
    assert "abudou hake" in _forms("阿不都·哈克")


def test_han_syllables_spelling_particles_are_name_words() -> None:
    name = analyze_name("李德")
    assert [(t.text, t.kind.value) for t in name.tokens] == [("li", "word"), ("de", "word")]


def test_arabic_interdentals_get_their_persian_values_too() -> None:
    # (and Persian says the consonant waw as v: "Vasiq"; the skeleton still meets "Wasiq")
    assert romanise_arabic("وثيق") == ("wathiq", "vasiq")


def test_arabic_initial_ayn_carries_a_vowel() -> None:
    assert romanise_arabic("عظيم")[0] == "azim"


def test_arabic_glued_allah_and_glued_names_are_split() -> None:
    assert romanise_arabic("خيرالله")[0].endswith(" allah")
    assert romanise_arabic("محمدجواد") == ("muhammad jawad", "mohammad javad")
    assert "khirullah" in {t.text for f in analyze_name("خيرالله").forms for t in f}


def test_arabic_waw_before_alif_is_a_consonant() -> None:
    assert romanise_arabic("نواز")[0] == "nawaz"


def test_hebrew_second_style_prints_f_and_z_as_israeli_names_do() -> None:
    # Federman, Zvi: פ and צ as "f" and "z" beside "p" and "ts".
    assert romanise_hebrew("פדרמן")[1] == "fdrmn"
    assert romanise_hebrew("צדק")[1] == "zdk"
    assert romanise_hebrew("צדק")[0] == "tsdk"


def test_common_hebrew_names_take_their_customary_spellings() -> None:
    # The vowels of מאיר, לוי, צבי are known: no guess ("mair"), both usual spellings.
    assert romanise_hebrew("מאיר") == ("mir", "mir", "meir")
    assert romanise_hebrew("לוי")[1:] == ("levy", "levi")
    assert romanise_hebrew("צבי") == ("tsvi", "tzvi", "zvi")
    # Points are ignored before the lookup.
    assert romanise_hebrew("מֵאִיר")[2] == "meir"


def test_yiddish_surname_endings_take_their_customary_spelling() -> None:
    # -שטיין "-stein", -מן "-man", -ברג "-berg"; a stem with a vowel letter is read as written,
    # an initial pe is "f" (Feldman, Federman).
    assert romanise_hebrew("גופשטיין")[2] == "gofstein"
    assert romanise_hebrew("פדרמן")[2] == "federman"
    assert romanise_hebrew("פלדמן")[2] == "feldman"
    assert romanise_hebrew("גולדברג")[2] == "goldberg"
    # A short word ending in the letters of "-man" is no surname: the plain guess.
    assert romanise_hebrew("זמן")[2] == "zemen"
