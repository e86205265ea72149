"""`sanctionguard ownership` as a user runs it over the sample lists."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from sanctionguard.cli.app import run

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "lists"


@pytest.fixture()
def db(tmp_path: Path, fixtures_dir: Path) -> str:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert run(["--db", url, "lists", "load", str(EXAMPLES)]) == 0
    folder = fixtures_dir / "ownership"
    files = [str(folder / n) for n in ("shielded.csv", "bods.json", "gleif_relationships.json")]
    assert run(["--db", url, "ownership", "load", *files]) == 0
    return url


def test_analyse_writes_json_with_blocked_undetermined_and_links(db: str, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    code = run(
        [
            "--db",
            db,
            "ownership",
            "analyse",
            "--as-of",
            "2024-06-01",
            "--format",
            "json",
            "--output",
            str(out),
        ]
    )
    assert code == 0
    report = json.loads(out.read_text())
    status = {(f["jurisdiction"], f["party_id"]): f["status"] for f in report["findings"]}
    assert status[("ofac", "beta")] == "blocked"  # 30% via blocked Alpha + 25% Kalashnikov
    assert status[("ofac", "alpha")] == "blocked"
    assert status[("ofac", "gamma")] == "undetermined"  # ambiguous name link, 25–50% band
    assert ("ofac", "epsilon") not in status
    methods = {(link["party_id"], link["method"]) for link in report["links"]}
    assert ("vtb", "identifier:lei") in methods and ("kal", "identifier:inn") in methods
    assert any(link["party_id"] == "hojati" for link in report["ambiguous_links"])
    assert any(
        c["rule_id"] == "O3-control" and c["party_id"] == "delta" for c in report["cautions"]
    )
    assert any("before it starts" in i["message"] for i in report["issues"])


def test_analyse_before_the_holdings_began_finds_nothing_derived(db: str, tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    assert (
        run(
            [
                "--db",
                db,
                "ownership",
                "analyze",
                "--as-of",
                "2019-01-01",
                "-j",
                "ofac",
                "--format",
                "csv",
                "--output",
                str(out),
            ]
        )
        == 0
    )
    rows = list(csv.DictReader(out.open()))
    assert not [r for r in rows if r["kind"] == "finding" and r["status"] == "blocked"]


def test_explain_prints_the_paths_and_the_rule(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--db", db, "ownership", "explain", "beta", "--as-of", "2024-06-01", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    ofac = next(f for f in result["findings"] if f["jurisdiction"] == "ofac")
    assert ofac["status"] == "blocked" and ofac["rule_id"] == "O1"
    assert any("Alpha Trading FZE" in text and "30%" in text for text in ofac["explanation"])


def test_bad_options_are_one_clear_line(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--db", db, "ownership", "analyse", "--as-of", "yesterday"]) == 1
    assert "--as-of 'yesterday' is not a date" in capsys.readouterr().err
    assert run(["--db", db, "ownership", "analyse", "-j", "ofac,mars"]) == 1
    assert "unknown jurisdiction 'mars'" in capsys.readouterr().err
    assert run(["--db", db, "ownership", "explain", "nobody-here"]) == 1
    assert "is not a party" in capsys.readouterr().err
