"""Shipment (bill-of-lading-like) records: the documented schema and its JSON/JSONL/CSV readers.

Readers are strict: a record with an unknown field, a malformed HS code or UN/LOCODE, a bad
date or number is refused with an ``InputError`` naming the file, line (or record index) and
field, so no shipment is screened on half-read data. The schema is described in docs/maritime.md.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from followthemoney.types import registry

from sanctionguard.maritime.problems import InputError
from sanctionguard.model.countries import country_code

PARTY_ROLES = ("shipper", "consignee", "notify_party", "charterer", "end_user", "insurer")
_HS = re.compile(r"^\d{6}(\d{2}){0,2}$")
_LOCODE = re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$")


@dataclass(frozen=True)
class Party:
    name: str
    country: str | None = None  # ISO alpha-2, upper case
    kind: str | None = None  # e.g. "forwarder", "trader", "manufacturer" as declared


@dataclass(frozen=True)
class Dated:
    """A value that held from a date (flag, name), or an owner/manager with its role."""

    value: str
    since: date | None = None
    role: str | None = None


@dataclass(frozen=True)
class ShipVessel:
    name: str | None = None
    imo: str | None = None
    mmsi: str | None = None
    call_sign: str | None = None
    flag: str | None = None
    type: str | None = None
    build_year: int | None = None
    class_society: str | None = None
    flag_history: tuple[Dated, ...] = ()
    name_history: tuple[Dated, ...] = ()
    owner_history: tuple[Dated, ...] = ()


@dataclass(frozen=True)
class GoodsLine:
    line: int
    description: str
    hs_code: str | None  # digits only, 6 to 10
    quantity: float | None = None
    unit: str | None = None
    value: float | None = None
    currency: str | None = None


@dataclass(frozen=True)
class DocFigures:
    """Totals one document states (invoice, packing list, bill of lading, payment)."""

    quantity: float | None = None
    value: float | None = None
    weight: float | None = None


@dataclass(frozen=True)
class Shipment:
    id: str
    date: date | None
    vessel: ShipVessel
    parties: Mapping[str, Party]
    pandi_club: str | None
    port_of_loading: str | None
    port_of_discharge: str | None
    transshipment_ports: tuple[str, ...]
    goods: tuple[GoodsLine, ...]
    documents: Mapping[str, DocFigures]
    clauses: tuple[str, ...]
    where: str = field(default="", compare=False)  # "file:line" for messages


TOP_FIELDS = {
    "id",
    "date",
    "vessel",
    *PARTY_ROLES,
    "pandi_club",
    "port_of_loading",
    "port_of_discharge",
    "transshipment_ports",
    "goods",
    "documents",
    "clauses",
}
VESSEL_FIELDS = set(ShipVessel.__dataclass_fields__)
PARTY_FIELDS = {"name", "country", "type"}
GOODS_FIELDS = {"line", "description", "hs_code", "quantity", "unit", "value", "currency"}
DOC_NAMES = {"invoice", "packing_list", "bill_of_lading", "payment"}
DOC_FIELDS = {"quantity", "value", "weight"}


class _Where:
    """Location of the record being read, for errors."""

    def __init__(self, path: str, line: int | None, prefix: str) -> None:
        self.path, self.line, self.prefix = path, line, prefix

    def error(self, fld: str, message: str) -> InputError:
        return InputError(self.path, message, line=self.line, field=f"{self.prefix}{fld}")

    def text(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path


def _check_keys(data: Mapping[str, Any], allowed: set[str], where: _Where, at: str) -> None:
    for key in data:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise where.error(
                f"{at}{key}", f"unknown field{hint}; known: {', '.join(sorted(allowed))}"
            )


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _number(value: Any, where: _Where, fld: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(str(value).replace(",", "")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise where.error(fld, f"{value!r} is not a number") from None
    if number < 0 or number != number:
        raise where.error(fld, f"{value!r} must be a non-negative number")
    return number


def _date(value: Any, where: _Where, fld: str) -> date | None:
    text = _text(value)
    if text is None:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise where.error(fld, f"{text!r} is not an ISO date (YYYY-MM-DD)") from None


def is_iso2(code: str) -> bool:
    """A known ISO 3166 alpha-2 code (no fuzzy guessing: codes are exact or wrong)."""
    return len(code) == 2 and code.lower() in registry.country.names


def _country(value: Any, where: _Where, fld: str) -> str | None:
    text = _text(value)
    if text is None:
        return None
    if len(text) == 2:
        if not is_iso2(text):
            raise where.error(fld, f"{text!r} is not an ISO 3166 alpha-2 country code")
        return text.upper()
    code = country_code(text)
    if code is None or len(code) != 2:
        raise where.error(fld, f"{text!r} is not a country (use ISO 3166 alpha-2, e.g. DE)")
    return code.upper()


def parse_hs(value: Any, where: _Where, fld: str) -> str | None:
    """HS code as 6-10 digits ("8542.31.00" → "85423100"); chapters 01-97 only."""
    text = _text(value)
    if text is None:
        return None
    digits = re.sub(r"[\s.\-]", "", text)
    if not _HS.match(digits) or not 1 <= int(digits[:2]) <= 97:
        raise where.error(
            fld, f"{text!r} is not an HS code (6, 8 or 10 digits, chapter 01-97, e.g. 8542.31)"
        )
    return digits


def parse_locode(value: Any, where: _Where, fld: str) -> str | None:
    """UN/LOCODE: 2-letter country + 3 letters/digits 2-9 ("DE HAM" → "DEHAM")."""
    text = _text(value)
    if text is None:
        return None
    code = text.replace(" ", "").upper()
    if not _LOCODE.match(code) or not is_iso2(code[:2]):
        raise where.error(
            fld, f"{text!r} is not a UN/LOCODE (country code + 3 characters, e.g. DEHAM)"
        )
    return code


def _party(value: Any, where: _Where, fld: str) -> Party | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return Party(_text(value) or "")
    if not isinstance(value, Mapping):
        raise where.error(fld, "must be a name or an object with name, country, type")
    _check_keys(value, PARTY_FIELDS, where, f"{fld}.")
    name = _text(value.get("name"))
    if not name:
        raise where.error(f"{fld}.name", "a party needs a name")
    country = _country(value.get("country"), where, f"{fld}.country")
    return Party(name, country, _text(value.get("type")))


def _history(value: Any, where: _Where, fld: str) -> tuple[Dated, ...]:
    if not value:
        return ()
    if not isinstance(value, list):
        raise where.error(fld, "must be a list of {value, since[, role]} objects")
    items = []
    for index, item in enumerate(value):
        at = f"{fld}[{index}]"
        if not isinstance(item, Mapping):
            raise where.error(at, "must be an object {value, since[, role]}")
        _check_keys(item, {"value", "since", "role"}, where, f"{at}.")
        text = _text(item.get("value"))
        if not text:
            raise where.error(f"{at}.value", "missing value")
        items.append(
            Dated(text, _date(item.get("since"), where, f"{at}.since"), _text(item.get("role")))
        )
    return tuple(items)


def _vessel(value: Any, where: _Where) -> ShipVessel:
    if value is None:
        return ShipVessel()
    if isinstance(value, str):
        return ShipVessel(name=_text(value))
    if not isinstance(value, Mapping):
        raise where.error("vessel", "must be a name or an object")
    _check_keys(value, VESSEL_FIELDS, where, "vessel.")
    year = _number(value.get("build_year"), where, "vessel.build_year")
    flag = value.get("flag")
    return ShipVessel(
        name=_text(value.get("name")),
        imo=_text(value.get("imo")),
        mmsi=_text(value.get("mmsi")),
        call_sign=_text(value.get("call_sign")),
        flag=_country(flag, where, "vessel.flag") if flag else None,
        type=_text(value.get("type")),
        build_year=int(year) if year else None,
        class_society=_text(value.get("class_society")),
        flag_history=_history(value.get("flag_history"), where, "vessel.flag_history"),
        name_history=_history(value.get("name_history"), where, "vessel.name_history"),
        owner_history=_history(value.get("owner_history"), where, "vessel.owner_history"),
    )


def _goods(value: Any, where: _Where) -> tuple[GoodsLine, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise where.error("goods", "must be a list of goods lines")
    lines = []
    for index, item in enumerate(value):
        at = f"goods[{index}]"
        if not isinstance(item, Mapping):
            raise where.error(at, "must be an object")
        _check_keys(item, GOODS_FIELDS, where, f"{at}.")
        number = _number(item.get("line"), where, f"{at}.line")
        lines.append(
            GoodsLine(
                line=int(number) if number else index + 1,
                description=_text(item.get("description")) or "",
                hs_code=parse_hs(item.get("hs_code"), where, f"{at}.hs_code"),
                quantity=_number(item.get("quantity"), where, f"{at}.quantity"),
                unit=_text(item.get("unit")),
                value=_number(item.get("value"), where, f"{at}.value"),
                currency=_text(item.get("currency")),
            )
        )
    return tuple(lines)


def _documents(value: Any, where: _Where) -> dict[str, DocFigures]:
    if not value:
        return {}
    if not isinstance(value, Mapping):
        raise where.error("documents", "must map invoice/packing_list/bill_of_lading/payment")
    _check_keys(value, DOC_NAMES, where, "documents.")
    docs = {}
    for name, figures in value.items():
        if not isinstance(figures, Mapping):
            raise where.error(f"documents.{name}", "must be an object {quantity, value, weight}")
        _check_keys(figures, DOC_FIELDS, where, f"documents.{name}.")
        docs[name] = DocFigures(
            *(
                _number(figures.get(k), where, f"documents.{name}.{k}")
                for k in ("quantity", "value", "weight")
            )
        )
    return docs


def _string_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v for v in re.split(r"[;,]", value) if v.strip()]
    return list(value) if isinstance(value, list) else [value]


def shipment_from_dict(data: Any, where: _Where) -> Shipment:
    """Validate one shipment object (the JSON form) into a ``Shipment``."""
    if not isinstance(data, Mapping):
        raise where.error("", "a shipment must be a JSON object")
    _check_keys(data, TOP_FIELDS, where, "")
    ident = _text(data.get("id"))
    if not ident:
        raise where.error("id", "every shipment needs an id")
    parties = {
        role: party
        for role in PARTY_ROLES
        if (party := _party(data.get(role), where, role)) is not None
    }
    return Shipment(
        id=ident,
        date=_date(data.get("date"), where, "date"),
        vessel=_vessel(data.get("vessel"), where),
        parties=parties,
        pandi_club=_text(data.get("pandi_club")),
        port_of_loading=parse_locode(data.get("port_of_loading"), where, "port_of_loading"),
        port_of_discharge=parse_locode(data.get("port_of_discharge"), where, "port_of_discharge"),
        transshipment_ports=tuple(
            code
            for i, p in enumerate(_string_list(data.get("transshipment_ports")))
            if (code := parse_locode(p, where, f"transshipment_ports[{i}]"))
        ),
        goods=_goods(data.get("goods"), where),
        documents=_documents(data.get("documents"), where),
        clauses=tuple(str(c).strip() for c in _string_list(data.get("clauses"))),
        where=where.text(),
    )


# -- files ---------------------------------------------------------------------------------


def read_shipments(path: Path) -> list[Shipment]:
    """All shipments of a JSON, JSON-lines or CSV file (by extension; JSON by content)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read: {exc}") from exc
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return list(_from_csv(text, str(path)))
    if suffix in (".jsonl", ".ndjson"):
        return list(_from_jsonl(text, str(path)))
    return list(_from_json(text, str(path)))


