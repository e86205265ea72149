"""OFAC XML in the sdnList schema (sources/ofac_xml.py): sdn.xml and consolidated.xml."""

from __future__ import annotations

import gzip
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from sanctionguard.errors import ListFormatError
from sanctionguard.model.entry import NameKind
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources import ofac_xml
from sanctionguard.sources.loader import ParsedSource
from tests.sources.mutations import MUTATIONS, mutate, read_damaged
from tests.sources.parsing import (
    FIXTURES,
    FormatFixture,
    by_id,
    refused,
    run_parser,
    sniffed,
    write,
)

XML = FormatFixture(ofac_xml.SPEC, FIXTURES / "ofac_xml" / "sdn.xml", "sdn.xml")
FIXTURE = XML.path
load = XML.load


def entry_xml(uid: str, program: str, extra: str = "") -> str:
    return (
        f"<sdnEntry><uid>{uid}</uid><lastName>PARTY {uid}</lastName><sdnType>Entity</sdnType>"
        f"<programList><program>{program}</program></programList>{extra}</sdnEntry>"
    )


def document(*entries: str) -> str:
    return (
        '<?xml version="1.0" standalone="yes"?>\n<sdnList xmlns="http://tempuri.org/sdnList.xsd">'
        "<publshInformation><Publish_Date>01/31/2025</Publish_Date>"
        f"<Record_Count>{len(entries)}</Record_Count></publshInformation>"
        + "\n".join(entries)
        + "</sdnList>\n"
    )


# --- real data ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def consolidated(shared_data: Path) -> ParsedSource:
    return load(shared_data / "ofac" / "consolidated.xml")


def test_the_consolidated_xml_is_read_as_the_non_sdn_list_with_all_443_entries(
    consolidated: ParsedSource,
) -> None:
    assert consolidated.info.name == "us_ofac_cons"
    assert consolidated.info.title == "OFAC Consolidated (non-SDN) Sanctions List"
    assert consolidated.info.authority == "US Treasury OFAC"
    assert len(consolidated.entries) == 443
    assert consolidated.report.records_read == 443
    assert consolidated.report.published == "2025-03-28"
    assert consolidated.report.warnings == []
    assert Counter(e.schema for e in consolidated.entries) == {"Organization": 363, "Person": 80}


def test_consolidated_programmes_are_counted_as_published(consolidated: ParsedSource) -> None:
    programs = Counter(p for e in consolidated.entries for p in e.programs)
    assert programs["UKRAINE-EO13662"] == 286
    assert programs["RUSSIA-EO14024"] == 82
    assert programs["NS-PLC"] == 78
    assert programs["CMIC-EO13959"] == 68


def test_a_plc_member_keeps_name_parts_aliases_birth_year_and_birth_place(
    consolidated: ParsedSource,
) -> None:
    haniya = by_id(consolidated, "9639")
    assert haniya.id == "us-ofac-cons-9639"
    assert haniya.caption == "Ismail Abdul Salah HANIYA"
    assert haniya.names[0].parts == {"given": "Ismail Abdul Salah", "family": "HANIYA"}
    assert [(n.value, n.kind) for n in haniya.names[1:]] == [
        ("Ismail HANIYA", NameKind.STRONG_ALIAS),
        ("Ismaeel HANIYYA", NameKind.STRONG_ALIAS),
    ]
    assert [b.start for b in haniya.birth_dates] == ["1962"]
    assert haniya.main.get("birthPlace") == ["Shati"]
    assert haniya.programs == ["NS-PLC"]


def test_a_russian_bank_has_valid_ogrn_and_bic_former_names_and_its_owner_linked(
    consolidated: ParsedSource,
) -> None:
    bank = by_id(consolidated, "17017")
    assert bank.caption == "BM BANK JSC"
    kinds = {i.kind: i for i in bank.identifiers}
    assert kinds[IdKind.OGRN].value == "1027700159497" and kinds[IdKind.OGRN].valid is True
    assert kinds[IdKind.OGRN].country == "ru"
    assert kinds[IdKind.BIC].value == "MOSWRUMM" and kinds[IdKind.BIC].valid is True
    assert ("BANK OF MOSCOW", NameKind.FORMER) in [(n.value, n.kind) for n in bank.names]
    assert bank.programs == ["UKRAINE-EO13662", "RUSSIA-EO14024"]
    [link] = bank.links
    assert link.target == "VTB BANK PUBLIC JOINT STOCK COMPANY"
    assert link.target_id == "us-ofac-cons-17013"


def test_russian_tax_numbers_in_the_consolidated_list_become_valid_inns(
    consolidated: ParsedSource,
) -> None:
    inns = [i for e in consolidated.entries for i in e.identifiers if i.kind is IdKind.INN]
    assert len(inns) == 83
    assert all(i.valid for i in inns)


