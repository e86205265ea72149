"""The trade.gov Consolidated Screening List CSV (sources/us_csl_csv.py)."""

from __future__ import annotations

import csv
import gzip
import io
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from sanctionguard.errors import ListFormatError
from sanctionguard.model.entry import NameKind, SanctionDetail
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources import us_csl_csv
from sanctionguard.sources.loader import ParsedSource
from sanctionguard.sources.ofac_terms import Detail
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

CSL = FormatFixture(
    us_csl_csv.SPEC, FIXTURES / "us_csl_csv" / "consolidated.csv", "consolidated.csv"
)
FIXTURE = CSL.path
load, fixture_text = CSL.load, CSL.text


# --- real data ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def csl(shared_data: Path) -> ParsedSource:
    return load(shared_data / "csl" / "consolidated.csv.gz")


def test_all_14160_rows_are_read_and_the_one_repeated_capta_row_is_merged(
    csl: ParsedSource,
) -> None:
    assert csl.info.name == "us_trade_csl"
    assert csl.info.title == "US Consolidated Screening List (trade.gov)"
    assert csl.info.authority == "US Department of Commerce / State / Treasury"
    assert csl.report.records_read == 14160
    assert len(csl.entries) == 14159
    assert csl.report.warnings == [
        "consolidated.csv.gz:1980: Capta List (CAP) row 15268 repeats the row at "
        "consolidated.csv.gz:1979; merged into one entry"
    ]


def test_entries_per_source_list_match_the_published_row_counts(csl: ParsedSource) -> None:
    by_list = Counter(e.programs[0] for e in csl.entries)
    assert by_list == {
        "Specially Designated Nationals (SDN)": 10026,
        "Entity List (EL)": 2001,
        "ITAR Debarred (DTC)": 727,
        "Denied Persons List (DPL)": 462,
        "Sectoral Sanctions Identifications List (SSI)": 290,
        "Unverified List (UVL)": 201,
        "Nonproliferation Sanctions (ISN)": 163,
        "Palestinian Legislative Council List (PLC)": 78,
        "Military End User (MEU) List": 71,
        "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC)": 68,
        # 53 rows, one of them a verbatim repeat of BANK OF KUNLUN (15268).
        "Capta List (CAP)": 52,
        "Non-SDN Menu-Based Sanctions List (NS-MBS List)": 17,
        "Foreign Sanctions Evaders (FSE)": 3,
    }


def test_entry_types_map_to_schemas_and_untyped_rows_stay_legal_entities(
    csl: ParsedSource,
) -> None:
    assert Counter(e.schema for e in csl.entries) == {
        "Person": 5286,
        "Organization": 4532,
        "LegalEntity": 3625,
        "Vessel": 433,
        "Airplane": 283,
    }


def test_vessels_carry_their_imo_numbers(csl: ParsedSource) -> None:
    vessels = [e for e in csl.entries if e.schema == "Vessel"]
    with_imo = [e for e in vessels if any(i.kind is IdKind.IMO for i in e.identifiers)]
    assert len(with_imo) == 431
    imos = {i.value for e in csl.entries for i in e.identifiers if i.kind is IdKind.IMO}
    assert len(imos) == 440


def test_one_ofac_party_on_two_lists_is_one_entry_per_list(csl: ParsedSource) -> None:
    sdn, ssi = by_id(csl, "SDN-17013"), by_id(csl, "SSI-17013")
    assert sdn.caption == ssi.caption == "VTB BANK PUBLIC JOINT STOCK COMPANY"
    assert sdn.programs[0] == "Specially Designated Nationals (SDN)"
    assert ssi.programs[0] == "Sectoral Sanctions Identifications List (SSI)"
    ids = {i.kind: i for i in sdn.identifiers}
    assert (ids[IdKind.INN].value, ids[IdKind.INN].valid) == ("7702070139", True)
    assert (ids[IdKind.OGRN].value, ids[IdKind.OGRN].valid) == ("1027739609391", True)


def test_an_sdn_person_reads_in_natural_order_with_birth_date_and_position(
    csl: ParsedSource,
) -> None:
    rim = by_id(csl, "SDN-21944")
    assert rim.caption == "Rim 'ABBAS"
    assert rim.names[0].parts == {"given": "Rim", "family": "'ABBAS"}
    assert [b.start for b in rim.birth_dates] == ["1973-03-25"]
    assert rim.programs == ["Specially Designated Nationals (SDN)", "SYRIA"]
    assert rim.main.get("nationality") == ["sy"]
    assert rim.main.get("position") == ["Scientific Studies and Research Center Employee"]


