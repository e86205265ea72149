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
def neighbour_keys() -> dict[str, str]:
    """Each letter's neighbouring keys on any of the layouts."""
    near: dict[str, set[str]] = {}
    for rows in _LAYOUTS:
        for r, row in enumerate(rows):
            for c, key in enumerate(row):
                touching = [row[c + 1]] if c + 1 < len(row) else []
                if r + 1 < len(rows):  # the row below sits half a key right: columns c-1, c
                    touching += [rows[r + 1][i] for i in (c - 1, c) if 0 <= i < len(rows[r + 1])]
                for other in touching:
                    near.setdefault(key, set()).add(other)
                    near.setdefault(other, set()).add(key)
    return {key: "".join(sorted(keys)) for key, keys in near.items()}


def keyboard_slips(typed: str, listed: str) -> int:
    """The fewest slips that turn ``listed`` into ``typed`` (0, 1 or 2), or ``TOO_MANY``.

    An edit-distance table (optimal string alignment) whose costs are slips: a dropped letter,
    a swap of neighbours, a neighbouring key, a letter doubled (typed beside the same letter)
    cost one, and two neighbours swapped with one of them struck on a neighbouring key two
    (which the table could not otherwise count: it changes no letter twice); any other change
    costs more than the count allows. (A neighbour struck as well as the intended key is left
    out: it would make a letter changed into a neighbour of the next one two slips, and "Saed"
    is a spelling of "Said", not a slip of it.) Only cells within ``MAX_SLIPS`` of the
    diagonal can stay within the count, so only those are filled.
    """
    n, m = len(listed), len(typed)
    if abs(m - n) > MAX_SLIPS:
        return TOO_MANY
    near = neighbour_keys()
    band = MAX_SLIPS
    prev2: list[int] = []
    prev = [TOO_MANY] * (m + 1)  # listed[:0] -> typed[:j]: j letters typed before the first
    prev[0] = 0
    for j in range(1, min(m, band) + 1):
        got = typed[j - 1]
        doubled = (n > 0 and got == listed[0]) or (j > 1 and got == typed[j - 2])
        prev[j] = min(TOO_MANY, prev[j - 1] + 1) if doubled else TOO_MANY
    for i in range(1, n + 1):
        row = [TOO_MANY] * (m + 1)
        row[0] = min(TOO_MANY, i)
        want = listed[i - 1]
        after = listed[i] if i < n else ""
        low = False  # (whether a cell of the row is still within the count)
        for j in range(max(1, i - band), min(m, i + band) + 1):
            got = typed[j - 1]
            if got == want:
                best = prev[j - 1]
            else:
                best = prev[j - 1] + (1 if want in near.get(got, "") else TOO_MANY)
            best = min(best, prev[j] + 1)  # ``want`` left out
            if got in (want, after) or (j > 1 and got == typed[j - 2]):
                best = min(best, row[j - 1] + 1)  # ``got`` typed twice
            if i > 1 and j > 1:
                before, typed_before = listed[i - 2], typed[j - 2]
                if got == before and typed_before == want:
                    best = min(best, prev2[j - 2] + 1)  # neighbours swapped
                elif (got == before and want in near.get(typed_before, "")) or (
                    typed_before == want and before in near.get(got, "")
                ):
                    # ... and one of them struck on a neighbouring key: two slips the table
                    # would count three ("Amug" for "Aung": "Anug", then m for n)
                    best = min(best, prev2[j - 2] + 2)
            row[j] = min(best, TOO_MANY)
            low = low or row[j] <= MAX_SLIPS
        if not low and row[0] > MAX_SLIPS:
            return TOO_MANY
        prev2, prev = prev, row
    return prev[m]
