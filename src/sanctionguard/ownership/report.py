"""Writing an ownership analysis as JSON or CSV (one row per finding or caution)."""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from sanctionguard.ownership.analysis import Analysis, Finding
from sanctionguard.ownership.cautions import Caution
from sanctionguard.ownership.linking import Link

CSV_COLUMNS = (
    "kind",
    "jurisdiction",
    "party_id",
    "caption",
    "status",
    "rule_id",
    "threshold",
    "share_low",
    "share_high",
    "as_of",
    "explanation",
)


def report_dict(
    analysis: Analysis, findings: list[Finding], cautions: list[Caution], links: list[Link]
) -> dict[str, Any]:
    return {
        "as_of": analysis.as_of.isoformat(),
        "counts": analysis.counts(),
        "findings": [f.to_dict() for f in findings],
        "cautions": [c.to_dict() for c in cautions],
        "links": [link.to_dict() for link in links],
        "ambiguous_links": [link.to_dict() for link in links if link.ambiguous],
        "issues": [i.to_dict() for i in analysis.data.issues],
    }


def write_json(out: TextIO, report: dict[str, Any]) -> None:
    json.dump(report, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_csv(out: TextIO, findings: list[Finding], cautions: list[Caution]) -> None:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for f in findings:
        writer.writerow(
            {
                "kind": "finding",
                "jurisdiction": f.jurisdiction,
                "party_id": f.party_id,
                "caption": f.caption,
                "status": f.status.value,
                "rule_id": f.rule_id,
                "threshold": f.threshold,
                "share_low": f"{f.share_low:g}",
                "share_high": f"{f.share_high:g}",
                "as_of": f.as_of.isoformat(),
                "explanation": " | ".join(f.describe_paths()),
            }
        )
    for c in cautions:
        writer.writerow(
            {
                "kind": "caution",
                "jurisdiction": c.jurisdiction,
                "party_id": c.party_id,
                "caption": c.caption,
                "status": "caution",
                "rule_id": c.rule_id,
                "explanation": f"{c.message}: " + " | ".join(c.evidence),
            }
        )