def test_an_entity_list_party_has_its_aliases_listing_date_and_licence_terms(
    csl: ParsedSource,
) -> None:
    plant = next(e for e in csl.entries if e.caption == "140 Repair Plant JSC")
    assert plant.source_id.startswith("EL-")
    assert [(n.value, n.kind) for n in plant.names[1:]] == [
        ("Open Joint Stock Company 140 Repair Plant", NameKind.STRONG_ALIAS),
        ("JSC 140 Repair Plant", NameKind.STRONG_ALIAS),
    ]
    assert plant.listed_on == "2022-04-07"
    assert plant.main.get("country") == ["by"]
    assert "License policy: Policy of denial." in plant.remarks
    assert "Federal Register notice: 87 FR 20299" in plant.remarks


def test_the_2025_format_sample_is_read_with_every_source_list(shared_data: Path) -> None:
    sample = load(shared_data / "csl" / "format_samples" / "consolidated.csv")
    assert sample.report.records_read == 13
    assert len(sample.entries) == 13
    rim = by_id(sample, "SDN-52291")
    [passport] = [i for i in rim.identifiers if i.kind is IdKind.PASSPORT]
    assert (passport.value, passport.country) == ("836238033", "kp")
    assert rim.main.get("gender") == ["male"]


# --- hand-made fixture ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> ParsedSource:
    return load(FIXTURE)


def test_the_end_date_and_source_list_page_go_on_the_sanction(sample: ParsedSource) -> None:
    dpl = by_id(sample, "DPL-6a1b2c3d4e5f60718293a4b5c6d7e8f9")
    assert dpl.sanction[SanctionDetail.END_DATE] == ["2056-06-29"]
    assert "End date: 2056-06-29" in dpl.remarks
    sdn = by_id(sample, "SDN-90021")
    assert sdn.sanction == {
        SanctionDetail.SOURCE_URL: ["https://sanctionslist.ofac.treas.gov/Home/SdnList"]
    }
    assert sdn.entities[1].get("sourceUrl") == ["https://sanctionslist.ofac.treas.gov/Home/SdnList"]


def test_ids_repeat_across_lists_so_the_list_code_prefixes_them(sample: ParsedSource) -> None:
    assert [e.source_id for e in sample.entries] == [
        "SDN-90021",
        "SSI-90022",
        "SDN-90022",
        "SDN-90023",
        "SDN-90024",
        "EL-5f0c0a2b9d3e4f61a7b8c9d0e1f2a3b4",
        "DPL-6a1b2c3d4e5f60718293a4b5c6d7e8f9",
        "DTC-7b2c3d4e5f6071829304a5b6c7d8e9f0",
        "ISN-8c3d4e5f607182930415b6c7d8e9f0a1",
        "CAP-90025",
        "MEU-9d4e5f60718293041526c7d8e9f0a1b2",
        "NS-MBS-90026",
        "SDN-90027",
    ]
    assert sample.report.records_read == 14


def test_a_row_repeated_within_one_list_is_merged_with_a_warning(sample: ParsedSource) -> None:
    assert sample.report.warnings == [
        "consolidated.csv:12: Capta List (CAP) row 90025 repeats the row at "
        "consolidated.csv:11; merged into one entry"
    ]
    bank = by_id(sample, "CAP-90025")
    assert [i.value for i in bank.identifiers] == ["EXBKCNBJ"]


def test_the_source_list_comes_first_then_the_row_programmes(sample: ParsedSource) -> None:
    assert by_id(sample, "SDN-90021").programs == [
        "Specially Designated Nationals (SDN)",
        "SDGT",
        "IRGC",
    ]
    assert by_id(sample, "ISN-8c3d4e5f607182930415b6c7d8e9f0a1").programs == [
        "Nonproliferation Sanctions (ISN)",
        "INKSNA",
    ]


def test_a_person_has_aliases_birth_dates_places_and_typed_documents(
    sample: ParsedSource,
) -> None:
    person = by_id(sample, "SDN-90021")
    assert [(n.value, n.kind) for n in person.names] == [
        ("Ivan SAMPLEOV", NameKind.PRIMARY),
        ("Ivan SAMPLEOFF", NameKind.STRONG_ALIAS),
        ("VANYA", NameKind.STRONG_ALIAS),
    ]
    assert [(b.start, b.end, b.circa) for b in person.birth_dates] == [
        ("1970-01-12", None, False),
        ("1968", None, True),
        ("1965", "1967", False),
    ]
    main = person.main
    assert main.get("birthPlace") == ["Leningrad, Russia"]
    assert (main.get("nationality"), main.get("citizenship")) == (["ru"], ["cy"])
    assert main.get("gender") == ["male"]
    assert sorted(main.get("country")) == ["cy", "ru"]
    kinds = {i.kind: (i.value, i.country, i.note) for i in person.identifiers}
    assert kinds[IdKind.PASSPORT] == ("750123456", "ru", "Passport")
    assert kinds[IdKind.CRYPTO_WALLET][2] == "XBT"
    assert (
        "Secondary sanctions risk: section 1(b) of Executive Order 13224, "
        "as amended by Executive Order 13886" in person.remarks
    )


