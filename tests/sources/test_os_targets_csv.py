"""The OpenSanctions targets.simple.csv parser (sources/os_targets_csv.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings

from sanctionguard.model.entry import BirthDate, ListEntry, NameKind
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources import os_targets_csv
from sanctionguard.sources.base import ParseReport
from tests.sources.mutations import MUTATIONS, mutate, read_damaged
from tests.sources.parsing import FIXTURES, FormatFixture, load_list, names, refused, sniffed
from tests.sources.parsing import by_source_id as by_id

TARGETS = FormatFixture(
    os_targets_csv.SPEC, FIXTURES / "os_targets_csv" / "targets.simple.csv", "targets.simple.csv"
)
FIXTURE = TARGETS.path
LIST = "ua_war_sanctions"
parse_file, write = TARGETS.parse, TARGETS.write


# --- real data -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def targets(shared_data: Path) -> tuple[list[ListEntry], ParseReport, str]:
    path = shared_data / "opensanctions" / "ua_war_sanctions" / "targets.simple.csv"
    source = load_list(path, os_targets_csv.SPEC)
    assert source.info.authority == "OpenSanctions (CC BY-NC 4.0)"
    return source.entries, source.report, source.info.name


def test_the_real_file_yields_5600_targets_by_schema(
    targets: tuple[list[ListEntry], ParseReport, str],
) -> None:
    entries, report, list_name = targets
    assert list_name == "ua_war_sanctions"
    assert len(entries) == 5600
    assert report.records_read == 5600
    assert Counter(e.schema for e in entries) == {
        "Person": 1543,
        "Company": 1524,
        "Vessel": 1340,
        "LegalEntity": 1193,
    }
    assert report.published == "2026-03-13"


def test_the_real_vessels_carry_1337_distinct_valid_imo_numbers(
    targets: tuple[list[ListEntry], ParseReport, str],
) -> None:
    imos = [
        i for e in targets[0] if e.schema == "Vessel" for i in e.identifiers if i.kind is IdKind.IMO
    ]
    assert len({i.value for i in imos}) == 1337
    assert all(i.valid for i in imos)


def test_the_real_unlabelled_identifiers_are_typed_by_form(
    targets: tuple[list[ListEntry], ParseReport, str],
) -> None:
    kinds = Counter((e.schema, i.kind) for e in targets[0] for i in e.identifiers)
    assert kinds[("LegalEntity", IdKind.OGRN)] == 1182
    assert kinds[("LegalEntity", IdKind.INN)] == 1181
    assert kinds[("Vessel", IdKind.MMSI)] == 1031
    assert kinds[("Company", IdKind.IMO)] == 1515
    company_imos = [i for e in targets[0] if e.schema == "Company" for i in e.identifiers]
    assert all(i.note == "IMO company number" for i in company_imos if i.kind is IdKind.IMO)


def test_a_known_vessel_keeps_its_id_aliases_flags_and_programme(
    targets: tuple[list[ListEntry], ParseReport, str],
) -> None:
    entry = by_id(targets[0])["NK-24cf2zYe7LEKhr2zFck73j"]
    assert entry.source_id == entry.id
    assert entry.caption == "ROSALIN"
    assert names(entry, NameKind.STRONG_ALIAS) == ["Ceram Sea", "Gold Sun", "Nurkez"]
    [imo] = entry.identifiers
    assert (imo.kind, imo.value, imo.valid) == (IdKind.IMO, "9253325", True)
    assert entry.programs == ["UA-WS-MARE"]
    assert sorted(entry.main.get("country")) == ["lr", "pa", "sg", "st"]


# --- hand-made fixture -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> dict[str, ListEntry]:
    entries, _ = parse_file(FIXTURE)
    return by_id(entries)


def test_the_file_is_recognised_by_its_header_and_named_after_its_dataset(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, FIXTURE.read_bytes(), name="download.csv")
    detection = sniffed(os_targets_csv.sniff, path)
    assert detection is not None
    assert (detection.format, detection.list_name) == ("os_targets_csv", LIST)
    other = write(tmp_path, b"id,schema,name\n1,Person,A\n", name="other.csv")
    assert sniffed(os_targets_csv.sniff, other) is None


def test_an_unknown_dataset_title_becomes_a_slug_and_codes_stay_as_they_are() -> None:
    assert os_targets_csv.list_name("Ukraine War and Sanctions") == "ua_war_sanctions"
    assert os_targets_csv.list_name("Some Watch List (2026)") == "some_watch_list_2026"
    assert os_targets_csv.list_name("ru_rupep") == "ru_rupep"


def test_ids_are_kept_as_in_the_file(sample: dict[str, ListEntry]) -> None:
    assert sorted(sample) == ["xx-co-1", "xx-le-1", "xx-pers-1", "xx-pers-2", "xx-ves-1"]
    assert all(e.main.id == e.id for e in sample.values())


def test_vessel_identifiers_are_told_apart_by_form(sample: dict[str, ListEntry]) -> None:
    vessel = sample["xx-ves-1"]
    found = {(i.kind, i.value, i.valid) for i in vessel.identifiers}
    assert found == {
        (IdKind.IMO, "9234563", True),
        (IdKind.MMSI, "273123456", True),
        (IdKind.CALL_SIGN, "UBXY7", None),
    }
    assert names(vessel, NameKind.STRONG_ALIAS) == ["OLD STAR", "FORMER STAR"]


def test_a_company_imo_number_is_checked_as_a_company_number(
    sample: dict[str, ListEntry],
) -> None:
    [imo] = sample["xx-co-1"].identifiers
    assert (imo.value, imo.valid, imo.note) == ("5987652", True, "IMO company number")


def test_russian_registry_numbers_are_recognised_by_length_and_checksum(
    sample: dict[str, ListEntry],
) -> None:
    legal = sample["xx-le-1"]
    found = {(i.kind, i.value, i.valid) for i in legal.identifiers}
    assert found == {(IdKind.OGRN, "1027700123450", True), (IdKind.INN, "7704123450", True)}
    assert legal.programs == ["UA-WS-MILIND", "UA-WS-UAVS"]
    assert legal.remarks == ["Supplies components for drones."]
    assert legal.main.get("address") == ["1 Example Street, Moscow"]


def test_people_keep_birth_dates_a_personal_inn_and_a_ten_digit_tax_number(
    sample: dict[str, ListEntry],
) -> None:
    person = sample["xx-pers-1"]
    assert person.birth_dates == [BirthDate("1970-05-01"), BirthDate("1971-05-01")]
    found = {(i.kind, i.value, i.valid) for i in person.identifiers}
    assert found == {(IdKind.INN, "500100123426", True), (IdKind.TAX_ID, "2345678901", None)}
    assert len(names(person, NameKind.STRONG_ALIAS)) == 2
    assert person.remarks == []


def test_an_inn_failing_its_checksum_is_kept_and_marked_invalid(
    sample: dict[str, ListEntry],
) -> None:
    person = sample["xx-pers-2"]
    [inn] = person.identifiers
    assert (inn.kind, inn.value, inn.valid) == (IdKind.INN, "500100123427", False)
    assert person.main.get("innCode") == []
    assert person.main.get("phone") == ["+74950000000"]
    assert person.main.get("email") == ["olga@example.org"]


# --- bad input -------------------------------------------------------------------------------


def test_an_empty_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    refused(parse_file, write(tmp_path, b""), match=r"targets\.simple\.csv")


def test_a_truncated_file_is_refused_with_its_line(tmp_path: Path) -> None:
    data = FIXTURE.read_bytes()
    cut = data[: data.index(b"xx-pers-1") + 60]
    error = refused(parse_file, write(tmp_path, cut))
    assert error.line == 5


def test_a_file_in_the_wrong_encoding_is_refused_with_its_line(tmp_path: Path) -> None:
    latin = FIXTURE.read_bytes().replace(b"Olga", "Olgá".encode("latin-1"))
    error = refused(parse_file, write(tmp_path, latin, name="latin.csv"), match=r"latin\.csv")
    assert error.line == 6


def test_missing_columns_are_named(tmp_path: Path) -> None:
    data = FIXTURE.read_bytes().replace(b'"identifiers"', b'"idents"', 1)
    error = refused(parse_file, write(tmp_path, data), match="identifiers")
    assert error.line == 1


def test_an_unknown_schema_or_a_second_dataset_is_refused_naming_the_line(
    tmp_path: Path,
) -> None:
    schema = FIXTURE.read_bytes().replace(b'"Company"', b'"Spaceship"')
    error = refused(parse_file, write(tmp_path, schema), match="Spaceship")
    assert error.line == 3
    lines = FIXTURE.read_bytes().split(b"\n")
    lines[4] = lines[4].replace(b"Ukraine War and Sanctions", b"Other Dataset")
    error = refused(parse_file, write(tmp_path, b"\n".join(lines)), match="one dataset")
    assert error.line == 5


def test_a_header_only_file_is_refused(tmp_path: Path) -> None:
    header = FIXTURE.read_bytes().split(b"\n")[0] + b"\n"
    refused(parse_file, write(tmp_path, header), match="no targets")


@settings(max_examples=60, deadline=None)
@given(**MUTATIONS)
def test_mutated_targets_files_raise_nothing_but_list_format_errors(
    at: int, junk: bytes, cut: int
) -> None:
    read_damaged(parse_file, mutate(FIXTURE.read_bytes(), at, junk, cut), TARGETS.name)
