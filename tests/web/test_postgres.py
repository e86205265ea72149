"""The UI over a real PostgreSQL store: the same pages and the four-eyes flow."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sanctionguard.cli.app import run
from sanctionguard.settings import Settings
from sanctionguard.store.snapshots import Store
from sanctionguard.web import create_web_app
from tests.web.conftest import EXAMPLES, PASSWORDS, Ui, make_web, quick_cases


@pytest.mark.postgres
def test_an_alert_is_worked_and_confirmed_over_postgresql(pg_url: str, tmp_path: Path) -> None:
    assert run(["--db", pg_url, "lists", "load", str(EXAMPLES / "lists")]) == 0
    store = Store.open(pg_url)
    cases = quick_cases(store)
    cases.create_user("ada", PASSWORDS["ada"], "admin", "system:test")
    cases.create_user("ana", PASSWORDS["ana"], "analyst", "ada")
    cases.create_user("apo", PASSWORDS["apo"], "approver", "ada")
    cases.import_book(EXAMPLES / "book.csv", actor="system:test")
    cases.screen_book(None, "system:test")
    settings = Settings(database_url=pg_url, data_dir=tmp_path)
    app = create_web_app(settings, make_web(), store=store, cases=cases)
    with TestClient(app) as client:
        ui = Ui(client, store, cases)
        ui.login("ana")
        alert = cases.list_alerts(order="score", limit=1)[0]
        assert alert.customer_name in client.get("/alerts").text
        assert f"<strong>{alert.source_ids[0]}</strong>" in client.get(f"/alerts/{alert.id}").text
        entity = client.get("/entities/us-ofac-sdn-34741").text
        assert "NS COLUMBUS" in entity  # the reverse-link scan works on PostgreSQL too
        assert "USMANOV" in client.get("/search", params={"name": "Alisher Usmanov"}).text
        ui.post(f"/alerts/{alert.id}/propose", {"outcome": "true_match", "reason": "Same IMO."})
        decision = cases.alert(alert.id).decisions[0]
        client.cookies.clear()
        ui.login("apo")
        assert ui.post(f"/decisions/{decision.id}/approve", {}).status_code == 303
    assert cases.alert(alert.id).alert.status == "closed"
    store.close()