def test_linked_to_prefers_the_named_party_on_the_same_source_list(sample: ParsedSource) -> None:
    [link] = by_id(sample, "SDN-90021").links
    assert (link.target, link.target_id) == ("EXAMPLE TRADING LLC", "us-trade-csl-sdn-90022")


def test_ids_printed_type_last_are_read_like_ids_printed_type_first(sample: ParsedSource) -> None:
    ssi = {i.kind: (i.value, i.valid) for i in by_id(sample, "SSI-90022").identifiers}
    assert ssi == {
        IdKind.OGRN: ("1027739609391", True),
        IdKind.INN: ("7702070139", True),
        IdKind.BIC: ("VTBRRUMM", True),
    }
    sdn = by_id(sample, "SDN-90022")
    assert {i.kind for i in sdn.identifiers} == {IdKind.OGRN, IdKind.LEI}
    assert sdn.listed_on == "2022-02-24"


def test_document_dates_become_issue_and_expiry_and_a_lone_date_is_not_guessed(
    sample: ParsedSource,
) -> None:
    person = by_id(sample, "SDN-90024")
    assert person.caption == "Sami Abdul EXAMPLE Jr."
    assert person.names[0].parts == {"given": "Sami Abdul", "family": "EXAMPLE", "suffix": "Jr."}
    assert [(i.value, i.country, i.note) for i in person.identifiers] == [
        ("K475336", "jo", "Passport; issued 2009-08-31; expires 2014-08-30"),
        ("562605", "sd", "Passport; dated 1998-10-28"),
    ]


def test_vessel_columns_fill_the_vessel(sample: ParsedSource) -> None:
    vessel = by_id(sample, "SDN-90023")
    main = vessel.main
    assert (main.get("flag"), main.get("type")) == (["ir"], ["Crude Oil Tanker"])
    assert (main.get("tonnage"), main.get("grossRegisteredTonnage")) == (["150000"], ["81479"])
    ids = {i.kind: (i.value, i.valid) for i in vessel.identifiers}
    assert ids == {
        IdKind.CALL_SIGN: ("9BXY1", None),
        IdKind.IMO: ("9187629", True),
        IdKind.MMSI: ("422123400", True),
    }
    assert [(lk.relation, lk.target) for lk in vessel.links] == [
        ("Vessel Owner", "EXAMPLE SHIPPING CO")
    ]


def test_aircraft_ids_give_serial_tail_number_and_model(sample: ParsedSource) -> None:
    plane = by_id(sample, "SDN-90027")
    assert plane.schema == "Airplane"
    assert [(i.kind, i.value) for i in plane.identifiers] == [
        (IdKind.AIRCRAFT_SERIAL, "1234"),
        (IdKind.AIRCRAFT_TAIL, "EP-SMP"),
    ]
    assert plane.main.get("model") == ["Airbus A310-304"]


def test_export_control_rows_keep_addresses_notice_licence_and_end_date(
    sample: ParsedSource,
) -> None:
    el = by_id(sample, "EL-5f0c0a2b9d3e4f61a7b8c9d0e1f2a3b4")
    assert el.schema == "LegalEntity"
    assert el.main.get("address") == [
        "113 Example Road, Shijiazhuang, Hebei, CN",
        "21 Sample Street, Shijiazhuang, Hebei, CN",
    ]
    assert [n.value for n in el.names] == [
        "Example Semiconductor Institute",
        "ESI",
        "Example Institute of Semiconductors",
    ]
    assert el.listed_on == "2020-12-23"
    dpl = by_id(sample, "DPL-6a1b2c3d4e5f60718293a4b5c6d7e8f9")
    assert dpl.remarks == [
        "50 YEAR DENIAL",
        "Federal Register notice: 67 F.R. 56530 9/4/02",
        "End date: 2056-06-29",
        "Standard order: Y",
    ]


def test_aliases_printed_inside_the_name_and_scope_clauses_are_separated(
    sample: ParsedSource,
) -> None:
    itar = by_id(sample, "DTC-7b2c3d4e5f6071829304a5b6c7d8e9f0")
    assert [n.value for n in itar.names] == [
        "Sample Image Corporation",
        "Sample Industries, Inc.",
        "SK Enterprises, Inc.",
    ]
    isn = by_id(sample, "ISN-8c3d4e5f607182930415b6c7d8e9f0a1")
    assert isn.caption == "Example Import and Export Company"
    assert "Listed with: and any successor, sub-unit, or subsidiary thereof" in isn.remarks


