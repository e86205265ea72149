"""The UN Security Council Consolidated List XML parser (sources/un_xml.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings

from sanctionguard.errors import UnsafeInputError
from sanctionguard.model.entry import BirthDate, ListEntry, NameKind, SanctionDetail
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources import un_xml
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

UN = FormatFixture(un_xml.SPEC, FIXTURES / "un_xml" / "consolidated_sample.xml", "consolidated.xml")
FIXTURE = UN.path
parse_file, write = UN.parse, UN.write


# --- real data -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def un_list(shared_data: Path) -> tuple[list[ListEntry], ParseReport]:
    source = load_list(shared_data / "un" / "UN_consolidated.xml", un_xml.SPEC)
    return source.entries, source.report


def test_the_real_un_list_yields_1003_entries_730_people_and_273_organisations(
    un_list: tuple[list[ListEntry], ParseReport],
) -> None:
    entries, report = un_list
    assert len(entries) == 1003
    assert report.records_read == 1003
    assert Counter(entry.schema for entry in entries) == {"Person": 730, "Organization": 273}
    assert report.warnings == []


def test_the_real_un_list_counts_entries_per_sanctions_programme(
    un_list: tuple[list[ListEntry], ParseReport],
) -> None:
    entries, _ = un_list
    programmes = Counter(program for entry in entries for program in entry.programs)
    assert programmes == {
        "Al-Qaida": 341,
        "DPRK": 155,
        "Taliban": 140,
        "Iran": 121,
        "Iraq": 75,
        "DRC": 53,
        "Libya": 30,
        "Somalia": 24,
        "CAR": 15,
        "Haiti": 11,
        "Yemen": 11,
        "GB": 10,
        "Sudan": 9,
        "SouthSudan": 8,
    }


def test_the_real_un_list_is_dated_by_its_generation_date(
    un_list: tuple[list[ListEntry], ParseReport],
) -> None:
    assert un_list[1].published == "2026-02-27"


def test_a_known_al_qaida_member_has_his_aliases_by_quality_and_his_arabic_name(
    un_list: tuple[list[ListEntry], ParseReport],
) -> None:
    entry = by_source_id(un_list[0])["QDi.001"]
    assert entry.id == "un-sc-sanctions-qdi-001"
    assert entry.caption == "MOHAMMED SALAHALDIN ABD EL HALIM ZIDANE"
    assert "Sayf-Al Adl" in names(entry, NameKind.STRONG_ALIAS)
    assert set(names(entry, NameKind.WEAK_ALIAS)) == {
        "Ibrahim al-Madani",
        "Saif Al-'Adil",
        "Seif al Adel",
    }
    [arabic] = [name for name in entry.names if name.original_script]
    assert arabic.value == "محمد صلاح الدين عبدالحليم زيدان"
    assert arabic.lang == "ara"
    assert BirthDate("1963-04-11") in entry.birth_dates
    assert entry.programs == ["Al-Qaida"]
    assert entry.listed_on == "2001-01-25"
    assert entry.main.get("nationality") == ["eg"]


def test_a_known_passport_keeps_its_number_and_issuing_country(
    un_list: tuple[list[ListEntry], ParseReport],
) -> None:
    entry = by_source_id(un_list[0])["QDi.290"]
    [passport] = [i for i in entry.identifiers if i.kind is IdKind.PASSPORT]
    assert (passport.value, passport.country, passport.valid) == ("96 03 464086", "ru", None)
    assert passport.note is not None and "issued 2003-06-01" in passport.note
    assert entry.main.get("passportNumber") == ["96 03 464086"]
    [russian] = [name for name in entry.names if name.original_script]
    assert (russian.value, russian.lang) == ("Умаров Доку Хаматович", "rus")


def test_every_real_un_entry_keeps_its_dataid_as_an_other_identifier(
    un_list: tuple[list[ListEntry], ParseReport],
) -> None:
    for entry in un_list[0]:
        assert [i.note for i in entry.identifiers if i.kind is IdKind.OTHER] == ["UN DATAID"]


# --- hand-made fixture -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> dict[str, ListEntry]:
    entries, report = parse_file(FIXTURE)
    assert report.records_read == 8
    return by_source_id(entries)


def test_the_un_reference_is_the_sanctions_unsc_id(sample: dict[str, ListEntry]) -> None:
    for reference, entry in sample.items():
        assert entry.sanction == {SanctionDetail.UNSC_ID: [reference]}
        assert entry.entities[1].get("unscId") == [reference]


def test_the_un_file_is_recognised_by_its_root_element_not_its_name(tmp_path: Path) -> None:
    path = write(tmp_path, FIXTURE.read_bytes(), name="download.bin")
    detection = sniffed(un_xml.sniff, path)
    assert detection is not None and detection.list_name == "un_sc_sanctions"
    other = write(tmp_path, b"<?xml version='1.0'?><sdnList/>", name="consolidated.xml")
    assert sniffed(un_xml.sniff, other) is None


def test_name_fields_become_positional_parts_of_the_primary_name(
    sample: dict[str, ListEntry],
) -> None:
    [primary] = [n for n in sample["QDi.291"].names if n.kind is NameKind.PRIMARY]
    assert primary.value == "IBRAHIM HASSAN TALI AL-ASIRI"
    assert dict(primary.parts) == {
        "given": "IBRAHIM",
        "second": "HASSAN",
        "middle": "TALI AL-ASIRI",
    }
    assert sample["QDi.291"].main.get("firstName") == ["IBRAHIM"]


def test_organisations_have_no_person_name_parts(sample: dict[str, ListEntry]) -> None:
    [primary] = [n for n in sample["CDe.001"].names if n.kind is NameKind.PRIMARY]
    assert primary.value == "ADF" and not primary.parts


def test_alias_qualities_map_to_strong_weak_and_former_names(sample: dict[str, ListEntry]) -> None:
    assert names(sample["CDi.004"], NameKind.STRONG_ALIAS) == ["Colonel Innocent KAINA"]
    assert names(sample["CDi.004"], NameKind.WEAK_ALIAS) == ["India Queen"]
    assert names(sample["CDe.001"], NameKind.STRONG_ALIAS) == ["Allied Democratic Forces"]
    assert names(sample["CDe.001"], NameKind.FORMER) == ["ADF/NALU"]
    assert sample["CDe.001"].main.get("previousName") == ["ADF/NALU"]


def test_original_script_names_get_a_language_only_where_the_letters_tell_it(
    sample: dict[str, ListEntry],
) -> None:
    def original(ref: str) -> tuple[str, str | None]:
        [name] = [n for n in sample[ref].names if n.original_script]
        return name.value, name.lang

    assert original("TAi.171") == ("محمد عمر ځدران", "pus")
    assert original("TAi.002") == ("محمد حسن آخوند", None)
    assert original("QDi.037") == ("عبد الرحمن ياسين", "ara")
    assert original("QDe.131") == ("Эмират Кавказ", "rus")


def test_birth_dates_keep_exact_dates_years_circa_and_ranges(sample: dict[str, ListEntry]) -> None:
    assert sample["QDi.037"].birth_dates == [BirthDate("1960-04-10")]
    assert sample["QDi.352"].birth_dates == [BirthDate("1974")]
    assert sample["TAi.171"].birth_dates == [BirthDate("1958", circa=True)]
    assert sample["TAi.002"].birth_dates == [BirthDate("1955", "1958", circa=True)]


def test_a_birth_date_given_only_as_a_note_is_read_from_the_note(
    sample: dict[str, ListEntry],
) -> None:
    assert sample["CDi.004"].birth_dates == [BirthDate("1973-11")]
    assert not any(r.startswith("Date of birth") for r in sample["CDi.004"].remarks)


def test_a_hijri_birth_date_is_kept_as_a_remark_not_misread_as_a_gregorian_year(
    sample: dict[str, ListEntry],
) -> None:
    entry = sample["QDi.291"]
    assert entry.birth_dates == [BirthDate("1982-04-19")]
    assert "Date of birth: 24/06/1402 (Hijri Calendar)" in entry.remarks


def test_documents_become_typed_identifiers_with_country_and_issue_note(
    sample: dict[str, ListEntry],
) -> None:
    idents = {i.value: i for i in sample["QDi.291"].identifiers}
    passport = idents["F654645"]
    assert (passport.kind, passport.country) == (IdKind.PASSPORT, "sa")
    assert passport.note == "issued 2005-04-30; expired on 7 Mar. 2010."
    national = idents["1028745097"]
    assert (national.kind, national.country, national.note) == (
        IdKind.NATIONAL_ID,
        "sa",
        "civil identification number",
    )


def test_a_document_without_a_number_field_is_kept_as_a_remark(
    sample: dict[str, ListEntry],
) -> None:
    entry = sample["QDi.037"]
    assert "National Identification Number: SSN 156-92-9858 (United States of America)" in (
        entry.remarks
    )
    assert {i.value for i in entry.identifiers if i.kind is IdKind.PASSPORT} == {
        "27082171",
        "MO887925",
    }


def test_a_listing_date_with_a_time_zone_suffix_is_read_as_a_day(
    sample: dict[str, ListEntry],
) -> None:
    assert sample["QDi.352"].listed_on == "2015-04-07"


def test_people_carry_titles_positions_gender_nationality_and_places(
    sample: dict[str, ListEntry],
) -> None:
    taliban = sample["TAi.002"].main
    assert sorted(taliban.get("title")) == ["Haji", "Mullah"]
    assert taliban.get("position") == ["Foreign Minister under the Taliban regime"]
    assert taliban.get("nationality") == ["af"]
    assert taliban.get("birthPlace") == [
        "Pashmul village, Panjwai District, Kandahar Province, Afghanistan"
    ]
    kaina = sample["CDi.004"].main
    assert kaina.get("gender") == ["male"]
    assert kaina.get("address") == ["Uganda (as of early 2016)"]
    assert kaina.get("country") == ["ug"]
    assert sample["QDi.352"].main.get("address") == ["Afghanistan / Pakistan border region"]


def test_the_latest_update_day_becomes_modified_at(sample: dict[str, ListEntry]) -> None:
    assert sample["QDi.037"].main.get("modifiedAt") == ["2023-10-30"]
    assert sample["TAi.171"].main.get("modifiedAt") == []


# --- bad input -------------------------------------------------------------------------------


def test_an_empty_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    refused(parse_file, write(tmp_path, b""), match=r"consolidated\.xml")


def test_a_truncated_file_is_refused_with_its_line(tmp_path: Path) -> None:
    data = FIXTURE.read_bytes()
    path = write(tmp_path, data[: len(data) // 2])
    error = refused(parse_file, path)
    assert error.path == str(path) and error.line is not None


def test_a_file_in_the_wrong_encoding_is_refused_with_its_line(tmp_path: Path) -> None:
    latin = FIXTURE.read_bytes().replace(b"INNOCENT", "INNOCENT É".encode("latin-1"))
    error = refused(parse_file, write(tmp_path, latin, name="latin.xml"), match=r"latin\.xml")
    assert error.line == 7


def test_a_record_without_reference_number_is_refused_naming_line_and_element(
    tmp_path: Path,
) -> None:
    data = FIXTURE.read_bytes().replace(b"<REFERENCE_NUMBER>QDi.037</REFERENCE_NUMBER>", b"")
    path = write(tmp_path, data)
    error = refused(parse_file, path, match="REFERENCE_NUMBER")
    assert (error.line, error.element) == (48, "INDIVIDUAL")


def test_a_record_without_any_name_is_refused(tmp_path: Path) -> None:
    data = FIXTURE.read_bytes().replace(b"<FIRST_NAME>ADF</FIRST_NAME>", b"<FIRST_NAME/>")
    path = write(tmp_path, data)
    error = refused(parse_file, path, match="without a name")
    assert error.element == "ENTITY"


def test_a_document_with_another_root_or_no_records_is_refused(tmp_path: Path) -> None:
    other_root = FIXTURE.read_bytes().replace(b"CONSOLIDATED_LIST", b"OTHER_LIST")
    refused(parse_file, write(tmp_path, other_root), match="expected <CONSOLIDATED_LIST>")
    empty = b"<CONSOLIDATED_LIST><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>"
    refused(parse_file, write(tmp_path, empty, name="empty.xml"), match="no INDIVIDUAL or ENTITY")


def test_an_entity_expansion_attack_is_refused_before_parsing(tmp_path: Path) -> None:
    bomb = (
        b'<?xml version="1.0"?>\n'
        b'<!DOCTYPE CONSOLIDATED_LIST [\n <!ENTITY lol "lol">\n'
        b' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n'
        b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&lol2;</FIRST_NAME>"
        b"</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
    )
    path = write(tmp_path, bomb, name="bomb.xml")
    with pytest.raises(UnsafeInputError, match=r"bomb\.xml"):
        parse_file(path)
    external = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><CONSOLIDATED_LIST/>'
    with pytest.raises(UnsafeInputError, match=r"xxe\.xml"):
        parse_file(write(tmp_path, external, name="xxe.xml"))


@settings(max_examples=60, deadline=None)
@given(**MUTATIONS)
def test_mutated_un_files_raise_nothing_but_list_format_errors(
    at: int, junk: bytes, cut: int
) -> None:
    read_damaged(parse_file, mutate(FIXTURE.read_bytes(), at, junk, cut), UN.name)
