"""Reading ownership files of any supported format, detected by content, then checking them.

``read_ownership(paths)`` returns one ``OwnershipData`` with every file's parties, edges and
located issues, plus the cross-file checks: references to parties nobody describes, shares of
one entity that add up to more than 100% on some day, an entity owning itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from sanctionguard.errors import UnknownFormatError
from sanctionguard.ownership.bods import UNKNOWN_SCHEMA, looks_like_bods, read_bods
from sanctionguard.ownership.csv_format import looks_like_csv, read_csv
from sanctionguard.ownership.ftm import looks_like_ftm, read_ftm
from sanctionguard.ownership.gleif import looks_like_gleif, read_gleif
from sanctionguard.ownership.model import EdgeKind, OwnershipData, OwnershipEdge, Party

Reader = Callable[[Path], OwnershipData]
SUM_TOLERANCE = 1e-6

# Order matters: FtM lines and BODS both are JSON; the GLEIF test is the most specific.
FORMATS: tuple[tuple[str, Callable[[str], bool], Reader], ...] = (
    ("gleif", looks_like_gleif, read_gleif),
    ("bods", looks_like_bods, read_bods),
    ("ftm", looks_like_ftm, read_ftm),
    ("csv", looks_like_csv, read_csv),
)


def detect(path: Path) -> tuple[str, Reader]:
    """The format name and reader of a file, from its first bytes."""
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        head = handle.read(65536)
    for name, test, reader in FORMATS:
        if test(head):
            return (name, reader)
    raise UnknownFormatError(
        path, "not an ownership file: expected FtM JSON lines, BODS, GLEIF JSON or the CSV"
    )


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files given directly, and the files inside given directories (sorted)."""
    return [path for path, _named in _expand(paths)]


def _expand(paths: Iterable[Path]) -> list[tuple[Path, bool]]:
    files: list[tuple[Path, bool]] = []
    for path in paths:
        if path.is_dir():
            files.extend((p, False) for p in sorted(path.rglob("*")) if p.is_file())
        else:
            files.append((path, True))
    return files


def read_ownership(paths: Iterable[Path]) -> OwnershipData:
    """Every file's parties and edges, with per-file and cross-file issues.

    A file named directly must be an ownership file; inside a folder, other files are skipped
    with a warning (folders of samples carry READMEs and reference tables).
    """
    data = OwnershipData()
    for path, named in _expand(paths):
        if not path.is_file():
            raise UnknownFormatError(path, "no such file")
        try:
            _name, reader = detect(path)
        except UnknownFormatError:
            if named:
                raise
            data.warn(str(path), "not an ownership file; skipped")
            continue
        data.extend(reader(path))
    check(data)
    return data


def check(data: OwnershipData) -> None:
    """Cross-file checks; dangling parties are added as unknown parties (never dropped)."""
    for edge in data.edges:
        for side in (edge.owner, edge.owned):
            if side not in data.parties:
                data.warn(
                    edge.location or edge.id,
                    f"{side} is referenced but not described; it is treated as an unknown "
                    "party that cannot be screened",
                )
                data.add_party(Party(id=side, schema=UNKNOWN_SCHEMA, source="(dangling reference)"))
        if edge.owner == edge.owned and edge.kind is EdgeKind.OWNERSHIP:
            data.warn(edge.location or edge.id, f"{edge.owner} owns itself (treasury shares?)")
    _check_sums(data)


def _check_sums(data: OwnershipData) -> None:
    by_owned: dict[str, list[OwnershipEdge]] = defaultdict(list)
    for edge in data.edges:
        if edge.kind is EdgeKind.OWNERSHIP and edge.share.known:
            by_owned[edge.owned].append(edge)
    for owned, edges in by_owned.items():
        if sum(e.share.low for e in edges) <= 100 + SUM_TOLERANCE:
            continue  # cannot exceed 100% on any day
        for day in sorted({e.start or date.min for e in edges}):
            total = sum(e.share.low for e in edges if e.active_on(day))
            if total > 100 + SUM_TOLERANCE:
                when = f"on {day}" if day != date.min else "before any dated change"
                data.warn(
                    f"entity {owned}",
                    f"recorded shares add up to {total:g}% {when} (over 100%): duplicate or "
                    "stale records? Findings may overstate ownership, never understate it",
                )
                break
