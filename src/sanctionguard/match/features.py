"""The named features of the sanctionguard-v1 algorithm: each a small function with a docstring.

A feature reads the ``Evidence`` (the checked query, the listed entity and the best name
alignment) and returns a value in [-1, 1] with a reason: positive values are agreeing
evidence, negative values conflicting evidence, 0 means "nothing to compare". The scorer
multiplies each value by the feature's fitted, non-negative weight; the docstrings below are the
algorithm's documentation (``describe_features`` returns them).
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Final

from sanctionguard.compiled import by_fields
from sanctionguard.match.alignment import Alignment, ListedForm, QueryForm
from sanctionguard.match.attributes import BirthSpan, IdentifierKey
from sanctionguard.match.index import IndexedEntity
from sanctionguard.match.query import PreparedQuery
from sanctionguard.model.identifiers import IdKind

# Identifier schemes with a checksum or registry structure: a validated match is near-proof.
STRONG_KINDS: Final = frozenset(
    {IdKind.IMO, IdKind.MMSI, IdKind.LEI, IdKind.BIC, IdKind.INN, IdKind.OGRN, IdKind.CRYPTO_WALLET}
)
# One value per party: a different value of the same kind means a different party.
UNIQUE_KINDS: Final = frozenset({IdKind.IMO, IdKind.LEI, IdKind.INN, IdKind.OGRN})
# Documents lists file under different headings (a passport here is a national id there).
DOCUMENT_KINDS: Final = frozenset(
    {
        IdKind.PASSPORT,
        IdKind.NATIONAL_ID,
        IdKind.TAX_ID,
        IdKind.REGISTRATION,
        IdKind.OTHER,
        IdKind.INN,
        IdKind.OGRN,
    }
)
MIN_DOCUMENT_LENGTH: Final = 5  # shorter document numbers collide by chance
CLOSE_FROM: Final = 0.8  # name_close starts counting at this similarity
RARITY_REFERENCE: Final = 16.0  # rarity mass of two rare name words


@dataclass(frozen=True, slots=True, init=False)
class NameMatch:
    """The alignment of one query rendering with one listed rendering."""

    query: QueryForm
    listed_name: str
    listed_kind: str  # primary / strong_alias / weak_alias / former
    listed: ListedForm
    alignment: Alignment

    def __init__(
        self,
        query: QueryForm,
        listed_name: str,
        listed_kind: str,
        listed: ListedForm,
        alignment: Alignment,
    ) -> None:
        # (Written out: the constructor dataclass writes runs interpreted, ~15x slower
        # than this one compiled; see DESIGN.md, "Where the time goes".)
        object.__setattr__(self, "query", query)
        object.__setattr__(self, "listed_name", listed_name)
        object.__setattr__(self, "listed_kind", listed_kind)
        object.__setattr__(self, "listed", listed)
        object.__setattr__(self, "alignment", alignment)


@dataclass(frozen=True, slots=True, init=False)
class Evidence:
    """Everything the features may look at for one query and one listed entity.

    Reasons are only written when ``explain`` is set: most candidates are scored and dropped.
    """

    query: PreparedQuery
    entity: IndexedEntity
    name: NameMatch | None
    explain: bool

    def __init__(
        self,
        query: PreparedQuery,
        entity: IndexedEntity,
        name: NameMatch | None,
        explain: bool = False,
    ) -> None:
        object.__setattr__(self, "query", query)
        object.__setattr__(self, "entity", entity)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "explain", explain)


Outcome = tuple[float, str]


@dataclass(frozen=True)
class Feature:
    """A named piece of evidence; ``doc`` is the function's docstring."""

    name: str
    compute: Callable[[Evidence], Outcome]
    about_name: bool = False  # part of the name score (chosen per listed name)
    needs: str = ""  # the query field without which the value is always 0

    @property
    def doc(self) -> str:
        return " ".join(_docstrings().get(self.compute.__name__, "").split())

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return by_fields(self)  # (a compiled frozen class pickles by its constructor)


