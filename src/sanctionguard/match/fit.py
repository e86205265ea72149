"""Fitting the scorer's weights on the calibration deck, and checking them on its held-out part.

``python -m sanctionguard.match.fit --db URL [--write]`` compiles the current snapshot, builds
the deck (``deck``), turns each case into feature values (positives: the query against its own
entity; negatives: against their best-estimated candidates), fits a logistic regression with
non-negative weights (projected Newton, balanced classes, light L2) and reports recall per class and
the share of negatives alerting on the held-out part. ``--write`` stores the weights and how
they were fitted in ``data/weights.json``; the token-frequency table ``data/rarity.json`` is
rewritten from the same snapshot. Needs numpy (a development tool).
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sanctionguard.errors import SanctionguardError
from sanctionguard.match.deck import Case, build_deck
from sanctionguard.match.features import FEATURES, Evidence
from sanctionguard.match.index import MatchIndex
from sanctionguard.match.scorer import Calibration, Scorer, default_calibration
from sanctionguard.match.screener import Screener
from sanctionguard.store.snapshots import Store

CANDIDATES_PER_NEGATIVE = 3
L2 = 1e-4
# Least weights for evidence the deck cannot teach (it has no such conflicts): set by judgement.
PRIOR_MINIMUM = {
    "number_conflict": 4.0,  # "11420 CORP" is not "11421 CORP"
    "legal_form_conflict": 0.5,  # LLC vs JSC: often a reorganised firm, a small doubt
    "country_conflict": 0.5,  # people move and hold two passports
    "gender_conflict": 1.5,
    "weak_alias": 0.5,  # the authority itself warns these may produce false hits
}
# Greatest weights where the deck overstates the evidence: its positives always carry the
# listed entity's own country, real customers often a country of residence.
PRIOR_MAXIMUM = {"country_conflict": 1.0}
WEIGHTS_PATH = Path(__file__).parent / "data" / "weights.json"
RARITY_PATH = Path(__file__).parent / "data" / "rarity.json"
RARITY_MIN_DOCUMENTS = 8  # tokens in fewer entities are left out: they count as rare anyway


def _values(ev: Evidence) -> list[float]:
    return [f.compute(ev)[0] for f in FEATURES]


def case_rows(screener: Screener, case: Case) -> list[list[float]]:
    """Feature vectors of one case (one for a positive, a few for a negative)."""
    try:
        if case.is_match:
            assert case.target is not None
            ev = screener.pair_evidence(case.query, case.target)
            return [] if ev is None else [_values(ev)]
        found = screener.candidate_evidence(case.query, CANDIDATES_PER_NEGATIVE)
    except SanctionguardError:
        return []
    rows = [_values(ev) for ev in found]
    if case.target is not None:
        ev = screener.pair_evidence(case.query, case.target)
        if ev is not None:
            rows.append(_values(ev))
    return rows


def design(
    screener: Screener, cases: Sequence[Case]
) -> tuple[list[list[float]], list[float], list[float]]:
    """Rows, labels and balancing weights: each class counts as much as any other."""
    rows: list[list[float]] = []
    labels: list[float] = []
    klass: list[str] = []
    for case in cases:
        for row in case_rows(screener, case):
            rows.append(row)
            labels.append(1.0 if case.is_match else 0.0)
            klass.append(case.klass)
    counts: dict[str, int] = defaultdict(int)
    for k in klass:
        counts[k] += 1
    positive = {k for k, c in zip(klass, labels, strict=True) if c}
    groups = (len(positive), len(counts) - len(positive))
    weights = [
        1.0 / counts[k] / groups[0 if y else 1] * len(rows) / 2
        for k, y in zip(klass, labels, strict=True)
    ]
    return rows, labels, weights


def fit_weights(
    rows: list[list[float]], labels: list[float], weights: list[float]
) -> tuple[float, dict[str, float]]:
    """Bias and non-negative feature weights minimising the weighted log-loss (+ L2).

    Projected Newton steps: the problem is small (a bias and a dozen weights) and convex.
    """
    import numpy as np  # type: ignore[import-not-found, unused-ignore]

    x = np.hstack([np.ones((len(rows), 1)), np.asarray(rows, dtype=float)])
    y = np.asarray(labels, dtype=float)
    w = np.asarray(weights, dtype=float) / float(np.sum(weights))
    ridge = np.full(x.shape[1], 2 * L2)
    ridge[0] = 1e-9
    floor = np.array([-np.inf] + [PRIOR_MINIMUM.get(f.name, 0.0) for f in FEATURES])
    ceiling = np.array([np.inf] + [PRIOR_MAXIMUM.get(f.name, np.inf) for f in FEATURES])
    theta = np.maximum(floor, 0.0)
    free = np.ones(x.shape[1], dtype=bool)
    for _ in range(200):
        p = 1 / (1 + np.exp(-np.clip(x @ theta, -35, 35)))
        grad = x.T @ (w * (p - y)) + ridge * theta
        hess = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(ridge)
        free = np.ones_like(free)
        held_low = (theta[1:] <= floor[1:]) & (grad[1:] > 0)
        held_high = (theta[1:] >= ceiling[1:]) & (grad[1:] < 0)
        free[1:] = ~(held_low | held_high)  # weights held at a bound stay there
        step = np.zeros_like(theta)
        step[free] = np.linalg.solve(hess[np.ix_(free, free)], grad[free])
        theta = np.clip(theta - step, floor, ceiling)
        if float(np.abs(step).max()) < 1e-8:
            break
    fitted = {f.name: round(float(v), 4) for f, v in zip(FEATURES, theta[1:], strict=True)}
    return float(theta[0]), fitted


def evaluate(screener: Screener, cases: Sequence[Case], threshold: float) -> dict[str, Any]:
    """Recall per positive class and alert share per negative class, through ``match``."""
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case in cases:
        try:
            found = screener.match(case.query, threshold=threshold, limit=50)
        except SanctionguardError:
            found = []
        if case.is_match or case.target is not None:
            ok = any(r.entity_id == case.target for r in found)
        else:
            ok = bool(found)
        tally = hits[case.klass]
        tally[0] += int(ok)
        tally[1] += 1
    return {k: {"rate": round(v[0] / v[1], 4), "n": v[1]} for k, v in sorted(hits.items())}


def summary_line(results: dict[str, Any], cases: Sequence[Case]) -> str:
    positive = {c.klass for c in cases if c.is_match}
    parts = []
    for klass, value in results.items():
        kind = "recall" if klass in positive else "alerts"
        parts.append(f"{klass} {kind} {value['rate']:.3f} (n={value['n']})")
    return "\n".join(parts)


def rarity_table(index: MatchIndex) -> dict[str, Any]:
    """The shipped token-frequency table (``data/rarity.json``) used to score pairs of records
    without a snapshot: tokens in at least ``RARITY_MIN_DOCUMENTS`` entities, with counts."""
    table = index.rarity()
    common = {t: n for t, n in table.doc_freq.items() if n >= RARITY_MIN_DOCUMENTS}
    return {"documents": table.documents, "doc_freq": dict(sorted(common.items()))}


def run(url: str, per_class: int, seed: int, rounds: int, threshold: float) -> Calibration:
    store = Store.open(url)
    entities = list(store.entities(store.resolve("current")))
    index = MatchIndex.build(entities)
    print(f"index: {index.stats}")
    RARITY_PATH.write_text(json.dumps(rarity_table(index), separators=(",", ":")) + "\n")
    cases = build_deck(entities, per_class, seed)
    del entities
    return fit(index, cases, rounds, threshold, f"{per_class} cases per class, seed {seed}")


def fit(
    index: MatchIndex, cases: Sequence[Case], rounds: int, threshold: float, about: str
) -> Calibration:
    """Fit the weights on the deck's fitting part; evaluate on its held-out part."""
    started = time.perf_counter()
    train = [c for c in cases if not c.held_out]
    held = [c for c in cases if c.held_out]
    print(f"deck: {len(cases)} cases, {len(train)} fitting, {len(held)} held out")
    calibration = default_calibration()
    for round_no in range(rounds):
        screener = Screener(index, scorer=Scorer(calibration))
        rows, labels, weights = design(screener, train)
        bias, fitted = fit_weights(rows, labels, weights)
        calibration = Calibration(bias=round(bias, 4), weights=fitted, threshold=threshold)
        print(f"round {round_no + 1}: {len(rows)} rows, bias {bias:.3f}, {fitted}")
    screener = Screener(index, scorer=Scorer(calibration))
    held_results = evaluate(screener, held, threshold)
    print(summary_line(held_results, held))
    return Calibration(
        bias=calibration.bias,
        weights=calibration.weights,
        threshold=threshold,
        fitted={
            "method": (
                "logistic regression, non-negative weights (projected Newton), classes balanced, "
                f"L2 {L2}; {rounds} rounds (the best name per entity depends on the weights); "
                f"least weights set by judgement where the deck has no cases: {PRIOR_MINIMUM}; "
                f"greatest weights where the deck overstates: {PRIOR_MAXIMUM}"
            ),
            "deck": (
                f"sanctionguard.match.deck from the current snapshot: {about}; held out: "
                "entities whose id hashes to 0 mod 5"
            ),
            "snapshot_entities": len(index),
            "fitting_rows": len(rows),
            "held_out": held_results,
            "fitted_at": datetime.now(UTC).strftime("%Y-%m-%d"),
            "seconds": round(time.perf_counter() - started),
        },
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True, help="store URL with a loaded snapshot")
    parser.add_argument("--per-class", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--threshold", type=float, default=default_calibration().threshold)
    parser.add_argument("--write", action="store_true", help="store the weights in the package")
    args = parser.parse_args()
    calibration = run(args.db, args.per_class, args.seed, args.rounds, args.threshold)
    if args.write:
        WEIGHTS_PATH.write_text(json.dumps(calibration.to_dict(), indent=2) + "\n")
        print(f"written: {WEIGHTS_PATH}")
    if not math.isfinite(calibration.bias):
        raise SystemExit("fit failed")


if __name__ == "__main__":
    main()
