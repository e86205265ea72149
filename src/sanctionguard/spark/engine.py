"""Screening a Spark DataFrame of customer records against a compiled snapshot index.

The driver compiles (or finds in its cache) the snapshot's index file and ships it to the
executors with ``addFile``; each Python worker loads it once and keeps it while Spark reuses
the worker. Records are screened in Arrow batches through ``mapInPandas`` by the same
``Screener`` the CLI and the API use, so a row gives the same matches on either engine.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import sys
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sanctionguard.errors import SanctionguardError
from sanctionguard.match.screener import Screener
from sanctionguard.match.types import MatchSettings
from sanctionguard.screen.book import BadRow, book_row
from sanctionguard.screen.parallel import screen_queries
from sanctionguard.store.snapshots import Store

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

SPREAD_TASKS_PER_SLOT = 4  # from this many partitions a slot, an uneven tail is short
OUTPUT_SCHEMA = (
    "id string, name string, entity_id string, caption string, schema string, score double, "
    "match boolean, lists array<string>, source_ids array<string>, reasons array<string>, "
    "explanation string, error string"
)
OUTPUT_COLUMNS = tuple(part.split()[0] for part in OUTPUT_SCHEMA.split(", "))
REQUIRED = ("id", "name")


class SparkEngineError(SanctionguardError):
    """The Spark engine could not run (missing extra, bad input folder, missing columns)."""


def spark_session(master: str = "local[*]", app_name: str = "sanctionguard") -> SparkSession:
    """A Spark session whose Python workers run this interpreter (so they see our packages)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SparkEngineError(
            "the Spark engine needs the 'spark' extra: pip install 'sanctionguard[spark]'"
        ) from exc
    # Workers must import sanctionguard, pandas and pyarrow from the same environment.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.python.worker.reuse", "true")
    )
    return builder.getOrCreate()


def index_file(store: Store, snapshot: str | int, cache_dir: Path) -> Path:
    """The snapshot's compiled index file in ``cache_dir``, compiling it if it is not there."""
    from sanctionguard.match.cache import cached_index, index_path

    snap_id = store.resolve(snapshot)
    cached_index(store, snap_id, cache_dir)
    path = index_path(store, snap_id, cache_dir)
    if not path.is_file():
        raise SparkEngineError(f"cannot write the compiled index to {cache_dir}")
    return path


def changed_index_file(
    store: Store, since: str | int, snapshot: str | int, directory: Path
) -> tuple[Path, int]:
    """A compiled index over what ``snapshot`` added or changed since ``since``, written to
    ``directory``; returns its path and how many entries it holds."""
    from sanctionguard.match.cache import fingerprint, save_index
    from sanctionguard.screen.delta import changed_index

    old, new = (fingerprint(store.snapshot(store.resolve(ref))) for ref in (since, snapshot))
    index = changed_index(store, since, snapshot)
    path = directory / f"delta-{old}-{new}.pickle"
    save_index(index, path)
    if not path.is_file():
        raise SparkEngineError(f"cannot write the compiled index to {directory}")
    return path, len(index.entities)


@lru_cache(maxsize=2)
def _worker_screener(path: str, settings: MatchSettings) -> Screener:
    """The screener of a Python worker: loaded once per index file and kept while reused."""
    from sanctionguard.match.cache import load_index

    index = load_index(Path(path))
    if index is None:
        raise SparkEngineError(f"{path} is not a compiled sanctionguard index")
    return Screener(index, settings)


def _cell(value: Any) -> Any:
    """A pandas cell as a plain value: missing numbers and NaN become None."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def screen_rows(screener: Screener, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Screen records given as field mappings; one output row per hit or per bad record."""
    parsed = [book_row(position, row) for position, row in enumerate(rows, start=1)]
    records = [row for row in parsed if not isinstance(row, BadRow)]
    answers = iter(screen_queries(screener, [r.query for r in records]))
    out: list[dict[str, Any]] = []
    for source, row in zip(rows, parsed, strict=True):
        name = _cell(source.get("name"))
        if isinstance(row, BadRow):
            out.append(_error_row(row.id, name, row.reason))
            continue
        answer = next(answers)
        if answer.error is not None:
            out.append(_error_row(row.query.id, name, answer.error))
            continue
        for hit in answer.hits:
            out.append(
                {
                    "id": hit.id,
                    "name": hit.name,
                    "entity_id": hit.entity_id,
                    "caption": hit.caption,
                    "schema": hit.schema,
                    "score": hit.score,
                    "match": hit.match,
                    "lists": list(hit.lists),
                    "source_ids": list(hit.source_ids),
                    "reasons": list(hit.reasons),
                    "explanation": json.dumps(hit.explanation, ensure_ascii=False, sort_keys=True),
                    "error": None,
                }
            )
    return out


