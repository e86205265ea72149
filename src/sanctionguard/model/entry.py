"""One list's record of one party: a followthemoney entity plus the facts FtM cannot hold.

FtM properties carry names, identifiers and attributes; beside them a ``ListEntry`` keeps what
screening needs and FtM loses: which list and authority reference it came from, how strong each
alias is, which names are in the original script, birth-date ranges and "circa", identifier
validity, and where in the file the record was read (for error messages). What the list says
about the listing itself (programmes, dates, reason, legal provisions) goes on its Sanction.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any

import orjson
from followthemoney import EntityProxy, Schema, model
from followthemoney.exc import InvalidData
from followthemoney.types import registry

from sanctionguard.model.countries import country_code
from sanctionguard.model.dates import parse_date
from sanctionguard.model.identifiers import FTM_PROPERTY, Identifier, IdKind, make_identifier


class NameKind(StrEnum):
    """How the authority qualifies a name."""

    PRIMARY = "primary"
    STRONG_ALIAS = "strong_alias"  # a.k.a. / good quality alias
    WEAK_ALIAS = "weak_alias"  # OFAC "weak a.k.a.", UN/EU low quality alias
    FORMER = "former"  # f.k.a., previous vessel names


class SanctionDetail(StrEnum):
    """Facts about a listing that the FtM ``Sanction`` entity holds beside its programmes,
    authority, authority id and listing date (which the builder sets from its own calls)."""

    REASON = "reason"  # the grounds for listing, as the authority states them
    PROVISIONS = "provisions"  # the measures imposed (asset freeze, travel ban...)
    SOURCE_URL = "sourceUrl"  # where the listing is published
    PROGRAM_URL = "programUrl"
    UNSC_ID = "unscId"  # the UN Security Council reference ("QDi.001")
    START_DATE = "startDate"  # when the measures take effect
    END_DATE = "endDate"
    STATUS = "status"
    DURATION = "duration"


def _sanction_schema() -> Schema:
    schema = model.get("Sanction")
    if schema is None or any(d.value not in schema.properties for d in SanctionDetail):
        raise RuntimeError("followthemoney's Sanction schema lacks a SanctionDetail property")
    return schema


_SANCTION = _sanction_schema()


_NAME_PROPERTY = {
    NameKind.PRIMARY: "name",
    NameKind.STRONG_ALIAS: "alias",
    NameKind.WEAK_ALIAS: "weakAlias",
    NameKind.FORMER: "previousName",
}

# Name parts we recognise and the FtM property each feeds (primary names only).
NAME_PART_PROPERTY = {
    "given": "firstName",
    "middle": "middleName",
    "family": "lastName",
    "patronymic": "fatherName",
    "second": "secondName",
    "title": "title",
    "suffix": "nameSuffix",
}


@dataclass(frozen=True)
class Name:
    """One published name with its strength, script and parts."""

    value: str
    kind: NameKind
    lang: str | None = None
    original_script: bool = False
    parts: Mapping[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"value": self.value, "kind": self.kind.value}
        if self.lang:
            data["lang"] = self.lang
        if self.original_script:
            data["original_script"] = True
        if self.parts:
            data["parts"] = dict(self.parts)
        return data


@dataclass(frozen=True)
class BirthDate:
    """A birth date as published: a partial ISO date, optionally a range end, optionally circa."""

    start: str
    end: str | None = None
    circa: bool = False

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"start": self.start}
        if self.end:
            data["end"] = self.end
        if self.circa:
            data["circa"] = True
        return data


@dataclass(frozen=True)
class Link:
    """A relation the list states ("Linked To: X"), resolved to an entity id when possible."""

    relation: str
    target: str
    target_id: str | None = None


@lru_cache(maxsize=4096)
def _latin_letter(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


def is_latin(text: str) -> bool:
    """True when every letter in ``text`` is from the Latin script."""
    if text.isascii():
        return True
    return all(_latin_letter(c) for c in text if c.isalpha() and ord(c) > 0x7F)


_ID_CHARS = re.compile(r"[^0-9a-z]+")


def make_entity_id(list_name: str, source_id: str) -> str:
    """A stable entity id from the list name and the authority's own reference."""
    slug = _ID_CHARS.sub("-", source_id.lower()).strip("-")
    return f"{list_name.replace('_', '-')}-{slug}"


