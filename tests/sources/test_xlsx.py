"""Reading .xlsx sheets without openpyxl (sources/xlsx.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from sanctionguard.errors import ListFormatError
from sanctionguard.sources.base import Limits
from sanctionguard.sources.xlsx import SheetRow, column_letters, iter_rows

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def workbook(
    folder: Path, sheet_rows: str, *, date1904: bool = False, absolute: bool = False
) -> Path:
    """A minimal workbook: no shared strings, one date style, the sheet under a custom name."""
    pr = '<workbookPr date1904="1"/>' if date1904 else ""
    target = "/xl/worksheets/data.xml" if absolute else "worksheets/data.xml"
    parts = {
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}">{pr}'
        '<sheets><sheet name="S" sheetId="1" r:id="rId7"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/'
        f'package/2006/relationships"><Relationship Id="rId7" Target="{target}"/></Relationships>',
        "xl/styles.xml": f'<styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/>'
        '<xf numFmtId="14"/></cellXfs></styleSheet>',
        "xl/worksheets/data.xml": f'<worksheet xmlns="{MAIN}"><sheetData>{sheet_rows}'
        "</sheetData></worksheet>",
    }
    path = folder / "book.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def test_column_letters_count_like_spreadsheets() -> None:
    assert [column_letters(i) for i in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]


def test_inline_strings_numbers_and_dates_are_read_from_the_sheet_the_workbook_names(
    tmp_path: Path,
) -> None:
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Ref</t></is></c>'
        '<c r="C1" t="inlineStr"><is><r><t>Da</t></r><r><t>te</t></r></is></c></row>'
        '<row r="3"><c r="A3"><v>12.0</v></c><c r="B3" t="str"><v>x</v></c>'
        '<c r="C3" s="1"><v>45000</v></c></row>'
        '<row r="4"><c r="A4" s="1"/></row>'
    )
    assert list(iter_rows(workbook(tmp_path, rows), Limits())) == [
        SheetRow(1, {"A": "Ref", "C": "Date"}),
        SheetRow(3, {"A": "12", "B": "x", "C": "2023-03-15"}),
    ]


def test_workbooks_counting_days_from_1904_and_absolute_part_names_are_read(
    tmp_path: Path,
) -> None:
    rows = '<row><c s="1"><v>0</v></c><c s="1"><v>1</v></c></row>'
    path = workbook(tmp_path, rows, date1904=True, absolute=True)
    assert list(iter_rows(path, Limits())) == [SheetRow(1, {"A": "0", "B": "1904-01-02"})]


def test_a_bad_cell_reference_is_refused_naming_the_row(tmp_path: Path) -> None:
    path = workbook(tmp_path, '<row r="2"><c r="2B"><v>1</v></c></row>')
    with pytest.raises(ListFormatError, match="bad cell reference") as error:
        list(iter_rows(path, Limits()))
    assert error.value.line == 2


def test_a_zip_without_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ListFormatError, match=r"not an \.xlsx workbook"):
        list(iter_rows(path, Limits()))
