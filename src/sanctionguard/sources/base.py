"""The contract between the loader and the format modules.

A format module exposes ``SPEC``: a ``FormatSpec`` with a ``sniff`` function that recognises a
file from a ``Sample`` of its content, and a ``parse`` function that turns a ``Bundle`` of files
(all files of one list, e.g. OFAC's sdn/add/alt/comments) into ``ListEntry`` objects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sanctionguard.model.entry import ListEntry


@dataclass(frozen=True)
class Limits:
    """Safety limits for reading untrusted files (zip bombs, huge decompressed members)."""

    max_uncompressed_bytes: int = 1 << 30
    max_compression_ratio: int = 200


@dataclass(frozen=True)
class ListInfo:
    """What a list is: its code, title and publishing authority."""

    name: str
    title: str
    authority: str
    country: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Sample:
    """The start of a file's content, as the format sniffers see it.

    ``head`` is the first bytes of the file, or of the single interesting member when the file
    is gzip-compressed or a zip with one XML/CSV member. ``members`` lists zip members.
    """

    path: Path
    head: bytes
    members: tuple[str, ...] = ()
    member: str | None = None

    @property
    def text(self) -> str:
        return self.head.decode("utf-8", errors="replace").lstrip("\ufeff")


@dataclass(frozen=True)
class Detection:
    """A recognised file: its format, the list it belongs to, and its role in the list's set."""

    format: str
    list_name: str
    path: Path
    role: str = "main"


@dataclass(frozen=True)
class Bundle:
    """All files of one list in one load, handed to the format's parser together."""

    format: str
    list_name: str
    files: tuple[Detection, ...]
    limits: Limits = field(default_factory=Limits)

    def paths(self, role: str | None = None) -> list[Path]:
        """The files with the given role (all files when ``role`` is None), in load order."""
        return [d.path for d in self.files if role is None or d.role == role]


@dataclass
class ParseReport:
    """What a parser learned besides the entries: publication date, warnings, raw counts."""

    published: str | None = None
    records_read: int = 0
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        self.warnings.append(message)


Sniffer = Callable[[Sample], Detection | None]
Parser = Callable[[Bundle, ParseReport], Iterator[ListEntry]]
FileParser = Callable[[Path, Bundle, ParseReport], Iterator[ListEntry]]


def file_by_file(parse_file: FileParser) -> Parser:
    """The parser of a single-file format: each file of the bundle is a whole list on its own,
    read by ``parse_file`` in load order."""

    def parse(bundle: Bundle, report: ParseReport) -> Iterator[ListEntry]:
        for path in bundle.paths():
            yield from parse_file(path, bundle, report)

    return parse


@dataclass(frozen=True)
class FormatSpec:
    """A supported file format: how to recognise it and how to parse it."""

    format: str
    title: str
    sniff: Sniffer
    parse: Parser
    lists: tuple[ListInfo, ...]
    # True when one list is published as several files parsed together (OFAC's CSV set,
    # the EU annex files, the UK tables); otherwise each file is a whole list on its own.
    multi_file: bool = False

    def list_info(self, list_name: str) -> ListInfo:
        for info in self.lists:
            if info.name == list_name:
                return info
        authority = self.lists[0].authority if self.lists else self.title
        return ListInfo(list_name, list_name, authority)