def _from_json(text: str, path: str) -> Iterator[Shipment]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not valid JSON: {exc.msg}", line=exc.lineno) from exc
    if isinstance(data, Mapping) and "shipments" in data:
        data = data["shipments"]
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items):
        yield shipment_from_dict(item, _Where(path, None, f"shipments[{index}]."))


def _from_jsonl(text: str, path: str) -> Iterator[Shipment]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"not valid JSON: {exc.msg}", line=number) from exc
        yield shipment_from_dict(item, _Where(path, number, ""))


# CSV: one row per goods line; shipment-level columns repeat on each row of a shipment.
CSV_SHIPMENT_COLUMNS = (
    "shipment_id",
    "date",
    *(
        f"vessel_{f}"
        for f in ("name", "imo", "mmsi", "call_sign", "flag", "type", "build_year", "class_society")
    ),
    "vessel_flag_history",
    "vessel_name_history",
    "vessel_owner_history",
    *(c for role in PARTY_ROLES for c in (role, f"{role}_country", f"{role}_type")),
    "pandi_club",
    "port_of_loading",
    "port_of_discharge",
    "transshipment_ports",
    "clauses",
    *(f"{d}_{k}" for d in sorted(DOC_NAMES) for k in sorted(DOC_FIELDS)),
)
CSV_LINE_COLUMNS = ("line", "hs_code", "description", "quantity", "unit", "value", "currency")


