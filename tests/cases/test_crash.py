"""``kill -9`` in the middle of a decision or a screening run leaves nothing half-written.

A real subprocess does the work; it stops itself just before its last statement (the audit
row) inside the open transaction and says so, and the test kills it there with SIGKILL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import sqlalchemy as sa

from sanctionguard.cases.service import CaseService
from sanctionguard.cases.tables import alert, allowlist_entry, decision, run_result, screening_run
from sanctionguard.store.snapshots import Store
from tests.cases.conftest import QUICK, REPO, alert_for

_CHILD = textwrap.dedent(
    """
    import sys, time
    import sqlalchemy as sa
    from sanctionguard.cases.service import CaseService
    from sanctionguard.store.snapshots import Store

    store = Store.open(sys.argv[1])

    @sa.event.listens_for(store.engine, "before_cursor_execute")
    def pause(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("INSERT INTO AUDIT_LOG"):
            print("PAUSED", flush=True)
            time.sleep(120)

    service = CaseService(store)
    if sys.argv[2] == "approve":
        service.approve_decision(int(sys.argv[3]), "bob")
    else:
        service.screen_book(None, "ann")
    print("FINISHED", flush=True)
    """
)


def _kill_at_pause(url: str, *args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, url, *args],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline().strip()
        assert line == "PAUSED", f"the child did not reach its last statement: {line!r}"
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def _count(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def test_a_decision_killed_mid_approval_is_still_pending_after_restart(
    screened: CaseService, store_url: str
) -> None:
    alert_id = alert_for(screened, "C1", "HOJATI")
    decision_id = screened.propose_decision(alert_id, "false_positive", "other man", "ann")
    audit_rows = len(screened.audit_rows(limit=10_000))
    _kill_at_pause(store_url, "approve", str(decision_id))
    after = CaseService(Store.open(store_url), QUICK)
    assert after.decision(decision_id).state == "pending"
    assert after.alert(alert_id).alert.status == "open"
    assert after.allowlist() == []
    assert len(after.audit_rows(limit=10_000)) == audit_rows and after.verify_audit().ok
    with after.store.engine.connect() as conn:
        states = conn.execute(sa.select(decision.c.state)).scalars().all()
    assert states == ["pending"]
    after.approve_decision(decision_id, "bob")  # and it can still be approved afterwards
    assert after.alert(alert_id).alert.status == "closed"


def test_a_screening_run_killed_mid_write_leaves_no_run_results_or_alerts(
    screened: CaseService, store_url: str
) -> None:
    before = {t.name: _count(screened.store, t) for t in (screening_run, run_result, alert)}
    _kill_at_pause(store_url, "screen")
    store = Store.open(store_url)
    after = {t.name: _count(store, t) for t in (screening_run, run_result, alert)}
    assert after == before
    assert _count(store, allowlist_entry) == 0
    service = CaseService(store, QUICK)
    assert service.verify_audit().ok
    assert len(service.runs()) == 1
    run = service.screen_book(None, "ann")  # the next run goes through whole
    assert [r.id for r in service.runs()] == [run.id, 1]
    assert len(service.run_results(run.id)) == run.customers == 5
