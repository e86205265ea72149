"""ISO 20022 payment parsing: pacs.008 (v08–v13), pacs.009 (incl. COV) and pain.001 into
``PaymentMessage``.

Parsing streams one transaction (``CdtTrfTxInf``; a ``PmtInf`` block for pain.001) at a time
through ``sources.xmlsafe`` (no entities, no DTDs, no network). Anything odd that does not stop
parsing (an oversized text, a malformed BIC, an unsupported version) is recorded as a problem on
the message, which holds it; anything that stops parsing raises ``PaymentFormatError``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from sanctionguard.errors import ListFormatError
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
from sanctionguard.sources.xmlsafe import iter_elements, parse_document

_KIND = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(FIToFICstmrCdtTrf|FICdtTrf|CstmrCdtTrfInitn)[\s>/]")
_VERSION = re.compile(r"(pacs\.00[89]|pain\.001)\.001\.(\d+)")
PACS008_VERSIONS = range(8, 14)

Element = etree._Element

# Agents and parties of a customer credit transfer, in schema order, with their roles.
_CUSTOMER_AGENTS: tuple[tuple[str, Role], ...] = (
    ("PrvsInstgAgt1", Role.PREVIOUS_INSTRUCTING_AGENT_1),
    ("PrvsInstgAgt2", Role.PREVIOUS_INSTRUCTING_AGENT_2),
    ("PrvsInstgAgt3", Role.PREVIOUS_INSTRUCTING_AGENT_3),
    ("InstgAgt", Role.INSTRUCTING_AGENT),
    ("InstdAgt", Role.INSTRUCTED_AGENT),
    ("IntrmyAgt1", Role.INTERMEDIARY_AGENT_1),
    ("IntrmyAgt2", Role.INTERMEDIARY_AGENT_2),
    ("IntrmyAgt3", Role.INTERMEDIARY_AGENT_3),
    ("DbtrAgt", Role.DEBTOR_AGENT),
    ("CdtrAgt", Role.CREDITOR_AGENT),
)
_CUSTOMER_PARTIES: tuple[tuple[str, Role], ...] = (
    ("UltmtDbtr", Role.ULTIMATE_DEBTOR),
    ("InitgPty", Role.INITIATING_PARTY),
    ("Dbtr", Role.DEBTOR),
    ("Cdtr", Role.CREDITOR),
    ("UltmtCdtr", Role.ULTIMATE_CREDITOR),
)
_ACCOUNTS = {
    "Dbtr": "DbtrAcct",
    "Cdtr": "CdtrAcct",
    "DbtrAgt": "DbtrAgtAcct",
    "CdtrAgt": "CdtrAgtAcct",
    "IntrmyAgt1": "IntrmyAgt1Acct",
    "IntrmyAgt2": "IntrmyAgt2Acct",
    "IntrmyAgt3": "IntrmyAgt3Acct",
    "PrvsInstgAgt1": "PrvsInstgAgt1Acct",
    "PrvsInstgAgt2": "PrvsInstgAgt2Acct",
    "PrvsInstgAgt3": "PrvsInstgAgt3Acct",
}
_ADDRESS_PARTS = ("Dept", "SubDept", "StrtNm", "BldgNb", "BldgNm", "Flr", "PstBx", "Room", "PstCd")
_ADDRESS_TAIL = ("TwnLctnNm", "DstrctNm", "CtrySubDvsn")


@dataclass
class _Reader:
    """Reads one transaction, collecting problems (oversized texts, bad BICs) as it goes.

    Children are looked up by local name through a per-element map of children built once: a
    transaction asks for some seventy optional elements, most of them absent, and namespaces
    never need stripping.
    """

    where: str
    limits: TextLimits
    problems: list[str]
    _maps: dict[Element, dict[str, list[Element]]] = field(default_factory=dict)

    def _children(self, node: Element) -> dict[str, list[Element]]:
        kids = self._maps.get(node)
        if kids is None:
            kids = {}
            for child in node:
                tag = child.tag
                if isinstance(tag, str):
                    kids.setdefault(tag.rpartition("}")[2], []).append(child)
            self._maps[node] = kids
        return kids

    def all(self, el: Element | None, path: str) -> list[Element]:
        """Every element at a path of local names ("Id/Othr/Id"): the last step may repeat."""
        *steps, last = path.split("/")
        node = self.find(el, "/".join(steps)) if steps else el
        return [] if node is None else self._children(node).get(last, [])

    def find(self, el: Element | None, path: str) -> Element | None:
        node = el
        for part in path.split("/"):
            if node is None:
                return None
            found = self._children(node).get(part)
            node = found[0] if found else None
        return node

    def text(self, el: Element | None, path: str, limit: int | None = None) -> str | None:
        node = self.find(el, path) if path else el
        if node is None or node.text is None:
            return None
        value = " ".join(node.text.split())
        if not value:
            return None
        tag = str(node.tag).rpartition("}")[2]
        cap = limit or self.limits.for_element(tag)
        if len(value) > cap:
            self.problems.append(
                f"oversized text in <{tag}> (line {node.sourceline}): "
                f"{len(value)} characters, at most {cap} allowed; not screened as sent"
            )
        return value

    def texts(self, el: Element | None, path: str) -> tuple[str, ...]:
        out = []
        for node in self.all(el, path):
            value = self.text(node, "")
            if value:
                out.append(value)
        return tuple(out)

    def bic(self, el: Element | None, path: str, field: str) -> str | None:
        raw = self.text(el, path)
        if raw is None:
            return None
        problem = check_bic(raw)
        if problem:
            self.problems.append(f"{field}: {problem}")
        return raw.strip().upper()

    def address(self, el: Element | None) -> Address:
        adr = None if el is None else self.find(el, "PstlAdr")
        if adr is None:
            return Address()
        parts = [self.text(adr, f"{p}") for p in _ADDRESS_PARTS]
        lines = self.texts(adr, "AdrLine")
        tail = [self.text(adr, f"{p}") for p in _ADDRESS_TAIL]
        country = self.text(adr, "Ctry")
        return Address(
            country=country.upper() if country else None,
            town=self.text(adr, "TwnNm"),
            lines=tuple(p for p in (*parts, *lines, *tail) if p),
        )

    def account(self, el: Element | None) -> Account | None:
        if el is None:
            return None
        iban = self.text(el, "Id/IBAN")
        other = self.text(el, "Id/Othr/Id")
        if iban is None and other is None:
            return None
        return Account(
            iban=iban.replace(" ", "").upper() if iban else None,
            other=other,
            currency=self.text(el, "Ccy"),
            name=self.text(el, "Nm"),
        )

    def agent(
        self,
        el: Element,
        role: Role,
        field: str,
        account: Element | None,
        underlying: bool = False,
    ) -> Party:
        fin = self.find(el, "FinInstnId")
        if fin is None:
            fin = el  # pacs.009 Dbtr/Cdtr are FinInstnId structures directly in older versions
        bic = self.bic(fin, "BICFI", field) or self.bic(fin, "BIC", field)
        party = Party(
            role=role,
            field=field,
            name=self.text(fin, "Nm"),
            address=self.address(fin),
            bic=bic,
            lei=self.text(fin, "LEI"),
            other_ids=self.texts(fin, "Othr/Id"),
            clearing_id=self.text(fin, "ClrSysMmbId/MmbId"),
            account=self.account(account),
            underlying=underlying,
        )
        if not (party.bic or party.name or party.lei):
            what = party.clearing_id or (party.other_ids[0] if party.other_ids else "nothing")
            self.problems.append(
                f"{field}: agent identified only by {what!r}; "
                "it cannot be screened against the lists"
            )
        return party

    def party(
        self,
        el: Element,
        role: Role,
        field: str,
        account: Element | None,
        underlying: bool = False,
    ) -> Party:
        org = self.find(el, "Id/OrgId")
        prv = self.find(el, "Id/PrvtId")
        birth = None if prv is None else self.find(prv, "DtAndPlcOfBirth")
        others = (*self.texts(org, "Othr/Id"), *self.texts(prv, "Othr/Id"))
        return Party(
            role=role,
            field=field,
            name=self.text(el, "Nm"),
            address=self.address(el),
            bic=self.bic(org, "AnyBIC", field) or self.bic(org, "BICOrBEI", field),
            lei=self.text(org, "LEI"),
            other_ids=others,
            birth_date=self.text(birth, "BirthDt"),
            birth_place=self.text(birth, "CityOfBirth"),
            country_of_residence=self.text(el, "CtryOfRes"),
            account=self.account(account),
            underlying=underlying,
        )

    def customer_block(self, tx: Element, prefix: str, underlying: bool) -> list[Party]:
        """Every agent and party of a customer transfer block (a pacs.008 transaction or a COV)."""
        out: list[Party] = []
        for tag, role in _CUSTOMER_AGENTS:
            el = self.find(tx, tag)
            if el is not None:
                acct = _ACCOUNTS.get(tag)
                acc = self.find(tx, acct) if acct else None
                out.append(self.agent(el, role, prefix + tag, acc, underlying))
        for tag, role in _CUSTOMER_PARTIES:
            el = self.find(tx, tag)
            if el is not None:
                acct = _ACCOUNTS.get(tag)
                acc = self.find(tx, acct) if acct else None
                out.append(self.party(el, role, prefix + tag, acc, underlying))
        return out

    def free_text(self, tx: Element, prefix: str) -> list[FreeText]:
        paths = (
            ("RmtInf/Ustrd", "RmtInf/Ustrd"),
            ("RmtInf/Strd/AddtlRmtInf", "RmtInf/Strd/AddtlRmtInf"),
            ("RmtInf/Strd/RfrdDocInf/Nb", "RmtInf/Strd/RfrdDocInf/Nb"),
            ("RmtInf/Strd/CdtrRefInf/Ref", "RmtInf/Strd/CdtrRefInf/Ref"),
            ("InstrForCdtrAgt/InstrInf", "InstrForCdtrAgt/InstrInf"),
            ("InstrForNxtAgt/InstrInf", "InstrForNxtAgt/InstrInf"),
            ("InstrForDbtrAgt", "InstrForDbtrAgt"),
            ("Purp/Prtry", "Purp/Prtry"),
            ("Purp/Cd", "Purp/Cd"),
            ("RgltryRptg/Dtls/Inf", "RgltryRptg/Dtls/Inf"),
            ("RltdRmtInf/RmtId", "RltdRmtInf/RmtId"),
        )
        out = []
        for path, name in paths:
            for value in self.texts(tx, path):
                out.append(FreeText(prefix + name, value))
        return out


def _version(ns: str) -> tuple[str, int | None]:
    found = _VERSION.search(ns)
    if not found:
        return ("", None)
    return (f"{found.group(1)}.001.{found.group(2)}", int(found.group(2)))


def _amount(
    reader: _Reader, tx: Element, paths: tuple[str, ...]
) -> tuple[float | None, str | None]:
    for path in paths:
        node = reader.find(tx, path)
        if node is None or node.text is None:
            continue
        try:
            return (float(node.text.strip()), node.get("Ccy"))
        except ValueError:
            reader.problems.append(
                f"<{etree.QName(node).localname}>: amount {node.text!r} is not a number"
            )
            return (None, node.get("Ccy"))
    return (None, None)


@dataclass(frozen=True)
class _Header:
    message_id: str | None
    agents: tuple[Party, ...]
    parties: tuple[Party, ...]
    problems: tuple[str, ...]


def _header(el: Element, where: str, limits: TextLimits) -> _Header:
    reader = _Reader(where, limits, [])
    agents = []
    for tag, role in (("InstgAgt", Role.INSTRUCTING_AGENT), ("InstdAgt", Role.INSTRUCTED_AGENT)):
        node = reader.find(el, tag)
        if node is not None:
            agents.append(reader.agent(node, role, f"GrpHdr/{tag}", None))
    parties = []
    initiator = reader.find(el, "InitgPty")
    if initiator is not None:
        parties.append(reader.party(initiator, Role.INITIATING_PARTY, "GrpHdr/InitgPty", None))
    return _Header(reader.text(el, "MsgId"), tuple(agents), tuple(parties), tuple(reader.problems))


def _merge_header(parties: list[Party], header: _Header) -> list[Party]:
    """Group-header agents apply to a transaction unless it names its own in that role."""
    have = {p.role for p in parties if not p.underlying}
    return [*(a for a in (*header.agents, *header.parties) if a.role not in have), *parties]


def _hs_goods(texts: list[FreeText]) -> tuple[Goods, ...]:
    return tuple(Goods(code, t.field) for t in texts for code in find_hs_codes(t.text))


def _pacs008(
    tx: Element, namespace: str, header: _Header, where: str, limits: TextLimits
) -> PaymentMessage:
    reader = _Reader(where, limits, list(header.problems))
    fmt, version = _version(namespace)
    if version is None or version not in PACS008_VERSIONS:
        reader.problems.append(
            f"unsupported pacs.008 version {fmt or '(no ISO 20022 namespace)'}: "
            "versions 08 to 13 are screened"
        )
    parties = reader.customer_block(tx, "", False)
    texts = reader.free_text(tx, "")
    amount, ccy = _amount(reader, tx, ("IntrBkSttlmAmt", "InstdAmt"))
    return PaymentMessage(
        format=fmt or "pacs.008",
        message_id=header.message_id,
        reference=reader.text(tx, "PmtId/EndToEndId"),
        uetr=_lower(reader.text(tx, "PmtId/UETR")),
        amount=amount,
        currency=ccy,
        settlement_date=reader.text(tx, "IntrBkSttlmDt"),
        parties=tuple(_merge_header(parties, header)),
        free_text=tuple(texts),
        goods=_hs_goods(texts),
        problems=tuple(reader.problems),
        source=where,
    )


def _pacs009(
    tx: Element, namespace: str, header: _Header, where: str, limits: TextLimits
) -> PaymentMessage:
    reader = _Reader(where, limits, list(header.problems))
    fmt, _ = _version(namespace)
    parties: list[Party] = []
    for tag, role in _CUSTOMER_AGENTS:
        el = reader.find(tx, tag)
        if el is not None:
            parties.append(reader.agent(el, role, tag, None))
    for tag, role in (("Dbtr", Role.DEBTOR_FI), ("Cdtr", Role.CREDITOR_FI)):
        el = reader.find(tx, tag)
        if el is not None:
            parties.append(reader.agent(el, role, tag, reader.find(tx, f"{tag}Acct")))
    texts = reader.free_text(tx, "")
    cover = reader.find(tx, "UndrlygCstmrCdtTrf")
    related = None
    if cover is not None:
        prefix = "UndrlygCstmrCdtTrf/"
        parties.extend(reader.customer_block(cover, prefix, True))
        texts.extend(reader.free_text(cover, prefix))
        related = reader.text(cover, "PmtId/EndToEndId")
    amount, ccy = _amount(reader, tx, ("IntrBkSttlmAmt",))
    return PaymentMessage(
        format=(fmt or "pacs.009") + (" COV" if cover is not None else ""),
        message_id=header.message_id,
        reference=reader.text(tx, "PmtId/EndToEndId"),
        uetr=_lower(reader.text(tx, "PmtId/UETR")),
        related_reference=related,
        amount=amount,
        currency=ccy,
        settlement_date=reader.text(tx, "IntrBkSttlmDt"),
        parties=tuple(_merge_header(parties, header)),
        free_text=tuple(texts),
        goods=_hs_goods(texts),
        cover=cover is not None,
        problems=tuple(reader.problems),
        source=where,
    )


def _pain001(
    block: Element, namespace: str, header: _Header, where: str, limits: TextLimits
) -> list[PaymentMessage]:
    reader = _Reader(where, limits, list(header.problems))
    fmt, _ = _version(namespace)
    shared = reader.customer_block(block, "PmtInf/", False)
    shared_problems = list(reader.problems)
    out = []
    for tx in reader.all(block, "CdtTrfTxInf"):
        reader.problems = list(shared_problems)
        parties = reader.customer_block(tx, "CdtTrfTxInf/", False)
        texts = reader.free_text(tx, "CdtTrfTxInf/")
        amount, ccy = _amount(reader, tx, ("Amt/InstdAmt", "Amt/EqvtAmt/Amt"))
        out.append(
            PaymentMessage(
                format=fmt or "pain.001",
                message_id=header.message_id,
                reference=reader.text(tx, "PmtId/EndToEndId"),
                uetr=_lower(reader.text(tx, "PmtId/UETR")),
                amount=amount,
                currency=ccy,
                settlement_date=reader.text(block, "ReqdExctnDt/Dt")
                or reader.text(block, "ReqdExctnDt"),
                parties=tuple(_merge_header([*shared, *parties], header)),
                free_text=tuple(texts),
                goods=_hs_goods(texts),
                problems=tuple(reader.problems),
                source=where,
            )
        )
    if not out:
        raise PaymentFormatError(where, "a pain.001 <PmtInf> block without any <CdtTrfTxInf>")
    return out


def _lower(value: str | None) -> str | None:
    return value.lower() if value else None


STREAM_FROM_BYTES = 256 * 1024  # smaller bodies are parsed whole: a parser per message costs


def _elements(data: bytes, where: str, tags: tuple[str, ...]) -> Iterator[Element]:
    """The wanted elements in document order: streamed for big files, parsed whole for small."""
    if len(data) > STREAM_FROM_BYTES:
        yield from iter_elements(data, Path(where), tags)
        return
    root = parse_document(data, Path(where))
    yield from root.iter(*(f"{{*}}{t}" for t in tags))


def detect_kind(data: bytes) -> str | None:
    """The ISO 20022 payment kind a document carries, from its message element, if any."""
    found = _KIND.search(data)
    return found.group(1).decode() if found else None


def parse_iso20022(
    data: bytes, where: str, limits: TextLimits | None = None
) -> Iterator[PaymentMessage]:
    """Stream the transactions of an ISO 20022 payment document, one ``PaymentMessage`` each.

    Raises ``PaymentFormatError`` for malformed or unsafe XML and for XML that is no payment.
    """
    lim = limits or TextLimits()
    kind = detect_kind(data)
    try:
        if kind is None:
            root = parse_document(data, Path(where))  # a syntax error explains itself better
            raise PaymentFormatError(
                where,
                f"valid XML but not an ISO 20022 payment (root <{etree.QName(root).localname}>; "
                "expected pacs.008, pacs.009 or pain.001)",
            )
        unit = "PmtInf" if kind == "CstmrCdtTrfInitn" else "CdtTrfTxInf"
        header = _Header(None, (), (), ())
        count = 0
        for el in _elements(data, where, ("GrpHdr", unit)):
            parent = el.getparent()
            if parent is None or etree.QName(parent).localname != kind:
                continue  # not an element of the payment document itself
            namespace = etree.QName(el).namespace or ""
            if etree.QName(el).localname == "GrpHdr":
                header = _header(el, where, lim)
                continue
            count += 1
            spot = f"{where}#{count}"
            if kind == "FIToFICstmrCdtTrf":
                yield _pacs008(el, namespace, header, spot, lim)
            elif kind == "FICdtTrf":
                yield _pacs009(el, namespace, header, spot, lim)
            else:
                yield from _pain001(el, namespace, header, spot, lim)
        if count == 0:
            raise PaymentFormatError(where, f"a <{kind}> document without any <{unit}>")
    except ListFormatError as exc:
        if isinstance(exc, PaymentFormatError):
            raise
        raise PaymentFormatError(exc.path, exc.message, line=exc.line, element=exc.element) from exc
