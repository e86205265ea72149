"""Shipment rules: a ``Shipment`` becomes findings for the vessel, the parties, goods and route.

Each rule is a small function ``(ShipmentContext) -> list[Finding]`` listed in ``SHIPMENT_RULES``
with the rule id it implements (M1/M2/M6/M7/M8/M9/M10/M15/M17, G1/G2/G5/G6/G9/G10/G13).
Parties go through the matcher (``Screener.match``) when a screener is given; without one the
list-based party rules (G13, M7 prior owners, M8 designated insurers) are skipped, not guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from itertools import pairwise
from typing import Any

from sanctionguard.maritime.detect import AisEvent
from sanctionguard.maritime.findings import Finding, Severity
from sanctionguard.maritime.identity import VesselQuery
from sanctionguard.maritime.reference.sets import Reference
from sanctionguard.maritime.registry import VesselRegistry
from sanctionguard.maritime.shipments import Shipment
from sanctionguard.maritime.vessels import VesselReport, screen_party, screen_vessel
from sanctionguard.maritime.voyage import voyage_findings
from sanctionguard.match.screener import Screener
from sanctionguard.match.types import MatchResult

CLAUSE_12G = re.compile(r"no[\s_\-]*re[\s_\-]*export|12g", re.IGNORECASE)
ART_12G_FROM = date(2024, 3, 20)
FLAG_WINDOW = timedelta(days=730)  # M6: 24 months (guess, domain analysis A.2)
FLAG_CHANGES = 2
DESIGNATION_WINDOW = timedelta(days=183)  # M7: 6 months (guess)
TANKER_AGE = 15  # M10 (guess)
SALE_WINDOW = timedelta(days=365)
VAGUE_VALUE = 10_000.0  # G9: "high value" (guess)
DOC_TOLERANCE = 0.01  # G10: 1 % relative difference
HIGH_RISK_END = {"RU", "BY"}
VAGUE = re.compile(
    r"^(?:various|misc\w*|general cargo|goods|samples?|(?:spare\s+)?parts|accessories|"
    r"equipment|materials?|components?|electronic(?:s| components?| parts)?|"
    r"spare parts and accessories|industrial goods|consumer goods)\.?$",
    re.IGNORECASE,
)
INTERMEDIARY = re.compile(
    r"\b(logistic\w*|freight|forward\w*|shipping agen\w*|cargo|express|courier|trading|"
    r"trade|import[\s-]*export|mail\s*(?:centre|center|box)|transit)\b",
    re.IGNORECASE,
)
CHPL_SEVERITY = {
    "1": Severity.CRITICAL,
    "2": Severity.HIGH,
    "3.A": Severity.MEDIUM,
    "3.B": Severity.MEDIUM,
    "4.A": Severity.LOW,
    "4.B": Severity.LOW,
}


@dataclass
class ShipmentContext:
    """One shipment with everything the rules consult; party matches computed once."""

    shipment: Shipment
    registry: VesselRegistry
    reference: Reference
    screener: Screener | None
    today: date = field(default_factory=date.today)

    @property
    def on(self) -> date:
        return self.shipment.date or self.today

    @cached_property
    def vessel_report(self) -> VesselReport:
        v = self.shipment.vessel
        names = tuple(n for n in (v.name, *(h.value for h in v.name_history)) if n)
        query = VesselQuery(
            imo=v.imo,
            mmsi=v.mmsi,
            call_sign=v.call_sign,
            names=tuple(dict.fromkeys(names)),
            flag=v.flag,
            owners=tuple(dict.fromkeys(h.value for h in v.owner_history)),
        )
        return screen_vessel(query, self.registry, self.reference, self.screener)

    @cached_property
    def party_matches(self) -> dict[str, list[MatchResult]]:
        if self.screener is None:
            return {}
        return {
            role: screen_party(p.name, self.screener, country=p.country)
            for role, p in self.shipment.parties.items()
        }

    def destination(self) -> str | None:
        """End-user country, else consignee country, else the discharge port's country."""
        for role in ("end_user", "consignee"):
            party = self.shipment.parties.get(role)
            if party and party.country:
                return party.country
        pod = self.shipment.port_of_discharge
        return pod[:2] if pod else None


