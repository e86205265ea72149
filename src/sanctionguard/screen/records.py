"""From one record's fields (a row of a customer book, or the CLI's options) to a ``Query``.

This is conversion only: cells, numbers and lists become text; customer-book words
(``person``, ``company``, ``vessel``) become schemas; printed dates become ISO dates;
identifier columns become typed, validated identifiers (kept when invalid: the matcher weighs
them as weak evidence). Whether the query can be screened is the matcher's call
(``sanctionguard.match.query.prepare``), so both surfaces give the same errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sanctionguard.errors import SanctionguardError
from sanctionguard.match.query import QueryError, canonical_schema
from sanctionguard.match.types import Query
from sanctionguard.model.dates import parse_date
from sanctionguard.model.identifiers import Identifier, IdKind, make_identifier
from sanctionguard.sources.textio import cell, cell_values

# Record fields that hold identifiers, and their kind.
ID_FIELDS: dict[str, IdKind] = {
    "imo": IdKind.IMO,
    "mmsi": IdKind.MMSI,
    "bic": IdKind.BIC,
    "lei": IdKind.LEI,
    "inn": IdKind.INN,
    "ogrn": IdKind.OGRN,
    "passport": IdKind.PASSPORT,
    "national_id": IdKind.NATIONAL_ID,
    "tax_id": IdKind.TAX_ID,
    "registration": IdKind.REGISTRATION,
    "wallet": IdKind.CRYPTO_WALLET,
}

# Fields whose values are countries; the matcher compares them all with the listed entity's
# nationality, citizenship, jurisdiction and flag.
COUNTRY_FIELDS = ("country", "nationality", "citizenship", "jurisdiction", "flag")

# Customer-book words for a schema; FtM schema names (Person, Company, ...) pass as they are.
BOOK_TYPES = {
    "individual": "Person",
    "organisation": "Organization",
    "entity": "Organization",
    "bank": "Organization",
    "ship": "Vessel",
    "aircraft": "Airplane",
}


class RecordError(SanctionguardError):
    """A field of a record cannot be read as what it should hold; the message says how to fix it."""


def texts(value: Any) -> list[str]:
    """The non-blank text values of one field: a cell, a number or a list of either.

    >>> texts([" a ", None, 9312884.0, ""])
    ['a', '9312884']
    """
    if value is None:
        return []
    if isinstance(value, str | bytes):
        text = cell(value.decode() if isinstance(value, bytes) else value)
        return [] if text is None else [text]
    if isinstance(value, float) and value.is_integer():
        return [str(int(value))]
    if isinstance(value, int | float):
        return [str(value)]
    if isinstance(value, Iterable):
        return [t for item in value for t in texts(item)]
    return texts(str(value))


def _values(value: Any) -> list[str]:
    """Like ``texts``, with several values in one cell separated by ``;`` ("ru; ua")."""
    return [piece for text in texts(value) for piece in cell_values(text)]


def _schema(fields: Mapping[str, Any]) -> str | None:
    for key in ("schema", "type"):
        for value in texts(fields.get(key)):
            schema = BOOK_TYPES.get(value.lower(), value)
            try:
                return canonical_schema(schema)
            except QueryError:
                return schema  # the matcher refuses it, naming the accepted schemas
    return None


def _birth_dates(fields: Mapping[str, Any]) -> tuple[str, ...]:
    dates = []
    for value in _values(fields.get("birth_date")):
        date = parse_date(value)
        if date is None:
            raise RecordError(
                f"birth date {value!r} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"
            )
        dates.append(date)
    return tuple(dates)


def _identifiers(fields: Mapping[str, Any]) -> tuple[Identifier, ...]:
    return tuple(
        make_identifier(kind, value)
        for key, kind in ID_FIELDS.items()
        for value in texts(fields.get(key))
    )


def query_from_fields(fields: Mapping[str, Any], record_id: str | None = None) -> Query:
    """The query for one record's fields; raises ``RecordError`` for a date that is not one.

    Field names are those of a customer book: ``name``, ``schema`` or ``type``,
    ``birth_date``, ``country``/``nationality`` (also ``citizenship``, ``jurisdiction``,
    ``flag``), ``gender`` and the identifier fields of ``ID_FIELDS``. Values may be text,
    numbers or lists; several dates or countries in one text cell are separated by ``;``.
    """
    genders = texts(fields.get("gender"))
    return Query(
        names=tuple(texts(fields.get("name"))),
        schema=_schema(fields),
        birth_dates=_birth_dates(fields),
        countries=tuple(v for key in COUNTRY_FIELDS for v in _values(fields.get(key))),
        gender=genders[0] if genders else None,
        identifiers=_identifiers(fields),
        id=record_id,
    )
