"""Findings: one red flag raised by one rule about one subject, with its evidence and source.

Red flags are evidence, not verdicts: each names the rule (ids from docs/maritime.md and the
domain analysis A.2/A.4), the document the rule rests on and a severity to sort by.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class Severity(IntEnum):
    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    source: str


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule(
            "M1",
            "Vessel matches a designated vessel",
            "OFAC/State/USCG advisory 2020; EU Annex XLII",
        ),
        Rule("M2", "IMO number fails its check digit", "IMO ship number scheme; FinCEN Iran 2025"),
        Rule("M3", "AIS gap of 12 h or more at sea", "Advisory 2020; GFW gap events"),
        Rule("M4", "Implausible position jump or speed (spoofing)", "Advisory 2020; OFAC Apr 2023"),
        Rule(
            "M5",
            "Ship-to-ship encounter away from ports",
            "GFW encounter definition; price cap advisory",
        ),
        Rule("M6", "Flag hopping or flag mismatch", "Advisory 2020; IMO fraudulent registrations"),
        Rule(
            "M7", "Rename or owner change near a designation", "FinCEN Iran 2025; EU Best Practices"
        ),
        Rule(
            "M8",
            "P&I cover not from an International Group club, or designated insurer",
            "Price cap advisories 2023/2024, Rec. 1",
        ),
        Rule("M9", "Not classed by an IACS member", "Price cap advisory, Rec. 2"),
        Rule("M10", "Old tanker with a recent sale", "Price cap advisory update 2024"),
        Rule(
            "M12",
            "Call at a Russian oil or military-cargo terminal",
            "OFAC Apr 2023; DPRK munitions statements 2023",
        ),
        Rule("M14", "Loitering at sea", "Advisory 2020 (voyage irregularities)"),
        Rule(
            "M15",
            "Counterparty is an Annex XLII vessel or its owner/manager",
            "Reg. 833/2014 Annex XLII",
        ),
        Rule(
            "M17",
            "Vessel's owner, manager or operator is listed",
            "FinCEN Iran 2025; Advisory 2020",
        ),
        Rule("G1", "Goods on the Common High Priority List", "BIS CHPL 2024-02-23; EU Annex XL"),
        Rule("G2", "No no-re-export-to-Russia clause", "Reg. 833/2014 Art. 12g"),
        Rule(
            "G5",
            "Consignee is a forwarder, trader or logistics firm",
            "BIS red flags; FinCEN-BIS Nov 2023",
        ),
        Rule(
            "G6",
            "Routed through a hub country toward another end user",
            "BIS red flags; Commission 2023",
        ),
        Rule("G9", "Vague goods description on a high-value line", "FATF-Egmont TBML 2021"),
        Rule(
            "G10", "Quantity or value differs across documents", "FATF-Egmont; FinCEN-BIS Nov 2023"
        ),
        Rule(
            "G13",
            "Party on a sanctions or export-control list",
            "BIS Entity List / CSL; Reg. 833 Annex IV",
        ),
    )
}


@dataclass(frozen=True)
class Finding:
    """One red flag: the rule, how serious, about what, why, and the evidence."""

    rule: str
    severity: Severity
    subject: str  # "vessel", "party consignee", "goods line 2", "route", an MMSI...
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return RULES[self.rule].title

    @property
    def source(self) -> str:
        return RULES[self.rule].source

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "title": self.title,
            "severity": self.severity.label,
            "subject": self.subject,
            "message": self.message,
            "source": self.source,
            "evidence": self.evidence,
        }
