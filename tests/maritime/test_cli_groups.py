"""`sanctionguard vessels screen`, `shipments screen` and `ais analyze|simulate` as a user runs
them, against the bundled sample lists (real OFAC, UK and Canadian vessel designations)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sanctionguard.cli.app import run

REPO = Path(__file__).resolve().parents[2]
SHIPMENTS = REPO / "tests" / "fixtures" / "maritime" / "shipments.json"


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli-groups') / 'lists.db'}"
    assert run(["--db", url, "lists", "load", str(REPO / "examples" / "lists")]) == 0
    return url


def test_vessels_screen_by_imo_finds_the_hull_on_both_lists_under_both_names(
    sample_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", sample_db, "vessels", "screen", "--imo", "9341093"]) == 0
    out = capsys.readouterr().out
    assert "NS CONSUL" in out and "Kolomna" in out and "critical" in out


def test_vessels_screen_json_gives_the_mid_flag_and_the_flag_mismatch(
    sample_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["vessels", "screen", "--mmsi", "626388000", "--flag", "Liberia", "--json"]
    assert run(["--db", sample_db, *args]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["mid_flag"] == "GA"
    assert data["hits"][0]["name"] == "NS CONSUL"
    assert any(f["rule"] == "M6" for f in data["findings"])


def test_vessels_screen_without_anything_to_look_for_is_one_error_line(
    sample_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", sample_db, "vessels", "screen"]) == 1
    err = capsys.readouterr().err
    assert "give --imo" in err and "Traceback" not in err


def test_shipments_screen_prints_a_report_and_writes_the_same_json_it_prints(
    sample_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.json"
    args = ["shipments", "screen", str(SHIPMENTS), "--no-matcher", "--output", str(report)]
    assert run(["--db", sample_db, *args]) == 0
    out = capsys.readouterr().out
    assert "2 shipments screened, 1 with findings, 1 without." in out
    assert "Findings by rule" in out and "G1" in out
    written = json.loads(report.read_text(encoding="utf-8"))
    assert {s["id"] for s in written["shipments"]} == {"SHP-RISK", "SHP-CLEAN"}
    assert run(["--db", sample_db, *args[:3], "--no-matcher", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == written


def test_shipments_screen_refuses_a_date_that_is_not_one(
    sample_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["shipments", "screen", str(SHIPMENTS), "--no-matcher", "--on", "yesterday"]
    assert run(["--db", sample_db, *args]) == 1
    assert "--on: 'yesterday' is not a date" in capsys.readouterr().err


def test_ais_simulate_then_analyze_reports_each_event_kind_and_writes_the_events(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tracks, truth, events = tmp_path / "t.csv", tmp_path / "truth.csv", tmp_path / "ev.json"
    args = ["ais", "simulate", str(tracks), "--vessels", "20", "--days", "3", "--seed", "3"]
    assert run([*args, "--truth", str(truth)]) == 0
    assert "positions of 20 vessels" in capsys.readouterr().out
    assert run(["ais", "analyze", str(tracks), "--output", str(events)]) == 0
    out = capsys.readouterr().out
    assert "AIS behaviour report" in out and "Vessels with the most events" in out
    for kind, rule in (("gap", "M3"), ("jump", "M4"), ("encounter", "M5")):
        assert kind in out and rule in out
    written = json.loads(events.read_text(encoding="utf-8"))
    assert written and f"{len(written)} events written to" in out
    injected = truth.read_text(encoding="utf-8").count("\n") - 1
    assert len(written) >= injected > 0


def test_ais_analyze_json_counts_every_kind_and_the_old_spelling_still_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tracks = tmp_path / "t.parquet"
    assert run(["maritime", "simulate", str(tracks), "--vessels", "10", "--days", "2"]) == 0
    capsys.readouterr()
    assert run(["ais", "analyze", str(tracks), "--json"]) == 0
    new = json.loads(capsys.readouterr().out)
    assert set(new["counts"]) == {"gap", "jump", "encounter", "loitering", "terminal_call"}
    assert run(["maritime", "ais", str(tracks), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == new


def test_ais_analyze_of_a_file_without_positions_columns_names_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("ship,when\n1,2\n", encoding="utf-8")
    assert run(["ais", "analyze", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.csv:1: missing column(s) mmsi, time, lat, lon" in err and "Traceback" not in err
