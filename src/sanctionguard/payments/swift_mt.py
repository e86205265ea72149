"""SWIFT MT103 and MT202COV from their FIN text form into ``PaymentMessage``.

Blocks 1–5 are checked (a message without a readable block 4 is refused); field options A (BIC),
D/K (name and address), F (structured 50F/59F) and B are read; sender and receiver become the
instructing and instructed agents; in MT202COV sequence B (from field 50a) is the underlying
customer transfer. Over-long lines and malformed BICs are recorded as problems (held).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from sanctionguard.model.countries import country_code
from sanctionguard.payments.errors import PaymentFormatError
from sanctionguard.payments.model import (
    Account,
    Address,
    FreeText,
    Goods,
    Party,
    PaymentMessage,
    Role,
)
from sanctionguard.payments.textcheck import TextLimits, check_bic, find_hs_codes

_START = re.compile(r"\{1:")
_BLOCK1 = re.compile(r"\{1:([FAL])(\d{2})([A-Z0-9]{12})(\d{4})(\d{6})\}")
_BLOCK2_IN = re.compile(r"\{2:I(\d{3})([A-Z0-9]{12})([SUN])?(\d)?(\d{3})?\}")
_BLOCK2_OUT = re.compile(
    r"\{2:O(\d{3})(\d{4})(\d{6})([A-Z0-9]{12})(\d{4})(\d{6})(\d{6})(\d{4})([SUN])?\}"
)
_BLOCK3 = re.compile(r"\{3:((?:\{\d{3}:[^{}]*\})+)\}")
_TAG3 = re.compile(r"\{(\d{3}):([^{}]*)\}")
_BLOCK4 = re.compile(r"\{4:\r?\n(.*?)\r?\n-\}", re.DOTALL)
_FIELD = re.compile(r"^:(\d{2}[A-Z]?):(.*)$")
_ACCOUNT = re.compile(r"^/([CD]/)?(.+)$")
_NUMBERED = re.compile(r"^([1-8])/(.*)$")

MAX_LINES = {"70": 4, "72": 6, "77B": 3, "50K": 5, "59": 5, "50F": 5, "59F": 5}

# MT103 field → role; MT202COV sequence A and B use their own tables.
_MT103_ROLES = {
    "50": Role.DEBTOR,
    "59": Role.CREDITOR,
    "52": Role.DEBTOR_AGENT,
    "53": Role.SENDERS_CORRESPONDENT,
    "54": Role.RECEIVERS_CORRESPONDENT,
    "55": Role.INTERMEDIARY_AGENT_2,
    "56": Role.INTERMEDIARY_AGENT_1,
    "57": Role.CREDITOR_AGENT,
}
_MT202_A_ROLES = {
    "52": Role.DEBTOR_FI,
    "53": Role.SENDERS_CORRESPONDENT,
    "54": Role.RECEIVERS_CORRESPONDENT,
    "56": Role.INTERMEDIARY_AGENT_1,
    "57": Role.CREDITOR_AGENT,
    "58": Role.CREDITOR_FI,
}
_MT202_B_ROLES = {
    "50": Role.DEBTOR,
    "52": Role.DEBTOR_AGENT,
    "56": Role.INTERMEDIARY_AGENT_1,
    "57": Role.CREDITOR_AGENT,
    "59": Role.CREDITOR,
}
_MANDATORY = {"103": ("20", "32A"), "202": ("20", "21", "32A")}


@dataclass
class _Fields:
    """Block 4 as (tag, lines) in order, and the problems found reading it."""

    items: list[tuple[str, list[str]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def first(self, tag: str) -> list[str] | None:
        return next((lines for t, lines in self.items if t == tag), None)


def _block4(text: str, where: str, limits: TextLimits) -> _Fields:
    body = _BLOCK4.search(text)
    if body is None:
        raise PaymentFormatError(
            where, "broken MT message: no block 4 ('{4:' then fields then '-}') found", element="4"
        )
    out = _Fields()
    for number, line in enumerate(body.group(1).splitlines(), start=1):
        head = _FIELD.match(line)
        if head:
            out.items.append((head.group(1), [head.group(2)] if head.group(2) else []))
        elif not out.items:
            raise PaymentFormatError(
                where, f"broken MT block 4: line {number} {line[:40]!r} is outside any field"
            )
        else:
            out.items[-1][1].append(line)
        if len(line) > limits.mt_line + 6:  # the ":NNx:" prefix is not content
            out.problems.append(
                f"oversized MT line in block 4 line {number}: {len(line)} characters "
                f"(fields allow {limits.mt_line} per line); not screened as sent"
            )
    for tag, lines in out.items:
        cap = MAX_LINES.get(tag)
        if cap and len(lines) > cap:
            out.problems.append(
                f"oversized MT field :{tag}: has {len(lines)} lines, at most {cap} allowed"
            )
    return out


def _bic(value: str, tag: str, problems: list[str]) -> str:
    problem = check_bic(value)
    if problem:
        problems.append(f":{tag}: {problem}")
    return value.strip().upper()


def _split_account(lines: list[str]) -> tuple[str | None, list[str]]:
    if lines and lines[0].startswith("/"):
        found = _ACCOUNT.match(lines[0])
        return (found.group(2).strip() if found else None, lines[1:])
    return (None, lines)


def _account(value: str | None) -> Account | None:
    if not value:
        return None
    compacted = value.replace(" ", "").upper()
    is_iban = re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compacted) is not None
    return Account(iban=compacted if is_iban else None, other=None if is_iban else value)


def _free_address(lines: list[str]) -> Address:
    """Unstructured 50K/59 lines: the country is the last line, or its last one or two words."""
    for line in reversed(lines):
        words = line.replace(",", " ").split()
        for candidate in (line, " ".join(words[-2:]), words[-1] if words else ""):
            code = country_code(candidate) if candidate else None
            if code and len(code) == 2:
                return Address(country=code.upper(), lines=tuple(lines))
    return Address(lines=tuple(lines))


def _structured(tag: str, lines: list[str], role: Role, problems: list[str]) -> Party:
    """50F / 59F: numbered lines 1/name, 2/address, 3/country/town, 4–8 details."""
    account, rest = _split_account(lines)
    names: list[str] = []
    addr: list[str] = []
    country = town = birth = None
    for line in rest:
        found = _NUMBERED.match(line)
        if not found:
            problems.append(f":{tag}: line {line[:35]!r} is not numbered (1/ to 8/)")
            continue
        code, value = found.groups()
        if code == "1":
            names.append(value)
        elif code == "2":
            addr.append(value)
        elif code == "3":
            country, _, town = value.partition("/")
        elif code == "4":
            birth = value
    return Party(
        role=role,
        field=f":{tag}:",
        name=" ".join(names) or None,
        address=Address(
            country=(country or None) and country.upper(), town=town or None, lines=tuple(addr)
        ),
        birth_date=birth,
        account=_account(account),
    )


def _party(tag: str, lines: list[str], role: Role, problems: list[str]) -> Party:
    option = tag[2:]
    if option == "F":
        return _structured(tag, lines, role, problems)
    account, rest = _split_account(lines)
    if option == "A":
        bic = _bic(rest[0], tag, problems) if rest else None
        if bic is None:
            problems.append(f":{tag}: option A without a BIC")
        return Party(role=role, field=f":{tag}:", bic=bic, account=_account(account))
    if option == "B":
        return Party(role=role, field=f":{tag}:", name=None, address=Address(lines=tuple(rest)))
    name = rest[0] if rest else None
    party = Party(
        role=role,
        field=f":{tag}:",
        name=name,
        address=_free_address(rest[1:]),
        account=_account(account),
    )
    if name is None and party.account is None:
        problems.append(f":{tag}: neither a name nor an account")
    return party


def _amount(fields: _Fields, where: str) -> tuple[float | None, str | None, str | None]:
    lines = fields.first("32A")
    value = lines[0] if lines else ""
    found = re.fullmatch(r"(\d{6})([A-Z]{3})(\d+,\d*)", value.strip())
    if not found:
        raise PaymentFormatError(
            where, f"broken MT field :32A: {value!r} (YYMMDD, currency, amount)"
        )
    date, ccy, amount = found.groups()
    return (float(amount.replace(",", ".")), ccy, f"20{date[:2]}-{date[2:4]}-{date[4:]}")


def _header_agents(text: str, where: str, problems: list[str]) -> tuple[str, list[Party]]:
    b1 = _BLOCK1.search(text)
    if b1 is None:
        raise PaymentFormatError(
            where, "broken MT message: block 1 (basic header) unreadable", element="1"
        )
    b2_in = _BLOCK2_IN.search(text)
    b2_out = _BLOCK2_OUT.search(text)
    if b2_in is None and b2_out is None:
        raise PaymentFormatError(
            where, "broken MT message: block 2 (application header) unreadable", element="2"
        )
    own = b1.group(3)
    if b2_in is not None:
        mt, sender, receiver = b2_in.group(1), own, b2_in.group(2)
    else:
        assert b2_out is not None
        mt, sender, receiver = b2_out.group(1), b2_out.group(4), own
    agents = [
        Party(
            role=Role.INSTRUCTING_AGENT,
            field="{1:}" if b2_in else "{2:}",
            bic=_lt_bic(sender, problems),
        ),
        Party(
            role=Role.INSTRUCTED_AGENT,
            field="{2:}" if b2_in else "{1:}",
            bic=_lt_bic(receiver, problems),
        ),
    ]
    return mt, agents


def _lt_bic(lt: str, problems: list[str]) -> str:
    """A logical terminal address is the BIC8, a terminal letter and the branch code."""
    bic = lt[:8] + (lt[9:12] if lt[9:12] != "XXX" else "")
    return _bic(bic, "LT", problems)


def _tags3(text: str) -> dict[str, str]:
    block = _BLOCK3.search(text)
    return dict(_TAG3.findall(block.group(1))) if block else {}


def parse_mt_message(text: str, where: str, limits: TextLimits | None = None) -> PaymentMessage:
    """One MT103 or MT202COV message; raises ``PaymentFormatError`` when it cannot be read."""
    lim = limits or TextLimits()
    problems: list[str] = []
    mt, agents = _header_agents(text, where, problems)
    tags3 = _tags3(text)
    cover = mt == "202" and tags3.get("119") == "COV"
    if mt not in ("103", "202"):
        raise PaymentFormatError(
            where, f"MT{mt} is not screened here (MT103 and MT202COV are)", element="2"
        )
    if mt == "202" and not cover:
        problems.append(
            "MT202 without {119:COV}: a bank-to-bank transfer screened on its banks only"
        )
    fields = _block4(text, where, lim)
    problems.extend(fields.problems)
    for tag in _MANDATORY[mt]:
        if fields.first(tag) is None:
            raise PaymentFormatError(
                where, f"broken MT{mt}: mandatory field :{tag}: missing", element=tag
            )
    amount, ccy, date = _amount(fields, where)
    parties, texts = _fields_to_parties(mt, fields, problems)
    if mt == "103" and not any(p.role is Role.DEBTOR for p in parties):
        raise PaymentFormatError(
            where, "broken MT103: ordering customer :50a: missing", element="50a"
        )
    if mt == "103" and not any(p.role is Role.CREDITOR for p in parties):
        raise PaymentFormatError(
            where, "broken MT103: beneficiary customer :59a: missing", element="59a"
        )
    ref = (fields.first("20") or [""])[0].strip() or None
    related = (fields.first("21") or [""])[0].strip() or None
    return PaymentMessage(
        format="MT202COV" if cover else f"MT{mt}",
        message_id=tags3.get("108") or ref,
        reference=ref,
        uetr=(tags3.get("121") or "").lower() or None,
        related_reference=related,
        amount=amount,
        currency=ccy,
        settlement_date=date,
        parties=(*agents, *parties),
        free_text=tuple(texts),
        goods=tuple(Goods(code, t.field) for t in texts for code in find_hs_codes(t.text)),
        cover=cover,
        problems=tuple(problems),
        source=where,
    )


def _fields_to_parties(
    mt: str, fields: _Fields, problems: list[str]
) -> tuple[list[Party], list[FreeText]]:
    parties: list[Party] = []
    texts: list[FreeText] = []
    in_b = False
    for tag, lines in fields.items:
        base = tag[:2]
        if mt == "202" and base == "50":
            in_b = True
        if base in ("70", "72", "77"):
            prefix = "B/" if in_b else ""
            texts.append(FreeText(f"{prefix}:{tag}:", " ".join(x.strip() for x in lines)))
            continue
        roles = _MT103_ROLES if mt == "103" else (_MT202_B_ROLES if in_b else _MT202_A_ROLES)
        role = roles.get(base)
        if role is None:
            continue
        party = _party(tag, lines, role, problems)
        if mt == "202" and in_b:
            party = replace(party, underlying=True, field="B/" + party.field)
        parties.append(party)
    return parties, texts


def split_mt(text: str) -> list[str]:
    """The messages of an MT file (each starts at ``{1:``)."""
    starts = [m.start() for m in _START.finditer(text)]
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def parse_mt(
    data: bytes, where: str, limits: TextLimits | None = None
) -> Iterator[PaymentMessage | PaymentFormatError]:
    """Every message of an MT file; a broken message yields its error and reading goes on."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    pieces = split_mt(text)
    if not pieces:
        yield PaymentFormatError(where, "no MT message found (no '{1:' basic header block)")
        return
    for number, piece in enumerate(pieces, start=1):
        spot = f"{where}#{number}" if len(pieces) > 1 else where
        try:
            yield parse_mt_message(piece, spot, limits)
        except PaymentFormatError as exc:
            yield exc
