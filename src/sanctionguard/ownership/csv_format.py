"""The documented ownership CSV: one row per relation (see docs/ownership.md).

Columns (header required, any order, case-insensitive): ``owner``, ``owned`` (ids, required);
``kind`` (ownership, control, directorship, family, associate; default ownership); ``share``
("50", "50%", "25-50", ">25") or ``share_min``/``share_max``; ``role``; ``start``, ``end``;
``source``; per side ``<side>_name``, ``_schema``, ``_country``, ``_lei``, ``_inn``,
``_ogrn``, ``_registration``, ``_tax_id`` where ``<side>`` is ``owner`` or ``owned``.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sanctionguard.errors import ListFormatError
from sanctionguard.model.identifiers import IdKind, make_identifier
from sanctionguard.ownership.model import EdgeKind, OwnershipData, OwnershipEdge, Party
from sanctionguard.ownership.shares import bounded_share, edge_dates, parse_float, parse_share

ID_COLUMNS = {
    "lei": IdKind.LEI,
    "inn": IdKind.INN,
    "ogrn": IdKind.OGRN,
    "registration": IdKind.REGISTRATION,
    "tax_id": IdKind.TAX_ID,
}
REQUIRED = ("owner", "owned")


def looks_like_csv(head: str) -> bool:
    first = head.splitlines()[0].lower() if head else ""
    cells = {c.strip() for c in first.split(",")}
    return all(c in cells for c in REQUIRED)


def read_csv(path: Path) -> OwnershipData:
    """Parties and edges of an ownership CSV; bad cells are located errors, never lost rows."""
    data = OwnershipData(files=[str(path)])
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        fields = [f.strip().lower() for f in reader.fieldnames or []]
        missing = [c for c in REQUIRED if c not in fields]
        if missing:
            raise ListFormatError(path, f"missing column(s) {', '.join(missing)}", line=1)
        reader.fieldnames = fields
        for row in reader:
            location = f"{path.name}:{reader.line_num}"
            _read_row(data, location, path.name, {k: (v or "").strip() for k, v in row.items()})
    return data


def _party(row: dict[str, str], side: str, source: str) -> Party:
    identifiers = []
    for column, kind in ID_COLUMNS.items():
        value = row.get(f"{side}_{column}", "")
        if value:
            identifiers.append((kind.value, make_identifier(kind, value).value))
    name = row.get(f"{side}_name", "")
    return Party(
        id=row[side],
        names=(name,) if name else (),
        schema=row.get(f"{side}_schema") or "LegalEntity",
        country=row.get(f"{side}_country") or None,
        identifiers=tuple(identifiers),
        source=source,
    )


def _kind(data: OwnershipData, location: str, text: str) -> EdgeKind:
    if not text:
        return EdgeKind.OWNERSHIP
    try:
        return EdgeKind(text.lower())
    except ValueError:
        data.error(location, f"unknown kind {text!r}; read as ownership with the share given")
        return EdgeKind.OWNERSHIP


def _read_row(data: OwnershipData, location: str, file_name: str, row: dict[str, str]) -> None:
    if not row.get("owner") or not row.get("owned"):
        data.error(location, "row without owner or owned id; skipped")
        return
    source = row.get("source") or file_name
    for side in REQUIRED:
        data.add_party(_party(row, side, source))
    if row.get("share"):
        share = parse_share(data, location, row["share"])
    else:
        low = parse_float(data, location, "share_min", row.get("share_min"))
        high = parse_float(data, location, "share_max", row.get("share_max"))
        share = bounded_share(data, location, low, high)
    start, end, dates_known = edge_dates(data, location, row.get("start"), row.get("end"))
    data.edges.append(
        OwnershipEdge(
            id=f"{file_name}:{location.rsplit(':', 1)[1]}",
            owner=row["owner"],
            owned=row["owned"],
            kind=_kind(data, location, row.get("kind", "")),
            share=share,
            role=row.get("role", ""),
            start=start,
            end=end,
            dates_known=dates_known,
            source=source,
            location=location,
        )
    )
