"""Arabic-script words: which are two names written as one, and how their endings read."""

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


@pytest.mark.parametrize(
    ("word", "renderings"),
    [
        ("عكاشة", ("akasha", "akasheh")),  # ta marbuta: the vowel ending
        ("زهره", ("zahra", "zahreh")),  # a final heh after a consonant: the same ending
        ("الحية", ("al haya", "al hayeh")),  # -iya: the ya before it is a consonant
        ("شاه", ("shah", "shah")),  # after a long vowel, a heh is the consonant
        ("وجيه", ("wajih", "vajih")),  # ... and Persian says waw as v
        ("عبدالاله", ("abdul ilah", "abdul ilah")),  # "ilah" is no ending
        ("ولد", ("ould", "ould")),  # "son of" in Mauritanian names, as the lists spell it
    ],
)
def test_word_endings_read_as_names_spell_them(word: str, renderings: tuple[str, str]) -> None:
    assert romanise_arabic(word) == renderings


def test_urdu_hehs_read_as_the_arabic_letter() -> None:
    assert romanise_arabic("اللہ") == romanise_arabic("الله")
    assert romanise_arabic("الطاھر") == romanise_arabic("الطاهر")


def test_vowel_marks_do_not_hide_a_dictionary_name() -> None:
    # "محمّد" (with shadda) is Muhammad, not "Mahmmd"; "محمَّد" (with fatha too) as well.
    assert romanise_arabic("محمّد") == romanise_arabic("محمد") == ("muhammad", "mohammad")
    assert romanise_arabic("محمَّد") == ("muhammad", "mohammad")


@pytest.mark.parametrize(
    ("word", "renderings"),
    [
        ("غلامرضا", ("ghulam rida", "gholam reza")),  # the Persian compounds of Gholam
        ("غلامحسین", ("ghulam husayn", "gholam hossein")),
        ("جورج", ("george", "george")),  # an Arab Christian's George, as the lists spell it
        ("عامر", ("amir", "amer")),  # (letter by letter "aamr")
        ("مسلم", ("muslim", "moslem")),
        ("ضياء", ("diya", "zia")),
        ("احمدیان", ("ahmadiyan", "ahmadian")),  # Persian family names' -ian on a name
        ("خسروپناه", ("khusraw panah", "khosrow panah")),  # two names glued: Khosrow Panah
        ("حويش", ("huwaysh", "havish")),  # the diminutive's waw and ya: "Huwaysh"
        ("كويت", ("kuwayt", "kavit")),  # ... with no vowel guessed before its final t
        ("نويد", ("nuwayd", "navid")),  # ... Persian "Navid"
        ("عويس", ("awis", "avis")),  # after an ayn the waw reads so already: "Aweys"
        ("موسوي", ("muswi", "musavi")),  # Persian -avi without its alif: "Mousavi"
        ("ولایتی", ("walaiti", "valayati")),  # Persian ya after an alif, before a consonant
        ("هدایت", ("hadait", "hadayat")),  # ... with no vowel guessed before the final t
        ("نايل", ("nail", "nayal")),  # (in Arabic usage a hamza's seat there: "Nail")
        ("أبوغيث", ("abu ghayth", "abu ghis")),  # a kunya written as one word: "Abu Ghaith"
    ],
)
def test_common_names_read_as_the_lists_spell_them(word: str, renderings: tuple[str, str]) -> None:
    assert romanise_arabic(word) == renderings


@pytest.mark.parametrize(
    ("word", "cut"),
    [
        ("بصیراول", "basir awal"),  # a non-joining ra, then an alif: "Basir Awal"
        ("ظاهرعويس", "zahr awis"),  # ... then an ayn: "Dahir Aweys"
        ("صقرأسعدالرستم", "saqr asd al rastm"),  # cut again: Saqr Asaad al-Rustam
    ],
)
def test_words_whose_space_does_not_show_are_also_read_apart(word: str, cut: str) -> None:
    renderings = romanise_arabic(word)
    assert renderings[-1] == cut
    assert " " not in renderings[0]  # (read whole first: the cut is a guess)
    assert not is_compound_name(word)


@pytest.mark.parametrize("word", ["زرداری", "عبدالرحيم", "عبدالی", "الرستم", "مرعي", "بهرام"])
def test_a_word_is_read_whole_first_and_cut_only_between_long_pieces(word: str) -> None:
    renderings = romanise_arabic(word)
    assert " " not in renderings[0].removeprefix("al ").removeprefix("abdul ")
    if word != "زرداری":  # ("Zard Ari" stays a third reading, after Zardari)
        assert len(renderings) == 2


@pytest.mark.parametrize(
    ("word", "renderings"),
    [
        ("ضيف", ("dayf", "zif")),  # Arabic usage: the diphthong "ay" (Muhammad al-Dayf)
        ("ليث", ("layth", "lis")),
        ("مير", ("mayr", "mir")),  # Persian usage: a long i (Mir)
        ("عيد", ("aid", "aid")),  # after an ayn, as before
    ],
)
def test_a_ya_between_two_consonants_of_a_short_word_is_also_the_diphthong(
    word: str, renderings: tuple[str, str]
) -> None:
    assert romanise_arabic(word) == renderings
