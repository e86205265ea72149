"""What every endpoint reaches through ``request.app.state.services``: settings, the store,
the snapshot holder, the key guard, the metrics and the per-snapshot domain contexts; plus
dataset and algorithm resolution.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import HTTPException, Request

from sanctionguard.api.auth import Guard
from sanctionguard.api.contexts import SnapshotContexts
from sanctionguard.api.holder import LoadedSnapshot, ScreenerHolder
from sanctionguard.api.metrics import ApiMetrics
from sanctionguard.api.settings import ApiSettings
from sanctionguard.match.types import Algorithm
from sanctionguard.settings import Settings
from sanctionguard.store.snapshots import Store

# Collections that cover every loaded list, as yente's ``default`` and ``sanctions`` do.
COLLECTIONS = {
    "default": "All loaded lists",
    "sanctions": "All loaded sanctions lists",
}
# yente's algorithm names are served by our calibrated algorithm.
ALGORITHM_ALIASES = {
    "best": Algorithm.BEST,
    "logic-v1": Algorithm.BEST,
    "logic-v2": Algorithm.BEST,
    "name-based": Algorithm.BEST,
    "name-qualified": Algorithm.BEST,
    "regression-v1": Algorithm.BEST,
    "ofac": Algorithm.OFAC_NAME,
}


@dataclass(frozen=True)
class Services:
    settings: Settings
    api: ApiSettings
    store: Store
    holder: ScreenerHolder
    guard: Guard
    metrics: ApiMetrics
    contexts: SnapshotContexts


async def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


def dataset_lists(live: LoadedSnapshot, dataset: str) -> frozenset[str]:
    """The list names a dataset covers; 404 naming the known ones for an unknown dataset."""
    lists = frozenset(live.catalog.list_counts)
    if dataset in COLLECTIONS:
        return lists
    if dataset in lists:
        return frozenset({dataset})
    known = ", ".join([*COLLECTIONS, *sorted(lists)])
    raise HTTPException(404, detail=f"unknown dataset {dataset!r}: use one of {known}")


def scope_lists(
    live: LoadedSnapshot, dataset: str, include: list[str], exclude: list[str]
) -> frozenset[str]:
    """The lists a request searches: the dataset's, narrowed by include/exclude."""
    lists = dataset_lists(live, dataset)
    if include:
        lists = lists & frozenset(n for d in include for n in dataset_lists(live, d))
    if exclude:
        lists = lists - frozenset(n for d in exclude for n in dataset_lists(live, d))
    return lists


def algorithm(name: str | None) -> Algorithm:
    """Our algorithm for a requested name (ours or yente's); 400 for an unknown one."""
    if name is None:
        return Algorithm.BEST
    if name in ALGORITHM_ALIASES:
        return ALGORITHM_ALIASES[name]
    try:
        return Algorithm(name)
    except ValueError:
        known = ", ".join([*(a.value for a in Algorithm), *ALGORITHM_ALIASES])
        raise HTTPException(400, detail=f"unknown algorithm {name!r}: use one of {known}") from None
