"""The first-and-family-name benchmark's cases: a long listed name as a customer's record
holds it."""

from __future__ import annotations

from typing import Any

from bench.first_last import first_last_cases, short_name


def _name(given: str, family: str, kind: str = "primary") -> dict[str, Any]:
    return {
        "value": f"{family}, {given}",
        "kind": kind,
        "parts": {"given": given, "family": family},
    }


def _record(eid: str, listed: str, *names: dict[str, Any]) -> dict[str, Any]:
    return {"id": eid, "list": listed, "schema": "Person", "names": list(names)}


def test_the_query_is_the_first_given_word_and_the_family_name() -> None:
    name = _name("Muhannad Mushtaq Talib Zghayir Karhout", "AL-RAWI")
    assert short_name(name) == (
        "Muhannad AL-RAWI",
        "Muhannad Mushtaq Talib Zghayir Karhout AL-RAWI",
    )


def test_short_names_other_scripts_aliases_and_prefixes_make_no_case() -> None:
    assert short_name(_name("Boris Romanovich", "ROTENBERG")) is None  # three words
    assert short_name(_name("Мухаммад Али Хасан", "Ахмед")) is None
    assert short_name(_name("Aisha Muammar Muhammed", "QADHAFI", kind="weak_alias")) is None
    assert short_name(_name("Abd al-Rahman Muhammad Zafir", "AL-JUHNI")) is None
    assert short_name(_name("Muhammad Ali Hasan", "AHMED")) is None
    assert short_name({"value": "AISHA MUAMMAR MUHAMMED QADHAFI", "kind": "primary"}) is None


def test_an_entry_printing_the_same_name_on_another_list_is_a_right_hit() -> None:
    ofac = _record("o", "us_ofac_sdn", _name("Jamal Mustafa Abdallah Sultan", "AL-TIKRITI"))
    csl = _record("c", "us_trade_csl", _name("Jamal Mustafa Abdallah Sultan", "AL-TIKRITI"))
    other = _record("x", "us_ofac_sdn", _name("Ali Saddam Hussein", "AL-TIKRITI"))
    cases = {c.entity: c for c in first_last_cases([ofac, csl, other])}
    assert cases["o"].query.names == ("Jamal AL-TIKRITI",)
    assert set(cases["o"].expected) == {"o", "c"}
    assert cases["x"].expected == ("x",)
    assert cases["x"].klass == "us_ofac_sdn"
