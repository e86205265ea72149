"""Candidate retrieval: which renderings of a listed party get scored, and long names."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sanctionguard.match.query import prepare
from sanctionguard.match.retrieval import (
    FORMS_PER_ENTITY,
    FORMS_PER_ENTITY_INITIALS,
    MARGIN,
    WORD_MARGIN,
    Candidate,
    _keep_best_pairs,
    form_margin,
    query_forms,
    retrieve,
)
from sanctionguard.match.screener import Screener
from sanctionguard.match.types import Query
from tests.match.conftest import Listed, screener_of


def test_a_party_keeps_its_best_pairs_and_the_best_of_the_first_query_rendering() -> None:
    # A glued rendering's estimates (rendering 2) top the split one's (rendering 0), which
    # aligns best: that one's best pair is scored too.
    cand = Candidate(7, pairs=[(1.0, 2, 10), (1.0, 2, 11), (0.99, 2, 12), (0.93, 0, 13)])
    cand.pairs.append((0.9, 0, 14))
    _keep_best_pairs(cand)
    assert cand.pairs == [(1.0, 2, 11), (1.0, 2, 10), (0.99, 2, 12), (0.93, 0, 13)]


@given(
    st.lists(
        st.tuples(st.floats(0, 1.1), st.integers(0, 3), st.integers(0, 50)),
        max_size=12,
        unique_by=lambda p: (p[1], p[2]),
    )
)
def test_kept_pairs_are_the_best_few_and_at_most_one_more(
    pairs: list[tuple[float, int, int]],
) -> None:
    cand = Candidate(0, pairs=list(pairs))
    _keep_best_pairs(cand)
    best = sorted(pairs, reverse=True)
    assert cand.pairs[:FORMS_PER_ENTITY] == best[:FORMS_PER_ENTITY]
    assert len(cand.pairs) <= FORMS_PER_ENTITY + 1
    if len(cand.pairs) > FORMS_PER_ENTITY:
        first = min(p[1] for p in pairs)
        assert cand.pairs[-1] == max(p for p in pairs if p[1] == first)
        assert first not in {p[1] for p in best[:FORMS_PER_ENTITY]}


def test_a_name_longer_than_the_looked_up_words_is_retrieved_first() -> None:
    long_name = (
        "FEDERAL GOVERNMENT INSTITUTION PRETRIAL DETENTION CENTER NO 1 OF THE DIRECTORATE OF "
        "THE FEDERAL PENITENTIARY SERVICE FOR THE REPUBLIC OF CRIMEA AND SEVASTOPOL"
    )
    screener = screener_of(
        [
            Listed("d1", long_name, "Organization"),
            Listed("d2", long_name.replace("NO 1", "NO 2"), "Organization"),
            Listed("d3", "FEDERAL PENITENTIARY SERVICE OF RUSSIA", "Organization"),
        ]
    )
    index = screener.index
    query = prepare(Query(names=(long_name,), schema="Organization"))
    found = retrieve(index, query, query_forms(index, query), 10, 0.8)
    first = index.entities[found[0].entity]
    assert first.source_id == "d1" and found[0].estimate >= 0.9


def test_two_query_words_for_one_listed_word_are_estimated_as_alignment_pairs_them() -> None:
    # "Vladimir" and "Volodymyr" both stand for the listed "Vladimir": only one pairs, and
    # keeping the one of the greater gain (Volodymyr, the rarer word) estimated this rendering
    # well below the similarity alignment finds (Vladimir paired, Volodymyr a cheap miss).
    screener = screener_of(
        [
            Listed("gb", "Vladimir LIPCHENKO", "Person"),
            Listed("other", "Volodymyr PETRENKO", "Person"),
            Listed("third", "Vladimir PETROV", "Person"),
        ]
    )
    found = _retrieved(screener, "Vladimir/ Volodymyr LIPCHENKO")
    [estimate] = [e for e, qf, _ in found["gb"].pairs if qf == 0]
    assert estimate >= _similarity(screener, "Vladimir/ Volodymyr LIPCHENKO", found["gb"]) - 1e-6


def _retrieved(screener: Screener, name: str, floor: float = 0.0) -> dict[str, Candidate]:
    """The candidates a person's name retrieves, by their listed source id."""
    index = screener.index
    query = prepare(Query(names=(name,), schema="Person"))
    found = retrieve(index, query, query_forms(index, query), 10, floor)
    return {index.entities[c.entity].source_id: c for c in found}


def _similarity(screener: Screener, name: str, cand: Candidate) -> float:
    """The name similarity alignment finds for a retrieved candidate."""
    query = Query(names=(name,), schema="Person")
    evidence = screener.pair_evidence(query, screener.index.entities[cand.entity].entity_id)
    assert evidence is not None and evidence.name is not None
    return evidence.name.alignment.similarity


def test_only_renderings_with_guessed_pairs_leave_their_estimates_the_wide_margin() -> None:
    # An initial pairs with any word of its letter, and a word the lists never print may pair
    # as a typo beside its estimate: their estimates are loose. Listed words' are near bounds.
    screener = screener_of([Listed("p", "Sergey Ivanovich PETROV", "Person")])
    index = screener.index

    def margins(name: str) -> set[float]:
        query = prepare(Query(names=(name,), schema="Person"))
        return {form_margin(form) for form in query_forms(index, query)}

    assert margins("Sergey PETROV") == {WORD_MARGIN}
    assert margins("S. PETROV") == {MARGIN}
    assert margins("Sergey PETRXQV") == {MARGIN}
    assert WORD_MARGIN < MARGIN


def test_a_listed_name_held_whole_in_a_longer_query_name_is_retrieved() -> None:
    # The query adds a family name to the listed one: alignment costs the extra word less
    # beside a listed name held whole (``contained_miss``), so retrieval must look at forms
    # holding the listed name's three words, not only forms holding all four query words.
    screener = screener_of(
        [
            Listed("ir", "Ali Akbar AHMADIAN", "Person"),
            Listed("other", "Ali Akbar VELAYATI", "Person"),
            Listed("third", "John SMITH", "Person"),
        ]
    )
    floor = screener.scorer.name_floor(screener.settings.threshold)
    name = "Ali Akbar Ahmadian Smith"
    found = _retrieved(screener, name, floor)
    assert found["ir"].estimate >= _similarity(screener, name, found["ir"]) - 1e-6
    assert "other" not in found


def test_a_query_with_an_initial_has_more_renderings_of_a_party_scored() -> None:
    # The estimate leaves initials out, so it ranks a party's spellings by the other words
    # alone; how the initial pairs (with "Abdulhaq" whole, or with "ABDUL-HAQ" and "HAQ"
    # unpaired) decides which aligns best: more of them are aligned.
    spellings = ["Abdul Haq WASIQ", "Abdul-Haq WASSEQ", "Abdulhaq Waseeq", "Abdul Haq Wasseeq"]
    screener = screener_of([Listed("p1", "ABDUL-HAQ WASSIQ", aliases=spellings)])

    def scored(name: str) -> int:
        query = prepare(Query(names=(name,), schema="Person"))
        found = retrieve(screener.index, query, query_forms(screener.index, query), 10)
        return len(found[0].pairs)

    assert scored("A. WASSIQ") == FORMS_PER_ENTITY_INITIALS
    assert scored("Abdul WASSIQ") == FORMS_PER_ENTITY
