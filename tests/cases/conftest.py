"""Fixtures for the case tests: the sample OFAC list in two versions, parsed once, and a
case service over a fresh store (SQLite and PostgreSQL) with users of every role.

The second version of the list drops LIMMT (a delisting) and adds one new designee, so a
delta re-screen has something to find and something to flag.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from sanctionguard.cases.service import CaseService, CaseSettings
from sanctionguard.cases.users import PasswordHashing
from sanctionguard.sources.base import Limits
from sanctionguard.sources.loader import ParsedSource, parse_bundles, plan_bundles
from sanctionguard.sources.registry import all_formats
from sanctionguard.store.snapshots import Store

REPO = Path(__file__).resolve().parents[2]
BOOK = REPO / "tests" / "fixtures" / "cases" / "book.csv"
NEW_DESIGNEE = (
    '99001,"IVANOVSKY, Petr Sergeevich","individual","RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,'
    '-0- ,-0- ,-0- ,"DOB 04 Mar 1971; nationality Russia."\n'
)
PASSWORD = "correct horse battery"
# Cheap argon2 parameters: the tests check behaviour, not the cost of hashing.
QUICK = CaseSettings(hashing=PasswordHashing(time_cost=1, memory_cost=1024, parallelism=1))


def _parse(folder: Path) -> list[ParsedSource]:
    formats = all_formats()
    bundles, _ = plan_bundles([folder], formats, Limits())
    return parse_bundles(bundles, formats, workers=1)


@dataclass(frozen=True)
class ListVersions:
    first: list[ParsedSource]
    second: list[ParsedSource]
    second_dir: Path


@pytest.fixture(scope="session")
def list_versions(tmp_path_factory: pytest.TempPathFactory) -> ListVersions:
    source = REPO / "examples" / "lists" / "ofac"
    changed = tmp_path_factory.mktemp("ofac-v2")
    for path in source.glob("*.csv"):
        shutil.copy(path, changed / path.name)
    sdn = changed / "sdn.csv"
    text = sdn.read_text().rstrip("\x1a\r\n") + "\n"  # OFAC files end with Ctrl-Z
    lines = [line for line in text.splitlines(keepends=True) if "LIMMT" not in line]
    sdn.write_text("".join(lines) + NEW_DESIGNEE)
    return ListVersions(_parse(source), _parse(changed), changed)


@pytest.fixture()
def store(store_url: str, list_versions: ListVersions) -> Store:
    opened = Store.open(store_url)
    opened.load(list_versions.first)
    return opened


def with_users(service: CaseService) -> CaseService:
    service.create_user("admin", PASSWORD, "admin", "system:test")
    service.create_user("ann", PASSWORD, "analyst", "admin")
    service.create_user("bob", PASSWORD, "approver", "admin")
    service.create_user("bea", PASSWORD, "approver", "admin")
    service.create_user("vic", PASSWORD, "viewer", "admin")
    return service


@pytest.fixture()
def service(store: Store) -> CaseService:
    return with_users(CaseService(store, QUICK))


@pytest.fixture()
def screened(service: CaseService) -> CaseService:
    """The service with the fixture book imported and screened once in full."""
    service.import_book(BOOK, None, "ann")
    service.screen_book(None, "ann")
    return service


def alert_for(service: CaseService, customer_id: str, caption_part: str) -> int:
    found: Sequence[int] = [
        a.id
        for a in service.list_alerts(customer_id=customer_id, limit=1000)
        if caption_part.lower() in a.caption.lower()
    ]
    assert found, f"no alert for {customer_id} ~ {caption_part}"
    return found[0]
