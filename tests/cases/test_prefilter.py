"""The delta key filter lets through every customer the matcher could alert on, and few else."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from sanctionguard.cases.prefilter import DeltaFilter
from sanctionguard.match.index import MatchIndex, bundled_rarity
from sanctionguard.store.snapshots import StoredEntity


def _entity(entity_id: str, *names: str, identifiers: tuple[str, ...] = ()) -> StoredEntity:
    record = {
        "names": [
            {"value": n, "kind": "primary" if i == 0 else "strong_alias"}
            for i, n in enumerate(names)
        ],
        "identifiers": [
            {"kind": "imo", "value": v, "raw": v, "country": None, "valid": True}
            for v in identifiers
        ],
        "birth_dates": [],
        "properties": {},
    }
    return StoredEntity(entity_id, "test", "Person", names[0], entity_id, "", record)


def _filter(*entities: StoredEntity) -> DeltaFilter:
    return DeltaFilter.from_index(MatchIndex.build(entities, rarity=bundled_rarity(), workers=1))


FILTER = _filter(
    _entity("a", "Oleg Vladimirovich DERIPASKA"),
    _entity("b", "ROSOBORONEXPORT JSC"),
    _entity("c", "LADY R", identifiers=("9314583",)),
    _entity("d", "Kim Se Il"),
)


def _passes(name: str, **fields: str) -> bool:
    return FILTER.may_match({"name": [name], **{k: [v] for k, v in fields.items()}})


def test_exact_reordered_and_typo_names_pass() -> None:
    assert _passes("Oleg Deripaska")
    assert _passes("Deripaska, Oleg V.")
    assert _passes("Oleg Deripska")  # one letter missing
    assert _passes("Rosoboronexport")  # the legal form is not needed
    assert _passes("Kimse Il")  # glued words


def test_a_shared_first_name_alone_does_not_pass() -> None:
    assert not _passes("Oleg Smirnov")
    assert not _passes("Jane Ordinary")


def test_names_in_other_scripts_and_identifier_holders_always_pass() -> None:
    assert _passes("Дерипаска Олег")
    assert _passes("Sea Breeze", imo="IMO 9314583")


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=8), st.sampled_from(string.ascii_lowercase))
def test_any_single_substitution_in_the_surname_still_passes(position: int, letter: str) -> None:
    surname = "deripaska"
    typo = surname[:position] + letter + surname[position + 1 :]
    assert _passes(f"Oleg {typo}")
