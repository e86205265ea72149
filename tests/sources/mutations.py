"""Damaged copies of a good list file, for the parsers' property tests.

A mutation inserts a few arbitrary bytes somewhere and may cut the file short; whatever comes
out, a parser must either read it or raise ``ListFormatError`` (``read_damaged``).
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import strategies as st

from sanctionguard.errors import ListFormatError

MUTATIONS = {
    "at": st.integers(min_value=0),
    "junk": st.binary(max_size=12),
    "cut": st.integers(min_value=0),
}


def mutate(data: bytes, at: int, junk: bytes, cut: int) -> bytes:
    """``data`` with ``junk`` inserted at ``at`` and cut after ``cut`` bytes (at least 40)."""
    at = at % (len(data) + 1)
    mutated = data[:at] + junk + data[at:]
    return mutated[: max(cut % (len(mutated) + 1), 40)]


def read_damaged(read: Callable[[Path], object], data: bytes, name: str) -> None:
    """Save ``data`` as ``name`` in a fresh folder and read it; only a ``ListFormatError``
    may come out (property tests cannot use pytest's per-test ``tmp_path``)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        with contextlib.suppress(ListFormatError):
            read(path)
