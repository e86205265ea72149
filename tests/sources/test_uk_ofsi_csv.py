"""The OFSI ConList.csv parser (sources/uk_ofsi_csv.py).

The only real file is a 2020 excerpt (23 rows, 6 Group IDs); the hand-made fixture
tests/fixtures/uk_ofsi_csv/ConList.csv uses the 2022 column set with fictional parties.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctionguard.model.entry import BirthDate, ListEntry, NameKind, SanctionDetail
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources import uk_ofsi_csv
from sanctionguard.sources.loader import ParsedSource
from tests.sources.mutations import read_damaged
from tests.sources.parsing import FIXTURES, FormatFixture, by_source_id, names, refused, sniffed

OFSI = FormatFixture(uk_ofsi_csv.SPEC, FIXTURES / "uk_ofsi_csv" / "ConList.csv", "ConList.csv")
FIXTURE = OFSI.path
load, write, fixture_text = OFSI.load, OFSI.write, OFSI.text


def other_ids(entry: ListEntry) -> dict[str, str]:
    return {i.note or "": i.raw for i in entry.identifiers if i.kind is IdKind.OTHER}


# --- the real 2020 excerpt -------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(shared_data: Path) -> ParsedSource:
    return load(shared_data / "uk" / "format_samples" / "sample_hmt.csv")


def test_the_excerpt_gives_one_entry_per_group_id(sample: ParsedSource) -> None:
    assert sample.info.name == "gb_hmt_sanctions"
    assert sample.info.title == "UK HM Treasury OFSI Consolidated List"
    assert sample.info.authority == "HM Treasury OFSI"
    assert sample.report.records_read == 23
    assert sample.report.published == "2020-04-27"
    assert sorted(by_source_id(sample.entries)) == [
        "11039",
        "13017",
        "13063",
        "13754",
        "9053",
        "9215",
    ]
    assert Counter(e.schema for e in sample.entries) == {"Person": 6}


def test_prime_alias_names_the_designation_when_no_primary_name_row_exists(
    sample: ParsedSource,
) -> None:
    so = by_source_id(sample.entries)["11039"]
    assert names(so, NameKind.PRIMARY) == ["Sang-kuk SO"]
    assert names(so, NameKind.STRONG_ALIAS) == ["Sang Kuk SO"]
    assert sorted(bd.start for bd in so.birth_dates) == [str(y) for y in range(1932, 1939)]
    assert so.programs == ["North Korea (Democratic People's Republic of Korea)"]
    assert so.listed_on == "2009-12-30"


def test_a_real_non_latin_name_keeps_its_language_and_un_reference(sample: ParsedSource) -> None:
    hojati = by_source_id(sample.entries)["9053"]
    script = next(n for n in hojati.names if n.original_script)
    assert (script.value, script.lang, script.kind) == ("محسن حجتی", "fas", NameKind.STRONG_ALIAS)
    assert other_ids(hojati)["UN reference"] == "IRi.018"
    assert hojati.entities[1].get("unscId") == ["IRi.018"]
    assert hojati.sanction == {SanctionDetail.UNSC_ID: ["IRi.018"]}
    assert hojati.birth_dates == [BirthDate("1955-09-28")]


def test_unknown_day_or_month_in_real_dates_is_left_out(sample: ParsedSource) -> None:
    hubarieva = by_source_id(sample.entries)["13063"]
    assert hubarieva.birth_dates == [
        BirthDate("1983-07-05"),
        BirthDate("1983"),
        BirthDate("1984-04"),
    ]
    assert by_source_id(sample.entries)["13754"].birth_dates == [BirthDate("1962-09")]


def test_labelled_references_in_other_information_become_identifiers(sample: ParsedSource) -> None:
    saeed = by_source_id(sample.entries)["9215"]
    assert other_ids(saeed) == {
        "UK Sanctions List reference": "AQD0183",
        "UN reference": "QDi.263",
        "OFSI group ID": "9215",
    }
    (national,) = [i for i in saeed.identifiers if i.kind is IdKind.NATIONAL_ID]
    assert (national.value, national.country) == ("3520025509842-7", "pk")


# --- the hand-made fixture -------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture() -> dict[str, ListEntry]:
    source = load(FIXTURE)
    assert source.report.records_read == 10
    assert source.report.published == "2026-03-15"
    return by_source_id(source.entries)


def test_alias_types_and_quality_give_name_kinds(fixture: dict[str, ListEntry]) -> None:
    testov = fixture["90001"]
    assert names(testov, NameKind.PRIMARY) == ["Ivan Petrovich TESTOV"]
    assert names(testov, NameKind.STRONG_ALIAS) == [
        "Иван Петрович ТЕСТОВ",
        "Ivan TESTOFF",
        "Iwan TESTOV",
    ]
    assert names(testov, NameKind.WEAK_ALIAS) == ["VANYA"]
    primary = testov.names[0]
    assert primary.parts == {"given": "Ivan", "middle": "Petrovich", "family": "TESTOV"}
    script = testov.names[1]
    assert (script.lang, script.original_script) == ("rus", True)


def test_exact_and_year_only_birth_dates_are_both_kept(fixture: dict[str, ListEntry]) -> None:
    assert fixture["90001"].birth_dates == [BirthDate("1961-03-12"), BirthDate("1970")]
    assert fixture["90004"].birth_dates == [BirthDate("1970-06")]


def test_person_facts_are_carried(fixture: dict[str, ListEntry]) -> None:
    testov = fixture["90001"]
    assert testov.main.get("nationality") == ["ru", "ua"]
    assert testov.main.get("birthPlace") == ["Testgrad, Russia"]
    assert testov.main.get("gender") == ["male"]
    assert testov.main.get("address") == ["1 Fictional Street, Testgrad, 101000, Russia"]
    (passport,) = [i for i in testov.identifiers if i.kind is IdKind.PASSPORT]
    assert (passport.value, passport.country) == ("7512345678", "ru")
    assert testov.programs == ["Russia"]
    assert testov.listed_on == "2022-03-16"
    assert fixture["90004"].main.get("title") == ["Mullah"]


def test_a_ship_carries_its_imo_flag_type_tonnage_and_owner(fixture: dict[str, ListEntry]) -> None:
    ship = fixture["90003"]
    assert ship.schema == "Vessel"
    (imo,) = [i for i in ship.identifiers if i.kind is IdKind.IMO]
    assert (imo.value, imo.valid) == ("9187629", True)
    assert ship.main.get("flag") == ["cm"]
    assert ship.main.get("type") == ["Oil tanker"]
    assert ship.main.get("tonnage") == ["81000"]
    assert [(x.relation, x.target) for x in ship.links] == [("owner", "FICTIONAL SHIPPING LLC")]


def test_an_entity_carries_registry_numbers_legal_form_and_parent(
    fixture: dict[str, ListEntry],
) -> None:
    firm = fixture["90002"]
    assert firm.schema == "Organization"
    kinds = {(i.kind, i.value) for i in firm.identifiers}
    assert {(IdKind.OGRN, "1027700000001"), (IdKind.INN, "7700000001")} <= kinds
    assert firm.main.get("legalForm") == ["Joint Stock Company"]
    assert [(x.relation, x.target) for x in firm.links] == [("parent", "FICTIONAL HOLDING LLC")]


def test_the_file_is_recognised_by_content_not_by_name(tmp_path: Path) -> None:
    renamed = tmp_path / "download.dat"
    shutil.copy(FIXTURE, renamed)
    detection = sniffed(uk_ofsi_csv.sniff, renamed)
    assert detection is not None and detection.list_name == "gb_hmt_sanctions"
    other = tmp_path / "other.csv"
    other.write_text("Last Updated,01/01/2020\nName,Country\nX,Y\n", encoding="utf-8")
    assert sniffed(uk_ofsi_csv.sniff, other) is None


def test_uk_dates_with_zero_day_or_month_become_partial_iso_dates() -> None:
    assert uk_ofsi_csv.uk_date("00/00/1970") == "1970"
    assert uk_ofsi_csv.uk_date("00/04/1984") == "1984-04"
    assert uk_ofsi_csv.uk_date("28/09/1955") == "1955-09-28"
    assert uk_ofsi_csv.uk_date("31/02/1955") is None


# --- bad input -------------------------------------------------------------------------------


def test_a_truncated_file_is_refused_with_its_line(tmp_path: Path) -> None:
    text = fixture_text()
    cut = text[: text.index("(Parent company)")]
    err = refused(load, write(tmp_path, cut))
    assert err.path.endswith("ConList.csv")
    assert err.line == 8


def test_a_file_in_another_encoding_is_refused_with_its_line(tmp_path: Path) -> None:
    data = fixture_text().replace("Иван Петрович ТЕСТОВ", "Ivan").replace("VANYA", "VÁNYA")
    err = refused(load, write(tmp_path, data.encode("latin-1")), match="UTF-8")
    assert err.line == 6


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    err = refused(load, write(tmp_path, "\n"), match="empty")
    assert err.path.endswith("ConList.csv")


def test_missing_columns_are_named_with_the_header_line(tmp_path: Path) -> None:
    text = fixture_text().replace(",Group ID\n", ",Group\n", 1)
    err = refused(load, write(tmp_path, text), match=r"missing column.*Group ID")
    assert err.line == 2


def test_a_row_without_group_id_is_refused_with_its_line(tmp_path: Path) -> None:
    text = fixture_text().replace(",01/03/2026,90002\n", ",01/03/2026,\n", 1)
    err = refused(load, write(tmp_path, text), match="Group ID column is empty")
    assert err.line == 8


def test_an_unknown_group_type_is_refused_with_its_line(tmp_path: Path) -> None:
    text = fixture_text().replace(",Ship,", ",Spaceship,")
    err = refused(load, write(tmp_path, text), match="unknown Group Type 'Spaceship'")
    assert err.line == 10


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.integers(min_value=0, max_value=3000),
    noise=st.binary(min_size=0, max_size=40),
    drop=st.integers(min_value=0, max_value=200),
)
def test_mangled_files_raise_nothing_but_list_format_errors(
    cut: int, noise: bytes, drop: int
) -> None:
    data = FIXTURE.read_bytes()
    mangled = data[:cut] + noise + data[cut + drop :]
    read_damaged(load, mangled, OFSI.name)
