"""Properties of the score: evidence moves it the right way, and no input makes it misbehave."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctionguard.errors import SanctionguardError
from sanctionguard.match.screener import compare
from sanctionguard.match.types import DEFAULT_THRESHOLD, Query
from sanctionguard.model.identifiers import IdKind, make_identifier

LISTED = [
    ("Dmitry Evgenyevich SHUGAEV", "1965-08-11", "ru", "male", "7512345678"),
    ("Mohammed ALI", "1970-01-01", "iq", "male", "A1234567"),
    ("Natalya Anatolevna SERDYUKOVA", "1981-03-30", "ru", "female", "4512998877"),
    ("Abdolreza Rahmani FAZLI", "1959-12-14", "ir", "male", "R77651234"),
    ("George HABBASH", "1926-08-02", "jo", "male", "J0012345"),
]
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def candidate(row: tuple[str, str, str, str, str]) -> Query:
    name, born, country, gender, passport = row
    doc = make_identifier(IdKind.PASSPORT, passport, country)
    return Query((name,), "Person", (born,), (country,), gender, (doc,))


@st.composite
def variant(draw: st.DrawFn, name: str) -> str:
    """The listed name, possibly reordered, re-cased, shortened or with one typo."""
    words = name.split()
    if draw(st.booleans()):
        words = draw(st.permutations(words))
    if len(words) > 2 and draw(st.booleans()):
        del words[1]
    if draw(st.booleans()):
        i = draw(st.integers(0, len(words) - 1))
        word = words[i]
        if len(word) > 4:
            j = draw(st.integers(1, len(word) - 2))
            words[i] = word[:j] + draw(st.sampled_from("aeiouy")) + word[j + 1 :]
    text = " ".join(words)
    return draw(st.sampled_from((text, text.upper(), text.lower(), text.title())))


@st.composite
def partial_query(draw: st.DrawFn) -> tuple[Query, Query]:
    """(a query with some of a listed person's facts, that person)."""
    row = draw(st.sampled_from(LISTED))
    listed = candidate(row)
    name = draw(variant(row[0]))
    keep = draw(st.sets(st.sampled_from(("birth_dates", "countries", "gender", "identifiers"))))
    fields = {k: getattr(listed, k) for k in keep}
    return Query((name,), draw(st.sampled_from((None, "Person"))), **fields), listed


def score(query: Query, listed: Query) -> float:
    return compare(query, listed).score


@SLOW
@given(partial_query(), st.sampled_from(("birth_dates", "countries", "gender", "identifiers")))
def test_adding_agreeing_evidence_never_lowers_the_score(
    case: tuple[Query, Query], field: str
) -> None:
    query, listed = case
    more = replace(query, **{field: getattr(listed, field)})
    assert score(more, listed) >= score(query, listed) - 1e-9


@SLOW
@given(partial_query(), st.sampled_from(("birth_dates", "countries", "gender")))
def test_adding_conflicting_evidence_never_raises_the_score(
    case: tuple[Query, Query], field: str
) -> None:
    query, listed = case
    if getattr(query, field):
        return  # the property is about evidence the query did not have
    conflicting = {
        "birth_dates": ("1901-01-01",),
        "countries": ("br",),
        "gender": "female" if listed.gender == "male" else "male",
    }
    value = conflicting[field]
    assert score(replace(query, **{field: value}), listed) <= score(query, listed) + 1e-9


@SLOW
@given(partial_query())
def test_another_name_for_the_query_never_lowers_the_score(case: tuple[Query, Query]) -> None:
    query, listed = case
    more = replace(query, names=(*query.names, "Somebody Else"))
    assert score(more, listed) >= score(query, listed) - 1e-9


@SLOW
@given(st.text(max_size=80), st.text(max_size=80))
def test_any_pair_of_texts_scores_in_range_or_is_refused_clearly(left: str, right: str) -> None:
    try:
        result = compare(Query((left,)), Query((right,)))
    except SanctionguardError:
        return
    assert 0.0 <= result.score <= 1.0
    assert result.match == (result.score >= DEFAULT_THRESHOLD)
