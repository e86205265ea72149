"""The calibration deck: labelled query/entity cases built from a snapshot, for fitting weights.

Positives are true variants of a listed entity's own names (exact, case and punctuation, one
typo, another romanisation or the original script, word order, a dropped middle name, initials,
legal-form synonyms, glued words, weak aliases, a renamed vessel with its IMO), some carrying
the entity's birth date, country, gender or a document. Negatives are other people and firms:
recombined listed names, synthetic names (Faker, when installed), listed names with their rarest
word swapped, homonyms with another birth date, vessels with another IMO. Cases are split into
a fitting part and a held-out part by entity, so no entity informs both.
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sanctionguard.match.types import Query
from sanctionguard.model.identifiers import IdKind, make_identifier
from sanctionguard.names.fold import fold
from sanctionguard.names.translit import transliterator
from sanctionguard.store.snapshots import StoredEntity

HELD_OUT_SHARE = 5  # one entity in five is held out
_WORD = re.compile(r"[^\W\d_]+|\d+")
_LEGAL_SYNONYMS = (
    ("LLC", "Limited Liability Company", "OOO", "L.L.C."),
    ("JSC", "Joint Stock Company", "AO", "J.S.C."),
    ("LTD", "Limited", "Ltd."),
    ("CO", "Company", "Co."),
    ("CORP", "Corporation", "Corp."),
    ("PJSC", "Public Joint Stock Company", "PAO"),
    ("CJSC", "Closed Joint Stock Company", "ZAO"),
    ("INC", "Incorporated", "Inc."),
)
_ROMANISERS = ("Russian-Latin/BGN", "Cyrillic-Latin", "Any-Latin")
_SHIP_WORDS = ("STAR", "OCEAN", "GLORY", "PEARL", "SEA", "WIND", "LUCKY", "NOBLE", "GRACE")
_FAKER_LOCALES = ("en_US", "de_DE", "es_ES", "fr_FR", "tr_TR", "ru_RU", "ar_AA", "fa_IR", "uk_UA")


@dataclass(frozen=True)
class Case:
    """One labelled case: a query and the entity it must (or must not) match."""

    klass: str
    query: Query
    is_match: bool
    target: str | None  # entity id for positives and entity-derived negatives
    held_out: bool


@dataclass
class _Pools:
    """Words and names drawn from the snapshot, for building negatives."""

    given: list[str] = field(default_factory=list)
    family: list[str] = field(default_factory=list)
    org_words: list[str] = field(default_factory=list)


def held_out(entity_id: str) -> bool:
    """Whether an entity belongs to the held-out part (stable across runs)."""
    return zlib.crc32(entity_id.encode()) % HELD_OUT_SHARE == 0


def _names(item: StoredEntity, kinds: Sequence[str]) -> list[dict[str, Any]]:
    return [n for n in item.record.get("names", []) if n.get("kind") in kinds]


def _latin(name: dict[str, Any]) -> bool:
    return not name.get("original_script") and str(name["value"]).isascii()


def _person_words(name: dict[str, Any]) -> tuple[list[str], list[str]] | None:
    """(given words, family words) of a Latin personal name, from parts or comma order."""
    parts = name.get("parts") or {}
    if parts.get("given") and parts.get("family"):
        return (parts["given"].split(), parts["family"].split())
    value = str(name["value"])
    if "," in value:
        family, _, given = value.partition(",")
        if family.split() and given.split():
            return (given.split(), family.split())
    words = value.split()
    if len(words) >= 2:
        return (words[:-1], words[-1:])
    return None


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(("swap", "drop", "double", "replace"))
    if op == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op == "drop":
        return word[:i] + word[i + 1 :]
    if op == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeiounrst") + word[i + 1 :]


# -- positive variations (each: name record → query name or None) ---------------------------------

Variation = Callable[[StoredEntity, dict[str, Any], random.Random], str | None]


def v_exact(item: StoredEntity, name: dict[str, Any], rng: random.Random) -> str | None:
    return str(name["value"])


def v_case(item: StoredEntity, name: dict[str, Any], rng: random.Random) -> str | None:
    value = re.sub(r"[.,'\-]", rng.choice(("", " ")), str(name["value"]))
    return rng.choice((value.upper(), value.lower(), value.title()))


def v_typo(item: StoredEntity, name: dict[str, Any], rng: random.Random) -> str | None:
    words = str(name["value"]).split()
    long = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not long:
        return None
    i = rng.choice(long)
    words[i] = _typo(words[i], rng)
    return " ".join(words)


def v_order(item: StoredEntity, name: dict[str, Any], rng: random.Random) -> str | None:
    split = _person_words(name) if item.schema == "Person" else None
    if split is None:
        return None
    given, family = split
    return " ".join([*family, *given]) if rng.random() < 0.5 else f"{' '.join(family)} {given[0]}"


def v_middle(item: StoredEntity, name: dict[str, Any], rng: random.Random) -> str | None:
    split = _person_words(name) if item.schema == "Person" else None
    if split is None or len(split[0]) < 2:
        return None
    given, family = split
    return " ".join([given[0], *family])


def v_initials(item: StoredEntity, name: dict[str, Any], rng: random.Random) -> str | None:
    split = _person_words(name) if item.schema == "Person" else None
    if split is None or not split[0][0][:1].isalpha():
        return None
    given, family = split
    initials = " ".join(f"{g[0]}." for g in given[: rng.choice((1, len(given)))])
    return f"{initials} {' '.join(family)}"


def v_legal(item: StoredEntity, name: dict[str, Any], rng: random.Random) -> str | None:
    value = str(name["value"])
    for group in _LEGAL_SYNONYMS:
        for form in group:
            pattern = re.compile(rf"(?<!\w){re.escape(form)}(?!\w)", re.IGNORECASE)
            if pattern.search(value):
                other = rng.choice([g for g in group if g != form])
                return pattern.sub(other, value, count=1)
    return None


def v_glued(item: StoredEntity, name: dict[str, Any], rng: random.Random) -> str | None:
    words = str(name["value"]).split()
    if item.schema == "Person" or len(words) < 2:
        return None
    i = rng.randrange(len(words) - 1)
    return " ".join([*words[:i], words[i] + words[i + 1], *words[i + 2 :]])


def v_romanised(item: StoredEntity, name: dict[str, Any], rng: random.Random) -> str | None:
    value = str(name["value"])
    if value.isascii():
        return None
    system = rng.choice(_ROMANISERS)
    return str(transliterator(system).transliterate(value))


POSITIVES: dict[str, tuple[Variation, tuple[str, ...], bool]] = {
    # class: (variation, name kinds it applies to, Latin names only)
    "exact": (v_exact, ("primary", "strong_alias"), True),
    "case_punctuation": (v_case, ("primary", "strong_alias"), True),
    "typo": (v_typo, ("primary", "strong_alias"), True),
    "word_order": (v_order, ("primary", "strong_alias"), True),
    "missing_middle": (v_middle, ("primary", "strong_alias"), True),
    "initials": (v_initials, ("primary",), True),
    "legal_form": (v_legal, ("primary", "strong_alias"), True),
    "glued": (v_glued, ("primary", "strong_alias"), True),
    "original_script": (v_exact, ("primary", "strong_alias"), False),
    "romanised": (v_romanised, ("primary", "strong_alias"), False),
    "weak_alias": (v_exact, ("weak_alias",), True),
}


def _attributes(item: StoredEntity, rng: random.Random) -> dict[str, Any]:
    """Some of the entity's own facts, as a customer record might carry them."""
    record = item.record
    facts: dict[str, Any] = {}
    dates = [d for d in record.get("birth_dates", []) if not d.get("end") and not d.get("circa")]
    if dates and rng.random() < 0.4:
        start = str(rng.choice(dates)["start"])
        facts["birth_dates"] = (start[:4] if rng.random() < 0.3 else start,)
    props = record.get("properties", {})
    countries = props.get("nationality") or props.get("citizenship") or props.get("country")
    if countries and rng.random() < 0.3:
        facts["countries"] = (rng.choice(countries),)
    if props.get("gender") and rng.random() < 0.2:
        facts["gender"] = props["gender"][0]
    docs = [
        i
        for i in record.get("identifiers", [])
        if i["kind"] in ("passport", "national_id", "inn", "lei", "bic", "ogrn")
    ]
    if docs and rng.random() < 0.1:
        doc = rng.choice(docs)
        facts["identifiers"] = (make_identifier(IdKind(doc["kind"]), doc["raw"], doc["country"]),)
    return facts


