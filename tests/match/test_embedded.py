"""Identifiers, birth dates and countries written into a name field (``match.embedded``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sanctionguard.match.embedded import read_embedded
from sanctionguard.match.screener import Screener
from sanctionguard.match.types import Query
from sanctionguard.model.identifiers import IdKind


def test_a_labelled_identifier_is_read_out_of_the_name() -> None:
    read = read_embedded("OOO PROMSVYAZBANK INN 7744000912", None)
    assert read.name == "OOO PROMSVYAZBANK"
    assert [(i.kind, i.value, i.valid) for i in read.identifiers] == [
        (IdKind.INN, "7744000912", True)
    ]
    imo = read_embedded("FU YUAN YU 7622 IMO: 8651732", False)
    assert imo.name == "FU YUAN YU 7622"  # the bare number stays: it is the name's
    assert [i.kind for i in imo.identifiers] == [IdKind.IMO]
    bic = read_embedded("VTB BANK PJSC SWIFT/BIC VTBRRUMM", False)
    assert (bic.name, [i.value for i in bic.identifiers]) == ("VTB BANK PJSC", ["VTBRRUMM"])


def test_numbers_without_a_label_or_too_short_stay_in_the_name() -> None:
    assert read_embedded("11420 CORP", False).name == "11420 CORP"
    assert read_embedded("IMO 12", False).name == "IMO 12"  # no number of an IMO's length
    assert read_embedded("BIC GROUP LTD", False).name == "BIC GROUP LTD"  # no BIC after it
    # Nothing but an identifier: the name stays as written (the vessel's own key reads it).
    assert read_embedded("IMO 9187629", False).name == "IMO 9187629"


def test_a_whole_date_in_a_persons_name_is_a_birth_date() -> None:
    read = read_embedded("Prigozhin Evgeny Viktorovich 01.06.1961", True)
    assert (read.name, read.birth_dates) == ("Prigozhin Evgeny Viktorovich", ("1961-06-01",))
    assert read_embedded("SHUGAEV, Dmitry, DOB 1965-08-11", None).birth_dates == ("1965-08-11",)
    assert read_embedded("Ali Hassan b. 3/4/1970", True).birth_dates == ("1970-04-03",)
    # Not a date (31 February), not a person's (a firm's), not a whole date (a year).
    assert read_embedded("Ali Hassan 31.02.1961", True).birth_dates == ()
    assert read_embedded("STAR 01.06.1961 LLC", False).name == "STAR 01.06.1961 LLC"
    assert read_embedded("Ali Hassan 1961", True).name == "Ali Hassan 1961"


def test_a_trailing_place_gives_a_reading_without_it() -> None:
    assert read_embedded("PJSC SBERBANK, RUSSIA", False).names == (
        "PJSC SBERBANK, RUSSIA",
        "PJSC SBERBANK",
    )
    assert read_embedded("VTB BANK, MOSCOW, RUSSIA", False).without_place == "VTB BANK"
    assert read_embedded("BANK MELLI IRAN", False).names == ("BANK MELLI IRAN", "BANK MELLI")
    assert read_embedded("EMIRATES TRADING UNITED ARAB EMIRATES", None).without_place == (
        "EMIRATES TRADING"
    )
    # A city the lists' addresses name, before the country or alone, as words or after a comma.
    assert read_embedded("PJSC SBERBANK MOSCOW RUSSIA", False).without_place == "PJSC SBERBANK"
    assert read_embedded("SBERBANK, MOSCOW", False).without_place == "SBERBANK"
    assert read_embedded("BALTIC SHIPYARD ST. PETERSBURG", None).without_place == (
        "BALTIC SHIPYARD"
    )
    assert read_embedded("MOSCOW INSTITUTE OF PHYSICS", False).without_place is None
    assert read_embedded("BANK OF MOSCOW", False).without_place is None  # (the place's own bank)
    assert read_embedded("Bank of Moscow, Moscow, Russia", False).without_place == "Bank of Moscow"
    # A whole address after the name: it ends in a place and begins with a number or a place.
    address = (
        "Sovcomflot JSC, 3A Naberezhnaya reki Moyki, St. Petersburg 191186, Russian Federation"
    )
    assert read_embedded(address, False).without_place == "Sovcomflot JSC"
    # A subsidiary after its parent is no address when no place ends it.
    assert (
        read_embedded("TACTICAL MISSILE CORP, 711 AIRCRAFT REPAIR PLANT", False).without_place
        is None
    )
    # Not an adjective, not a two-letter code, not the whole name, not a person's name.
    assert read_embedded("ROACH HOLDINGS ENGLISH", False).without_place is None
    assert read_embedded("SIEMENS AG", False).without_place is None
    assert read_embedded("IRAN", False).without_place is None
    assert read_embedded("MOSCOW", False).without_place is None
    assert read_embedded("Omar Jordan", True).without_place is None
    # A person's name: only a city, or two parts of a place, as a country may be the name's
    # own last word ("Omar Jordan", "SMITH, Georgia").
    assert read_embedded("Viktor Bout, Moscow, Russia", True).without_place_person == "Viktor Bout"
    assert read_embedded("Viktor Bout Moscow Russia", None).without_place_person == "Viktor Bout"
    assert read_embedded("Kim Jong Un, Pyongyang", True).without_place_person == "Kim Jong Un"
    assert read_embedded("Omar Jordan", True).without_place_person is None
    assert read_embedded("SMITH, Georgia", True).without_place_person is None
    assert read_embedded("Jack London", True).without_place_person is None  # ("Jack" alone)


def test_the_screener_uses_what_the_name_field_holds(screener: Screener) -> None:
    # An INN in the name field is the query's identifier: the firm is found by it.
    by_inn = screener.match(Query(("JSC ARGUMENTS INN 7707083893",), schema="Company"))
    assert by_inn[0].caption == "JSC ARGUMENT"
    assert any(f.name == "identifier_match" and f.value == 1.0 for f in by_inn[0].features)
    # A date after a name is the birth date it is compared with.
    dated = screener.match(Query(("Dmitry Shugayev 11.08.1965",), schema="Person"))
    assert dated[0].caption == "SHUGAYEV, Dmitry"
    assert any(f.name == "birth_date" and f.value == 1.0 for f in dated[0].features)
    # A person with the place after the name.
    placed_person = screener.match(Query(("Dmitry Shugayev, Moscow, Russia",), schema="Person"))
    assert placed_person[0].caption == "SHUGAYEV, Dmitry"
    # The bank with its place after it.
    for name in ("VTB BANK PJSC, MOSCOW, RUSSIA", "VTB BANK PJSC MOSCOW RUSSIA"):
        placed = screener.match(Query((name,), schema="Company"))
        assert placed[0].caption == "VTB BANK PJSC"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.sampled_from([True, False, None]))
def test_reading_a_name_field_never_fails_nor_loses_the_name(
    text: str, person: bool | None
) -> None:
    read = read_embedded(text, person)
    if any(ch.isalnum() for ch in text):
        assert all(any(ch.isalnum() for ch in name) for name in read.names)
