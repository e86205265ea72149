"""Screening one vessel: identifiers first, then names (current and former), then owners.

A validated IMO or MMSI hit outranks any name similarity; an IMO failing its check digit is
reported (M2) and still looked up, since lists print such numbers too. Owners, managers and
operators are screened through the matcher; owners the lists link to a hit are reported (M17).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sanctionguard.maritime.findings import Finding, Severity
from sanctionguard.maritime.identity import (
    ImoCheck,
    VesselQuery,
    check_imo,
    mmsi_flag,
    normalise_flag,
    normalise_vessel_name,
)
from sanctionguard.maritime.reference.sets import Reference
from sanctionguard.maritime.registry import ListedVessel, VesselHit, VesselRegistry
from sanctionguard.match.screener import Screener
from sanctionguard.match.types import DEFAULT_THRESHOLD, MatchResult, Query

PARTY_THRESHOLD = DEFAULT_THRESHOLD  # the matcher's own calibrated cut-off


@dataclass(frozen=True)
class VesselReport:
    """What screening one vessel found."""

    query: VesselQuery
    imo_check: ImoCheck | None
    mid_flag: str | None
    hits: tuple[VesselHit, ...]
    findings: tuple[Finding, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "imo": None if self.imo_check is None else self.imo_check.digits,
            "imo_valid": None if self.imo_check is None else self.imo_check.valid,
            "mid_flag": self.mid_flag,
            "hits": [
                {
                    "entity_id": h.vessel.entity_id,
                    "list": h.vessel.list_name,
                    "source_id": h.vessel.source_id,
                    "name": h.vessel.caption,
                    "imo": list(h.vessel.imos),
                    "matched_on": list(h.matched_on),
                    "listed_on": h.vessel.listed_on,
                    "programs": list(h.vessel.programs),
                }
                for h in self.hits
            ],
            "findings": [f.to_dict() for f in self.findings],
        }


def find_vessels(query: VesselQuery, registry: VesselRegistry) -> list[VesselHit]:
    """Listed vessels matching any identifier or exact (former) name of the query."""
    matched: dict[str, tuple[ListedVessel, list[str]]] = {}
    keys: list[tuple[str, str]] = []
    if query.imo:
        keys.append(("imo", query.imo))
    if query.mmsi:
        keys.append(("mmsi", query.mmsi))
    if query.call_sign:
        keys.append(("call_sign", query.call_sign))
    for name in query.names:
        keys += [("name", name), ("former_name", name)]
    for key, value in keys:
        for vessel in registry.lookup(key, value):
            entry = matched.setdefault(vessel.entity_id, (vessel, []))
            if key not in entry[1]:
                entry[1].append(key)
    hits = [VesselHit(v, tuple(on)) for v, on in matched.values()]
    hits.sort(key=lambda h: (not h.strong, h.vessel.list_name, h.vessel.entity_id))
    return hits


def _hit_severity(hit: VesselHit) -> Severity:
    if hit.strong:
        return Severity.CRITICAL
    if "call_sign" in hit.matched_on:
        return Severity.HIGH
    return Severity.MEDIUM


def _hit_message(hit: VesselHit, query: VesselQuery) -> str:
    vessel = hit.vessel
    on = " and ".join(hit.matched_on).replace("_", " ")
    since = f" since {vessel.listed_on}" if vessel.listed_on else ""
    text = (
        f"{on} matches {vessel.caption!r} on {vessel.list_name} "
        f"(ref {vessel.source_id}{'; ' + ', '.join(vessel.programs) if vessel.programs else ''})"
        f"{since}"
    )
    asked = {normalise_vessel_name(n) for n in query.names}
    listed = {normalise_vessel_name(n) for n in vessel.names}
    if "former_name" in hit.matched_on:
        text += "; the asked name is a former name of the listed vessel"
    elif hit.strong and asked and not asked & listed:
        text += f"; listed under another name ({', '.join(vessel.names[:3])}): renamed?"
    return text


def _m1(hits: list[VesselHit], query: VesselQuery) -> list[Finding]:
    return [
        Finding(
            "M1",
            _hit_severity(hit),
            "vessel",
            _hit_message(hit, query),
            {
                "entity_id": hit.vessel.entity_id,
                "list": hit.vessel.list_name,
                "matched_on": list(hit.matched_on),
                "annex_xlii": hit.vessel.annex_xlii,
            },
        )
        for hit in hits
    ]


def _m2(check: ImoCheck | None) -> list[Finding]:
    if check is None or check.valid:
        return []
    return [Finding("M2", Severity.HIGH, "vessel", check.explain(), {"imo": check.raw})]


def _flag_mismatch(query: VesselQuery, mid: str | None) -> list[Finding]:
    declared = normalise_flag(query.flag) if query.flag else None
    if not (declared and mid) or declared == mid:
        return []
    return [
        Finding(
            "M6",
            Severity.MEDIUM,
            "vessel",
            f"declared flag {declared} but the MMSI's MID {query.mmsi} gives {mid}",
            {"declared": declared, "mid_flag": mid},
        )
    ]


def _linked_owners(hits: list[VesselHit], registry: VesselRegistry) -> list[Finding]:
    findings = []
    seen: set[str] = set()
    for hit in hits:
        for link, party in registry.listed_owners(hit.vessel):
            key = party.entity_id if party else link.name
            if key in seen or not (party or link.name):
                continue
            seen.add(key)
            who = party.caption if party else link.name
            where = f" (listed on {party.list_name})" if party else ""
            findings.append(
                Finding(
                    "M17",
                    Severity.HIGH,
                    "vessel owner",
                    f"{hit.vessel.list_name} links {hit.vessel.caption!r} to {who}{where} "
                    f"as {link.relation or 'related party'}",
                    {"owner": who, "owner_id": party.entity_id if party else None},
                )
            )
    return findings


def screen_party(
    name: str, screener: Screener, *, schema: str = "LegalEntity", country: str | None = None
) -> list[MatchResult]:
    """Matcher results for one party name (owners, insurers, shippers...)."""
    countries = (country.lower(),) if country else ()
    query = Query(names=(name,), schema=schema, countries=countries)
    return [r for r in screener.match(query, threshold=PARTY_THRESHOLD) if r.match]


def _owner_findings(query: VesselQuery, screener: Screener | None) -> list[Finding]:
    if screener is None:
        return []
    findings = []
    for owner in query.owners:
        for result in screen_party(owner, screener):
            findings.append(
                Finding(
                    "M17",
                    Severity.HIGH,
                    "vessel owner",
                    f"owner/manager/operator {owner!r} matches {result.caption!r} on "
                    f"{', '.join(result.lists)} (score {result.score:.2f})",
                    {"owner": owner, "entity_id": result.entity_id, "score": result.score},
                )
            )
    return findings


def _fuzzy_names(query: VesselQuery, screener: Screener | None, known: set[str]) -> list[Finding]:
    if screener is None or not query.names:
        return []
    findings = []
    results = screener.match(Query(names=query.names, schema="Vessel"), threshold=PARTY_THRESHOLD)
    for result in results:
        if result.schema != "Vessel" or result.entity_id in known or not result.match:
            continue
        findings.append(
            Finding(
                "M1",
                Severity.LOW,
                "vessel",
                f"name similar to listed vessel {result.caption!r} on {', '.join(result.lists)} "
                f"(score {result.score:.2f}); compare IMO before acting",
                {"entity_id": result.entity_id, "score": result.score},
            )
        )
    return findings


def screen_vessel(
    query: VesselQuery,
    registry: VesselRegistry,
    reference: Reference,
    screener: Screener | None = None,
) -> VesselReport:
    """Screen one vessel: M1 (listed), M2 (check digit), M6 (MID flag), M17 (owners)."""
    check = check_imo(query.imo) if query.imo else None
    mid = mmsi_flag(query.mmsi, reference.mid)
    hits = find_vessels(query, registry)
    findings = (
        _m2(check)
        + _m1(hits, query)
        + _flag_mismatch(query, mid)
        + _linked_owners(hits, registry)
        + _owner_findings(query, screener)
        + _fuzzy_names(query, screener, {h.vessel.entity_id for h in hits})
    )
    findings.sort(key=lambda f: -f.severity)
    return VesselReport(query, check, mid, tuple(hits), tuple(findings))
