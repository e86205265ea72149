"""The red-flag rules beyond list screening: S4, S6, S9, S12 (generic text, stripped covers).

Each function reads a ``PaymentMessage`` (and for S9 the account history, for S12 pairs the
customer message a cover belongs to) and returns findings citing its rule from ``rules.RULES``.
"""

from __future__ import annotations

from datetime import date

from sanctionguard.names.fold import fold
from sanctionguard.payments.context import PaymentContext
from sanctionguard.payments.findings import Finding, Severity
from sanctionguard.payments.history import AccountHistory
from sanctionguard.payments.model import Party, PaymentMessage, Role
from sanctionguard.payments.textcheck import bic_country, check_bic
from sanctionguard.payments.textscan import COMMON_WORDS, words

_SERVICING = ((Role.DEBTOR, Role.DEBTOR_AGENT), (Role.CREDITOR, Role.CREDITOR_AGENT))
_GENERIC = COMMON_WORDS | frozenset(
    ["for", "the", "of", "and", "to", "by", "as", "per", "no", "nr", "inv", "payment", "pay"]
)


def _in_block(message: PaymentMessage, role: Role, underlying: bool) -> Party | None:
    return next((p for p in message.parties if p.role is role and p.underlying == underlying), None)


def party_country(party: Party) -> str | None:
    """Where a customer is: address country, else country of residence, else IBAN country."""
    if party.address.country:
        return party.address.country.upper()
    if party.country_of_residence:
        return party.country_of_residence.upper()
    if party.account and party.account.iban:
        return party.account.iban[:2]
    return None


def agent_country(party: Party | None) -> str | None:
    if party is None or not party.bic or check_bic(party.bic):
        return None
    return bic_country(party.bic)


def rule_s4(message: PaymentMessage, ctx: PaymentContext) -> list[Finding]:
    """Jurisdiction mismatch between debtor/creditor and its servicing agent."""
    hubs, risky = ctx.reference.hub_countries, ctx.reference.risk_countries
    out = []
    underlying = message.cover
    for customer_role, agent_role in _SERVICING:
        customer = _in_block(message, customer_role, underlying)
        agent = _in_block(message, agent_role, underlying)
        if customer is None or agent is None:
            continue
        mine, theirs = party_country(customer), agent_country(agent)
        if mine is None or theirs is None or mine == theirs:
            continue
        linked = (mine in risky and theirs in hubs) or (mine in hubs and theirs in risky)
        out.append(
            Finding(
                "S4",
                Severity.MEDIUM if linked else Severity.LOW,
                f"{customer_role.value} is in {mine} but banks with {agent.bic} in {theirs}"
                + (" (a high-risk jurisdiction and a hub country)" if linked else ""),
                agent.field,
                {"party_country": mine, "agent_country": theirs, "agent_bic": agent.bic},
            )
        )
    return out


def rule_s6(message: PaymentMessage, ctx: PaymentContext) -> list[Finding]:
    """CHPL goods paid through a hub-country bank or to a hub-country creditor."""
    chpl = ctx.reference.chpl
    listed = [g for g in message.goods if g.hs_code in chpl]
    if not listed:
        return []
    places = {c for p in message.parties if p.is_agent and (c := agent_country(p))}
    creditor = message.party(Role.CREDITOR)
    if creditor is not None and (c := party_country(creditor)):
        places.add(c)
    hubs = sorted(places & ctx.reference.hub_countries)
    out = []
    for goods in listed:
        tier = chpl[goods.hs_code]
        if hubs:
            reason = (
                f"HS {goods.hs_code} (CHPL tier {tier}) paid through or to hub countries "
                f"{', '.join(hubs)}"
            )
            out.append(
                Finding(
                    "S6",
                    Severity.HIGH,
                    reason,
                    goods.field,
                    {"hs": goods.hs_code, "tier": tier, "hubs": hubs},
                )
            )
        else:
            reason = f"HS {goods.hs_code} is on the CHPL (tier {tier}); no hub country in the chain"
            out.append(
                Finding(
                    "S6", Severity.LOW, reason, goods.field, {"hs": goods.hs_code, "tier": tier}
                )
            )
    return out


