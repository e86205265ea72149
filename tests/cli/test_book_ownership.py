"""A book customer matching a company blocked by ownership raises an alert that says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sanctionguard.cli.app import run

REPO = Path(__file__).resolve().parents[2]


def test_book_screen_alerts_on_a_company_blocked_through_an_ownership_chain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    home = ["--db", db, "--home", str(tmp_path / "home")]
    book = tmp_path / "book.csv"
    book.write_text(
        "id,name,type,country\nK1,Beta Components Limited,company,HK\nK2,Epsilon Shop,company,KG\n",
        encoding="utf-8",
    )
    assert run([*home, "lists", "load", str(REPO / "examples" / "lists")]) == 0
    shielded = REPO / "tests" / "fixtures" / "ownership" / "shielded.csv"
    assert run([*home, "ownership", "load", str(shielded)]) == 0
    assert run([*home, "book", "import", str(book)]) == 0
    assert run([*home, "book", "screen"]) == 0
    assert "blocked or undetermined by ownership also screened" in capsys.readouterr().err
    assert run([*home, "alerts", "list", "--json"]) == 0
    alerts = json.loads(capsys.readouterr().out)
    assert [a["customer_id"] for a in alerts] == ["K1"]
    assert alerts[0]["lists"][0].startswith("ownership_")
    assert run([*home, "alerts", "show", str(alerts[0]["id"])]) == 0
    detail = capsys.readouterr().out
    assert "blocked by ownership or control" in detail
    assert "VTB Bank PJSC" in detail
