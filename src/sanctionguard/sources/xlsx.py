"""Rows of an .xlsx workbook's first sheet, read without openpyxl.

Every part is read through ``archive.read_zip_member`` (zip-bomb limits) and ``xmlsafe``
(no entities, no DTDs); the sheet is streamed row by row. Cells come back as text: shared
and inline strings as written, numbers as printed, date-formatted numbers as ISO dates.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path, PurePosixPath

from lxml import etree

from sanctionguard.errors import ListFormatError
from sanctionguard.sources import archive
from sanctionguard.sources.base import Limits
from sanctionguard.sources.xmllist import line_of, local_name
from sanctionguard.sources.xmlsafe import iter_elements, parse_document

_DEFAULT_SHEET = "xl/worksheets/sheet1.xml"
# Built-in number formats that display dates (ECMA-376 Part 1, 18.8.30).
_BUILTIN_DATE_FORMATS = frozenset({*range(14, 23), 45, 46, 47})
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_EPOCH_1904 = date(1904, 1, 1)


def _members(path: Path) -> list[str]:
    try:
        return archive.zip_members(path)
    except (zlib.error, NotImplementedError, RuntimeError, ValueError) as exc:
        raise ListFormatError(path, f"not a readable zip archive: {exc}") from exc


def _read(path: Path, member: str, limits: Limits, size: int | None = None) -> bytes:
    """One part of the workbook, within the zip-bomb limits.

    A corrupt deflate stream surfaces as ``zlib.error`` (or ``RuntimeError`` for encrypted
    members), which ``archive.read_zip_member`` lets through; here it is a format error.
    """
    try:
        return archive.read_zip_member(path, member, limits, size)
    except (zlib.error, NotImplementedError, RuntimeError, ValueError) as exc:
        raise ListFormatError(path, f"cannot read zip member {member!r}: {exc}") from exc


@dataclass(frozen=True)
class SheetRow:
    """One non-empty sheet row: its 1-based row number and its cells by column letter."""

    number: int
    cells: dict[str, str]


@dataclass(frozen=True)
class _Workbook:
    strings: list[str]
    date_styles: frozenset[int]
    epoch: date
    sheet: str


def is_xlsx(members: tuple[str, ...] | list[str]) -> bool:
    """True when zip members look like a spreadsheet workbook."""
    return "xl/workbook.xml" in members


def read_head(path: Path, limits: Limits, size: int = 8192) -> bytes:
    """The first bytes of the shared strings and the first sheet, for format sniffing."""
    members = _members(path)
    head = b""
    for member in ("xl/sharedStrings.xml", _DEFAULT_SHEET):
        if member in members:
            head += _read(path, member, limits, size)
    return head


def iter_rows(path: Path, limits: Limits) -> Iterator[SheetRow]:
    """Stream the non-empty rows of the workbook's first sheet."""
    members = _members(path)
    if not is_xlsx(members):
        raise ListFormatError(path, "not an .xlsx workbook (no xl/workbook.xml member)")
    book = _workbook(path, limits, members)
    data = _read(path, book.sheet, limits)
    position = 0
    for row in iter_elements(data, path, ["row"]):
        position = _row_number(row, position, path)
        cells = _row_cells(row, position, book, path)
        if any(value.strip() for value in cells.values()):
            yield SheetRow(position, cells)


def _workbook(path: Path, limits: Limits, members: list[str]) -> _Workbook:
    workbook = parse_document(_read(path, "xl/workbook.xml", limits), path)
    epoch = _EXCEL_EPOCH
    for element in workbook.iter():
        if local_name(element.tag) == "workbookPr" and element.get("date1904") in {"1", "true"}:
            epoch = _EXCEL_EPOCH_1904
    strings = (
        _shared_strings(_read(path, "xl/sharedStrings.xml", limits), path)
        if "xl/sharedStrings.xml" in members
        else []
    )
    styles = (
        _date_styles(_read(path, "xl/styles.xml", limits), path)
        if "xl/styles.xml" in members
        else frozenset()
    )
    sheet = _first_sheet(path, limits, workbook, members)
    return _Workbook(strings, styles, epoch, sheet)


def _first_sheet(path: Path, limits: Limits, workbook: etree._Element, members: list[str]) -> str:
    rels_member = "xl/_rels/workbook.xml.rels"
    sheet = next((e for e in workbook.iter() if local_name(e.tag) == "sheet"), None)
    rel_id = None
    if sheet is not None:
        rel_id = next((v for k, v in sheet.attrib.items() if local_name(k) == "id"), None)
    if rel_id is not None and rels_member in members:
        rels = parse_document(_read(path, rels_member, limits), path)
        for rel in rels:
            if rel.get("Id") == rel_id and rel.get("Target"):
                target = str(rel.get("Target"))
                resolved = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                member = str(PurePosixPath(resolved))
                if member in members:
                    return member
    if _DEFAULT_SHEET in members:
        return _DEFAULT_SHEET
    raise ListFormatError(path, "the workbook has no worksheet")