def rule_s9(message: PaymentMessage, ctx: PaymentContext, history: AccountHistory) -> list[Finding]:
    """A corridor currency towards a country the debtor account has not used in 12 months."""
    ccy = (message.currency or "").upper()
    if ccy not in ctx.reference.corridor_currencies:
        return []
    debtor = _in_block(message, Role.DEBTOR, message.cover)
    account = debtor.account.key if debtor and debtor.account else None
    if account is None:
        return [Finding("S9", Severity.LOW, f"{ccy} payment without a debtor account to compare")]
    past = history.transfers(account)
    if past is None:
        return [
            Finding(
                "S9",
                Severity.LOW,
                f"no history for debtor account {account}",
                debtor.field if debtor else None,
            )
        ]
    creditor_agent = _in_block(message, Role.CREDITOR_AGENT, message.cover)
    country = agent_country(creditor_agent)
    on = _date(message.settlement_date) or max(t.day for t in past)
    if history.seen(account, ccy, country, on):
        return []
    where = f" towards {country}" if country else ""
    return [
        Finding(
            "S9",
            Severity.MEDIUM,
            f"new corridor: account {account} made no {ccy} payment{where} in the 12 months "
            f"before {on.isoformat()}",
            debtor.field if debtor else None,
            {"account": account, "currency": ccy, "country": country},
        )
    ]


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def rule_s12_generic(message: PaymentMessage, ctx: PaymentContext) -> list[Finding]:
    """A high-value payment whose free text says nothing specific."""
    if message.amount is None or message.amount < ctx.settings.high_value:
        return []
    tokens = [w for t in message.free_text for w in words(t.text)]
    specific = [w for w in tokens if w not in _GENERIC and not w.isdigit() and len(w) > 2]
    if specific:
        return []
    return [
        Finding(
            "S12",
            Severity.LOW,
            f"high-value payment ({message.amount:,.2f} {message.currency or ''}) with only "
            "generic or no remittance text",
        )
    ]


def _sensitive(text: str, ctx: PaymentContext) -> list[str]:
    return [h.target.label for h in ctx.scanner.scan(text)]


def _party_text(p: Party) -> str:
    return " ".join(x for x in (p.name or "", p.address.text(), p.address.country or "") if x)


def rule_s12_pair(
    customer: PaymentMessage, cover: PaymentMessage, ctx: PaymentContext
) -> list[Finding]:
    """What the cover's underlying block drops or changes from the customer message."""
    dropped: list[str] = []
    signals: list[str] = []
    risky = ctx.reference.risk_countries
    for role in (
        Role.DEBTOR,
        Role.CREDITOR,
        Role.ULTIMATE_DEBTOR,
        Role.ULTIMATE_CREDITOR,
        Role.DEBTOR_AGENT,
        Role.CREDITOR_AGENT,
    ):
        mine = _in_block(customer, role, False)
        if mine is None:
            continue
        theirs = _in_block(cover, role, True)
        lost = _lost(mine, theirs)
        if lost:
            dropped.append(f"{role.value} {lost}")
            signals.extend(_sensitive(_party_text(mine), ctx))
            signals.extend(c for c in (party_country(mine), agent_country(mine)) if c in risky)
    theirs_text = {fold(t.text) for t in cover.free_text}
    for text in customer.free_text:
        if fold(text.text) not in theirs_text:
            dropped.append(f"{text.field} {text.text!r}")
            signals.extend(_sensitive(text.text, ctx))
    if not dropped:
        return []
    severity = Severity.HIGH if signals else Severity.MEDIUM
    what = f"; what was dropped names {', '.join(sorted(set(signals)))}" if signals else ""
    return [
        Finding(
            "S12",
            severity,
            f"cover {cover.format} {cover.reference or ''} differs from customer message "
            f"{customer.format} {customer.reference or ''}: {'; '.join(dropped)}{what}",
            None,
            {
                "customer": customer.key,
                "cover": cover.key,
                "dropped": dropped,
                "signals": sorted(set(signals)),
            },
        )
    ]


def _lost(mine: Party, theirs: Party | None) -> str | None:
    if theirs is None:
        return "missing"
    if mine.name and (not theirs.name or fold(mine.name) != fold(theirs.name)):
        return f"name {mine.name!r} became {theirs.name!r}"
    if mine.bic and mine.bic[:8] != (theirs.bic or "")[:8]:
        return f"BIC {mine.bic} became {theirs.bic!r}"
    if party_country(mine) and party_country(mine) != party_country(theirs):
        return f"country {party_country(mine)} became {party_country(theirs)!r}"
    if mine.address.text() and fold(mine.address.text()) != fold(theirs.address.text()):
        return f"address {mine.address.text()!r} became {theirs.address.text()!r}"
    return None
