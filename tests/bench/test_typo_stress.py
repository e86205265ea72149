"""The typo stress benchmark's slips: one edit each, where the kind of slip says."""

from __future__ import annotations

import random
from typing import Any

from bench.typo_stress import edit, stress_cases, variations
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=14)


@given(WORDS, st.integers(0, 2**32), st.booleans())
def test_an_edit_is_one_slip_and_inside_keeps_the_ends(word: str, seed: int, inside: bool) -> None:
    typed = edit(word, random.Random(seed), inside)
    assert OSA.distance(word, typed) <= 1
    if inside:
        assert (typed[0], typed[-1]) == (word[0], word[-1])


def test_each_kind_of_slip_changes_the_words_it_says() -> None:
    name = "Anatoli Andreevich ANTONOV"
    for seed in range(50):
        made = variations(name, random.Random(seed))
        # (No word of four or five letters: no "short" slip.)
        assert set(made) == {"one_any", "two_words", "two_in_long"}
        words = name.split()
        changed = {
            kind: [a != b for a, b in zip(words, typed.split(), strict=True)]
            for kind, typed in made.items()
        }
        assert sum(changed["two_words"]) <= 2
        # Two slips stay in the one long word.
        assert changed["two_in_long"][2] is False and changed["two_in_long"][0] is False


def _record(eid: str, name: str, schema: str) -> dict[str, Any]:
    return {"id": eid, "schema": schema, "names": [{"value": name, "kind": "primary"}]}


def test_cases_are_persons_and_organisations_by_their_primary_latin_name() -> None:
    records = [
        _record("p", "Rami MAKHLUF", "Person"),
        _record("o", "GHAVAMIN BANK", "Company"),
        _record("v", "OCEAN STAR", "Vessel"),
        _record("c", "Рами Махлуф", "Person"),
    ]
    cases = stress_cases(records, 10, seed=1)
    assert {c.entity for c in cases} == {"p", "o"}
    assert all(c.expected == (c.entity,) and c.query.names[0] != c.listed_name for c in cases)
