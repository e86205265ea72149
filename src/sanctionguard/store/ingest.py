"""From list files to a new current snapshot: detect, parse every list, then store atomically.

All files are parsed before the store is touched, so one malformed file aborts the whole load
with the previous snapshot still current.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sanctionguard.errors import SanctionguardError
from sanctionguard.sources.base import Bundle, Limits
from sanctionguard.sources.loader import ParsedSource, parse_bundles, plan_bundles
from sanctionguard.sources.registry import all_formats
from sanctionguard.store.snapshots import LoadResult, Progress, Store


@dataclass(frozen=True)
class IngestResult:
    parsed: list[ParsedSource]
    skipped: list[Path]
    load: LoadResult


ParseStep = Callable[[Bundle, ParsedSource | None], None]
"""Called with ``None`` when a bundle is queued and with its result when it is parsed."""


def refuse_same_list_twice(bundles: Sequence[Bundle]) -> None:
    """One load may carry each list once: the same list in two formats is ambiguous."""
    seen: dict[str, Bundle] = {}
    for bundle in bundles:
        first = seen.setdefault(bundle.list_name, bundle)
        if first is not bundle:
            raise SanctionguardError(
                f"list {bundle.list_name} was given twice in one load, as "
                f"{_files(first)} ({first.format}) and {_files(bundle)} ({bundle.format}); "
                "load one of them (each load makes one version of each list)"
            )


def _files(bundle: Bundle) -> str:
    names = [p.name for p in bundle.paths()]
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def ingest(
    store: Store,
    paths: Sequence[Path],
    limits: Limits,
    *,
    note: str | None = None,
    on_parse: ParseStep | None = None,
    on_write: Progress | None = None,
    workers: int | None = None,
) -> IngestResult:
    """Parse the given files and directories and store them as one new snapshot."""
    formats = all_formats()
    bundles, skipped = plan_bundles(paths, formats, limits)
    refuse_same_list_twice(bundles)
    if on_parse is not None:
        for bundle in bundles:
            on_parse(bundle, None)
    parsed = parse_bundles(bundles, formats, workers, on_parse)
    result = store.load(parsed, note=note, progress=on_write)
    return IngestResult(parsed, skipped, result)
