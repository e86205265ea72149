"""Cyrillic romanisation systems."""

from __future__ import annotations

from sanctionguard.names.cyrillic import (
    guess_language,
    romanise_belarusian,
    romanise_russian,
    romanise_ukrainian,
    russian_counterpart,
)


def test_russian_word_in_bgn_icao_gost_and_scholarly() -> None:
    assert romanise_russian("шугаев") == ("shugayev", "shugaev", "shugaev", "sugaev")
    assert romanise_russian("юрий") == ("yuriy", "iurii", "yurij", "jurij")
    assert romanise_russian("щукин")[:3] == ("shchukin", "shchukin", "shhukin")


def test_bgn_writes_ye_at_the_start_and_after_vowels_only() -> None:
    assert romanise_russian("евгеньевич")[0] == "yevgenyevich"
    assert romanise_russian("петров")[0] == "petrov"


def test_ukrainian_word_in_the_passport_system() -> None:
    assert romanise_ukrainian("микола")[0] == "mykola"
    assert romanise_ukrainian("юлія")[0] == "yuliia"
    assert romanise_ukrainian("григорій")[0] == "hryhorii"


def test_belarusian_word_in_the_passport_system() -> None:
    assert romanise_belarusian("аляксандр")[0] == "aliaksandr"
    assert romanise_belarusian("сяргей")[0] == "siarhiei"


def test_belarusian_word_with_the_plain_e_older_passports_print() -> None:
    assert romanise_belarusian("сяргей")[1] == "siarhei"
    assert romanise_belarusian("генрыхавіч")[1] == "henrykhavich"
    # Word-initial е and е after a vowel keep their "ye"/"ie"; only the consonant case differs.
    assert romanise_belarusian("ермак")[1] == romanise_belarusian("ермак")[0] == "yermak"
    assert romanise_belarusian("пётр")[1] == "potr"


def test_language_is_guessed_from_letters_only_one_alphabet_has() -> None:
    assert guess_language("лукашэнка аляксандр рыгоравіч") == "be"
    assert guess_language("чарвякоў") == "be"
    assert guess_language("шевченко тарас григорович ї") == "uk"
    assert guess_language("дмитрий шугаев") == ""


def test_a_belarusian_name_word_has_a_russian_counterpart() -> None:
    assert russian_counterpart("давыдаў") == "давыдов"  # -аў is -ов
    assert russian_counterpart("уладзімір") == "владимир"  # дз, і, Улад-
    assert russian_counterpart("канстанцін") == "константин"  # soft ц is т
    assert russian_counterpart("аляксандравіч") == "александрович"
    assert russian_counterpart("сяргееўна") == "сергеевна"
    assert russian_counterpart("цар") == "цар"  # a hard ц stays


def test_a_belarusian_patronymic_tells_belarusian_from_ukrainian() -> None:
    assert guess_language("мікалай міхайлавіч рагашчук") == "be"
    assert guess_language("олександр олексійович") == "uk"