def _stage(index_path: Path) -> Path:
    """The index file under a name unique to its bytes.

    Spark refuses a second file of the same name with other bytes, and two compilations of
    one snapshot need not be byte-identical; naming by digest makes reuse safe.
    """
    import hashlib

    digest = hashlib.sha256()
    with index_path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    staged = index_path.parent / "spark" / f"{index_path.stem}-{digest.hexdigest()[:16]}.pickle"
    if not staged.exists():
        staged.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(index_path, staged)
        except OSError:
            shutil.copyfile(index_path, staged)
    return staged


def _error_row(record_id: str | None, name: Any, reason: str) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(OUTPUT_COLUMNS)
    row.update(id=record_id, name=None if name is None else str(name), error=reason)
    return row


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows, columns=list(OUTPUT_COLUMNS))


def screen_dataframe(
    records: DataFrame, index_path: Path, settings: MatchSettings | None = None
) -> DataFrame:
    """A DataFrame of matches for ``records`` (columns ``id``, ``name`` and optional book
    columns such as ``schema``, ``birth_date``, ``country``, ``imo``...).

    One row per record and match at or over the threshold, with score, the authority's
    references and the explanation as JSON; a record that cannot be screened gives one row
    with ``error`` set, so nothing is dropped silently.
    """
    missing = [c for c in REQUIRED if c not in [c.lower() for c in records.columns]]
    if missing:
        raise SparkEngineError(f"the input has no column(s) {', '.join(missing)}")
    session = records.sparkSession
    staged = _stage(index_path)
    session.sparkContext.addFile(str(staged))
    shipped = staged.name
    chosen = settings or MatchSettings()
    lowered = records.toDF(*[c.lower() for c in records.columns])
    lowered = spread(lowered, session.sparkContext.defaultParallelism)

    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        from pyspark import SparkFiles

        screener = _worker_screener(SparkFiles.get(shipped), chosen)
        for batch in batches:
            rows = [
                {key: _cell(value) for key, value in row.items()}
                for row in batch.to_dict(orient="records")
            ]
            yield _frame(screen_rows(screener, rows))

    return lowered.mapInPandas(run, OUTPUT_SCHEMA)


def spread(frame: DataFrame, slots: int) -> DataFrame:
    """``frame`` in partitions that keep every slot busy to the end (row order does not matter
    to screening). A small book often arrives as one file, hence one partition: one Python
    worker would do all the work. A few partitions that are no multiple of the slots leave
    slots idle at the end: 3 files of a 10M book on 2 slots ran the third alone for a third of
    the run. A shuffle into the next multiple costs seconds; with many partitions the tail is
    short anyway."""
    parts = frame.rdd.getNumPartitions()
    if parts < slots or (parts % slots and parts < SPREAD_TASKS_PER_SLOT * slots):
        return frame.repartition(slots * max(1, -(-parts // slots)))
    return frame


def screen_parquet(
    spark: SparkSession,
    input_dir: Path,
    output_dir: Path,
    index_path: Path,
    settings: MatchSettings | None = None,
) -> tuple[int, int, int]:
    """Screen a Parquet folder into a Parquet folder; returns (records, hits, bad records)."""
    if output_dir.exists():
        raise SparkEngineError(f"{output_dir} exists; give a new folder for the results")
    if not input_dir.exists():
        raise SparkEngineError(f"{input_dir}: no such file or folder")
    records = spark.read.parquet(str(input_dir))
    result = screen_dataframe(records, index_path, settings).cache()
    result.write.parquet(str(output_dir))
    from pyspark.sql import functions as sf

    errors = result.filter(sf.col("error").isNotNull()).count()
    hits = result.filter(sf.col("entity_id").isNotNull()).count()
    total = records.count()
    result.unpersist()
    return total, hits, errors