def _vessel(ctx: ShipmentContext) -> list[Finding]:
    """M1, M2, M6 (MID flag), M17: the vessel screening's own findings."""
    return list(ctx.vessel_report.findings)


def _flag_hopping(ctx: ShipmentContext) -> list[Finding]:
    """M6: two or more flag changes in the 24 months before the shipment."""
    history = sorted(
        (h for h in ctx.shipment.vessel.flag_history if h.since), key=lambda h: h.since or date.min
    )
    recent = [h for h in history[1:] if h.since and ctx.on - FLAG_WINDOW <= h.since <= ctx.on]
    if len(recent) < FLAG_CHANGES:
        return []
    flags = " → ".join(f"{h.value} ({h.since})" for h in history)
    return [
        Finding(
            "M6",
            Severity.MEDIUM,
            "vessel",
            f"{len(recent)} flag changes in the 24 months before {ctx.on}: {flags}",
            {"changes": len(recent), "flags": [h.value for h in history]},
        )
    ]


def _near(a: date, b: date) -> bool:
    return abs(a - b) <= DESIGNATION_WINDOW


def _renamed_near_designation(ctx: ShipmentContext) -> list[Finding]:
    """M7 (names): a rename within 6 months of the vessel's own designation."""
    findings = []
    listed = [h.vessel for h in ctx.vessel_report.hits if h.strong and h.vessel.listed_on]
    for change in ctx.shipment.vessel.name_history:
        for vessel in listed:
            when = date.fromisoformat(str(vessel.listed_on)[:10])
            if change.since and _near(change.since, when):
                findings.append(
                    Finding(
                        "M7",
                        Severity.HIGH,
                        "vessel",
                        f"renamed to {change.value!r} on {change.since}, within 6 months of its "
                        f"designation on {vessel.list_name} ({when})",
                        {"name": change.value, "since": str(change.since), "listed_on": str(when)},
                    )
                )
    return findings


def _owner_change_near_designation(ctx: ShipmentContext) -> list[Finding]:
    """M7 (owners): the owner or manager changed within 6 months of the prior one's designation."""
    if ctx.screener is None:
        return []
    history = sorted(
        (h for h in ctx.shipment.vessel.owner_history if h.since), key=lambda h: h.since or date.min
    )
    findings = []
    for prior, new in pairwise(history):
        for result in screen_party(prior.value, ctx.screener):
            listed = result.record.get("listed_on")
            if not listed or not new.since:
                continue
            when = date.fromisoformat(str(listed)[:10])
            if _near(new.since, when):
                findings.append(
                    Finding(
                        "M7",
                        Severity.HIGH,
                        "vessel owner",
                        f"{new.role or 'owner'} changed from {prior.value!r} to {new.value!r} on "
                        f"{new.since}, within 6 months of {prior.value!r}'s designation on "
                        f"{', '.join(result.lists)} ({when})",
                        {"prior": prior.value, "new": new.value, "entity_id": result.entity_id},
                    )
                )
    return findings


def _insurance(ctx: ShipmentContext) -> list[Finding]:
    """M8: P&I not from an International Group club, missing, or a designated insurer."""
    findings = []
    club = ctx.shipment.pandi_club
    insurer = ctx.shipment.parties.get("insurer")
    if not club and not insurer:
        return [
            Finding(
                "M8",
                Severity.MEDIUM,
                "insurance",
                "no P&I club or insurer stated: cover unverifiable",
            )
        ]
    for text in filter(None, (club, insurer.name if insurer else None)):
        if ctx.reference.pandi.find(text) is None:
            findings.append(
                Finding(
                    "M8",
                    Severity.MEDIUM,
                    "insurance",
                    f"{text!r} is not an International Group P&I club "
                    f"({ctx.reference.pandi.meta.version})",
                    {"insurer": text},
                )
            )
    for result in ctx.party_matches.get("insurer", []):
        findings.append(
            Finding(
                "M8",
                Severity.CRITICAL,
                "insurance",
                f"insurer {insurer.name if insurer else ''!r} matches listed {result.caption!r} on "
                f"{', '.join(result.lists)} (score {result.score:.2f})",
                {"entity_id": result.entity_id, "score": result.score},
            )
        )
    return findings


