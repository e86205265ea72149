"""A customer matching a company blocked by ownership alerts, and says which rule blocked it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sanctionguard.cli.app import run

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('derived') / 'store.db'}"
    assert run(["--db", url, "lists", "load", str(REPO / "examples" / "lists")]) == 0
    shielded = REPO / "tests" / "fixtures" / "ownership" / "shielded.csv"
    assert run(["--db", url, "ownership", "load", str(shielded)]) == 0
    return url


def _screen(db: str, home: Path, *args: str) -> list[dict[str, object]]:
    assert run(["--db", db, "--home", str(home), "screen", *args, "--json"]) == 0
    return []


def test_a_company_held_through_a_blocked_chain_is_found_with_the_ownership_path(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _screen(db, tmp_path, "Beta Components Limited", "--schema", "Company")
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["lists"] == ["ownership_ofac"]
    why = " ".join(rows[0]["reasons"])
    assert "OFAC O1 blocked by ownership" in why
    assert "VTB Bank PJSC" in why and "Alpha Trading FZE" in why


def test_without_ownership_the_same_company_is_not_found(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _screen(db, tmp_path, "Beta Components Limited", "--schema", "Company", "--no-ownership")
    rows = json.loads(capsys.readouterr().out)
    assert all(not row["lists"][0].startswith("ownership_") for row in rows)


def test_a_company_owned_by_an_unlisted_person_is_not_blocked(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _screen(db, tmp_path, "Epsilon Shop", "--schema", "Company")
    rows = json.loads(capsys.readouterr().out)
    assert rows == []
