"""Writing hits: one row per record and match, in the format the output file's name asks for."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from sanctionguard.errors import SanctionguardError
from sanctionguard.match.types import (
    FeatureResult,
    MatchResult,
    NameExplanation,
    Query,
    TokenAlignment,
)
from sanctionguard.screen.results import COLUMNS, HitRow, hit_row, open_hit_writer, reasons

RESULT = MatchResult(
    entity_id="us-ofac-sdn-24283",
    caption="Oleg Vladimirovich DERIPASKA",
    schema="Person",
    score=0.9612345,
    match=True,
    lists=("us_ofac_sdn", "gb_fcdo_sanctions"),
    source_ids=("24283", "RUS0052"),
    features=(
        FeatureResult("name", 0.93, 1.0, "names align"),
        FeatureResult("birth_date", 1.0, 0.3, "birth date 1968-01-02 equals 1968-01-02"),
        FeatureResult("gender", 0.0, 0.1, "no gender to compare"),
        FeatureResult("country", -0.2, 0.1, "country de differs from ru"),
    ),
    name=NameExplanation(
        query_name="Дерипаска Олег",
        listed_name="DERIPASKA, Oleg Vladimirovich",
        listed_kind="primary",
        similarity=0.93,
        tokens=(TokenAlignment("deripaska", "deripaska", 1.0, 0.9),),
    ),
)
QUERY = Query(names=("Дерипаска Олег",), id="C-1016")


def _rows() -> list[HitRow]:
    return [hit_row(QUERY, RESULT)]


def test_the_reasons_are_those_of_the_features_that_moved_the_score_most() -> None:
    assert reasons(RESULT) == (
        "names align",
        "birth date 1968-01-02 equals 1968-01-02",
        "country de differs from ru",
    )


def test_a_csv_output_has_one_row_per_match_with_lists_joined_and_the_explanation_as_json(
    tmp_path: Path,
) -> None:
    path = tmp_path / "hits.csv"
    with open_hit_writer(path) as writer:
        writer.write(_rows())
    with path.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        (row,) = list(reader)
    assert row["id"] == "C-1016" and row["name"] == "Дерипаска Олег"
    assert row["score"] == "0.9612" and row["match"] == "True"
    assert row["lists"] == "us_ofac_sdn; gb_fcdo_sanctions"
    assert row["source_id"] == "24283; RUS0052"
    assert json.loads(row["explanation"]) == RESULT.explanation()


def test_a_json_lines_output_keeps_lists_as_arrays_and_the_explanation_as_an_object(
    tmp_path: Path,
) -> None:
    path = tmp_path / "hits.jsonl"
    with open_hit_writer(path) as writer:
        writer.write(_rows())
        writer.write(_rows())
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2
    assert rows[0]["source_id"] == ["24283", "RUS0052"]
    assert rows[0]["explanation"] == RESULT.explanation()
    assert set(rows[0]) == set(COLUMNS)


def test_a_parquet_output_has_typed_columns_and_the_explanation_as_json_text(
    tmp_path: Path,
) -> None:
    path = tmp_path / "hits.parquet"
    with open_hit_writer(path) as writer:
        writer.write(_rows())
    table = pq.read_table(path)
    assert tuple(table.column_names) == COLUMNS
    (row,) = table.to_pylist()
    assert row["score"] == pytest.approx(0.9612)
    assert row["lists"] == ["us_ofac_sdn", "gb_fcdo_sanctions"]
    assert json.loads(row["explanation"]) == RESULT.explanation()


def test_an_output_without_hits_still_has_its_header_or_schema(tmp_path: Path) -> None:
    for name in ("none.csv", "none.parquet"):
        with open_hit_writer(tmp_path / name):
            pass
    assert (tmp_path / "none.csv").read_text().strip() == ",".join(COLUMNS)
    assert pq.read_table(tmp_path / "none.parquet").num_rows == 0


def test_an_output_name_without_a_known_extension_is_refused(tmp_path: Path) -> None:
    with (
        pytest.raises(SanctionguardError, match="cannot tell the format"),
        open_hit_writer(tmp_path / "hits.txt"),
    ):
        pass