@lru_cache(maxsize=1)
def _docstrings() -> dict[str, str]:
    """This module's functions' docstrings, read from its source file: a build compiled by mypyc
    keeps none on the functions (the source ships beside the compiled module)."""
    source = resources.files("sanctionguard.match").joinpath("features.py").read_text("utf-8")
    return {
        node.name: ast.get_docstring(node) or ""
        for node in ast.parse(source).body
        if isinstance(node, ast.FunctionDef)
    }


# -- name ------------------------------------------------------------------------------------


def name_similarity(ev: Evidence) -> Outcome:
    """Rarity-weighted token alignment of the best query name with the best listed name form.

    Tokens pair regardless of order; exact, spelling-skeleton, phonetic and edit-distance
    levels score 1.0, 0.95, 0.55-0.95 and 0.92-0.97 (one typo in six letters: 0.94, in ten
    letters: 0.97); an initial is compatible with a word of that letter (1.0) but weighs only
    as an initial.
    A word the lists never print one typo away from a legal form counts as that legal form.
    Unpaired tokens cost their rarity times a miss factor (patronymic 0.15, middle name 0.2,
    inner word of a person's name 0.25, given name 0.8, family name 1.2, number 1.5, legal form
    0.3, particle 0.2). Best over the query's names and renderings x the entity's names and
    renderings, choosing the pair that gives the highest name score.
    """
    if ev.name is None:
        return (0.0, "no name to compare")
    sim = ev.name.alignment.similarity
    if not ev.explain:
        return (sim, "")
    return (sim, f"{ev.name.query.text!r} ~ {ev.name.listed_name!r}: {sim:.2f}")


def closeness(similarity: float) -> float:
    """The ``name_close`` value of a name similarity."""
    return max(0.0, similarity - CLOSE_FROM) / (1 - CLOSE_FROM)


def name_close(ev: Evidence) -> Outcome:
    """How far the name similarity rises above 0.8, scaled to 0..1: near-exact names count extra."""
    if ev.name is None:
        return (0.0, "no name to compare")
    value = closeness(ev.name.alignment.similarity)
    if not ev.explain:
        return (value, "")
    return (value, f"similarity {ev.name.alignment.similarity:.2f} above {CLOSE_FROM}")


def name_rarity(ev: Evidence) -> Outcome:
    """How much identity the paired name words carry: their rarity (IDF) mass, 16 units = 1.0.

    An exact match on "Ali Hassan" carries less than one on "Shugaev Dmitry".
    """
    if ev.name is None:
        return (0.0, "no name to compare")
    mass = ev.name.alignment.information
    value = min(1.0, mass / RARITY_REFERENCE)
    return (value, f"paired words carry {mass:.1f} rarity units" if ev.explain else "")


def weak_alias(ev: Evidence) -> Outcome:
    """The best name is one the authority marks as a weak (low-quality) alias."""
    if ev.name is not None and ev.name.listed_kind == "weak_alias":
        return (-1.0, f"{ev.name.listed_name!r} is a weak alias" if ev.explain else "")
    return (0.0, "not a weak alias")


def number_conflict(ev: Evidence) -> Outcome:
    """Both names carry numbers and none agree ("11420 CORP" vs "11421 CORP")."""
    if ev.name is not None and ev.name.alignment.number_conflict:
        return (-1.0, "the names carry different numbers")
    return (0.0, "no number conflict")


def legal_form_conflict(ev: Evidence) -> Outcome:
    """Both names carry legal forms and none agree (LLC vs JSC): a small conflict."""
    if ev.name is not None and ev.name.alignment.legal_form_conflict:
        return (-1.0, "the names carry different legal forms")
    return (0.0, "no legal form conflict")


# -- identifiers -----------------------------------------------------------------------------


def _kinds_meet(a: IdKind, b: IdKind) -> bool:
    return a is b or (a in DOCUMENT_KINDS and b in DOCUMENT_KINDS)


def _countries_clash(a: IdentifierKey, b: IdentifierKey) -> bool:
    return a.country is not None and b.country is not None and a.country != b.country


