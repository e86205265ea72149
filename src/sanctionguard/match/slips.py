"""Keyboard slips: how many typing slips turn a listed word into a typed one.

A slip is what a hand on a keyboard does to a word (Damerau 1964; Kukich 1992, "Techniques for
automatically correcting words in text", section 2): a key left out, two neighbouring letters
swapped, a key struck twice, or a key's neighbour struck instead.
A different letter far from the intended key is no slip: names differ by such letters ("Alrafi"
and "Alrawi", "Said" and "Saed"), and they are spelling, not typing. Neighbours are keys that
touch on QWERTY, QWERTZ or AZERTY, the layouts of the firms that key names into payment
messages and customer records.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

# Rows of each layout, top to bottom; each row sits half a key right of the one above.
_LAYOUTS: Final[tuple[tuple[str, ...], ...]] = (
    ("qwertyuiop", "asdfghjkl", "zxcvbnm"),  # QWERTY
    ("qwertzuiop", "asdfghjkl", "yxcvbnm"),  # QWERTZ (German, Swiss, Central Europe)
    ("azertyuiop", "qsdfghjklm", "wxcvbn"),  # AZERTY (French, Belgian)
)
# Two or more slips beyond this are not counted: the answer is ``TOO_MANY``.
MAX_SLIPS: Final = 2
TOO_MANY: Final = MAX_SLIPS + 1


@lru_cache(maxsize=1)
def neighbours() -> frozenset[tuple[str, str]]:
    """Pairs of letters whose keys touch on one of the layouts (both orders)."""
    pairs: set[tuple[str, str]] = set()
    for rows in _LAYOUTS:
        for r, row in enumerate(rows):
            for c, key in enumerate(row):
                near = [row[c + 1]] if c + 1 < len(row) else []
                if r + 1 < len(rows):  # the row below sits half a key right: columns c-1, c
                    near += [rows[r + 1][i] for i in (c - 1, c) if 0 <= i < len(rows[r + 1])]
                for other in near:
                    pairs.add((key, other))
                    pairs.add((other, key))
    return frozenset(pairs)


def _inserted_cost(char: str, around: str) -> int:
    """A typed letter no intended letter stands for: a slip when it doubles a letter beside it;
    else no slip (``TOO_MANY``). (A neighbour struck as well would make a letter changed into
    a neighbour of the next one two slips: "Saed" is a spelling of "Said", not a slip of it.)"""
    return 1 if char in around else TOO_MANY


def keyboard_slips(typed: str, listed: str) -> int:
    """The fewest slips that turn ``listed`` into ``typed`` (0, 1 or 2), or ``TOO_MANY``.

    An edit-distance table (optimal string alignment) whose costs are slips: a dropped letter,
    a swap of neighbours, a neighbouring key, a doubled letter cost
    one; any other change costs more than the count allows.
    """
    if abs(len(typed) - len(listed)) > MAX_SLIPS:
        return TOO_MANY
    near = neighbours()
    n, m = len(listed), len(typed)
    prev2: list[int] = []
    prev = list(range(m + 1))  # listed[:0] -> typed[:j]: j extra letters, bounded below
    for j in range(1, m + 1):
        around = listed[:1] + typed[j - 2 : j - 1]
        prev[j] = min(TOO_MANY, prev[j - 1] + _inserted_cost(typed[j - 1], around))
    for i in range(1, n + 1):
        row = [min(TOO_MANY, i)] + [TOO_MANY] * m
        want = listed[i - 1]
        for j in range(1, m + 1):
            got = typed[j - 1]
            if got == want:
                best = prev[j - 1]
            else:
                best = prev[j - 1] + (1 if (got, want) in near else TOO_MANY)
            best = min(best, prev[j] + 1)  # ``want`` left out
            around = listed[i - 1 : i + 1] + typed[j - 2 : j - 1]
            best = min(best, row[j - 1] + _inserted_cost(got, around))
            if i > 1 and j > 1 and got == listed[i - 2] and typed[j - 2] == want:
                best = min(best, prev2[j - 2] + 1)  # neighbours swapped
            row[j] = min(best, TOO_MANY)
        prev2, prev = prev, row
    return prev[m]
