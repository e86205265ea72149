"""Helpers for ownership tests: hand-made ownership CSVs and designations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sanctionguard.ownership.model import OwnershipData
from sanctionguard.ownership.reader import read_ownership

HEADER = "owner,owned,share,kind,start,end"


@pytest.fixture()
def ownership_csv(tmp_path: Path) -> Callable[[str], OwnershipData]:
    """Read rows ("owner,owned,share,kind,start,end") written to a real CSV file."""

    def read(rows: str) -> OwnershipData:
        path = tmp_path / "edges.csv"
        lines = [line.strip() for line in rows.strip().splitlines()]
        path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
        return read_ownership([path])

    return read
