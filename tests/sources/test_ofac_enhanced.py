"""OFAC Sanctions List Service enhanced XML (sources/ofac_enhanced.py)."""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from sanctionguard.errors import ListFormatError
from sanctionguard.model.entry import NameKind, SanctionDetail
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources import ofac_enhanced, ofac_xml
from sanctionguard.sources.base import Limits
from sanctionguard.sources.loader import ParsedSource
from sanctionguard.sources.ofac_terms import read_xml_payload
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

ENHANCED = FormatFixture(
    ofac_enhanced.SPEC,
    FIXTURES / "ofac_enhanced" / "SDN_ENHANCED.XML",
    "SDN_ENHANCED.XML",
    formats=(ofac_xml.SPEC, ofac_enhanced.SPEC),
)
FIXTURE = ENHANCED.path
load, fixture_text = ENHANCED.load, ENHANCED.text


# --- real data ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cons(shared_data: Path) -> ParsedSource:
    return load(shared_data / "ofac" / "CONS_ENHANCED.ZIP")


def test_the_consolidated_enhanced_zip_gives_all_443_entities(cons: ParsedSource) -> None:
    assert cons.format == "ofac_enhanced"
    assert cons.info.name == "us_ofac_cons"
    assert len(cons.entries) == 443
    assert cons.report.records_read == 443
    assert cons.report.published == "2025-01-10"
    assert cons.report.warnings == []
    assert Counter(e.schema for e in cons.entries) == {"Organization": 363, "Person": 80}


def test_names_keep_their_kind_and_cyrillic_and_chinese_variants(cons: ParsedSource) -> None:
    kinds = Counter(n.kind for e in cons.entries for n in e.names)
    assert kinds[NameKind.WEAK_ALIAS] == 68
    assert kinds[NameKind.FORMER] == 145
    assert sum(n.original_script for e in cons.entries for n in e.names) == 45


def test_vtb_bank_has_its_cyrillic_name_identifiers_and_earliest_listing(
    cons: ParsedSource,
) -> None:
    vtb = by_id(cons, "17013")
    assert vtb.caption == "VTB BANK PUBLIC JOINT STOCK COMPANY"
    cyrillic = [n for n in vtb.names if n.original_script]
    assert cyrillic[0].value == "БАНК ВТБ ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО"
    assert cyrillic[0].kind is NameKind.PRIMARY
    ids = {i.kind: i for i in vtb.identifiers}
    assert (ids[IdKind.INN].value, ids[IdKind.INN].valid) == ("7702070139", True)
    assert (ids[IdKind.OGRN].value, ids[IdKind.OGRN].valid) == ("1027739609391", True)
    assert (ids[IdKind.LEI].value, ids[IdKind.LEI].valid) == ("253400V1H6ART1UQ0N98", True)
    assert ids[IdKind.BIC].value == "VTBRRUMM"
    assert vtb.programs == ["UKRAINE-EO13662", "RUSSIA-EO14024"]
    # SSI listing (2014-07-29) predates the SDN listing (2022-02-24).
    assert vtb.listed_on == "2014-07-29"
    assert vtb.main.get("incorporationDate") == ["1990-10-17"]


def test_relationships_link_to_entities_of_the_same_file(cons: ParsedSource) -> None:
    links = [lk for e in cons.entries for lk in e.links]
    assert len(links) == 283
    assert sum(1 for lk in links if lk.target_id) == 282
    bm = by_id(cons, "17017")
    assert [(lk.relation, lk.target_id) for lk in bm.links] == [
        ("Owned or Controlled By", "us-ofac-cons-17013")
    ]


def test_plc_members_get_their_2006_listing_date_and_birth_year(cons: ParsedSource) -> None:
    haniya = by_id(cons, "9639")
    assert haniya.listed_on == "2006-04-12"
    assert [b.start for b in haniya.birth_dates] == ["1962"]
    assert haniya.programs == ["NS-PLC"]


def test_enhanced_and_sdnlist_exports_agree_on_ids_and_primary_names(
    cons: ParsedSource, shared_data: Path
) -> None:
    xml = load(shared_data / "ofac" / "consolidated.xml")
    captions = {e.source_id: e.caption for e in xml.entries}
    assert captions == {e.source_id: e.caption for e in cons.entries}


