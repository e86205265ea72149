"""Reading compressed inputs (zip, gzip) under size limits, so a zip bomb is refused unread.

Every read is bounded twice: an absolute cap on decompressed bytes, and a cap on the ratio of
decompressed to compressed size (real list archives compress 5-20x; bombs 1000x and more).
"""

from __future__ import annotations

import gzip
import zipfile
import zlib
from pathlib import Path
from typing import Protocol

from sanctionguard.errors import ListFormatError, UnsafeInputError
from sanctionguard.sources.base import Limits

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"
_CHUNK = 1 << 16


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def _read_bounded(stream: _Readable, path: Path, budget: int, what: str) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > budget:
            raise UnsafeInputError(
                path,
                f"{what} decompresses to more than {budget:,} bytes; refused as a possible "
                "zip bomb (raise the limit in settings if the file is genuine)",
            )
        chunks.append(chunk)


def _budget(compressed: int, limits: Limits) -> int:
    return min(
        limits.max_uncompressed_bytes, max(compressed, 1 << 16) * limits.max_compression_ratio
    )


def zip_members(path: Path) -> list[str]:
    """Names of the file members of a zip archive."""
    try:
        with zipfile.ZipFile(path) as archive:
            return [i.filename for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
        raise ListFormatError(path, f"not a readable zip archive: {exc}") from exc


def read_zip_member(path: Path, member: str, limits: Limits, size: int | None = None) -> bytes:
    """The content (or the first ``size`` bytes) of one zip member, within the limits."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(member)
            budget = _budget(info.compress_size, limits)
            if info.file_size > budget:
                raise UnsafeInputError(
                    path,
                    f"member {member!r} declares {info.file_size:,} bytes from "
                    f"{info.compress_size:,} compressed; refused as a possible zip bomb",
                )
            with archive.open(info) as stream:
                if size is not None:
                    return stream.read(size)
                return _read_bounded(stream, path, budget, f"member {member!r}")
    except (
        zipfile.BadZipFile,
        KeyError,
        OSError,
        EOFError,
        zlib.error,
        RuntimeError,
        NotImplementedError,
    ) as exc:
        raise ListFormatError(path, f"cannot read zip member {member!r}: {exc}") from exc


def read_gzip(path: Path, limits: Limits, size: int | None = None) -> bytes:
    """The decompressed content (or its first ``size`` bytes) of a gzip file."""
    budget = _budget(path.stat().st_size, limits)
    try:
        with gzip.open(path, "rb") as stream:
            if size is not None:
                return stream.read(size)
            return _read_bounded(stream, path, budget, "gzip content")
    except (OSError, EOFError, zlib.error) as exc:
        raise ListFormatError(path, f"cannot decompress gzip file: {exc}") from exc


def read_bytes(path: Path, limits: Limits) -> bytes:
    """The content of a plain or gzip-compressed file."""
    with path.open("rb") as stream:
        magic = stream.read(2)
    if magic == GZIP_MAGIC:
        return read_gzip(path, limits)
    return path.read_bytes()
