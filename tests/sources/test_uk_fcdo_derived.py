"""The derived UK Sanctions List tables parser (sources/uk_fcdo_derived.py).

Real-data tests read the five covyr/uk-sanctions-list tables; the hand-made fixture under
tests/fixtures/uk_fcdo_derived has four fictional designations in the same layout.
"""

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
from sanctionguard.model.entry import NameKind, SanctionDetail
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources import uk_fcdo_derived
from sanctionguard.sources.loader import ParsedSource
from tests.sources.parsing import by_source_id, load_list, names, refused, sniffed

FIXTURES = Path(__file__).parent.parent / "fixtures" / "uk_fcdo_derived"
TABLES = (
    "subjects.csv",
    "subject_names.csv",
    "subject_identifiers.csv",
    "subject_countries.csv",
    "subject_dobs.csv",
)


def load(*paths: Path) -> ParsedSource:
    return load_list(paths, uk_fcdo_derived.SPEC)


# --- the real tables -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real(shared_data: Path) -> ParsedSource:
    return load(shared_data / "uk" / "covyr_derived")


def test_every_designation_is_one_entry_by_type(real: ParsedSource) -> None:
    assert real.info.name == "gb_fcdo_sanctions"
    assert real.info.title == "UK Sanctions List (FCDO)"
    assert real.info.authority == "UK Foreign, Commonwealth & Development Office"
    assert real.report.records_read == 6046
    assert Counter(e.schema for e in real.entries) == {
        "Person": 3883,
        "Organization": 1531,
        "Vessel": 632,
    }
    assert real.report.published == "2026-04-29"


def test_ships_carry_631_distinct_valid_imo_numbers(real: ParsedSource) -> None:
    imos = [
        i.value
        for e in real.entries
        if e.schema == "Vessel"
        for i in e.identifiers
        if i.kind is IdKind.IMO
    ]
    assert all(len(v) == 7 for v in imos)
    assert len(imos) == len(set(imos)) == 631
    valid = {
        i.value for e in real.entries for i in e.identifiers if i.kind is IdKind.IMO and i.valid
    }
    assert len(valid) == 631


def test_all_15050_name_rows_are_kept_except_two_exact_repeats(real: ParsedSource) -> None:
    kinds = Counter(n.kind for e in real.entries for n in e.names)
    # 15,050 rows; two subjects print the same alias twice (GHR0050, SSU0001).
    assert sum(kinds.values()) == 15048
    assert kinds == {
        NameKind.PRIMARY: 6051,
        NameKind.STRONG_ALIAS: 8392,
        NameKind.WEAK_ALIAS: 605,
    }


def test_birth_dates_are_not_attached_and_the_reason_is_reported_once(
    real: ParsedSource,
) -> None:
    assert all(not e.birth_dates for e in real.entries)
    dob_warnings = [w for w in real.report.warnings if "subject_dobs.csv" in w]
    assert len(dob_warnings) == 1
    assert "3538 birth dates not attached" in dob_warnings[0]
    assert "does not line up" in dob_warnings[0]


def test_a_real_un_designee_keeps_regime_references_and_aliases(real: ParsedSource) -> None:
    saeed = by_source_id(real.entries)["AQD0183"]
    assert saeed.schema == "Person"
    assert names(saeed, NameKind.PRIMARY) == ["HAFIZ MUHAMMAD SAEED"]
    assert "Hafiz Ji" in names(saeed, NameKind.WEAK_ALIAS)
    assert "Hafiz Saeed" in names(saeed, NameKind.STRONG_ALIAS)
    assert saeed.programs == ["ISIL (Da'esh) and Al-Qaida"]
    refs = {i.note: i.raw for i in saeed.identifiers if i.kind is IdKind.OTHER}
    assert refs == {"UN reference": "QDi.263", "OFSI group ID": "9215"}
    assert saeed.entities[1].get("unscId") == ["QDi.263"]
    assert saeed.sanction == {SanctionDetail.UNSC_ID: ["QDi.263"]}
    assert saeed.main.get("nationality") == ["pk"]