def _csv_history(text: str, where: _Where, fld: str) -> list[dict[str, str]]:
    """ "PA@2023-01-01;GA@2024-02-01" or "owner:ACME LTD@2024-01-01" → history objects."""
    items = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        value, _, since = part.partition("@")
        role = None
        if fld == "vessel.owner_history":
            role, sep, name = value.partition(":")
            if not sep:
                raise where.error(
                    fld, f"{part!r}: write role:name@date, e.g. owner:ACME LTD@2024-01-01"
                )
            value = name
        item = {"value": value.strip(), "since": since.strip()}
        if role:
            item["role"] = role.strip()
        items.append(item)
    return items


def _csv_shipment(row: Mapping[str, str], where: _Where) -> dict[str, Any]:
    vessel: dict[str, Any] = {
        f: row.get(f"vessel_{f}") or None
        for f in ("name", "imo", "mmsi", "call_sign", "flag", "type", "build_year", "class_society")
    }
    for hist in ("flag_history", "name_history", "owner_history"):
        vessel[hist] = _csv_history(row.get(f"vessel_{hist}") or "", where, f"vessel.{hist}")
    data: dict[str, Any] = {"id": row.get("shipment_id"), "date": row.get("date"), "vessel": vessel}
    for role in PARTY_ROLES:
        if row.get(role):
            data[role] = {
                "name": row[role],
                "country": row.get(f"{role}_country") or None,
                "type": row.get(f"{role}_type") or None,
            }
    for key in (
        "pandi_club",
        "port_of_loading",
        "port_of_discharge",
        "transshipment_ports",
        "clauses",
    ):
        data[key] = row.get(key) or None
    docs = {
        d: {k: row.get(f"{d}_{k}") for k in DOC_FIELDS if row.get(f"{d}_{k}")} for d in DOC_NAMES
    }
    data["documents"] = {d: v for d, v in docs.items() if v}
    return data


