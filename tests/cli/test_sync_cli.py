"""`lists sync` loads what it downloaded, and a failed download leaves the snapshot alone."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sanctionguard.cli.app import run
from sanctionguard.store.snapshots import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "lists"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        return


@pytest.fixture()
def server() -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(EXAMPLES))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _config(tmp_path: Path, server: str, files: list[tuple[str, str]]) -> Path:
    config = tmp_path / "sources.toml"
    config.write_text(
        "".join(
            f'[[source]]\nname = "x"\nurl = "{server}/{remote}"\nfilename = "{local}"\n\n'
            for remote, local in files
        )
    )
    return config


OFAC = [(f"ofac/{n}", n) for n in ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv")]


def test_sync_downloads_and_loads_a_new_snapshot(tmp_path: Path, server: str) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    config = _config(tmp_path, server, [*OFAC, ("un/consolidated.xml", "consolidated.xml")])
    assert run(["--db", db, "lists", "sync", "--config", str(config)]) == 0
    store = Store.open(db)
    info = store.snapshot(store.resolve("current"))
    assert {s.list_name for s in info.sources} == {"us_ofac_sdn", "un_sc_sanctions"}
    assert info.note == "lists sync"


def test_a_failed_download_keeps_the_current_snapshot(
    tmp_path: Path, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    assert run(["--db", db, "lists", "load", str(EXAMPLES / "un")]) == 0
    config = _config(tmp_path, server, [*OFAC, ("un/missing.xml", "consolidated.xml")])
    capsys.readouterr()
    assert run(["--db", db, "lists", "sync", "--config", str(config)]) == 1
    assert "missing.xml" in capsys.readouterr().err
    store = Store.open(db)
    assert len(store.snapshots()) == 1
    assert [s.list_name for s in store.snapshot(store.resolve("current")).sources] == [
        "un_sc_sanctions"
    ]
