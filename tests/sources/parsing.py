"""Running one format's parser on one file, and reading its entries, for the parser tests.

``run_parser`` bypasses content detection, so a test can hand a parser a file that its
sniffer would refuse (a wrong root, an empty file) and see the parser's own error.
"""

from __future__ import annotations

from pathlib import Path

from sanctionguard.model.entry import ListEntry, NameKind
from sanctionguard.sources.base import Bundle, Detection, FormatSpec, ParseReport


def run_parser(spec: FormatSpec, path: Path) -> tuple[list[ListEntry], ParseReport]:
    list_name = spec.lists[0].name
    bundle = Bundle(spec.format, list_name, (Detection(spec.format, list_name, path),))
    report = ParseReport()
    return list(spec.parse(bundle, report)), report


def by_source_id(entries: list[ListEntry]) -> dict[str, ListEntry]:
    return {entry.source_id: entry for entry in entries}


def names(entry: ListEntry, kind: NameKind) -> list[str]:
    """The entry's names of one kind, in the order the list gives them."""
    return [name.value for name in entry.names if name.kind is kind]


def write(folder: Path, data: bytes, name: str) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def edited(fixture: Path, old: str, new: str) -> bytes:
    """The fixture with the first ``old`` replaced, failing loudly if ``old`` is not there."""
    text = fixture.read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1).encode("utf-8")
