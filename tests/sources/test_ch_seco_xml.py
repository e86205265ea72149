"""The Swiss SECO sanctions list XML parser (sources/ch_seco_xml.py).

The shared ``seco.xml`` is SECO's fictitious format sample (three "Test" persons). The
hand-made fixture ``seco_sample.xml`` uses the same schema for real designations: the Belarus
and DPRK records as SECO prints them, and UN-listed persons with the UN list's facts; the
ssids of the latter and their spelling variants are written for the fixture.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

from sanctionguard.errors import ListFormatError, UnsafeInputError
from sanctionguard.model.entry import BirthDate, ListEntry, NameKind, SanctionDetail
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources import ch_seco_xml
from sanctionguard.sources.base import ParseReport
from tests.sources.mutations import MUTATIONS, mutate, read_damaged
from tests.sources.parsing import (
    FIXTURES,
    FormatFixture,
    by_source_id,
    load_list,
    names,
    refused,
    sniffed,
)

SECO = FormatFixture(ch_seco_xml.SPEC, FIXTURES / "ch_seco_xml" / "seco_sample.xml", "seco.xml")
FIXTURE = SECO.path
parse_file, write, edited = SECO.parse, SECO.write, SECO.edited


# --- the official format sample --------------------------------------------------------------


@pytest.fixture(scope="module")
def official(shared_data: Path) -> tuple[list[ListEntry], ParseReport]:
    source = load_list(shared_data / "ch" / "seco.xml", ch_seco_xml.SPEC)
    return source.entries, source.report


def test_the_official_sample_yields_its_3_test_persons(
    official: tuple[list[ListEntry], ParseReport],
) -> None:
    entries, report = official
    assert report.records_read == 3
    assert sorted(entry.caption for entry in entries) == ["Test A", "Test B", "Test C"]
    assert {entry.schema for entry in entries} == {"Person"}
    assert report.published == "2024-01-17"


def test_an_amendment_file_is_loaded_with_a_warning_that_it_is_partial(
    official: tuple[list[ListEntry], ParseReport],
) -> None:
    [warning] = official[1].warnings
    assert "amendment" in warning and "seco.xml" in warning


def test_official_targets_carry_programme_sets_gender_nationality_and_birth_date(
    official: tuple[list[ListEntry], ParseReport],
) -> None:
    entries = by_source_id(official[0])
    test_a = entries["64393"]
    assert test_a.id == "ch-seco-sanctions-64393"
    assert test_a.programs == ["PPDM"]
    assert test_a.remarks == [
        "EXAMPLE: Financial measures, annex 2",
        "EXAMPLE: Travel ban, annex 1",
    ]
    assert test_a.birth_dates == [BirthDate("1900-01-01")]
    assert test_a.main.get("nationality") == ["ch"]
    assert entries["64398"].main.get("gender") == ["female"]


# --- hand-made fixture -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> tuple[dict[str, ListEntry], ParseReport]:
    entries, report = parse_file(FIXTURE)
    return by_source_id(entries), report


def test_a_justification_is_the_sanctions_reason_and_stays_readable_as_a_remark(
    sample: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    bank = sample[0]["46130"]
    reason = "State-owned bank subject to restrictions on the money and capital market."
    assert bank.sanction == {SanctionDetail.REASON: [reason]}
    assert bank.entities[1].get("reason") == [reason]
    assert reason in bank.remarks


def test_a_seco_file_is_recognised_by_its_root_element_not_its_name(tmp_path: Path) -> None:
    detection = sniffed(ch_seco_xml.sniff, write(tmp_path, FIXTURE.read_bytes(), "x"))
    assert detection is not None and detection.list_name == "ch_seco_sanctions"
    other = write(tmp_path, b"<?xml version='1.0'?><sanctions/>", "seco.xml")
    assert sniffed(ch_seco_xml.sniff, other) is None


def test_a_target_whose_latest_modification_is_a_delisting_is_counted_but_not_loaded(
    sample: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    entries, report = sample
    assert report.records_read == 7
    assert "5142" not in entries
    assert len(entries) == 6
    assert report.published == "2026-02-27" and report.warnings == []


def test_a_relisted_target_is_loaded_and_dated_by_its_listing(tmp_path: Path) -> None:
    data = edited(
        '<modification modification-type="de-listed" enactment-date="2016-02-29" '
        'publication-date="2016-03-01" effective-date="2016-03-01"/>',
        '<modification modification-type="listed" effective-date="2020-01-01"/>'
        '<modification modification-type="de-listed" effective-date="2016-03-01"/>',
    )
    entry = by_source_id(parse_file(write(tmp_path, data))[0])["5142"]
    assert entry.listed_on == "2011-06-21"
    assert names(entry, NameKind.PRIMARY) == ["Lukashenka Dzmitry Aliaksandravich"]


def test_targets_map_to_person_organisation_and_vessel(
    sample: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    entries = sample[0]
    assert entries["62901"].schema == "Person"
    assert entries["46130"].schema == "Organization"
    assert entries["34461"].schema == "Vessel"


def test_name_parts_keep_their_types_and_the_printed_order(
    sample: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    [primary] = [n for n in sample[0]["62901"].names if n.kind is NameKind.PRIMARY]
    assert primary.value == "Doku Khamatovich Umarov"
    assert dict(primary.parts) == {"given": "Doku", "patronymic": "Khamatovich", "family": "Umarov"}
    assert sample[0]["62901"].main.get("fatherName") == ["Khamatovich"]
    [titled] = [n for n in sample[0]["62930"].names if n.kind is NameKind.PRIMARY]
    assert titled.parts["title"] == "Maulavi"


def test_complete_spelling_variants_become_strong_aliases_in_their_script(
    sample: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    [cyrillic] = [n for n in sample[0]["62901"].names if n.original_script]
    assert (cyrillic.value, cyrillic.kind, cyrillic.lang) == (
        "Доку Хаматович Умаров",
        NameKind.STRONG_ALIAS,
        "rus",
    )


def test_partial_non_latin_variants_are_not_mixed_with_latin_parts_and_count_as_weak(
    sample: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    [arabic] = [n for n in sample[0]["62920"].names if n.original_script]
    assert (arabic.value, arabic.kind, arabic.lang) == (
        "إبراهيم حسن العسيري",
        NameKind.WEAK_ALIAS,
        "ara",
    )


def test_alias_quality_and_non_main_identities_set_the_name_kind(
    sample: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    umarov = sample[0]["62901"]
    assert names(umarov, NameKind.PRIMARY) == ["Doku Khamatovich Umarov"]
    assert "Dokka Umarov" in names(umarov, NameKind.STRONG_ALIAS)
    assert names(sample[0]["62920"], NameKind.WEAK_ALIAS)[-1] == "Abu Saleh"


def test_birth_dates_from_all_identities_with_partial_and_low_quality_dates(
    sample: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    assert sample[0]["62901"].birth_dates == [
        BirthDate("1964-04-13"),
        BirthDate("1964-05"),
        BirthDate("1965-04-13"),
    ]
    assert sample[0]["62930"].birth_dates == [BirthDate("1958", circa=True)]


def test_a_non_gregorian_birth_date_is_kept_as_a_remark(
    sample: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    entry = sample[0]["62920"]
    assert entry.birth_dates == [BirthDate("1982-04-19")]
    assert "Date of birth (islamic calendar): 1402-06-24" in entry.remarks


def test_places_are_resolved_from_place_ids_listed_after_the_targets(
    sample: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    umarov = sample[0]["62901"].main
    assert umarov.get("birthPlace") == [
        "Kharsenoy Village, Shatoyskiy (Sovetskiy) District, Chechenskaya Respublika, "
        "Russian Federation"
    ]
    assert umarov.get("birthCountry") == ["ru"]
    bank = sample[0]["34470"].main
    assert bank.get("address") == [
        "FTB Building, Jungsong-dong, Central District, Pyongyang, North Korea"
    ]
    assert bank.get("country") == ["kp"]


def test_documents_become_typed_identifiers_with_issuer_and_issue_date(
    sample: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    [passport] = [i for i in sample[0]["62901"].identifiers if i.kind is IdKind.PASSPORT]
    assert (passport.value, passport.country, passport.note) == (
        "96 03 464086",
        "ru",
        "passport; issued 2003-06-01",
    )


def test_imo_and_bic_printed_in_other_information_become_validated_identifiers(
    sample: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    [imo] = [i for i in sample[0]["34461"].identifiers if i.kind is IdKind.IMO]
    assert (imo.value, imo.valid) == ("8405270", True)
    assert sample[0]["34461"].main.get("imoNumber") == ["IMO8405270"]
    [bic] = [i for i in sample[0]["34470"].identifiers if i.kind is IdKind.BIC]
    assert (bic.value, bic.valid) == ("FTBDKPPY", True)


def test_programmes_listing_dates_foreign_ids_and_justifications_are_carried(
    sample: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    bank = sample[0]["46130"]
    assert bank.programs == ["Belarus"]
    assert bank.listed_on == "2021-08-11"
    assert "State-owned bank subject to restrictions on the money and capital market." in (
        bank.remarks
    )
    assert (
        "Ordinance of 16 March 2022 on measures against Belarus: article 16 and 17 -- "
        "Restrictions on the money and capital market"
    ) in bank.remarks
    [foreign] = [i for i in sample[0]["62901"].identifiers if i.kind is IdKind.OTHER]
    assert (foreign.raw, foreign.note) == ("QDi.290", "foreign identifier")


# --- bad input -------------------------------------------------------------------------------


def test_an_empty_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    refused(parse_file, write(tmp_path, b""), match=r"seco\.xml")


def test_a_truncated_file_is_refused_with_its_line(tmp_path: Path) -> None:
    data = FIXTURE.read_bytes()
    path = write(tmp_path, data[: len(data) // 2])
    error = refused(parse_file, path)
    assert error.path == str(path) and error.line is not None


def test_a_file_in_the_wrong_encoding_is_refused_with_its_line(tmp_path: Path) -> None:
    data = FIXTURE.read_bytes().replace(b"Doku", "Dokù".encode("latin-1"), 1)
    error = refused(parse_file, write(tmp_path, data), match=r"seco\.xml")
    assert error.line == 101


def test_a_target_without_ssid_subject_or_name_is_refused_with_line_and_element(
    tmp_path: Path,
) -> None:
    with pytest.raises(ListFormatError, match="without ssid") as error:
        parse_file(write(tmp_path, edited('<target ssid="46130">', "<target>")))
    assert (error.value.line, error.value.element) == (57, "target")
    no_subject = edited('<object object-type="vessel">', "<thing>").replace(
        b"</object>", b"</thing>"
    )
    refused(parse_file, write(tmp_path, no_subject), match="without <individual>")
    with pytest.raises(ListFormatError, match="without a name") as error:
        parse_file(write(tmp_path, edited("<value>Belagroprombank</value>", "<value/>")))
    assert error.value.line == 57


def test_a_document_with_another_root_or_no_targets_is_refused(tmp_path: Path) -> None:
    other = FIXTURE.read_bytes().replace(b"swiss-sanctions-list", b"other-list")
    refused(parse_file, write(tmp_path, other), match="expected <swiss-sanctions-list>")
    with pytest.raises(ListFormatError, match="no <target>"):
        parse_file(write(tmp_path, b'<swiss-sanctions-list list-type="whole-list"/>'))


def test_an_entity_declaration_is_refused_as_unsafe_naming_the_file(tmp_path: Path) -> None:
    attack = (
        b'<?xml version="1.0"?>\n<!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>\n'
        b"<swiss-sanctions-list><target ssid='1'><individual><identity main='true'><name>"
        b"<name-part><value>&b;</value></name-part></name></identity></individual></target>"
        b"</swiss-sanctions-list>"
    )
    with pytest.raises(UnsafeInputError, match=r"laughs\.xml"):
        parse_file(write(tmp_path, attack, "laughs.xml"))


@settings(max_examples=60, deadline=None)
@given(**MUTATIONS)
def test_mutated_seco_files_raise_nothing_but_list_format_errors(
    at: int, junk: bytes, cut: int
) -> None:
    read_damaged(parse_file, mutate(FIXTURE.read_bytes(), at, junk, cut), SECO.name)


def test_document_dates_may_be_written_as_day_month_year_elements(tmp_path: Path) -> None:
    data = edited(
        "<date-of-issue>2003-06-01</date-of-issue>",
        '<date-of-issue><day-month-year day="1" month="6" year="2003"/></date-of-issue>',
    )
    entry = by_source_id(parse_file(write(tmp_path, data))[0])["62901"]
    [passport] = [i for i in entry.identifiers if i.kind is IdKind.PASSPORT]
    assert passport.note == "passport; issued 2003-06-01"
