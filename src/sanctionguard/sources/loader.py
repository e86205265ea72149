"""From paths on disk to parsed sources: detect each file's format, group, parse, check.

Files are recognised by content (``detect``), grouped by (format, list) into bundles so that
multi-file lists such as OFAC's CSV set are parsed together, and each bundle's entries are
checked for duplicate ids before anything reaches the store.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from sanctionguard.errors import ListFormatError, UnknownFormatError
from sanctionguard.model.entry import ListEntry
from sanctionguard.sources.archive import (
    GZIP_MAGIC,
    ZIP_MAGIC,
    read_gzip,
    read_zip_member,
    zip_members,
)
from sanctionguard.sources.base import (
    Bundle,
    Detection,
    FormatSpec,
    Limits,
    ListInfo,
    ParseReport,
    Sample,
)

SAMPLE_BYTES = 1 << 16
# Below this much input, starting worker processes costs more than it saves.
PARALLEL_MIN_BYTES = 4 << 20
_TEXT_MEMBERS = (".xml", ".csv", ".json", ".jsonl", ".txt")


@dataclass(frozen=True)
class FileDigest:
    """A loaded file's name, size and SHA-256, recorded with the snapshot."""

    name: str
    size: int
    sha256: str


@dataclass
class ParsedSource:
    """One list parsed from its files: entries plus what the parser reported."""

    info: ListInfo
    format: str
    files: list[FileDigest]
    entries: list[ListEntry]
    report: ParseReport


def sample_file(path: Path, limits: Limits) -> Sample:
    """The first bytes of a file's content, looking inside gzip and single-member zips."""
    if not path.is_file():
        raise ListFormatError(path, "no such file")
    with path.open("rb") as stream:
        head = stream.read(SAMPLE_BYTES)
    if not head.strip():
        raise ListFormatError(path, "the file is empty")
    if head.startswith(GZIP_MAGIC):
        return Sample(path, read_gzip(path, limits, SAMPLE_BYTES))
    if head.startswith(ZIP_MAGIC):
        members = tuple(zip_members(path))
        texts = [m for m in members if m.lower().endswith(_TEXT_MEMBERS)]
        if len(texts) == 1 and not any(m.startswith("xl/") for m in members):
            return Sample(
                path, read_zip_member(path, texts[0], limits, SAMPLE_BYTES), members, texts[0]
            )
        return Sample(path, head, members)
    return Sample(path, head)


def detect(path: Path, formats: Sequence[FormatSpec], limits: Limits) -> Detection:
    """Recognise a file's format from its content; raise ``UnknownFormatError`` if none fits."""
    sample = sample_file(path, limits)
    for spec in formats:
        found = spec.sniff(sample)
        if found is not None:
            return found
    raise UnknownFormatError(
        path,
        "unknown format: not one of the supported list formats "
        "(run `sanctionguard lists formats` to see them)",
    )


def expand_paths(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """Files named directly, and files found by walking directories (sorted, no hidden)."""
    direct: list[Path] = []
    walked: list[Path] = []
    for path in paths:
        if path.is_dir():
            walked.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            direct.append(path)
    return direct, walked


def plan_bundles(
    paths: Sequence[Path], formats: Sequence[FormatSpec], limits: Limits
) -> tuple[list[Bundle], list[Path]]:
    """Group files into bundles by (format, list); return bundles and skipped directory files.

    A file named directly must be recognised; inside a directory, unrecognised files
    (READMEs, notes) are skipped and reported.
    """
    direct, walked = expand_paths(paths)
    multi = {spec.format for spec in formats if spec.multi_file}
    grouped: dict[tuple[str, str, str], list[Detection]] = {}
    skipped: list[Path] = []
    for path, strict in [(p, True) for p in direct] + [(p, False) for p in walked]:
        try:
            det = detect(path, formats, limits)
        except UnknownFormatError:
            if strict:
                raise
            skipped.append(path)
            continue
        # A single-file format makes one bundle per file: two files are two versions.
        key = (det.format, det.list_name, "" if det.format in multi else str(path))
        grouped.setdefault(key, []).append(det)
    bundles = [
        Bundle(fmt, list_name, tuple(dets), limits) for (fmt, list_name, _), dets in grouped.items()
    ]
    return bundles, skipped


def digest(path: Path) -> FileDigest:
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            sha.update(chunk)
    return FileDigest(path.name, path.stat().st_size, sha.hexdigest())


def check_unique_ids(entries: Sequence[ListEntry], bundle: Bundle) -> None:
    """Refuse a list in which two records carry the same authority reference."""
    seen: dict[str, ListEntry] = {}
    for entry in entries:
        first = seen.get(entry.id)
        if first is not None:
            path, _, line = entry.origin.rpartition(":")
            raise ListFormatError(
                path or bundle.paths()[0],
                f"duplicate id {entry.source_id!r}: also at {first.origin}",
                line=int(line) if line.isdigit() else None,
            )
        seen[entry.id] = entry


def parse_bundle(bundle: Bundle, spec: FormatSpec) -> ParsedSource:
    """Parse one bundle completely and check it; raises on any malformed input."""
    report = ParseReport()
    entries = list(spec.parse(bundle, report))
    if not entries:
        raise ListFormatError(bundle.paths()[0], "no list entries found in the file(s)")
    check_unique_ids(entries, bundle)
    return ParsedSource(
        info=spec.list_info(bundle.list_name),
        format=bundle.format,
        files=[digest(p) for p in bundle.paths()],
        entries=entries,
        report=report,
    )


ParseDone = Callable[[Bundle, ParsedSource], None]


def _parse_in_worker(bundle: Bundle) -> ParsedSource:
    from sanctionguard.sources.registry import get_format

    return parse_bundle(bundle, get_format(bundle.format))


def _bundle_size(bundle: Bundle) -> int:
    return sum(p.stat().st_size for p in bundle.paths())


def parse_bundles(
    bundles: Sequence[Bundle],
    formats: Sequence[FormatSpec],
    workers: int | None = None,
    on_done: ParseDone | None = None,
) -> list[ParsedSource]:
    """Parse bundles, in parallel processes when there is enough work; keeps input order.

    Big bundles are started first so the cores stay busy; a parse error in any bundle is
    raised as the same ``ListFormatError`` it would be in-process.
    """
    by_name = {s.format: s for s in formats}
    count = min(workers or os.cpu_count() or 1, len(bundles))
    results: dict[int, ParsedSource] = {}
    if count <= 1 or sum(_bundle_size(b) for b in bundles) < PARALLEL_MIN_BYTES:
        for index, bundle in enumerate(bundles):
            results[index] = parse_bundle(bundle, by_name[bundle.format])
            if on_done is not None:
                on_done(bundle, results[index])
        return [results[i] for i in range(len(bundles))]
    order = sorted(range(len(bundles)), key=lambda i: -_bundle_size(bundles[i]))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        futures = {pool.submit(_parse_in_worker, bundles[i]): i for i in order}
        for future in as_completed(futures):
            index = futures[future]
            results[index] = future.result()
            if on_done is not None:
                on_done(bundles[index], results[index])
    return [results[i] for i in range(len(bundles))]


def parse_paths(
    paths: Sequence[Path],
    formats: Sequence[FormatSpec] | None = None,
    limits: Limits | None = None,
) -> list[ParsedSource]:
    """Detect, group and parse files; the one-call entry point for the CLI and tests."""
    from sanctionguard.sources.registry import all_formats

    specs = tuple(formats) if formats is not None else all_formats()
    lim = limits or Limits()
    bundles, _ = plan_bundles(paths, specs, lim)
    return parse_bundles(bundles, specs, workers=1)
