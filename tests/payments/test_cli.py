"""``sanctionguard payments screen`` over the corpus: JSON lines, a summary, a telling exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sanctionguard.cli.app import run
from sanctionguard.cli.payments import EXIT_FLAGGED
from sanctionguard.payments.storage import listing
from sanctionguard.store.snapshots import Store

from .conftest import CORPUS, REPO


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('paycli') / 'cli.db'}"
    assert run(["--db", url, "lists", "load", str(REPO / "examples" / "lists")]) == 0
    return url


def test_screening_the_corpus_writes_a_decision_per_message_and_exits_flagged(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "decisions.jsonl"
    history = CORPUS / "account_history.csv"
    code = run(
        ["--db", db, "payments", "screen", str(CORPUS), "-o", str(out), "--history", str(history)]
    )
    assert code == EXIT_FLAGGED
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    by_ref = {r["reference"]: r for r in rows if r["reference"]}
    assert by_ref["E2E-S1-1"]["decision"] == "block"
    assert by_ref["E2E-CLEAN-1"]["decision"] == "pass"
    assert by_ref["E2E-S9-new"]["decision"] == "hold"
    assert "Payment screening" in capsys.readouterr().out


def test_record_keeps_held_and_blocked_decisions_in_the_store(db: str) -> None:
    assert (
        run(
            [
                "--db",
                db,
                "payments",
                "screen",
                str(CORPUS / "pacs008_s1_listed_bic.xml"),
                "--record",
            ]
        )
        == 1
    )
    assert [d.outcome for d in listing(Store.open(db).engine)][:1] == ["block"]


def test_a_clean_file_exits_zero(db: str) -> None:
    assert run(["--db", db, "payments", "screen", str(CORPUS / "pacs008_clean.xml")]) == 0


def test_a_missing_file_is_a_usage_error(db: str, tmp_path: Path) -> None:
    assert run(["--db", db, "payments", "screen", str(tmp_path / "nope.xml")]) == 2


def test_rules_lists_every_declared_rule_with_its_source(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", db, "payments", "rules"]) == 0
    out = capsys.readouterr().out
    for rule in ("F1", "S1", "L1", "L2", "L3", "S4", "S6", "S9", "S12", "S13"):
        assert f"│ {rule} " in out
    assert "FinCEN" in out
