"""Screening a book on several processes gives exactly what one process gives."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from sanctionguard.match.screener import Screener
from sanctionguard.match.types import Query
from sanctionguard.screen.batch import screen_book
from sanctionguard.screen.book import open_book
from sanctionguard.screen.parallel import WorkerPool
from sanctionguard.screen.results import HitRow
from sanctionguard.sources.loader import parse_paths
from sanctionguard.store.snapshots import Store

REPO = Path(__file__).resolve().parents[2]


class Rows:
    def __init__(self) -> None:
        self.rows: list[HitRow] = []

    def write(self, rows: Sequence[HitRow]) -> None:
        self.rows += rows


@pytest.fixture(scope="module")
def screener(tmp_path_factory: pytest.TempPathFactory) -> Screener:
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('par') / 's.db'}")
    store.load(parse_paths([REPO / "examples" / "lists"]))
    return Screener.from_store(store)


def _run(screener: Screener, book: Path, workers: int, chunk: int) -> tuple[list[HitRow], object]:
    out = Rows()
    lines: list[int] = []
    summary = screen_book(
        open_book(book),
        screener,
        out,
        workers=workers,
        chunk_size=chunk,
        on_bad_row=lambda bad: lines.append(bad.line),
    )
    return out.rows, (summary.records, summary.screened, summary.hits, lines)


def test_two_workers_write_the_same_hits_in_the_same_order_as_one(screener: Screener) -> None:
    book = REPO / "examples" / "book.csv"
    serial, serial_counts = _run(screener, book, 1, 4)
    parallel, parallel_counts = _run(screener, book, 2, 4)
    assert serial  # the example book has hits
    assert parallel == serial
    assert parallel_counts == serial_counts


def test_bad_rows_keep_their_line_numbers_and_order_on_several_workers(
    screener: Screener, tmp_path: Path
) -> None:
    book = tmp_path / "book.csv"
    rows = ["id,name,birth_date"]
    for n in range(40):
        rows.append(f"R{n},Rosoboroneksport,{'not-a-date' if n % 7 == 3 else ''}")
    book.write_text("\n".join(rows) + "\n", encoding="utf-8")
    serial, serial_counts = _run(screener, book, 1, 3)
    parallel, parallel_counts = _run(screener, book, 3, 3)
    assert parallel == serial
    assert parallel_counts == serial_counts
    assert serial_counts[3] == [n + 2 for n in range(40) if n % 7 == 3]


def test_a_pool_answers_chunks_in_order_even_when_later_chunks_are_quicker(
    screener: Screener,
) -> None:
    heavy = [Query(names=("Rosoboroneksport Joint Stock Company",))] * 30
    light = [Query(names=("Zz",))]
    chunks = [heavy, light, heavy, light, light]
    with WorkerPool(screener, 2) as pool:
        answers = list(pool.map(chunks))
    assert [len(a) for a in answers] == [30, 1, 30, 1, 1]
    assert answers[0][0].hits and answers[2][0].hits
    assert not answers[1][0].hits