def _strength(q: IdentifierKey, e: IdentifierKey) -> tuple[float, str]:
    """1.0 validated strong kind, 0.8 document number, 0 otherwise (weak) with a reason."""
    label = f"{e.kind.value} {e.value}"
    if q.valid is False or e.valid is False:
        return (0.0, f"{label} matches but fails its checksum")
    if _countries_clash(q, e):
        return (0.0, f"{label} matches but was issued by {e.country}, not {q.country}")
    if e.kind in STRONG_KINDS and e.valid:
        return (1.0, f"validated {label} matches")
    if len(e.value) < MIN_DOCUMENT_LENGTH:
        return (0.0, f"{label} matches but is too short to be distinctive")
    return (0.8, f"{label} matches")


def _identifier_matches(ev: Evidence) -> list[tuple[float, str]]:
    if not ev.query.identifiers:
        return []
    found = []
    for q in ev.query.identifiers:
        for e in ev.entity.identifiers:
            if e.value == q.value and _kinds_meet(q.kind, e.kind):
                found.append(_strength(q, e))
    return found


def identifier_match(ev: Evidence) -> Outcome:
    """A query identifier equals a listed one: 1.0 for a validated IMO, MMSI, LEI, BIC, INN,
    OGRN or wallet; 0.8 for a passport, national id or registration number of 5+ characters
    whose issuing countries do not clash. Kinds of identity document meet across headings."""
    matches = [m for m in _identifier_matches(ev) if m[0] > 0]
    if not matches:
        return (0.0, "no identifier match")
    return max(matches)


def identifier_weak(ev: Evidence) -> Outcome:
    """A query identifier equals a listed one that is invalid, too short, or issued by another
    country: weak evidence, reported as such (only when no strong identifier match exists)."""
    matches = _identifier_matches(ev)
    if not matches or any(m[0] > 0 for m in matches):
        return (0.0, "no weak identifier match")
    return (1.0, matches[0][1])


def identifier_conflict(ev: Evidence) -> Outcome:
    """Both sides carry a valid IMO (or LEI, INN, OGRN) and no value of that kind agrees:
    a vessel with another IMO number is another vessel."""
    if not ev.query.identifiers:
        return (0.0, "no identifier conflict")
    for kind in UNIQUE_KINDS:
        mine = {q.value for q in ev.query.identifiers if q.kind is kind and q.valid}
        theirs = {e.value for e in ev.entity.identifiers if e.kind is kind and e.valid}
        if mine and theirs and not mine & theirs:
            return (-1.0, f"{kind.value} {sorted(mine)[0]} differs from listed {sorted(theirs)[0]}")
    return (0.0, "no identifier conflict")


# -- birth date ------------------------------------------------------------------------------


@lru_cache(maxsize=65_536)
def compare_birth(q: BirthSpan, e: BirthSpan) -> tuple[float, float, str]:
    """(agreement, conflict, reason) of two birth dates, each 0..1 (remembered: a query's
    date meets the same listed dates again and again)."""
    if not (q.is_exact and e.is_exact):
        qlo, qhi = q.years()
        elo, ehi = e.years()
        if qlo <= ehi and elo <= qhi:
            return (0.5, 0.0, f"{q.label()} within {e.label()}")
        gap = max(elo - qhi, qlo - ehi)
        return (0.0, 0.6 if gap <= 1 else 1.0, f"{q.label()} outside {e.label()}")
    a, b = q.start, e.start
    if a.year != b.year:
        gap = abs(a.year - b.year)
        return (0.0, 0.6 if gap <= 1 else 1.0, f"born {a.iso()}, listed {b.iso()}")
    if a.month is None or b.month is None:
        return (0.6, 0.0, f"birth year {a.year} agrees")
    if a.month == b.month:
        if a.day is None or b.day is None:
            return (0.8, 0.0, f"birth month {a.year}-{a.month:02d} agrees")
        if a.day == b.day:
            return (1.0, 0.0, f"birth date {a.iso()} agrees")
        return (0.0, 0.4, f"born {a.iso()}, listed {b.iso()}")
    if a.day is not None and (a.month, a.day) == (b.day, b.month):
        return (0.7, 0.0, f"birth date {a.iso()} agrees with day and month swapped")
    return (0.0, 0.5, f"born {a.iso()}, listed {b.iso()}")


