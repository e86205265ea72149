"""The cross-list benchmark's cases: one party on several lists, linked by identifiers only."""

from __future__ import annotations

from typing import Any

from bench.cross_list import cross_list_cases, link_keys, parties


def _record(
    eid: str,
    listed: str,
    name: str,
    *,
    schema: str = "Person",
    source_id: str = "",
    identifiers: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "id": eid,
        "list": listed,
        "schema": schema,
        "source_id": source_id or eid,
        "names": [{"value": name, "kind": "primary"}],
        "identifiers": identifiers or [],
        "birth_dates": [],
    }


def _passport(number: str) -> dict[str, Any]:
    return {"kind": "passport", "value": number, "valid": None, "note": None}


def test_the_un_reference_a_uk_entry_cites_links_it_to_the_un_entry() -> None:
    un = _record("un-1", "un_sc_sanctions", "ERIC BADEGE", source_id="CDi.001")
    uk = _record(
        "uk-1",
        "gb_fcdo_sanctions",
        "Eric BADEGE",
        identifiers=[{"kind": "other", "value": "CDI.001", "note": "UN reference"}],
    )
    assert link_keys(un) & link_keys(uk) == {("un_ref", "CDI.001")}


def test_only_checked_identifiers_and_single_passport_numbers_link() -> None:
    record = _record(
        "x",
        "us_ofac_sdn",
        "A B",
        identifiers=[
            {"kind": "inn", "value": "7707083893", "valid": True},
            {"kind": "inn", "value": "123", "valid": False},
            _passport("AF 133955"),
            _passport("(A) 223611 (LIBYAN PASSPORT NUMBER)"),
        ],
    )
    assert link_keys(record) == {("inn", "7707083893"), ("passport", "AF133955")}


def test_a_case_is_each_entry_against_each_other_list_of_its_party() -> None:
    ofac = _record("o", "us_ofac_sdn", "SHUGAEV, Dmitry", identifiers=[_passport("AF133955")])
    csl = _record(
        "c",
        "us_trade_csl",
        "SHUGAEV, Dmitry",
        source_id="SDN-o",
        identifiers=[_passport("AF133955")],
    )
    uk = _record(
        "u", "gb_fcdo_sanctions", "Dmitry Evgenyevich SHUGAEV", identifiers=[_passport("AF133955")]
    )
    cases = {c.id: c for c in cross_list_cases([ofac, csl, uk])}
    # The CSL reprints OFAC's entry: no case between them; each meets the UK entry.
    assert set(cases) == {
        "o->gb_fcdo_sanctions",
        "c->gb_fcdo_sanctions",
        "u->us_ofac_sdn",
        "u->us_trade_csl",
    }
    assert cases["u->us_ofac_sdn"].expected == ("o",)
    assert cases["u->us_ofac_sdn"].note == "names differ|passport"


def test_one_list_never_holds_a_party_twice_and_other_kinds_never_join() -> None:
    a = _record("a", "us_ofac_sdn", "A ONE", identifiers=[_passport("AF133955")])
    b = _record("b", "us_ofac_sdn", "B TWO", identifiers=[_passport("AF133955")])
    c = _record(
        "c", "gb_fcdo_sanctions", "A ONE", schema="Vessel", identifiers=[_passport("AF133955")]
    )
    assert parties([a, b, c]) == []
