"""From list files to a new current snapshot: detect, parse every list, then store atomically.

All files are parsed before the store is touched, so one malformed file aborts the whole load
with the previous snapshot still current.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sanctionguard.sources.base import Bundle, Limits
from sanctionguard.sources.loader import ParsedSource, parse_bundle, plan_bundles
from sanctionguard.sources.registry import all_formats
from sanctionguard.store.snapshots import LoadResult, Progress, Store


@dataclass(frozen=True)
class IngestResult:
    parsed: list[ParsedSource]
    skipped: list[Path]
    load: LoadResult


ParseStep = Callable[[Bundle, ParsedSource | None], None]


def ingest(
    store: Store,
    paths: Sequence[Path],
    limits: Limits,
    *,
    note: str | None = None,
    on_parse: ParseStep | None = None,
    on_write: Progress | None = None,
) -> IngestResult:
    """Parse the given files and directories and store them as one new snapshot."""
    formats = all_formats()
    by_name = {spec.format: spec for spec in formats}
    bundles, skipped = plan_bundles(paths, formats, limits)
    parsed = []
    for bundle in bundles:
        if on_parse is not None:
            on_parse(bundle, None)
        source = parse_bundle(bundle, by_name[bundle.format])
        parsed.append(source)
        if on_parse is not None:
            on_parse(bundle, source)
    result = store.load(parsed, note=note, progress=on_write)
    return IngestResult(parsed, skipped, result)
