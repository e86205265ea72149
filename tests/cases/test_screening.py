"""Screening the stored book in chunks: outcomes in order, no-hit customers filled in, the
same answers in forked workers as in process, and bulk refreshes of alerts seen again."""

from __future__ import annotations

import json

import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from sanctionguard.cases.screening import (
    CHUNK,
    MAX_CHUNK,
    CustomerOutcome,
    Item,
    Screened,
    chunk_size,
    screen_stored,
)
from sanctionguard.cases.service import CaseService
from sanctionguard.cases.tables import alert
from sanctionguard.match.screener import Screener
from tests.cases.conftest import BOOK


def _items(copies: int) -> list[Item]:
    """The fixture book's customers ``copies`` times over, as stored (JSON text) and decoded."""
    lines = BOOK.read_text().splitlines()[1:]
    items: list[Item] = []
    for n in range(copies):
        for line in lines:
            cid, name, kind, born, country = line.split(",")
            record = {"name": [name], "type": [kind], "country": [country]}
            if born:
                record["birth_date"] = [born]
            text = json.dumps(record)
            items.append((f"{cid}-{n:03d}", text if n % 2 else record))
    return items


def test_a_chunk_lists_every_customer_in_order_with_the_clean_ones_as_no_hit() -> None:
    failed = CustomerOutcome("b", (), "no usable name")
    done = Screened(["a", "b", "c", "d"], [failed])
    outcomes = list(done.outcomes())
    assert [o.customer_id for o in outcomes] == ["a", "b", "c", "d"]
    assert outcomes[1] is failed
    assert all(o.hits == () and o.error is None for o in (outcomes[0], *outcomes[2:]))


@given(st.integers(0, 5_000_000), st.integers(1, 64))
def test_chunks_stay_between_the_smallest_and_largest_size_and_grow_with_the_book(
    total: int, workers: int
) -> None:
    size = chunk_size(total, workers)
    assert CHUNK <= size <= MAX_CHUNK
    assert chunk_size(total * 2, workers) >= size


def test_forked_workers_find_the_same_hits_in_the_same_order_as_one_process(
    screened: CaseService,
) -> None:
    screener = Screener.from_store(screened.store)
    items = _items(40)  # 200 customers in 29 chunks of 7
    serial = list(screen_stored(screener, items, 0.7, workers=1, size=7))
    forked = list(screen_stored(screener, items, 0.7, workers=2, size=7))
    assert forked == serial
    ids = [o.customer_id for done in forked for o in done.outcomes()]
    assert ids == [cid for cid, _ in items]
    hit = {o.customer_id for done in forked for o in done.found if o.hits}
    assert {"C1-000", "C1-001", "C5-039"} <= hit and not any(c.startswith("C3") for c in hit)


def test_a_run_that_sees_open_alerts_again_marks_each_of_them_with_its_id(
    screened: CaseService,
) -> None:
    again = screened.screen_book(None, "ann")
    with screened.store.engine.connect() as conn:
        last = conn.execute(sa.select(alert.c.last_run_id)).scalars().all()
    assert last and set(last) == {again.id}
    assert again.new_alerts == 0 and again.hits == len(last)
