"""The EU Financial Sanctions Files XML parser (sources/eu_fsf_xml.py).

The only official file available is a 2020 excerpt (7 records). The hand-made fixture
``eu_fsf_sample.xml`` uses the same schema for parties the EU lists by UN designation; their
names, dates, documents and codes are the UN list's, the EU ids are made up for the fixture.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings

from sanctionguard.errors import ListFormatError, UnsafeInputError
from sanctionguard.model.entry import BirthDate, ListEntry, NameKind
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources import eu_fsf_xml
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

FSF = FormatFixture(eu_fsf_xml.SPEC, FIXTURES / "eu_fsf_xml" / "eu_fsf_sample.xml", "export.xml")
FIXTURE = FSF.path
parse_file, write, edited = FSF.parse, FSF.write, FSF.edited


# --- the official sample ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def official(shared_data: Path) -> tuple[list[ListEntry], ParseReport]:
    path = shared_data / "eu" / "format_samples" / "sample_eu.xml"
    source = load_list(path, eu_fsf_xml.SPEC)
    return source.entries, source.report


def test_the_official_sample_reads_7_records_into_6_parties_merging_a_repeated_logical_id(
    official: tuple[list[ListEntry], ParseReport],
) -> None:
    entries, report = official
    assert report.records_read == 7
    assert len(entries) == 6
    assert Counter(entry.schema for entry in entries) == {"Person": 6}
    assert report.published == "2020-04-15"
    [warning] = report.warnings
    assert "logicalId 5468" in warning and "line 43" in warning
    merged = by_source_id(entries)["5468"]
    assert names(merged, NameKind.PRIMARY) == ["Sok-hwa Hwang"]
    assert names(merged, NameKind.STRONG_ALIAS) == ["TestOneWord"]


def test_an_official_record_keeps_its_names_birth_dates_and_programme(
    official: tuple[list[ListEntry], ParseReport],
) -> None:
    entry = by_source_id(official[0])["5295"]
    assert entry.id == "eu-fsf-5295"
    assert entry.caption == "Abid Hammadou"
    [primary] = [n for n in entry.names if n.kind is NameKind.PRIMARY]
    assert dict(primary.parts) == {"given": "Abid", "family": "Hammadou"}
    assert "Abdelhamid Abou Zeid" in names(entry, NameKind.STRONG_ALIAS)
    assert entry.birth_dates == [BirthDate("1965-12-12"), BirthDate("1958", circa=True)]
    assert entry.programs == ["TAQA"]
    assert entry.listed_on == "2008-07-03"
    assert entry.main.get("citizenship") == ["dz"]
    assert [(i.value, i.note) for i in entry.identifiers] == [("EU.2026.82", "EU reference number")]


def test_official_documents_become_typed_identifiers_with_issuing_country(
    official: tuple[list[ListEntry], ParseReport],
) -> None:
    entry = by_source_id(official[0])["927"]
    idents = {(i.kind, i.value): i for i in entry.identifiers}
    assert idents[(IdKind.PASSPORT, "L191609")].country == "tn"
    assert idents[(IdKind.NATIONAL_ID, "04643632")].note == "National identification card"
    unknown_country = by_source_id(official[0])["191"]
    [passport] = [i for i in unknown_country.identifiers if i.kind is IdKind.PASSPORT]
    assert (passport.value, passport.country) == ("488555", None)


def test_without_a_designation_date_the_regulation_in_force_date_is_the_listing_date(
    official: tuple[list[ListEntry], ParseReport],
) -> None:
    assert by_source_id(official[0])["191"].listed_on == "2020-01-15"


# --- hand-made fixture -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> dict[str, ListEntry]:
    entries, report = parse_file(FIXTURE)
    assert report.records_read == 5 and report.warnings == []
    return by_source_id(entries)


def test_an_fsf_file_is_recognised_by_its_namespace_not_its_name(tmp_path: Path) -> None:
    path = write(tmp_path, FIXTURE.read_bytes(), name="content")
    detection = sniffed(eu_fsf_xml.sniff, path)
    assert detection is not None and detection.list_name == "eu_fsf"
    other = write(tmp_path, b'<?xml version="1.0"?><export><thing/></export>', name="other.xml")
    assert sniffed(eu_fsf_xml.sniff, other) is None


def test_year_ranges_with_circa_become_birth_date_ranges(sample: dict[str, ListEntry]) -> None:
    assert sample["900001"].birth_dates == [
        BirthDate("1955", "1958", circa=True),
        BirthDate("1945", "1950", circa=True),
    ]


def test_birth_dates_from_full_dates_year_month_parts_and_circa_years(
    sample: dict[str, ListEntry],
) -> None:
    assert sample["900002"].birth_dates == [
        BirthDate("1964-04-13"),
        BirthDate("1964-05"),
        BirthDate("1955", circa=True),
    ]


def test_a_year_range_open_at_one_end_is_kept_as_a_remark_not_a_made_up_range(
    tmp_path: Path,
) -> None:
    data = edited(' yearRangeFrom="1955"', "")
    [entry] = [e for e in parse_file(write(tmp_path, data))[0] if e.source_id == "900001"]
    assert entry.birth_dates == [BirthDate("1945", "1950", circa=True)]
    assert "Date of birth: circa in or before 1958" in entry.remarks


def test_a_non_gregorian_birth_date_is_kept_as_a_remark(tmp_path: Path) -> None:
    data = edited(
        'calendarType="GREGORIAN" city="" zipCode="" year="1955"',
        'calendarType="ISLAMIC" city="" zipCode="" year="1375"',
    )
    [entry] = [e for e in parse_file(write(tmp_path, data))[0] if e.source_id == "900002"]
    assert BirthDate("1375", circa=True) not in entry.birth_dates
    assert "Date of birth (islamic calendar): 1375" in entry.remarks


def test_non_latin_names_keep_their_language_and_script(sample: dict[str, ListEntry]) -> None:
    def original(ref: str) -> tuple[str, str | None]:
        [name] = [n for n in sample[ref].names if n.original_script]
        return name.value, name.lang

    assert original("900001") == ("محمد حسن آخوند", "ara")
    assert original("900002") == ("Умаров Доку Хаматович", "rus")
    assert original("900005") == ("朝鲜联合机械贸易会社", "zho")


def test_the_first_name_alias_is_primary_and_strong_false_ones_are_weak(
    sample: dict[str, ListEntry],
) -> None:
    bank = sample["900003"]
    assert names(bank, NameKind.PRIMARY) == ["Foreign Trade Bank"]
    assert names(bank, NameKind.STRONG_ALIAS) == ["Mooyokbank"]
    assert names(bank, NameKind.WEAK_ALIAS) == ["FTB"]
    assert names(sample["900002"], NameKind.WEAK_ALIAS) == ["Lom-ali Butayev"]


def test_name_alias_attributes_feed_parts_title_function_and_gender(
    sample: dict[str, ListEntry],
) -> None:
    entry = sample["900001"]
    [primary] = [n for n in entry.names if n.kind is NameKind.PRIMARY]
    assert dict(primary.parts) == {
        "given": "Mohammad Hassan",
        "family": "Akhund",
        "title": "Mullah",
    }
    assert entry.main.get("position") == ["Foreign Minister under the Taliban regime"]
    assert entry.main.get("gender") == ["male"]
    assert entry.main.get("title") == ["Mullah"]


def test_bic_and_imo_identifications_are_typed_and_validated(sample: dict[str, ListEntry]) -> None:
    [bic] = [i for i in sample["900003"].identifiers if i.kind is IdKind.BIC]
    assert (bic.value, bic.valid, bic.country) == ("FTBDKPPY", True, "kp")
    assert sample["900003"].main.get("swiftBic") == ["FTBDKPPY"]
    [imo] = [i for i in sample["900004"].identifiers if i.kind is IdKind.IMO]
    assert (imo.value, imo.valid) == ("5342883", True)


def test_an_identifier_failing_its_check_is_kept_and_marked_invalid(tmp_path: Path) -> None:
    data = edited('number="5342883"', 'number="5342884"')
    [entry] = [e for e in parse_file(write(tmp_path, data))[0] if e.source_id == "900004"]
    [imo] = [i for i in entry.identifiers if i.kind is IdKind.IMO]
    assert (imo.value, imo.valid) == ("5342884", False)


def test_document_flags_and_dates_go_into_the_identifier_note(sample: dict[str, ListEntry]) -> None:
    [passport] = [i for i in sample["900002"].identifiers if i.kind is IdKind.PASSPORT]
    assert passport.country == "ru"
    assert passport.note == "National passport; known expired; issued 2003-06-01; Russian passport"


def test_eu_and_un_references_are_kept_as_other_identifiers(sample: dict[str, ListEntry]) -> None:
    others = {i.note: i.raw for i in sample["900001"].identifiers if i.kind is IdKind.OTHER}
    assert others == {"EU reference number": "EU.900.1", "UN reference": "TAi.002"}


def test_addresses_citizenship_and_remarks_are_carried(sample: dict[str, ListEntry]) -> None:
    bank = sample["900003"]
    assert bank.main.get("address") == [
        "FTB Building, Jungsong-dong, Central District, Pyongyang, "
        "KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF"
    ]
    assert bank.main.get("country") == ["kp"]
    assert "State-owned bank; acts as the DPRK's primary foreign exchange bank." in bank.remarks
    assert "Email: ryonha@silibank.com" in sample["900005"].remarks
    assert sample["900001"].main.get("birthPlace") == [
        "Pashmul village, Panjwai District, Kandahar Province, AFGHANISTAN"
    ]


def test_an_unknown_subject_type_is_read_as_a_legal_entity_with_a_warning(tmp_path: Path) -> None:
    data = edited('code="enterprise"', 'code="vessel"')
    entries, report = parse_file(write(tmp_path, data))
    assert by_source_id(entries)["900003"].schema == "LegalEntity"
    assert any("unknown subjectType code 'vessel'" in w for w in report.warnings)


# --- bad input -------------------------------------------------------------------------------


def test_an_empty_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    refused(parse_file, write(tmp_path, b"  \n"), match=r"export\.xml")


def test_a_truncated_file_is_refused_with_its_line(tmp_path: Path) -> None:
    data = FIXTURE.read_bytes()
    path = write(tmp_path, data[: len(data) * 2 // 3])
    error = refused(parse_file, path)
    assert error.path == str(path) and error.line is not None


def test_a_file_in_the_wrong_encoding_is_refused_with_its_line(tmp_path: Path) -> None:
    data = FIXTURE.read_bytes().replace("Умаров".encode(), "Umarov é".encode("cp1252"))
    error = refused(parse_file, write(tmp_path, data), match=r"export\.xml")
    assert error.line == 19


def test_a_record_without_logical_id_or_subject_type_is_refused_with_line_and_element(
    tmp_path: Path,
) -> None:
    with pytest.raises(ListFormatError, match="without logicalId") as error:
        parse_file(write(tmp_path, edited(' logicalId="900002"', "")))
    assert (error.value.line, error.value.element) == (15, "sanctionEntity")
    with pytest.raises(ListFormatError, match="without subjectType") as error:
        parse_file(
            write(tmp_path, edited('<subjectType code="person" classificationCode="P"/>', ""))
        )
    assert error.value.line == 3


def test_a_document_with_another_root_or_no_records_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ListFormatError, match="expected <export>"):
        parse_file(
            write(
                tmp_path,
                FIXTURE.read_bytes()
                .replace(b"<export ", b"<exported ")
                .replace(b"</export>", b"</exported>"),
            )
        )
    with pytest.raises(ListFormatError, match="no <sanctionEntity>"):
        parse_file(write(tmp_path, b'<export xmlns="http://eu.europa.ec/fpi/fsd/export"/>'))


def test_an_xml_external_entity_is_refused_naming_the_file(tmp_path: Path) -> None:
    attack = (
        b'<?xml version="1.0"?>\n<!DOCTYPE export [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        b'<export xmlns="http://eu.europa.ec/fpi/fsd/export"><sanctionEntity logicalId="1">'
        b'<subjectType code="person"/><nameAlias wholeName="&xxe;"/></sanctionEntity></export>'
    )
    with pytest.raises(UnsafeInputError, match=r"xxe\.xml") as error:
        parse_file(write(tmp_path, attack, name="xxe.xml"))
    assert error.value.line == 2


@settings(max_examples=60, deadline=None)
@given(**MUTATIONS)
def test_mutated_fsf_files_raise_nothing_but_list_format_errors(
    at: int, junk: bytes, cut: int
) -> None:
    read_damaged(parse_file, mutate(FIXTURE.read_bytes(), at, junk, cut), FSF.name)


def test_a_record_without_any_name_is_refused_with_its_line(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    for name in ("Chongchongang Shipping Company", "Chong Chon Gang Shipping Co. Ltd."):
        text = text.replace(f'wholeName="{name}"', 'wholeName=""')
    error = refused(parse_file, write(tmp_path, text.encode("utf-8")), match="without a name")
    assert (error.line, error.element) == (41, "sanctionEntity")
