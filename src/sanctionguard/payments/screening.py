"""Screening every party and agent of a message, and every free-text field, against the snapshot.

Parties and agents: BIC (listed bank, country), LEI, IBAN country, account identifiers (listed
wallets), name through the matcher, address and town against sanctioned regions. Free text:
listed names, vessels, IMO numbers, wallets and places through the scanner. A party the
matcher refuses is reported under F1, so the message is held, never passed.
"""

from __future__ import annotations

from sanctionguard.match.query import QueryError
from sanctionguard.match.types import MatchResult
from sanctionguard.payments.context import Listed, PaymentContext
from sanctionguard.payments.findings import Finding, Severity
from sanctionguard.payments.model import Party, PaymentMessage
from sanctionguard.payments.textcheck import bic_country, iban_checksum_ok
from sanctionguard.payments.textscan import HitKind

EXCHANGERS = ("garantex", "grinex", "a7a5")


def _cites(found: tuple[Listed, ...]) -> list[str]:
    return [x.cite() for x in found]


def _identifier_findings(party: Party, ctx: PaymentContext) -> list[Finding]:
    rule = "S1" if party.is_agent else "L1"
    out: list[Finding] = []
    if party.bic:
        listed = ctx.listed_bic(party.bic)
        if listed:
            out.append(
                Finding(
                    rule,
                    Severity.CRITICAL,
                    f"{party.role.value} BIC {party.bic} is listed: {'; '.join(_cites(listed))}",
                    party.field,
                    {"bic": party.bic, "listed": [x.entity_id for x in listed]},
                )
            )
    if party.lei:
        listed = ctx.leis.get(party.lei.strip().upper(), ())
        if listed:
            out.append(
                Finding(
                    rule,
                    Severity.CRITICAL,
                    f"{party.role.value} LEI {party.lei} is listed: {'; '.join(_cites(listed))}",
                    party.field,
                    {"lei": party.lei, "listed": [x.entity_id for x in listed]},
                )
            )
    return out


def _country_findings(party: Party, ctx: PaymentContext) -> list[Finding]:
    risky = ctx.reference.risk_countries
    seen: dict[str, str] = {}
    if party.bic and len(party.bic) >= 6:
        seen.setdefault(bic_country(party.bic), f"BIC {party.bic}")
    account = party.account
    if account and account.iban:
        seen.setdefault(account.iban[:2], f"IBAN {account.iban}")
    for code in (party.address.country, party.country_of_residence):
        if code:
            seen.setdefault(code.upper(), f"address country {code}")
    return [
        Finding(
            "L3",
            Severity.MEDIUM,
            f"{party.role.value} {what} is in {code}: {risky[code]}",
            party.field,
            {"country": code},
        )
        for code, what in seen.items()
        if code in risky
    ]


def _iban_findings(party: Party) -> list[Finding]:
    account = party.account
    if account is None or account.iban is None or iban_checksum_ok(account.iban):
        return []
    return [
        Finding(
            "F1",
            Severity.LOW,
            f"{party.role.value} IBAN {account.iban} fails its checksum; the country is read "
            "from it anyway",
            party.field,
        )
    ]


def _region_findings(party: Party, ctx: PaymentContext) -> list[Finding]:
    text = " ".join(x for x in (party.address.text(), party.birth_place or "") if x)
    if not text:
        return []
    places = [h for h in ctx.scanner.scan(text) if h.target.kind is HitKind.PLACE]
    return [
        Finding(
            "L2",
            Severity.HIGH,
            f"{party.role.value} address names {h.matched!r}, in sanctioned region "
            f"{h.target.label}",
            party.field,
            {"region": h.target.label, "text": h.matched},
        )
        for h in places
    ]


def _wallet_findings(party: Party, ctx: PaymentContext) -> list[Finding]:
    ids = [
        *party.other_ids,
        *([party.account.other] if party.account and party.account.other else []),
    ]
    out = []
    for value in ids:
        target = ctx.scanner.wallets.get(value.strip()) or ctx.scanner.wallets.get(
            value.strip().lower()
        )
        if target is not None:
            out.append(
                Finding(
                    "S13",
                    Severity.CRITICAL,
                    f"{party.role.value} account {value} is a listed digital currency address: "
                    f"{target.label}",
                    party.field,
                    {"wallet": value, "listed": target.entity_id},
                )
            )
    return out


def _name_findings(party: Party, ctx: PaymentContext) -> list[Finding]:
    if not party.name:
        return []
    rule = "S1" if party.is_agent else "L1"
    schema = "Organization" if party.is_agent else "LegalEntity"
    try:
        results = ctx.match_name(party.name, schema)
    except QueryError as exc:
        return [
            Finding(
                "F1",
                Severity.MEDIUM,
                f"{party.role.value} name {party.name!r} could not be screened: {exc}",
                party.field,
            )
        ]
    return [_name_finding(party, rule, r) for r in results]


def _name_finding(party: Party, rule: str, result: MatchResult) -> Finding:
    lists = ", ".join(f"{a} {b}" for a, b in zip(result.lists, result.source_ids, strict=False))
    return Finding(
        rule,
        Severity.HIGH,
        f"{party.role.value} name {party.name!r} matches {result.caption} ({lists}) "
        f"with score {result.score:.2f}",
        party.field,
        {
            "entity_id": result.entity_id,
            "score": round(result.score, 3),
            "lists": list(result.lists),
            "source_ids": list(result.source_ids),
            "explanation": result.explanation(),
        },
    )


def screen_party(party: Party, ctx: PaymentContext) -> list[Finding]:
    """Every finding about one party or agent."""
    return [
        *_identifier_findings(party, ctx),
        *_name_findings(party, ctx),
        *_country_findings(party, ctx),
        *_region_findings(party, ctx),
        *_wallet_findings(party, ctx),
        *_iban_findings(party),
    ]


def screen_free_text(message: PaymentMessage, ctx: PaymentContext) -> list[Finding]:
    """Listed names, vessels, IMO numbers, wallets, places and exchangers named in free text."""
    out: list[Finding] = []
    for text in message.free_text:
        for hit in ctx.scanner.scan(text.text):
            kind = hit.target.kind
            if kind is HitKind.WALLET:
                rule, severity = "S13", Severity.CRITICAL
            else:
                rule, severity = "S12", Severity.HIGH
            what = {
                HitKind.LISTED: "the listed party",
                HitKind.VESSEL: "the listed vessel",
                HitKind.IMO: "the IMO number of listed vessel",
                HitKind.WALLET: "the listed digital currency address of",
                HitKind.PLACE: "the sanctioned region",
            }[kind]
            out.append(
                Finding(
                    rule,
                    severity,
                    f"{text.field} names {what} {hit.target.label} ({hit.matched!r})",
                    text.field,
                    {"kind": kind.value, "text": hit.matched, "listed": hit.target.entity_id},
                )
            )
        folded = text.text.lower()
        for name in EXCHANGERS:
            if name in folded:
                out.append(
                    Finding(
                        "S13",
                        Severity.HIGH,
                        f"{text.field} names the sanctioned crypto exchanger or token {name!r}",
                        text.field,
                        {"exchanger": name},
                    )
                )
    return out
