"""Request and response shapes of the domain endpoints: payments (``/screen/payment``),
maritime (``/screen/vessel``, ``/screen/shipment``, ``/ais/analyze``) and ownership
(``/ownership/...``). They document the OpenAPI description and validate JSON requests.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# -- payments ------------------------------------------------------------------------------


class PaymentFinding(BaseModel):
    rule: str = Field(..., examples=["S1"])
    severity: str = Field(..., examples=["critical"])
    reason: str
    field: str | None = None
    evidence: dict[str, Any] = Field(default_factory=dict)


class PaymentDecisionResponse(BaseModel):
    decision: str = Field(..., description="pass, hold or block", examples=["block"])
    message: str = Field(..., description="How reports name the message (source#reference).")
    format: str | None = Field(None, examples=["pacs.008.001.08"])
    reference: str | None = None
    uetr: str | None = None
    reasons: list[str] = Field(default_factory=list, description="Strongest first.")
    findings: list[PaymentFinding] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list, description="The rules evaluated.")
    snapshot_id: int | None = None
    recorded: bool = Field(False, description="Stored for the review page (?record=true).")


# -- maritime ------------------------------------------------------------------------------


class MaritimeFinding(BaseModel):
    rule: str = Field(..., examples=["M1"])
    title: str
    severity: str = Field(..., examples=["critical"])
    subject: str
    message: str
    source: str
    evidence: dict[str, Any] = Field(default_factory=dict)


class VesselRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    imo: str | None = Field(None, max_length=20, examples=["IMO 9179842"])
    mmsi: str | None = Field(None, max_length=20, examples=["273347320"])
    name: str | None = Field(None, max_length=200, examples=["Sam Jong 2"])
    call_sign: str | None = Field(None, max_length=20)
    flag: str | None = Field(None, max_length=60, description="ISO alpha-2 or a country name.")
    owners: list[Annotated[str, StringConstraints(max_length=200)]] = Field(
        default_factory=list,
        max_length=20,
        description="Owner, manager or operator names to screen (M17).",
    )


class VesselHitResponse(BaseModel):
    entity_id: str
    list_: str = Field(..., alias="list")
    source_id: str | None = None
    name: str
    imo: list[str] = Field(default_factory=list)
    matched_on: list[str] = Field(default_factory=list)
    listed_on: Any = None
    programs: list[str] = Field(default_factory=list)


class VesselResponse(BaseModel):
    snapshot: int
    imo: str | None = None
    imo_valid: bool | None = None
    mid_flag: str | None = Field(None, description="The flag the MMSI's MID gives.")
    hits: list[VesselHitResponse] = Field(default_factory=list)
    findings: list[MaritimeFinding] = Field(default_factory=list)


class ShipmentReportResponse(BaseModel):
    id: str
    where: str
    top_severity: str | None = None
    findings: list[MaritimeFinding] = Field(default_factory=list)


class ShipmentResponse(BaseModel):
    snapshot: int
    on: str = Field(..., description="The day the rules judged on (ISO date).")
    shipments: list[ShipmentReportResponse]


class AisEventResponse(BaseModel):
    model_config = ConfigDict(extra="allow")

    kind: str = Field(..., examples=["encounter"])
    rule: str = Field(..., examples=["M5"])
    mmsi: int
    other_mmsi: int | None = None
    start: int = Field(..., description="Epoch seconds.")
    end: int
    hours: float
    lat: float
    lon: float


class AisResponse(BaseModel):
    positions: int
    vessels: int
    rows_read: int
    notes: list[str] = Field(default_factory=list, description="What reading did to the input.")
    counts: dict[str, int] = Field(default_factory=dict, description="Events per kind.")
    events: list[AisEventResponse]


# -- ownership -----------------------------------------------------------------------------


class OwnershipStep(BaseModel):
    model_config = ConfigDict(extra="allow")


class OwnershipFinding(BaseModel):
    party_id: str
    caption: str
    jurisdiction: str = Field(..., examples=["ofac"])
    rule_id: str
    rule: str
    threshold: str
    status: str = Field(..., examples=["blocked"])
    share_low: float
    share_high: float
    as_of: str
    paths: list[list[OwnershipStep]] = Field(default_factory=list)
    explanation: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)


class OwnershipCaution(BaseModel):
    party_id: str
    caption: str
    jurisdiction: str
    rule_id: str
    message: str
    evidence: list[str] = Field(default_factory=list)


class OwnershipContext(BaseModel):
    version: int = Field(..., description="The ownership data version analysed.")
    snapshot: int
    as_of: str
    jurisdictions: list[str]


class OwnershipPartyResponse(OwnershipContext):
    party_id: str
    caption: str
    linked_entities: list[dict[str, Any]] = Field(
        default_factory=list, description="Listed entries this party is linked to."
    )
    statuses: list[OwnershipFinding]
    cautions: list[OwnershipCaution] = Field(default_factory=list)


class OwnershipFindingsResponse(OwnershipContext):
    total: int
    offset: int
    limit: int
    counts: dict[str, dict[str, int]] = Field(default_factory=dict)
    findings: list[OwnershipFinding]
