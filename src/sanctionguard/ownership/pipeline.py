"""From the store to an analysis: load a version, link it to a snapshot (once), run the rules.

The CLI and any other surface call ``analyse_stored``; links are computed on first use for a
(version, snapshot) pair and stored, so later runs and ``explain`` reuse them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sanctionguard.match.screener import Screener
from sanctionguard.ownership import storage
from sanctionguard.ownership.analysis import Analysis, analyse
from sanctionguard.ownership.linking import Link, LinkSettings, designations_from, link_parties
from sanctionguard.ownership.model import OwnershipData
from sanctionguard.ownership.rules import RuleSet
from sanctionguard.store.snapshots import Store

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class StoredAnalysis:
    version_id: int
    snapshot_id: int
    data: OwnershipData
    links: list[Link]
    analysis: Analysis


def ensure_links(
    store: Store,
    version_id: int,
    snapshot_id: int,
    data: OwnershipData,
    *,
    settings: LinkSettings,
    relink: bool = False,
    cache_dir: Path | None = None,
    use_names: bool = True,
    progress: Progress | None = None,
) -> list[Link]:
    """The stored links of the pair, computing and storing them when missing (or asked)."""
    if not relink:
        stored = storage.load_links(store.engine, version_id, snapshot_id)
        if stored is not None:
            return stored
    screener = Screener.from_store(store, snapshot_id, cache_dir=cache_dir) if use_names else None
    links = link_parties(data.parties.values(), store, snapshot_id, screener, settings, progress)
    recorded: dict[str, Any] = {**asdict(settings), "names": use_names}
    storage.save_links(store.engine, version_id, snapshot_id, links, recorded)
    return links


def analyse_stored(
    store: Store,
    rules: Sequence[RuleSet],
    as_of: date,
    *,
    version: str | int | None = None,
    snapshot: str | int = "current",
    settings: LinkSettings | None = None,
    relink: bool = False,
    cache_dir: Path | None = None,
    use_names: bool = True,
    progress: Progress | None = None,
) -> StoredAnalysis:
    """Analyse a stored ownership version against a list snapshot as of a day."""
    version_id = storage.resolve(store.engine, version)
    snapshot_id = store.resolve(snapshot)
    data = storage.load(store.engine, version_id)
    links = ensure_links(
        store,
        version_id,
        snapshot_id,
        data,
        settings=settings or LinkSettings(),
        relink=relink,
        cache_dir=cache_dir,
        use_names=use_names,
        progress=progress,
    )
    analysis = analyse(data, designations_from(links), rules, as_of)
    return StoredAnalysis(version_id, snapshot_id, data, links, analysis)
