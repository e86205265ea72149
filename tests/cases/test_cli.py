"""The case commands end to end: users, book import and screening, alerts, exports."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from sanctionguard.cases.service import CaseService, after_snapshot_change
from sanctionguard.cli.app import run
from sanctionguard.settings import Settings
from sanctionguard.store.snapshots import Store
from tests.cases.conftest import BOOK, PASSWORD, QUICK, ListVersions, alert_for


@pytest.fixture()
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., tuple[int, str]]:
    """Run the real CLI entry point; returns the exit code and stdout plus stderr."""
    monkeypatch.setenv("SANCTIONGUARD_NEW_PASSWORD", "long enough password")
    monkeypatch.setenv("COLUMNS", "200")

    def invoke(url: str, *args: str) -> tuple[int, str]:
        capsys.readouterr()
        code = run(["--db", url, *args])
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    return invoke


def test_analyst_and_approver_work_an_alert_from_the_command_line(
    store: Store, store_url: str, tmp_path: Path, cli: Callable[..., tuple[int, str]]
) -> None:
    assert cli(store_url, "users", "create", "root", "--role", "admin")[0] == 0
    quick = CaseService(store, QUICK)  # cheap hashes for the other two users
    quick.create_user("ann", PASSWORD, "analyst", "root")
    quick.create_user("bob", PASSWORD, "approver", "root")
    export = tmp_path / "export.csv"
    export.write_text(BOOK.read_text().replace("id,name", "Client,Full name", 1))
    code, out = cli(
        store_url, "book", "import", str(export), "--mapping", "Client=id,Full name=name"
    )
    assert code == 0 and "5 customers (5 added" in out, out
    code, out = cli(store_url, "book", "screen", "--as", "ann")
    assert code == 0, out
    service = CaseService(store)
    alert_id = alert_for(service, "C5", "KOREA MINING")
    assert cli(store_url, "alerts", "comment", str(alert_id), "same firm", "--as", "ann")[0] == 0
    code, out = cli(
        store_url,
        "alerts",
        "decide",
        str(alert_id),
        "--outcome",
        "true_match",
        "--reason",
        "KOMID",
        "--as",
        "ann",
    )
    assert code == 0 and "Decision 1 proposed" in out
    code, out = cli(store_url, "alerts", "approve", "1", "--as", "ann")
    assert code == 1 and "approver" in out
    code, out = cli(store_url, "alerts", "approve", "1", "--as", "bob")
    assert code == 0 and "closed as true_match" in out
    code, out = cli(store_url, "alerts", "list", "--status", "closed")
    assert code == 0 and "KOREA" in out
    code, out = cli(store_url, "alerts", "list", "--status", "shut")
    assert code == 1 and "status 'shut' is not one of" in out


def test_run_and_decision_exports_are_csv_and_the_report_is_printable_html(
    screened: CaseService, store_url: str, tmp_path: Path, cli: Callable[..., tuple[int, str]]
) -> None:
    alert_id = alert_for(screened, "C5", "KOREA MINING")
    screened.approve_decision(
        screened.propose_decision(alert_id, "true_match", "KOMID", "ann"), "bob"
    )
    code, out = cli(store_url, "book", "export")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {r["customer_id"] for r in rows} == {"C1", "C2", "C3", "C4", "C5"}
    assert any(r["outcome"] == "no_hit" and not r["alert_id"] for r in rows)
    code, out = cli(store_url, "book", "export", "--decisions")
    (decision,) = list(csv.DictReader(io.StringIO(out)))
    assert (decision["proposed_by"], decision["reviewed_by"], decision["state"]) == (
        "ann",
        "bob",
        "approved",
    )
    report = tmp_path / "report.html"
    assert cli(store_url, "book", "export", "-o", str(report))[0] == 0
    html = report.read_text()
    assert "<h1>Screening run 1 (full)</h1>" in html and "@media print" in html
    assert "Audit chain: intact" in html and "KOREA MINING" in html


def test_a_new_snapshot_triggers_a_delta_rescreen_through_the_hook(
    screened: CaseService, list_versions: ListVersions, tmp_path: Path
) -> None:
    screened.store.load(list_versions.second)
    settings = Settings(database_url="sqlite://", data_dir=tmp_path)
    run = after_snapshot_change(screened.store, settings)
    assert run is not None and run.mode == "delta" and run.actor == "system:lists"
    assert [a.customer_id for a in screened.list_alerts(run_id=run.id)] == ["C4"]


def test_the_hook_does_nothing_without_a_book(store: Store, tmp_path: Path) -> None:
    settings = Settings(database_url="sqlite://", data_dir=tmp_path)
    assert after_snapshot_change(store, settings) is None
