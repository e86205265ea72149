"""List snapshots and their diffs, one listed entity, and search over the current snapshot."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from sanctionguard.cases.views import User
from sanctionguard.errors import SanctionguardError, StoreError
from sanctionguard.match.types import MatchResult
from sanctionguard.match.types import Query as MatchQuery
from sanctionguard.model.countries import country_code
from sanctionguard.model.identifiers import Identifier, IdKind, make_identifier
from sanctionguard.store.diff import diff_snapshots
from sanctionguard.web import auth
from sanctionguard.web.entities import find_entity, neighbourhood
from sanctionguard.web.ownership import ownership_view
from sanctionguard.web.render import page

router = APIRouter()
Viewer = Annotated[User, Depends(auth.viewer)]
SCHEMAS = ("", "Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane")
MAX_DIFF_ROWS = 500


@router.get("/snapshots", response_class=HTMLResponse, name="snapshots")
def snapshots(request: Request, user: Viewer) -> HTMLResponse:
    items = list(reversed(auth.ui(request).store.snapshots()))
    return page(request, "snapshots.html", snapshots=items)


@router.get("/snapshots/{snap_id}", response_class=HTMLResponse, name="snapshot")
def snapshot(request: Request, user: Viewer, snap_id: int) -> HTMLResponse:
    info = auth.ui(request).store.snapshot(snap_id)
    return page(request, "snapshot.html", snap=info)


@router.get("/diff", response_class=HTMLResponse, name="diff")
def diff(
    request: Request,
    user: Viewer,
    old: Annotated[str, Query(max_length=40)] = "current~1",
    new: Annotated[str, Query(max_length=40)] = "current",
) -> HTMLResponse:
    store = auth.ui(request).store
    try:
        result = diff_snapshots(store, store.resolve(old), store.resolve(new))
    except StoreError as exc:
        return page(request, "diff.html", old=old, new=new, result=None, error=str(exc))
    return page(
        request, "diff.html", old=old, new=new, result=result, error=None, cap=MAX_DIFF_ROWS
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse, name="entity")
def entity_page(
    request: Request, user: Viewer, entity_id: str, snapshot: str = "current"
) -> HTMLResponse:
    store = auth.ui(request).store
    snap_id = store.resolve(snapshot)
    found = find_entity(store, snap_id, entity_id)
    if found is None:
        raise StoreError(f"no entity {entity_id!r} in snapshot {snap_id}")
    hood = neighbourhood(store, snap_id, found.record)
    owning = ownership_view(store, snap_id, entity_id, datetime.now(UTC).date())
    return page(
        request,
        "entity.html",
        entity=found,
        record=found.record,
        snap_id=snap_id,
        hood=hood,
        owning=owning,
    )


def _query(
    name: str, schema: str, birth_date: str, country: str, id_kind: str, id_value: str
) -> MatchQuery:
    code = country_code(country) if country.strip() else None
    if country.strip() and code is None:
        raise ValueError(f"country: {country.strip()!r} is not a country name or code")
    identifiers: tuple[Identifier, ...] = ()
    if id_value.strip():
        identifiers = (make_identifier(IdKind(id_kind or "other"), id_value.strip()),)
    return MatchQuery(
        names=(name.strip(),) if name.strip() else (),
        schema=schema or None,
        birth_dates=(birth_date.strip(),) if birth_date.strip() else (),
        countries=(code,) if code else (),
        identifiers=identifiers,
    )


@router.get("/search", response_class=HTMLResponse, name="search")
def search(
    request: Request,
    user: Viewer,
    name: Annotated[str, Query(max_length=300)] = "",
    schema: Annotated[str, Query(max_length=40)] = "",
    birth_date: Annotated[str, Query(max_length=20)] = "",
    country: Annotated[str, Query(max_length=40)] = "",
    id_kind: Annotated[str, Query(max_length=40)] = "",
    id_value: Annotated[str, Query(max_length=100)] = "",
    threshold: Annotated[float, Query(ge=0.0, le=1.0)] = 0.5,
) -> HTMLResponse:
    form = {
        "name": name,
        "schema": schema,
        "birth_date": birth_date,
        "country": country,
        "id_kind": id_kind,
        "id_value": id_value,
        "threshold": threshold,
    }
    results: list[MatchResult] | None = None
    error, snap_id = None, None
    if name.strip() or id_value.strip():
        try:
            query = _query(name, schema, birth_date, country, id_kind, id_value)
            snap_id, screener = auth.ui(request).screeners.current()
            limit = auth.ui(request).web.search_limit
            results = screener.match(query, threshold=threshold, limit=limit)
        except (SanctionguardError, ValueError) as exc:
            error = str(exc)
    return page(
        request,
        "search.html",
        form=form,
        results=results,
        error=error,
        snap_id=snap_id,
        schemas=SCHEMAS,
        id_kinds=[k.value for k in IdKind],
    )
