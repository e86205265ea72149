"""Building the index: names analysed in workers while entities are read, numpy postings."""

from __future__ import annotations

import multiprocessing
from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionguard.match.analysis import (
    KIND_CODES,
    MAX_FORMS_PER_NAME,
    PART_CODES,
    NameAnalysis,
    analyse,
    name_key,
    pattern,
    pattern_codes,
    renderings,
)
from sanctionguard.match.index import MatchIndex
from sanctionguard.names.types import NamePart, TokenKind
from sanctionguard.sources.loader import parse_paths
from sanctionguard.store.snapshots import StoredEntity
from tests.match.conftest import PEOPLE, Listed, stored

SAMPLE_LISTS = Path(__file__).resolve().parents[2] / "examples" / "lists"


def sample_entities() -> list[StoredEntity]:
    """The bundled sample lists and the hand-made people, as the store keeps them."""
    entities = [
        StoredEntity(e.id, s.info.name, e.schema, e.caption, e.source_id, "", e.to_record())
        for s in parse_paths(sorted(p for p in SAMPLE_LISTS.iterdir() if p.is_dir()))
        for e in s.entries
    ]
    return entities + [stored(item) for item in PEOPLE]


def analysed(analysis: NameAnalysis, entities: Iterable[StoredEntity]) -> list[str]:
    with analysis:
        for item in entities:
            for name in item.record["names"]:
                analysis.number(name_key(name, item.schema))
            analysis.send()
        analysis.finish()
        counts = list(analysis.ready())
        assert counts == sorted(counts) and counts[-1] == len(analysis)
        return analysis.analysed


def test_names_analysed_in_workers_while_reading_come_back_as_analysed_in_process() -> None:
    entities = sample_entities()
    here = analysed(NameAnalysis(workers=1), entities)
    forked = analysed(NameAnalysis(workers=2, parallel_min=20, chunk=7), entities)
    assert len(here) > 100
    assert forked == here
    assert not multiprocessing.active_children()


def test_each_distinct_name_is_analysed_once() -> None:
    analysis = NameAnalysis(workers=1)
    key = name_key({"value": "Dmitry SHUGAYEV"}, "Person")
    assert analysis.number(key) == analysis.number(key) == 0
    assert analysis.number(name_key({"value": "Dmitry SHUGAYEV"}, None)) == 1
    assert len(analysis) == 2


def test_postings_and_form_weights_are_those_of_a_plain_loop() -> None:
    index = MatchIndex.build(sample_entities())
    weights = index.vocab.weights
    assert index.slot_weight == array("f", (weights[t] for t in index.slots))
    forms: dict[int, list[int]] = {}
    for f in range(len(index.form_name)):
        lo, hi = index.form_slots[f], index.form_slots[f + 1]
        least = [
            weights[t] * min(1.0, m)
            for t, m in zip(index.slots[lo:hi], index.slot_miss[lo:hi], strict=True)
        ]
        assert index.form_weight[f] == array("f", [sum(array("f", least))])[0]
        for tid in set(index.slots[lo:hi]):
            forms.setdefault(tid, []).append(f)
    for tid in range(len(index.vocab)):
        assert list(index.forms_with(tid)) == forms.get(tid, [])
    assert index.post_start[-1] == len(index.postings)


def test_a_read_that_fails_midway_stops_the_workers() -> None:
    entities = sample_entities()

    def broken() -> Iterator[StoredEntity]:
        yield from entities
        raise OSError("the store went away")

    analysis = NameAnalysis(workers=2, parallel_min=20, chunk=7)
    with pytest.raises(OSError, match="went away"):
        analysed(analysis, broken())
    assert analysis._pool is None
    assert not multiprocessing.active_children()


@given(st.lists(st.tuples(st.sampled_from(TokenKind), st.sampled_from(NamePart)), max_size=16))
def test_a_pattern_gives_back_its_token_kinds_and_name_parts(
    tokens: list[tuple[TokenKind, NamePart]],
) -> None:
    form = [("x", KIND_CODES[kind], PART_CODES[part], "", "") for kind, part in tokens]
    kinds, parts = pattern_codes(pattern(form))
    assert list(zip(kinds, parts, strict=True)) == tokens


def test_a_run_of_initials_is_also_kept_as_one_word() -> None:
    _, forms = analyse(name_key({"value": "S.I.S. DOO"}, "Company"))
    kept = renderings(forms)
    assert len(kept) <= MAX_FORMS_PER_NAME + 2
    assert any("sis" in [t[0] for t in form] for form in kept)
    index = MatchIndex.build([stored(Listed("1", "S.I.S. DOO", schema="Company"))])
    assert "sis" in index.vocab.ids
