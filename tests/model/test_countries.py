"""Country names as the lists print them resolve to codes, quickly and without drift."""

from __future__ import annotations

from followthemoney.types import registry

from sanctionguard.model.countries import country_code, spellings


def test_names_codes_and_demonyms_resolve() -> None:
    assert country_code("Russia") == "ru"
    assert country_code("RU") == "ru"
    assert country_code("Korea, North") == "kp"
    assert country_code("Iranian") == "ir"
    assert country_code("Crimea") == "ua-cri"


def test_addresses_and_numbers_are_not_countries() -> None:
    assert country_code("3 Gospitalnaya St. St. Petersburg 191014 Russia") is None
    assert country_code("email:info@example.org") is None
    assert country_code("   ") is None


def test_the_shipped_spelling_table_agrees_with_followthemoney() -> None:
    table = spellings()
    assert len(table) > 300
    drift = {
        spelling: (code, registry.country.clean(spelling))
        for spelling, code in table.items()
        if registry.country.clean(spelling) != code
    }
    assert drift == {}
