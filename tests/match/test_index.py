"""The compiled index: rarity weights, capped work per entity, identifier lookups, pair scoring."""

from __future__ import annotations

import heapq
import multiprocessing
import time
from typing import Any

import pytest

from sanctionguard.match import index as index_module
from sanctionguard.match.index import (
    MAX_NAMES_PER_ENTITY,
    MatchIndex,
    TokenForms,
    bundled_rarity,
)
from sanctionguard.match.screener import Screener, compare
from sanctionguard.match.types import Query
from sanctionguard.model.identifiers import IdKind
from sanctionguard.names.analyze import analyze_name
from sanctionguard.names.types import TokenKind
from tests.match.conftest import Listed, stored


def weight(screener: Screener, word: str) -> float:
    token = analyze_name(word).tokens[0]
    return screener.index.expand(token).weight


def test_common_name_words_weigh_little_and_rare_ones_much(ofac: Screener) -> None:
    assert weight(ofac, "Mohammed") < weight(ofac, "George") < weight(ofac, "Shugayev")
    assert weight(ofac, "Trading") < weight(ofac, "Shugayev") / 2


def test_an_entity_with_hundreds_of_aliases_is_indexed_with_capped_work() -> None:
    aliases = [f"Abu Mohammed Variant{i:03d}" for i in range(400)]
    entry = stored(Listed("1", "Abu Mohammed", aliases=aliases))
    index = MatchIndex.build([entry], rarity=bundled_rarity())
    assert index.stats.names == MAX_NAMES_PER_ENTITY
    screener = Screener(index)
    started = time.perf_counter()
    found = screener.match(Query(("Abu Mohammed Variant007",)))
    assert (
        time.perf_counter() - started < 1.0
    )  # generous: a guard against blow-ups, not a benchmark
    assert found and found[0].name is not None
    assert found[0].name.listed_name == "Abu Mohammed Variant007"


def test_identifiers_are_found_by_their_compact_value() -> None:
    index = MatchIndex.build(
        [
            stored(
                Listed("1", "OCEAN GLORY", schema="Vessel", ids=[(IdKind.IMO, "IMO 9187629", None)])
            )
        ]
    )
    assert index.by_id("9187629") == (0,)
    assert index.position(index.entities[0].entity_id) == 0


def test_listed_records_are_kept_for_display_without_remarks() -> None:
    index = MatchIndex.build([stored(Listed("1", "Dmitry SHUGAYEV", birth_dates=["1965-08-11"]))])
    record = index.record(0)
    assert record["caption"] == "Dmitry SHUGAYEV"
    assert record["birth_dates"] == [{"start": "1965-08-11"}]
    assert "remarks" not in record


def test_compare_scores_two_records_without_a_snapshot() -> None:
    assert compare(Query(("Kim Jong Un",)), Query(("김정은",))).match
    assert compare(Query(("Wang Jianlin",)), Query(("王健林",))).match
    assert compare(Query(("Jon Smith",)), Query(("John Smith",))).match
    assert not compare(Query(("George Bush",)), Query(("George Habbash",))).match
    assert not compare(Query(("EMMA LLC",)), Query(("emma daniels",))).match


def test_compare_uses_the_candidates_facts() -> None:
    listed = Query(("Dmitry Shugaev",), "Person", ("1965-08-11",))
    same = compare(Query(("Dmitry Shugaev",), birth_dates=("1965-08-11",)), listed)
    other = compare(Query(("Dmitry Shugaev",), birth_dates=("1990",)), listed)
    assert same.score > 0.99 > 0.5 > other.score


def test_expansions_made_at_build_time_are_the_ones_a_query_would_compute(
    ofac: Screener,
) -> None:
    index = ofac.index
    tokens = [
        t
        for name in ("Mohammed Ali HASSAN", "Dmitry Evgenyevich SHUGAEV", "Sergey IVANOV")
        for t in analyze_name(name).tokens
    ]
    warm = [t for t in tokens if index._warm_expansion(t) is not None]
    assert len(warm) >= 5  # common listed words are made at build time...
    for token in warm:
        made, computed = index._warm_expansion(token), index.vocab.expand(token)
        assert made is not None
        assert made.sims == computed.sims  # ... exactly as a query would compute them
        assert list(made.sims) == list(computed.sims)  # (best first, the same order)
        assert made.weight == computed.weight
    # A patronymic meets fewer listed words (two typos must keep its start): never taken warm.
    patronymic = [t for t in tokens if t.part.name == "PATRONYMIC"]
    assert patronymic and all(index._warm_expansion(t) is None for t in patronymic)


def test_screening_is_the_same_without_the_expansions_made_at_build_time(ofac: Screener) -> None:
    names = ["Dmitry Shugayev", "Mohamed Hasan", "Sergei Ivanov", "Abu Bakr al Baghdadi"]
    before = [[(r.entity_id, r.score) for r in ofac.match(Query((n,)))] for n in names]
    cold = MatchIndex.build([stored(Listed("1", "Dmitry SHUGAEV"))], rarity=bundled_rarity())
    assert not cold.warm_ids  # (small indexes on reference rarities are not warmed)
    index = ofac.index
    saved = index.warm_start
    try:
        index.warm_start = type(saved)("I")
        index._expansions.clear()
        index._token_forms.clear()
        after = [[(r.entity_id, r.score) for r in ofac.match(Query((n,)))] for n in names]
    finally:
        index.warm_start = saved
        index._expansions.clear()
    assert before == after
    assert before[0]  # (and the queries found something to compare)


