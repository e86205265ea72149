"""Reading customer books (CSV, JSON lines, Parquet): bad rows by line, bad files refused."""

from __future__ import annotations

import csv
import gzip
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanctionguard.errors import ListFormatError, SanctionguardError
from sanctionguard.screen.book import BadRow, BookRecord, BookRow, open_book, read_book

REPO = Path(__file__).resolve().parents[2]
BOOK = REPO / "examples" / "book.csv"

BAD_CSV = """id,name,type,birth_date,imo
C-1,Acme Trading LLC,company,,
C-2,,company,,
C-3,Ivan Petrov,person,31.02.1970,
C-4,Some Thing,spaceship,,
,Nameless Id,person,,
C-6,{long},person,,
C-7,Too,many,,,,cells
C-8,,vessel,,9312884
"""


def _records(rows: list[BookRow]) -> dict[str, BookRecord]:
    return {r.query.id or "": r for r in rows if isinstance(r, BookRecord)}


def _bad(rows: list[BookRow]) -> dict[int, str]:
    return {r.line: r.reason for r in rows if isinstance(r, BadRow)}


def test_the_example_book_reads_as_sixty_queries_with_their_line_numbers() -> None:
    rows = read_book(BOOK)
    records = _records(rows)
    assert len(records) == 60 and not _bad(rows)
    assert records["C-1001"].line == 2
    vessel = records["C-1024"].query
    assert vessel.schema == "Vessel" and vessel.identifiers[0].value == "9312884"
    assert records["C-1016"].query.names == ("Дерипаска Олег Владимирович",)


def test_bad_rows_are_reported_with_their_line_and_the_other_rows_are_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "book.csv"
    path.write_text(BAD_CSV.format(long="x" * 10_000))
    rows = read_book(path)
    # Empty names, unknown schemas and overlong names are the matcher's to refuse (test_batch).
    assert sorted(_records(rows)) == ["C-1", "C-2", "C-4", "C-6", "C-8"]
    bad = _bad(rows)
    assert sorted(bad) == [4, 6, 8]
    assert "'31.02.1970' is not a date" in bad[4]
    assert bad[6] == "empty id"
    assert "7 cells but the header has 5" in bad[8]
    ids = {r.line: r.id for r in rows if isinstance(r, BadRow)}
    assert ids == {4: "C-3", 6: None, 8: None}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("book.csv", b"ref,full_name\n1,Acme\n", r"book\.csv:1: missing column\(s\) id, name"),
        ("book.jsonl", b'{"id": "1", "nom": "Acme"}\n', r"book\.jsonl:1: missing field\(s\) name"),
        ("book.csv", "id,name\n1,Acme\n2,Müller\n".encode("latin-1"), r"csv:3: not valid UTF-8"),
        ("book.jsonl", b"\n", "the file is empty"),
        ("book.parquet", b"id,name\n1,Acme\n", "not a readable Parquet file"),
        ("book.xlsx", b"id,name\n", r"name it \.csv, \.jsonl or \.parquet"),
    ],
)
def test_a_book_that_cannot_be_read_is_refused_with_one_error_naming_the_file(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SanctionguardError, match=message):
        open_book(path)


def test_an_unclosed_quote_is_refused_where_the_record_begins(tmp_path: Path) -> None:
    path = tmp_path / "book.csv"
    path.write_text('id,name\n1,Acme\n2,"Broken\n3,Other\n')
    book = open_book(path)
    with pytest.raises(ListFormatError, match=r"book\.csv:3: malformed CSV"):
        list(book.rows)


def test_a_gzipped_csv_book_reads_like_the_plain_one(tmp_path: Path) -> None:
    path = tmp_path / "book.csv.gz"
    path.write_bytes(gzip.compress(BOOK.read_bytes()))
    assert read_book(path) == read_book(BOOK)


def test_a_json_lines_book_reads_numbers_and_lists_and_reports_bad_lines(
    tmp_path: Path,
) -> None:
    path = tmp_path / "book.jsonl"
    path.write_text(
        '{"id": "V-1", "name": "SEA LILY 3", "type": "vessel", "imo": 9312884}\n'
        "\n"
        '{"id": "P-1", "name": ["Karl Lee", "Li Fangwei"], "country": ["cn"]}\n'
        "not json\n"
        "[1, 2]\n"
        '{"id": "P-2", "name": "Ivan", "birth_date": "soon"}\n'
    )
    rows = read_book(path)
    records = _records(rows)
    assert records["V-1"].query.identifiers[0].value == "9312884"
    assert records["P-1"].line == 3
    assert records["P-1"].query.names == ("Karl Lee", "Li Fangwei")
    bad = _bad(rows)
    assert sorted(bad) == [4, 5, 6]
    assert bad[4].startswith("not valid JSON") and bad[5] == "not a JSON object"


def test_a_parquet_book_reads_like_the_same_csv_book(tmp_path: Path) -> None:
    csv_rows = read_book(BOOK)
    path = tmp_path / "book.parquet"
    columns = ["id", "name", "type", "country", "birth_date", "imo", "inn", "bic", "passport"]
    with BOOK.open(encoding="utf-8") as handle:
        source = list(csv.DictReader(handle))
    table = pa.table({c: [row[c] or None for row in source] for c in columns})
    pq.write_table(table, path)
    book = open_book(path)
    assert book.size == 60
    parquet_queries = [r.query for r in book.rows if isinstance(r, BookRecord)]
    assert parquet_queries == [r.query for r in csv_rows if isinstance(r, BookRecord)]


def test_a_parquet_book_numbers_its_records_from_one(tmp_path: Path) -> None:
    path = tmp_path / "book.parquet"
    table = pa.table({"id": ["1", "2"], "name": ["Acme", "Acme"], "birth_date": [None, "x"]})
    pq.write_table(table, path)
    assert list(_bad(read_book(path))) == [2]


def test_a_parquet_book_without_the_name_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "book.parquet"
    pq.write_table(pa.table({"id": ["1"]}), path)
    with pytest.raises(ListFormatError, match=r"missing column\(s\) name"):
        open_book(path)


@settings(max_examples=200, deadline=None)
@given(body=st.binary(max_size=300))
def test_arbitrary_bytes_after_a_valid_header_never_crash_the_reader(body: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("book.csv", "book.jsonl"):
            path = Path(tmp) / name
            header = b"id,name,birth_date,schema,imo\n" if name.endswith("csv") else b""
            path.write_bytes(header + body)
            try:
                rows = read_book(path)
            except ListFormatError:
                continue
            assert all(isinstance(r, BookRecord | BadRow) for r in rows)
