"""The result types' helpers: rounding as results print it."""

from __future__ import annotations

import math

from hypothesis import example, given
from hypothesis import strategies as st

from sanctionguard.match.types import rounded


@given(st.floats(), st.sampled_from([0, 2, 3, 4, 6]))
@example(0.97555, 4)  # (a half in decimal, not in binary: round's exact reading decides)
@example(2.675, 2)
@example(-0.00001, 4)  # (rounds to -0.0, as round gives it)
@example(0.00005, 4)
@example(-3.5e9, 4)
def test_results_round_their_numbers_exactly_as_round_does(value: float, digits: int) -> None:
    # Scores, feature values and token similarities print rounded; a faster rounding must
    # print the same numbers, or a result would differ between builds.
    got, want = rounded(value, digits), round(value, digits)
    if math.isnan(want):
        assert math.isnan(got)
    else:
        assert got == want and math.copysign(1.0, got) == math.copysign(1.0, want)


@given(st.floats(min_value=-2.0, max_value=2.0), st.sampled_from([2, 3, 4]))
def test_scores_and_weights_round_exactly_as_round_does(value: float, digits: int) -> None:
    assert rounded(value, digits) == round(value, digits)
