"""The on-disk index cache: a saved index answers as the built one, without its query caches."""

from __future__ import annotations

from pathlib import Path

from sanctionguard.match.cache import load_index, save_index
from sanctionguard.match.screener import Screener
from sanctionguard.match.types import Query
from tests.match.conftest import PEOPLE, screener_of

QUERIES = [
    Query(names=("Dmitry Shugayev",), schema="Person"),
    Query(names=("Дмитрий Шугаев",)),
    Query(names=("Kim Jong Un",)),
    Query(names=("JSCARGUMENT",), schema="Company"),
    Query(names=("Ocean Glory",), schema="Vessel"),
]


def _answers(screener: Screener) -> list[list[tuple[str, float]]]:
    return [[(r.entity_id, r.score) for r in screener.match(q)] for q in QUERIES]


def test_a_saved_index_answers_every_query_as_the_built_one(tmp_path: Path) -> None:
    built = screener_of(PEOPLE)
    path = tmp_path / "index-a.pickle"
    save_index(built.index, path)
    loaded = load_index(path)
    assert loaded is not None
    assert _answers(Screener(loaded)) == _answers(built)
    assert all(answer for answer in _answers(built))


def test_the_query_caches_are_not_saved(tmp_path: Path) -> None:
    built = screener_of(PEOPLE)
    save_index(built.index, tmp_path / "index-cold.pickle")
    _answers(built)  # fills the per-token caches
    save_index(built.index, tmp_path / "index-warm.pickle")
    cold, warm = (tmp_path / f"index-{n}.pickle" for n in ("cold", "warm"))
    assert warm.stat().st_size == cold.stat().st_size


def test_a_damaged_or_missing_file_is_no_index(tmp_path: Path) -> None:
    damaged = tmp_path / "index-b.pickle"
    damaged.write_bytes(b"\x80\x05not a pickle")
    assert load_index(damaged) is None
    assert load_index(tmp_path / "index-missing.pickle") is None
