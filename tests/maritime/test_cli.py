"""`sanctionguard maritime ...` as a user runs it, against a real store of designated vessels."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sanctionguard.cli.app import run
from tests.maritime.conftest import Lists


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")


def test_vessel_by_imo_prints_the_listing(lists: Lists, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--db", lists.url, "maritime", "vessel", "--imo", "9179842", "--no-matcher"]) == 0
    out = capsys.readouterr().out
    assert "M1" in out and "Angara" in out and "critical" in out


def test_vessel_json_reports_a_wrong_check_digit(
    lists: Lists, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", lists.url, "maritime", "vessel", "--imo", "9179843", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["imo_valid"] is False and data["findings"][0]["rule"] == "M2"


def test_vessel_without_any_identifier_is_a_usage_error(lists: Lists) -> None:
    assert run(["--db", lists.url, "maritime", "vessel"]) != 0


def test_shipments_json_lists_findings_per_shipment(
    lists: Lists, maritime_fixtures: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(maritime_fixtures / "shipments.json")
    assert run(["--db", lists.url, "maritime", "shipments", path, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    by_id = {s["id"]: s for s in data["shipments"]}
    assert by_id["SHP-RISK"]["top_severity"] == "critical" and not by_id["SHP-CLEAN"]["findings"]
    assert data["reference"]["chpl"] == "bis-chpl-2024-02-23"


def test_a_bad_shipment_file_is_one_located_error_line(
    lists: Lists, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_text('[{"id": "X", "goods": [{"hs_code": "12"}]}]', encoding="utf-8")
    assert run(["--db", lists.url, "maritime", "shipments", str(path)]) == 1
    err = capsys.readouterr().err
    assert "bad.json [shipments[0].goods[0].hs_code]" in err and "Traceback" not in err


def test_simulate_then_analyse_finds_the_injected_events(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tracks, truth, events = tmp_path / "t.parquet", tmp_path / "truth.csv", tmp_path / "ev.csv"
    args = [
        "maritime",
        "simulate",
        str(tracks),
        "--vessels",
        "30",
        "--days",
        "4",
        "--truth",
        str(truth),
    ]
    assert run(args) == 0
    assert run(["maritime", "ais", str(tracks), "--output", str(events)]) == 0
    out = capsys.readouterr().out
    assert "positions of 30 vessels" in out
    injected = truth.read_text(encoding="utf-8").count("\n") - 1
    assert injected > 0 and events.read_text(encoding="utf-8").count("\n") - 1 >= injected


def test_ais_with_a_missing_column_fails_with_the_file_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.csv"
    path.write_text("mmsi,time,lat\n1,2024-01-01T00:00:00Z,5\n", encoding="utf-8")
    assert run(["maritime", "ais", str(path)]) == 1
    assert "a.csv:1: missing column(s) lon" in capsys.readouterr().err


def test_shipments_with_an_ais_file_report_an_undeclared_terminal_call(
    lists: Lists, maritime_fixtures: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    track = tmp_path / "track.csv"
    rows = [f"219018271,{1_731_196_800 + k * 600},60.34,28.67,0.0" for k in range(100)]
    track.write_text("mmsi,time,lat,lon,speed\n" + "\n".join(rows) + "\n", encoding="utf-8")
    path = str(maritime_fixtures / "shipments.json")
    args = ["--db", lists.url, "maritime", "shipments", path, "--ais", str(track), "--json"]
    assert run([*args, "--no-matcher"]) == 0
    data = json.loads(capsys.readouterr().out)
    clean = next(s for s in data["shipments"] if s["id"] == "SHP-CLEAN")
    assert [f["rule"] for f in clean["findings"]] == ["M12"]
