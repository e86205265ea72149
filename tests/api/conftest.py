"""API test fixtures: a store of the bundled sample lists, keys, and an app or a real server.

The sample store is built once per session (two snapshots: the UN list alone, then all four
sample lists) and copied per test, so tests never share state.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sanctionguard.api.app import create_app
from sanctionguard.api.keys import KeyStore
from sanctionguard.api.settings import ApiSettings
from sanctionguard.settings import Settings
from sanctionguard.sources.base import Limits
from sanctionguard.store.ingest import ingest
from sanctionguard.store.snapshots import Store
from sanctionguard.web.settings import WebSettings

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "examples" / "lists"
LIMITS = Limits(1 << 30, 200)


def load_samples(store: Store) -> tuple[int, int]:
    """Snapshot 1: the UN sample alone; snapshot 2: all four sample lists."""
    first = ingest(store, [SAMPLES / "un"], LIMITS).load.snapshot_id
    second = ingest(store, [SAMPLES], LIMITS).load.snapshot_id
    assert first is not None and second is not None
    return first, second


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api-samples") / "samples.db"
    store = Store.open(f"sqlite:///{path}")
    load_samples(store)
    store.close()
    return path


@pytest.fixture()
def store_path(sample_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "store.db"
    shutil.copy(sample_db, target)
    return target


@dataclass
class Keys:
    admin: str
    screen: str
    read: str


def make_keys(store: Store) -> Keys:
    keys = KeyStore(store.engine)
    return Keys(
        admin=keys.create("admin", "admin")[1],
        screen=keys.create("screen", "screen")[1],
        read=keys.create("read", "read")[1],
    )


@dataclass
class Api:
    client: TestClient
    app: FastAPI
    store: Store
    keys: Keys

    def headers(self, token: str | None = None) -> dict[str, str]:
        return {"Authorization": f"ApiKey {token or self.keys.admin}"}


def build_app(
    store: Store, tmp_path: Path, web: WebSettings | None = None, **options: object
) -> FastAPI:
    settings = Settings(database_url="sqlite://", data_dir=tmp_path / "home")
    chosen: dict[str, object] = {"reload_interval_s": 0, "cache_dir": tmp_path / "cache"}
    api = ApiSettings(**{**chosen, **options})  # type: ignore[arg-type]
    app = create_app(settings, api, store=store, web=web)
    app.state.services.holder.refresh()
    return app


@pytest.fixture()
def api_factory(store_path: Path, tmp_path: Path) -> Iterator[object]:
    stores: list[Store] = []
    clients: list[TestClient] = []

    def make(web: WebSettings | None = None, **options: object) -> Api:
        store = Store.open(f"sqlite:///{store_path}")
        stores.append(store)
        keys = make_keys(store)
        app = build_app(store, tmp_path, web, **options)
        client = TestClient(app)
        client.__enter__()
        clients.append(client)
        return Api(client, app, store, keys)

    yield make
    for client in clients:
        client.__exit__(None, None, None)
    for store in stores:
        store.close()


@pytest.fixture()
def api(api_factory: object) -> Api:
    """An app without rate limits (tests of the limits build their own)."""
    return api_factory(rate_per_second=0)  # type: ignore[operator, no-any-return]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path


def start_server(db_url: str, home: Path, *extra: str) -> Server:
    """``sanctionguard serve`` as a real process on a loopback port."""
    port = free_port()
    log = home / f"serve-{port}.log"
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SANCTIONGUARD_HOME": str(home)}
    command = [sys.executable, "-m", "sanctionguard", "--db", db_url, "serve", "--port", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, *extra], stdout=out, stderr=subprocess.STDOUT, env=env
        )
    return Server(f"http://127.0.0.1:{port}", process, log)


def wait_ready(server: Server, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(f"server exited: {server.log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{server.url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"server not ready in {timeout}s: {server.log.read_text()[-2000:]}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture()
def loopback(api: Api) -> Iterator[str]:
    """The test's app served by a real uvicorn on a loopback port (in a thread)."""
    import threading

    import uvicorn

    port = free_port()
    config = uvicorn.Config(api.app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
