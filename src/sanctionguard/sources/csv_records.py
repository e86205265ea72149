"""A CSV data row kept with the file and line it was read from.

Parsers that merge several rows into one entry (EU Journal annexes, OFSI ConList, the UK
derived tables) hold rows as ``CsvRecord`` so errors and entry origins can name the line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


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
