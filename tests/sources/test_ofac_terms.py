"""OFAC's shared vocabulary (sources/ofac_terms.py): labels, identifier kinds, list choice."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sanctionguard.model.entry import EntryBuilder, NameKind, SanctionDetail
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources.ofac_terms import (
    CONS_LIST,
    SDN_LIST,
    Detail,
    add_birth_date_text,
    alias_kind,
    apply_detail,
    choose_list,
    id_kind,
    is_known_label,
    is_non_sdn_program,
    join_name,
    label_key,
    refine_id_kind,
    resolve_links,
    schema_for,
)


def builder(schema: str = "Person") -> EntryBuilder:
    return EntryBuilder("us_ofac_sdn", "1", schema, origin="test:1")


def test_labels_are_compared_without_case_or_trailing_punctuation() -> None:
    assert label_key("Secondary sanctions risk: ") == "secondary sanctions risk"
    assert label_key("NIT #") == "nit"
    assert label_key("Executive Order 13662 Directive Determination -") == (
        "executive order 13662 directive determination"
    )


def test_document_labels_map_to_identifier_kinds() -> None:
    assert id_kind("Passport") is IdKind.PASSPORT
    assert id_kind("Diplomatic Passport") is IdKind.PASSPORT
    assert id_kind("Cedula No.") is IdKind.NATIONAL_ID
    assert id_kind("R.F.C.") is IdKind.TAX_ID
    assert id_kind("Unified Social Credit Code (USCC)") is IdKind.REGISTRATION
    assert id_kind("Legal Entity Number") is IdKind.LEI
    assert id_kind("SWIFT/BIC") is IdKind.BIC
    assert id_kind("Vessel Registration Identification") is IdKind.IMO
    assert id_kind("MMSI") is IdKind.MMSI
    assert id_kind("Digital Currency Address - ETH") is IdKind.CRYPTO_WALLET
    assert id_kind("Previous Aircraft Tail Number") is IdKind.AIRCRAFT_TAIL
    assert id_kind("Secondary sanctions risk:") is None


def test_new_labels_are_typed_by_their_wording() -> None:
    assert id_kind("Seychelles Passport Card") is IdKind.PASSPORT
    assert id_kind("Kazakh Tax Number") is IdKind.TAX_ID
    assert id_kind("Registration Certificate No.") is IdKind.REGISTRATION


def test_only_russian_numbers_of_the_right_length_become_inn_and_ogrn() -> None:
    assert refine_id_kind(IdKind.TAX_ID, "7702070139", "Russia") is IdKind.INN
    assert refine_id_kind(IdKind.TAX_ID, "770207013912", "RU") is IdKind.INN
    assert refine_id_kind(IdKind.TAX_ID, "7702070139", "Kazakhstan") is IdKind.TAX_ID
    assert refine_id_kind(IdKind.TAX_ID, "77020701", "Russia") is IdKind.TAX_ID
    assert refine_id_kind(IdKind.REGISTRATION, "1027739609391", "Russia") is IdKind.OGRN
    assert refine_id_kind(IdKind.REGISTRATION, "304500116000157", "ru") is IdKind.OGRN
    assert refine_id_kind(IdKind.REGISTRATION, "1027739609391", None) is IdKind.REGISTRATION


def test_an_invalid_inn_is_kept_and_marked_not_dropped() -> None:
    entry = builder("Organization")
    apply_detail(entry, Detail("Tax ID No.", "7702070130", "Russia"))
    [inn] = entry.identifiers
    assert (inn.kind, inn.value, inn.valid) == (IdKind.INN, "7702070130", False)
    assert entry.proxy.get("innCode") == []


def test_crypto_wallets_carry_the_currency_and_a_wallet_entity() -> None:
    entry = builder()
    apply_detail(entry, Detail("Digital Currency Address - ETH", "0x" + "ab" * 20))
    [wallet] = entry.identifiers
    assert (wallet.kind, wallet.note, wallet.valid) == (IdKind.CRYPTO_WALLET, "ETH", True)
    assert entry.related[0].get("currency") == ["ETH"]


def test_unknown_labels_and_facts_the_schema_cannot_hold_become_remarks() -> None:
    entry = builder("Organization")
    apply_detail(entry, Detail("Secondary sanctions risk:", "See Section 11."))
    apply_detail(entry, Detail("Target Type", "Financial Institution"))
    apply_detail(entry, Detail("Nationality", "Atlantis"))
    apply_detail(entry, Detail("Place of Birth", "Paris"))
    apply_detail(entry, Detail("Vessel Year of Build", "sometime"))
    assert entry.remarks == [
        "Secondary sanctions risk: See Section 11.",
        "Nationality: Atlantis",
        "Place of Birth: Paris",
        "Vessel Year of Build: sometime",
    ]
    assert entry.proxy.get("classification") == ["Financial Institution"]


def test_a_blank_value_records_nothing() -> None:
    entry = builder()
    apply_detail(entry, Detail("Passport", "   "))
    assert entry.identifiers == [] and entry.remarks == []


def test_listing_dates_set_the_earliest_listing_and_stay_readable() -> None:
    entry = builder()
    apply_detail(entry, Detail("Listing Date (CMIC)", "03 Jun 2021"))
    apply_detail(entry, Detail("Listing Date (EO 14024 Directive 2):", "24 Feb 2022"))
    assert entry.listed_on == "2021-06-03"
    assert entry.remarks[0] == "Listing Date (CMIC): 03 Jun 2021"


def test_effective_dates_are_the_sanctions_start_date_and_stay_readable() -> None:
    entry = builder()
    apply_detail(entry, Detail("Effective Date (EO 14024 Directive 2):", "26 Mar 2022"))
    apply_detail(entry, Detail("Effective Date (CMIC)", "some day"))
    assert entry.sanction == {SanctionDetail.START_DATE: ["2022-03-26"]}
    assert entry.remarks == [
        "Effective Date (EO 14024 Directive 2): 26 Mar 2022",
        "Effective Date (CMIC): some day",
    ]


def test_unreadable_birth_dates_are_kept_as_remarks() -> None:
    entry = builder()
    add_birth_date_text(entry, "circa 1962")
    add_birth_date_text(entry, "sometime in the sixties")
    assert [(b.start, b.circa) for b in entry.birth_dates] == [("1962", True)]
    assert entry.remarks == ["Date of birth: sometime in the sixties"]


def test_known_labels_are_recognised_for_the_csl_ids_cell() -> None:
    assert is_known_label("Passport")
    assert is_known_label("Gender")
    assert is_known_label("Issuer Name")
    assert is_known_label("Effective Date (CMIC)")
    assert is_known_label("Some new directive note:")
    assert not is_known_label("RU")
    assert not is_known_label("836238033")


def test_entry_types_names_and_alias_kinds() -> None:
    assert schema_for("Individual") == "Person"
    assert schema_for(" entity ") == "Organization"
    assert schema_for("Aircraft") == "Airplane"
    assert schema_for("Ship") is None
    assert join_name("Ivan", "PETROV") == "Ivan PETROV"
    assert join_name(None, " ") is None
    assert alias_kind("f.k.a.", weak=True) is NameKind.FORMER
    assert alias_kind("F.K.A.", weak=False) is NameKind.FORMER
    assert alias_kind("a.k.a.", weak=True) is NameKind.WEAK_ALIAS
    assert alias_kind("N.K.A.", weak=False) is NameKind.STRONG_ALIAS


def test_non_sdn_programmes_or_the_file_name_choose_the_consolidated_list() -> None:
    assert choose_list(["SDGT", "NS-PLC"], "export.xml") is CONS_LIST
    assert choose_list(["FSE-IR"], "export.xml") is CONS_LIST
    assert choose_list(["SDGT"], "sdn.xml") is SDN_LIST
    assert choose_list(["UKRAINE-EO13662"], "CONS_ENHANCED.XML") is CONS_LIST


def test_only_non_sdn_programme_codes_count_as_non_sdn_not_their_look_alikes() -> None:
    assert all(map(is_non_sdn_program, ["NS-PLC", "CMIC-EO13959", "561-Related", "CAPTA", "SSI"]))
    assert not any(map(is_non_sdn_program, ["SSIDES", "SDGT", "UKRAINE-EO13662"]))


def test_links_resolve_only_to_a_unique_primary_name() -> None:
    parties = [
        EntryBuilder("us_ofac_sdn", str(i), "Organization", origin=f"t:{i}") for i in (1, 2, 3, 4)
    ]
    for party, name in zip(parties, ["ALPHA", "BETA", "GAMMA", "GAMMA"], strict=True):
        party.add_name(name)
    parties[0].add_link("Linked To", "BETA")
    parties[0].add_link("Linked To", "GAMMA")
    [first, *_] = resolve_links([p.build() for p in parties])
    assert [(lk.target, lk.target_id) for lk in first.links] == [
        ("BETA", "us-ofac-sdn-2"),
        ("GAMMA", None),
    ]


@given(label=st.text(max_size=40), value=st.text(max_size=40), country=st.text(max_size=10))
def test_any_labelled_value_is_recorded_without_raising(
    label: str, value: str, country: str
) -> None:
    for schema in ("Person", "Organization", "Vessel", "Airplane"):
        apply_detail(builder(schema), Detail(label, value, country or None))
