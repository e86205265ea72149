"""The OFAC, EU and UK ownership-and-control rule sets, as data with their sources.

Each ``RuleSet`` says which lists designate for its jurisdiction, the ownership threshold in
force on a day (≥ or >), whether holdings of different designated persons are added up,
whether control without ownership blocks, and what the caution findings look at. Rule ids
(``O1``…``O8``) refer to docs/domain-evasion.md A.3. Not legal advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Jurisdiction(StrEnum):
    OFAC = "ofac"
    EU = "eu"
    UK = "uk"


OPENSANCTIONS_COPY = "opensanctions_"  # sources/ftm_json.py names OpenSanctions slices so


@dataclass(frozen=True)
class Source:
    """A document a rule rests on, and how sure we are we read it right (A/B/C)."""

    key: str
    title: str
    confidence: str


@dataclass(frozen=True)
class Threshold:
    """The ownership test in force from ``since``: ``≥ percent`` or ``> percent``."""

    since: date | None
    percent: float
    inclusive: bool
    source: Source

    def describe(self) -> str:
        return f"{'≥' if self.inclusive else '>'} {self.percent:g}%"


@dataclass(frozen=True)
class RuleSet:
    """One jurisdiction's ownership and control rule."""

    jurisdiction: Jurisdiction
    rule_id: str
    title: str
    list_prefixes: tuple[str, ...]  # lists whose entries are designated for this jurisdiction
    thresholds: tuple[Threshold, ...]  # oldest first
    aggregate_owners: bool  # add up holdings of different designated persons
    control_blocks: bool  # control (board appointment, consolidation) blocks without shares
    control_rule_id: str
    sources: tuple[Source, ...]
    minority_caution: float = 25.0  # O3: significant minority held by designated persons (guess)
    transfer_window_days: int = 90  # O2: shares moved this close to a designation (guess)

    def threshold_on(self, day: date | None) -> Threshold:
        """The threshold in force on ``day`` (the newest one when no day is given)."""
        current = self.thresholds[0]
        for threshold in self.thresholds:
            if threshold.since is None or day is None or threshold.since <= day:
                current = threshold
        return current

    def designates(self, list_name: str) -> bool:
        """Whether entries of a list designate here; OpenSanctions copies count as the list."""
        name = list_name.removeprefix(OPENSANCTIONS_COPY)
        return any(name.startswith(p) for p in self.list_prefixes)


OFAC_FAQ = Source(
    "R14",
    "OFAC FAQs 398–401 and Revised Guidance on Entities Owned by Persons Whose Property and "
    "Interests in Property Are Blocked, 13 Aug 2014",
    "A",
)
EU_BEST_PRACTICES_2024 = Source(
    "R15",
    "Council of the EU, Update of the EU Best Practices for the effective implementation of "
    "restrictive measures, 3 Jul 2024 (paras on ownership and control)",
    "B",
)
EU_BEST_PRACTICES_OLD = Source(
    "R15",
    "EU Best Practices before the 2024 update: ownership is 'more than 50%' of proprietary "
    "rights; Commission FAQ of March 2022 on aggregation",
    "B",
)
OFSI_GUIDANCE = Source(
    "OFSI",
    "OFSI General Guidance for Financial Sanctions, ch. 4 (ownership and control: more than 50% "
    "of shares or voting rights, right to appoint or remove a majority of the board, or "
    "reasonable to expect affairs are conducted per the designated person's wishes); para 4.14 "
    "(March 2022): holdings of different designated persons are not simply aggregated unless "
    "held jointly or under an arrangement",
    "B",
)

OFAC = RuleSet(
    jurisdiction=Jurisdiction.OFAC,
    rule_id="O1",
    title="OFAC 50 Percent Rule: blocked persons together own ≥ 50%, directly or indirectly",
    list_prefixes=("us_ofac_sdn",),
    thresholds=(Threshold(None, 50.0, True, OFAC_FAQ),),
    aggregate_owners=True,
    control_blocks=False,  # FAQ 398: control alone does not make an entity blocked
    control_rule_id="O3",
    sources=(OFAC_FAQ,),
)
EU = RuleSet(
    jurisdiction=Jurisdiction.EU,
    rule_id="O1-EU",
    title="EU ownership and control: listed persons together own the threshold, or control",
    list_prefixes=("eu_", "un_sc_sanctions"),
    thresholds=(
        Threshold(None, 50.0, False, EU_BEST_PRACTICES_OLD),
        Threshold(date(2024, 7, 3), 50.0, True, EU_BEST_PRACTICES_2024),
    ),
    aggregate_owners=True,
    control_blocks=True,  # control criteria: presumption of control, rebuttable case by case
    control_rule_id="O2",
    sources=(EU_BEST_PRACTICES_2024, EU_BEST_PRACTICES_OLD),
)
UK = RuleSet(
    jurisdiction=Jurisdiction.UK,
    rule_id="O1-UK",
    title="UK ownership and control: one designated person holds more than 50%, or controls",
    list_prefixes=("gb_", "un_sc_sanctions"),
    thresholds=(Threshold(None, 50.0, False, OFSI_GUIDANCE),),
    aggregate_owners=False,
    control_blocks=True,
    control_rule_id="O1-UK-control",
    sources=(OFSI_GUIDANCE,),
)

RULE_SETS: dict[Jurisdiction, RuleSet] = {r.jurisdiction: r for r in (OFAC, EU, UK)}

# Caution findings: evidence to review, never a verdict (docs/domain-evasion.md A.3).
CAUTIONS = {
    "O2-largest": "EU control indicator: a listed person is the largest shareholder",
    "O2-transfer": "EU control indicator: shares moved close to the owner's designation date",
    "O2-officer": "EU control indicator: a listed person is director or signatory",
    "O3-minority": "significant minority held by designated persons (below the threshold)",
    "O3-control": "control by a designated person without a blocking share",
    "O3-aggregate": "designated persons together exceed the threshold but none alone does",
    "O4": "a listed person is director, officer or signatory",
    "O2-front": "a relative or associate of a listed person holds shares (front person?)",
    "O7": "nominee pattern: one party is officer or owner of an unusual number of companies",
    "O8": "circular holdings",
}
NOMINEE_COMPANIES = 20  # O7 threshold (guess, docs/domain-evasion.md)


def parse_jurisdictions(text: str | None) -> list[RuleSet]:
    """Rule sets from "ofac,eu,uk" (all three when empty); raises ValueError on an unknown one."""
    if not text:
        return list(RULE_SETS.values())
    found = []
    for part in text.split(","):
        key = part.strip().lower()
        if not key:
            continue
        try:
            found.append(RULE_SETS[Jurisdiction(key)])
        except ValueError as exc:
            raise ValueError(f"unknown jurisdiction {key!r}: use ofac, eu or uk") from exc
    return found