def test_a_real_ship_has_its_imo_and_listing_date(real: ParsedSource) -> None:
    ship = by_source_id(real.entries)["RUS2902"]
    assert (ship.schema, ship.caption, ship.listed_on) == (
        "Vessel",
        "VLADIMIR MONOMAKH",
        "2025-07-21",
    )
    (imo,) = [i for i in ship.identifiers if i.kind is IdKind.IMO]
    assert (imo.value, imo.raw, imo.valid) == ("9842176", "IMO9842176", True)
    assert ship.programs == ["Russia"]


# --- the hand-made fixture -------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture() -> ParsedSource:
    return load(FIXTURES)


def test_the_five_tables_are_one_bundle_with_roles_from_their_headers(tmp_path: Path) -> None:
    roles = {}
    for table in TABLES:
        renamed = tmp_path / f"{table}.renamed"
        shutil.copy(FIXTURES / table, renamed)
        detection = sniffed(uk_fcdo_derived.sniff, renamed)
        assert detection is not None and detection.list_name == "gb_fcdo_sanctions"
        roles[table] = detection.role
    assert roles == {
        "subjects.csv": "subjects",
        "subject_names.csv": "names",
        "subject_identifiers.csv": "identifiers",
        "subject_countries.csv": "countries",
        "subject_dobs.csv": "dobs",
    }
    assert sniffed(uk_fcdo_derived.sniff, FIXTURES / "README.md") is None


def test_name_types_and_alias_strength_give_name_kinds(fixture: ParsedSource) -> None:
    testov = by_source_id(fixture.entries)["RUS9001"]
    assert names(testov, NameKind.PRIMARY) == ["Ivan Petrovich TESTOV"]
    assert names(testov, NameKind.STRONG_ALIAS) == ["Iwan TESTOV", "Ivan TESTOFF"]
    assert names(testov, NameKind.WEAK_ALIAS) == ["Vanya"]
    assert testov.names[0].parts == {"given": "Ivan", "middle": "Petrovich", "family": "TESTOV"}
    firm = by_source_id(fixture.entries)["RUS9002"]
    assert names(firm, NameKind.STRONG_ALIAS) == ["AO Fiktivnye Zavody"]
    assert firm.names[0].parts == {}
    assert names(by_source_id(fixture.entries)["AQD9004"], NameKind.WEAK_ALIAS) == ["Abu Test"]


def test_duplicate_identifier_and_country_rows_collapse(fixture: ParsedSource) -> None:
    testov = by_source_id(fixture.entries)["RUS9001"]
    (passport,) = [i for i in testov.identifiers if i.kind is IdKind.PASSPORT]
    assert (passport.value, passport.note) == ("7512345678", "Russia. Issued 01/02/2010")
    assert testov.main.get("nationality") == ["ru", "ua"]
    assert testov.main.get("birthCountry") == ["ru"]
    assert testov.main.get("country") == ["ru"]
    ship = by_source_id(fixture.entries)["RUS9003"]
    assert [(i.kind, i.value) for i in ship.identifiers] == [(IdKind.IMO, "9187629")]


def test_registry_numbers_are_typed_and_apostrophes_dropped(fixture: ParsedSource) -> None:
    firm = by_source_id(fixture.entries)["RUS9002"]
    assert {(i.kind, i.value) for i in firm.identifiers if i.kind is not IdKind.OTHER} == {
        (IdKind.OGRN, "1027700000001"),
        (IdKind.INN, "7700000001"),
    }
    tester = by_source_id(fixture.entries)["AQD9004"]
    (national,) = [i for i in tester.identifiers if i.kind is IdKind.NATIONAL_ID]
    assert (national.value, national.note) == ("00216040", "Yemeni identity card")


def test_regime_comes_from_the_unique_id_prefix(fixture: ParsedSource) -> None:
    assert by_source_id(fixture.entries)["RUS9001"].programs == ["Russia"]
    assert by_source_id(fixture.entries)["AQD9004"].programs == ["ISIL (Da'esh) and Al-Qaida"]
    assert uk_fcdo_derived.regime("ZZZ0001") == "ZZZ"


def test_listing_date_un_reference_and_group_id_are_kept(fixture: ParsedSource) -> None:
    tester = by_source_id(fixture.entries)["AQD9004"]
    assert tester.listed_on == "2011-10-02"
    refs = {i.note: i.raw for i in tester.identifiers if i.kind is IdKind.OTHER}
    assert refs == {"UN reference": "QDi.999", "OFSI group ID": "90004"}
    assert fixture.report.published == "2026-03-15"


