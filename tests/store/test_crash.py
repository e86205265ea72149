"""A load killed with SIGKILL half-way leaves the previous snapshot current and intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from sanctionguard.store.snapshots import Store
from tests.store.builders import many, source

REPO = Path(__file__).resolve().parents[2]

# The child loads a large list, announcing progress; the parent kills it mid-transaction.
CHILD = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {repo!r})
    from sanctionguard.store.snapshots import Store
    from tests.store.builders import many, source

    store = Store.open({url!r})

    def progress(name, done, total):
        print(f"progress {{done}} {{total}}", flush=True)
        time.sleep(0.2)

    store.load([source("ofac", many(20000, "K"))], progress=progress)
    print("finished", flush=True)
    """
)


def _kill_mid_load(url: str) -> list[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD.format(repo=str(REPO), url=url)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    seen = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = child.stdout.readline()
        seen.append(line.strip())
        if line.startswith("progress") and int(line.split()[1]) >= 4000:
            os.kill(child.pid, signal.SIGKILL)
            break
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    return seen


def test_kill_9_during_a_load_keeps_the_previous_snapshot(store_url: str) -> None:
    store = Store.open(store_url)
    first = store.load([source("ofac", many(50)), source("un", many(7, "U"))])
    seen = _kill_mid_load(store_url)
    assert "finished" not in seen and any(s.startswith("progress 4000") for s in seen)

    reopened = Store.open(store_url)
    current = reopened.resolve("current")
    assert current == first.snapshot_id
    assert len(reopened.snapshots()) == 1
    counts = {s.list_name: s.entity_count for s in reopened.snapshot(current).sources}
    assert counts == {"ofac": 50, "un": 7}
    assert sum(1 for _ in reopened.entities(current)) == 57
    # the store is usable afterwards: nothing is left locked or half-written
    after = reopened.load([source("ofac", many(60))])
    assert after.snapshot_id is not None
    assert sum(1 for _ in reopened.entities(after.snapshot_id)) == 67
