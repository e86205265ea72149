"""Reference data the payment rules read: sanctioned regions, hub and risk countries, CHPL codes,
corridors.

Each set is a CSV file in ``payments/data`` whose header comments name its sources and effective
dates; these loaders only read them. Edit the files, not the code, when guidance changes.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


def _rows(name: str) -> list[list[str]]:
    text = (
        resources.files("sanctionguard.payments").joinpath("data").joinpath(name).read_text("utf-8")
    )
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.reader(lines))


@dataclass(frozen=True)
class ReferenceData:
    """All reference sets, loaded once."""

    region_variants: tuple[tuple[str, str], ...]  # (region, spelling)
    hub_countries: frozenset[str]  # ISO alpha-2, upper case
    risk_countries: dict[str, str]  # alpha-2 upper → reason
    chpl: dict[str, str]  # HS-6 → tier
    corridor_currencies: frozenset[str]

    @classmethod
    @cache
    def bundled(cls) -> ReferenceData:
        """The reference sets shipped with sanctionguard (read once per process)."""
        return cls(
            region_variants=tuple((r[0], r[1]) for r in _rows("sanctioned_regions.csv")),
            hub_countries=frozenset(r[0].upper() for r in _rows("hub_countries.csv")[1:]),
            risk_countries={r[0].upper(): r[2] for r in _rows("risk_countries.csv")[1:]},
            chpl={r[0]: r[1] for r in _rows("chpl.csv")[1:]},
            corridor_currencies=frozenset(
                r[0].upper() for r in _rows("corridor_currencies.csv")[1:]
            ),
        )