@dataclass
class ListEntry:
    """Everything one list publishes about one party; ``entities[0]`` is the party itself."""

    id: str
    schema: str
    list_name: str
    source_id: str
    origin: str
    entities: list[EntityProxy]
    names: list[Name] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    birth_dates: list[BirthDate] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    listed_on: str | None = None
    remarks: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    sanction: dict[SanctionDetail, list[str]] = field(default_factory=dict)

    @property
    def main(self) -> EntityProxy:
        return self.entities[0]

    @property
    def caption(self) -> str:
        for name in self.names:
            if name.kind is NameKind.PRIMARY:
                return name.value
        return self.names[0].value if self.names else self.source_id

    def to_record(self) -> dict[str, Any]:
        """The JSON-able form stored in snapshots and compared by diffs.

        ``sanction`` (the listing's details by FtM property) is present only when the list
        states any, so records of entries without them keep their form and hash.
        """
        record = {
            "id": self.id,
            "schema": self.schema,
            "caption": self.caption,
            "list": self.list_name,
            "source_id": self.source_id,
            "names": [n.to_dict() for n in self.names],
            "identifiers": [i.to_dict() for i in self.identifiers],
            "birth_dates": [b.to_dict() for b in self.birth_dates],
            "programs": list(self.programs),
            "listed_on": self.listed_on,
            "remarks": list(self.remarks),
            "links": [
                {"relation": x.relation, "target": x.target, "target_id": x.target_id}
                for x in self.links
            ],
            "properties": _sorted_props(self.main),
            "related": [
                {"id": e.id, "schema": e.schema.name, "properties": _sorted_props(e)}
                for e in self.entities[1:]
            ],
        }
        if self.sanction:
            record["sanction"] = {
                str(detail): sorted(values) for detail, values in sorted(self.sanction.items())
            }
        return record


def _sorted_props(proxy: EntityProxy) -> dict[str, list[str]]:
    props = proxy.to_dict()["properties"]
    return {k: sorted(v) for k, v in sorted(props.items())}


def canonical_json(record: Mapping[str, Any]) -> str:
    """The stored text of a record: sorted keys, compact, UTF-8 kept as is."""
    return orjson.dumps(record, option=orjson.OPT_SORT_KEYS).decode("utf-8")


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_hash(record: Mapping[str, Any]) -> str:
    """A content hash of a stored record; equal hashes mean no change worth reporting."""
    return text_hash(canonical_json(record))


# FtM value types whose cleaning is only whitespace and sanitising, done here already.
_VERBATIM_TYPES = frozenset({"string", "text", "name", "address", "identifier", "entity"})


@lru_cache(maxsize=65536)
def clean_value(type_name: str, fmt: str | None, text: str) -> str | None:
    """FtM's cleaning for one value of a given type, memoised (lists repeat values)."""
    if type_name in _VERBATIM_TYPES:
        return text
    if type_name == "country":
        return country_code(text)
    ptype = registry.get(type_name)
    if ptype is None:
        return text
    cleaned = ptype.clean_text(text, format=fmt)
    return None if cleaned is None else str(cleaned)


class DraftEntity:
    """An entity under construction: a schema and property values, cleaned on the way in.

    It answers the small part of the ``EntityProxy`` interface that parsers use (``schema``,
    ``id``, ``add``, ``get``, ``to_dict``) at a fraction of the cost; ``EntryBuilder.build``
    turns it into a real FtM proxy in one step.
    """

    __slots__ = ("_props", "id", "schema")

    def __init__(self, schema: str, entity_id: str) -> None:
        found = model.get(schema)
        if found is None:
            raise InvalidData(f"unknown FtM schema: {schema}")
        self.schema: Schema = found
        self.id = entity_id
        self._props: dict[str, list[str]] = {}

    def add(self, prop: str, values: Any, cleaned: bool = False, quiet: bool = False) -> None:
        spec = self.schema.properties.get(prop)
        if spec is None or spec.stub:
            if quiet:
                return
            raise InvalidData(f"{self.schema.name} has no property {prop!r}")
        items = values if isinstance(values, list | tuple | set) else [values]
        for item in items:
            if item is None:
                continue
            text = str(item) if cleaned else " ".join(str(item).split())
            if not cleaned and text:
                text = clean_value(spec.type.name, spec.format, text) or ""
            if not text:
                continue
            bucket = self._props.setdefault(prop, [])
            if text not in bucket:
                bucket.append(text)

    def get(self, prop: str) -> list[str]:
        return list(self._props.get(prop, []))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "schema": self.schema.name, "properties": dict(self._props)}

    def retype(self, schema: str) -> None:
        found = model.get(schema)
        if found is None:
            raise InvalidData(f"unknown FtM schema: {schema}")
        self.schema = found
        self._props = {k: v for k, v in self._props.items() if k in found.properties}

    def to_proxy(self) -> EntityProxy:
        return model.get_proxy(self.to_dict(), cleaned=True)


