"""The evidence functions one by one: birth dates, identifiers, countries, their documentation."""

from __future__ import annotations

import pytest

from sanctionguard.match.attributes import BirthSpan, DatePoint, IdentifierKey, country_set
from sanctionguard.match.features import FEATURES, compare_birth, describe_features
from sanctionguard.match.scorer import Calibration, Scorer, default_calibration
from sanctionguard.model.identifiers import IdKind, make_identifier


def span(start: str, end: str | None = None, circa: bool = False) -> BirthSpan:
    point = DatePoint.parse(start)
    assert point is not None
    return BirthSpan(point, DatePoint.parse(end) if end else None, circa)


@pytest.mark.parametrize(
    ("query", "listed", "agree", "conflict"),
    [
        (span("1965-08-11"), span("1965-08-11"), 1.0, 0.0),
        (span("1965-08"), span("1965-08-11"), 0.8, 0.0),
        (span("1965"), span("1965-08-11"), 0.6, 0.0),
        (span("1965-11-08"), span("1965-08-11"), 0.7, 0.0),  # day and month swapped
        (span("1965-08-12"), span("1965-08-11"), 0.0, 0.4),
        (span("1965-09-11"), span("1965-08-11"), 0.0, 0.5),
        (span("1966"), span("1965-08-11"), 0.0, 0.6),
        (span("1972-01-01"), span("1965-08-11"), 0.0, 1.0),
        (span("1967"), span("1965", "1968"), 0.5, 0.0),  # within a published range
        (span("1966"), span("1965", circa=True), 0.5, 0.0),  # circa widens by a year
        (span("1970"), span("1965", circa=True), 0.0, 1.0),
    ],
)
def test_birth_dates_agree_or_conflict_by_precision(
    query: BirthSpan, listed: BirthSpan, agree: float, conflict: float
) -> None:
    found = compare_birth(query, listed)
    assert (found[0], found[1]) == (agree, conflict)
    assert found[2]


def test_dates_that_are_not_iso_prefixes_are_not_dates() -> None:
    assert DatePoint.parse("1970-13") is None
    assert DatePoint.parse("70") is None
    assert DatePoint.parse("1970-02-31") is not None  # day-of-month limits are not checked here


def test_identifier_keys_compare_compact_values_and_base_countries() -> None:
    key = IdentifierKey.from_identifier(make_identifier(IdKind.PASSPORT, " ab-12 345 ", "ua-cri"))
    assert key.value == "AB12345"
    assert key.country == "ua"


def test_historic_countries_stand_for_their_successors() -> None:
    assert {"ru", "ua"} <= country_set(["suhh"])
    assert country_set(["ua-cri"]) == {"ua"}


def test_every_feature_is_documented_and_weighted() -> None:
    docs = describe_features()
    assert list(docs) == [f.name for f in FEATURES]
    assert all(len(doc) > 40 for doc in docs.values())
    calibration = default_calibration()
    assert set(calibration.weights) == set(docs)
    assert all(w >= 0 for w in calibration.weights.values())
    assert calibration.fitted.get("method")


def test_a_weights_file_with_a_negative_weight_is_refused() -> None:
    data = default_calibration().to_dict()
    data["weights"]["birth_date"] = -1.0
    with pytest.raises(Exception, match="negative"):
        Calibration.from_dict(data)


def test_the_calibrated_score_orders_the_evidence_as_promised() -> None:
    scorer = Scorer()
    exact = {"name_similarity": 1.0, "name_close": 1.0, "name_rarity": 0.5}
    common_name = scorer.score_values(exact)
    with_everything = scorer.score_values({**exact, "birth_date": 1.0, "identifier_match": 0.8})
    with_conflict = scorer.score_values({**exact, "birth_date_conflict": -1.0})
    imo_only = scorer.score_values({"identifier_match": 1.0})
    threshold = scorer.calibration.threshold
    assert with_conflict < threshold <= common_name < with_everything
    assert with_everything > 0.999
    assert imo_only > 0.98
