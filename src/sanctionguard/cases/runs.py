"""Recorded screening runs: full and delta re-screens of the stored book, written atomically.

A run screens first (no transaction held while matching), then writes the run, one result
row per customer screened ("no hit" included), new or refreshed alerts, allowlist
suppressions, delisting flags and its audit row in one transaction: a crash leaves no run.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from sanctionguard.cases import audit, users
from sanctionguard.cases.book import CHUNK, active_records, latest_version
from sanctionguard.cases.prefilter import DeltaFilter
from sanctionguard.cases.screening import (
    CustomerOutcome,
    Hit,
    Item,
    Screened,
    chunk_size,
    filter_rows,
    screen_stored,
)
from sanctionguard.cases.tables import (
    alert,
    alert_event,
    allowlist_entry,
    customer,
    run_result,
    screening_run,
)
from sanctionguard.cases.views import CaseError, CustomerHit, NotFoundError, RunMode, RunSummary
from sanctionguard.match.screener import Screener
from sanctionguard.match.types import MatchSettings
from sanctionguard.model.entry import canonical_json
from sanctionguard.screen.delta import keys_index
from sanctionguard.store.snapshots import Store

Progress = Callable[[str, int, int], None]
OPEN_STATUSES = ("open", "in_review", "escalated")
EntityKey = tuple[str, str]


@dataclass
class _Plan:
    """What a run screens: the snapshot, the base it is compared with, and the entity keys."""

    mode: RunMode
    snapshot_id: int
    base_snapshot_id: int | None
    base_book_version: int | None
    book_version_id: int
    hashes: dict[EntityKey, str]
    delta_keys: list[EntityKey] = field(default_factory=list)
    removed: list[EntityKey] = field(default_factory=list)


@dataclass
class _Outcomes:
    screened: int = 0
    no_hit: dict[str, None] = field(default_factory=dict)  # an ordered set
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    candidates: int = 0  # customers that went through the full matcher

    def add(self, outcome: CustomerOutcome) -> None:
        self.screened += 1
        if outcome.error is not None:
            self.errors[outcome.customer_id] = outcome.error
        elif outcome.hits:
            have = self.hits.setdefault(outcome.customer_id, [])
            seen = {(h.list_name, h.entity_id) for h in have}
            have += [h for h in outcome.hits if (h.list_name, h.entity_id) not in seen]
        else:
            self.no_hit[outcome.customer_id] = None

    def add_chunk(self, done: Screened) -> None:
        if done.found:
            for outcome in done.outcomes():
                self.add(outcome)
        else:  # the common case, in bulk: a chunk of customers none of whom hit
            self.screened += len(done.customer_ids)
            self.no_hit.update(dict.fromkeys(done.customer_ids))


def _last_run(conn: sa.Connection) -> Any:
    return conn.execute(
        sa.select(screening_run).order_by(screening_run.c.id.desc()).limit(1)
    ).first()


def _plan(store: Store, conn: sa.Connection, mode: RunMode, since: int | None) -> _Plan:
    version = latest_version(conn)
    if version is None:
        raise CaseError("no customer book yet: import one with `sanctionguard book import FILE`")
    snap = store.resolve("current")
    last = _last_run(conn)
    hashes = store.entity_hashes(snap)
    if mode == "full" or (last is None and since is None):
        return _Plan("full", snap, None, None, version, hashes)
    base = store.resolve(since) if since is not None else last.snapshot_id
    before = store.entity_hashes(base) if base != snap else hashes
    # Customers imported since the last run still need a full screening; with an explicit
    # base snapshot the caller asks about list changes only.
    base_book = last.book_version_id if since is None else None
    plan = _Plan("delta", snap, base, base_book, version, hashes)
    plan.delta_keys = sorted(k for k, h in hashes.items() if before.get(k) != h)
    plan.removed = sorted(set(before) - set(hashes))
    return plan


def delta_screener(
    store: Store, plan: _Plan, settings: MatchSettings, rarity_from: Screener | None
) -> Screener:
    """A screener over just the added and changed entities, weighing tokens by the rarity of
    the whole lists (the given screener's index, else the table shipped with the package)."""
    rarity = rarity_from.index.rarity() if rarity_from is not None else None
    return Screener(keys_index(store, plan.snapshot_id, plan.delta_keys, rarity), settings)


def _changed_customers(conn: sa.Connection, since: int | None) -> list[Item]:
    """Customers added or changed by book versions after ``since`` (screened in full)."""
    if since is None:
        return []
    query = sa.select(customer.c.customer_id, customer.c.record).where(
        customer.c.active.is_(True), customer.c.book_version_id > since
    )
    return [(r[0], r[1]) for r in conn.execute(query)]


def run(
    store: Store,
    screener: Screener | None,
    actor: str,
    threshold: float,
    mode: RunMode,
    *,
    workers: int = 1,
    cache_dir: Any = None,
    progress: Progress | None = None,
    since: int | None = None,
) -> RunSummary:
    """Screen the book as one recorded run (see the module docstring)."""
    engine = store.engine
    started = datetime.now(UTC)
    settings = MatchSettings(threshold=threshold)
    outcomes = _Outcomes()
    with engine.connect() as conn:
        users.require(conn, actor, "analyst", system_ok=True)
        plan = _plan(store, conn, mode, since)
        changed_customers = _changed_customers(conn, plan.base_book_version)
        total = conn.execute(
            sa.select(sa.func.count()).select_from(customer).where(customer.c.active.is_(True))
        ).scalar_one()

        def tick(label: str) -> Callable[[int], None]:
            done = [0]

            def step(n: int) -> None:
                done[0] += n
                if progress is not None:
                    progress(label, done[0], total)

            return step

        full: Screener | None = screener
        if plan.mode == "full" or changed_customers:
            full = screener or Screener.from_store(
                store, plan.snapshot_id, settings, cache_dir=cache_dir
            )
        if plan.mode == "full":
            assert full is not None
            size = chunk_size(total, workers)
            for done in screen_stored(
                full, active_records(conn), threshold, workers, tick("screening"), size
            ):
                outcomes.add_chunk(done)
        else:
            if plan.delta_keys:
                small = delta_screener(store, plan, settings, screener)
                candidates = _prefiltered(small, conn, outcomes, tick("filter"), workers)
                outcomes.candidates = len(candidates)
                size = chunk_size(len(candidates), workers)
                for done in screen_stored(
                    small, candidates, threshold, workers, tick("delta"), size
                ):
                    outcomes.add_chunk(done)
            if changed_customers:
                assert full is not None
                for done in screen_stored(full, changed_customers, threshold, 1):
                    for o in done.outcomes():
                        _merge(outcomes, o)
    entities = len(plan.hashes) if plan.mode == "full" else len(plan.delta_keys)
    return _write(store, plan, actor, threshold, started, outcomes, entities, progress)


def _prefiltered(
    small: Screener,
    conn: sa.Connection,
    outcomes: _Outcomes,
    step: Callable[[int], None],
    workers: int,
) -> list[Item]:
    """The customers that may match a changed entity; the others are recorded as no hit.
    Records are decoded only for the candidates (in the workers screening them) and the few
    the filter must look into."""
    keys = DeltaFilter.from_index(small.index)
    kept: list[Item] = []
    query = (
        sa.select(
            customer.c.customer_id, customer.c.name, customer.c.record, customer.c.content_hash
        )
        .where(customer.c.active.is_(True))
        .execution_options(yield_per=20000)
    )
    rows = ((r[0], r[1], r[2], r[3]) for r in conn.execute(query))
    for n, ((cid, _, text, _), wanted) in enumerate(
        filter_rows(keys.may_match_stored, rows, workers), start=1
    ):
        if wanted:
            kept.append((cid, text))
        else:
            outcomes.screened += 1
            outcomes.no_hit[cid] = None
        if n % 50_000 == 0:
            step(50_000)
    return kept


def _merge(outcomes: _Outcomes, o: CustomerOutcome) -> None:
    """Fold a changed customer's full screening into the delta's outcomes (counted once)."""
    cid = o.customer_id
    if cid in outcomes.no_hit:
        del outcomes.no_hit[cid]
        outcomes.screened -= 1
    elif cid in outcomes.hits or cid in outcomes.errors:
        outcomes.screened -= 1
    outcomes.add(o)


# -- writing -------------------------------------------------------------------------------


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _write(
    store: Store,
    plan: _Plan,
    actor: str,
    threshold: float,
    started: datetime,
    outcomes: _Outcomes,
    entities: int,
    progress: Progress | None,
) -> RunSummary:
    counts = {
        "customers": outcomes.screened,
        "entities": entities,
        "no_hit": len(outcomes.no_hit),
        "hits": sum(len(h) for h in outcomes.hits.values()),
        "new_alerts": 0,
        "suppressed": 0,
        "delisted": 0,
        "errors": len(outcomes.errors),
        "candidates": outcomes.candidates if plan.mode == "delta" else outcomes.screened,
    }
    with store.engine.begin() as conn:
        key = conn.execute(
            screening_run.insert().values(
                mode=plan.mode,
                actor=actor,
                started_at=started,
                finished_at=datetime.now(UTC),
                snapshot_id=plan.snapshot_id,
                base_snapshot_id=plan.base_snapshot_id,
                threshold=threshold,
                book_version_id=plan.book_version_id,
                counts="{}",
            )
        ).inserted_primary_key
        assert key is not None
        run_id = int(key[0])
        suppressed_customers = _alerts(conn, run_id, plan, outcomes, counts)
        _results(conn, run_id, outcomes, suppressed_customers, progress)
        counts["delisted"] = _delist(conn, run_id, plan.removed)
        finished = datetime.now(UTC)
        conn.execute(
            screening_run.update()
            .where(screening_run.c.id == run_id)
            .values(counts=canonical_json(counts), finished_at=finished)
        )
        audit.append(
            conn,
            actor,
            "run.record",
            "run",
            run_id,
            None,
            {"mode": plan.mode, "snapshot_id": plan.snapshot_id, "threshold": threshold, **counts},
        )
    return summary_of(store.engine, run_id)


def _results(
    conn: sa.Connection,
    run_id: int,
    outcomes: _Outcomes,
    suppressed: set[str],
    progress: Progress | None,
) -> None:
    rows: list[dict[str, Any]] = [
        {"run_id": run_id, "customer_id": c, "outcome": "no_hit", "hits": 0, "detail": None}
        for c in outcomes.no_hit
    ]
    rows += [
        {
            "run_id": run_id,
            "customer_id": c,
            "outcome": "suppressed" if c in suppressed else "hit",
            "hits": len(hits),
            "detail": ", ".join(f"{h.list_name}:{h.entity_id}" for h in hits)[:2000],
        }
        for c, hits in outcomes.hits.items()
    ]
    rows += [
        {"run_id": run_id, "customer_id": c, "outcome": "error", "hits": 0, "detail": e[:2000]}
        for c, e in outcomes.errors.items()
    ]
    done = 0
    for chunk in _chunks(rows):
        conn.execute(run_result.insert(), chunk)
        done += len(chunk)
        if progress is not None:
            progress("recording", done, len(rows))


def _customer_rows(conn: sa.Connection, ids: list[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for chunk in _chunks(ids):
        for r in conn.execute(sa.select(customer).where(customer.c.customer_id.in_(chunk))):
            found[r.customer_id] = r
    return found


def _pair_rows(
    conn: sa.Connection, table: sa.Table, ids: list[str]
) -> dict[tuple[str, str, str], list[Any]]:
    found: dict[tuple[str, str, str], list[Any]] = {}
    for chunk in _chunks(ids):
        query = sa.select(table).where(table.c.customer_id.in_(chunk)).order_by(table.c.id)
        for r in conn.execute(query):
            found.setdefault((r.customer_id, r.list_name, r.entity_id), []).append(r)
    return found


def _valid_allow(entries: list[Any], c_hash: str, e_hash: str, now: datetime) -> Any:
    for e in reversed(entries):
        expires = e.expires_at
        if expires is not None and expires.tzinfo is None:
            expires = expires.replace(tzinfo=UTC)
        if (
            e.active
            and e.customer_hash == c_hash
            and e.entity_hash == e_hash
            and (expires is None or expires > now)
        ):
            return e
    return None


def _alerts(
    conn: sa.Connection, run_id: int, plan: _Plan, outcomes: _Outcomes, counts: dict[str, int]
) -> set[str]:
    """Raise, refresh or suppress alerts for the run's hits; the fully suppressed customers."""
    ids = sorted(outcomes.hits)
    customers = _customer_rows(conn, ids)
    existing = _pair_rows(conn, alert, ids)
    allows = _pair_rows(conn, allowlist_entry, ids)
    now = datetime.now(UTC)
    suppressed_only: set[str] = set()
    refreshed: list[int] = []
    raised: list[tuple[dict[str, Any], str]] = []  # alert row, text of its "raised" event
    for cid in ids:
        row = customers[cid]
        all_suppressed = True
        for hit in outcomes.hits[cid]:
            pair = (cid, hit.list_name, hit.entity_id)
            e_hash = plan.hashes.get((hit.list_name, hit.entity_id), "")
            allow = _valid_allow(allows.get(pair, []), row.content_hash, e_hash, now)
            latest = existing.get(pair, [None])[-1]
            if allow is not None:
                counts["suppressed"] += 1
                if (
                    latest is not None
                    and latest.status == "suppressed"
                    and latest.suppressed_by == allow.id
                ):
                    refreshed.append(latest.id)
                else:
                    raised.append(_raised(run_id, plan, row, hit, e_hash, now, allow.id))
                continue
            all_suppressed = False
            if _still_alerted(latest, row.content_hash, e_hash):
                refreshed.append(latest.id)
            else:
                counts["new_alerts"] += 1
                raised.append(_raised(run_id, plan, row, hit, e_hash, now, None))
        if all_suppressed:
            suppressed_only.add(cid)
    _refresh(conn, refreshed, run_id)
    _raise(conn, run_id, raised, now)
    return suppressed_only


def _still_alerted(latest: Any, c_hash: str, e_hash: str) -> bool:
    """Whether a hit belongs to an alert already raised: one still being worked, or a true
    match confirmed for the same customer and entity content."""
    if latest is None:
        return False
    if latest.status in OPEN_STATUSES:
        return True
    return bool(
        latest.outcome == "true_match"
        and latest.customer_hash == c_hash
        and latest.entity_hash == e_hash
    )


def _refresh(conn: sa.Connection, alert_ids: list[int], run_id: int) -> None:
    """Mark alerts as seen again by this run, in bulk."""
    query = alert.update().where(alert.c.id == sa.bindparam("alert_id"))
    for chunk in _chunks(alert_ids):
        conn.execute(
            query.values(last_run_id=run_id), [{"alert_id": alert_id} for alert_id in chunk]
        )


def _raised(
    run_id: int,
    plan: _Plan,
    row: Any,
    hit: Hit,
    e_hash: str,
    now: datetime,
    allow_id: int | None,
) -> tuple[dict[str, Any], str]:
    """A new alert's row (open, or suppressed by an allowlist entry) and its event's text."""
    values = {
        "run_id": run_id,
        "last_run_id": run_id,
        "snapshot_id": plan.snapshot_id,
        "customer_id": row.customer_id,
        "customer_name": row.name,
        "customer_hash": row.content_hash,
        "customer_record": row.record,
        "list_name": hit.list_name,
        "entity_id": hit.entity_id,
        "entity_hash": e_hash,
        "entity_record": hit.record,
        "caption": hit.caption,
        "schema": hit.schema,
        "lists": json.dumps(list(hit.lists)),
        "source_ids": json.dumps(list(hit.source_ids)),
        "score": hit.score,
        "explanation": hit.explanation,
        "status": "open" if allow_id is None else "suppressed",
        "outcome": None,
        "assignee": None,
        "created_at": now,
        "updated_at": now,
        "delisted": False,
        "suppressed_by": allow_id,
    }
    text = f"raised by run {run_id} with score {hit.score:.2f}"
    if allow_id is not None:
        text = f"suppressed by allowlist entry {allow_id} in run {run_id} (score {hit.score:.2f})"
    return values, text


def _raise(
    conn: sa.Connection, run_id: int, raised: list[tuple[dict[str, Any], str]], now: datetime
) -> None:
    """Insert new alerts and their "raised" events, in bulk (ids in the order given)."""
    insert = alert.insert().returning(alert.c.id, sort_by_parameter_order=True)
    for chunk in _chunks(raised):
        keys = conn.execute(insert, [values for values, _ in chunk]).scalars().all()
        events = [
            {
                "alert_id": int(key),
                "at": now,
                "actor": f"run:{run_id}",
                "kind": "raised",
                "text": text,
                "data": "{}",
            }
            for key, (_, text) in zip(keys, chunk, strict=True)
        ]
        conn.execute(alert_event.insert(), events)


def _delist(conn: sa.Connection, run_id: int, removed: Iterable[EntityKey]) -> int:
    """Flag the alerts of entities that left the lists; the number flagged."""
    flagged = 0
    now = datetime.now(UTC)
    for list_name, entity_id in removed:
        ids = (
            conn.execute(
                sa.select(alert.c.id).where(
                    alert.c.list_name == list_name,
                    alert.c.entity_id == entity_id,
                    alert.c.delisted.is_(False),
                )
            )
            .scalars()
            .all()
        )
        for alert_id in ids:
            conn.execute(
                alert.update().where(alert.c.id == alert_id).values(delisted=True, updated_at=now)
            )
            conn.execute(
                alert_event.insert().values(
                    alert_id=alert_id,
                    at=now,
                    actor=f"run:{run_id}",
                    kind="delisted",
                    text=f"{list_name} {entity_id} is no longer listed (run {run_id})",
                    data="{}",
                )
            )
            flagged += 1
    return flagged


# -- reading -------------------------------------------------------------------------------


def _summary(r: Any) -> RunSummary:
    counts = json.loads(r.counts)
    return RunSummary(
        id=r.id,
        mode=r.mode,
        actor=r.actor,
        started_at=r.started_at,
        finished_at=r.finished_at,
        snapshot_id=r.snapshot_id,
        base_snapshot_id=r.base_snapshot_id,
        threshold=r.threshold,
        book_version_id=r.book_version_id,
        customers=counts["customers"],
        entities=counts["entities"],
        no_hit=counts["no_hit"],
        hits=counts["hits"],
        new_alerts=counts["new_alerts"],
        suppressed=counts["suppressed"],
        delisted=counts["delisted"],
        errors=counts["errors"],
        candidates=counts.get("candidates", counts["customers"]),
    )


def summary_of(engine: sa.Engine, run_id: int) -> RunSummary:
    with engine.connect() as conn:
        r = conn.execute(sa.select(screening_run).where(screening_run.c.id == run_id)).first()
    if r is None:
        raise NotFoundError(f"no screening run {run_id}")
    return _summary(r)


def summaries(engine: sa.Engine, limit: int) -> list[RunSummary]:
    with engine.connect() as conn:
        query = sa.select(screening_run).order_by(screening_run.c.id.desc()).limit(limit)
        return [_summary(r) for r in conn.execute(query)]


def results(
    engine: sa.Engine, run_id: int, outcome: str | None, limit: int | None, offset: int
) -> list[CustomerHit]:
    query = (
        sa.select(run_result)
        .where(run_result.c.run_id == run_id)
        .order_by(run_result.c.customer_id)
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    if outcome is not None:
        query = query.where(run_result.c.outcome == outcome)
    with engine.connect() as conn:
        return [
            CustomerHit(r.run_id, r.customer_id, r.outcome, r.hits, r.detail)
            for r in conn.execute(query)
        ]