def _class(ctx: ShipmentContext) -> list[Finding]:
    """M9: classification society is not an IACS member."""
    society = ctx.shipment.vessel.class_society
    if not society or ctx.reference.iacs.find(society):
        return []
    return [
        Finding(
            "M9",
            Severity.MEDIUM,
            "vessel",
            f"class society {society!r} is not an IACS member",
            {"class": society},
        )
    ]


def _old_tanker(ctx: ShipmentContext) -> list[Finding]:
    """M10: tanker of 15 years or more; worse after a sale in the last 12 months."""
    vessel = ctx.shipment.vessel
    if not vessel.build_year or "tank" not in (vessel.type or "").lower():
        return []
    age = ctx.on.year - vessel.build_year
    if age < TANKER_AGE:
        return []
    sales = [
        h for h in vessel.owner_history if h.since and ctx.on - SALE_WINDOW <= h.since <= ctx.on
    ]
    if sales:
        sale = sales[-1]
        text = (
            f"tanker built {vessel.build_year} ({age} years) sold to {sale.value!r} on {sale.since}"
        )
        return [
            Finding("M10", Severity.MEDIUM, "vessel", text, {"age": age, "buyer": sales[-1].value})
        ]
    return [
        Finding(
            "M10",
            Severity.LOW,
            "vessel",
            f"tanker built {vessel.build_year} ({age} years)",
            {"age": age},
        )
    ]


def _annex_xlii_services(ctx: ShipmentContext) -> list[Finding]:
    """M15: a contract with an Annex XLII vessel, or a party owning or managing a listed vessel."""
    findings = []
    for hit in ctx.vessel_report.hits:
        if hit.strong and hit.vessel.annex_xlii:
            findings.append(
                Finding(
                    "M15",
                    Severity.CRITICAL,
                    "contract",
                    f"the vessel is on EU Annex XLII ({hit.vessel.caption!r}, "
                    f"listed {hit.vessel.listed_on}): "
                    "chartering, bunkering, STS and brokerage services to it are prohibited",
                    {"entity_id": hit.vessel.entity_id},
                )
            )
            break
    for role, results in ctx.party_matches.items():
        for result in results:
            owned = ctx.registry.vessels_of_owner(result.entity_id)
            if owned:
                names = ", ".join(sorted({v.caption for v in owned})[:5])
                findings.append(
                    Finding(
                        "M15",
                        Severity.HIGH,
                        f"party {role}",
                        f"{role} {result.caption!r} is linked by {result.lists[0]} "
                        f"to listed vessels: {names}",
                        {"entity_id": result.entity_id, "vessels": [v.entity_id for v in owned]},
                    )
                )
    return findings


def _listed_parties(ctx: ShipmentContext) -> list[Finding]:
    """G13: any party matches a sanctions or export-control list entry (incl. CSL, EU Annex IV)."""
    findings = []
    for role, results in ctx.party_matches.items():
        party = ctx.shipment.parties[role]
        for result in results:
            findings.append(
                Finding(
                    "G13",
                    Severity.CRITICAL if result.score >= 0.95 else Severity.HIGH,
                    f"party {role}",
                    f"{role} {party.name!r} matches {result.caption!r} "
                    f"on {', '.join(result.lists)} "
                    f"(ref {', '.join(result.source_ids)}; score {result.score:.2f})",
                    {
                        "entity_id": result.entity_id,
                        "lists": list(result.lists),
                        "programs": result.record.get("programs", []),
                        "score": result.score,
                    },
                )
            )
    return findings


