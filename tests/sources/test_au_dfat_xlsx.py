"""Australia's DFAT Consolidated List workbook parser (sources/au_dfat_xlsx.py).

The hand-made fixture is kept as the workbook's XML parts under
``tests/fixtures/au_dfat_xlsx/workbook/`` so it can be read and changed; tests zip it.
"""

from __future__ import annotations

import contextlib
import tempfile
import zipfile
from collections import Counter
from functools import partial
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanctionguard.errors import ListFormatError, UnsafeInputError
from sanctionguard.model.entry import BirthDate, ListEntry, NameKind
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources import au_dfat_xlsx
from sanctionguard.sources.base import Bundle, Detection, Limits, ParseReport
from sanctionguard.sources.xlsx import iter_rows
from tests.sources.mutations import MUTATIONS, mutate
from tests.sources.parsing import by_source_id as by_ref
from tests.sources.parsing import load_list, names, refused, run_parser, sniffed

PARTS = Path(__file__).parent.parent / "fixtures" / "au_dfat_xlsx" / "workbook"
SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
LIST = au_dfat_xlsx.LIST_NAME
parse_file = partial(run_parser, au_dfat_xlsx.SPEC)


def part_names() -> list[str]:
    return sorted(str(p.relative_to(PARTS)) for p in PARTS.rglob("*") if p.is_file())


def build_workbook(
    folder: Path,
    name: str = "regulation8_consolidated.xlsx",
    replacements: dict[str, bytes] | None = None,
) -> Path:
    """Zip the fixture parts into an .xlsx, replacing the parts given by member name."""
    replacements = replacements or {}
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in part_names():
            archive.writestr(member, replacements.get(member, (PARTS / member).read_bytes()))
    return path


# --- real data -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dfat_path(shared_data: Path) -> Path:
    return shared_data / "au" / "regulation8_consolidated.xlsx"


@pytest.fixture(scope="module")
def dfat(dfat_path: Path) -> tuple[list[ListEntry], ParseReport]:
    source = load_list(dfat_path, au_dfat_xlsx.SPEC)
    assert source.info.authority == "Department of Foreign Affairs and Trade"
    return source.entries, source.report


def test_the_real_workbook_reads_9553_name_rows_into_3062_listings(
    dfat: tuple[list[ListEntry], ParseReport],
) -> None:
    entries, report = dfat
    assert report.records_read == 9553
    assert len(entries) == 3062
    assert report.published == "2024-11-11"


def test_the_real_name_rows_split_into_6602_individual_and_2951_entity_rows(
    dfat_path: Path,
) -> None:
    """Raw Type cells: 6,552 "Individual", 26 "Individual ", 24 "individual", 2,843 "Entity",
    108 "Entity " - trimmed and case-folded, 6,602 individual and 2,951 entity name rows."""
    rows = list(iter_rows(dfat_path, Limits()))[1:]
    raw = Counter(row.cells.get("C", "") for row in rows)
    assert raw["Individual "] == 26 and raw["individual"] == 24 and raw["Entity "] == 108
    types = Counter(row.cells.get("C", "").strip().casefold() for row in rows)
    assert types == {"individual": 6602, "entity": 2951}


def test_the_real_listings_are_2316_people_and_746_organisations(
    dfat: tuple[list[ListEntry], ParseReport],
) -> None:
    entries, _ = dfat
    assert Counter(e.schema for e in entries) == {"Person": 2316, "Organization": 746}
    assert sum(len(e.names) for e in entries) <= 9553


def test_the_real_programmes_come_from_the_committees_column(
    dfat: tuple[list[ListEntry], ParseReport],
) -> None:
    programmes = Counter(p for e in dfat[0] for p in e.programs)
    assert programmes["Autonomous (Russia)"] == 647
    assert programmes["Autonomous (Ukraine)"] == 841
    assert programmes["1267/1989/2253 (ISIL (Da'esh) and Al-Qaida)"] == 347
    assert programmes["1718 (DPRK)"] == 155


def test_the_real_imo_numbers_in_additional_information_are_extracted_and_valid(
    dfat: tuple[list[ListEntry], ParseReport],
) -> None:
    imos = [i for e in dfat[0] for i in e.identifiers if i.kind is IdKind.IMO]
    assert len(imos) == 20
    assert all(i.valid for i in imos)


def test_a_known_taliban_listing_keeps_its_names_dates_places_and_listing(
    dfat: tuple[list[ListEntry], ParseReport],
) -> None:
    entry = by_ref(dfat[0])["2"]
    assert entry.id == "au-dfat-sanctions-2"
    assert entry.caption == "MOHAMMAD HASSAN AKHUND"
    assert "محمد حسن أخوند" in names(entry, NameKind.STRONG_ALIAS)
    assert BirthDate("1955", "1958", circa=True) in entry.birth_dates
    assert BirthDate("1945", "1950", circa=True) in entry.birth_dates
    assert entry.programs == ["1988 (Taliban)"]
    assert entry.listed_on == "2001-01-25"
    assert entry.main.get("citizenship") == ["af"]


