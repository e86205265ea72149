"""Vessel pages: search listed vessels by IMO, MMSI, call sign or name; one vessel's identity
history, screening findings, and (after an AIS upload) its track with the detected events."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse

from sanctionguard.cases.views import NotFoundError, User
from sanctionguard.maritime.detect import KINDS
from sanctionguard.maritime.reference.sets import Reference
from sanctionguard.maritime.registry import ListedVessel, VesselRegistry
from sanctionguard.maritime.trackmap import KIND_LABELS
from sanctionguard.web import auth
from sanctionguard.web.render import page
from sanctionguard.web.vessels import (
    MAX_UPLOAD_BYTES,
    SearchHit,
    Track,
    VesselCatalog,
    find_listed,
    findings,
    identity,
    search,
    track,
    utc,
)


def bounded_upload(request: Request) -> None:
    """Refuse an upload larger than the bound before its body is read."""
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        raise HTTPException(411, "Send the AIS file from the form on the vessel page.")
    if int(length) > MAX_UPLOAD_BYTES:
        limit = MAX_UPLOAD_BYTES // 1024
        raise HTTPException(413, f"The AIS file is too large: at most {limit} KiB per upload.")


router = APIRouter()
posts = APIRouter(dependencies=[Depends(bounded_upload), Depends(auth.check_csrf)])
Viewer = Annotated[User, Depends(auth.viewer)]


def _catalog(request: Request) -> VesselCatalog:
    # One catalog per app (like the UI's screener cache), made on first use.
    state = request.app.state
    if not isinstance(getattr(state, "vessel_catalog", None), VesselCatalog):
        state.vessel_catalog = VesselCatalog(auth.ui(request).store)
    catalog = state.vessel_catalog
    assert isinstance(catalog, VesselCatalog)
    return catalog


@router.get("/vessels", response_class=HTMLResponse, name="vessels")
def vessels(
    request: Request,
    user: Viewer,
    imo: Annotated[str, Query(max_length=20)] = "",
    mmsi: Annotated[str, Query(max_length=20)] = "",
    name: Annotated[str, Query(max_length=200)] = "",
    call_sign: Annotated[str, Query(max_length=20)] = "",
) -> HTMLResponse:
    form = {"imo": imo, "mmsi": mmsi, "name": name, "call_sign": call_sign}
    asked = {k: v.strip() for k, v in form.items()}
    hits: list[SearchHit] | None = None
    notes: list[str] = []
    snap_id: int | None = None
    if any(asked.values()):
        snap_id, registry = _catalog(request).current()
        hits, notes = search(
            registry, asked["imo"], asked["mmsi"], asked["name"], asked["call_sign"]
        )
    return page(request, "vessels.html", form=form, hits=hits, notes=notes, snap_id=snap_id)


def _vessel(request: Request, entity_id: str) -> tuple[int, VesselRegistry, ListedVessel]:
    snap_id, registry = _catalog(request).current()
    vessel = find_listed(registry, entity_id)
    if vessel is None:
        raise NotFoundError(f"no listed vessel {entity_id!r} in snapshot {snap_id}")
    return snap_id, registry, vessel


def _vessel_page(
    request: Request, entity_id: str, upload: Track | None, status_code: int = 200
) -> HTMLResponse:
    snap_id, registry, vessel = _vessel(request, entity_id)
    reference = Reference.load()
    return page(
        request,
        "vessel.html",
        status_code=status_code,
        snap_id=snap_id,
        who=identity(vessel, registry, reference),
        findings=findings(vessel, registry, reference),
        track=upload,
        kinds=KINDS,
        kind_labels=KIND_LABELS,
        max_kib=MAX_UPLOAD_BYTES // 1024,
        utc=utc,
    )


@router.get("/vessels/{entity_id}", response_class=HTMLResponse, name="vessel")
def vessel_page(request: Request, user: Viewer, entity_id: str) -> HTMLResponse:
    return _vessel_page(request, entity_id, None)


@posts.post("/vessels/{entity_id}/track", response_class=HTMLResponse, name="vessel_track")
def vessel_track(
    request: Request,
    user: Viewer,
    entity_id: str,
    positions: Annotated[UploadFile, File()],
    mmsi: Annotated[str, Form(max_length=20)] = "",
) -> HTMLResponse:
    """Draw the vessel's track from an uploaded AIS file (kept in memory, never stored)."""
    data = positions.file.read(MAX_UPLOAD_BYTES + 1)
    name = positions.filename or "upload"
    if not data:
        result = Track(name, error=f"{name}: the file is empty")
    elif len(data) > MAX_UPLOAD_BYTES:
        result = Track(name, error=f"{name}: larger than {MAX_UPLOAD_BYTES // 1024} KiB")
    else:
        _, _, vessel = _vessel(request, entity_id)
        result = track(data, name, vessel, mmsi, Reference.load())
    status = 400 if result.error else 200
    return _vessel_page(request, entity_id, result, status_code=status)


router.include_router(posts)
