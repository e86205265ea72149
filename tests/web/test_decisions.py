"""Roles and four eyes through the UI: who may work, propose, approve; nobody their own."""

from __future__ import annotations

import pytest

from tests.web.conftest import Ui


def _open_alert(ui: Ui) -> int:
    alerts = ui.cases.list_alerts(status="open", limit=1)
    assert alerts, "the sample book raises alerts"
    return alerts[0].id


def test_a_viewer_sees_alerts_but_no_forms_and_cannot_propose(ui: Ui) -> None:
    alert_id = _open_alert(ui)
    ui.login("vic")
    page = ui.client.get(f"/alerts/{alert_id}")
    assert page.status_code == 200
    assert "Propose decision" not in page.text and "Add comment" not in page.text
    response = ui.post(
        f"/alerts/{alert_id}/propose",
        {"outcome": "false_positive", "reason": "looks fine"},
        page=f"/alerts/{alert_id}",
    )
    assert response.status_code == 403
    assert "needs the analyst role" in response.text
    assert ui.cases.alert(alert_id).decisions == ()


def test_an_analyst_works_an_alert_and_proposes_a_decision(ui: Ui) -> None:
    alert_id = _open_alert(ui)
    ui.login("ana")
    ui.post(f"/alerts/{alert_id}/assign", {"assignee": "ana"})
    ui.post(f"/alerts/{alert_id}/comment", {"text": "Different company; registry checked."})
    response = ui.post(
        f"/alerts/{alert_id}/propose", {"outcome": "false_positive", "reason": "Not the same."}
    )
    assert response.status_code == 303
    page = ui.client.get(response.headers["location"]).text
    assert "another approver confirms it" in page
    assert "You proposed this decision" in page
    detail = ui.cases.alert(alert_id)
    assert detail.alert.assignee == "ana"
    assert [d.state for d in detail.decisions] == ["pending"]
    assert any(e.text == "Different company; registry checked." for e in detail.history)


@pytest.mark.parametrize(
    ("proposer", "reviewer"),
    [("bob", "ana"), ("apo", "apo")],
    ids=["an analyst cannot approve", "nobody approves their own decision"],
)
def test_an_approval_is_refused_and_the_decision_stays_pending(
    ui: Ui, proposer: str, reviewer: str
) -> None:
    alert_id = _open_alert(ui)
    decision_id = ui.cases.propose_decision(alert_id, "false_positive", "not them", proposer)
    ui.login(reviewer)
    assert "Approve decision" not in ui.client.get(f"/alerts/{alert_id}").text
    for action, data in (("approve", {}), ("reject", {"reason": "no"})):
        response = ui.post(f"/decisions/{decision_id}/{action}", data)
        assert response.status_code == 403
    assert ui.cases.decision(decision_id).state == "pending"


def test_a_second_approver_confirms_and_the_alert_closes(ui: Ui) -> None:
    alert_id = _open_alert(ui)
    decision_id = ui.cases.propose_decision(alert_id, "false_positive", "not them", "ana")
    ui.login("apo")
    response = ui.post(f"/decisions/{decision_id}/approve", {}, page="/decisions")
    assert response.status_code == 303
    page = ui.client.get(response.headers["location"]).text
    assert "closed as false_positive" in page
    alert = ui.cases.alert(alert_id).alert
    assert (alert.status, alert.outcome) == ("closed", "false_positive")


def test_a_rejection_needs_a_reason_and_leaves_the_alert_open(ui: Ui) -> None:
    alert_id = _open_alert(ui)
    decision_id = ui.cases.propose_decision(alert_id, "false_positive", "not them", "ana")
    ui.login("ida")
    ui.post(f"/decisions/{decision_id}/reject", {"reason": "  "})
    assert ui.cases.decision(decision_id).state == "pending"
    ui.post(f"/decisions/{decision_id}/reject", {"reason": "Birth year agrees; look again."})
    assert ui.cases.decision(decision_id).state == "rejected"
    assert ui.cases.alert(alert_id).alert.status != "closed"


def test_bulk_assignment_assigns_every_selected_alert(ui: Ui) -> None:
    ids = [a.id for a in ui.cases.list_alerts(status="open", limit=3)]
    ui.login("ana")
    response = ui.post("/alerts/assign", {"assignee": "bob", "alert_ids": ids})
    assert response.status_code == 303
    assert all(ui.cases.alert(i).alert.assignee == "bob" for i in ids)
    queue = ui.client.get("/alerts?assignee=bob").text
    assert f"Assigned {len(ids)} alert(s) to bob." in queue
    assert all(f'href="/alerts/{i}"' in queue for i in ids)


def test_only_admins_manage_users_and_a_new_user_can_sign_in(ui: Ui) -> None:
    ui.login("apo")
    assert ui.client.get("/users").status_code == 403
    ui.client.cookies.clear()
    ui.login("ada")
    assert "Users" in ui.client.get("/alerts").text
    response = ui.post(
        "/users",
        {"username": "nina", "password": "nina-password-1", "role": "analyst"},
        page="/users",
    )
    assert response.status_code == 303
    assert "User nina created with the analyst role." in ui.client.get("/users").text
    ui.client.cookies.clear()
    ui.login("nina", "nina-password-1")
    assert ui.client.get("/alerts").status_code == 200


def test_a_confirmed_false_positive_is_on_the_allowlist_until_an_approver_revokes_it(
    ui: Ui,
) -> None:
    alert_id = _open_alert(ui)
    decision_id = ui.cases.propose_decision(alert_id, "false_positive", "not them", "ana")
    ui.cases.approve_decision(decision_id, "apo")
    ui.login("vic")
    listed = ui.client.get("/allowlist").text
    assert f"#{decision_id}" in listed and "Revoke entry" not in listed
    entry = ui.cases.allowlist()[0]
    ui.client.cookies.clear()
    ui.login("ida")
    response = ui.post(f"/allowlist/{entry.id}/revoke", {}, page="/allowlist")
    assert response.status_code == 303
    assert ui.cases.allowlist() == []
    assert "revoked" in ui.client.get("/allowlist?all=true").text


def test_approvers_see_the_audit_log_and_that_its_chain_is_intact(ui: Ui) -> None:
    ui.login("ana")
    assert ui.client.get("/audit").status_code == 403
    ui.client.cookies.clear()
    ui.login("apo")
    html = ui.client.get("/audit").text
    assert "The hash chain is intact" in html
    assert "<td>user.create</td>" in html and "<td>run.record</td>" in html
