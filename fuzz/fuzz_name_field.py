"""Coverage-guided fuzzing of query preparation with atheris: whatever a name field holds
(identifiers, dates, places, any text), reading it out and analysing the names either works or
raises ``QueryError``; anything else is a bug and crashes the fuzzer with the input saved.

    pip install -e '.[fuzz]'
    python fuzz/fuzz_name_field.py -max_total_time=600
"""

from __future__ import annotations

import contextlib
import sys

import atheris

with atheris.instrument_imports():
    from sanctionguard.match.embedded import read_embedded
    from sanctionguard.match.query import QueryError, prepare
    from sanctionguard.match.types import Query

SCHEMAS = (None, "Person", "Company", "Organization", "Vessel", "LegalEntity")


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    schema = SCHEMAS[fdp.ConsumeIntInRange(0, len(SCHEMAS) - 1)]
    text = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
    read = read_embedded(text, None if schema is None else schema == "Person")
    if any(ch.isalnum() for ch in text):
        assert all(any(ch.isalnum() for ch in name) for name in read.names), (text, read)
    with contextlib.suppress(QueryError):
        prepare(Query(names=(text,), schema=schema))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
