"""Designators of Russian research and industrial organisations (``names.designators``)."""

from __future__ import annotations

from sanctionguard.names.analyze import analyze_name
from sanctionguard.names.designators import match_designator


def _forms(name: str, schema: str | None = "Company") -> list[str]:
    return [" ".join(t.text for t in form) for form in analyze_name(name, schema=schema).forms]


def test_transliterated_translated_and_abbreviated_designators_meet() -> None:
    assert "jsc npo poisk" in _forms("JSC NPO POISK")
    assert "jsc npo poisk" in _forms(
        "AKTSIONERNOE OBSHCHESTVO NAUCHNO PROIZVODSTVENNOE OBYEDINENIE POISK"
    )
    assert "jsc npo poisk" in _forms(
        "Joint Stock Company Research and Production Association Poisk"
    )
    assert "jsc npo poisk" in _forms("АО «НПО «Поиск»")


def test_the_written_form_stays_first() -> None:
    # A typo or a glued word in the designator still meets the written form.
    assert _forms("Severnoye Design Bureau JSC") == [
        "severnoye design bureau jsc",
        "sever kb jsc",
    ]


def test_a_word_alone_is_read_as_another_only_in_a_firms_name() -> None:
    assert "amur cable zavod pjsc" in _forms("Amur Cable Factory PJSC", None)
    assert _forms("Robert Plant", None) == ["robert plant"]  # no schema, no legal form
    assert _forms("Robert PLANT", "Person") == ["robert plant"]


def test_the_longest_designator_wins_and_spellings_meet() -> None:
    words = ["opytno", "konstruktorskoye", "byuro", "sukhoi"]
    assert match_designator(words, 0) == ("okb", 3)
    assert match_designator(["design", "bureau"], 0) == ("kb", 2)
    assert match_designator(["design", "burezu"], 0) is None
    assert match_designator(["poisk"], 0) is None


def test_a_firms_kind_in_a_russian_word_meets_its_english_words() -> None:
    # One Russian word is often two English ones, and a shipyard is a shipbuilding plant.
    assert "perm zavod mashinostroenie" in _forms("PERMSKIY ZAVOD MASHINOSTROITEL")
    assert "perm mashinostroenie zavod" in _forms("Perm Machine Building Plant")
    assert "amur verf pjsc" in _forms("Amur Shipbuilding Factory PJSC")
    assert "amur verf pjsc" in _forms("Amur Sudostroitelnyy Zavod PJSC")
    assert "tambov porokh zavod" in _forms("TAMBOVSKII POROKHOVOI ZAVOD")
    assert "tambov porokh zavod" in _forms("Tambov Gunpowder Plant")
    assert "smolensk aviazavod" in _forms("Smolensk Aviation Plant")
    assert "smolensk aviazavod" in _forms("Smolensk Aircraft Plant")
    assert "institute of high current elektronika soran" in _forms(
        "Institute of High Current Electronics Siberian Branch of the Russian Academy of Sciences"
    )


def test_an_abbreviation_is_read_only_as_written() -> None:
    # Words are compared by spelling key, under which "cz" is "tss": that abbreviation of a
    # ship repair centre (tsentr sudoremonta) is no row of the table, only its written forms.
    assert _forms("CZ") == ["cz"]


def test_an_airline_is_one_carrier_however_its_kind_is_written() -> None:
    # "Mahan Airlines" met "Mahan Air" on one word of two (0.04).
    assert "mahan air" in _forms("Mahan Airlines")
    assert "mahan air" in _forms("MAHAN AIRWAYS")
    assert _forms("Mahan Air") == ["mahan air"]
    assert _forms("Air Liquide") == ["air liquide"]
