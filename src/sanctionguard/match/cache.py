"""Compiled indexes kept on disk, one per snapshot content and matcher version.

A snapshot never changes, so its compiled index can be reused until the lists or the matching
code change: the file name is a fingerprint of the snapshot's sources (list, file digests,
entity counts) and of the ``names`` and ``match`` code and data. Files are written atomically
and only the most recent few are kept. The directory must be as trusted as the database: an
index file is a pickle.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

from sanctionguard.compiled import compiled_modules
from sanctionguard.match.index import MatchIndex
from sanctionguard.store.snapshots import SnapshotInfo, Store

KEEP = 3
_PACKAGES = ("names", "match")


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the code and data that decide what an index holds (and of which modules
    run compiled: a compiled class pickles its own way)."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(",".join(compiled_modules()).encode())
    for package in _PACKAGES:
        for path in sorted((root / package).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".json", ".csv", ".txt", ".yaml"):
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def fingerprint(info: SnapshotInfo) -> str:
    """What the snapshot holds, independent of its id in one database."""
    digest = hashlib.sha256(code_version().encode())
    for source in sorted(info.sources, key=lambda s: s.list_name):
        digest.update(f"{source.list_name}:{source.entity_count}".encode())
        for item in source.files:
            digest.update(str(item.get("sha256", item.get("name", ""))).encode())
    return digest.hexdigest()[:24]


def index_path(store: Store, snap_id: int, directory: Path) -> Path:
    """Where the compiled index of a snapshot lives in ``directory``."""
    return directory / f"index-{fingerprint(store.snapshot(snap_id))}.pickle"


def load_index(path: Path) -> MatchIndex | None:
    """The compiled index in ``path``, or None when it is missing, damaged or outdated."""
    if not path.is_file():
        return None
    try:
        with path.open("rb") as stream:
            found = pickle.load(stream)  # noqa: S301 - our own file, see module docs
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return found if isinstance(found, MatchIndex) else None


def cached_index(store: Store, snap_id: int, directory: Path) -> MatchIndex:
    """The compiled index of a snapshot, from ``directory`` or built and saved there."""
    path = index_path(store, snap_id, directory)
    found = load_index(path)
    if found is not None:
        return found
    index = MatchIndex.build(store.entities(snap_id))
    save_index(index, path)
    return index


def save_index(index: MatchIndex, path: Path) -> None:
    """Write ``index`` to ``path`` atomically; keep only the most recent few snapshot indexes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(index, stream, protocol=pickle.HIGHEST_PROTOCOL)
        Path(temporary).replace(path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return  # a cache that cannot be written only costs the next start a rebuild
    old = sorted(path.parent.glob("index-*.pickle"), key=lambda p: p.stat().st_mtime)
    for stale in old[:-KEEP]:
        stale.unlink(missing_ok=True)
