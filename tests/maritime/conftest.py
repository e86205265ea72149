"""Real designated vessels and parties for maritime tests, loaded once into a real SQLite store.

EU Reg. 833/2014 (Annex XLII vessels with listing dates, Annex IV end users), EU Reg. 2017/1509
(DPRK vessels with MMSIs) and the trade.gov CSL sample (BIS Entity List, SSI...): small enough
to parse in seconds, real enough to test every vessel and party rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from sanctionguard.maritime.reference.sets import Reference
from sanctionguard.maritime.registry import VesselRegistry
from sanctionguard.match.screener import Screener
from sanctionguard.sources.loader import parse_paths
from sanctionguard.store.snapshots import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "maritime"


@dataclass(frozen=True)
class Lists:
    url: str
    store: Store
    registry: VesselRegistry
    screener: Screener


def list_files(root: Path) -> list[Path]:
    eu = root / "eu" / "journal_sanctions" / "consolidated"
    return [
        eu / "32014R0833.csv",
        eu / "32017R1509.csv",
        root / "csl" / "format_samples" / "consolidated.csv",
    ]


@pytest.fixture(scope="session")
def lists(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Lists:
    url = f"sqlite:///{tmp_path_factory.mktemp('maritime') / 'lists.db'}"
    store = Store.open(url)
    store.load(parse_paths(list_files(shared_data)))
    snap = store.resolve("current")
    registry = VesselRegistry.build(store.entities(snap))
    screener = Screener.from_entities(store.entities(snap))
    return Lists(url, store, registry, screener)


@pytest.fixture(scope="session")
def reference() -> Reference:
    return Reference.load()


@pytest.fixture()
def maritime_fixtures() -> Path:
    return FIXTURES
