"""The payment rules as declared data: id, title, description, source document, inputs, severity.

Rule ids S* follow docs/domain-evasion.md A.1; L* are the list-screening checks every payment
gets (Wolfsberg 2019 screenable attributes); F1 is the fail-closed rule. Findings cite a rule id,
and ``docs/payments.md`` and the API describe the rules from this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from sanctionguard.payments.findings import Severity


@dataclass(frozen=True)
class Rule:
    """One declared rule; ``severity`` is its usual severity (a finding may state its own)."""

    id: str
    title: str
    description: str
    source: str
    inputs: tuple[str, ...]
    severity: Severity


RULES: tuple[Rule, ...] = (
    Rule(
        "F1",
        "Not fully read or screened",
        "A message that could not be parsed, carries an oversized or malformed field, an "
        "unknown BIC format, an agent identified only by a clearing code, or a party the "
        "matcher could not screen is held: fail closed, never passed.",
        "Wolfsberg Group, Guidance on Sanctions Screening (2019): screening must cover every "
        "screenable attribute; Swift ISO 20022 screening principles",
        ("whole message",),
        Severity.MEDIUM,
    ),
    Rule(
        "S1",
        "Listed financial institution in the payment chain",
        "An agent (InstgAgt, InstdAgt, PrvsInstgAgt1-3, IntrmyAgt1-3, DbtrAgt, CdtrAgt, the "
        "FIs of a pacs.009, MT 52a-58a, sender, receiver) is a listed bank by BIC (head office "
        "or branch), LEI (critical: block) or by name through the matcher (high: hold).",
        "Wolfsberg 2019 names agents, intermediaries, BICs and routing codes as screenable "
        "[R24]; FinCEN Alert FIN-2022-Alert001 (Mar 2022) [R1]",
        ("agent BIC", "agent LEI", "agent name", "sanctions lists"),
        Severity.CRITICAL,
    ),
    Rule(
        "L1",
        "Listed party",
        "A party (Dbtr, Cdtr, UltmtDbtr, UltmtCdtr, InitgPty, MT 50a/59a) is a listed person "
        "or company by BIC or LEI (critical: block) or by name through the matcher (high).",
        "Wolfsberg 2019 screenable attributes [R24]",
        ("party name", "party BIC/LEI", "sanctions lists"),
        Severity.HIGH,
    ),
    Rule(
        "L2",
        "Sanctioned region in an address",
        "An address, town or place of birth names Crimea, Sevastopol, Donetsk, Luhansk, "
        "Zaporizhzhia or Kherson (Latin or Cyrillic spellings, e.g. Krimea, Simferopol).",
        "EU Reg. 692/2014 and 2022/263; US EO 13685 and EO 14065",
        ("party and agent postal addresses", "sanctioned_regions.csv"),
        Severity.HIGH,
    ),
    Rule(
        "L3",
        "Embargoed or high-risk jurisdiction",
        "A BIC (characters 5-6), IBAN or address country is Russia, Belarus, Iran, North Korea, "
        "Syria or Cuba.",
        "OFAC country programmes; FinCEN Alert FIN-2022-Alert001",
        ("BIC country", "IBAN country", "address country", "risk_countries.csv"),
        Severity.MEDIUM,
    ),
    Rule(
        "S4",
        "Jurisdiction mismatch between a customer and its bank",
        "The debtor's or creditor's country differs from its servicing agent's BIC country; "
        "medium when a Russia/Belarus/embargo-linked customer banks in a hub country (or a "
        "hub-country customer banks in such a country), low otherwise.",
        "FinCEN Alert FIN-2022-Alert001 (Mar 2022): shell companies wire through FIs in other "
        "jurisdictions than where they are registered [R1]",
        ("Dbtr/Cdtr PstlAdr.Ctry or IBAN country", "DbtrAgt/CdtrAgt BIC", "hub_countries.csv"),
        Severity.MEDIUM,
    ),
    Rule(
        "S6",
        "CHPL goods routed through a hub country",
        "Goods data attached to the payment (an HS code in remittance or instruction text) is "
        "on the Common High Priority List and an agent or the creditor is in a hub country.",
        "FinCEN-BIS joint alerts, Jun 2022 and May 2023 [R2][R3]; CHPL (BIS, Feb 2024) [R7]",
        ("HS codes in the message", "agent and creditor countries", "chpl.csv"),
        Severity.HIGH,
    ),
    Rule(
        "S9",
        "New currency corridor",
        "The payment uses a corridor currency (CNY, AED, HKD, KZT, KGS, AMD, TRY, RUB) towards a "
        "creditor-agent country that the debtor account has not used in the prior 12 months "
        "(evaluated when an account history file is given).",
        "FinCEN Alert FIN-2022-Alert001: activity inconsistent with the prior 12 months [R1]",
        ("debtor account", "currency", "creditor agent country", "account history file"),
        Severity.MEDIUM,
    ),
    Rule(
        "S12",
        "Free text names a listed party or sanctioned place; stripped references",
        "Remittance information, instructions for agents, purpose, regulatory reporting or MT "
        "70/72 name a listed party, vessel (name or IMO) or sanctioned place (high); a "
        "high-value payment carries only generic text (low); a cover message (pacs.009 COV, "
        "MT202COV) omits or changes what its customer message (pacs.008, MT103) says (high "
        "when what was dropped names a listed party, sanctioned place or embargoed country).",
        "Wolfsberg 2019 lists free-text fields as screenable [R24]; press reports of stripped "
        "Russia references [R59]",
        ("free-text fields", "amount", "pacs.008/pacs.009 COV and MT103/MT202COV pairs"),
        Severity.HIGH,
    ),
    Rule(
        "S13",
        "Listed digital currency address or sanctioned exchanger",
        "An account identifier or free text carries a digital currency address listed by OFAC "
        "(critical) or names Garantex, Grinex or A7A5 (high).",
        "FinCEN Alert FIN-2022-Alert001 (SDN wallet addresses) [R1]; OFAC and UK designations "
        "of A7A5 and Grinex, Aug 2025 [R60]",
        ("account identifiers", "free text", "SDN digital currency addresses"),
        Severity.CRITICAL,
    ),
)

BY_ID = {r.id: r for r in RULES}
