"""Canada's Consolidated Autonomous Sanctions List XML parser (sources/ca_sema_xml.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings

from sanctionguard.errors import ListFormatError
from sanctionguard.model.entry import BirthDate, ListEntry, NameKind
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources import ca_sema_xml
from sanctionguard.sources.base import ParseReport
from tests.sources.mutations import MUTATIONS, mutate, read_damaged
from tests.sources.parsing import FIXTURES, FormatFixture, load_list, names, refused, sniffed
from tests.sources.parsing import by_source_id as by_ref

SEMA = FormatFixture(ca_sema_xml.SPEC, FIXTURES / "ca_sema_xml" / "sema-lmes.xml", "sema-lmes.xml")
FIXTURE = SEMA.path
LIST = ca_sema_xml.LIST_NAME
parse_file, write = SEMA.parse, SEMA.write


# --- real data -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sema(shared_data: Path) -> tuple[list[ListEntry], ParseReport]:
    source = load_list(shared_data / "ca" / "sema-lmes.xml", ca_sema_xml.SPEC)
    assert source.info.authority == "Global Affairs Canada"
    return source.entries, source.report


def test_the_real_sema_list_yields_4759_entries_one_per_record(
    sema: tuple[list[ListEntry], ParseReport],
) -> None:
    entries, report = sema
    assert len(entries) == 4759
    assert report.records_read == 4759
    assert Counter(e.schema for e in entries) == {
        "Person": 3334,
        "Organization": 1316,
        "Vessel": 109,
    }


def test_the_real_sema_list_counts_entries_per_regime(
    sema: tuple[list[ListEntry], ParseReport],
) -> None:
    regimes = Counter(ca_sema_xml.regime_label(e.source_id.split(" / ")[0]) for e in sema[0])
    assert regimes["Russia"] == 2426
    assert regimes["Ukraine"] == 553
    assert regimes["Iran"] == 460
    assert regimes["Belarus"] == 320
    assert regimes["Syria"] == 281
    assert regimes["Myanmar (Burma)"] == 241
    assert regimes["JVCFOR"] == 80


def test_the_real_sema_list_has_109_ships_each_with_a_valid_imo_number(
    sema: tuple[list[ListEntry], ParseReport],
) -> None:
    ships = [e for e in sema[0] if e.schema == "Vessel"]
    imos = [i for e in ships for i in e.identifiers if i.kind is IdKind.IMO]
    assert len(ships) == 109
    assert len({i.value for i in imos}) == 109
    assert all(i.valid for i in imos)


def test_the_real_sema_list_is_dated_by_its_newest_listing(
    sema: tuple[list[ListEntry], ParseReport],
) -> None:
    assert sema[1].published == "2025-03-20"


def test_the_only_date_not_understood_in_the_real_list_is_reported(
    sema: tuple[list[ListEntry], ParseReport],
) -> None:
    [warning] = sema[1].warnings
    assert "'Sep-99'" in warning


def test_a_known_belarus_listing_has_its_name_parts_birth_date_programme_and_date(
    sema: tuple[list[ListEntry], ParseReport],
) -> None:
    entry = by_ref(sema[0])["Belarus / Schedule 1, Part 1 / Item 8"]
    assert entry.id == "ca-dfatd-sema-sanctions-belarus-schedule-1-part-1-item-8"
    assert entry.caption == "Aleksandr Grigoryevich Lukashenko"
    assert entry.names[0].parts == {"given": "Aleksandr Grigoryevich", "family": "Lukashenko"}
    assert entry.birth_dates == [BirthDate("1954-08-30")]
    assert entry.programs == ["SEMA Belarus Schedule 1 Part 1"]
    assert entry.listed_on == "2020-09-28"


def test_a_known_ship_has_its_imo_type_and_build_year(
    sema: tuple[list[ListEntry], ParseReport],
) -> None:
    entry = by_ref(sema[0])["Russia / Schedule 1.1 / Item 1"]
    assert entry.schema == "Vessel"
    assert entry.caption == "Balitiyskiy III"
    [imo] = entry.identifiers
    assert (imo.kind, imo.value, imo.valid) == (IdKind.IMO, "7612448", True)
    assert entry.main.get("type") == ["General Cargo / Multi Purpose"]
    assert entry.main.get("buildDate") == ["1980"]
    assert entry.birth_dates == []


def test_a_known_company_has_its_cyrillic_aliases_split_by_semicolon(
    sema: tuple[list[ListEntry], ParseReport],
) -> None:
    [entry] = [e for e in sema[0] if e.caption == "Transneft"]
    assert names(entry, NameKind.STRONG_ALIAS) == [
        "ПАО Транснефть",
        "Public Joint Stock Company (PJSC) Transneft",
    ]
    assert entry.schema == "Organization"


# --- hand-made fixture -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> dict[str, ListEntry]:
    entries, _ = parse_file(FIXTURE)
    return by_ref(entries)


def test_the_file_is_recognised_by_its_content_not_its_name(tmp_path: Path) -> None:
    path = write(tmp_path, FIXTURE.read_bytes(), name="download.bin")
    detection = sniffed(ca_sema_xml.sniff, path)
    assert detection is not None
    assert (detection.format, detection.list_name) == ("ca_sema_xml", LIST)
    other = write(tmp_path, b"<data-set><row><x>1</x></row></data-set>", name="other.xml")
    assert sniffed(ca_sema_xml.sniff, other) is None


def test_the_same_item_number_in_two_schedules_gives_two_distinct_entries(
    sample: dict[str, ListEntry],
) -> None:
    person = sample["Belarus / Schedule 1, Part 1 / Item 8"]
    company = sample["Belarus / Schedule 1, Part 3 / Item 8"]
    assert person.id != company.id
    assert company.programs == ["SEMA Belarus Schedule 1 Part 3"]


def test_aliases_are_split_at_or_commas_and_language_labels(
    sample: dict[str, ListEntry],
) -> None:
    entry = sample["Belarus / Schedule 1, Part 1 / Item 8"]
    assert names(entry, NameKind.WEAK_ALIAS) == ["Alexander"]
    assert names(entry, NameKind.STRONG_ALIAS) == [
        "Aliaksandr Ryhoravich Lukashenka",
        "Аляксандр Рыгоравіч Лукашэнка",
        "Александр Григорьевич Лукашенко",
    ]
    langs = {n.value: n.lang for n in entry.names if n.original_script}
    assert langs == {
        "Аляксандр Рыгоравіч Лукашэнка": "bel",
        "Александр Григорьевич Лукашенко": "rus",
    }
    assert any(r.startswith("Aliases as published: Alexander or") for r in entry.remarks)


def test_a_bare_legal_form_joins_its_name_and_commas_in_parentheses_do_not_split(
    sample: dict[str, ListEntry],
) -> None:
    entry = sample["Belarus / Schedule 1, Part 3 / Item 8"]
    assert entry.schema == "Organization"
    assert names(entry, NameKind.STRONG_ALIAS) == [
        "ОАО БМЗ",
        "Open Joint Stock Company (OJSC, BMZ) Byelorussian Steel Works",
    ]


def test_a_persons_title_becomes_a_name_part_and_alternative_years_two_birth_dates(
    sample: dict[str, ListEntry],
) -> None:
    entry = sample["Syria / Part 2 / Item 60"]
    assert entry.caption == "Jumah Example"
    assert entry.names[0].parts["title"] == "Major General/major-général"
    assert entry.birth_dates == [BirthDate("1963"), BirthDate("1964")]
    assert entry.programs == ["SEMA Syria Part 2"]


def test_an_imo_number_failing_its_check_digit_is_kept_and_marked_invalid(
    sample: dict[str, ListEntry],
) -> None:
    entry = sample["Russia / Schedule 1.1 / Item 2"]
    [imo] = entry.identifiers
    assert (imo.value, imo.valid) == ("7612449", False)
    assert entry.main.get("imoNumber") == []


def test_regulations_outside_sema_keep_their_own_programme_name(
    sample: dict[str, ListEntry],
) -> None:
    entry = sample["JVCFOR / Item 12"]
    assert entry.programs == [
        "Justice for Victims of Corrupt Foreign Officials Regulations (JVCFOR)"
    ]
    assert names(entry, NameKind.WEAK_ALIAS) == ["Vanya"]
    assert entry.birth_dates == [BirthDate("1970", "1973", circa=True)]


def test_a_date_that_cannot_be_read_is_kept_as_a_remark_and_reported(tmp_path: Path) -> None:
    entries, report = parse_file(FIXTURE)
    entry = by_ref(entries)["Ukraine / Part 1 / Item 8"]
    assert entry.birth_dates == []
    assert "Date of birth or build as published: Sep-99" in entry.remarks
    assert len(report.warnings) == 1 and "Sep-99" in report.warnings[0]
    assert report.published == "2025-03-20"


# --- bad input -------------------------------------------------------------------------------


def test_an_empty_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    refused(parse_file, write(tmp_path, b""), match=r"sema-lmes\.xml")


def test_a_truncated_file_is_refused_with_its_line(tmp_path: Path) -> None:
    data = FIXTURE.read_bytes()
    path = write(tmp_path, data[: len(data) // 2])
    error = refused(parse_file, path)
    assert error.path == str(path) and error.line is not None


def test_a_file_in_the_wrong_encoding_is_refused_with_its_line(tmp_path: Path) -> None:
    latin = FIXTURE.read_bytes().replace("Bélarus".encode(), "Bélarus".encode("latin-1"), 1)
    error = refused(parse_file, write(tmp_path, latin, name="latin.xml"), match=r"latin\.xml")
    assert error.line == 4


def test_a_record_without_item_is_refused_naming_line_and_element(tmp_path: Path) -> None:
    data = FIXTURE.read_bytes().replace(b"<Item>60</Item>", b"")
    error = refused(parse_file, write(tmp_path, data), match="<Item>")
    assert (error.line, error.element) == (21, "record")


def test_a_record_without_any_name_is_refused(tmp_path: Path) -> None:
    data = FIXTURE.read_bytes().replace(b"<EntityOrShip>Belarusian Steel Works</EntityOrShip>", b"")
    error = refused(parse_file, write(tmp_path, data), match="no name")
    assert error.element == "record"


def test_a_document_with_another_root_or_no_records_is_refused(tmp_path: Path) -> None:
    other = FIXTURE.read_bytes().replace(b"data-set", b"other-set")
    refused(parse_file, write(tmp_path, other), match="<data-set>")
    with pytest.raises(ListFormatError, match="no <record>"):
        parse_file(write(tmp_path, b"<data-set></data-set>", name="empty.xml"))


@settings(max_examples=60, deadline=None)
@given(**MUTATIONS)
def test_mutated_sema_files_raise_nothing_but_list_format_errors(
    at: int, junk: bytes, cut: int
) -> None:
    read_damaged(parse_file, mutate(FIXTURE.read_bytes(), at, junk, cut), SEMA.name)
