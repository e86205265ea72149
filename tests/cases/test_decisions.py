"""Alerts worked by analysts and closed only by a second person's approval (four eyes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctionguard.cases.service import CaseService
from sanctionguard.cases.views import InvalidTransitionError, PermissionDeniedError
from tests.cases.conftest import alert_for


@pytest.fixture()
def store_url(tmp_path: Path) -> str:
    """SQLite only: this logic does not depend on the database; the run, crash, audit, CLI
    and migration tests cover PostgreSQL."""
    return f"sqlite:///{tmp_path / 'store.db'}"


def test_an_alert_stays_open_until_an_approver_confirms_the_decision(
    screened: CaseService,
) -> None:
    alert_id = alert_for(screened, "C5", "KOREA MINING")
    decision = screened.propose_decision(
        alert_id, "true_match", "same company, same country", "ann"
    )
    pending = screened.alert(alert_id)
    assert pending.alert.status == "open" and pending.alert.pending_decision_id == decision
    screened.approve_decision(decision, "bob")
    closed = screened.alert(alert_id).alert
    assert (closed.status, closed.outcome, closed.pending_decision_id) == (
        "closed",
        "true_match",
        None,
    )


def test_no_one_approves_their_own_decision(screened: CaseService) -> None:
    alert_id = alert_for(screened, "C5", "KOREA MINING")
    decision = screened.propose_decision(alert_id, "true_match", "same company", "bob")
    with pytest.raises(PermissionDeniedError, match="second person"):
        screened.approve_decision(decision, "bob")
    assert screened.alert(alert_id).alert.status == "open"
    screened.approve_decision(decision, "bea")
    assert screened.alert(alert_id).alert.status == "closed"


def test_analysts_and_viewers_cannot_approve_and_viewers_cannot_work_alerts(
    screened: CaseService,
) -> None:
    alert_id = alert_for(screened, "C5", "KOREA MINING")
    decision = screened.propose_decision(alert_id, "true_match", "same company", "ann")
    with pytest.raises(PermissionDeniedError, match="approver"):
        screened.approve_decision(decision, "ann")
    with pytest.raises(PermissionDeniedError):
        screened.comment(alert_id, "looks right", "vic")
    with pytest.raises(PermissionDeniedError):
        screened.approve_decision(decision, "system:cli")


def test_a_rejected_decision_leaves_the_alert_open_for_a_new_proposal(
    screened: CaseService,
) -> None:
    alert_id = alert_for(screened, "C1", "HOJATI")
    first = screened.propose_decision(alert_id, "false_positive", "different man", "ann")
    with pytest.raises(InvalidTransitionError, match="awaiting approval"):
        screened.propose_decision(alert_id, "true_match", "changed my mind", "ann")
    rejected = screened.reject_decision(first, "birth date and country agree", "bob")
    assert rejected.state == "rejected" and rejected.reviewed_by == "bob"
    assert screened.alert(alert_id).alert.status == "open"
    assert screened.allowlist() == []
    second = screened.propose_decision(alert_id, "true_match", "same man", "ann")
    screened.approve_decision(second, "bob")
    assert screened.alert(alert_id).alert.outcome == "true_match"


def test_an_approved_false_positive_goes_on_the_allowlist_with_both_content_hashes(
    screened: CaseService,
) -> None:
    alert_id = alert_for(screened, "C1", "HOJATI")
    screened.approve_decision(
        screened.propose_decision(alert_id, "false_positive", "different man", "ann"), "bob"
    )
    (entry,) = screened.allowlist()
    detail = screened.alert(alert_id)
    assert (entry.customer_id, entry.entity_id) == ("C1", detail.alert.entity_id)
    assert len(entry.customer_hash) == len(entry.entity_hash) == 64
    assert entry.expires_at is not None


def test_statuses_move_open_to_review_to_escalated_and_refuse_going_back(
    screened: CaseService,
) -> None:
    alert_id = alert_for(screened, "C5", "KOREA MINING")
    assert screened.start_review(alert_id, "ann").status == "in_review"
    assert screened.escalate(alert_id, "ann", "needs the MLRO").status == "escalated"
    with pytest.raises(InvalidTransitionError, match="only from open"):
        screened.start_review(alert_id, "ann")


def test_history_shows_assignment_comments_status_and_decisions_in_order(
    screened: CaseService,
) -> None:
    alert_id = alert_for(screened, "C5", "KOREA MINING")
    screened.assign([alert_id], "ann", "bob")
    screened.comment(alert_id, "KOMID: same company", "ann")
    screened.start_review(alert_id, "ann")
    decision = screened.propose_decision(alert_id, "true_match", "same company", "ann")
    screened.approve_decision(decision, "bob")
    detail = screened.alert(alert_id)
    kinds = [e.kind for e in detail.history]
    assert kinds == ["raised", "assign", "comment", "status", "proposed", "approved"]
    assert detail.alert.assignee == "ann"
    assert [d.state for d in detail.decisions] == ["approved"]
    assert screened.list_alerts(assignee="ann")[0].id == alert_id


def test_alert_detail_carries_the_explanation_with_aligned_tokens(screened: CaseService) -> None:
    detail = screened.alert(alert_for(screened, "C1", "HOJATI"))
    tokens = detail.explanation["name"]["tokens"]
    assert {t["query"] for t in tokens} >= {"mohsen", "hojati"}
    assert detail.customer["name"] == ["Mohsen Hojati"]
    assert detail.alert.source_ids == ("10856",)
    assert any(f["name"] for f in detail.explanation["features"])


def test_queue_orders_by_score_or_by_age(screened: CaseService) -> None:
    by_score = [a.score for a in screened.list_alerts(order="score")]
    assert by_score == sorted(by_score, reverse=True)
    by_age = [a.created_at for a in screened.list_alerts(order="age")]
    assert by_age == sorted(by_age)
