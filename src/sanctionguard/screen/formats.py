"""Which row-file format a path names: CSV, JSON lines or Parquet, by its extension.

Customer books and screening results travel as one of these three; the text formats may be
gzip-compressed (``book.csv.gz``). Reading and writing both decide the format here.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from sanctionguard.errors import SanctionguardError

GZIP_SUFFIX = ".gz"


class RowFormat(StrEnum):
    CSV = "csv"
    JSONL = "jsonl"
    PARQUET = "parquet"


_SUFFIXES = {
    ".csv": RowFormat.CSV,
    ".jsonl": RowFormat.JSONL,
    ".ndjson": RowFormat.JSONL,
    ".parquet": RowFormat.PARQUET,
    ".pq": RowFormat.PARQUET,
}


def is_gzipped(path: Path) -> bool:
    return path.suffix.lower() == GZIP_SUFFIX


def row_format(path: Path) -> RowFormat:
    """The format a file name asks for; raises ``SanctionguardError`` for any other name.

    >>> row_format(Path("book.csv.gz"))
    <RowFormat.CSV: 'csv'>
    """
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == GZIP_SUFFIX:
        suffixes.pop()
    found = _SUFFIXES.get(suffixes[-1]) if suffixes else None
    if found is None or (found is RowFormat.PARQUET and is_gzipped(path)):
        raise SanctionguardError(
            f"{path}: cannot tell the format from the file name; name it .csv, .jsonl or "
            ".parquet (.csv.gz and .jsonl.gz also work)"
        )
    return found
