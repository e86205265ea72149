"""Importing customer books: formats, column mappings, versions, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sanctionguard.cases.service import CaseService
from sanctionguard.errors import ListFormatError
from tests.cases.conftest import BOOK


@pytest.fixture()
def store_url(tmp_path: Path) -> str:
    """SQLite only: this logic does not depend on the database; the run, crash, audit, CLI
    and migration tests cover PostgreSQL."""
    return f"sqlite:///{tmp_path / 'store.db'}"


def test_a_bank_export_is_imported_through_a_column_mapping(
    service: CaseService, tmp_path: Path
) -> None:
    export = tmp_path / "export.csv"
    export.write_text("Client No,Full Name,DOB\nK-1,Anna Schmidt,1980-02-03\n")
    mapping = {"Client No": "id", "Full Name": "name", "DOB": "birth_date"}
    result = service.import_book(export, mapping, "ann")
    assert (result.records, result.added) == (1, 1)
    assert service.customer("K-1") == {
        "birth_date": ["1980-02-03"],
        "id": ["K-1"],
        "name": ["Anna Schmidt"],
    }


def test_a_reimport_reports_added_changed_unchanged_and_removed_customers(
    service: CaseService, tmp_path: Path
) -> None:
    service.import_book(BOOK, None, "ann")
    lines = BOOK.read_text().splitlines()
    edited = [lines[0], lines[1].replace("IR", "DE"), lines[2], lines[3], "C9,New Person,person,,"]
    second = tmp_path / "book.csv"
    second.write_text("\n".join(edited) + "\n")
    result = service.import_book(second, None, "ann")
    assert (result.added, result.changed, result.unchanged, result.removed) == (1, 1, 2, 2)
    assert [v.id for v in service.book_versions()] == [result.book_version_id, 1]


def test_jsonl_and_parquet_books_are_read_like_csv(service: CaseService, tmp_path: Path) -> None:
    jsonl = tmp_path / "book.jsonl"
    jsonl.write_text(json.dumps({"id": "J1", "name": "Jan Nowak", "country": "PL"}) + "\n")
    assert service.import_book(jsonl, None, "ann").added == 1
    parquet = tmp_path / "book.parquet"
    pq.write_table(pa.table({"ID": ["P1", "J1"], "Name": ["Piotr Nowak", "Jan Nowak"]}), parquet)
    result = service.import_book(parquet, None, "ann")
    assert (result.added, result.changed) == (1, 1)  # J1 lost its country


def test_records_that_cannot_be_read_are_listed_with_their_line(
    service: CaseService, tmp_path: Path
) -> None:
    book = tmp_path / "book.csv"
    book.write_text("id,name,birth_date\nA1,Ann,1970-13-45\nA2,Bea,\nA2,Bea again,\n,No Id,\n")
    result = service.import_book(book, None, "ann")
    assert result.records == 1
    reasons = {bad.line: bad.reason for bad in result.bad_records}
    assert "birth date" in reasons[2] and "duplicate id" in reasons[4] and "empty id" in reasons[5]


def test_a_book_without_an_id_column_is_refused_naming_the_file(
    service: CaseService, tmp_path: Path
) -> None:
    book = tmp_path / "clients.csv"
    book.write_text("client,name\n1,Ann\n")
    with pytest.raises(ListFormatError, match=r"clients.csv:1: missing column\(s\) id"):
        service.import_book(book, None, "ann")
    assert service.book_versions() == []