def test_countries_that_cannot_be_coded_are_kept_as_remarks(fixture: ParsedSource) -> None:
    tester = by_source_id(fixture.entries)["AQD9004"]
    assert tester.main.get("birthCountry") == ["xk"]
    assert tester.remarks == ["Country (address) as printed: Atlantis"]


def test_the_fixture_birth_dates_are_reported_not_attached(fixture: ParsedSource) -> None:
    assert all(not e.birth_dates for e in fixture.entries)
    assert any("2 birth dates not attached" in w for w in fixture.report.warnings)


# --- bad input -------------------------------------------------------------------------------


def copy_tables(folder: Path, **replacements: str) -> Path:
    for table in TABLES:
        shutil.copy(FIXTURES / table, folder / table)
    for table, text in replacements.items():
        (folder / f"{table}.csv").write_text(text, encoding="utf-8")
    return folder


def table_text(name: str) -> str:
    return (FIXTURES / f"{name}.csv").read_text(encoding="utf-8")


def test_side_tables_without_subjects_are_refused(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "subject_names.csv", tmp_path / "subject_names.csv")
    refused(load, tmp_path, match=r"need subjects\.csv")


def test_rows_for_unknown_subjects_are_reported(tmp_path: Path) -> None:
    extra = table_text("subject_names") + "00011,XXX0001,primary,,Nobody,Nobody,,,,,\n"
    source = load(copy_tables(tmp_path, subject_names=extra))
    assert "subject_names.csv: 1 rows name a unique_id missing from subjects" in (
        source.report.warnings
    )


def test_a_truncated_table_is_refused_with_its_line(tmp_path: Path) -> None:
    text = table_text("subject_identifiers")
    cut = text[: text.index("OGRN")] + '"OGRN'
    err = refused(load, copy_tables(tmp_path, subject_identifiers=cut))
    assert err.path.endswith("subject_identifiers.csv")
    assert err.line == 4


def test_a_table_in_another_encoding_is_refused_with_its_line(tmp_path: Path) -> None:
    copy_tables(tmp_path)
    data = table_text("subject_names").replace("Vanya", "Ványa").encode("latin-1")
    (tmp_path / "subject_names.csv").write_bytes(data)
    err = refused(load, tmp_path, match="UTF-8")
    assert err.line == 5


def test_an_empty_table_is_refused(tmp_path: Path) -> None:
    copy_tables(tmp_path)
    (tmp_path / "subjects.csv").write_bytes(b"")
    with pytest.raises(ListFormatError, match="empty") as err:
        load(tmp_path / "subjects.csv", tmp_path / "subject_names.csv")
    assert err.value.path.endswith("subjects.csv")


def test_missing_columns_are_named(tmp_path: Path) -> None:
    text = table_text("subjects").replace(",date_designated,", ",designated,", 1)
    with pytest.raises(ListFormatError, match=r"missing column\(s\) date_designated") as err:
        load(copy_tables(tmp_path, subjects=text))
    assert err.value.path.endswith("subjects.csv")
    assert err.value.line == 1


def test_an_unknown_subject_type_is_refused_with_its_line(tmp_path: Path) -> None:
    text = table_text("subjects").replace(",ship,", ",spaceship,")
    with pytest.raises(ListFormatError, match="unknown subject_type 'spaceship'") as err:
        load(copy_tables(tmp_path, subjects=text))
    assert err.value.line == 4


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=st.sampled_from(TABLES),
    cut=st.integers(min_value=0, max_value=600),
    noise=st.binary(min_size=0, max_size=30),
    drop=st.integers(min_value=0, max_value=80),
)
def test_mangled_tables_raise_nothing_but_list_format_errors(
    table: str, cut: int, noise: bytes, drop: int
) -> None:
    data = (FIXTURES / table).read_bytes()
    with tempfile.TemporaryDirectory() as name:
        folder = copy_tables(Path(name))
        (folder / table).write_bytes(data[:cut] + noise + data[cut + drop :])
        with contextlib.suppress(ListFormatError):
            load(folder)