def test_a_known_passport_in_additional_information_becomes_an_identifier(
    dfat: tuple[list[ListEntry], ParseReport],
) -> None:
    passports = {
        i.value: i.country for e in dfat[0] for i in e.identifiers if i.kind is IdKind.PASSPORT
    }
    assert passports["AT0712501"] == "pk"
    assert passports["N001820740"] is None


# --- hand-made fixture -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("au"))


@pytest.fixture(scope="module")
def parsed(fixture_file: Path) -> tuple[dict[str, ListEntry], ParseReport]:
    entries, report = parse_file(fixture_file)
    return by_ref(entries), report


def test_the_workbook_is_recognised_by_its_header_not_its_name(tmp_path: Path) -> None:
    path = build_workbook(tmp_path, name="download.bin")
    detection = sniffed(au_dfat_xlsx.sniff, path)
    assert detection is not None and detection.list_name == LIST
    other_header = (PARTS / STRINGS).read_bytes().replace(b"Name Type", b"Kind")
    other = build_workbook(tmp_path, name="other.xlsx", replacements={STRINGS: other_header})
    assert sniffed(au_dfat_xlsx.sniff, other) is None


def test_rows_sharing_a_numeric_reference_become_one_entry(
    parsed: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    entries, report = parsed
    assert sorted(entries) == ["1", "2", "3", "4"]
    assert report.records_read == 9


def test_name_types_are_trimmed_and_case_folded_into_kinds(
    parsed: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    entries, _ = parsed
    person = entries["1"]
    assert person.caption == "ABDUL EXAMPLE"
    assert names(person, NameKind.STRONG_ALIAS) == ["Abdul Exemplar", "عبد المثال"]
    assert [n.original_script for n in person.names] == [False, False, True]
    assert names(entries["2"], NameKind.STRONG_ALIAS) == ["EXAMPLE SHIPPING CO"]
    assert names(entries["3"], NameKind.FORMER) == ["Ivan Sampleev"]


def test_types_with_stray_spaces_and_lower_case_give_people_and_organisations(
    parsed: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    entries, _ = parsed
    schemas = {ref: entry.schema for ref, entry in entries.items()}
    assert schemas == {"1": "Person", "2": "Organization", "3": "Person", "4": "Person"}


def test_listed_birth_dates_with_circa_ranges_and_places_are_kept_once(
    parsed: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    person = parsed[0]["1"]
    assert person.birth_dates == [
        BirthDate("1964-01-01"),
        BirthDate("1960", "1962", circa=True),
    ]
    assert person.main.get("birthPlace") == ["Kabul, Afghanistan", "Kandahar, Afghanistan"]
    assert person.main.get("citizenship") == ["af"]
    assert person.main.get("address") == []


def test_date_formatted_cells_are_read_as_dates(
    parsed: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    entries, report = parsed
    ivan = entries["3"]
    assert ivan.birth_dates == [BirthDate("1968-06-11")]
    assert ivan.listed_on == "2022-03-01"
    assert ivan.main.get("modifiedAt") == ["2023-11-10"]
    assert entries["1"].main.get("modifiedAt") == ["2023-03-15"]
    assert report.published == "2023-11-10"


def test_two_citizenships_in_one_cell_are_both_kept(
    parsed: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    assert sorted(parsed[0]["3"].main.get("citizenship")) == ["ru", "ua"]


def test_listing_text_gives_the_listing_date_and_stays_a_remark(
    parsed: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    person = parsed[0]["1"]
    assert person.listed_on == "2001-01-25"
    assert "Listed on 25 Jan. 2001 (amended on 3 Sep. 2003)" in person.remarks
    assert person.programs == ["1988 (Taliban)"]


def test_imo_and_passport_numbers_are_taken_from_additional_information(
    parsed: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    entries, _ = parsed
    company = entries["2"]
    imos = {(i.value, i.note, i.valid) for i in company.identifiers}
    assert imos == {
        ("5344160", "IMO company number", True),
        ("5342883", "IMO company number", True),
    }
    assert company.programs == ["1970 (Libya)", "1973 (Libya)"]
    [passport] = entries["1"].identifiers
    assert (passport.kind, passport.value) == (IdKind.PASSPORT, "OA 123456")
    [yemeni] = entries["4"].identifiers
    assert (yemeni.value, yemeni.country) == ("01055336", "ye")


def test_inline_string_cells_are_read(parsed: tuple[dict[str, ListEntry], ParseReport]) -> None:
    assert parsed[0]["4"].caption == "Nasser Inline"


def test_a_hijri_date_is_kept_as_a_remark_and_a_row_without_reference_is_reported(
    parsed: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    entries, report = parsed
    nasser = entries["4"]
    assert nasser.birth_dates == [BirthDate("1982-04-19")]
    assert any("Hijri" in r for r in nasser.remarks)
    assert len(report.warnings) == 2
    assert any(":10: row without a usable reference" in w for w in report.warnings)


# --- bad input -------------------------------------------------------------------------------


def test_an_empty_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "regulation8_consolidated.xlsx"
    path.write_bytes(b"")
    refused(parse_file, path, match=r"regulation8_consolidated\.xlsx")


def test_a_truncated_workbook_is_refused_naming_the_file(tmp_path: Path) -> None:
    data = build_workbook(tmp_path).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    refused(parse_file, path, match=r"cut\.xlsx")


def test_a_truncated_sheet_is_refused_with_its_line(tmp_path: Path) -> None:
    sheet = (PARTS / SHEET).read_bytes()
    path = build_workbook(tmp_path, replacements={SHEET: sheet[: len(sheet) // 2]})
    error = refused(parse_file, path)
    assert error.path == str(path) and error.line is not None


def test_a_shared_strings_part_in_the_wrong_encoding_is_refused_with_its_line(
    tmp_path: Path,
) -> None:
    strings = (PARTS / STRINGS).read_bytes()
    latin = strings.replace(b"ABDUL", "ÉABDUL".encode("latin-1"))
    path = build_workbook(tmp_path, replacements={STRINGS: latin})
    error = refused(parse_file, path)
    assert error.line is not None


def test_a_header_without_the_name_columns_is_refused_naming_them(tmp_path: Path) -> None:
    strings = (PARTS / STRINGS).read_bytes().replace(b">Name Type<", b">Kind<")
    path = build_workbook(tmp_path, replacements={STRINGS: strings})
    error = refused(parse_file, path, match="name type")
    assert error.line == 1


def test_an_unknown_type_is_refused_naming_the_row(tmp_path: Path) -> None:
    strings = (PARTS / STRINGS).read_bytes().replace(b">Entity <", b">Vessel<")
    path = build_workbook(tmp_path, replacements={STRINGS: strings})
    error = refused(parse_file, path, match="unknown Type 'Vessel'")
    assert error.line == 5


def test_a_cell_pointing_at_a_missing_shared_string_is_refused_naming_the_row(
    tmp_path: Path,
) -> None:
    sheet = (PARTS / SHEET).read_bytes().replace(b'<c r="B3" t="s"><v>', b'<c r="B3" t="s"><v>9')
    path = build_workbook(tmp_path, replacements={SHEET: sheet})
    error = refused(parse_file, path, match="shared string")
    assert error.line == 3


def test_a_header_only_workbook_is_refused(tmp_path: Path) -> None:
    sheet = (PARTS / SHEET).read_bytes()
    header_only = sheet[: sheet.index(b'<row r="2">')] + b"</sheetData></worksheet>"
    path = build_workbook(tmp_path, replacements={SHEET: header_only})
    refused(parse_file, path, match="no name rows")


def test_a_zip_bomb_sheet_is_refused_unread(tmp_path: Path) -> None:
    bomb = (PARTS / SHEET).read_bytes().replace(b"</sheetData>", b" " * 5_000_000 + b"</sheetData>")
    path = build_workbook(tmp_path, replacements={SHEET: bomb})
    bundle = Bundle(au_dfat_xlsx.FORMAT, LIST, (Detection(au_dfat_xlsx.FORMAT, LIST, path),))
    tight = Bundle(bundle.format, LIST, bundle.files, Limits(max_compression_ratio=50))
    with pytest.raises(UnsafeInputError, match="zip bomb"):
        list(au_dfat_xlsx.SPEC.parse(tight, ParseReport()))


@settings(max_examples=60, deadline=None)
@given(**MUTATIONS)
def test_mutated_sheets_raise_nothing_but_list_format_errors(
    at: int, junk: bytes, cut: int
) -> None:
    sheet = mutate((PARTS / SHEET).read_bytes(), at, junk, cut)
    with tempfile.TemporaryDirectory() as folder:
        path = build_workbook(Path(folder), replacements={SHEET: sheet})
        with contextlib.suppress(ListFormatError):
            parse_file(path)


@settings(max_examples=40, deadline=None)
@given(position=st.integers(min_value=0, max_value=4000), junk=st.binary(min_size=1, max_size=8))
def test_mutated_workbook_archives_raise_nothing_but_list_format_errors(
    position: int, junk: bytes
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = build_workbook(Path(folder))
        data = path.read_bytes()
        position %= len(data)
        path.write_bytes(data[:position] + junk + data[position + len(junk) :])
        with contextlib.suppress(ListFormatError):
            parse_file(path)
