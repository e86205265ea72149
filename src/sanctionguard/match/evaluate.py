"""Model validation: precision, recall and F1 of scored, labelled decisions.

Regulators (NYDFS Part 504, Wolfsberg) ask for documented testing of the matching logic: how
many true matches alert and how many non-matches do at the chosen threshold, over a sweep of
thresholds, and per category of name variation. This module computes exactly that from
``LabelledScore`` items; the ``pairs evaluate`` command and ``bench/accuracy.py`` print it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sanctionguard.match.types import DEFAULT_THRESHOLD

ALL = "all"


@dataclass(frozen=True)
class LabelledScore:
    """One scored decision with its true label.

    ``weight`` lets a caller count an item more or less than once, e.g. to evaluate every
    category against a shared pool of negatives at equal prevalence.
    """

    score: float
    is_match: bool
    category: str = ""
    weight: float = 1.0


@dataclass(frozen=True)
class Metrics:
    """The confusion counts at one threshold (weighted) and the rates derived from them.

    A rate whose denominator is zero is NaN: precision with no alert at all, recall with no
    true match, the alert rate with no non-match. F1 is NaN when precision or recall is.
    """

    threshold: float
    true_positives: float = 0.0
    false_positives: float = 0.0
    true_negatives: float = 0.0
    false_negatives: float = 0.0

    @property
    def positives(self) -> float:
        return self.true_positives + self.false_negatives

    @property
    def negatives(self) -> float:
        return self.false_positives + self.true_negatives

    @property
    def precision(self) -> float:
        return _ratio(self.true_positives, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        return _ratio(self.true_positives, self.positives)

    @property
    def negative_alert_rate(self) -> float:
        """Share of non-matches scoring at or above the threshold (false-positive rate)."""
        return _ratio(self.false_positives, self.negatives)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        if math.isnan(p) or math.isnan(r):
            return math.nan
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def to_dict(self) -> dict[str, float | None]:
        """The counts and rates as JSON-able numbers; an undefined rate is ``None``."""
        return {
            "threshold": self.threshold,
            "pairs": self.positives + self.negatives,
            "matches": self.positives,
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "true_negatives": self.true_negatives,
            "false_negatives": self.false_negatives,
            "precision": _or_none(self.precision),
            "recall": _or_none(self.recall),
            "f1": _or_none(self.f1),
            "negative_alert_rate": _or_none(self.negative_alert_rate),
        }


def _or_none(value: float) -> float | None:
    return None if math.isnan(value) else value


def _ratio(num: float, den: float) -> float:
    return num / den if den > 0 else math.nan


def default_thresholds(start: float = 0.5, stop: float = 0.95, step: float = 0.05) -> list[float]:
    """Evenly spaced thresholds from ``start`` to ``stop`` inclusive, rounded (no 0.7000001)."""
    count = round((stop - start) / step)
    return [round(start + i * step, 6) for i in range(count + 1)]


def metrics_at(items: Iterable[LabelledScore], threshold: float) -> Metrics:
    """Confusion counts of ``items`` when a score at or above ``threshold`` alerts."""
    tp = fp = tn = fn = 0.0
    for item in items:
        alerts = item.score >= threshold
        if item.is_match:
            tp, fn = (tp + item.weight, fn) if alerts else (tp, fn + item.weight)
        else:
            fp, tn = (fp + item.weight, tn) if alerts else (fp, tn + item.weight)
    return Metrics(threshold, tp, fp, tn, fn)


def sweep(items: Sequence[LabelledScore], thresholds: Sequence[float]) -> list[Metrics]:
    """``metrics_at`` for each threshold, in the order given."""
    return [metrics_at(items, t) for t in thresholds]


def categories(items: Iterable[LabelledScore]) -> list[str]:
    """The distinct non-empty categories of ``items``, sorted."""
    return sorted({i.category for i in items if i.category})


def by_category(items: Sequence[LabelledScore], threshold: float) -> dict[str, Metrics]:
    """Metrics at ``threshold`` for every category, plus ``"all"`` for the whole set."""
    result = {ALL: metrics_at(items, threshold)}
    for name in categories(items):
        result[name] = metrics_at([i for i in items if i.category == name], threshold)
    return result


def best_threshold(items: Sequence[LabelledScore], thresholds: Sequence[float]) -> Metrics:
    """The metrics at the threshold with the highest F1 (the lowest such threshold on ties)."""
    if not thresholds:
        raise ValueError("best_threshold needs at least one threshold")
    scored = sweep(items, thresholds)
    return max(scored, key=lambda m: (_or_zero(m.f1), -m.threshold))


def _or_zero(value: float) -> float:
    return 0.0 if math.isnan(value) else value


@dataclass(frozen=True)
class ValidationReport:
    """What a model-validation run states: metrics at the threshold and over a sweep."""

    threshold: float
    at_threshold: dict[str, Metrics]  # "all" and each category
    sweep: dict[str, list[Metrics]]  # "all" and each category, one entry per threshold

    @property
    def thresholds(self) -> list[float]:
        return [m.threshold for m in self.sweep[ALL]]

    def to_dict(self) -> dict[str, object]:
        return {
            "threshold": self.threshold,
            "at_threshold": {k: m.to_dict() for k, m in self.at_threshold.items()},
            "sweep": {k: [m.to_dict() for m in steps] for k, steps in self.sweep.items()},
        }


def validation_report(
    items: Sequence[LabelledScore],
    threshold: float = DEFAULT_THRESHOLD,
    thresholds: Sequence[float] | None = None,
) -> ValidationReport:
    """Metrics at ``threshold`` and over ``thresholds`` (default 0.50–0.95), per category."""
    steps = list(thresholds) if thresholds is not None else default_thresholds()
    groups: dict[str, Sequence[LabelledScore]] = {ALL: items}
    for name in categories(items):
        groups[name] = [i for i in items if i.category == name]
    return ValidationReport(
        threshold=threshold,
        at_threshold={k: metrics_at(v, threshold) for k, v in groups.items()},
        sweep={k: sweep(v, steps) for k, v in groups.items()},
    )


def format_rate(value: float) -> str:
    """A rate as ``0.981``, or ``n/a`` when undefined."""
    return "n/a" if math.isnan(value) else f"{value:.3f}"


def format_report(report: ValidationReport) -> str:
    """The report as plain text: one table at the threshold, then one sweep per category."""
    lines = [f"At threshold {report.threshold:.2f}:", _header("category")]
    for name, m in report.at_threshold.items():
        lines.append(_row(name, m))
    for name, steps in report.sweep.items():
        lines += ["", f"Threshold sweep ({name}):", _header("threshold")]
        lines += [_row(f"{m.threshold:.2f}", m) for m in steps]
    return "\n".join(lines)


def _header(first: str) -> str:
    return (
        f"{first:<24} {'pairs':>7} {'matches':>7} {'precision':>9} {'recall':>7} "
        f"{'F1':>6} {'non-match alert rate':>20}"
    )


def _row(label: str, m: Metrics) -> str:
    return (
        f"{label:<24} {m.positives + m.negatives:>7g} {m.positives:>7g} "
        f"{format_rate(m.precision):>9} {format_rate(m.recall):>7} {format_rate(m.f1):>6} "
        f"{format_rate(m.negative_alert_rate):>20}"
    )