# --- hand-made fixture ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sdn() -> ParsedSource:
    return load(FIXTURE)


def test_the_sanctions_types_are_the_measures_on_the_sanction_and_in_a_remark(
    sdn: ParsedSource,
) -> None:
    company = by_id(sdn, "90012")
    assert company.sanction == {SanctionDetail.PROVISIONS: ["Block"]}
    assert company.entities[1].get("provisions") == ["Block"]
    assert "Sanctions types: Block" in company.remarks


def test_the_publication_filter_makes_the_file_the_sdn_list(sdn: ParsedSource) -> None:
    assert sdn.info.name == "us_ofac_sdn"
    assert sdn.report.published == "2025-02-03"
    assert [e.schema for e in sdn.entries] == ["Person", "Organization", "Vessel"]


def test_script_variants_become_names_flagged_as_original_script(sdn: ParsedSource) -> None:
    person = by_id(sdn, "90011")
    assert [(n.value, n.kind, n.original_script) for n in person.names] == [
        ("Ivan Petrovich SAMPLEOV", NameKind.PRIMARY, False),
        ("Иван Петрович САМПЛЕОВ", NameKind.PRIMARY, True),
        ("VANYA", NameKind.WEAK_ALIAS, False),
        ("Ivan PETROV", NameKind.FORMER, False),
    ]
    assert person.names[0].parts == {
        "family": "Sampleov",
        "given": "Ivan",
        "patronymic": "Petrovich",
    }


def test_circa_and_range_birth_dates_come_from_the_features(sdn: ParsedSource) -> None:
    person = by_id(sdn, "90011")
    assert [(b.start, b.end, b.circa) for b in person.birth_dates] == [
        ("1970", None, True),
        ("1965", "1967", False),
    ]
    assert person.main.get("birthPlace") == ["Leningrad, Russia"]
    assert person.main.get("nationality") == ["ru"]
    assert person.main.get("gender") == ["male"]


def test_a_feature_ofac_reports_as_false_is_kept_only_as_a_remark(sdn: ParsedSource) -> None:
    person = by_id(sdn, "90011")
    assert person.main.get("email") == []
    assert "Email Address: old@example.test (reported false by OFAC)" in person.remarks


def test_documents_use_the_reference_table_for_the_issuing_country(sdn: ParsedSource) -> None:
    [passport] = by_id(sdn, "90011").identifiers
    assert (passport.kind, passport.value, passport.country) == (
        IdKind.PASSPORT,
        "750123456",
        "ru",
    )


def test_company_registry_numbers_are_typed_and_validated(sdn: ParsedSource) -> None:
    company = by_id(sdn, "90012")
    assert {i.kind: i.valid for i in company.identifiers} == {
        IdKind.BIC: True,
        IdKind.OGRN: True,
        IdKind.INN: True,
        IdKind.LEI: True,
    }
    assert company.main.get("address") == ["12 Example Street, Moscow, 101000, Russia"]
    assert company.listed_on == "2022-02-24"
    assert "Sanctions types: Block" in company.remarks


def test_vessel_features_and_documents_fill_the_vessel(sdn: ParsedSource) -> None:
    vessel = by_id(sdn, "90013")
    main = vessel.main
    assert (main.get("flag"), main.get("type")) == (["ir"], ["Crude Oil Tanker"])
    assert (main.get("tonnage"), main.get("grossRegisteredTonnage")) == (["150000"], ["81479"])
    assert main.get("buildDate") == ["1999"]
    ids = {i.kind: (i.value, i.valid) for i in vessel.identifiers}
    assert ids == {
        IdKind.CALL_SIGN: ("9BXY1", None),
        IdKind.IMO: ("9187629", True),
        IdKind.MMSI: ("422123400", True),
    }
    assert [(lk.relation, lk.target) for lk in vessel.links] == [
        ("Vessel Owner", "EXAMPLE SHIPPING CO")
    ]


def test_a_relationship_points_at_the_related_entity_id(sdn: ParsedSource) -> None:
    [link] = by_id(sdn, "90011").links
    assert (link.relation, link.target, link.target_id) == (
        "Leader or official of",
        "EXAMPLE TRADING LLC",
        "us-ofac-sdn-90012",
    )


