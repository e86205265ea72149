"""Per-snapshot screening structures for payments, built once and shared by every message.

``PaymentContext`` holds the screener, the listed BIC / LEI / IMO / wallet indexes, the
free-text scanner, the reference data and a bounded cache of name screening results (the same
banks and customers recur across messages, so repeated names cost one dictionary probe).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sanctionguard.match.index import bundled_rarity
from sanctionguard.match.screener import Screener
from sanctionguard.match.types import MatchResult, Query
from sanctionguard.payments.reference import ReferenceData
from sanctionguard.payments.textcheck import TextLimits
from sanctionguard.payments.textscan import HitKind, ListedName, Target, TextScanner
from sanctionguard.store.snapshots import Store, StoredEntity

SCANNED_NAME_KINDS = frozenset({"primary", "strong_alias", "former"})
NAME_CACHE_SIZE = 50_000


@dataclass(frozen=True)
class Listed:
    """A listed entity as a payment finding cites it."""

    entity_id: str
    caption: str
    schema: str
    list_name: str
    source_id: str

    def cite(self) -> str:
        return f"{self.caption} ({self.list_name} {self.source_id})"


@dataclass(frozen=True)
class PaymentSettings:
    """How payments are screened: name threshold, text caps, the high-value mark for S12."""

    name_threshold: float | None = None  # None: the screener's own threshold
    name_limit: int = 3
    high_value: float = 100_000.0  # in the payment currency (guess; no FX conversion)
    limits: TextLimits = field(default_factory=TextLimits)
    max_message_bytes: int = 1 << 20  # one message body; files stream by transaction


@dataclass
class PaymentContext:
    """Everything screening needs about one snapshot."""

    screener: Screener
    snapshot_id: int | None
    bics: dict[str, tuple[Listed, ...]]
    leis: dict[str, tuple[Listed, ...]]
    scanner: TextScanner
    reference: ReferenceData
    settings: PaymentSettings = PaymentSettings()
    _names: dict[tuple[str, str], tuple[MatchResult, ...]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        store: Store,
        snapshot_id: int,
        screener: Screener,
        settings: PaymentSettings | None = None,
    ) -> PaymentContext:
        """The context of one stored snapshot (the screener must be built over the same one)."""
        return cls.from_entities(store.entities(snapshot_id), screener, snapshot_id, settings)

    @classmethod
    def from_entities(
        cls,
        entities: Iterable[StoredEntity],
        screener: Screener,
        snapshot_id: int | None = None,
        settings: PaymentSettings | None = None,
    ) -> PaymentContext:
        bics: dict[str, list[Listed]] = {}
        leis: dict[str, list[Listed]] = {}
        imo: dict[str, Target] = {}
        wallets: dict[str, Target] = {}
        names: list[ListedName] = []
        for item in entities:
            listed = Listed(
                item.entity_id, item.caption, item.schema, item.list_name, item.source_id
            )
            for ident in item.record.get("identifiers", ()):
                _index_identifier(ident, listed, bics, leis, imo, wallets)
            names.extend(_listed_names(item))
        reference = ReferenceData.bundled()
        scanner = TextScanner.build(
            names, reference.region_variants, bundled_rarity(), imo, wallets
        )
        return cls(
            screener=screener,
            snapshot_id=snapshot_id,
            bics={k: tuple(v) for k, v in bics.items()},
            leis={k: tuple(v) for k, v in leis.items()},
            scanner=scanner,
            reference=reference,
            settings=settings or PaymentSettings(),
        )

    def listed_bic(self, bic: str) -> tuple[Listed, ...]:
        """Listed entities carrying this BIC, its head office (BIC8) or its XXX form."""
        value = bic.strip().upper()
        found = list(self.bics.get(value, ()))
        if len(value) == 11:
            found.extend(self.bics.get(value[:8], ()))
        return tuple(dict.fromkeys(found))

    def match_name(self, name: str, schema: str) -> tuple[MatchResult, ...]:
        """Listed entities matching a name (cached; raises ``QueryError`` for unusable names)."""
        key = (name, schema)
        hit = self._names.get(key)
        if hit is not None:
            return hit
        results = tuple(
            self.screener.match(
                Query(names=(name,), schema=schema),
                threshold=self.settings.name_threshold,
                limit=self.settings.name_limit,
            )
        )
        if len(self._names) >= NAME_CACHE_SIZE:
            self._names.clear()  # a simple bound: recurring names come back within a batch
        self._names[key] = results
        return results


def _index_identifier(
    ident: dict[str, object],
    listed: Listed,
    bics: dict[str, list[Listed]],
    leis: dict[str, list[Listed]],
    imo: dict[str, Target],
    wallets: dict[str, Target],
) -> None:
    kind, value = ident.get("kind"), str(ident.get("value") or "").strip()
    if not value:
        return
    if kind == "bic":
        bics.setdefault(value.upper(), []).append(listed)
    elif kind == "lei":
        leis.setdefault(value.upper(), []).append(listed)
    elif kind == "imo" and listed.schema == "Vessel" and ident.get("valid") is not False:
        imo[value] = Target(HitKind.IMO, listed.cite(), listed.entity_id)
    elif kind == "crypto_wallet":
        target = Target(HitKind.WALLET, listed.cite(), listed.entity_id)
        wallets[value] = target
        wallets[value.lower()] = target


def _listed_names(item: StoredEntity) -> Iterator[ListedName]:
    label = f"{item.caption} ({item.list_name} {item.source_id})"
    for name in item.record.get("names", ()):
        if name.get("kind") in SCANNED_NAME_KINDS and name.get("value"):
            yield ListedName(item.entity_id, label, item.schema, str(name["value"]))
