"""The OFAC remarks mini-language parser (sources/ofac_remarks.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sanctionguard.model.entry import NameKind
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources.ofac_remarks import (
    AliasFact,
    BirthDateFact,
    DatedFact,
    IdentifierFact,
    parse_remarks,
    split_remarks,
)
from sanctionguard.sources.ofac_terms import ID_LABELS, VESSEL_REGISTRATION, id_kind


def test_remarks_split_on_semicolons_and_lose_only_the_closing_full_stop() -> None:
    text = "Secondary sanctions risk: See Section 11 of Executive Order 14024.; a.k.a. 'X'."
    assert split_remarks(text) == [
        "Secondary sanctions risk: See Section 11 of Executive Order 14024.",
        "a.k.a. 'X'",
    ]


def test_the_null_marker_and_blank_remarks_yield_no_facts() -> None:
    for text in (None, "", "-0- ", "  "):
        facts = parse_remarks(text)
        assert facts.unparsed == [] and facts.identifiers == [] and facts.birth_dates == []


def test_exact_partial_circa_and_ranged_birth_dates_are_all_read() -> None:
    facts = parse_remarks(
        "DOB 12 Jan 1970; alt. DOB Mar 1945; alt. DOB 1970; DOB circa 1951; "
        "DOB 1965 to 1968; DOB 01 Jan 1960 to 31 Dec 1961; DOB circa 1950-1955."
    )
    assert facts.birth_dates == [
        BirthDateFact("1970-01-12"),
        BirthDateFact("1945-03"),
        BirthDateFact("1970"),
        BirthDateFact("1951", circa=True),
        BirthDateFact("1965", "1968"),
        BirthDateFact("1960-01-01", "1961-12-31"),
        BirthDateFact("1950", "1955", circa=True),
    ]


def test_an_unreadable_birth_date_is_kept_as_text_not_guessed() -> None:
    facts = parse_remarks("DOB sometime in the sixties.")
    assert facts.birth_dates == []
    assert facts.unparsed == ["DOB sometime in the sixties"]


def test_birth_place_nationality_citizenship_and_gender_are_read() -> None:
    facts = parse_remarks(
        "POB Culiacan, Sinaloa, Mexico; nationality Korea, North; alt. nationality Russia; "
        "citizen Mexico; Gender Female."
    )
    assert facts.birth_places == ["Culiacan, Sinaloa, Mexico"]
    assert facts.nationalities == ["Korea, North", "Russia"]
    assert facts.citizenships == ["Mexico"]
    assert facts.genders == ["female"]


def test_a_passport_keeps_its_issuing_country_and_issue_and_expiry_dates() -> None:
    facts = parse_remarks("Passport A1234 (Russia) issued 01 Jan 2010 expires 31 Dec 2019.")
    assert facts.identifiers == [
        IdentifierFact(
            IdKind.PASSPORT, "A1234", "Russia", "Passport; issued 2010-01-01; expires 2019-12-31"
        )
    ]


def test_a_passport_without_country_and_with_a_spaced_number_is_read_whole() -> None:
    [ident] = parse_remarks("alt. Passport G 649385 issued 08 Sep 2006.").identifiers
    assert (ident.kind, ident.value, ident.country) == (IdKind.PASSPORT, "G 649385", None)


def test_a_bracketed_word_that_is_no_country_stays_in_the_number() -> None:
    [ident] = parse_remarks("Registration Number HRA 738077 (Stuttgart) (Germany).").identifiers
    assert (ident.value, ident.country) == ("HRA 738077 (Stuttgart)", "Germany")


def test_national_ids_and_their_local_names_are_national_ids() -> None:
    facts = parse_remarks(
        "National ID No. 216040 (Yemen); Cedula No. 6068015 (Colombia); "
        "C.U.R.P. AIMM67125 (Mexico)."
    )
    assert [(i.kind, i.value, i.note) for i in facts.identifiers] == [
        (IdKind.NATIONAL_ID, "216040", "National ID No."),
        (IdKind.NATIONAL_ID, "6068015", "Cedula No."),
        (IdKind.NATIONAL_ID, "AIMM67125", "C.U.R.P."),
    ]


def test_russian_tax_ids_of_10_or_12_digits_are_inn_codes_others_plain_tax_ids() -> None:
    facts = parse_remarks(
        "Tax ID No. 7707083893 (Russia); Tax ID No. 770708389312 (Russia); "
        "Tax ID No. 12345 (Russia); Tax ID No. 7707083893 (Serbia); NIT # 800018928-0 (Colombia)."
    )
    assert [(i.kind, i.value) for i in facts.identifiers] == [
        (IdKind.INN, "7707083893"),
        (IdKind.INN, "770708389312"),
        (IdKind.TAX_ID, "12345"),
        (IdKind.TAX_ID, "7707083893"),
        (IdKind.TAX_ID, "800018928-0"),
    ]


def test_russian_registration_numbers_of_13_or_15_digits_are_ogrn_codes() -> None:
    facts = parse_remarks(
        "Registration Number 1027700132195 (Russia); Business Registration Number "
        "304500116000157 (Russia); Registration Number 26740 (Iran); "
        "Registration Number 1027700132195 (Cyprus)."
    )
    assert [i.kind for i in facts.identifiers] == [
        IdKind.OGRN,
        IdKind.OGRN,
        IdKind.REGISTRATION,
        IdKind.REGISTRATION,
    ]


def test_lei_swift_imo_mmsi_and_aircraft_numbers_get_their_own_kinds() -> None:
    facts = parse_remarks(
        "Legal Entity Number 253400V1H6ART1UQ0N98; SWIFT/BIC SABRRUMM; "
        "Vessel Registration Identification IMO 9187629; MMSI 572469210; "
        "Identification Number IMO 5342883; Aircraft Tail Number EP-GOL; "
        "Aircraft Manufacturer's Serial Number (MSN) 1013409297."
    )
    assert [(i.kind, i.value) for i in facts.identifiers] == [
        (IdKind.LEI, "253400V1H6ART1UQ0N98"),
        (IdKind.BIC, "SABRRUMM"),
        (IdKind.IMO, "9187629"),
        (IdKind.MMSI, "572469210"),
        (IdKind.IMO, "5342883"),
        (IdKind.AIRCRAFT_TAIL, "EP-GOL"),
        (IdKind.AIRCRAFT_SERIAL, "1013409297"),
    ]


def test_a_vessel_registration_without_imo_prefix_is_a_registration_number() -> None:
    [ident] = parse_remarks("Vessel Registration Identification RS 150443 (Russia).").identifiers
    assert (ident.kind, ident.value, ident.country) == (IdKind.REGISTRATION, "RS 150443", "Russia")


def test_a_digital_currency_address_carries_its_currency_code_as_note() -> None:
    facts = parse_remarks(
        "Digital Currency Address - XBT 1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo; "
        "alt. Digital Currency Address - ETH 0x098B716B8Aaf21512996dC57EB0615e2383E2f96."
    )
    assert facts.identifiers == [
        IdentifierFact(IdKind.CRYPTO_WALLET, "1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo", None, "XBT"),
        IdentifierFact(
            IdKind.CRYPTO_WALLET, "0x098B716B8Aaf21512996dC57EB0615e2383E2f96", None, "ETH"
        ),
    ]


def test_remark_akas_are_weak_aliases_and_fkas_former_names() -> None:
    facts = parse_remarks("a.k.a. 'BNC'; f.k.a. 'ANA I'; a.k.a. 'SA'ID HOUSE'.")
    assert facts.aliases == [
        AliasFact("BNC", NameKind.WEAK_ALIAS),
        AliasFact("ANA I", NameKind.FORMER),
        AliasFact("SA'ID HOUSE", NameKind.WEAK_ALIAS),
    ]


def test_linked_to_names_keep_commas_and_inner_full_stops() -> None:
    facts = parse_remarks("Linked To: RAHMANI, Ajmal; Linked To: PETROLEOS DE VENEZUELA, S.A.")
    assert facts.links == ["RAHMANI, Ajmal", "PETROLEOS DE VENEZUELA, S.A"]


def test_listing_and_effective_dates_with_and_without_colon_are_read() -> None:
    facts = parse_remarks(
        "Listing Date (EO 14024 Directive 3): 24 Feb 2022; "
        "Effective Date (EO 14024 Directive 3): 26 Mar 2022; Listing Date (CMIC) 03 Jun 2021."
    )
    assert facts.listing_dates == [
        DatedFact("EO 14024 Directive 3", "2022-02-24"),
        DatedFact("CMIC", "2021-06-03"),
    ]
    assert facts.effective_dates == [DatedFact("EO 14024 Directive 3", "2022-03-26")]


def test_email_website_and_other_attributes_are_read() -> None:
    facts = parse_remarks(
        "Email Address info@example.com; alt. Website www.example.com; "
        "Organization Established Date 28 Nov 2005; Aircraft Model IL-76TD; "
        "Former Vessel Flag Malta; Vessel Year of Build 1999; Phone Number 982188526300."
    )
    assert facts.emails == ["info@example.com"]
    assert facts.websites == ["www.example.com"]
    assert facts.properties == [
        ("incorporationDate", "2005-11-28"),
        ("model", "IL-76TD"),
        ("pastFlags", "Malta"),
        ("buildDate", "1999"),
        ("phone", "982188526300"),
    ]


def test_unknown_pieces_are_kept_verbatim_in_unparsed() -> None:
    facts = parse_remarks(
        "Secondary sanctions risk: section 1(b) of Executive Order 13224; Minister of Oil; "
        "Passport."
    )
    assert facts.unparsed == [
        "Secondary sanctions risk: section 1(b) of Executive Order 13224",
        "Minister of Oil",
        "Passport",
    ]


@given(st.text())
def test_any_text_parses_without_raising(text: str) -> None:
    facts = parse_remarks(text)
    assert isinstance(facts.unparsed, list)


@given(
    st.lists(
        st.sampled_from(
            [
                "DOB",
                "POB",
                "Passport",
                "Tax ID No.",
                "a.k.a.",
                "'",
                "(Russia)",
                "issued",
                "Linked To:",
                "Digital Currency Address -",
                "12 Jan 1970",
                "to",
                "circa",
                "IMO",
                "1027700132195",
                ";",
                ".",
                " ",
            ]
        )
    ).map(" ".join)
)
def test_remark_like_word_salad_parses_without_raising(text: str) -> None:
    parse_remarks(text)


def test_remarks_read_every_document_label_of_the_shared_ofac_vocabulary() -> None:
    for label in ID_LABELS:
        [ident] = parse_remarks(f"{label} AB12345 (Germany).").identifiers
        expected = IdKind.REGISTRATION if label == VESSEL_REGISTRATION else id_kind(label)
        assert (ident.kind, ident.value, ident.note) == (expected, "AB12345", label), label


def test_labels_first_seen_in_the_xml_lists_are_identifiers_in_remarks_too() -> None:
    facts = parse_remarks(
        "Stateless Person Passport 123456; Previous Aircraft Tail Number EP-ABC; "
        "Driver's License No. M634550610520 (United States)."
    )
    assert [(i.kind, i.value) for i in facts.identifiers] == [
        (IdKind.PASSPORT, "123456"),
        (IdKind.AIRCRAFT_TAIL, "EP-ABC"),
        (IdKind.NATIONAL_ID, "M634550610520"),
    ]
    assert facts.unparsed == []