def make_proxy(schema: str, entity_id: str, props: Mapping[str, list[str]]) -> EntityProxy:
    """A proxy from already-clean values, without FtM's per-value cleaning cost."""
    return model.get_proxy(
        {"id": entity_id, "schema": schema, "properties": {k: v for k, v in props.items() if v}},
        cleaned=True,
    )


class EntryBuilder:
    """Builds a ``ListEntry`` while keeping the FtM entity and the side facts in step.

    Parsers call ``add_name``, ``add_identifier``, ``add`` and friends; values are cleaned
    once here, so FtM's slower fuzzy cleaners are bypassed for countries.
    """

    def __init__(
        self,
        list_name: str,
        source_id: str,
        schema: str,
        origin: str,
        *,
        authority: str | None = None,
        entity_id: str | None = None,
    ) -> None:
        self.list_name = list_name
        self.source_id = source_id
        self.origin = origin
        self.authority = authority
        self.id = entity_id or make_entity_id(list_name, source_id)
        self.proxy = DraftEntity(schema, self.id)
        self.related: list[EntityProxy] = []
        self.names: list[Name] = []
        self.identifiers: list[Identifier] = []
        self.birth_dates: list[BirthDate] = []
        self.programs: list[str] = []
        self.listed_on: str | None = None
        self.remarks: list[str] = []
        self.links: list[Link] = []
        self.sanction: dict[SanctionDetail, list[str]] = {}

    @property
    def schema(self) -> str:
        return str(self.proxy.schema.name)

    def set_schema(self, schema: str) -> None:
        """Change the entity's schema (e.g. once a remark reveals a vessel), keeping values."""
        self.proxy.retype(schema)

    def has_property(self, prop: str) -> bool:
        return prop in self.proxy.schema.properties

    def add(self, prop: str, value: str | None) -> None:
        """Add a value to an FtM property, skipping blanks and properties the schema lacks."""
        if value is None:
            return
        text = " ".join(str(value).split())
        if not text or not self.has_property(prop):
            return
        self.proxy.add(prop, text, quiet=True)

    def add_country(self, value: str | None, prop: str = "country") -> str | None:
        """Add a country by name or code; return its code, or None if not recognised."""
        code = country_code(value)
        if code is not None and self.has_property(prop):
            self.proxy.add(prop, code, cleaned=True)
        return code

    def add_name(
        self,
        value: str | None,
        kind: NameKind = NameKind.PRIMARY,
        *,
        lang: str | None = None,
        parts: Mapping[str, str | None] | None = None,
        original_script: bool | None = None,
    ) -> None:
        """Record a published name; duplicates of the same value and kind are ignored."""
        if value is None:
            return
        text = " ".join(value.split())
        if not text:
            return
        clean_parts = {k: " ".join(v.split()) for k, v in (parts or {}).items() if v and v.strip()}
        script = (not is_latin(text)) if original_script is None else original_script
        name = Name(text, kind, lang, script, clean_parts)
        if any(n.value == text and n.kind is kind for n in self.names):
            return
        self.names.append(name)
        self.proxy.add(_NAME_PROPERTY[kind], text, cleaned=True)
        if kind is NameKind.PRIMARY:
            for part, part_value in clean_parts.items():
                prop = NAME_PART_PROPERTY.get(part)
                if prop is not None and self.has_property(prop):
                    self.proxy.add(prop, part_value, cleaned=True)

    def add_identifier(
        self,
        kind: IdKind,
        raw: str | None,
        country: str | None = None,
        note: str | None = None,
    ) -> Identifier | None:
        """Record a typed identifier; valid ones also go to the FtM property for the kind."""
        if raw is None or not raw.strip():
            return None
        vessel = {"Vessel": True, "Person": None}.get(self.schema, False)
        ident = make_identifier(kind, raw, country_code(country) or country, note, vessel=vessel)
        if any(i.kind is kind and i.value == ident.value for i in self.identifiers):
            return ident
        self.identifiers.append(ident)
        prop = FTM_PROPERTY.get(kind)
        if ident.valid is not False and prop is not None and self.has_property(prop):
            self.add(prop, ident.value if kind is not IdKind.IMO else f"IMO{ident.value}")
        if kind is IdKind.CRYPTO_WALLET:
            self._add_wallet(ident)
        return ident

    def _add_wallet(self, ident: Identifier) -> None:
        props = {
            "publicKey": [ident.value],
            "currency": [ident.note] if ident.note else [],
            "holder": [self.id],
        }
        wallet_id = f"{self.id}-wallet-{ident.value.lower()[:64]}"
        self.related.append(make_proxy("CryptoWallet", wallet_id, props))

    def add_birth_date(
        self, start: str | None, end: str | None = None, circa: bool = False
    ) -> None:
        """Record a birth date (ISO prefix), a range, or an approximate year."""
        if not start:
            return
        bd = BirthDate(start, end if end and end != start else None, circa)
        if bd in self.birth_dates:
            return
        self.birth_dates.append(bd)
        for value in (start, bd.end):
            if value and self.has_property("birthDate"):
                self.proxy.add("birthDate", value, cleaned=True)

    def add_program(self, program: str | None) -> None:
        text = " ".join((program or "").split())
        if text and text not in self.programs:
            self.programs.append(text)
            self.proxy.add("programId", text, cleaned=True)

    def set_listed_on(self, iso_date: str | None) -> None:
        """Keep the earliest listing date seen for the entry."""
        if iso_date and (self.listed_on is None or iso_date < self.listed_on):
            self.listed_on = iso_date

    def add_sanction_detail(self, detail: SanctionDetail, value: str | None) -> str | None:
        """Record a fact about the listing on its Sanction entity, cleaned for the property's
        type (dates to ISO prefixes, URLs normalised); return the stored value, or None when
        the value is blank or not of that type (e.g. an unreadable date).

        ``detail`` must be a ``SanctionDetail``: a plain string raises ``ValueError`` unless
        it names one, so a typo cannot put a value on a property FtM does not have.
        """
        detail = SanctionDetail(detail)
        text = " ".join((value or "").split())
        if not text:
            return None
        spec = _SANCTION.properties[detail.value]
        if spec.type.name == "date":
            text = parse_date(text) or text
        cleaned = clean_value(spec.type.name, spec.format, text)
        if not cleaned:
            return None
        values = self.sanction.setdefault(detail, [])
        if cleaned not in values:
            values.append(cleaned)
        return cleaned

    def add_remark(self, text: str | None) -> None:
        value = " ".join((text or "").split())
        if value and value not in self.remarks:
            self.remarks.append(value)
            self.proxy.add("notes", value, cleaned=True)

    def add_address(self, full: str | None, country: str | None = None) -> None:
        self.add("address", full)
        self.add_country(country)

    def add_link(self, relation: str, target: str, target_id: str | None = None) -> None:
        link = Link(relation, " ".join(target.split()), target_id)
        if link.target and link not in self.links:
            self.links.append(link)

    def add_related(self, proxies: Iterable[EntityProxy]) -> None:
        self.related.extend(proxies)

    def _sanction(self) -> EntityProxy:
        props: dict[str, list[str]] = {
            "entity": [self.id],
            "authorityId": [self.source_id],
            "authority": [self.authority] if self.authority else [],
            "program": list(self.programs),
            "listingDate": [self.listed_on] if self.listed_on else [],
        }
        props.update((detail.value, list(values)) for detail, values in self.sanction.items())
        return make_proxy("Sanction", f"{self.id}-sanction", props)

    def build(self, *, sanction: bool = True) -> ListEntry:
        """The finished entry: the party, its Sanction record and any related entities.

        Pass ``sanction=False`` for sources that publish their own Sanction entities (FtM)
        or that are not sanctions lists.
        """
        extra = [self._sanction()] if sanction else []
        if sanction:
            self.proxy.add("topics", "sanction", cleaned=True)
        return ListEntry(
            id=self.id,
            schema=self.schema,
            list_name=self.list_name,
            source_id=self.source_id,
            origin=self.origin,
            entities=[self.proxy.to_proxy(), *extra, *self.related],
            names=list(self.names),
            identifiers=list(self.identifiers),
            birth_dates=list(self.birth_dates),
            programs=list(self.programs),
            listed_on=self.listed_on,
            remarks=list(self.remarks),
            links=list(self.links),
            sanction={detail: list(values) for detail, values in self.sanction.items()},
        )
