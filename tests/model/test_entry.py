"""An entry keeps the FtM entity and the side facts (alias strength, validity...) in step."""

from __future__ import annotations

from sanctionguard.model.entry import EntryBuilder, NameKind, make_entity_id, record_hash
from sanctionguard.model.identifiers import IdKind


def _builder() -> EntryBuilder:
    return EntryBuilder("us_ofac_sdn", "306", "Organization", "sdn.csv:3", authority="OFAC")


def test_names_are_recorded_with_their_kind_and_mirrored_in_ftm() -> None:
    b = _builder()
    b.add_name("BANCO NACIONAL DE CUBA")
    b.add_name("NATIONAL BANK OF CUBA", NameKind.STRONG_ALIAS)
    b.add_name("BNC", NameKind.WEAK_ALIAS)
    b.add_name("Национальный банк Кубы", NameKind.STRONG_ALIAS, lang="rus")
    entry = b.build()
    assert entry.caption == "BANCO NACIONAL DE CUBA"
    kinds = {n.value: (n.kind, n.original_script) for n in entry.names}
    assert kinds["BNC"] == (NameKind.WEAK_ALIAS, False)
    assert kinds["Национальный банк Кубы"] == (NameKind.STRONG_ALIAS, True)
    assert entry.main.get("weakAlias") == ["BNC"]
    assert "NATIONAL BANK OF CUBA" in entry.main.get("alias")


def test_invalid_identifiers_stay_out_of_ftm_properties_but_are_kept() -> None:
    b = _builder()
    b.add_identifier(IdKind.INN, "7707083893", "Russia")
    b.add_identifier(IdKind.INN, "1234567890")
    entry = b.build()
    assert [(i.value, i.valid, i.country) for i in entry.identifiers] == [
        ("7707083893", True, "ru"),
        ("1234567890", False, None),
    ]
    assert entry.main.get("innCode") == ["7707083893"]


def test_every_entry_carries_a_sanction_with_the_authority_reference() -> None:
    b = _builder()
    b.add_program("CUBA")
    b.set_listed_on("1962-02-07")
    sanction = b.build().entities[1]
    assert sanction.schema.name == "Sanction"
    assert sanction.get("authorityId") == ["306"]
    assert sanction.get("program") == ["CUBA"]
    assert sanction.get("listingDate") == ["1962-02-07"]


def test_entity_ids_are_stable_and_readable() -> None:
    assert make_entity_id("un_sc_sanctions", "QDi.001") == "un-sc-sanctions-qdi-001"


def test_record_hash_changes_only_with_content() -> None:
    one, two = _builder(), _builder()
    for b in (one, two):
        b.add_name("X")
    assert record_hash(one.build().to_record()) == record_hash(two.build().to_record())
    two.add_remark("new remark")
    assert record_hash(one.build().to_record()) != record_hash(two.build().to_record())


def test_birth_date_ranges_and_circa_are_kept() -> None:
    b = EntryBuilder("l", "1", "Person", "f:1")
    b.add_birth_date("1965", "1968")
    b.add_birth_date("1970", circa=True)
    entry = b.build()
    assert [(d.start, d.end, d.circa) for d in entry.birth_dates] == [
        ("1965", "1968", False),
        ("1970", None, True),
    ]
    assert sorted(entry.main.get("birthDate")) == ["1965", "1968", "1970"]
