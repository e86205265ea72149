"""Findings, severities and the per-message decision (pass / hold / block) with its reasons.

A decision is the strongest severity among the findings: any critical finding blocks, any
medium or high finding (and any problem reading or screening the message) holds, and only a
message fully read and screened with nothing above low passes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from enum import IntEnum, StrEnum
from typing import Any


class Severity(IntEnum):
    LOW = 1  # reported, does not stop the payment
    MEDIUM = 2  # hold for review
    HIGH = 3  # hold for review, high priority
    CRITICAL = 4  # block: a listed bank, company, vessel or wallet identified exactly


class Outcome(StrEnum):
    PASS = "pass"  # noqa: S105 - a decision, not a password
    HOLD = "hold"
    BLOCK = "block"


@dataclass(frozen=True)
class Finding:
    """One piece of evidence about a message, from one rule, pointing at the field it read."""

    rule: str
    severity: Severity
    reason: str
    field: str | None = None
    evidence: dict[str, Any] = dataclass_field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.name.lower(),
            "reason": self.reason,
            "field": self.field,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class PaymentDecision:
    """The decision about one message, with every finding behind it."""

    outcome: Outcome
    message: str  # how reports name the message (source#reference)
    format: str | None
    reference: str | None
    uetr: str | None
    findings: tuple[Finding, ...]
    rules: tuple[str, ...]  # the rules evaluated
    snapshot_id: int | None = None

    @property
    def reasons(self) -> list[str]:
        """The reasons behind the outcome, strongest first."""
        ordered = sorted(self.findings, key=lambda f: -f.severity)
        floor = Severity.MEDIUM if self.outcome is not Outcome.PASS else Severity.LOW
        return [f"{f.rule}: {f.reason}" for f in ordered if f.severity >= floor]

    def to_dict(self) -> dict[str, Any]:
        return {
            "decision": self.outcome.value,
            "message": self.message,
            "format": self.format,
            "reference": self.reference,
            "uetr": self.uetr,
            "reasons": self.reasons,
            "findings": [f.to_dict() for f in self.findings],
            "rules": list(self.rules),
            "snapshot_id": self.snapshot_id,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


def decide(findings: list[Finding]) -> Outcome:
    """Block on a critical finding, hold on medium or high, pass otherwise."""
    top = max((f.severity for f in findings), default=Severity.LOW)
    if top >= Severity.CRITICAL:
        return Outcome.BLOCK
    if top >= Severity.MEDIUM:
        return Outcome.HOLD
    return Outcome.PASS