def positive_cases(
    entities: Sequence[StoredEntity], per_class: int, rng: random.Random
) -> Iterator[Case]:
    """Up to ``per_class`` positives per variation class."""
    order = list(entities)
    rng.shuffle(order)
    for klass, (variation, kinds, latin_only) in POSITIVES.items():
        made = 0
        for item in order:
            if made >= per_class:
                break
            names = [n for n in _names(item, kinds) if _latin(n) == latin_only]
            if not names:
                continue
            query_name = variation(item, rng.choice(names), rng)
            if not query_name or not query_name.strip():
                continue
            schema = item.schema if rng.random() < 0.7 else None
            facts = _attributes(item, rng)
            query = Query(names=(query_name,), schema=schema, **facts)
            yield Case(klass, query, True, item.entity_id, held_out(item.entity_id))
            made += 1
    yield from _vessel_cases(order, per_class, rng, rename=True)


def _vessel_cases(
    entities: Sequence[StoredEntity], count: int, rng: random.Random, rename: bool
) -> Iterator[Case]:
    made = 0
    for item in entities:
        imos = [i for i in item.record.get("identifiers", []) if i["kind"] == "imo" and i["valid"]]
        if item.schema != "Vessel" or not imos or made >= count:
            continue
        name = f"{rng.choice(_SHIP_WORDS)} {rng.choice(_SHIP_WORDS)} {rng.randint(1, 9)}"
        if rename:
            imo = make_identifier(IdKind.IMO, imos[0]["value"], vessel=True)
            query = Query(names=(name,), schema="Vessel", identifiers=(imo,))
            yield Case("vessel_imo", query, True, item.entity_id, held_out(item.entity_id))
        else:
            other = _other_imo(imos[0]["value"], rng)
            query = Query(
                names=(str(item.record["names"][0]["value"]),),
                schema="Vessel",
                identifiers=(other,),
            )
            yield Case("other_imo", query, False, item.entity_id, held_out(item.entity_id))
        made += 1