def _chpl(ctx: ShipmentContext) -> list[Finding]:
    """G1: goods lines whose HS-6 is on the CHPL; the tier sets the severity."""
    findings = []
    for line in ctx.shipment.goods:
        item = ctx.reference.chpl.lookup(line.hs_code) if line.hs_code else None
        if item:
            findings.append(
                Finding(
                    "G1",
                    CHPL_SEVERITY[item.tier],
                    f"goods line {line.line}",
                    f"HS {item.hs6} ({item.description}) is CHPL tier {item.tier} "
                    f"({ctx.reference.chpl.meta.version})",
                    {"hs6": item.hs6, "tier": item.tier},
                )
            )
    return findings


def _no_reexport_clause(ctx: ShipmentContext) -> list[Finding]:
    """G2: EU exporter, CHPL/Annex XL goods, non-partner destination, no Art. 12g clause."""
    shipper = ctx.shipment.parties.get("shipper")
    origin = (
        shipper.country if shipper and shipper.country else (ctx.shipment.port_of_loading or "")[:2]
    )
    dest = ctx.destination()
    if (
        origin not in ctx.reference.eu
        or not dest
        or dest in ctx.reference.eu
        or dest in ctx.reference.partners
    ):
        return []
    if ctx.shipment.date and ctx.shipment.date < ART_12G_FROM:
        return []
    if any(CLAUSE_12G.search(c) for c in ctx.shipment.clauses):
        return []
    lines = [
        g.line for g in ctx.shipment.goods if g.hs_code and ctx.reference.chpl.lookup(g.hs_code)
    ]
    if not lines:
        return []
    return [
        Finding(
            "G2",
            Severity.HIGH,
            "contract",
            f"EU exporter ({origin}) ships Annex XL/CHPL goods "
            f"(lines {', '.join(map(str, lines))}) "
            f"to {dest}, not a partner country, without a no-re-export-to-Russia clause",
            {"origin": origin, "destination": dest, "lines": lines},
        )
    ]


def _intermediary_consignee(ctx: ShipmentContext) -> list[Finding]:
    """G5: the consignee is a freight forwarder, trading house or logistics firm."""
    consignee = ctx.shipment.parties.get("consignee")
    if consignee is None:
        return []
    declared = consignee.kind and INTERMEDIARY.search(consignee.kind)
    by_name = INTERMEDIARY.search(consignee.name)
    if not (declared or by_name):
        return []
    why = (
        f"declared type {consignee.kind!r}"
        if declared
        else f"name contains {by_name.group(0)!r}"
        if by_name
        else ""
    )
    return [
        Finding(
            "G5",
            Severity.MEDIUM,
            "party consignee",
            f"consignee {consignee.name!r} looks like an intermediary ({why}), not the end user",
            {"consignee": consignee.name},
        )
    ]


def _hub_routing(ctx: ShipmentContext) -> list[Finding]:
    """G6: transshipment or discharge in a hub country while the end user is elsewhere."""
    dest = ctx.destination()
    end_user = ctx.shipment.parties.get("end_user")
    target = end_user.country if end_user and end_user.country else dest
    ports = [*ctx.shipment.transshipment_ports]
    if ctx.shipment.port_of_discharge:
        ports.append(ctx.shipment.port_of_discharge)
    hubs = [p for p in ports if p[:2] in ctx.reference.hubs and p[:2] != target]
    if not hubs or not target:
        return []
    severity = Severity.HIGH if target in HIGH_RISK_END else Severity.MEDIUM
    return [
        Finding(
            "G6",
            severity,
            "route",
            f"routed through hub-country port(s) {', '.join(hubs)} toward an end user in {target}",
            {"hub_ports": hubs, "end_user_country": target},
        )
    ]


