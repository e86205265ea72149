"""Fixtures of the web UI tests: a store with the sample lists, a small book, users, one run.

The store is built once per session (two snapshots: the UN sample alone, then all samples, so
there is a diff to show) and copied per test, so tests can change it freely.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from sanctionguard.cases.service import CaseService, CaseSettings
from sanctionguard.cases.users import PasswordHashing
from sanctionguard.cli.app import run
from sanctionguard.settings import Settings
from sanctionguard.store.snapshots import Store
from sanctionguard.web import WebSettings, create_web_app

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
PASSWORDS = {
    "ada": "admin-password-1",
    "ana": "analyst-password-1",
    "bob": "analyst-password-2",
    "apo": "approver-password-1",
    "ida": "approver-password-2",
    "vic": "viewer-password-1",
}
ROLES = {"ada": "admin", "ana": "analyst", "bob": "analyst", "apo": "approver", "ida": "approver"}
SECRET = b"test-secret-key-of-the-web-ui-tests"


def quick_cases(store: Store) -> CaseService:
    """The case service with a low argon2 cost, so sign-ins in tests take milliseconds."""
    cheap = PasswordHashing(time_cost=1, memory_cost=1024, parallelism=1)
    return CaseService(store, CaseSettings(hashing=cheap))


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "template.db"
    url = sqlite_url(path)
    assert run(["--db", url, "lists", "load", str(EXAMPLES / "lists" / "un")]) == 0
    assert run(["--db", url, "lists", "load", str(EXAMPLES / "lists")]) == 0
    store = Store.open(url)
    cases = quick_cases(store)
    cases.create_user("ada", PASSWORDS["ada"], "admin", "system:test")
    for name, password in PASSWORDS.items():
        if name != "ada":
            cases.create_user(name, password, ROLES.get(name, "viewer"), "ada")  # type: ignore[arg-type]
    cases.import_book(EXAMPLES / "book.csv", actor="system:test")
    cases.screen_book(None, "system:test")
    store.close()
    return path


def copy_store(template: Path, target: Path) -> str:
    """A copy of a SQLite store and its URL. The backup API copies committed pages still in
    the WAL, which a file copy would miss."""
    with sqlite3.connect(template) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return sqlite_url(target)


@pytest.fixture()
def db_url(template_db: Path, tmp_path: Path) -> str:
    return copy_store(template_db, tmp_path / "store.db")


@dataclass
class Ui:
    """A test client of the UI app, its store and its case service."""

    client: TestClient
    store: Store
    cases: CaseService

    def csrf(self, path: str = "/login") -> str:
        return csrf_of(self.client.get(path).text)

    def login(self, username: str, password: str | None = None) -> None:
        token = self.csrf("/login")
        response = self.client.post(
            "/login",
            data={
                "username": username,
                "password": password or PASSWORDS[username],
                "csrf_token": token,
            },
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text

    def post(self, path: str, data: Mapping[str, object], page: str = "/alerts") -> httpx.Response:
        token = self.csrf(page)
        response: httpx.Response = self.client.post(
            path, data={**data, "csrf_token": token}, follow_redirects=False
        )
        return response


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def make_web(**overrides: object) -> WebSettings:
    values: dict[str, object] = {"secret_key": SECRET, "secure_cookies": False}
    values.update(overrides)
    return WebSettings(**values)  # type: ignore[arg-type]


@pytest.fixture()
def ui(db_url: str, tmp_path: Path) -> Iterator[Ui]:
    store = Store.open(db_url)
    cases = quick_cases(store)
    settings = Settings(database_url=db_url, data_dir=tmp_path)
    app = create_web_app(settings, make_web(), store=store, cases=cases)
    with TestClient(app) as client:
        yield Ui(client, store, cases)
    store.close()