def _other_imo(imo: str, rng: random.Random) -> Any:
    while True:
        digits = [rng.randint(0, 9) for _ in range(6)]
        digits[0] = rng.randint(7, 9)
        check = sum(d * w for d, w in zip(digits, range(7, 1, -1), strict=True)) % 10
        value = "".join(map(str, digits)) + str(check)
        if value != imo:
            return make_identifier(IdKind.IMO, value, vessel=True)


# -- negatives -----------------------------------------------------------------------------------


def _pools(entities: Sequence[StoredEntity]) -> _Pools:
    pools = _Pools()
    for item in entities:
        for name in _names(item, ("primary",)):
            if not _latin(name):
                continue
            if item.schema == "Person":
                split = _person_words(name)
                if split is not None:
                    pools.given.append(split[0][0])
                    pools.family.append(split[1][-1])
            elif item.schema in ("Organization", "Company"):
                pools.org_words.extend(w for w in _WORD.findall(str(name["value"])) if len(w) > 3)
    return pools


def _common_words(words: Sequence[str]) -> set[str]:
    """The 200 words most used in organisation names ("Trading", "International", "Bank")."""
    counts: dict[str, int] = {}
    for word in words:
        counts[word.lower()] = counts.get(word.lower(), 0) + 1
    return set(sorted(counts, key=lambda w: -counts[w])[:200])


def _facts_of_another(pool: Sequence[StoredEntity], rng: random.Random) -> dict[str, Any]:
    """Facts drawn as for positives but from a random other entity: negatives carry dates and
    countries as often as positives do, so agreement is not learnt from their mere presence.
    Identifiers are left out: another entity's passport would rightly find that entity."""
    facts = _attributes(rng.choice(pool), rng)
    facts.pop("identifiers", None)
    return facts


