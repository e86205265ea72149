"""Designations and analysis runs for hand-made ownership scenarios."""

from __future__ import annotations

from datetime import date

from sanctionguard.ownership.analysis import Analysis, Designation, analyse
from sanctionguard.ownership.model import OwnershipData
from sanctionguard.ownership.rules import RULE_SETS

TODAY = date(2025, 1, 1)
ALL_LISTS = ("us_ofac_sdn", "eu_fsf", "gb_fcdo_sanctions")


def listed(
    *party_ids: str,
    lists: tuple[str, ...] = ALL_LISTS,
    since: date | None = None,
    certain: bool = True,
) -> dict[str, list[Designation]]:
    """Designations of the given parties on the given lists."""
    return {
        pid: [
            Designation(pid, name, f"{name}-{pid}", pid, listed_on=since, certain=certain)
            for name in lists
        ]
        for pid in party_ids
    }


def run(
    data: OwnershipData, designations: dict[str, list[Designation]], as_of: date = TODAY
) -> Analysis:
    return analyse(data, designations, list(RULE_SETS.values()), as_of)
