"""Checking and preparing a ``Query``: clear errors for unusable input, analysed names for the rest.

A query needs at least one usable name or one identifier. Over-long names, unknown schemas,
malformed dates, unknown countries and genders raise ``QueryError`` naming the field and what
is accepted; blank names and names without a single name word are dropped (documented).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from followthemoney import model

from sanctionguard.errors import SanctionguardError
from sanctionguard.match.attributes import (
    BirthSpan,
    DatePoint,
    IdentifierKey,
    country_set,
    normal_gender,
    renormalise,
)
from sanctionguard.match.embedded import EmbeddedFacts, read_embedded
from sanctionguard.match.types import Query
from sanctionguard.model.countries import country_code
from sanctionguard.names.analyze import analyze_name
from sanctionguard.names.types import AnalyzedName, TokenKind

MAX_NAME_CHARS: Final = 1000  # the longest published name is ~300 characters
MAX_NAMES: Final = 50
MAX_IDENTIFIERS: Final = 50
_NAME_WORDS: Final = frozenset({TokenKind.WORD, TokenKind.NUMBER})


class QueryError(SanctionguardError):
    """A query cannot be screened as given; the message names the field and what is accepted."""


@dataclass(frozen=True, init=False)
class PreparedQuery:
    """A checked query: analysed names and comparable facts."""

    query: Query
    schema: str | None
    names: tuple[AnalyzedName, ...]
    birth_dates: tuple[BirthSpan, ...]
    countries: frozenset[str]
    gender: str | None
    identifiers: tuple[IdentifierKey, ...]

    def __init__(
        self,
        query: Query,
        schema: str | None,
        names: tuple[AnalyzedName, ...],
        birth_dates: tuple[BirthSpan, ...],
        countries: frozenset[str],
        gender: str | None,
        identifiers: tuple[IdentifierKey, ...],
    ) -> None:
        # (Written out: the constructor dataclass writes runs interpreted, ~15x slower
        # than this one compiled; see DESIGN.md, "Where the time goes".)
        object.__setattr__(self, "query", query)
        object.__setattr__(self, "schema", schema)
        object.__setattr__(self, "names", names)
        object.__setattr__(self, "birth_dates", birth_dates)
        object.__setattr__(self, "countries", countries)
        object.__setattr__(self, "gender", gender)
        object.__setattr__(self, "identifiers", identifiers)


@lru_cache(maxsize=64)
def canonical_schema(name: str) -> str:
    """The FtM schema name for ``name`` (case-insensitive); ``QueryError`` if it cannot match."""
    for schema in model.schemata.values():
        if schema.name.lower() == name.strip().lower() and schema.matchable:
            return str(schema.name)
    raise QueryError(
        f"unknown schema {name!r}: use Person, Organization, Company, LegalEntity, "
        "Vessel or Airplane"
    )


@lru_cache(maxsize=256)
def schemas_compatible(left: str, right: str) -> bool:
    """Whether two schemas can describe the same party: one must be a kind of the other.

    Person ~ LegalEntity and Organization ~ Company ~ LegalEntity are compatible; Person and
    Organization are not, nor Person and Vessel, nor Vessel and Airplane.
    """
    a, b = model.get(left), model.get(right)
    if a is None or b is None:
        return left == right
    return bool(a.is_a(b) or b.is_a(a))


def usable(name: AnalyzedName) -> bool:
    """A name can be screened if it has a name word or number, or at least two initials."""
    tokens = name.tokens
    if any(t.kind in _NAME_WORDS for t in tokens):
        return True
    return sum(1 for t in tokens if t.kind is TokenKind.INITIAL) >= 2


def _names(
    query: Query, schema: str | None
) -> tuple[tuple[AnalyzedName, ...], list[EmbeddedFacts]]:
    """The query's names analysed, and the facts read out of each (``match.embedded``)."""
    if len(query.names) > MAX_NAMES:
        raise QueryError(f"too many names ({len(query.names)}); at most {MAX_NAMES} per query")
    person = None if schema is None else schema == "Person"
    found: list[AnalyzedName] = []
    facts: list[EmbeddedFacts] = []
    for text in query.names:
        if not isinstance(text, str):
            raise QueryError(f"name {text!r} is not text")
        if len(text) > MAX_NAME_CHARS:
            raise QueryError(
                f"name of {len(text):,} characters is too long: at most {MAX_NAME_CHARS:,}"
            )
        if not text.strip():
            continue
        read = read_embedded(text, person)
        facts.append(read)
        analysed = analyze_name(read.name, schema=schema)
        if analysed.forms and usable(analysed):
            found.append(analysed)
            # (a name without its trailing place, as a firm's or as a person's is read)
            firm = person is False or (person is None and analysed.is_organization)
            plain_text = read.without_place if firm else read.without_place_person
            if plain_text is not None:
                plain = analyze_name(plain_text, schema=schema)
                if plain.forms and usable(plain):
                    found.append(plain)
    return tuple(found[:MAX_NAMES]), facts


def _birth_dates(values: tuple[str, ...]) -> tuple[BirthSpan, ...]:
    spans = []
    for text in values:
        point = DatePoint.parse(str(text))
        if point is None:
            raise QueryError(
                f"birth date {text!r} is not an ISO date: use YYYY, YYYY-MM or YYYY-MM-DD"
            )
        spans.append(BirthSpan(point))
    return tuple(spans)


def _countries(values: tuple[str, ...]) -> frozenset[str]:
    codes = []
    for text in values:
        code = country_code(text)
        if code is None:
            raise QueryError(f"unknown country {text!r}: use an ISO code (ru) or a name (Russia)")
        codes.append(code)
    return country_set(codes)


def _gender(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    gender = normal_gender(text)
    if gender is None:
        raise QueryError(f"unknown gender {text!r}: use male or female")
    return gender


def prepare(query: Query) -> PreparedQuery:
    """Check a query and analyse its names; raise ``QueryError`` when it cannot be screened."""
    schema = canonical_schema(query.schema) if query.schema else None
    if len(query.identifiers) > MAX_IDENTIFIERS:
        raise QueryError(f"too many identifiers; at most {MAX_IDENTIFIERS} per query")
    vessel = {"Vessel": True, "Person": None}.get(schema or "", None if schema is None else False)
    names, facts = _names(query, schema)
    written = [i for read in facts for i in read.identifiers]
    identifiers = tuple(
        IdentifierKey.from_identifier(renormalise(i, vessel))
        for i in (*query.identifiers, *written)
        if (i.raw or i.value).strip()
    )
    # (a date in the name field counts when the query gives none of its own)
    dates = query.birth_dates or tuple(d for read in facts for d in read.birth_dates)
    if not names and not identifiers:
        raise QueryError(
            "nothing to screen: the query needs a name with at least one name word "
            "(not only punctuation, legal forms or particles) or an identifier"
        )
    return PreparedQuery(
        query=query,
        schema=schema,
        names=names,
        birth_dates=_birth_dates(dates),
        countries=_countries(query.countries),
        gender=_gender(query.gender),
        identifiers=identifiers,
    )
