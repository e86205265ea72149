"""Running a format's parser in the parser tests: on real list files, on its hand-made
fixture, and on edited or damaged copies of that fixture.

``run_parser`` bypasses content detection, so a test can hand a parser a file that its
sniffer would refuse (a wrong root, an empty file) and see the parser's own error;
``load_list`` detects and parses files the way the loader does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest

from sanctionguard.errors import ListFormatError
from sanctionguard.model.entry import ListEntry, NameKind
from sanctionguard.sources.base import Bundle, Detection, FormatSpec, Limits, ParseReport, Sniffer
from sanctionguard.sources.loader import ParsedSource, parse_paths, sample_file

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
T = TypeVar("T")


def run_parser(spec: FormatSpec, path: Path) -> tuple[list[ListEntry], ParseReport]:
    list_name = spec.lists[0].name
    bundle = Bundle(spec.format, list_name, (Detection(spec.format, list_name, path),))
    report = ParseReport()
    return list(spec.parse(bundle, report)), report


def load_list(paths: Path | Sequence[Path], *specs: FormatSpec) -> ParsedSource:
    """The one list that ``paths`` make, recognised and parsed as the loader does."""
    [source] = parse_paths([paths] if isinstance(paths, Path) else list(paths), formats=specs)
    return source


def sniffed(sniff: Sniffer, path: Path) -> Detection | None:
    """What a format's sniffer makes of a file, from the sample the loader would take."""
    return sniff(sample_file(path, Limits()))


def by_source_id(entries: list[ListEntry]) -> dict[str, ListEntry]:
    return {entry.source_id: entry for entry in entries}


def by_id(source: ParsedSource, source_id: str) -> ListEntry:
    """The entry with the authority's reference ``source_id``."""
    return next(e for e in source.entries if e.source_id == source_id)


def names(entry: ListEntry, kind: NameKind) -> list[str]:
    """The entry's names of one kind, in the order the list gives them."""
    return [name.value for name in entry.names if name.kind is kind]


def write(folder: Path, data: bytes | str, name: str) -> Path:
    """``data`` saved as ``folder/name`` (text as UTF-8)."""
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def edited(fixture: Path, old: str, new: str) -> bytes:
    """The fixture with the first ``old`` replaced, failing loudly if ``old`` is not there."""
    text = fixture.read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1).encode("utf-8")


def refused(read: Callable[[T], object], source: T, match: str | None = None) -> ListFormatError:
    """The ``ListFormatError`` that ``read(source)`` raises; the test fails if none is raised."""
    with pytest.raises(ListFormatError, match=match) as error:
        read(source)
    return error.value


@dataclass(frozen=True)
class FormatFixture:
    """A format's parser with its hand-made fixture and the name copies of it are saved under."""

    spec: FormatSpec
    path: Path
    name: str
    # The formats detection chooses among in ``load`` (only the fixture's own if empty).
    formats: tuple[FormatSpec, ...] = ()

    def parse(self, path: Path) -> tuple[list[ListEntry], ParseReport]:
        """The entries and report of the parser run on ``path``, without detection."""
        return run_parser(self.spec, path)

    def load(self, path: Path) -> ParsedSource:
        """The list ``path`` makes once recognised among ``formats``, as the loader reads it."""
        return load_list(path, *(self.formats or (self.spec,)))

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def write(self, folder: Path, data: bytes | str, name: str | None = None) -> Path:
        """``data`` saved in ``folder`` under the fixture's file name unless ``name`` is given."""
        return write(folder, data, name or self.name)

    def edited(self, old: str, new: str) -> bytes:
        return edited(self.path, old, new)