def _vague_goods(ctx: ShipmentContext) -> list[Finding]:
    """G9: no HS code or a generic description on a line worth 10,000 or more."""
    findings = []
    for line in ctx.shipment.goods:
        vague = not line.description or VAGUE.match(line.description.strip())
        if (vague or not line.hs_code) and (line.value or 0) >= VAGUE_VALUE:
            what = "no HS code" if not line.hs_code else f"vague description {line.description!r}"
            findings.append(
                Finding(
                    "G9",
                    Severity.MEDIUM,
                    f"goods line {line.line}",
                    f"{what} on a line worth {line.value:,.0f} {line.currency or ''}".rstrip(),
                    {"value": line.value, "hs_code": line.hs_code, "description": line.description},
                )
            )
    return findings


def _differs(a: float, b: float) -> bool:
    return abs(a - b) > DOC_TOLERANCE * max(abs(a), abs(b), 1e-9)


def _document_mismatch(ctx: ShipmentContext) -> list[Finding]:
    """G10: quantity, weight or value differ across invoice, packing list, BoL, payment, lines."""
    figures: dict[str, dict[str, float]] = {"quantity": {}, "value": {}, "weight": {}}
    for name, doc in ctx.shipment.documents.items():
        for key in figures:
            value = getattr(doc, key)
            if value is not None:
                figures[key][name] = value
    goods = ctx.shipment.goods
    if goods and all(g.quantity is not None for g in goods):
        figures["quantity"]["goods lines"] = sum(g.quantity or 0 for g in goods)
    if goods and all(g.value is not None for g in goods):
        figures["value"]["goods lines"] = sum(g.value or 0 for g in goods)
    findings = []
    for key, by_doc in figures.items():
        values = list(by_doc.values())
        if len(values) >= 2 and _differs(min(values), max(values)):
            stated = ", ".join(f"{d} {v:,.2f}" for d, v in by_doc.items())
            findings.append(
                Finding(
                    "G10",
                    Severity.MEDIUM,
                    "documents",
                    f"{key} differs across documents: {stated}",
                    {key: by_doc},
                )
            )
    return findings


Rule = Callable[[ShipmentContext], list[Finding]]
SHIPMENT_RULES: tuple[tuple[str, Rule], ...] = (
    ("M1/M2/M6/M17", _vessel),
    ("M6", _flag_hopping),
    ("M7", _renamed_near_designation),
    ("M7", _owner_change_near_designation),
    ("M8", _insurance),
    ("M9", _class),
    ("M10", _old_tanker),
    ("M15", _annex_xlii_services),
    ("G13", _listed_parties),
    ("G1", _chpl),
    ("G2", _no_reexport_clause),
    ("G5", _intermediary_consignee),
    ("G6", _hub_routing),
    ("G9", _vague_goods),
    ("G10", _document_mismatch),
)


@dataclass(frozen=True)
class ShipmentReport:
    shipment: Shipment
    findings: tuple[Finding, ...]

    @property
    def top(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.shipment.id,
            "where": self.shipment.where,
            "top_severity": None if self.top is None else self.top.label,
            "findings": [f.to_dict() for f in self.findings],
        }


def screen_shipment(
    shipment: Shipment,
    registry: VesselRegistry,
    reference: Reference,
    screener: Screener | None = None,
    *,
    today: date | None = None,
    ais_events: Sequence[AisEvent] = (),
) -> ShipmentReport:
    """Every shipment rule's findings for one shipment, most severe first.

    With ``ais_events`` (from ``detect.analyse``), the vessel's track is checked too (M3, M4,
    M5, M12 undeclared terminal calls, loitering).
    """
    ctx = ShipmentContext(shipment, registry, reference, screener, today or date.today())
    findings = [f for _, rule in SHIPMENT_RULES for f in rule(ctx)]
    findings += voyage_findings(shipment, ais_events)
    findings.sort(key=lambda f: (-f.severity, f.rule))
    return ShipmentReport(shipment, tuple(findings))