def test_weak_aliases_stay_weak_and_every_fka_is_a_former_name(
    consolidated: ParsedSource,
) -> None:
    # The file has 67 weak a.k.a., 3 weak f.k.a. and 141 strong f.k.a. names.
    kinds = Counter(n.kind for e in consolidated.entries for n in e.names)
    assert kinds[NameKind.WEAK_ALIAS] == 67
    assert kinds[NameKind.FORMER] == 144
    assert kinds[NameKind.STRONG_ALIAS] == 925


# --- hand-made fixture ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sdn() -> ParsedSource:
    return load(FIXTURE)


def test_a_file_without_non_sdn_programmes_is_the_sdn_list(sdn: ParsedSource) -> None:
    assert sdn.info.name == "us_ofac_sdn"
    assert sdn.info.title == "OFAC Specially Designated Nationals and Blocked Persons List"
    assert sdn.report.published == "2024-07-02"
    assert [e.schema for e in sdn.entries] == ["Person", "Organization", "Vessel", "Airplane"]


def test_aliases_are_strong_weak_or_former_as_the_list_says(sdn: ParsedSource) -> None:
    person = by_id(sdn, "90001")
    assert [(n.value, n.kind) for n in person.names] == [
        ("Ivan Petrovich SAMPLEOV", NameKind.PRIMARY),
        ("Ivan SAMPLEOFF", NameKind.STRONG_ALIAS),
        ("VANYA", NameKind.WEAK_ALIAS),
        ("Ivan PETROV", NameKind.FORMER),
    ]


def test_exact_circa_and_ranged_birth_dates_are_all_kept(sdn: ParsedSource) -> None:
    person = by_id(sdn, "90001")
    assert [(b.start, b.end, b.circa) for b in person.birth_dates] == [
        ("1970-01-12", None, False),
        ("1968", None, True),
        ("1965", "1967", False),
    ]


def test_person_documents_are_typed_with_issuing_country_and_dates(sdn: ParsedSource) -> None:
    person = by_id(sdn, "90001")
    ids = {i.kind: i for i in person.identifiers}
    passport = ids[IdKind.PASSPORT]
    assert (passport.value, passport.country) == ("750123456", "ru")
    assert passport.note == "Passport; issued 2015-02-01; expires 2025-02-01"
    assert ids[IdKind.INN].value == "7702070139" and ids[IdKind.INN].valid is True
    wallet = ids[IdKind.CRYPTO_WALLET]
    assert wallet.note == "XBT" and wallet.valid is True
    assert person.main.get("gender") == ["male"]
    assert person.main.get("nationality") == ["ru"]
    assert person.main.get("citizenship") == ["cy"]
    assert person.main.get("position") == ["Director General of Example Trading"]
    assert "Secondary sanctions risk: See Section 11 of Executive Order 14024." in person.remarks


def test_crimea_written_as_a_region_is_still_recognised_as_a_territory(sdn: ParsedSource) -> None:
    assert "ua-cri" in by_id(sdn, "90001").main.get("country")


def test_linked_to_remarks_resolve_to_the_named_entry_in_the_same_file(sdn: ParsedSource) -> None:
    [link] = by_id(sdn, "90001").links
    assert (link.relation, link.target_id) == ("Linked To", "us-ofac-sdn-90002")


def test_company_identifiers_contacts_and_directive_listing_date(sdn: ParsedSource) -> None:
    company = by_id(sdn, "90002")
    kinds = {i.kind: i.valid for i in company.identifiers}
    assert kinds == {IdKind.OGRN: True, IdKind.LEI: True, IdKind.BIC: True}
    assert company.main.get("email") == ["info@example-trading.test"]
    assert company.main.get("incorporationDate") == ["1990-10-17"]
    assert company.listed_on == "2022-02-24"


def test_vessel_info_gives_flag_type_tonnage_call_sign_imo_and_mmsi(sdn: ParsedSource) -> None:
    vessel = by_id(sdn, "90003")
    main = vessel.main
    assert main.get("flag") == ["ir"]
    assert main.get("type") == ["Crude Oil Tanker"]
    assert main.get("tonnage") == ["150000"]
    assert main.get("grossRegisteredTonnage") == ["81479"]
    assert main.get("buildDate") == ["1999"]
    ids = {i.kind: i for i in vessel.identifiers}
    assert (ids[IdKind.IMO].value, ids[IdKind.IMO].valid) == ("9187629", True)
    assert ids[IdKind.MMSI].valid is True
    assert ids[IdKind.CALL_SIGN].value == "9BXY1"
    assert [(lk.relation, lk.target) for lk in vessel.links] == [
        ("Vessel Owner", "EXAMPLE SHIPPING CO")
    ]
    assert ("OLD STAR", NameKind.FORMER) in [(n.value, n.kind) for n in vessel.names]


def test_aircraft_keep_serial_number_and_model(sdn: ParsedSource) -> None:
    aircraft = by_id(sdn, "90004")
    assert [(i.kind, i.value) for i in aircraft.identifiers] == [(IdKind.AIRCRAFT_SERIAL, "1234")]
    assert aircraft.main.get("model") == ["Airbus A310-304"]


