"""Decoding and CSV reading with errors that name the file, line and column.

Lists arrive in UTF-8 (with or without BOM), sometimes with a trailing Ctrl-Z (OFAC); a file
in another encoding is refused with the line of the first bad byte rather than read as garbage.
Rows are read with their line (``csv_rows``, ``csv_dicts``); parsers that merge several rows
into one entry keep them as ``CsvRecord`` so errors and entry origins can name the line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sanctionguard.errors import ListFormatError
from sanctionguard.sources.archive import read_bytes
from sanctionguard.sources.base import Limits

CTRL_Z = "\x1a"
_NULLS = frozenset({"-0-", "-0", "NULL", "null", "None", "N/A", "n/a"})


def decode_utf8(data: bytes, path: Path) -> str:
    """Decode UTF-8 strictly; on failure name the line and byte of the first bad sequence."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ListFormatError(
            path,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save the file as UTF-8",
            line=line,
        ) from exc


def read_text(path: Path, limits: Limits) -> str:
    """The file's text (gzip handled), strictly UTF-8, without BOM or trailing Ctrl-Z."""
    data = read_bytes(path, limits)
    if not data.strip():
        raise ListFormatError(path, "the file is empty")
    return decode_utf8(data, path).rstrip(CTRL_Z + "\r\n ") + "\n"


def csv_rows(text: str, path: Path) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line_number, row)`` for each CSV record; line numbers are 1-based starts."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 1
    try:
        for row in reader:
            yield line, row
            line = reader.line_num + 1
    except csv.Error as exc:
        # Report where the broken record began (an unclosed quote runs to the end).
        raise ListFormatError(path, f"malformed CSV record: {exc}", line=line) from exc


def csv_dicts(
    text: str, path: Path, required: Sequence[str] = ()
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row_dict)`` for a CSV with a header row.

    Raises ``ListFormatError`` naming the missing columns when the header lacks any of
    ``required``, and naming the line when a row has more cells than the header.
    """
    rows = csv_rows(text, path)
    try:
        _, header = next(rows)
    except StopIteration:
        raise ListFormatError(path, "the file is empty", line=1) from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    missing = [c for c in required if c not in header]
    if missing:
        raise ListFormatError(
            path, f"missing column(s) {', '.join(missing)} in the header row", line=1
        )
    width = len(header)
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > width:
            raise ListFormatError(
                path, f"row has {len(row)} cells but the header has {width}", line=line
            )
        yield line, dict(zip(header, row + [""] * (width - len(row)), strict=True))


def csv_records(text: str, path: Path, required: Sequence[str] = ()) -> Iterator[CsvRecord]:
    """``csv_dicts`` rows as ``CsvRecord`` objects."""
    for line, cells in csv_dicts(text, path, required):
        yield CsvRecord(path, line, cells)


@dataclass(frozen=True)
class CsvRecord:
    """One data row: its cells by column name, and where it was read."""

    path: Path
    line: int
    cells: Mapping[str, str]

    def get(self, column: str) -> str:
        """The cell with whitespace collapsed; "" for a blank or absent column."""
        return " ".join(self.cells.get(column, "").split())

    @property
    def origin(self) -> str:
        """``file.csv:line``, the form entries record as their origin."""
        return f"{self.path.name}:{self.line}"


def cell(value: str | None) -> str | None:
    """A trimmed cell, or None for blanks and the usual null markers."""
    if value is None:
        return None
    text = " ".join(value.split())
    if not text or text in _NULLS:
        return None
    return text


def cell_values(value: str | None) -> list[str]:
    """The ';'-separated values of a cell, each trimmed; blanks, null markers and empty
    quotes ('""') dropped."""
    pieces = (cell(piece) for piece in (value or "").split(";"))
    return [piece for piece in pieces if piece and piece != '""']
