"""`sanctionguard screen` as a user runs it: one name, a book in three formats, bad input."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sanctionguard.cli.app import run
from sanctionguard.cli.screen import EXIT_BAD_ROWS

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "lists"
BOOK = REPO / "examples" / "book.csv"
# Customers of the example book that hit by identifier alone, under names matching nothing.
IDENTIFIER_HITS = {"C-1024": "9312884", "C-1030": "VTBRRUMM", "C-1033": "1832090230"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('screen') / 'store.db'}"
    assert run(["--db", url, "lists", "load", str(EXAMPLES)]) == 0
    return url


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")


@pytest.fixture(scope="module")
def book_rows() -> list[dict[str, str]]:
    with BOOK.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _screen(db: str, *args: str) -> int:
    return run(["--db", db, "screen", *args])


def _hits(path: Path) -> set[tuple[str, str]]:
    """(record id, entity id) of every hit in an output file of any format."""
    if path.suffix == ".parquet":
        rows = pq.read_table(path).to_pylist()
    elif path.suffix == ".jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    else:
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    return {(r["id"], r["entity_id"]) for r in rows}


def test_one_name_prints_a_table_of_matches_with_score_list_reference_and_reasons(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _screen(db, "Mohsen Hojati", "--birth-date", "1955-09-28") == 0
    out = capsys.readouterr().out
    assert "HOJATI" in out.upper()
    assert "us_ofac_sdn" in out and "10856" in out
    assert "1955-09-28" in out  # the birth-date agreement is among the reasons shown


def test_one_name_as_json_carries_the_explanation(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _screen(db, "Дерипаска Олег Владимирович", "--schema", "person", "--json") == 0
    results = json.loads(capsys.readouterr().out)
    top = results[0]
    assert "DERIPASKA" in top["caption"].upper()
    assert top["match"] is True and 0 < top["score"] <= 1
    assert len(top["lists"]) == len(top["source_id"])
    assert top["explanation"]["features"]
    assert top["explanation"]["name"]["query"] == "Дерипаска Олег Владимирович"


def test_an_identifier_alone_can_be_screened(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _screen(db, "--imo", "9312884", "--json") == 0
    results = json.loads(capsys.readouterr().out)
    assert any("COLUMBUS" in r["caption"].upper() for r in results)


def test_a_name_nobody_lists_prints_an_empty_table(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _screen(db, "Søren Østergaard", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_user_data_with_rich_markup_is_printed_literally(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _screen(db, "[bold]Mohsen[/bold] Hojati") == 0
    assert "[bold]Mohsen[/bold] Hojati" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Ivan Petrov", "--birth-date", "31.02.1970"], "is not a date"),
        (["Ivan Petrov", "--schema", "spaceship"], "unknown schema 'spaceship'"),
        (["x" * 10_000], "10,000 characters"),
        (["?!"], "nothing to screen"),
    ],
)
def test_a_bad_single_record_is_one_clear_error_line(
    db: str, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert _screen(db, *args) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["Ivan Petrov", "--output", "hits.csv"],
        ["--input", str(BOOK), "--schema", "Person"],
        ["Ivan Petrov", "--input", str(BOOK)],
        ["--input", str(BOOK), "--output", str(BOOK)],
    ],
)
def test_contradictory_options_are_usage_errors(db: str, args: list[str]) -> None:
    assert _screen(db, *args) == 2


def test_the_readme_command_screens_the_example_book_and_prints_the_hits(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _screen(db, str(BOOK)) == 0
    captured = capsys.readouterr()
    for record in ("C-1045", "C-1026", *IDENTIFIER_HITS):
        assert record in captured.out
    assert "Screened 60 of 60 record(s)" in captured.err


def test_a_csv_book_screened_to_a_csv_file_has_one_row_per_record_and_match(
    db: str, tmp_path: Path
) -> None:
    out = tmp_path / "hits.csv"
    assert _screen(db, "--input", str(BOOK), "--output", str(out)) == 0
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {"id", "entity_id", "caption", "schema", "score", "lists", "source_id"} <= set(rows[0])
    by_record = {r["id"] for r in rows}
    assert set(IDENTIFIER_HITS) <= by_record
    assert len({(r["id"], r["entity_id"]) for r in rows}) == len(rows)
    bic = next(r for r in rows if r["id"] == "C-1030")
    features = json.loads(bic["explanation"])["features"]
    assert any("VTBRRUMM" in f["reason"] for f in features)
    assert all(0 < float(r["score"]) <= 1 and r["lists"] and r["source_id"] for r in rows)


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_json_lines_and_parquet_books_give_the_same_hits_as_the_csv_book(
    db: str, tmp_path: Path, book_rows: list[dict[str, str]], suffix: str
) -> None:
    book = tmp_path / f"book{suffix}"
    if suffix == ".jsonl":
        book.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in book_rows), "utf-8"
        )
    else:
        pq.write_table(pa.Table.from_pylist(book_rows), book)
    from_csv, from_book = tmp_path / "from_csv.csv", tmp_path / f"hits{suffix}"
    assert _screen(db, "--input", str(BOOK), "--output", str(from_csv)) == 0
    assert _screen(db, "--input", str(book), "--output", str(from_book)) == 0
    assert _hits(from_book) == _hits(from_csv)
    assert _hits(from_book)


def test_bad_rows_are_reported_by_line_and_the_batch_goes_on(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "book.csv"
    book.write_text(
        "id,name,type,birth_date,imo\n"
        "B-1,,person,,\n"
        "B-2,Mohsen Hojati,person,1955-09-28,\n"
        "B-3,Ivan Petrov,person,31.02.1970,\n"
        "B-4,Acme,spaceship,,\n"
        f"B-5,{'x' * 10_000},person,,\n"
        "B-6,SEA LILY 3,vessel,,9312884\n",
        "utf-8",
    )
    out = tmp_path / "hits.jsonl"
    assert _screen(db, "--input", str(book), "--output", str(out)) == EXIT_BAD_ROWS
    err = capsys.readouterr().err
    for line in (2, 4, 5, 6):
        assert f"book.csv:{line}" in err
    assert "4 bad row(s) not screened" in err and "line(s) 2, 4, 5, 6" in err
    assert {record for record, _ in _hits(out)} == {"B-2", "B-6"}


def test_a_book_without_a_name_column_is_one_error_naming_the_file_and_line(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "book.csv"
    book.write_text("id,full_name\n1,Mohsen Hojati\n", "utf-8")
    out = tmp_path / "hits.csv"
    assert _screen(db, "--input", str(book), "--output", str(out)) == 1
    assert "book.csv:1: missing column(s) name" in capsys.readouterr().err
    assert not out.exists()


def test_an_output_name_without_a_known_extension_is_refused_before_screening(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _screen(db, "--input", str(BOOK), "--output", str(tmp_path / "hits.txt")) == 1
    captured = capsys.readouterr()
    assert "cannot tell the format" in captured.err and "screening" not in captured.err


def test_a_book_in_another_encoding_is_one_error_naming_the_line(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "book.csv"
    book.write_bytes("id,name\n1,Acme\n2,Müller\n".encode("cp1252"))
    assert _screen(db, "--input", str(book)) == 1
    assert "book.csv:3: not valid UTF-8" in capsys.readouterr().err


def test_a_store_missing_its_tables_is_a_clear_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    from sanctionguard.store.migrate import head_revision

    # A database stamped at the newest schema whose tables another program dropped.
    path = tmp_path / "broken.db"
    assert run(["--db", f"sqlite:///{path}", "lists", "load", str(EXAMPLES)]) == 0
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE ownership_version")
        assert (
            conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
        )
    capsys.readouterr()
    assert run(["--db", f"sqlite:///{path}", "screen", "Dmitry Shugayev"]) == 1
    err = capsys.readouterr().err
    assert "no such table: ownership_version" in err
    assert "Traceback" not in err
