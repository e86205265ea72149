"""Per-snapshot contexts of the domain endpoints: the payment context, the vessel registry and
ownership analyses, each built once for the live snapshot (on first use) and rebuilt when the
holder serves another one. Built under a lock, so concurrent first requests build it once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass
from datetime import date

from sanctionguard.api.holder import LoadedSnapshot
from sanctionguard.maritime.reference.sets import Reference
from sanctionguard.maritime.registry import VesselRegistry
from sanctionguard.ownership import storage as ownership_storage
from sanctionguard.ownership.analysis import analyse
from sanctionguard.ownership.cautions import Caution, cautions
from sanctionguard.ownership.linking import Link, LinkSettings, designations_from, link_parties
from sanctionguard.ownership.model import OwnershipData
from sanctionguard.ownership.pipeline import StoredAnalysis
from sanctionguard.ownership.rules import RuleSet
from sanctionguard.payments.context import PaymentContext
from sanctionguard.store.snapshots import Store

OwnershipKey = tuple[int, int, date, tuple[str, ...]]


@dataclass(frozen=True)
class OwnershipResult:
    """One analysis of the latest ownership version against one snapshot on one day."""

    stored: StoredAnalysis
    cautions: tuple[Caution, ...]


class NoOwnershipDataError(LookupError):
    """No ownership version is stored yet."""


class SnapshotContexts:
    """What the payments, maritime and ownership endpoints need, per live snapshot."""

    def __init__(self, store: Store, *, max_analyses: int = 8) -> None:
        self.store = store
        self.max_analyses = max_analyses
        self._lock = threading.Lock()
        self._payments: tuple[int, PaymentContext] | None = None
        self._vessels: tuple[int, VesselRegistry] | None = None
        self._reference: tuple[date, Reference] | None = None
        self._ownership: OrderedDict[OwnershipKey, OwnershipResult] = OrderedDict()
        self._ownership_lock = threading.Lock()

    def warm(self, live: LoadedSnapshot) -> None:
        """Build the payment context and the vessel registry of ``live`` now, so the first
        payment or vessel request after a switch does not wait for them (seconds over all
        lists)."""
        self.payments(live)
        self.vessels(live)

    def built_for(self) -> tuple[int | None, int | None]:
        """The snapshots the payment context and the vessel registry are built for."""
        payments, vessels = self._payments, self._vessels
        return (
            None if payments is None else payments[0],
            None if vessels is None else vessels[0],
        )

    def payments(self, live: LoadedSnapshot) -> PaymentContext:
        """The payment context of ``live`` (BIC/LEI/wallet indexes and the text scanner)."""
        found = self._payments
        if found is not None and found[0] == live.snapshot_id:
            return found[1]
        with self._lock:
            found = self._payments
            if found is None or found[0] != live.snapshot_id:
                ctx = PaymentContext.build(self.store, live.snapshot_id, live.screener)
                found = self._payments = (live.snapshot_id, ctx)
        return found[1]

    def vessels(self, live: LoadedSnapshot) -> VesselRegistry:
        """The listed vessels of ``live`` by IMO, MMSI, call sign and names."""
        found = self._vessels
        if found is not None and found[0] == live.snapshot_id:
            return found[1]
        with self._lock:
            found = self._vessels
            if found is None or found[0] != live.snapshot_id:
                registry = VesselRegistry.build(self.store.entities(live.snapshot_id))
                found = self._vessels = (live.snapshot_id, registry)
        return found[1]

    def reference(self, today: date | None = None) -> Reference:
        """The maritime reference data in force today (re-read when the day changes)."""
        day = today or date.today()
        found = self._reference
        if found is None or found[0] != day:
            found = self._reference = (day, Reference.load(day))
        return found[1]

    def ownership(self, live: LoadedSnapshot, rules: list[RuleSet], as_of: date) -> OwnershipResult:
        """The latest ownership version analysed against ``live`` on ``as_of`` (cached: the
        few most recent (version, snapshot, day, jurisdictions) combinations)."""
        version = ownership_storage.current_version(self.store.engine)
        if version is None:
            raise NoOwnershipDataError(
                "no ownership data stored: load it with `sanctionguard ownership load FILE`"
            )
        key: OwnershipKey = (
            version,
            live.snapshot_id,
            as_of,
            tuple(r.jurisdiction.value for r in rules),
        )
        with self._ownership_lock:
            hit = self._ownership.get(key)
            if hit is not None:
                self._ownership.move_to_end(key)
                return hit
            # Built under the lock: a first analysis links parties, never twice at once.
            data = ownership_storage.load(self.store.engine, version)
            links = self._links(version, live, data)
            analysis = analyse(data, designations_from(links), rules, as_of)
            stored = StoredAnalysis(version, live.snapshot_id, data, links, analysis)
            result = OwnershipResult(stored, tuple(cautions(stored.analysis)))
            self._ownership[key] = result
            while len(self._ownership) > self.max_analyses:
                self._ownership.popitem(last=False)
            return result

    def _links(self, version: int, live: LoadedSnapshot, data: OwnershipData) -> list[Link]:
        """The stored links of (version, snapshot), else linked now with the live screener
        (as ``ownership.pipeline.ensure_links`` does, without compiling a second index)."""
        engine = self.store.engine
        stored = ownership_storage.load_links(engine, version, live.snapshot_id)
        if stored is not None:
            return stored
        settings = LinkSettings()
        links = link_parties(
            data.parties.values(), self.store, live.snapshot_id, live.screener, settings
        )
        recorded = {**asdict(settings), "names": True}
        ownership_storage.save_links(engine, version, live.snapshot_id, links, recorded)
        return links
