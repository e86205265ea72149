"""Reading shares and dates from ownership sources, with located errors for bad values.

A bad share (negative, over 100%, a minimum above its maximum, unreadable text) is never
dropped and never trusted: it becomes an *unknown* share (0–100%), so a rule built on it can
only say "undetermined", and the problem is reported with its location.
"""

from __future__ import annotations

import re
from datetime import date

from sanctionguard.ownership.model import EXCLUSIVE_EPS, OwnershipData, ShareRange, day_of

_NUMBER = r"(\d+(?:[.,]\d+)?)"
_RANGE = re.compile(rf"^{_NUMBER}\s*%?\s*(?:-|–|—|to|\.\.)\s*{_NUMBER}\s*%?$")
_BOUND = re.compile(r"^(>=|≥|>|<=|≤|<)\s*(-?\d+(?:[.,]\d+)?)\s*%?$")
_SINGLE = re.compile(r"^(-?\d+(?:[.,]\d+)?)\s*%?$")


def _num(text: str) -> float:
    return float(text.replace(",", "."))


def bounded_share(
    data: OwnershipData,
    location: str,
    low: float | None,
    high: float | None,
    *,
    low_exclusive: bool = False,
    high_exclusive: bool = False,
) -> ShareRange:
    """A share from optional bounds in percent, checked; bad bounds widen to unknown."""
    if low is None and high is None:
        return ShareRange.unknown()
    for value in (low, high):
        if value is not None and not 0.0 <= value <= 100.0:
            data.error(location, f"share {value:g}% is outside 0–100%; treated as unknown")
            return ShareRange.unknown()
    lo = 0.0 if low is None else low + (EXCLUSIVE_EPS if low_exclusive else 0.0)
    hi = 100.0 if high is None else high - (EXCLUSIVE_EPS if high_exclusive else 0.0)
    if lo > hi:
        data.error(location, f"share minimum {low}% exceeds maximum {high}%; treated as unknown")
        return ShareRange.unknown()
    return ShareRange(lo, hi)


def parse_share(data: OwnershipData, location: str, text: str | None) -> ShareRange:
    """A share from text: "50", "50%", "25-50", "25–50%", ">25", "<=50"; empty is unknown."""
    raw = (text or "").strip()
    if not raw:
        return ShareRange.unknown()
    if match := _SINGLE.match(raw):
        value = _num(match.group(1))
        return bounded_share(data, location, value, value)
    if match := _RANGE.match(raw):
        return bounded_share(data, location, _num(match.group(1)), _num(match.group(2)))
    if match := _BOUND.match(raw):
        op, value = match.group(1), _num(match.group(2))
        if op in (">", ">=", "≥"):
            return bounded_share(data, location, value, None, low_exclusive=op == ">")
        return bounded_share(data, location, None, value, high_exclusive=op == "<")
    data.error(location, f"unreadable share {raw!r}; treated as unknown")
    return ShareRange.unknown()


def parse_float(data: OwnershipData, location: str, field: str, text: object) -> float | None:
    """A number from a source field, or None (with a located error when it is not a number)."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    if isinstance(text, bool):
        data.error(location, f"{field} is not a number: {text!r}")
        return None
    if isinstance(text, int | float):
        return float(text)
    try:
        return _num(str(text).strip().rstrip("%"))
    except ValueError:
        data.error(location, f"{field} is not a number: {text!r}")
        return None


def edge_dates(
    data: OwnershipData, location: str, start_text: str | None, end_text: str | None
) -> tuple[date | None, date | None, bool]:
    """``(start, end, dates_known)``; unreadable dates or an end before the start are errors."""
    start, start_ok = day_of(start_text)
    end, end_ok = day_of(end_text, last=True)
    if not start_ok:
        data.error(location, f"unreadable start date {start_text!r}; in force is undetermined")
    if not end_ok:
        data.error(location, f"unreadable end date {end_text!r}; in force is undetermined")
    if start is not None and end is not None and end < start:
        data.error(
            location,
            f"date range ends ({end}) before it starts ({start}); in force is undetermined",
        )
        return (start, end, False)
    return (start, end, start_ok and end_ok)
