"""Model-validation metrics: precision, recall, F1 and alert rates, per category and swept."""

from __future__ import annotations

import math

import pytest

from sanctionguard.match.evaluate import (
    ALL,
    LabelledScore,
    best_threshold,
    by_category,
    default_thresholds,
    format_report,
    metrics_at,
    sweep,
    validation_report,
)

ITEMS = [
    LabelledScore(0.95, True, "typo"),
    LabelledScore(0.72, True, "typo"),
    LabelledScore(0.60, True, "typo"),
    LabelledScore(0.90, True, "initials"),
    LabelledScore(0.71, False, "typo"),
    LabelledScore(0.40, False, "typo"),
    LabelledScore(0.10, False, "initials"),
]


def test_counts_at_a_threshold_treat_a_score_equal_to_it_as_an_alert() -> None:
    m = metrics_at(ITEMS, 0.72)
    assert (m.true_positives, m.false_negatives) == (3, 1)
    assert (m.false_positives, m.true_negatives) == (0, 3)


def test_precision_recall_and_f1_follow_their_definitions() -> None:
    m = metrics_at(ITEMS, 0.70)
    assert m.precision == pytest.approx(3 / 4)
    assert m.recall == pytest.approx(3 / 4)
    assert m.f1 == pytest.approx(0.75)
    assert m.negative_alert_rate == pytest.approx(1 / 3)


def test_rates_without_a_denominator_are_not_a_number_rather_than_zero() -> None:
    m = metrics_at([LabelledScore(0.1, True)], 0.7)
    assert math.isnan(m.precision)
    assert m.recall == 0
    assert math.isnan(m.f1)
    assert math.isnan(m.negative_alert_rate)


def test_weights_count_an_item_more_than_once() -> None:
    m = metrics_at([LabelledScore(0.9, True), LabelledScore(0.9, False, weight=0.25)], 0.5)
    assert m.precision == pytest.approx(1 / 1.25)


def test_each_category_is_measured_on_its_own_rows_beside_the_whole_set() -> None:
    result = by_category(ITEMS, 0.70)
    assert set(result) == {ALL, "typo", "initials"}
    assert result["typo"].recall == pytest.approx(2 / 3)
    assert result["initials"].recall == 1.0
    assert result["initials"].negative_alert_rate == 0.0


def test_default_sweep_runs_from_half_to_095_in_exact_steps() -> None:
    steps = default_thresholds()
    assert steps[0] == 0.5 and steps[-1] == 0.95 and len(steps) == 10
    assert 0.7 in steps


def test_a_higher_threshold_never_raises_recall() -> None:
    recalls = [m.recall for m in sweep(ITEMS, default_thresholds())]
    assert recalls == sorted(recalls, reverse=True)


def test_best_threshold_maximises_f1() -> None:
    best = best_threshold(ITEMS, [0.72, 0.9, 0.96])
    assert best.threshold == 0.72
    assert best_threshold(ITEMS, [0.5, 0.72]).threshold == 0.5
    with pytest.raises(ValueError):
        best_threshold(ITEMS, [])


def test_the_report_prints_every_category_at_the_threshold_and_over_the_sweep() -> None:
    report = validation_report(ITEMS, threshold=0.7, thresholds=[0.6, 0.7, 0.8])
    assert report.thresholds == [0.6, 0.7, 0.8]
    text = format_report(report)
    assert "At threshold 0.70" in text
    assert "Threshold sweep (typo)" in text and "Threshold sweep (initials)" in text


def test_an_undefined_rate_prints_as_not_applicable() -> None:
    report = validation_report([LabelledScore(0.1, True, "x")], thresholds=[0.5])
    assert "n/a" in format_report(report)
