"""Beneficial Ownership Data Standard statements (BODS 0.2/0.3 statements, 0.4 records).

Entity and person statements become parties; each interest of an ownership-or-control
statement becomes an edge: shareholdings are ownership with the share's exact / minimum /
maximum / exclusive bounds, voting rights and board appointment are control, officer roles are
directorships. An unspecified interested party becomes an *unknown* party: it cannot be
screened, so nothing it may own can be "not blocked".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sanctionguard.model.identifiers import IdKind, make_identifier
from sanctionguard.ownership.model import EdgeKind, OwnershipData, OwnershipEdge, Party, ShareRange
from sanctionguard.ownership.shares import bounded_share, edge_dates, parse_float

UNKNOWN_SCHEMA = "Unknown"
CONTROL_INTERESTS = frozenset(
    {
        "voting-rights",
        "appointment-of-board",
        "other-influence-or-control",
        "significant-influence-or-control",
        "control-via-company-rules-or-articles",
        "control-by-legal-framework",
        "nominator",
    }
)
OFFICER_INTERESTS = frozenset({"board-member", "board-chair", "senior-managing-official"})


def looks_like_bods(head: str) -> bool:
    return '"statementType"' in head or ('"recordType"' in head and '"recordDetails"' in head)


def read_bods(path: Path) -> OwnershipData:
    """Parties and edges from a BODS JSON array or JSON lines file."""
    data = OwnershipData(files=[str(path)])
    for location, statement in _statements(data, path):
        _read_statement(data, location, path.name, statement)
    return data


def _statements(data: OwnershipData, path: Path) -> list[tuple[str, dict[str, Any]]]:
    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            data.error(f"{path.name}:{exc.lineno}", f"not JSON ({exc.msg}); file skipped")
            return []
        return [(f"{path.name}[{i}]", s) for i, s in enumerate(items) if isinstance(s, dict)]
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            found.append((f"{path.name}:{number}", json.loads(line)))
        except json.JSONDecodeError as exc:
            data.error(f"{path.name}:{number}", f"not JSON ({exc.msg}); line skipped")
    return found


def _read_statement(
    data: OwnershipData, location: str, file_name: str, statement: dict[str, Any]
) -> None:
    kind = statement.get("statementType") or statement.get("recordType")
    details = statement.get("recordDetails") or statement
    statement_id = str(statement.get("recordId") or statement.get("statementID") or location)
    if kind in ("entityStatement", "entity", "personStatement", "person"):
        data.add_party(_party(statement_id, kind, details, file_name))
    elif kind in ("ownershipOrControlStatement", "relationship"):
        _read_relationship(data, location, statement_id, details, file_name)
    else:
        data.warn(location, f"unknown statement type {kind!r}; skipped")


def _party(statement_id: str, kind: str, details: dict[str, Any], source: str) -> Party:
    person = kind.startswith("person")
    if person:
        names = [n.get("fullName", "") for n in details.get("names") or [] if isinstance(n, dict)]
        countries = [c.get("code") for c in details.get("nationalities") or []]
    else:
        names = [details.get("name") or ""]
        names += [n for n in details.get("alternateNames") or [] if isinstance(n, str)]
        countries = [(details.get("incorporatedInJurisdiction") or {}).get("code")]
        countries += [(details.get("jurisdiction") or {}).get("code")]
    return Party(
        id=statement_id,
        names=tuple(n for n in dict.fromkeys(names) if n),
        schema="Person" if person else "LegalEntity",
        country=next((c for c in countries if c), None),
        identifiers=tuple(_identifiers(details.get("identifiers") or [])),
        source=source,
    )


def _identifiers(items: list[Any]) -> list[tuple[str, str]]:
    found = []
    for item in items:
        if not isinstance(item, dict) or not item.get("id"):
            continue
        scheme = str(item.get("scheme") or item.get("schemeName") or "").upper()
        if "LEI" in scheme:
            kind = IdKind.LEI
        elif "OGRN" in scheme:
            kind = IdKind.OGRN
        elif "INN" in scheme:
            kind = IdKind.INN
        else:
            kind = IdKind.REGISTRATION
        found.append((kind.value, make_identifier(kind, str(item["id"])).value))
    return found


def _ref(side: Any, *keys: str) -> str | None:
    if isinstance(side, str):
        return side
    if isinstance(side, dict):
        for key in keys:
            if side.get(key):
                return str(side[key])
    return None


def _read_relationship(
    data: OwnershipData, location: str, statement_id: str, details: dict[str, Any], source: str
) -> None:
    subject = _ref(details.get("subject"), "describedByEntityStatement")
    party = details.get("interestedParty")
    owner = _ref(party, "describedByPersonStatement", "describedByEntityStatement")
    if subject is None:
        data.error(location, f"statement {statement_id} has no subject; skipped")
        return
    if owner is None:
        owner = f"unspecified:{statement_id}"
        reason = (party or {}).get("unspecified", {}) if isinstance(party, dict) else {}
        data.add_party(Party(id=owner, schema=UNKNOWN_SCHEMA, source=source))
        data.warn(
            location,
            f"interested party of {subject} unspecified ({reason.get('reason', 'no reason')}); "
            "it cannot be screened",
        )
    for number, interest in enumerate(details.get("interests") or [{}]):
        if isinstance(interest, dict):
            where = f"{location} interest {number}"
            data.edges.append(
                _edge(data, where, f"{statement_id}/{number}", owner, subject, interest, source)
            )


def _interest_kind(kind: str) -> EdgeKind:
    if kind == "shareholding":
        return EdgeKind.OWNERSHIP
    if kind in CONTROL_INTERESTS:
        return EdgeKind.CONTROL
    if kind in OFFICER_INTERESTS:
        return EdgeKind.DIRECTORSHIP
    return EdgeKind.ASSOCIATE


def _edge(
    data: OwnershipData,
    location: str,
    edge_id: str,
    owner: str,
    owned: str,
    interest: dict[str, Any],
    source: str,
) -> OwnershipEdge:
    interest_type = str(interest.get("type") or "shareholding")
    share_data = interest.get("share") if isinstance(interest.get("share"), dict) else {}
    assert isinstance(share_data, dict)
    share = ShareRange.unknown()
    exact = parse_float(data, location, "share.exact", share_data.get("exact"))
    if exact is not None:
        share = bounded_share(data, location, exact, exact)
    elif share_data:
        low_ex = parse_float(
            data, location, "share.exclusiveMinimum", share_data.get("exclusiveMinimum")
        )
        high_ex = parse_float(
            data, location, "share.exclusiveMaximum", share_data.get("exclusiveMaximum")
        )
        low = parse_float(data, location, "share.minimum", share_data.get("minimum"))
        high = parse_float(data, location, "share.maximum", share_data.get("maximum"))
        share = bounded_share(
            data,
            location,
            low if low is not None else low_ex,
            high if high is not None else high_ex,
            low_exclusive=low is None and low_ex is not None,
            high_exclusive=high is None and high_ex is not None,
        )
    if interest.get("interestLevel") == "indirect" and share.known:
        # An indirect share is held through intermediaries that may also be in the data;
        # counting it in full could add a holding twice, so it only widens the upper bound.
        share = ShareRange(0.0, share.high)
    start, end, dates_known = edge_dates(
        data, location, interest.get("startDate"), interest.get("endDate")
    )
    return OwnershipEdge(
        id=edge_id,
        owner=owner,
        owned=owned,
        kind=_interest_kind(interest_type),
        share=share,
        role=interest_type
        + (f" ({interest['interestLevel']})" if interest.get("interestLevel") else ""),
        start=start,
        end=end,
        dates_known=dates_known,
        source=source,
        location=location,
    )
