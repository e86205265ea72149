"""Request and response shapes: yente's (``/match``, ``/search``, ``/entities``, ``/catalog``,
``/algorithms``) field for field, and our own (``/screen``, ``/lists``, errors).

Responses on the hot path are serialised directly with orjson; these models document them in
the OpenAPI description and validate requests.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Union

from pydantic import BaseModel, ConfigDict, Field

EntityProperties = dict[str, list[Union[str, "EntityResponse"]]]


class ErrorResponse(BaseModel):
    detail: str = Field(..., examples=["Detailed error message"])


class StatusResponse(BaseModel):
    status: str = "ok"


class EntityResponse(BaseModel):
    id: str = Field(..., examples=["us-ofac-sdn-12345"])
    caption: str = Field(..., examples=["John Doe"])
    schema_: str = Field(..., alias="schema", examples=["Person"])
    properties: EntityProperties = Field(..., examples=[{"name": ["John Doe"]}])
    datasets: list[str] = Field(default_factory=list, examples=[["us_ofac_sdn"]])
    referents: list[str] = Field(default_factory=list)
    target: bool = False
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    last_change: datetime | None = None


EntityResponse.model_rebuild()


class FeatureExplanation(BaseModel):
    score: float
    detail: str | None = None
    query: str | None = None
    candidate: str | None = None
    weight: float | None = None


class ScoredEntityResponse(EntityResponse):
    score: float = Field(..., ge=0, le=1)
    match: bool = Field(..., description="Whether the score is at or above the threshold.")
    features: dict[str, float] = Field(
        default_factory=dict, description="Each feature's value (yente's older field)."
    )
    explanations: dict[str, FeatureExplanation] = Field(
        default_factory=dict, description="Per feature: value, weight and a readable reason."
    )


class TotalSpec(BaseModel):
    value: int
    relation: str = "eq"


class EntityExample(BaseModel):
    id: str | None = Field(None, examples=["my-entity-id"])
    schema_: str = Field(..., alias="schema", examples=["Person"])
    properties: dict[str, str | list[Any]] = Field(..., examples=[{"name": ["John Doe"]}])


class EntityMatchQuery(BaseModel):
    queries: dict[str, EntityExample]
    weights: dict[str, float] = Field(
        default_factory=dict, description="Accepted for yente compatibility; not applied."
    )
    config: dict[str, str | int | float | bool | None] = Field(
        default_factory=dict, description="Accepted for yente compatibility; not applied."
    )


class EntityMatches(BaseModel):
    status: int = 200
    results: list[ScoredEntityResponse]
    total: TotalSpec
    query: EntityExample


class FeatureDoc(BaseModel):
    description: str
    coefficient: float
    url: str | None = None


class EntityMatchResponse(BaseModel):
    responses: dict[str, EntityMatches]
    matcher: dict[str, FeatureDoc]
    limit: int


class SearchFacetItem(BaseModel):
    name: str
    label: str
    count: int


class SearchFacet(BaseModel):
    label: str
    values: list[SearchFacetItem]


class SearchResponse(BaseModel):
    results: list[EntityResponse]
    facets: dict[str, SearchFacet]
    total: TotalSpec
    limit: int
    offset: int


class DatasetModel(BaseModel):
    name: str
    title: str
    summary: str | None = None
    url: str | None = None
    load: bool = True
    entities_url: str | None = None
    version: str
    index_version: str | None = None
    index_current: bool = True
    children: list[str] = Field(default_factory=list)
    entity_count: int | None = None
    updated_at: datetime | None = None


class DataCatalogModel(BaseModel):
    datasets: list[DatasetModel]
    current: list[str]
    outdated: list[str]
    index_stale: bool = False


class AlgorithmModel(BaseModel):
    name: str
    description: str | None = None
    features: dict[str, FeatureDoc]
    docs: dict[str, Any] = Field(default_factory=dict)


class AlgorithmResponse(BaseModel):
    algorithms: list[AlgorithmModel]
    default: str
    best: str


# -- our own shapes ---------------------------------------------------------------------------


class ScreenRecord(BaseModel):
    """One record in sanctionguard's shape (the fields of a customer book row)."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, max_length=200)
    name: list[str] = Field(default_factory=list, examples=[["Mohsen Hojati"]])
    schema_: str | None = Field(None, alias="schema", examples=["Person"])
    birth_date: list[str] = Field(default_factory=list, examples=[["1955"]])
    country: list[str] = Field(default_factory=list, examples=[["ir"]])
    gender: str | None = None
    imo: list[str] = Field(default_factory=list)
    mmsi: list[str] = Field(default_factory=list)
    bic: list[str] = Field(default_factory=list)
    lei: list[str] = Field(default_factory=list)
    inn: list[str] = Field(default_factory=list)
    ogrn: list[str] = Field(default_factory=list)
    passport: list[str] = Field(default_factory=list)
    national_id: list[str] = Field(default_factory=list)
    tax_id: list[str] = Field(default_factory=list)
    registration: list[str] = Field(default_factory=list)
    wallet: list[str] = Field(default_factory=list)


class ScreenFeature(BaseModel):
    name: str
    value: float
    weight: float
    reason: str


class ScreenHit(BaseModel):
    entity_id: str
    caption: str
    schema_: str = Field(..., alias="schema")
    score: float
    match: bool
    lists: list[str]
    source_ids: list[str]
    features: list[ScreenFeature]
    name: dict[str, Any] | None


class ScreenResponse(BaseModel):
    snapshot: int
    query: dict[str, Any]
    threshold: float
    results: list[ScreenHit]


class SourceModel(BaseModel):
    list_name: str
    title: str
    authority: str
    format: str
    published: str | None
    loaded_at: datetime
    entity_count: int


class SnapshotModel(BaseModel):
    id: int
    created_at: datetime
    parent_id: int | None
    note: str | None
    current: bool
    live: bool = Field(..., description="Whether this process serves this snapshot now.")
    entity_count: int
    sources: list[SourceModel]


class ListsResponse(BaseModel):
    snapshots: list[SnapshotModel]


class EntityRefModel(BaseModel):
    list_name: str
    entity_id: str
    schema_: str = Field(..., alias="schema")
    caption: str


class FieldChangeModel(BaseModel):
    field: str
    removed: list[str]
    added: list[str]


class EntityChangeModel(BaseModel):
    entity: EntityRefModel
    changes: list[FieldChangeModel]


class DiffResponse(BaseModel):
    old: int
    new: int
    added: list[EntityRefModel]
    removed: list[EntityRefModel]
    changed: list[EntityChangeModel]