def test_expansions_made_in_a_forked_process_are_the_same(
    ofac: Screener, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = ofac.index
    monkeypatch.setattr(index_module, "WARM_PARALLEL_MIN", 1)
    saved = (index.warm_start, index.warm_ids, index.warm_sims)
    try:
        index.warm_expansions(2, workers=1)
        alone = (index.warm_start, index.warm_ids, index.warm_sims)
        index.warm_expansions(2, workers=2)
        shared = (index.warm_start, index.warm_ids, index.warm_sims)
    finally:
        index.warm_start, index.warm_ids, index.warm_sims = saved
    assert len(alone[1]) > 1000 and shared == alone


def _warm_in_daemon(index: MatchIndex, send: Any) -> None:
    index.warm_expansions(2, workers=2)
    send.send(len(index.warm_ids))


def test_expansions_are_made_in_process_where_no_process_may_be_forked(
    ofac: Screener, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A pool's worker is daemonic and may start no process of its own: the build goes on.
    monkeypatch.setattr(index_module, "WARM_PARALLEL_MIN", 1)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    daemon = context.Process(target=_warm_in_daemon, args=(ofac.index, send), daemon=True)
    daemon.start()
    made = receive.recv() if receive.poll(120) else None
    daemon.join(10)
    assert daemon.exitcode == 0
    expected = ofac.index._warm_words(
        [t for t in range(len(ofac.index.vocab)) if _warmable(ofac.index, t, 2)]
    )
    assert made == len(expected[1])


def _warmable(index: MatchIndex, tid: int, documents: int) -> bool:
    vocab = index.vocab
    return vocab.kind(tid) is TokenKind.WORD and vocab.doc_freq[tid] >= documents


def test_a_tokens_forms_asked_one_by_one_are_the_ones_gathered(ofac: Screener) -> None:
    index = ofac.index
    for word in ("Mohammed", "Ali", "Shugayev", "Trading", "Mohamad", "Alexandr"):
        token = analyze_name(word).tokens[0]
        expansion = index.expand(token)
        asked = TokenForms(index, expansion.sims, expansion.volume)
        gathered = TokenForms(index, expansion.sims, expansion.volume).forms()
        assert gathered, word  # (each word is in the lists, some way)
        every = range(len(index.form_name))
        # The best similarity of the form's tokens either way, and none where it holds none.
        assert [asked.sim(f) for f in every] == [gathered.get(f, -1.0) for f in every]
        assert asked.gathered is None  # (asking did not gather)
        # Those of some forms that hold one: asked (a few forms) or gathered first (many).
        for some in ({*list(gathered)[:2], 0, 1}, set(range(0, len(index.form_name), 7))):
            forms = TokenForms(index, expansion.sims, expansion.volume)
            assert forms.within(some) == some & gathered.keys()


def test_values_many_entities_share_are_kept_once() -> None:
    # The same party on two lists: its name, birth date and nationality are stored once, as is
    # a list's name for all of its entries (the build's peak memory depends on it).
    entries = [
        Listed(
            str(n),
            "Dmitry Evgenyevich SHUGAEV",
            birth_dates=["1965-08-06"],
            nationality="ru",
            list_name="list_a" if n < 2 else "list_b",
        )
        for n in range(3)
    ]
    index = MatchIndex.build([stored(e) for e in entries], rarity=bundled_rarity())
    first, second, third = index.entities
    assert first.list_name is second.list_name
    assert first.schema is third.schema
    assert first.countries == frozenset({"ru"}) and first.countries is third.countries
    assert first.birth_dates and first.birth_dates is third.birth_dates
    assert index.name_text[0] is index.name_text[-1]
    assert not index._pool  # (the pool itself is let go once the names are compiled)


def test_the_lightest_forms_are_taken_as_heapq_would_take_them(ofac: Screener) -> None:
    # A common word's thousands of forms are cut to the lightest (retrieval's estimate cap):
    # the same forms, in the same order and ties in the order given, as heapq.nsmallest.
    index = ofac.index
    weights = index.form_weight
    forms = list(range(len(index.form_name)))[::-1]
    for count in (0, 1, 5, len(forms) // 3, len(forms) + 10):
        want = heapq.nsmallest(count, forms, key=weights.__getitem__)
        assert index.lightest(forms, count) == want
        assert index.lightest(set(forms), count) == heapq.nsmallest(
            count, set(forms), key=weights.__getitem__
        )
    assert len({weights[f] for f in forms}) < len(forms)  # (ties were there to keep in order)


def test_an_index_of_no_entities_screens_and_finds_nothing() -> None:
    # (A snapshot may hold no entity: a list file with no entries. Building its index failed
    # on an empty numpy array of floats.)
    screener = Screener(MatchIndex.build([]))
    assert screener.match(Query(names=("Dmitry Shugaev",))) == []