def _shared_strings(data: bytes, path: Path) -> list[str]:
    root = parse_document(data, path)
    return [_rich_text(si) for si in root if local_name(si.tag) == "si"]


def _rich_text(element: etree._Element) -> str:
    """The text of a string item: its ``t`` runs, without phonetic (``rPh``) hints."""
    parts: list[str] = []
    for child in element:
        name = local_name(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if local_name(t.tag) == "t")
    return "".join(parts)


def _date_styles(data: bytes, path: Path) -> frozenset[int]:
    """Indexes of the cell styles whose number format displays a date."""
    root = parse_document(data, path)
    custom: dict[int, str] = {}
    date_xfs: set[int] = set()
    for element in root.iter():
        if local_name(element.tag) == "numFmt":
            fmt_id = _int(element.get("numFmtId"))
            if fmt_id is not None:
                custom[fmt_id] = element.get("formatCode") or ""
    cell_xfs = next((e for e in root if local_name(e.tag) == "cellXfs"), None)
    for index, xf in enumerate(cell_xfs if cell_xfs is not None else []):
        fmt_id = _int(xf.get("numFmtId")) or 0
        if fmt_id in _BUILTIN_DATE_FORMATS or _is_date_format(custom.get(fmt_id, "")):
            date_xfs.add(index)
    return frozenset(date_xfs)


def _is_date_format(code: str) -> bool:
    bare = _QUOTED.sub("", code).lower()
    return any(c in bare for c in "dmy") and "0" not in bare


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _row_number(row: etree._Element, previous: int, path: Path) -> int:
    number = row.get("r")
    if number is None:
        return previous + 1
    value = _int(number)
    if value is None or value < 1:
        raise ListFormatError(
            path, f"bad row number {number!r} in the sheet", line=line_of(row), element="row"
        )
    return value


def _row_cells(row: etree._Element, number: int, book: _Workbook, path: Path) -> dict[str, str]:
    namespace = _namespace(row.tag)
    cells: dict[str, str] = {}
    column = 0
    for cell in row.iterchildren(f"{namespace}c"):
        column += 1
        if not len(cell):
            continue  # a styled but empty cell has no value
        ref = cell.get("r")
        if ref is not None:
            letters = _column(ref, number, path)
            column = _column_index(letters)
        else:
            letters = column_letters(column)
        value = _cell_value(cell, namespace, book, number, path)
        if value is not None:
            cells[letters] = value
    return cells


def _namespace(tag: object) -> str:
    text = str(tag)
    return text[: text.index("}") + 1] if text.startswith("{") else ""


def _column(ref: str, row: int, path: Path) -> str:
    letters = ref.rstrip("0123456789")
    if not (
        0 < len(letters) <= 3 and letters.isascii() and letters.isalpha() and letters.isupper()
    ):
        raise ListFormatError(path, f"row {row}: bad cell reference {ref!r}", line=row, element="c")
    return letters


def column_letters(index: int) -> str:
    """1 → "A", 27 → "AA"."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index


def _cell_value(
    cell: etree._Element, namespace: str, book: _Workbook, row: int, path: Path
) -> str | None:
    kind = cell.get("t") or "n"
    if kind == "inlineStr":
        inline = next((c for c in cell if c.tag == f"{namespace}is"), None)
        return _rich_text(inline) if inline is not None else None
    raw = next((c.text for c in cell if c.tag == f"{namespace}v"), None)
    if raw is None:
        return None
    if kind == "s":
        index = _int(raw)
        if index is None or not 0 <= index < len(book.strings):
            raise ListFormatError(
                path, f"row {row}: shared string {raw!r} does not exist", line=row, element="c"
            )
        return book.strings[index]
    if kind == "n" and _int(cell.get("s")) in book.date_styles:
        return _serial_date(raw, book.epoch) or raw
    return _plain_number(raw) if kind == "n" else raw


def _plain_number(raw: str) -> str:
    """Whole numbers as integers ("1234.0" → "1234"), others unchanged."""
    try:
        number = float(raw)
    except ValueError:
        return raw
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return raw


def _serial_date(raw: str, epoch: date) -> str | None:
    """An Excel serial day number as an ISO date, or None when it is not a plausible date."""
    try:
        days = int(float(raw))
    except (ValueError, OverflowError):
        return None
    if not 1 <= days <= 2958465:
        return None
    return (epoch + timedelta(days=days)).isoformat()
