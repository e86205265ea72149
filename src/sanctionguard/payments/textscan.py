"""The free-text scanner: listed names, vessel names, IMO numbers, wallets and sanctioned places
in free text.

Built once per snapshot. Every pattern is folded (case, diacritics, homoglyphs) and split into
words; the table keys are the words glued together, and a text is scanned by gluing runs of its
own words, so "Sber bank", "SBERBANK" and "S.B.E.R.B.A.N.K." all meet the key "sberbank" while
a hit must still start and end on word boundaries. A lookup per word run keeps a 140-character
field under a hundred dictionary probes. Listed names qualify when they carry two rare words
(or one long very rare word, for organisations), so common words never alert alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from sanctionguard.match.vocabulary import RarityTable
from sanctionguard.names.fold import fold
from sanctionguard.names.legal_forms import match_legal_form, may_start_legal_form

_WORD = re.compile(r"\w+")
_IMO = re.compile(r"(?<![0-9])(\d{7})(?![0-9])")
_WALLET = re.compile(
    r"\b(0x[0-9a-fA-F]{40}|[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{11,71}"
    r"|T[1-9A-HJ-NP-Za-km-z]{33})\b"
)
MAX_SPAN = 10  # words glued into one key at most
RARE_DOC_FREQ = 120  # a word in fewer listed entities than this is rare
SINGLE_WORD_MIN = 8  # a one-word organisation name alerts alone only when long...
SINGLE_WORD_DOC_FREQ = 20  # ...and very rare
# Words frequent in remittance text though rare in the lists: never count as rare.
COMMON_WORDS = frozenset(
    [
        "invoice",
        "invoices",
        "payment",
        "payments",
        "contract",
        "contracts",
        "goods",
        "services",
        "service",
        "order",
        "orders",
        "advance",
        "prepayment",
        "balance",
        "settlement",
        "transfer",
        "salary",
        "fee",
        "fees",
        "rent",
        "loan",
        "interest",
        "tax",
        "vat",
        "delivery",
        "shipment",
        "freight",
        "supply",
        "supplies",
        "equipment",
        "parts",
        "spare",
        "machine",
        "machines",
        "machinery",
        "tools",
        "components",
        "electronic",
        "electronics",
        "trading",
        "trade",
        "import",
        "export",
        "international",
        "global",
        "group",
        "holding",
        "holdings",
        "company",
        "limited",
        "corporation",
        "general",
        "national",
        "united",
        "new",
        "north",
        "south",
        "east",
        "west",
        "central",
        "state",
        "federal",
        "republic",
        "russian",
        "china",
        "chinese",
        "asia",
        "asian",
        "europe",
        "european",
        "ref",
        "reference",
        "number",
        "date",
        "account",
        "bank",
        "credit",
        "debit",
        "agreement",
        "purchase",
        "sale",
        "sales",
        "part",
        "product",
        "products",
        "material",
        "materials",
        "consulting",
        "management",
        "development",
        "technology",
        "technologies",
        "energy",
        "oil",
        "gas",
        "petroleum",
        "metal",
        "metals",
        "steel",
        "industrial",
        "industries",
        "logistics",
        "shipping",
        "marine",
        "maritime",
        "transport",
    ]
)
VESSEL_MARKERS = frozenset(
    [
        "mv",
        "mt",
        "m",
        "v",
        "vessel",
        "vsl",
        "ship",
        "tanker",
        "ss",
        "imo",
        "bulk",
        "carrier",
        "motor",
        "vessels",
        "ships",
    ]
)


class HitKind(StrEnum):
    LISTED = "listed"  # a listed person, company or bank by name
    VESSEL = "vessel"  # a listed vessel by name
    IMO = "imo"  # a listed vessel by IMO number
    WALLET = "wallet"  # a listed digital currency address
    PLACE = "place"  # a sanctioned region, town or port


@dataclass(frozen=True)
class Target:
    """What a key stands for: a listed entity or a sanctioned region."""

    kind: HitKind
    label: str  # caption of the entity, or the region
    entity_id: str | None = None
    needs_marker: bool = False  # short vessel names alert only after "MV", "vessel", ...


@dataclass(frozen=True)
class TextHit:
    """One thing found in a text: the target and the text that matched."""

    target: Target
    matched: str


def words(text: str) -> list[str]:
    """The folded words of a text."""
    return _WORD.findall(fold(text))


class NameQualifier:
    """Decides whether a listed name is distinctive enough to alert from free text."""

    def __init__(self, rarity: RarityTable) -> None:
        self.doc_freq: Mapping[str, int] = rarity.doc_freq

    def is_rare(self, word: str) -> bool:
        return (
            len(word) >= 3
            and not word.isdigit()
            and word not in COMMON_WORDS
            and self.doc_freq.get(word, 0) < RARE_DOC_FREQ
        )

    def qualifies(self, tokens: list[str], organisation: bool) -> bool:
        rare = [t for t in tokens if self.is_rare(t)]
        if len(rare) >= 2:
            return True
        return (
            organisation
            and len(tokens) == 1
            and len(tokens[0]) >= SINGLE_WORD_MIN
            and self.doc_freq.get(tokens[0], 0) <= SINGLE_WORD_DOC_FREQ
            and tokens[0] not in COMMON_WORDS
        )


@dataclass(frozen=True)
class ListedName:
    """A name of a listed entity offered to the scanner."""

    entity_id: str
    caption: str
    schema: str
    name: str


class TextScanner:
    """Scans free text against glued keys of listed names and sanctioned places."""

    def __init__(
        self,
        table: dict[str, tuple[Target, ...]],
        imo: Mapping[str, Target],
        wallets: Mapping[str, Target],
    ) -> None:
        self.table = table
        self.imo = imo
        self.wallets = wallets
        self.max_key = max((len(k) for k in table), default=0)

    @classmethod
    def build(
        cls,
        names: Iterable[ListedName],
        places: Iterable[tuple[str, str]],
        rarity: RarityTable,
        imo: Mapping[str, Target],
        wallets: Mapping[str, Target],
    ) -> TextScanner:
        maker = _KeyMaker(NameQualifier(rarity))
        table: dict[str, set[Target]] = {}
        for item in names:
            for key, target in maker.targets(item):
                table.setdefault(key, set()).add(target)
        for region, spelling in places:
            key = "".join(words(spelling))
            if key:
                table.setdefault(key, set()).add(Target(HitKind.PLACE, region))
        frozen = {k: tuple(sorted(v, key=lambda t: (t.kind, t.label))) for k, v in table.items()}
        return cls(frozen, imo, wallets)

    def scan(self, text: str) -> list[TextHit]:
        """Everything the text names, each target once."""
        hits: dict[Target, str] = {}
        tokens = words(text)
        for start in range(len(tokens)):
            glued = ""
            for end in range(start, min(len(tokens), start + MAX_SPAN)):
                glued += tokens[end]
                if len(glued) > self.max_key:
                    break
                for target in self.table.get(glued, ()):
                    if target.needs_marker and not _has_marker(tokens, start, end):
                        continue
                    hits.setdefault(target, " ".join(tokens[start : end + 1]))
        for number in _IMO.findall(text):
            if number in self.imo:
                hits.setdefault(self.imo[number], number)
        for address in _WALLET.findall(text):
            wallet = self.wallets.get(address) or self.wallets.get(address.lower())
            if wallet is not None:
                hits.setdefault(wallet, address)
        return [TextHit(t, m) for t, m in hits.items()]


def _has_marker(tokens: list[str], start: int, end: int) -> bool:
    before = tokens[max(0, start - 2) : start]
    after = tokens[end + 1 : end + 2]
    return any(t in VESSEL_MARKERS for t in (*before, *after))


class _KeyMaker:
    """Glued keys of listed names, computed once per distinct name and kind of entity."""

    def __init__(self, qualifier: NameQualifier) -> None:
        self.qualifier = qualifier
        self.memo: dict[tuple[str, str], tuple[tuple[str, bool], ...]] = {}
        self.form_starts: dict[str, bool] = {}

    def strip_legal_forms(self, tokens: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(tokens):
            word = tokens[i]
            starts = self.form_starts.get(word)
            if starts is None:
                starts = self.form_starts[word] = may_start_legal_form(word)
            found = match_legal_form(tokens, i) if starts else None
            if found:
                i += found[1]
                continue
            out.append(word)
            i += 1
        return out

    def keys(self, name: str, schema: str) -> tuple[tuple[str, bool], ...]:
        """(key, distinctive) pairs; vessels keep names that are not distinctive."""
        kind = "vessel" if schema == "Vessel" else "person" if schema == "Person" else "org"
        memo_key = (name, kind)
        found = self.memo.get(memo_key)
        if found is not None:
            return found
        tokens = words(name)
        variants = [tokens] if tokens else []
        bare = self.strip_legal_forms(tokens) if tokens else []
        if bare and bare != tokens:
            variants.append(bare)
        out = []
        for variant in variants:
            good = self.qualifier.qualifies(variant, kind != "person")
            glued = "".join(variant)
            if good or (kind == "vessel" and len(glued) >= 4):
                out.append((glued, good))
        self.memo[memo_key] = result = tuple(out)
        return result

    def targets(self, item: ListedName) -> Iterable[tuple[str, Target]]:
        vessel = item.schema == "Vessel"
        kind = HitKind.VESSEL if vessel else HitKind.LISTED
        for key, good in self.keys(item.name, item.schema):
            yield (key, Target(kind, item.caption, item.entity_id, needs_marker=not good))
