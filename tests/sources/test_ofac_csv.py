"""The OFAC legacy CSV set parser (sources/ofac_csv.py)."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctionguard.errors import ListFormatError
from sanctionguard.model.entry import BirthDate, ListEntry, NameKind, SanctionDetail
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources import ofac_csv
from sanctionguard.sources.base import Bundle, Detection, ParseReport
from sanctionguard.sources.loader import ParsedSource, parse_paths
from tests.sources.parsing import by_source_id as by_id
from tests.sources.parsing import names, refused, sniffed, write

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ofac_csv"
SDN_FILES = ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv")
CONS_FILES = ("cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv")
ROW_12 = '{n},"NAME {n}",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'


def load(paths: list[Path]) -> list[ParsedSource]:
    return parse_paths(paths, formats=[ofac_csv.SPEC])


def parse_direct(*files: tuple[Path, str]) -> tuple[list[ListEntry], ParseReport]:
    """Run the parser on (path, role) pairs of the SDN list, bypassing detection."""
    fmt, name = ofac_csv.FORMAT, ofac_csv.SDN_LIST
    bundle = Bundle(fmt, name, tuple(Detection(fmt, name, path, role) for path, role in files))
    report = ParseReport()
    return list(ofac_csv.SPEC.parse(bundle, report)), report


def idents(entry: ListEntry, kind: IdKind) -> list[tuple[str, str | None, bool | None]]:
    return [(i.value, i.country, i.valid) for i in entry.identifiers if i.kind is kind]


# --- real data -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sdn_set(shared_data: Path) -> ParsedSource:
    [source] = load([shared_data / "ofac" / name for name in SDN_FILES])
    return source


@pytest.fixture(scope="module")
def cons_set(shared_data: Path) -> ParsedSource:
    [source] = load([shared_data / "ofac" / name for name in CONS_FILES])
    return source


def test_the_real_sdn_csv_yields_15443_entries_split_by_schema(sdn_set: ParsedSource) -> None:
    assert sdn_set.info.name == "us_ofac_sdn"
    assert len(sdn_set.entries) == 15443
    assert Counter(e.schema for e in sdn_set.entries) == {
        "Organization": 7270,
        "Person": 6927,
        "Vessel": 872,
        "Airplane": 374,
    }
    assert sdn_set.report.records_read == 15443 + 24244 + 20107 + 28


def test_865_real_sdn_vessels_carry_an_imo_number(sdn_set: ParsedSource) -> None:
    vessels = [e for e in sdn_set.entries if e.schema == "Vessel"]
    assert sum(1 for e in vessels if idents(e, IdKind.IMO)) == 865


def test_orphan_rows_of_the_newer_companion_files_are_reported_with_their_counts(
    sdn_set: ParsedSource,
) -> None:
    warnings = "\n".join(sdn_set.report.warnings)
    assert "add.csv: 3732 ent_nums (4286 rows) are not in the primary file" in warnings
    assert "alt.csv: 1330 ent_nums (2108 rows) are not in the primary file" in warnings
    assert "comments: 5 ent_nums (5 rows) are not in the primary file" in warnings


def test_the_real_consolidated_list_yields_442_entries(cons_set: ParsedSource) -> None:
    assert cons_set.info.name == "us_ofac_cons"
    assert cons_set.info.title == "OFAC Consolidated (non-SDN) Sanctions List"
    assert len(cons_set.entries) == 442
    assert cons_set.report.records_read == 442 + 574 + 1073 + 10
    assert not any("not in the primary file" in w for w in cons_set.report.warnings)


def test_a_real_consolidated_entry_has_its_programme_aliases_and_birth_year(
    cons_set: ParsedSource,
) -> None:
    haniya = by_id(cons_set.entries)["9639"]
    assert haniya.id == "us-ofac-cons-9639"
    assert haniya.schema == "Person"
    assert haniya.programs == ["NS-PLC"]
    assert haniya.birth_dates == [BirthDate("1962")]
    assert "HANIYA, Ismail" in names(haniya, NameKind.STRONG_ALIAS)


def test_banco_nacional_de_cuba_has_its_strong_and_weak_aliases(sdn_set: ParsedSource) -> None:
    bnc = by_id(sdn_set.entries)["306"]
    assert bnc.id == "us-ofac-sdn-306"
    assert bnc.schema == "Organization"
    assert bnc.caption == "BANCO NACIONAL DE CUBA"
    assert names(bnc, NameKind.STRONG_ALIAS) == ["NATIONAL BANK OF CUBA"]
    assert names(bnc, NameKind.WEAK_ALIAS) == ["BNC"]
    assert bnc.programs == ["CUBA"]
    assert "Zweierstrasse 35, Zurich CH-8022, Switzerland" in bnc.main.get("address")


def test_sberbank_gets_valid_inn_and_ogrn_from_its_remark_overflow(sdn_set: ParsedSource) -> None:
    sber = by_id(sdn_set.entries)["17018"]
    assert idents(sber, IdKind.INN) == [("7707083893", "ru", True)]
    assert idents(sber, IdKind.OGRN) == [("1027700132195", "ru", True)]
    assert idents(sber, IdKind.BIC) == [("SABRRUMM", None, True)]
    assert sber.programs == ["UKRAINE-EO13662", "RUSSIA-EO14024"]
    assert sber.listed_on == "2022-02-24"
    assert {"SBERBANK INDIA", "SBERBANK MUMBAI"} <= set(names(sber, NameKind.WEAK_ALIAS))
    assert "OPEN JOINT STOCK COMPANY SBERBANK OF RUSSIA" in names(sber, NameKind.FORMER)


def test_a_real_aircraft_is_linked_to_its_listed_operator(sdn_set: ParsedSource) -> None:
    entries = by_id(sdn_set.entries)
    plane = entries["15432"]
    assert plane.schema == "Airplane"
    assert [(x.relation, x.target, x.target_id) for x in plane.links] == [
        ("linked_to", "POUYA AIR", entries["13109"].id)
    ]
    assert entries["13109"].caption == "POUYA AIR"


def test_a_real_individual_has_birth_dates_birth_place_and_passports(
    sdn_set: ParsedSource,
) -> None:
    person = by_id(sdn_set.entries)["6944"]
    assert person.names[0].parts == {"family": "AL-SHARIF", "given": "Sa'd Abdullah Hussein"}
    assert person.birth_dates == [BirthDate("1969"), BirthDate("1963"), BirthDate("1964-02-11")]
    assert person.main.get("birthPlace") == ["Al-Medinah, Saudi Arabia"]
    assert person.main.get("nationality") == ["sa"]
    assert [i.value for i in person.identifiers if i.kind is IdKind.PASSPORT] == [
        "B 960789",
        "G 649385",
    ]


def test_each_real_ofac_csv_file_is_recognised_with_its_role_and_list(shared_data: Path) -> None:
    roles = {
        "sdn.csv": ("primary", "us_ofac_sdn"),
        "add.csv": ("address", "us_ofac_sdn"),
        "alt.csv": ("alt", "us_ofac_sdn"),
        "sdn_comments.csv": ("comments", "us_ofac_sdn"),
        "cons_prim.csv": ("primary", "us_ofac_cons"),
        "cons_add.csv": ("address", "us_ofac_cons"),
        "cons_alt.csv": ("alt", "us_ofac_cons"),
        "cons_comments.csv": ("comments", "us_ofac_cons"),
    }
    for name, expected in roles.items():
        found = sniffed(ofac_csv.sniff, shared_data / "ofac" / name)
        assert found is not None, name
        assert (found.role, found.list_name) == expected, name


def test_the_consolidated_primary_file_is_recognised_by_content_even_when_renamed(
    shared_data: Path, tmp_path: Path
) -> None:
    renamed = tmp_path / "prim.csv"
    shutil.copyfile(shared_data / "ofac" / "cons_prim.csv", renamed)
    found = sniffed(ofac_csv.sniff, renamed)
    assert found is not None
    assert found.list_name == "us_ofac_cons"


def test_other_csv_formats_in_the_shared_data_are_not_claimed(shared_data: Path) -> None:
    others = [
        p
        for p in sorted(shared_data.rglob("*"))
        if p.is_file() and p.name.lower().endswith((".csv", ".csv.gz")) and p.parent.name != "ofac"
    ]
    assert len(others) > 50
    for path in others:
        assert sniffed(ofac_csv.sniff, path) is None, path


# --- hand-made fixtures ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_set() -> ParsedSource:
    [source] = load([FIXTURES / name for name in SDN_FILES])
    return source


def test_a_remark_effective_date_is_the_sanctions_start_date_and_stays_in_the_remark(
    fixture_set: ParsedSource,
) -> None:
    bank = by_id(fixture_set.entries)["17018"]
    assert bank.sanction == {SanctionDetail.START_DATE: ["2022-03-26"]}
    assert bank.entities[1].get("startDate") == ["2022-03-26"]
    assert "Effective Date (EO 14024 Directive 2): 26 Mar 2022" in bank.remarks[0]


def test_a_cut_remark_is_joined_with_its_overflow_before_parsing(
    fixture_set: ParsedSource,
) -> None:
    bank = by_id(fixture_set.entries)["17018"]
    # The cut falls inside the tax number: only the joined text yields a valid INN.
    assert idents(bank, IdKind.INN) == [("7707083893", "ru", True)]
    assert idents(bank, IdKind.OGRN) == [("1027700132195", "ru", True)]
    assert names(bank, NameKind.WEAK_ALIAS) == ["SBERBANK INDIA"]
    assert "Tax ID No. 7707083893 (Russia)" in bank.remarks[0]


def test_overflow_for_a_complete_remark_is_not_spliced_in_but_reported(
    fixture_set: ParsedSource,
) -> None:
    complete = by_id(fixture_set.entries)["1005"]
    assert complete.remarks == ["Website www.complete.example."]
    assert any(
        "do not continue their primary remark" in w and "1005" in w
        for w in fixture_set.report.warnings
    )


def test_companion_rows_without_a_primary_row_are_skipped_and_counted(
    fixture_set: ParsedSource,
) -> None:
    warnings = fixture_set.report.warnings
    assert "add.csv: 1 ent_nums (2 rows) are not in the primary file" in "\n".join(warnings)
    assert "alt.csv: 1 ent_nums (1 rows) are not in the primary file" in "\n".join(warnings)
    assert "comments: 1 ent_nums (1 rows) are not in the primary file" in "\n".join(warnings)


def test_sdn_types_map_to_person_vessel_airplane_and_organization(
    fixture_set: ParsedSource,
) -> None:
    schemas = {e.source_id: e.schema for e in fixture_set.entries}
    assert schemas == {
        "306": "Organization",
        "1001": "Person",
        "1002": "Organization",
        "1003": "Vessel",
        "1004": "Airplane",
        "17018": "Organization",
        "1005": "Organization",
    }


def test_an_individual_gets_name_parts_title_and_the_remark_facts(
    fixture_set: ParsedSource,
) -> None:
    person = by_id(fixture_set.entries)["1001"]
    assert person.names[0].parts == {"family": "EXAMPLE", "given": "Ivan Petrovich"}
    assert person.main.get("lastName") == ["EXAMPLE"]
    assert person.main.get("position") == ["Member of the State Duma"]
    assert person.programs == ["RUSSIA-EO14024", "UKRAINE-EO13661"]
    assert person.birth_dates == [
        BirthDate("1970-01-12"),
        BirthDate("1968", circa=True),
        BirthDate("1965", "1966"),
    ]
    assert person.main.get("nationality") == ["ru"]
    assert person.main.get("citizenship") == ["cy"]
    assert person.main.get("gender") == ["male"]
    [passport] = [i for i in person.identifiers if i.kind is IdKind.PASSPORT]
    assert (passport.value, passport.country) == ("7101234567", "ru")
    assert passport.note == "Passport; issued 2010-01-01; expires 2020-01-01"
    assert idents(person, IdKind.NATIONAL_ID) == [("12345", "cy", None)]


def test_alias_file_types_map_aka_and_nka_to_strong_and_fka_to_former(
    fixture_set: ParsedSource,
) -> None:
    company = by_id(fixture_set.entries)["1002"]
    assert names(company, NameKind.STRONG_ALIAS) == ["EXSHIP"]
    assert names(company, NameKind.FORMER) == ["OLD SHIPPING", "EXAMPLE MARITIME LLC"]
    assert names(by_id(fixture_set.entries)["1001"], NameKind.STRONG_ALIAS) == ["EXAMPLE, Ivan"]


def test_an_organisation_gets_lei_wallet_email_listing_date_and_programmes(
    fixture_set: ParsedSource,
) -> None:
    company = by_id(fixture_set.entries)["1002"]
    assert company.programs == ["SDGT", "IFSR"]
    assert company.listed_on == "2021-06-03"
    assert idents(company, IdKind.LEI) == [("253400V1H6ART1UQ0N98", None, True)]
    [wallet] = [i for i in company.identifiers if i.kind is IdKind.CRYPTO_WALLET]
    assert (wallet.value, wallet.note) == ("1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo", "XBT")
    assert company.main.get("email") == ["info@example-shipping.ru"]
    assert company.main.get("incorporationDate") == ["2003-03-03"]
    # A Russian registration number of the wrong length is not an OGRN.
    assert idents(company, IdKind.REGISTRATION) == [("12345", "ru", None)]
    assert idents(company, IdKind.TAX_ID) == [("100036386", "rs", None)]


def test_vessel_columns_become_call_sign_type_tonnage_flag_and_owner(
    fixture_set: ParsedSource,
) -> None:
    vessel = by_id(fixture_set.entries)["1003"]
    assert idents(vessel, IdKind.CALL_SIGN) == [("9HA1234", None, None)]
    assert idents(vessel, IdKind.IMO) == [("9187629", None, True)]
    assert idents(vessel, IdKind.MMSI) == [("353136000", None, True)]
    assert vessel.main.get("type") == ["Crude Oil Tanker"]
    assert vessel.main.get("tonnage") == ["318000"]
    assert vessel.main.get("grossRegisteredTonnage") == ["163660"]
    assert vessel.main.get("flag") == ["pa"]
    assert vessel.main.get("pastFlags") == ["mt"]
    assert "Vessel owner: Example Owners S.A." in vessel.remarks
    assert ("owner", "Example Owners S.A.", None) in [
        (x.relation, x.target, x.target_id) for x in vessel.links
    ]


def test_linked_to_names_resolve_to_the_party_with_that_primary_name(
    fixture_set: ParsedSource,
) -> None:
    person = by_id(fixture_set.entries)["1001"]
    assert [(x.target, x.target_id) for x in person.links] == [
        ("EXAMPLE SHIPPING LLC", "us-ofac-sdn-1002"),
        ("NOBODY KNOWN LTD", None),
    ]
    assert any("2 links name no single party" in w for w in fixture_set.report.warnings)


def test_an_aircraft_gets_serial_and_tail_numbers_and_model(fixture_set: ParsedSource) -> None:
    plane = by_id(fixture_set.entries)["1004"]
    assert idents(plane, IdKind.AIRCRAFT_SERIAL) == [("1013409297", None, None)]
    assert idents(plane, IdKind.AIRCRAFT_TAIL) == [("EP-XYZ", None, None)]
    assert plane.main.get("model") == ["IL-76TD"]
    assert "Aircraft Operator EXAMPLE AIR" in plane.remarks[0]


def test_the_sdn_and_consolidated_sets_load_together_as_two_lists() -> None:
    sources = load(sorted(FIXTURES.iterdir()))
    assert sorted((s.info.name, len(s.entries)) for s in sources) == [
        ("us_ofac_cons", 3),
        ("us_ofac_sdn", 7),
    ]
    cons = next(s for s in sources if s.info.name == "us_ofac_cons")
    assert by_id(cons.entries)["9639"].id == "us-ofac-cons-9639"
    assert names(by_id(cons.entries)["9639"], NameKind.STRONG_ALIAS) == ["HANIYA, Ismail"]


def test_consolidated_programmes_decide_the_list_before_the_file_name(tmp_path: Path) -> None:
    renamed = tmp_path / "sdn.csv"
    shutil.copyfile(FIXTURES / "cons_prim.csv", renamed)
    found = sniffed(ofac_csv.sniff, renamed)
    assert found is not None and found.list_name == "us_ofac_cons"


def test_the_cons_prefix_breaks_the_tie_when_content_cannot_tell(tmp_path: Path) -> None:
    sdn_like = tmp_path / "cons_prim.csv"
    shutil.copyfile(FIXTURES / "sdn.csv", sdn_like)
    alt = tmp_path / "cons_alt.csv"
    shutil.copyfile(FIXTURES / "alt.csv", alt)
    for path in (sdn_like, alt):
        found = sniffed(ofac_csv.sniff, path)
        assert found is not None and found.list_name == "us_ofac_cons"
    found = sniffed(ofac_csv.sniff, FIXTURES / "alt.csv")
    assert found is not None and (found.role, found.list_name) == ("alt", "us_ofac_sdn")


@pytest.mark.parametrize(
    "content",
    [
        b"_id,type,entity_number,programs,name\r\n1,x,2,SDGT,FOO\r\n",
        b"ent_num,SDN_Name,SDN_Type\r\n306,BANCO,-0- \r\n",
        b"1,foo\r\n2,bar\r\n",
        b'1,"a",-0- \r\n',
        b"celex,version\n32014R0833,02014R0833-20260717\n",
    ],
)
def test_csv_files_of_other_shapes_are_not_claimed(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path, content, "sdn.csv")
    assert sniffed(ofac_csv.sniff, path) is None


# --- bad input -------------------------------------------------------------------------------


def test_a_primary_row_with_11_cells_names_the_file_and_line(tmp_path: Path) -> None:
    short = '3,"NAME 3",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
    path = write(tmp_path, (ROW_12.format(n=1) + ROW_12.format(n=2) + short).encode(), "sdn.csv")
    caught = refused(load, [path])
    assert caught.path == str(path)
    assert caught.line == 3
    assert "expected 12 cells" in caught.message
    assert "found 11" in caught.message


def test_a_byte_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    bad = '2,"CAF\xc9 OLE",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
    path = write(tmp_path, (ROW_12.format(n=1)).encode() + bad.encode("latin-1"), "sdn.csv")
    caught = refused(load, [path])
    assert caught.line == 2
    assert "UTF-8" in caught.message


def test_an_empty_file_is_refused_by_detection_and_by_the_parser(tmp_path: Path) -> None:
    path = write(tmp_path, b"", "sdn.csv")
    refused(load, [path], match="empty")
    refused(parse_direct, (path, "primary"), match="empty")


def test_a_primary_file_holding_only_the_end_of_file_mark_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, b"\r\n\x1a", "sdn.csv")
    caught = refused(parse_direct, (path, "primary"), match="no records")
    assert caught.path == str(path)


def test_an_empty_companion_file_is_only_a_warning(tmp_path: Path) -> None:
    comments = write(tmp_path, b"\x1a", "sdn_comments.csv")
    entries, report = parse_direct((FIXTURES / "sdn.csv", "primary"), (comments, "comments"))
    assert len(entries) == 7
    assert "sdn_comments.csv: the file holds no records" in report.warnings


def test_a_truncated_quoted_field_names_the_line_where_the_record_starts(tmp_path: Path) -> None:
    cut = '2,"NAME 2",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1970; POB Mos'
    path = write(tmp_path, (ROW_12.format(n=1) + cut).encode(), "sdn.csv")
    caught = refused(load, [path])
    assert caught.path == str(path)
    assert caught.line == 2


def test_an_unknown_sdn_type_names_the_line(tmp_path: Path) -> None:
    odd = '2,"NAME 2","spaceship","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
    path = write(tmp_path, (ROW_12.format(n=1) + odd).encode(), "sdn.csv")
    caught = refused(parse_direct, (path, "primary"), match="SDN_Type")
    assert caught.line == 2


def test_a_repeated_ent_num_is_refused_with_both_places(tmp_path: Path) -> None:
    path = write(tmp_path, (ROW_12.format(n=7) + ROW_12.format(n=7)).encode(), "sdn.csv")
    caught = refused(load, [path], match=r"ent_num 7 appears twice.*sdn\.csv:1")
    assert caught.line == 2


def test_companion_files_without_the_primary_file_are_refused() -> None:
    refused(load, [FIXTURES / "add.csv", FIXTURES / "alt.csv"], match="without its primary file")


def test_an_address_row_with_a_missing_cell_names_the_file_and_line(tmp_path: Path) -> None:
    add = write(tmp_path, b'306,199,"Street","City","Cuba",-0- \r\n306,200,"Street"\r\n', "add.csv")
    with pytest.raises(ListFormatError, match="expected 6 cells") as caught:
        parse_direct((FIXTURES / "sdn.csv", "primary"), (add, "address"))
    assert (caught.value.path, caught.value.line) == (str(add), 2)


_SEED = (FIXTURES / "sdn.csv").read_bytes()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.integers(min_value=0, max_value=len(_SEED)),
    position=st.integers(min_value=0, max_value=len(_SEED) - 1),
    byte=st.binary(min_size=1, max_size=3),
)
def test_mutated_files_raise_nothing_but_list_format_errors(
    cut: int, position: int, byte: bytes
) -> None:
    data = (_SEED[:position] + byte + _SEED[position + 1 :])[: max(cut, 1)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sdn.csv"
        path.write_bytes(data)
        with contextlib.suppress(ListFormatError):
            load([path])
        with contextlib.suppress(ListFormatError):
            parse_direct((path, "primary"), (FIXTURES / "alt.csv", "alt"))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_nothing_but_list_format_errors(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "alt.csv"
        path.write_bytes(data)
        with contextlib.suppress(ListFormatError):
            parse_direct((FIXTURES / "sdn.csv", "primary"), (path, "alt"))
