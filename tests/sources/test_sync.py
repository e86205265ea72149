"""`lists sync` downloads completely or not at all: retries, checksums, truncation."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sanctionguard.errors import SyncError
from sanctionguard.settings import Settings, SyncSource
from sanctionguard.sources.sync import download_all, read_sync_config

BODY = b'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}  # noqa: RUF012 - per-test server state, reset by the fixture

    def log_message(self, *args: object) -> None:
        return

    def do_GET(self) -> None:
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        if self.path == "/ok.csv":
            self._send(BODY)
        elif self.path == "/flaky.csv" and Handler.hits[self.path] < 2:
            self.send_error(503)
        elif self.path == "/flaky.csv":
            self._send(BODY)
        elif self.path == "/truncated.csv":
            self.send_response(200)
            self.send_header("Content-Length", str(len(BODY) * 10))
            self.end_headers()
            self.wfile.write(BODY)
            self.wfile.flush()
            self.close_connection = True
        else:
            self.send_error(404)

    def _send(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def server() -> Iterator[str]:
    Handler.hits = {}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _settings(tmp_path: Path) -> Settings:
    return Settings(
        database_url="sqlite://",
        data_dir=tmp_path,
        sync_retries=3,
        sync_timeout_s=5,
        sync_backoff_s=0.01,
    )


def test_a_complete_download_with_the_right_checksum_succeeds(server: str, tmp_path: Path) -> None:
    digest = hashlib.sha256(BODY).hexdigest()
    files = download_all(
        [SyncSource("x", f"{server}/ok.csv", "sdn.csv", digest)],
        tmp_path / "in",
        _settings(tmp_path),
    )
    assert files[0].read_bytes() == BODY


def test_a_transient_server_error_is_retried(server: str, tmp_path: Path) -> None:
    messages: list[str] = []
    files = download_all(
        [SyncSource("x", f"{server}/flaky.csv", "sdn.csv")],
        tmp_path / "in",
        _settings(tmp_path),
        messages.append,
    )
    assert files[0].read_bytes() == BODY
    assert Handler.hits["/flaky.csv"] == 2 and "attempt 1 failed" in messages[0]


@pytest.mark.parametrize("path", ["/missing.csv", "/truncated.csv"])
def test_a_failed_or_partial_download_raises_after_the_retries(
    server: str, tmp_path: Path, path: str
) -> None:
    with pytest.raises(SyncError, match="after 3 attempts"):
        download_all(
            [SyncSource("x", f"{server}/ok.csv", "a.csv"), SyncSource("y", server + path, "b.csv")],
            tmp_path / "in",
            _settings(tmp_path),
        )


def test_a_checksum_mismatch_is_refused(server: str, tmp_path: Path) -> None:
    with pytest.raises(SyncError, match="checksum mismatch"):
        download_all(
            [SyncSource("x", f"{server}/ok.csv", "sdn.csv", "0" * 64)],
            tmp_path / "in",
            _settings(tmp_path),
        )


def test_the_sync_configuration_names_what_is_missing(tmp_path: Path) -> None:
    config = tmp_path / "sources.toml"
    config.write_text('[[source]]\nname = "us_ofac_sdn"\nurl = "http://x/sdn.csv"\n')
    with pytest.raises(SyncError, match="lacks filename"):
        read_sync_config(config)