def test_list_codes_come_from_the_source_names() -> None:
    assert us_csl_csv.list_code("Entity List (EL)") == "EL"
    assert us_csl_csv.list_code("Non-SDN Menu-Based Sanctions List (NS-MBS List)") == "NS-MBS"
    assert us_csl_csv.list_code("Military End User (MEU) List") == "MEU"
    assert us_csl_csv.list_code("Some New List") == "SOME-NEW"


def test_an_ids_piece_is_read_whichever_end_carries_the_label() -> None:
    assert us_csl_csv.id_detail("Gender, Male") == Detail("Gender", "Male")
    assert us_csl_csv.id_detail("Male, Gender") == Detail("Gender", "Male")
    assert us_csl_csv.id_detail("CA, BC166787, Passport") == Detail("Passport", "BC166787", "CA")
    assert us_csl_csv.id_detail(
        "North Korea Sanctions Regulations, sections 510.201 and 510.210, Secondary sanctions risk:"
    ) == Detail(
        "Secondary sanctions risk:",
        "North Korea Sanctions Regulations, sections 510.201 and 510.210",
    )
    assert us_csl_csv.id_detail("lonely") == Detail("Identifier", "lonely")


def test_a_gzip_file_reads_like_the_plain_file(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.csv.gz"
    path.write_bytes(gzip.compress(FIXTURE.read_bytes()))
    assert len(load(path).entries) == 13


def test_an_id_column_named_id_is_accepted(tmp_path: Path) -> None:
    text = fixture_text().replace('"_id"', '"id"', 1)
    assert len(load(write(tmp_path, text, "consolidated.csv")).entries) == 13


def test_the_sniffer_needs_the_csl_header(tmp_path: Path) -> None:
    assert sniffed(us_csl_csv.sniff, FIXTURE) is not None
    other = write(tmp_path, "id,name,schema\n1,X,Person\n", "other.csv")
    assert sniffed(us_csl_csv.sniff, other) is None


# --- bad input ------------------------------------------------------------------------------


def test_a_missing_column_is_named_in_the_error(tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO(fixture_text())))
    drop = rows[0].index("vessel_flag")
    out = io.StringIO()
    csv.writer(out).writerows([r[:drop] + r[drop + 1 :] for r in rows])
    path = write(tmp_path, out.getvalue(), "consolidated.csv")
    err = refused(load, path, match="missing column\\(s\\) vessel_flag")
    assert err.line == 1


def test_a_missing_id_column_is_named_in_the_error(tmp_path: Path) -> None:
    text = fixture_text().replace('"_id"', '"row"', 1)
    # The sniffer would not take this file, so the parser is run directly.
    with pytest.raises(ListFormatError, match="missing column\\(s\\) _id"):
        run_parser(us_csl_csv.SPEC, write(tmp_path, text, "c.csv"))


def test_a_truncated_file_is_refused_with_its_line(tmp_path: Path) -> None:
    text = fixture_text()
    cut = text.index("Sample Image Corporation")
    path = write(tmp_path, text[:cut], "consolidated.csv")
    err = refused(load, path)
    assert err.path == str(path) and err.line == 9


def test_a_file_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.csv"
    path.write_bytes(FIXTURE.read_bytes().replace(b"Shijiazhuang", b"Shijia\xe9zhuang", 1))
    err = refused(load, path, match="not valid UTF-8")
    assert err.line == 7


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    refused(load, write(tmp_path, "", "consolidated.csv"), match="empty")
    header_only = fixture_text().split("\n", 1)[0] + "\n"
    refused(load, write(tmp_path, header_only, "consolidated.csv"), match="no list entries")


def test_a_row_without_id_or_name_is_refused_with_its_line(tmp_path: Path) -> None:
    text = fixture_text().replace('"90023"', '""', 1)
    err = refused(load, write(tmp_path, text, "a.csv"), match="row has no id")
    assert err.line == 5
    text = fixture_text().replace('"SAMPLE STAR"', '""', 1)
    err = refused(load, write(tmp_path, text, "b.csv"), match="no name")
    assert err.line == 5


def test_a_row_wider_than_the_header_is_refused(tmp_path: Path) -> None:
    lines = fixture_text().split("\n")
    lines[3] += ',"extra"'
    with pytest.raises(ListFormatError, match="cells but the header has") as err:
        load(write(tmp_path, "\n".join(lines), "consolidated.csv"))
    assert err.value.line == 4


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(**MUTATIONS)
def test_mutated_files_raise_nothing_but_list_format_errors(at: int, junk: bytes, cut: int) -> None:
    read_damaged(load, mutate(FIXTURE.read_bytes(), at, junk, cut), CSL.name)