def test_a_non_sdn_programme_makes_the_file_the_consolidated_list(tmp_path: Path) -> None:
    path = write(tmp_path, document(entry_xml("1", "NS-PLC")), "export.xml")
    assert load(path).info.name == "us_ofac_cons"


def test_the_file_name_breaks_the_tie_when_programmes_do_not_tell(tmp_path: Path) -> None:
    text = document(entry_xml("1", "UKRAINE-EO13662"))
    assert load(write(tmp_path, text, "consolidated.xml")).info.name == "us_ofac_cons"
    assert load(write(tmp_path, text, "sdn.xml")).info.name == "us_ofac_sdn"


def test_the_zip_and_gzip_downloads_read_like_the_plain_file(tmp_path: Path) -> None:
    zipped = tmp_path / "SDN_XML.ZIP"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(FIXTURE, "SDN.XML")
    gzipped = tmp_path / "sdn.xml.gz"
    gzipped.write_bytes(gzip.compress(FIXTURE.read_bytes()))
    for path in (zipped, gzipped):
        source = load(path)
        assert [e.source_id for e in source.entries] == ["90001", "90002", "90003", "90004"]


def test_a_record_count_that_disagrees_with_the_entries_is_reported(tmp_path: Path) -> None:
    text = document(entry_xml("1", "SDGT")).replace(
        "<Record_Count>1</Record_Count>", "<Record_Count>2</Record_Count>"
    )
    source = load(write(tmp_path, text, "sdn.xml"))
    assert source.report.warnings == ["sdn.xml: Record_Count says 2 entries but 1 were read"]


def test_an_unknown_entry_type_is_warned_about_and_kept_as_a_legal_entity(tmp_path: Path) -> None:
    text = document(entry_xml("1", "SDGT").replace(">Entity<", ">Ship<"))
    source = load(write(tmp_path, text, "sdn.xml"))
    assert source.entries[0].schema == "LegalEntity"
    assert "unknown sdnType 'Ship'" in source.report.warnings[0]


def test_the_sniffer_recognises_the_schema_and_nothing_else(tmp_path: Path) -> None:
    assert sniffed(ofac_xml.sniff, FIXTURE) is not None
    other = write(tmp_path, "<?xml version='1.0'?><CONSOLIDATED_LIST/>", "other.xml")
    assert sniffed(ofac_xml.sniff, other) is None


# --- bad input ------------------------------------------------------------------------------


def test_a_truncated_file_is_refused_with_its_name_and_line(tmp_path: Path) -> None:
    data = FIXTURE.read_bytes()
    path = tmp_path / "sdn.xml"
    path.write_bytes(data[: len(data) // 2])
    err = refused(load, path)
    assert err.path == str(path) and err.line is not None


def test_a_file_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    text = document(entry_xml("1", "SDGT").replace("PARTY 1", "PARTÏ 1"))
    path = tmp_path / "sdn.xml"
    path.write_bytes(text.encode("latin-1"))
    err = refused(load, path)
    assert err.path == str(path) and err.line == 2


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "", "sdn.xml")
    refused(load, path, match="empty")


def test_an_entry_without_uid_is_refused_naming_line_and_element(tmp_path: Path) -> None:
    text = document(entry_xml("1", "SDGT").replace("<uid>1</uid>", ""))
    err = refused(load, write(tmp_path, text, "sdn.xml"))
    assert (err.line, err.element) == (2, "sdnEntry")


def test_an_entry_without_type_or_name_is_refused(tmp_path: Path) -> None:
    no_type = document(entry_xml("1", "SDGT").replace("<sdnType>Entity</sdnType>", ""))
    refused(load, write(tmp_path, no_type, "a.xml"), match="no <sdnType>")
    no_name = document(entry_xml("1", "SDGT").replace("<lastName>PARTY 1</lastName>", ""))
    refused(load, write(tmp_path, no_name, "b.xml"), match="has no name")


def test_entries_under_a_foreign_root_element_are_refused(tmp_path: Path) -> None:
    text = document(entry_xml("1", "SDGT")).replace("sdnList", "otherList")
    with pytest.raises(ListFormatError, match="expected <sdnList>") as err:
        run_parser(ofac_xml.SPEC, write(tmp_path, text, "sdn.xml"))
    assert err.value.element == "otherList"


def test_two_entries_with_one_uid_are_refused_as_duplicates(tmp_path: Path) -> None:
    text = document(entry_xml("7", "SDGT"), entry_xml("7", "SDGT"))
    refused(load, write(tmp_path, text, "sdn.xml"), match="duplicate id '7'")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(**MUTATIONS)
def test_mutated_files_raise_nothing_but_list_format_errors(at: int, junk: bytes, cut: int) -> None:
    read_damaged(load, mutate(FIXTURE.read_bytes(), at, junk, cut), XML.name)
