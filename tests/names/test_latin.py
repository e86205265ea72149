"""Latin names romanised from Russian by scholarly (ISO 9) or German usage read as BGN/PCGN."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sanctionguard.names.analyze import analyze_name
from sanctionguard.names.latin import (
    FRENCH,
    GERMAN,
    SCHOLARLY,
    french_reading,
    german_reading,
    reading_system,
)


def _skeletons(text: str, schema: str | None = None) -> list[set[str]]:
    return [{t.skeleton for t in form} for form in analyze_name(text, schema=schema).forms]


def _meets(variant: str, bgn: str) -> bool:
    """Some form of ``variant`` has every skeleton of the BGN spelling."""
    wanted = {t.skeleton for t in analyze_name(bgn).tokens}
    return any(wanted <= form for form in _skeletons(variant))


def test_scholarly_diacritics_read_as_bgn() -> None:
    assert _meets("Vladimir Michajlovič Ivanov", "Vladimir Mikhaylovich Ivanov")
    assert _meets("Gorochov Andrej Jurʹevič", "Gorokhov Andrey Yuryevich")
    assert _meets("Farit Mubarakševič Muchametšin", "Farit Mubarakshevich Mukhametshin")


def test_iso9_letters_for_ya_yu_and_shch_are_read() -> None:
    forms = {" ".join(t.text for t in f) for f in analyze_name("Ŝukin Ûrij Vâčeslavovič").forms}
    assert "shchukin yuriy vyacheslavovich" in forms


def test_written_out_llc_in_iso9_is_a_legal_form() -> None:
    name = analyze_name("Obŝestvo s ograničennoj otvetstvennostʹû Romaška")
    assert any([t.text for t in form] == ["llc", "romashka"] for form in name.forms)


def test_german_usage_reads_as_bgn() -> None:
    assert _meets("Gadshijew Ruslan Gadshijewitsch", "Gadzhiyev Ruslan Gadzhiyevich")
    assert _meets("Olga Nikolajewna Chochlowa", "Olga Nikolayevna Khokhlova")
    assert _meets(
        "Wjatscheslaw Anatolewitsch Damdinzurunow", "Vyacheslav Anatolyevich Damdintsurunov"
    )
    assert _meets("Nikolaj Michajlowitsch ROGASCHTSCHUK", "Nikolay Mikhaylovich ROGASHCHUK")


def test_german_s_for_ze_meets_the_bgn_z() -> None:
    # З is "s" in German usage: between vowels always, at the start of a word sometimes
    # (Зубков "Subkow"), while С there is "s" too ("Sergej"): both readings are kept.
    assert _meets("Wiktor Subkow", "Viktor Zubkov")
    assert _meets("Sergej Iwanowitsch Sidorow", "Sergey Ivanovich Sidorov")
    assert german_reading("wassiljewitsch") == "vasilyevich"


def test_french_usage_already_meets_by_skeleton() -> None:
    assert _meets("Dmitri Choughaev", "Dmitriy Shugayev")


def _spelled(text: str) -> set[str]:
    return {" ".join(t.text for t in form) for form in analyze_name(text).forms}


def test_french_usage_reads_as_bgn_letter_for_letter() -> None:
    # Soviet passports spelled names the French way until 1997: у "ou", ч "tch", ш "ch",
    # ж "j", й "ï", a final -ин "-ine". The reading pairs the BGN spelling exactly.
    assert "yuri kovalchuk" in _spelled("Iouri Kovaltchouk")
    assert "vladimir putin" in _spelled("Vladimir Poutine")
    assert "sergey naryshkin" in _spelled("Sergueï Narychkine")
    assert "mikhail mishustin" in _spelled("Mikhaïl Michoustine")
    assert "evgeni prigozhin" in _spelled("Evgueni Prigojine")
    assert "roman abramovich" in _spelled("Roman Abramovitch")
    assert french_reading("belooussov") == "belousov"


def test_french_usage_is_not_read_into_english_french_or_maghreb_names() -> None:
    for name in (
        "john mitchell",
        "christine martin",
        "nadine dupont",
        "saïd ismaïl",
        "youssef moussaoui",
        "mohamed lamine",
    ):
        assert reading_system(name) == "", name
    assert reading_system("iouri kovaltchouk") == FRENCH
    assert len(analyze_name("John Mitchell").forms) == 1


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzï", max_size=20))
def test_french_reading_is_plain_letters(word: str) -> None:
    read = french_reading(word)
    assert read.isascii() and (read.isalpha() or not read)


def test_german_patronymic_is_tagged() -> None:
    tokens = analyze_name("Gadshijew Ruslan Gadshijewitsch", schema="Person").tokens
    assert [t.part.value for t in tokens] == ["family", "given", "patronymic"]


def test_english_names_get_no_second_reading() -> None:
    assert len(analyze_name("Andrew Barlow").forms) == 1
    assert len(analyze_name("John Smith").forms) == 1
    assert reading_system("john smith") == ""


def test_czech_letters_alone_are_not_read_as_russian() -> None:
    assert reading_system("karel čapek") == ""
    assert reading_system("michajlovič") == SCHOLARLY
    assert reading_system("iwanow") == GERMAN


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", max_size=20))
def test_german_reading_is_plain_ascii_letters(word: str) -> None:
    read = german_reading(word)
    assert read.isascii() and (read.isalpha() or not read)


def test_published_parts_tag_the_german_reading_too() -> None:
    parts = {"first": "Ruslan Gadshijewitsch", "last": "Gadshijew"}
    name = analyze_name("Ruslan Gadshijewitsch Gadshijew", schema="Person", parts=parts)
    read = name.forms[-1]
    assert [(t.text, t.part.value) for t in read] == [
        ("ruslan", "given"),
        ("gadzhiyevich", "patronymic"),
        ("gadzhiyev", "family"),
    ]
