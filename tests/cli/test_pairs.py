"""`sanctionguard pairs score` and `pairs evaluate` as a user runs them, bad input included."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from sanctionguard.cli import pairs as pairs_cli
from sanctionguard.cli.app import run
from sanctionguard.match.types import MatchResult, Query

PAIRS = """name1,name2,schema,birth_date1,birth_date2,country1,imo2,is_match,category,note
Dmitry Evgenevich Shugaev,Dmitry Evgenevich SHUGAEV,Person,1965,1965-08-01,ru,,1,exact,a
Sis d.o.o.,SIS DOO,Organization,,,,,1,legal_form,b
Maria Lopez,Xu Wenbo,Person,,,,,0,unrelated,c
"""


def write(tmp_path: Path, text: str | bytes, name: str = "pairs.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as src:
        return list(csv.DictReader(src))


def test_score_adds_score_and_match_and_keeps_every_row_and_column(tmp_path: Path) -> None:
    out = tmp_path / "scored.csv"
    assert run(["pairs", "score", str(write(tmp_path, PAIRS)), "--output", str(out)]) == 0
    rows = read_csv(out)
    assert [r["note"] for r in rows] == ["a", "b", "c"]
    assert list(rows[0])[-2:] == ["score", "match"]
    assert rows[0]["match"] == "true" and float(rows[0]["score"]) >= 0.7
    assert rows[2]["match"] == "false" and float(rows[2]["score"]) < 0.7


def test_match_follows_the_threshold_option(tmp_path: Path) -> None:
    out = tmp_path / "scored.csv"
    path = write(tmp_path, PAIRS)
    assert run(["pairs", "score", str(path), "-o", str(out), "--threshold", "0"]) == 0
    assert {r["match"] for r in read_csv(out)} == {"true"}


def test_each_side_gets_its_own_attributes_and_the_shared_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[Query, Query]] = []

    def fake_compare(left: Query, right: Query, algorithm: object) -> MatchResult:
        seen.append((left, right))
        return MatchResult("x", "x", "Person", 0.5, False, (), (), (), None)

    monkeypatch.setattr(pairs_cli, "compare", fake_compare)
    out = tmp_path / "scored.csv"
    assert run(["pairs", "score", str(write(tmp_path, PAIRS)), "-o", str(out)]) == 0
    left, right = seen[0]
    assert left.names == ("Dmitry Evgenevich Shugaev",)
    assert right.names == ("Dmitry Evgenevich SHUGAEV",)
    assert left.schema == right.schema == "Person"
    assert (left.birth_dates, right.birth_dates) == (("1965",), ("1965-08-01",))
    assert (left.countries, right.countries) == (("ru",), ())


def test_an_identifier_column_reaches_its_side(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Query] = []

    def fake_compare(left: Query, right: Query, algorithm: object) -> MatchResult:
        seen.append(right)
        return MatchResult("x", "x", "Vessel", 0.9, True, (), (), (), None)

    monkeypatch.setattr(pairs_cli, "compare", fake_compare)
    path = write(tmp_path, "name1,name2,schema,imo2\nOCEAN STAR,LING HONG,Vessel,IMO 9408542\n")
    assert run(["pairs", "score", str(path), "-o", str(tmp_path / "o.csv")]) == 0
    assert [(i.kind.value, i.value) for i in seen[0].identifiers] == [("imo", "9408542")]


def test_a_row_that_cannot_be_scored_is_reported_with_its_line_and_the_rest_scored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = PAIRS + "Ivan Petrov,Ivan Petrov,Person,not a date,,,,0,dob,d\n,,Person,,,,,0,empty,e\n"
    path = write(tmp_path, text)
    out = tmp_path / "scored.csv"
    assert run(["pairs", "score", str(path), "-o", str(out)]) == pairs_cli.EXIT_BAD_ROWS
    err = capsys.readouterr().err
    assert f"{path}:5" in err and "birth date" in err
    assert f"{path}:6" in err
    rows = read_csv(out)
    assert len(rows) == 5
    assert rows[3]["score"] == rows[4]["score"] == "" and rows[0]["score"] != ""


def test_a_file_without_name_columns_is_refused_naming_the_header_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "first,second\nA,B\n")
    assert run(["pairs", "score", str(path), "-o", str(tmp_path / "o.csv")]) == 1
    err = capsys.readouterr().err
    assert f"{path}:1" in err and "name1" in err


def test_a_file_in_another_encoding_is_refused_naming_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "name1,name2\nJosé,Jose\nMüller,Muller\n".encode("latin-1"))
    assert run(["pairs", "score", str(path), "-o", str(tmp_path / "o.csv")]) == 1
    err = capsys.readouterr().err
    assert f"{path}:2" in err and "UTF-8" in err


def test_an_empty_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "")
    assert run(["pairs", "evaluate", str(path)]) == 1
    assert "empty" in capsys.readouterr().err


def test_evaluate_prints_precision_recall_and_f1_per_category_and_over_a_sweep(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["pairs", "evaluate", str(write(tmp_path, PAIRS))]) == 0
    out = capsys.readouterr().out
    assert "At threshold 0.70" in out
    for category in ("all", "exact", "legal_form", "unrelated"):
        assert f"Threshold sweep ({category})" in out
    assert "precision" in out and "recall" in out and "F1" in out


def test_evaluate_as_json_gives_the_metrics_at_the_threshold_and_each_sweep_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, PAIRS)
    args = ["pairs", "evaluate", str(path), "--json", "--sweep-from", "0.6", "--sweep-to", "0.8"]
    assert run(args) == 0
    report = json.loads(capsys.readouterr().out)
    overall = report["at_threshold"]["all"]
    assert overall["pairs"] == 3 and overall["matches"] == 2
    assert overall["negative_alert_rate"] == 0.0
    assert [m["threshold"] for m in report["sweep"]["all"]] == [0.6, 0.65, 0.7, 0.75, 0.8]
    assert report["at_threshold"]["unrelated"]["recall"] is None


def test_evaluate_refuses_a_label_it_cannot_read_naming_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "name1,name2,is_match\nA Bc,A Bc,1\nC De,C De,maybe\n")
    assert run(["pairs", "evaluate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:3" in err and "is_match" in err


def test_evaluate_needs_the_is_match_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "name1,name2\nA Bc,A Bc\n")
    assert run(["pairs", "evaluate", str(path)]) == 1
    assert "is_match" in capsys.readouterr().err


def test_evaluate_stops_at_a_row_that_cannot_be_scored_rather_than_leave_it_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "name1,name2,is_match\nAnna Smith,Anna Smith,1\n...,Anna Smith,0\n")
    assert run(["pairs", "evaluate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:3" in err and "nothing to screen" in err


@pytest.mark.parametrize(
    ("cell", "expected"), [("1", True), ("TRUE", True), ("yes", True), ("0", False), ("no", False)]
)
def test_usual_spellings_of_a_label_are_read(cell: str, expected: bool) -> None:
    assert pairs_cli.parse_label(cell, Path("x.csv"), 2) is expected