def _birth(ev: Evidence) -> tuple[float, float, str]:
    if not ev.query.birth_dates:
        return (0.0, 0.0, "no birth date in the query")
    pairs = [compare_birth(q, e) for q in ev.query.birth_dates for e in ev.entity.birth_dates]
    if not pairs:
        return (0.0, 0.0, "no birth date on one side")
    agree = max(pairs, key=lambda p: p[0])
    if agree[0] > 0:
        return agree
    return min(pairs, key=lambda p: p[1])


def birth_date(ev: Evidence) -> Outcome:
    """The query's birth date agrees with a listed one: 1.0 same day, 0.8 same month, 0.7 day
    and month swapped, 0.6 same year (one side gives only the year), 0.5 within a listed range
    or "circa" year (circa widens by one year each way)."""
    agree, _, reason = _birth(ev)
    return (agree, reason) if agree > 0 else (0.0, reason)


def birth_date_conflict(ev: Evidence) -> Outcome:
    """No birth date pair agrees: -1.0 years two or more apart, -0.6 one year apart, -0.5 same
    year but another month, -0.4 same month but another day; the least conflicting pair counts."""
    agree, conflict, reason = _birth(ev)
    return (-conflict, reason) if agree == 0 and conflict > 0 else (0.0, reason)


# -- country and gender ----------------------------------------------------------------------


def country_match(ev: Evidence) -> Outcome:
    """A query country (nationality, citizenship, residence, jurisdiction, flag) is among the
    listed entity's countries."""
    shared = ev.query.countries & ev.entity.countries
    if shared:
        return (1.0, f"country {', '.join(sorted(shared))} on both sides")
    return (0.0, "no shared country")


def country_conflict(ev: Evidence) -> Outcome:
    """Both sides name countries and none is shared (weak: people move and hold two passports)."""
    if ev.query.countries and ev.entity.countries and not ev.query.countries & ev.entity.countries:
        mine = ", ".join(sorted(ev.query.countries))
        theirs = ", ".join(sorted(ev.entity.countries))
        return (-1.0, f"countries {mine} vs listed {theirs}")
    return (0.0, "no country conflict")


def gender_conflict(ev: Evidence) -> Outcome:
    """Both sides state a gender and they differ."""
    q, e = ev.query.gender, ev.entity.gender
    if q is not None and e is not None and q != e:
        return (-1.0, f"gender {q} vs listed {e}")
    return (0.0, "no gender conflict")


FEATURES: tuple[Feature, ...] = (
    Feature("name_similarity", name_similarity, about_name=True),
    Feature("name_close", name_close, about_name=True),
    Feature("name_rarity", name_rarity, about_name=True),
    Feature("weak_alias", weak_alias, about_name=True),
    Feature("number_conflict", number_conflict, about_name=True),
    Feature("legal_form_conflict", legal_form_conflict, about_name=True),
    Feature("identifier_match", identifier_match, needs="identifiers"),
    Feature("identifier_weak", identifier_weak, needs="identifiers"),
    Feature("identifier_conflict", identifier_conflict, needs="identifiers"),
    Feature("birth_date", birth_date, needs="birth_dates"),
    Feature("birth_date_conflict", birth_date_conflict, needs="birth_dates"),
    Feature("country_match", country_match, needs="countries"),
    Feature("country_conflict", country_conflict, needs="countries"),
    Feature("gender_conflict", gender_conflict, needs="gender"),
)
NAME_FEATURES: Final = tuple(f for f in FEATURES if f.about_name)
OTHER_FEATURES: Final = tuple(f for f in FEATURES if not f.about_name)


def describe_features() -> dict[str, str]:
    """Each feature's name and documentation, in scoring order."""
    return {f.name: f.doc for f in FEATURES}
