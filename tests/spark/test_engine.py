"""Spark screening in local mode gives the in-process engine's results on the same input."""

from __future__ import annotations

import csv
import json
import os
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sanctionguard.cli.app import run
from sanctionguard.match.screener import Screener
from sanctionguard.screen.batch import screen_book
from sanctionguard.screen.book import open_book
from sanctionguard.screen.results import HitRow
from sanctionguard.store.snapshots import Store

REPO = Path(__file__).resolve().parents[2]
BOOK = REPO / "examples" / "book.csv"


def _need_spark() -> None:
    missing = []
    try:
        import pyspark  # noqa: F401
    except ImportError:
        missing.append("pyspark (the 'spark' extra)")
    if shutil.which("java") is None:
        missing.append("a Java runtime (Debian: default-jre-headless)")
    if missing:
        message = f"Spark tests need {' and '.join(missing)}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('spark') / 'store.db'}"
    assert run(["--db", url, "lists", "load", str(REPO / "examples" / "lists")]) == 0
    return url


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    _need_spark()
    from sanctionguard.spark.engine import spark_session

    session = spark_session("local[2]")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def book_parquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example book as Parquet, plus two records that cannot be screened."""
    with BOOK.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows.append({**dict.fromkeys(rows[0]), "id": "BAD-1", "name": "Ivan", "birth_date": "31.31"})
    rows.append({**dict.fromkeys(rows[0]), "id": "BAD-2", "name": "", "type": "person"})
    folder = tmp_path_factory.mktemp("book") / "book.parquet"
    folder.mkdir()
    half = len(rows) // 2
    for part, chunk in enumerate((rows[:half], rows[half:])):
        pq.write_table(pa.Table.from_pylist(chunk), folder / f"part-{part}.parquet")
    return folder


class Rows:
    def __init__(self) -> None:
        self.rows: list[HitRow] = []

    def write(self, rows: Sequence[HitRow]) -> None:
        self.rows += rows


def _local_hits(db: str, book: Path) -> set[tuple[str, str, float, str]]:
    screener = Screener.from_store(Store.open(db))
    out = Rows()
    for part in sorted(book.glob("*.parquet")):
        screen_book(open_book(part), screener, out)
    return {
        (str(r.id), r.entity_id, r.score, json.dumps(r.explanation, sort_keys=True))
        for r in out.rows
    }


def test_spark_finds_exactly_the_hits_scores_and_explanations_of_the_local_engine(
    db: str, spark: Any, book_parquet: Path, tmp_path: Path
) -> None:
    from sanctionguard.spark.engine import index_file, screen_dataframe

    index = index_file(Store.open(db), "current", tmp_path / "cache")
    frame = screen_dataframe(spark.read.parquet(str(book_parquet)), index).toPandas()
    hits = frame[frame["entity_id"].notna()]
    spark_hits = {
        (r.id, r.entity_id, r.score, json.dumps(json.loads(r.explanation), sort_keys=True))
        for r in hits.itertuples()
    }
    local = _local_hits(db, book_parquet)
    assert len(local) >= 10
    assert spark_hits == local
    errors = dict(zip(frame["id"], frame["error"], strict=True))
    assert "31.31" in errors["BAD-1"]
    assert errors["BAD-2"]


def test_the_cli_screens_a_parquet_folder_on_spark_into_a_new_folder(
    db: str, book_parquet: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _need_spark()
    out = tmp_path / "hits"
    code = run(
        ["--db", db, "--home", str(tmp_path / "home"), "screen", "--engine", "spark",
         "--master", "local[2]", "--input", str(book_parquet), "--output", str(out)]
    )  # fmt: skip
    assert code == 3  # the two bad records are reported, as by the local engine
    table = pq.read_table(out).to_pylist()
    found = {(r["id"], r["entity_id"]) for r in table if r["entity_id"]}
    assert ("C-1003", next(e for i, e in found if i == "C-1003")) in found
    assert {r["id"] for r in table if r["error"]} == {"BAD-1", "BAD-2"}
    assert "2 bad record(s)" in capsys.readouterr().err
    again = run(
        ["--db", db, "--home", str(tmp_path / "home"), "screen", "--engine", "spark",
         "--input", str(book_parquet), "--output", str(out)]
    )  # fmt: skip
    assert again == 1  # an existing output folder is refused, never overwritten


def test_the_delta_index_for_spark_holds_only_the_entries_changed_since_a_snapshot(
    tmp_path: Path,
) -> None:
    import pickle

    from sanctionguard.match.index import MatchIndex
    from sanctionguard.spark.engine import changed_index_file

    lists = REPO / "examples" / "lists"
    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert run(["--db", url, "lists", "load", str(lists / "ofac"), str(lists / "un")]) == 0
    assert run(["--db", url, "lists", "load", str(lists)]) == 0
    path, count = changed_index_file(Store.open(url), 1, "current", tmp_path / "cache")
    with path.open("rb") as stream:
        index = pickle.load(stream)
    assert isinstance(index, MatchIndex)
    assert count == len(index.entities) > 0
    assert {e.list_name for e in index.entities} == {"gb_hmt_sanctions", "ca_dfatd_sema_sanctions"}


def test_a_book_in_a_few_files_is_spread_evenly_over_the_slots(tmp_path: Path) -> None:
    # Three files on two slots: the third would otherwise run alone at the end. (Its own
    # session: the CLI test stops the shared one.)
    _need_spark()
    from sanctionguard.spark.engine import spark_session, spread

    spark = spark_session("local[2]")

    folder = tmp_path / "three"
    folder.mkdir()
    for part in range(3):
        rows = [{"id": f"{part}-{n}", "name": f"Name {n}"} for n in range(50)]
        pq.write_table(pa.Table.from_pylist(rows), folder / f"part-{part}.parquet")
    frame = spark.read.parquet(str(folder))
    spread_out = spread(frame, 2)
    assert spread_out.rdd.getNumPartitions() % 2 == 0
    assert spread_out.count() == 150
    assert spread(spark.range(10).repartition(8), 2).rdd.getNumPartitions() == 8
    spark.stop()