def test_a_relationship_to_an_entity_outside_the_file_stays_unresolved(tmp_path: Path) -> None:
    text = fixture_text().replace('entityId="90012"', 'entityId="12345"')
    [link] = by_id(load(write(tmp_path, text, "SDN_ENHANCED.XML")), "90011").links
    assert link.target_id is None


def test_without_a_filter_the_file_name_decides_between_sdn_and_consolidated(
    tmp_path: Path,
) -> None:
    text = fixture_text().replace("<filters>", "<ignored>").replace("</filters>", "</ignored>")
    assert load(write(tmp_path, text, "CONS_ENHANCED.XML")).info.name == "us_ofac_cons"
    assert load(write(tmp_path, text, "SDN_ENHANCED.XML")).info.name == "us_ofac_sdn"


def test_a_zip_with_the_xml_reads_like_the_plain_file(tmp_path: Path) -> None:
    zipped = tmp_path / "SDN_ENHANCED.ZIP"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(FIXTURE, "SDN_ENHANCED.XML")
    assert [e.source_id for e in load(zipped).entries] == ["90011", "90012", "90013"]


def test_a_zip_with_two_xml_files_is_refused(tmp_path: Path) -> None:
    zipped = tmp_path / "SDN_ENHANCED.ZIP"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(FIXTURE, "A.XML")
        archive.write(FIXTURE, "B.XML")
    with pytest.raises(ListFormatError, match="expected one XML file"):
        read_xml_payload(zipped, Limits())


def test_the_sniffer_takes_enhanced_xml_and_leaves_the_sdnlist_schema(tmp_path: Path) -> None:
    assert sniffed(ofac_enhanced.sniff, FIXTURE) is not None
    other = write(tmp_path, '<?xml version="1.0"?><sdnList><sdnEntry/></sdnList>', "sdn.xml")
    assert sniffed(ofac_enhanced.sniff, other) is None


# --- bad input ------------------------------------------------------------------------------


def test_a_truncated_file_is_refused_with_its_name_and_line(tmp_path: Path) -> None:
    data = FIXTURE.read_bytes()
    path = tmp_path / "SDN_ENHANCED.XML"
    path.write_bytes(data[: len(data) * 2 // 3])
    err = refused(load, path)
    assert err.path == str(path) and err.line is not None


def test_a_file_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "SDN_ENHANCED.XML"
    path.write_bytes(FIXTURE.read_bytes().replace(b"Limassol", b"Lima\xdfsol"))
    err = refused(load, path)
    assert err.line is not None and err.line > 1


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    refused(load, write(tmp_path, "  \n", "SDN_ENHANCED.XML"), match="empty")


def test_entities_under_a_foreign_root_element_are_refused(tmp_path: Path) -> None:
    text = fixture_text().replace("sanctionsData", "otherData")
    with pytest.raises(ListFormatError, match="expected <sanctionsData>"):
        run_parser(ofac_enhanced.SPEC, write(tmp_path, text, "SDN_ENHANCED.XML"))


def test_an_entity_without_id_type_or_primary_name_is_refused(tmp_path: Path) -> None:
    cases = [
        ('entity id="90013"', "entity", "entity", "no id attribute"),
        ('<entityType refId="602">Vessel</entityType>', "", "generalInfo", "no <entityType>"),
        (
            '<name id="1001">\n          <isPrimary>true</isPrimary>',
            '<name id="1001">\n          <isPrimary>false</isPrimary>',
            "names",
            "no primary name",
        ),
    ]
    for needle, replacement, element, message in cases:
        assert needle in fixture_text()
        path = write(tmp_path, fixture_text().replace(needle, replacement), "SDN_ENHANCED.XML")
        err = refused(load, path, match=message)
        assert err.element == element and err.line is not None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(**MUTATIONS)
def test_mutated_files_raise_nothing_but_list_format_errors(at: int, junk: bytes, cut: int) -> None:
    read_damaged(load, mutate(FIXTURE.read_bytes(), at, junk, cut), ENHANCED.name)
