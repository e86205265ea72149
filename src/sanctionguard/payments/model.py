"""The normalised payment message: every party, agent, account and free-text field of one transfer.

ISO 20022 (pacs.008, pacs.009 incl. COV, pain.001) and SWIFT MT (103, 202COV) parsers all produce
``PaymentMessage``; screening and rules read only this model. One message is one credit transfer
transaction: group-level agents are copied into each transaction a file carries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    """Every party and agent role of a customer or bank credit transfer (ISO 20022 names)."""

    DEBTOR = "Dbtr"
    CREDITOR = "Cdtr"
    ULTIMATE_DEBTOR = "UltmtDbtr"
    ULTIMATE_CREDITOR = "UltmtCdtr"
    INITIATING_PARTY = "InitgPty"
    DEBTOR_AGENT = "DbtrAgt"
    CREDITOR_AGENT = "CdtrAgt"
    INTERMEDIARY_AGENT_1 = "IntrmyAgt1"
    INTERMEDIARY_AGENT_2 = "IntrmyAgt2"
    INTERMEDIARY_AGENT_3 = "IntrmyAgt3"
    PREVIOUS_INSTRUCTING_AGENT_1 = "PrvsInstgAgt1"
    PREVIOUS_INSTRUCTING_AGENT_2 = "PrvsInstgAgt2"
    PREVIOUS_INSTRUCTING_AGENT_3 = "PrvsInstgAgt3"
    INSTRUCTING_AGENT = "InstgAgt"
    INSTRUCTED_AGENT = "InstdAgt"
    SENDERS_CORRESPONDENT = "SndrsCorrespdt"  # MT 53a
    RECEIVERS_CORRESPONDENT = "RcvrsCorrespdt"  # MT 54a
    # The financial institutions a pacs.009 moves money between (the debtor/creditor of a
    # bank transfer are banks, screened as agents).
    DEBTOR_FI = "DbtrFI"
    CREDITOR_FI = "CdtrFI"


AGENT_ROLES = frozenset(
    {
        Role.DEBTOR_AGENT,
        Role.CREDITOR_AGENT,
        Role.INTERMEDIARY_AGENT_1,
        Role.INTERMEDIARY_AGENT_2,
        Role.INTERMEDIARY_AGENT_3,
        Role.PREVIOUS_INSTRUCTING_AGENT_1,
        Role.PREVIOUS_INSTRUCTING_AGENT_2,
        Role.PREVIOUS_INSTRUCTING_AGENT_3,
        Role.INSTRUCTING_AGENT,
        Role.INSTRUCTED_AGENT,
        Role.SENDERS_CORRESPONDENT,
        Role.RECEIVERS_CORRESPONDENT,
        Role.DEBTOR_FI,
        Role.CREDITOR_FI,
    }
)


@dataclass(frozen=True)
class Address:
    """A postal address as printed: structured parts and/or free address lines."""

    country: str | None = None  # ISO 3166 alpha-2 as given (upper case)
    town: str | None = None
    lines: tuple[str, ...] = ()  # AdrLine, StrtNm, BldgNb, PstCd, CtrySubDvsn, DstrctNm...

    def text(self) -> str:
        """Every part of the address as one line, for place scanning."""
        return " ".join(p for p in (*self.lines, self.town or "") if p)


@dataclass(frozen=True)
class Account:
    """An account: IBAN or other identifier, with its currency when given."""

    iban: str | None = None
    other: str | None = None
    currency: str | None = None
    name: str | None = None

    @property
    def key(self) -> str | None:
        """The account reference used for history look-ups."""
        return self.iban or self.other


@dataclass(frozen=True)
class Party:
    """One party or agent in a role, with everything that can be screened about it.

    ``field`` names where it came from (an XML path or an MT tag) so findings can point at it.
    """

    role: Role
    field: str
    name: str | None = None
    address: Address = Address()
    bic: str | None = None
    lei: str | None = None
    other_ids: tuple[str, ...] = ()
    clearing_id: str | None = None
    birth_date: str | None = None
    birth_place: str | None = None
    country_of_residence: str | None = None
    account: Account | None = None
    underlying: bool = False  # in the underlying customer transfer block of a cover message

    @property
    def is_agent(self) -> bool:
        return self.role in AGENT_ROLES


@dataclass(frozen=True)
class FreeText:
    """One free-text field: remittance information, instructions for agents, MT 70/72, purpose."""

    field: str
    text: str


@dataclass(frozen=True)
class Goods:
    """Goods data attached to a payment: an HS code with the field it was read from."""

    hs_code: str
    field: str


@dataclass(frozen=True)
class PaymentMessage:
    """One credit transfer transaction, normalised from any supported format."""

    format: str  # e.g. "pacs.008.001.08", "MT103", "MT202COV"
    message_id: str | None
    reference: str | None  # EndToEndId / MT :20: / instruction id
    uetr: str | None = None
    related_reference: str | None = None  # MT :21:, pacs.009 COV's underlying EndToEndId
    amount: float | None = None
    currency: str | None = None
    settlement_date: str | None = None
    parties: tuple[Party, ...] = ()
    free_text: tuple[FreeText, ...] = ()
    goods: tuple[Goods, ...] = ()
    cover: bool = False  # a pacs.009 COV / MT202COV carrying an underlying customer transfer
    # Problems found while parsing that did not stop it (oversized field, unknown BIC format):
    # each one makes the message held.
    problems: tuple[str, ...] = ()
    source: str = ""  # file name and position, for reports
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def party(self, role: Role) -> Party | None:
        """The first party in a role (the underlying block's for a cover message), if any."""
        return next((p for p in self.parties if p.role is role), None)

    @property
    def key(self) -> str:
        """How reports name this message."""
        ref = self.uetr or self.reference or self.message_id or "?"
        return f"{self.source}#{ref}" if self.source else ref