def negative_cases(
    entities: Sequence[StoredEntity], count: int, rng: random.Random
) -> Iterator[Case]:
    """About ``count`` negatives of each kind."""
    pools = _pools(entities)
    people = [e for e in entities if e.schema == "Person"]
    firms = [e for e in entities if e.schema in ("Organization", "Company")]
    listed = {fold(str(n["value"])) for e in entities for n in e.record.get("names", [])}
    for i in range(count):
        name = f"{rng.choice(pools.given)} {rng.choice(pools.family)}"
        if fold(name) in listed or fold(" ".join(name.split()[::-1])) in listed:
            continue  # a recombination that happens to be listed is no negative
        query = Query(names=(name,), schema="Person", **_facts_of_another(people, rng))
        yield Case("recombined_person", query, False, None, i % HELD_OUT_SHARE == 0)
    for i in range(count):
        words = rng.sample(pools.org_words, 2)
        name = f"{words[0]} {words[1]} {rng.choice(('LLC', 'LTD', ''))}"
        query = Query(names=(name,), **_facts_of_another(firms, rng))
        yield Case("recombined_company", query, False, None, i % HELD_OUT_SHARE == 0)
    yield from _faker_cases(count, rng, people, firms)
    yield from _near_misses(people, firms, pools, count, rng)
    order = list(entities)
    rng.shuffle(order)
    yield from _vessel_cases(order, count, rng, rename=False)


def _faker_cases(
    count: int,
    rng: random.Random,
    people: Sequence[StoredEntity],
    firms: Sequence[StoredEntity],
) -> Iterator[Case]:
    try:
        from faker import Faker  # the bench extra; negatives from the lists alone otherwise
    except ImportError:
        return
    fakers = [Faker(locale) for locale in _FAKER_LOCALES]
    for i, faker in enumerate(fakers):
        faker.seed_instance(rng.randint(0, 1 << 30) + i)
    for i in range(count):
        faker = fakers[i % len(fakers)]
        if i % 3 == 2:
            query = Query(names=(faker.company(),), **_facts_of_another(firms, rng))
            klass = "synthetic_company"
        else:
            name = f"{faker.first_name()} {faker.last_name()}"
            query = Query(names=(name,), schema="Person", **_facts_of_another(people, rng))
            klass = "synthetic_person"
        yield Case(klass, query, False, None, i % HELD_OUT_SHARE == 0)


def _near_misses(
    people: Sequence[StoredEntity],
    firms: Sequence[StoredEntity],
    pools: _Pools,
    count: int,
    rng: random.Random,
) -> Iterator[Case]:
    """Same surname with another given name; a common company word; homonyms."""
    for item in rng.sample(people, min(count, len(people))):
        names = [n for n in _names(item, ("primary",)) if _latin(n)]
        split = _person_words(names[0]) if names else None
        if split is None:
            continue
        other = rng.choice(pools.given)
        own = {w.lower() for n in item.record.get("names", []) for w in str(n["value"]).split()}
        if other.lower() in own:
            continue
        name = f"{other} {' '.join(split[1])}"
        query = Query(names=(name,), schema="Person", **_facts_of_another(people, rng))
        yield Case("same_surname", query, False, item.entity_id, held_out(item.entity_id))
    common = _common_words(pools.org_words)
    for item in rng.sample(firms, min(count, len(firms))):
        names = [n for n in _names(item, ("primary",)) if _latin(n)]
        words = (
            [w for w in _WORD.findall(str(names[0]["value"])) if w.lower() in common]
            if names
            else []
        )
        if not words:
            continue
        name = f"{rng.choice(pools.org_words)} {rng.choice(words)} {rng.choice(('LLC', 'LTD', ''))}"
        query = Query(names=(name,), **_facts_of_another(firms, rng))
        yield Case("company_word", query, False, item.entity_id, held_out(item.entity_id))
    yield from _homonyms(people, count, rng)


def _homonyms(people: Sequence[StoredEntity], count: int, rng: random.Random) -> Iterator[Case]:
    """The listed name exactly, but born years apart: another person of the same name."""
    made = 0
    for item in rng.sample(list(people), len(people)):
        dates = [d for d in item.record.get("birth_dates", []) if not d.get("end")]
        names = [n for n in _names(item, ("primary",)) if _latin(n)]
        if not dates or not names or made >= count:
            continue
        year = int(str(dates[0]["start"])[:4]) + rng.choice((-1, 1)) * rng.randint(3, 25)
        query = Query(names=(str(names[0]["value"]),), schema="Person", birth_dates=(str(year),))
        yield Case("homonym_other_birth", query, False, item.entity_id, held_out(item.entity_id))
        made += 1


def build_deck(entities: Sequence[StoredEntity], per_class: int, seed: int) -> list[Case]:
    """The whole deck: positives per class and negatives of every kind."""
    rng = random.Random(seed)
    cases = list(positive_cases(entities, per_class, rng))
    cases.extend(negative_cases(entities, per_class, rng))
    return cases
