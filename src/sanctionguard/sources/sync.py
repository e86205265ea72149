"""Downloading the official list files, with retries and checksums, into a staging folder.

A sync succeeds only when every configured file arrived complete; the caller then loads the
staged files like any other load. A failed or partial download raises ``SyncError`` before
anything reaches the store, so the current snapshot is never replaced by a broken one.
"""

from __future__ import annotations

import hashlib
import time
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path

import httpx

from sanctionguard.errors import SyncError
from sanctionguard.settings import Settings, SyncSource

Notify = Callable[[str], None]


def read_sync_config(path: Path) -> tuple[SyncSource, ...]:
    """Sources from a TOML file of ``[[source]]`` tables with name, url, filename, sha256."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SyncError(f"{path}: cannot read sync configuration: {exc}") from exc
    sources = []
    for index, item in enumerate(data.get("source", []), start=1):
        missing = [k for k in ("name", "url", "filename") if not item.get(k)]
        if missing:
            raise SyncError(f"{path}: [[source]] #{index} lacks {', '.join(missing)}")
        sources.append(SyncSource(item["name"], item["url"], item["filename"], item.get("sha256")))
    if not sources:
        raise SyncError(f"{path}: no [[source]] entries")
    return tuple(sources)


def _fetch_once(client: httpx.Client, source: SyncSource, target: Path) -> str:
    sha = hashlib.sha256()
    with client.stream("GET", source.url) as response:
        response.raise_for_status()
        expected = response.headers.get("content-length")
        size = 0
        with target.open("wb") as out:
            for chunk in response.iter_bytes(1 << 16):
                out.write(chunk)
                sha.update(chunk)
                size += len(chunk)
    if expected is not None and int(expected) != size:
        raise SyncError(f"{source.url}: incomplete download ({size} of {expected} bytes)")
    if size == 0:
        raise SyncError(f"{source.url}: the server sent an empty file")
    return sha.hexdigest()


def fetch(
    source: SyncSource,
    staging: Path,
    settings: Settings,
    client: httpx.Client,
    notify: Notify | None = None,
) -> Path:
    """Download one file with retries and exponential back-off; verify its checksum."""
    target = staging / source.filename
    last: Exception | None = None
    for attempt in range(1, settings.sync_retries + 1):
        try:
            digest = _fetch_once(client, source, target)
        except (httpx.HTTPError, SyncError, OSError) as exc:
            last = exc
            if notify is not None:
                notify(f"{source.filename}: attempt {attempt} failed: {exc}")
            time.sleep(min(settings.sync_backoff_s * 2 ** (attempt - 1), 30.0))
            continue
        if source.sha256 and digest != source.sha256.lower():
            raise SyncError(
                f"{source.url}: checksum mismatch (got {digest}, expected {source.sha256})"
            )
        return target
    raise SyncError(f"{source.url}: download failed after {settings.sync_retries} attempts: {last}")


def download_all(
    sources: Sequence[SyncSource],
    staging: Path,
    settings: Settings,
    notify: Notify | None = None,
) -> list[Path]:
    """Download every source into ``staging``; raise ``SyncError`` if any one fails."""
    staging.mkdir(parents=True, exist_ok=True)
    with httpx.Client(timeout=settings.sync_timeout_s, follow_redirects=True) as client:
        return [fetch(s, staging, settings, client, notify) for s in sources]
