"""Coverage-guided fuzzing of every list parser with atheris.

Each input is written to a temporary file, detected and parsed like a real load. The only
acceptable failure is a ``ListFormatError`` (which includes unknown-format and unsafe-input
errors); anything else is a parser bug and crashes the fuzzer with the input saved.

    pip install -e '.[fuzz]'
    python fuzz/fuzz_parsers.py -max_total_time=600 fuzz/corpus

Seed ``fuzz/corpus`` with small real files (e.g. the ``examples/lists`` files).
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from sanctionguard.errors import ListFormatError
    from sanctionguard.sources.base import Limits
    from sanctionguard.sources.loader import parse_paths
    from sanctionguard.sources.registry import all_formats

FORMATS = all_formats()
LIMITS = Limits(max_uncompressed_bytes=1 << 22)
NAMES = ("sdn.csv", "consolidated.xml", "list.csv", "sema-lmes.xml", "list.xlsx", "e.ftm.json")


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    name = NAMES[fdp.ConsumeIntInRange(0, len(NAMES) - 1)]
    payload = fdp.ConsumeBytes(fdp.remaining_bytes())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(payload)
        with contextlib.suppress(ListFormatError):
            parse_paths([path], FORMATS, LIMITS)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
