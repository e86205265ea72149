"""The hash-chained audit log: every action recorded, any edit or deletion detected."""

from __future__ import annotations

import io
import json

import pytest
import sqlalchemy as sa

from sanctionguard.cases.service import CaseService
from sanctionguard.cases.tables import audit_log
from sanctionguard.cli.app import run
from tests.cases.conftest import alert_for


def _work(service: CaseService) -> None:
    alert_id = alert_for(service, "C5", "KOREA MINING")
    service.comment(alert_id, "same company", "ann")
    service.approve_decision(
        service.propose_decision(alert_id, "true_match", "KOMID", "ann"), "bob"
    )


def test_every_action_is_recorded_with_actor_object_before_and_after(screened: CaseService) -> None:
    _work(screened)
    rows = screened.audit_rows(limit=1000)
    actions = [r.action for r in rows]
    assert actions[:5] == ["user.create"] * 5
    assert {
        "book.import",
        "run.record",
        "alert.comment",
        "decision.propose",
        "decision.approve",
    } <= set(actions)
    approve = next(r for r in rows if r.action == "decision.approve")
    assert approve.actor == "bob" and approve.object_type == "decision"
    assert approve.before["state"] == "pending" and approve.after["alert_status"] == "closed"
    assert screened.verify_audit().ok


def test_editing_an_audit_row_in_the_database_is_named_by_verify(screened: CaseService) -> None:
    _work(screened)
    target = next(r for r in screened.audit_rows(limit=1000) if r.action == "decision.approve")
    with screened.store.engine.begin() as conn:
        conn.execute(audit_log.update().where(audit_log.c.id == target.id).values(actor="mallory"))
    check = screened.verify_audit()
    assert (check.ok, check.first_broken_id) == (False, target.id)
    assert "edited" in (check.reason or "")


def test_deleting_an_audit_row_breaks_the_chain_at_the_next_row(screened: CaseService) -> None:
    rows = screened.audit_rows(limit=1000)
    with screened.store.engine.begin() as conn:
        conn.execute(sa.delete(audit_log).where(audit_log.c.id == rows[2].id))
    check = screened.verify_audit()
    assert (check.ok, check.first_broken_id) == (False, rows[3].id)


def test_audit_verify_command_names_the_broken_row_and_fails(
    screened: CaseService, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", store_url, "audit", "verify"]) == 0
    assert "intact" in capsys.readouterr().out
    row_id = screened.audit_rows(limit=1000)[-1].id
    with screened.store.engine.begin() as conn:
        conn.execute(audit_log.update().where(audit_log.c.id == row_id).values(after='{"x":1}'))
    assert run(["--db", store_url, "audit", "verify"]) == 1
    assert f"broken at row {row_id}" in capsys.readouterr().err


def test_audit_export_writes_every_row_with_its_hashes(screened: CaseService) -> None:
    out = io.StringIO()
    count = screened.export_audit(out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(lines) == len(screened.audit_rows(limit=1000))
    assert lines[1]["prev_hash"] == lines[0]["hash"]
