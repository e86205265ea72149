"""The calibrated score: a logistic model over the named features, weights from a data file.

``score = 1 / (1 + exp(-(bias + sum(weight_f * value_f))))`` with every weight non-negative and
every feature value signed by its direction (agreeing evidence positive, conflicting negative),
so agreeing evidence can never lower a score and conflicting evidence never raise it. The
weights, the bias, the default threshold and how they were fitted live in ``data/weights.json``
(written by ``sanctionguard.match.fit``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Final

from sanctionguard.errors import SanctionguardError
from sanctionguard.match.features import (
    FEATURES,
    NAME_FEATURES,
    OTHER_FEATURES,
    Evidence,
    Feature,
    closeness,
)
from sanctionguard.match.types import FeatureResult, rounded

WEIGHTS_FILE: Final = "weights.json"


@dataclass(frozen=True)
class Calibration:
    """Fitted weights of the logistic model and the threshold they were fitted for."""

    bias: float
    weights: Mapping[str, float]
    threshold: float
    fitted: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Calibration:
        weights = {str(k): float(v) for k, v in dict(data["weights"]).items()}
        missing = [f.name for f in FEATURES if f.name not in weights]
        negative = [k for k, v in weights.items() if v < 0]
        if missing or negative:
            raise SanctionguardError(
                f"match weights file is invalid: missing {missing}, negative {negative}"
            )
        return cls(
            bias=float(data["bias"]),
            weights=weights,
            threshold=float(data["threshold"]),
            fitted=dict(data.get("fitted", {})),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "algorithm": "sanctionguard-v1",
            "bias": self.bias,
            "threshold": self.threshold,
            "weights": dict(self.weights),
            "fitted": dict(self.fitted),
        }


@lru_cache(maxsize=1)
def default_calibration() -> Calibration:
    """The calibration shipped with the package (``match/data/weights.json``)."""
    text = resources.files("sanctionguard.match").joinpath("data", WEIGHTS_FILE).read_text()
    return Calibration.from_dict(json.loads(text))


def logistic(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


class Scorer:
    """Turns evidence into a calibrated score and per-feature explanations."""

    def __init__(self, calibration: Calibration | None = None) -> None:
        self.calibration = calibration or default_calibration()
        weights = self.calibration.weights
        self._name = [(f, weights[f.name]) for f in NAME_FEATURES]
        self._other = [(f, weights[f.name]) for f in OTHER_FEATURES]
        self._all = [*self._name, *self._other]
        self._floors: dict[tuple[float, float], float] = {}

    def name_logit(self, ev: Evidence) -> float:
        """The name features' share of the logit: used to pick the best name pair."""
        return sum(w * f.compute(ev)[0] for f, w in self._name)

    def score(self, ev: Evidence) -> float:
        """The calibrated score in [0, 1]."""
        z = self.calibration.bias
        query = ev.query
        for f, w in self._all:
            if not f.needs or getattr(query, f.needs):
                z += w * f.compute(ev)[0]
        return logistic(z)

    def explain(self, ev: Evidence) -> tuple[FeatureResult, ...]:
        """Each feature's value, weight and reason (set ``ev.explain`` for the reasons); features
        the query gives nothing to (no birth date, no identifier...) are left out."""
        query = ev.query
        return tuple(
            _result(f, w, ev) for f, w in self._all if not f.needs or getattr(query, f.needs)
        )

    def other_logit(self, ev: Evidence) -> float:
        """The share of the logit that does not depend on the name (dates, ids, countries)."""
        z = 0.0
        query = ev.query
        for f, w in self._other:
            if not f.needs or getattr(query, f.needs):
                z += w * f.compute(ev)[0]
        return z

    def name_floor(self, threshold: float, other: float = 0.0) -> float:
        """The least name similarity that can reach ``threshold`` when the other evidence adds
        ``other`` to the logit, assuming the rarest possible name (a bound for skipping names
        that cannot reach the threshold; identifier hits are always scored)."""
        key = (threshold, rounded(other, 2))
        found = self._floors.get(key)
        if found is None:
            found = self._floors[key] = self._name_floor(threshold, key[1])
        return found

    def _name_floor(self, threshold: float, other: float) -> float:
        if threshold <= 0:
            return 0.0
        if threshold >= 1:
            return 1.0
        w = self.calibration.weights
        need = math.log(threshold / (1 - threshold)) - self.calibration.bias - w["name_rarity"]
        need -= other
        low, high = 0.0, 1.0
        for _ in range(20):
            mid = (low + high) / 2
            if w["name_similarity"] * mid + w["name_close"] * closeness(mid) >= need:
                high = mid
            else:
                low = mid
        return low

    def score_values(self, values: Mapping[str, float]) -> float:
        """The score for given feature values (for fitting checks and tests)."""
        weights = self.calibration.weights
        return logistic(self.calibration.bias + sum(weights[k] * v for k, v in values.items()))


def _result(feature: Feature, weight: float, ev: Evidence) -> FeatureResult:
    value, reason = feature.compute(ev)
    return FeatureResult(feature.name, rounded(value, 4), weight, reason)


def feature_names() -> Iterable[str]:
    return (f.name for f in FEATURES)
