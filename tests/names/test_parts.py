"""Name parts from published parts, comma order and patronymics."""

from __future__ import annotations

from sanctionguard.names.analyze import analyze_name
from sanctionguard.names.parts import is_patronymic
from sanctionguard.names.types import NamePart


def _parts(text: str, **kwargs: object) -> list[tuple[str, NamePart]]:
    return [(t.text, t.part) for t in analyze_name(text, **kwargs).tokens]  # type: ignore[arg-type]


def test_published_parts_tag_tokens_in_any_script() -> None:
    parts = {"given": "Дмитрий", "family": "Шугаев", "patronymic": "Евгеньевич"}
    tagged = _parts("Шугаев Дмитрий Евгеньевич", parts=parts)
    assert [p for _, p in tagged] == [NamePart.FAMILY, NamePart.GIVEN, NamePart.PATRONYMIC]


def test_russian_official_order_is_read_from_the_patronymic() -> None:
    assert _parts("Shugaev Dmitry Evgenyevich") == [
        ("shugaev", NamePart.FAMILY),
        ("dmitry", NamePart.GIVEN),
        ("evgenyevich", NamePart.PATRONYMIC),
    ]


def test_western_order_with_patronymic_in_the_middle() -> None:
    assert [p for _, p in _parts("Roman Arkadyevich Abramovich")] == [
        NamePart.GIVEN,
        NamePart.PATRONYMIC,
        NamePart.FAMILY,
    ]


def test_comma_order_without_patronymic() -> None:
    assert [p for _, p in _parts("SMITH, John Robert")] == [
        NamePart.FAMILY,
        NamePart.GIVEN,
        NamePart.MIDDLE,
    ]


def test_organisations_get_no_person_parts() -> None:
    assert {p for _, p in _parts("Romashka, OOO")} == {NamePart.UNKNOWN}


def test_german_given_names_are_not_patronymics() -> None:
    assert not is_patronymic("friedrich")
    assert not is_patronymic("dietrich")
    assert is_patronymic("ilyich")
    assert is_patronymic("ivanovna")


def test_patronymics_after_a_vowel_and_belarusian_ones_are_recognised() -> None:
    for text in ("Sergey Sergeevich Chemezov", "Ravil Zakarievich Khalikov"):
        assert _parts(text)[1][1] is NamePart.PATRONYMIC
    assert [p for _, p in _parts("Aliaksandr Aliaksandravich Zakhvitsevich")] == [
        NamePart.GIVEN,
        NamePart.PATRONYMIC,
        NamePart.FAMILY,
    ]


def test_patronymic_published_inside_the_given_name_is_tagged_as_patronymic() -> None:
    parts = {"given": "Vladimir Vladimirovich", "family": "Poletayev"}
    assert [p for _, p in _parts("Vladimir Vladimirovich POLETAYEV", parts=parts)] == [
        NamePart.GIVEN,
        NamePart.PATRONYMIC,
        NamePart.FAMILY,
    ]
