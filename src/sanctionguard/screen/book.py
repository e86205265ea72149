"""Reading a customer book: one record per row, with typed identifiers, clear errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sanctionguard.errors import ListFormatError
from sanctionguard.model.dates import parse_date
from sanctionguard.model.identifiers import Identifier, IdKind, make_identifier
from sanctionguard.sources.base import Limits
from sanctionguard.sources.textio import cell, csv_dicts, read_text

# Book columns that hold identifiers, and their kind.
ID_COLUMNS = {
    "imo": IdKind.IMO,
    "mmsi": IdKind.MMSI,
    "inn": IdKind.INN,
    "ogrn": IdKind.OGRN,
    "bic": IdKind.BIC,
    "lei": IdKind.LEI,
    "passport": IdKind.PASSPORT,
    "national_id": IdKind.NATIONAL_ID,
    "tax_id": IdKind.TAX_ID,
    "registration": IdKind.REGISTRATION,
    "wallet": IdKind.CRYPTO_WALLET,
}

SCHEMAS = {
    "person": "Person",
    "individual": "Person",
    "company": "Organization",
    "organization": "Organization",
    "entity": "Organization",
    "bank": "Organization",
    "vessel": "Vessel",
    "ship": "Vessel",
    "aircraft": "Airplane",
}


@dataclass(frozen=True)
class Customer:
    """One record of a customer book."""

    id: str
    name: str
    schema: str | None
    country: str | None = None
    birth_date: str | None = None
    identifiers: list[Identifier] = field(default_factory=list)
    line: int = 0


def _identifiers(row: dict[str, str]) -> list[Identifier]:
    found = []
    for column, kind in ID_COLUMNS.items():
        value = cell(row.get(column))
        if value:
            found.append(make_identifier(kind, value))
    return found


def read_book(path: Path, limits: Limits | None = None) -> list[Customer]:
    """Customers from a CSV with at least ``id`` and ``name`` columns."""
    text = read_text(path, limits or Limits())
    customers = []
    for line, row in csv_dicts(text, path, required=("id", "name")):
        cid, name = cell(row.get("id")), cell(row.get("name"))
        if not cid:
            raise ListFormatError(path, "empty id", line=line)
        if not name:
            raise ListFormatError(path, f"customer {cid!r} has no name", line=line)
        kind = (cell(row.get("type")) or "").lower()
        customers.append(
            Customer(
                id=cid,
                name=name,
                schema=SCHEMAS.get(kind),
                country=cell(row.get("country")),
                birth_date=parse_date(cell(row.get("birth_date"))),
                identifiers=_identifiers(row),
                line=line,
            )
        )
    return customers