def _from_csv(text: str, path: str) -> Iterator[Shipment]:
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    known = set(CSV_SHIPMENT_COLUMNS) | set(CSV_LINE_COLUMNS)
    _check_keys(dict.fromkeys(header), known, _Where(path, 1, ""), "")
    if "shipment_id" not in header:
        raise InputError(path, "missing column shipment_id", line=1)
    order: list[str] = []
    groups: dict[str, tuple[int, dict[str, Any], list[dict[str, Any]]]] = {}
    try:
        for row in reader:
            line = reader.line_num
            where = _Where(path, line, "")
            ident = (row.get("shipment_id") or "").strip()
            if not ident:
                raise where.error("shipment_id", "every row needs a shipment_id")
            if None in row:
                raise where.error("", "more cells than header columns")
            data = _csv_shipment(row, where)
            if ident not in groups:
                order.append(ident)
                groups[ident] = (line, data, [])
            elif groups[ident][1] != data:
                raise where.error(
                    "", f"shipment {ident!r}: shipment columns differ from line {groups[ident][0]}"
                )
            goods = {k: row.get(k) or None for k in CSV_LINE_COLUMNS}
            parse_hs(goods["hs_code"], where, "hs_code")
            for key in ("quantity", "value"):
                _number(goods[key], where, key)
            if any(v for k, v in goods.items() if k != "line"):
                goods["line"] = goods["line"] or str(len(groups[ident][2]) + 1)
                groups[ident][2].append({k: v for k, v in goods.items() if v is not None})
    except csv.Error as exc:
        raise InputError(path, f"broken CSV: {exc}", line=reader.line_num) from exc
    for ident in order:
        line, data, lines = groups[ident]
        data["goods"] = lines
        yield shipment_from_dict(data, _Where(path, line, ""))
