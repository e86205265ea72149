"""Screening entry points: one message body (for the API) and streams of files (for the CLI).

``screen_payment`` is pure: bytes in, a ``PaymentDecision`` out, never an exception and never a
pass for anything it could not read or fully screen. ``screen_stream`` screens every message of
many bodies and then pairs cover messages with their customer messages for S12.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from sanctionguard.errors import SanctionguardError
from sanctionguard.payments.context import PaymentContext
from sanctionguard.payments.errors import PaymentFormatError
from sanctionguard.payments.findings import Finding, Outcome, PaymentDecision, Severity, decide
from sanctionguard.payments.history import AccountHistory
from sanctionguard.payments.iso20022 import parse_iso20022
from sanctionguard.payments.model import PaymentMessage
from sanctionguard.payments.redflags import (
    rule_s4,
    rule_s6,
    rule_s9,
    rule_s12_generic,
    rule_s12_pair,
)
from sanctionguard.payments.screening import screen_free_text, screen_party
from sanctionguard.payments.swift_mt import parse_mt

_BASE_RULES = ("F1", "S1", "L1", "L2", "L3", "S4", "S6", "S12", "S13")


def parse_payments(
    data: bytes, content_type: str | None, where: str, ctx: PaymentContext
) -> Iterator[PaymentMessage | PaymentFormatError]:
    """Every message of a body: XML (ISO 20022) or FIN text (MT), by content type or content."""
    head = data[:512].lstrip()
    kind = (content_type or "").lower()
    if "xml" in kind or head.startswith(b"<"):
        try:
            yield from parse_iso20022(data, where, ctx.settings.limits)
        except PaymentFormatError as exc:
            yield exc
    elif b"{1:" in data[:4096] or "mt" in kind or "swift" in kind:
        yield from parse_mt(data, where, ctx.settings.limits)
    else:
        yield PaymentFormatError(
            where, "neither ISO 20022 XML nor SWIFT MT text (no '<' root and no '{1:' block)"
        )


def held(where: str, reason: str, snapshot_id: int | None = None) -> PaymentDecision:
    """The decision about something that could not be read: held, with the reason."""
    return PaymentDecision(
        outcome=Outcome.HOLD,
        message=where,
        format=None,
        reference=None,
        uetr=None,
        findings=(Finding("F1", Severity.MEDIUM, reason),),
        rules=("F1",),
        snapshot_id=snapshot_id,
    )


def screen_message(
    message: PaymentMessage, ctx: PaymentContext, history: AccountHistory | None = None
) -> PaymentDecision:
    """Screen every party, agent and free-text field of one message and apply the rules."""
    findings: list[Finding] = [Finding("F1", Severity.MEDIUM, p) for p in message.problems]
    for party in message.parties:
        findings.extend(screen_party(party, ctx))
    findings.extend(screen_free_text(message, ctx))
    findings.extend(rule_s4(message, ctx))
    findings.extend(rule_s6(message, ctx))
    findings.extend(rule_s12_generic(message, ctx))
    rules: tuple[str, ...] = _BASE_RULES
    if history is not None:
        findings.extend(rule_s9(message, ctx, history))
        rules = (*rules, "S9")
    return _decision(message, findings, rules, ctx)


def _decision(
    message: PaymentMessage, findings: list[Finding], rules: tuple[str, ...], ctx: PaymentContext
) -> PaymentDecision:
    return PaymentDecision(
        outcome=decide(findings),
        message=message.key,
        format=message.format,
        reference=message.reference,
        uetr=message.uetr,
        findings=tuple(findings),
        rules=rules,
        snapshot_id=ctx.snapshot_id,
    )


def _safe(
    message: PaymentMessage | PaymentFormatError,
    ctx: PaymentContext,
    history: AccountHistory | None,
) -> PaymentDecision:
    if isinstance(message, PaymentFormatError):
        return held(message.path, f"not parsed: {message}", ctx.snapshot_id)
    try:
        return screen_message(message, ctx, history)
    except Exception as exc:  # fail closed: a screening bug must hold, not pass
        return held(
            message.key, f"not fully screened: {type(exc).__name__}: {exc}", ctx.snapshot_id
        )


def screen_payment(
    data: bytes,
    content_type: str | None,
    ctx: PaymentContext,
    *,
    history: AccountHistory | None = None,
    where: str = "<request>",
) -> PaymentDecision:
    """One message body (one or more transactions) → one decision; never raises, never passes
    what it could not read. Several transactions give the strongest of their decisions."""
    if len(data) > ctx.settings.max_message_bytes:
        return held(
            where,
            f"message body of {len(data)} bytes exceeds the "
            f"{ctx.settings.max_message_bytes}-byte limit",
            ctx.snapshot_id,
        )
    try:
        items = list(parse_payments(data, content_type, where, ctx))
        decisions = list(screen_stream([(where, data)], ctx, history, parsed=[items]))
    except Exception as exc:  # fail closed: a parser bug must hold, not crash
        return held(where, f"not parsed: {type(exc).__name__}: {exc}", ctx.snapshot_id)
    if not decisions:
        return held(where, "no payment message found", ctx.snapshot_id)
    if len(decisions) == 1:
        return decisions[0]
    return _combined(where, decisions)


def _combined(where: str, decisions: list[PaymentDecision]) -> PaymentDecision:
    findings = tuple(
        replace(f, field=f"{d.reference or d.message}: {f.field or ''}".rstrip(": "))
        for d in decisions
        for f in d.findings
    )
    return PaymentDecision(
        outcome=decide(list(findings)),
        message=where,
        format=decisions[0].format,
        reference=None,
        uetr=None,
        findings=findings,
        rules=decisions[0].rules,
        snapshot_id=decisions[0].snapshot_id,
    )


@dataclass
class _Pairable:
    decision: PaymentDecision
    message: PaymentMessage


def screen_stream(
    bodies: Iterable[tuple[str, bytes]],
    ctx: PaymentContext,
    history: AccountHistory | None = None,
    parsed: list[list[PaymentMessage | PaymentFormatError]] | None = None,
) -> Iterator[PaymentDecision]:
    """Decisions for every message of every body, covers paired with customer messages (S12).

    Decisions of messages that cannot pair are yielded at once; customer and cover messages
    are held back until every body is read, then paired by UETR or reference.
    """
    pending: list[_Pairable] = []
    for number, (where, data) in enumerate(bodies):
        try:
            items = parsed[number] if parsed else list(parse_payments(data, None, where, ctx))
        except SanctionguardError as exc:
            yield held(where, f"not parsed: {exc}", ctx.snapshot_id)
            continue
        except Exception as exc:  # fail closed: a parser bug must hold, not crash
            yield held(where, f"not parsed: {type(exc).__name__}: {exc}", ctx.snapshot_id)
            continue
        for item in items:
            decision = _safe(item, ctx, history)
            if isinstance(item, PaymentMessage) and (item.uetr or item.reference):
                pending.append(_Pairable(decision, item))
            else:
                yield decision
    yield from _pair(pending, ctx)


def _pair(items: list[_Pairable], ctx: PaymentContext) -> Iterator[PaymentDecision]:
    customers: dict[str, PaymentMessage] = {}
    for item in items:
        if not item.message.cover:
            for key in (item.message.uetr, item.message.reference):
                if key:
                    customers.setdefault(key, item.message)
    for item in items:
        message = item.message
        partner = None
        if message.cover:
            partner = customers.get(message.uetr or "") or customers.get(
                message.related_reference or ""
            )
        if partner is None:
            yield item.decision
            continue
        extra = rule_s12_pair(partner, message, ctx)
        findings = [*item.decision.findings, *extra]
        yield replace(item.decision, findings=tuple(findings), outcome=decide(findings))
