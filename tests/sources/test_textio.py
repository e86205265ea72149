"""Text and CSV reading name the file, line and column of every problem."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionguard.errors import ListFormatError
from sanctionguard.sources.base import Limits
from sanctionguard.sources.textio import cell_values, csv_dicts, csv_records, read_text


def test_a_latin1_file_is_refused_with_the_line_of_the_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes("id,name\n1,ACME\n2,Société Générale\n".encode("latin-1"))
    with pytest.raises(ListFormatError) as info:
        read_text(path, Limits())
    assert info.value.line == 3
    assert "UTF-8" in str(info.value) and str(path) in str(info.value)


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"  \n")
    with pytest.raises(ListFormatError, match="empty"):
        read_text(path, Limits())


def test_trailing_ctrl_z_and_bom_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(b"\xef\xbb\xbf1,A\r\n\x1a")
    assert read_text(path, Limits()) == "1,A\n"


def test_missing_columns_are_named() -> None:
    with pytest.raises(ListFormatError, match=r"missing column.*name") as info:
        list(csv_dicts("id,type\n1,x\n", Path("l.csv"), required=["id", "name"]))
    assert info.value.line == 1


def test_rows_wider_than_the_header_name_their_line() -> None:
    with pytest.raises(ListFormatError) as info:
        list(csv_dicts("id,name\n1,A\n2,B,extra\n", Path("l.csv")))
    assert info.value.line == 3


def test_line_numbers_count_embedded_newlines() -> None:
    rows = list(csv_dicts('id,name\n1,"multi\nline"\n2,B\n', Path("l.csv")))
    assert [line for line, _ in rows] == [2, 4]


@given(st.text(max_size=200))
def test_arbitrary_csv_text_raises_only_list_format_errors(text: str) -> None:
    with contextlib.suppress(ListFormatError):
        list(csv_dicts(text, Path("fuzz.csv"), required=["id"]))


def test_a_multi_valued_cell_gives_its_values_without_blanks_or_null_markers() -> None:
    assert cell_values(' SDGT;  IRGC ; ;-0- ;""; N/A') == ["SDGT", "IRGC"]
    assert cell_values(None) == [] and cell_values("") == []


def test_csv_records_keep_their_file_and_line_and_read_cells_trimmed(tmp_path: Path) -> None:
    path = tmp_path / "subjects.csv"
    text = 'id,name\n1,"ACME\n  Trading"\n2,  Beta  \n'
    records = list(csv_records(text, path, required=["id", "name"]))
    assert [(r.line, r.get("name"), r.origin) for r in records] == [
        (2, "ACME Trading", "subjects.csv:2"),
        (4, "Beta", "subjects.csv:4"),
    ]
    assert records[0].get("missing") == ""
