"""The labelled accuracy deck: screening queries generated from the real lists, with answers.

Listed persons, organisations and vessels are sampled across lists and scripts; each gives
variants by class (typos, re-romanisations, original script, word order, missing middle name,
initials, legal forms, concatenation, case/punctuation, weak aliases, vessels by IMO under a
new name). Negatives are synthetic names in many locales plus near-misses of listed parties.

Every case carries the ids of all entities that are a correct hit: the same party is often
listed by several authorities, so entities are grouped across lists (shared IMO number, or
the same name words up to spelling with compatible birth years). The deck is seeded and
deterministic for one data set and one Faker version. It is split by a hash of the entity
group (or of the query text for synthetic negatives): 20 % of groups form a HELD-OUT part
that tuning must not look at; the rest is the tuning part.

Usage: python bench/deck.py [--data DIR] [--out FILE] [--seed N] [--per-class N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import variants as v
from sanctionguard.match.types import Query
from sanctionguard.model.identifiers import Identifier, IdKind, make_identifier

REPO = Path(__file__).resolve().parent.parent
LIST_PATHS = (
    "ofac/sdn.csv",
    "ofac/add.csv",
    "ofac/alt.csv",
    "ofac/sdn_comments.csv",
    "un",
    "eu/journal_sanctions/consolidated",
    "uk/covyr_derived",
    "ca",
    "au",
    "csl/consolidated.csv.gz",
)
POSITIVE_CLASSES = (
    "typo",
    "translit_cyrillic",
    "translit_arabic",
    "original_script",
    "word_order",
    "missing_middle",
    "initials",
    "legal_form",
    "concatenation",
    "case_punctuation",
    "weak_alias",
    "vessel_imo",
)
NEGATIVE_CLASSES = (
    "neg_synthetic_person",
    "neg_synthetic_company",
    "neg_same_surname",
    "neg_company_word",
    "neg_birth_year",
)
HELDOUT_PERCENT = 20
TUNING, HELDOUT = "tuning", "heldout"
ORG_SCHEMAS = frozenset({"Organization", "Company", "LegalEntity"})
PERSON_LOCALES = (
    "en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "es_MX", "it_IT", "pt_BR", "nl_NL", "pl_PL",
    "tr_TR", "ru_RU", "uk_UA", "ar_AA", "ar_EG", "fa_IR", "he_IL", "el_GR", "hy_AM", "ka_GE",
    "zh_CN", "zh_TW", "ja_JP", "ko_KR", "hi_IN", "id_ID", "vi_VN", "th_TH", "bg_BG", "cs_CZ",
    "hu_HU", "ro_RO", "sv_SE", "az_AZ", "bn_BD", "en_NG", "sw", "fil_PH", "uz_UZ", "sr_BA",
)  # fmt: skip
COMPANY_LOCALES = (
    "en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pl_PL", "tr_TR", "ru_RU",
    "uk_UA", "zh_CN", "ja_JP", "ko_KR", "pt_BR", "cs_CZ", "hu_HU", "fa_IR", "ar_AA", "id_ID",
)  # fmt: skip


@dataclass(frozen=True)
class Case:
    """One deck query, the entities that are a correct hit (none for negatives), its class."""

    id: str
    klass: str
    split: str
    query: Query
    expected: tuple[str, ...]
    entity: str | None = None  # the listed entity the case was made from
    listed_name: str | None = None  # the listed name the variant was made from
    note: str = ""  # how it was made, e.g. the romanisation system
    # original_script only: the party's other entries that print the query in its script. A
    # hit there finds the party but tests no cross-script matching, so it is not in
    # ``expected``; the report shows it apart.
    same_script: tuple[str, ...] = ()

    @property
    def positive(self) -> bool:
        return bool(self.expected)

    def to_json(self) -> dict[str, Any]:
        q = self.query
        return {
            "id": self.id,
            "class": self.klass,
            "split": self.split,
            "query": {
                "names": list(q.names),
                "schema": q.schema,
                "birth_dates": list(q.birth_dates),
                "countries": list(q.countries),
                "identifiers": [i.to_dict() for i in q.identifiers],
            },
            "expected": list(self.expected),
            "entity": self.entity,
            "listed_name": self.listed_name,
            "note": self.note,
            "same_script": list(self.same_script),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Case:
        q = data["query"]
        query = Query(
            names=tuple(q["names"]),
            schema=q.get("schema"),
            birth_dates=tuple(q.get("birth_dates", ())),
            countries=tuple(q.get("countries", ())),
            identifiers=tuple(Identifier.from_dict(i) for i in q.get("identifiers", ())),
            id=data["id"],
        )
        return cls(
            id=data["id"],
            klass=data["class"],
            split=data["split"],
            query=query,
            expected=tuple(data["expected"]),
            entity=data.get("entity"),
            listed_name=data.get("listed_name"),
            note=data.get("note", ""),
            same_script=tuple(data.get("same_script", ())),
        )


# --- loading


def data_dir() -> Path:
    return Path(os.environ.get("SANCTIONGUARD_DATA", str(REPO.parent / "shared" / "data")))


def list_paths(data: Path) -> list[Path]:
    return [data / p for p in LIST_PATHS if (data / p).exists()]


def load_records(data: Path) -> list[dict[str, Any]]:
    """Every entry of the lists under ``data`` as its stored record (``ListEntry.to_record``)."""
    from sanctionguard.sources.base import Limits
    from sanctionguard.sources.loader import parse_bundles, plan_bundles
    from sanctionguard.sources.registry import all_formats

    formats = all_formats()
    bundles, _ = plan_bundles(list_paths(data), formats, Limits())
    parsed = parse_bundles(bundles, formats, workers=None)
    return [entry.to_record() for source in parsed for entry in source.entries]


# --- the catalogue: listed entities grouped across lists, and an index of their names


def family_of(schema: str) -> str | None:
    if schema in ORG_SCHEMAS:
        return "Organization"
    return schema if schema in {"Person", "Vessel"} else None


def latin_names(record: dict[str, Any], kinds: Iterable[str]) -> list[str]:
    """The record's Latin-script names of the given kinds, persons in reading order."""
    wanted = set(kinds)
    return [
        v.natural_name(n["value"], record["schema"])
        for n in record["names"]
        if n["kind"] in wanted
        and not n.get("original_script")
        and v.script_of(n["value"]) == "LATIN"
    ]


def birth_years(record: dict[str, Any]) -> set[int]:
    years: set[int] = set()
    for bd in record["birth_dates"]:
        start = int(bd["start"][:4])
        end = int((bd.get("end") or bd["start"])[:4])
        years.update(range(start - 1 if bd.get("circa") else start, end + 1))
    return years


class Parties:
    """Union-find over entity ids that never puts two entries of one list in one party."""

    def __init__(self, list_of: dict[str, str]) -> None:
        self.parent: dict[str, str] = {}
        self.lists: dict[str, set[str]] = {}
        self.list_of = list_of

    def find(self, item: str) -> str:
        if item not in self.parent:
            self.parent[item] = item
            self.lists[item] = {self.list_of[item]}
        root = item
        while root != self.parent[root]:
            root = self.parent[root]
        self.parent[item] = root
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or self.lists[ra] & self.lists[rb]:
            return
        keep, drop = min(ra, rb), max(ra, rb)
        self.parent[drop] = keep
        self.lists[keep] |= self.lists.pop(drop)


@dataclass
class Catalogue:
    """The listed entities the deck is built from, grouped into parties across lists."""

    records: dict[str, dict[str, Any]]
    group_of: dict[str, str]
    members: dict[str, list[str]]
    name_keys: dict[tuple[str, ...], set[str]]  # loose name key -> entity ids
    postings: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)  # token -> keys
    name_text: list[str] = field(default_factory=list)  # folded text of every listed name
    name_owner: list[str] = field(default_factory=list)  # its entity id
    token_names: dict[str, list[int]] = field(default_factory=dict)  # loose token -> names

    def group_folds(self, entity_id: str) -> set[str]:
        """Folded text of every name of every entity in the entity's group."""
        return {
            v.fold(n["value"])
            for m in self.members[self.group_of[entity_id]]
            for n in self.records[m]["names"]
        }

    def group_raw(self, entity_id: str) -> set[str]:
        return {
            n["value"]
            for m in self.members[self.group_of[entity_id]]
            for n in self.records[m]["names"]
        }

    def expected(self, entity_id: str) -> tuple[str, ...]:
        return tuple(sorted(self.members[self.group_of[entity_id]]))

    def group_years(self, entity_id: str) -> set[int]:
        members = self.members[self.group_of[entity_id]]
        return {y for m in members for y in birth_years(self.records[m])}

    def is_listed_like(self, name: str) -> bool:
        """Whether ``name`` is, up to spelling and order, a listed name or part of one.

        A negative must not be one: "Ivan Petrov" is no clean non-match when "Ivan Ivanovich
        Petrov" is listed.
        """
        key = v.loose_tokens(name)
        if not key or key in self.name_keys:
            return True
        tokens = set(key)
        rarest = min(key, key=lambda t: len(self.postings.get(t, ())))
        for listed in self.postings.get(rarest, ()):
            shorter = min(len(listed), len(key))
            if shorter >= 2 and (tokens <= set(listed) or set(listed) <= tokens):
                return True
        return bool(self.close_owners(name))

    def close_owners(self, name: str, wide: bool = False) -> set[str]:
        """Entries with a name that may well be ``name``: a screener is right to alert on them.

        A listed name is close when every word of the shorter of the two names has a
        counterpart in the longer one (Jaro-Winkler at least 0.78: "Dmitri KOVTUN" and "Dmitry
        Vadimovich KOVTUN", "Iury" and "Yuriy"), or when the two read alike with spaces
        removed ("ALOTAIBI" and "AL OTAIBI"). Only listed names sharing a word (up to
        spelling) and of a token-set ratio of 40 or more are tried; ``wide``, also a word with
        a Russian initial vowel written the other way (``variants.loose_spellings``) and a
        ratio of 30 ("Yevgeny Fyodorov" and "Evgeny Alekseevich FEDOROV" score 38): the
        birth-year negatives' test, added in December 2026 without changing the other
        negatives' draws.
        """
        from rapidfuzz import fuzz, process

        ids: set[int] = set()
        keys = v.loose_spellings(name) if wide else set(v.loose_tokens(name))
        for token in sorted(keys):
            ids.update(self.token_names.get(token, ()))
        choices = {i: self.name_text[i] for i in sorted(ids)}
        query = v.fold(name)
        rough = process.extract(
            query, choices, scorer=fuzz.token_set_ratio, score_cutoff=30 if wide else 40, limit=None
        )
        return {self.name_owner[i] for text, _, i in rough if names_close(query, text)}


def names_close(a: str, b: str) -> bool:
    """Whether two folded names may be one: see ``Catalogue.close_owners``."""
    from rapidfuzz import fuzz

    if fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")) >= 90:
        return True
    small, big = sorted((a.split(), b.split()), key=len)
    return _covered(small, big)


def _covered(small: list[str], big: list[str]) -> bool:
    free = list(big)
    for token in small:
        scores = [_word_similarity(token, other) for other in free]
        if not scores or max(scores) < 0.78:
            return False
        free.pop(scores.index(max(scores)))
    return True


def _word_similarity(a: str, b: str) -> float:
    """Jaro-Winkler, also without a glued Arabic article ("alayyubi" ~ "ayyubi")."""
    from rapidfuzz.distance import JaroWinkler

    pairs = [(a, b)]
    pairs += [(a[2:], b) for p in ("al", "el") if a.startswith(p) and len(a) > 5]
    pairs += [(a, b[2:]) for p in ("al", "el") if b.startswith(p) and len(b) > 5]
    return max(JaroWinkler.similarity(x, y) for x, y in pairs)


def build_catalogue(records: Sequence[dict[str, Any]]) -> Catalogue:
    """Index the records and group the same party across lists.

    Entries are one party when they share a valid IMO number, or a name (two words or more,
    spelling aside) with compatible birth years. A list never lists one party twice, so a
    group holds at most one entry per list; IMO numbers and longer names are applied first.
    """
    kept = {r["id"]: r for r in records if family_of(r["schema"])}
    uf = Parties({eid: r["list"] for eid, r in kept.items()})
    buckets: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    imo: dict[str, list[str]] = defaultdict(list)
    name_keys: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for eid, rec in kept.items():
        uf.find(eid)
        fam = str(family_of(rec["schema"]))
        for name in rec["names"]:
            key = v.loose_tokens(name["value"])
            if key:
                name_keys[key].add(eid)
        for name in latin_names(rec, ("primary", "strong_alias", "former")):
            key = v.loose_tokens(name)
            if len(key) >= 2 or (fam == "Organization" and key and len(key[0]) >= 5):
                buckets[(fam, key)].append(eid)
        for ident in rec["identifiers"]:
            if ident["kind"] == IdKind.IMO.value and fam == "Vessel" and ident.get("valid"):
                imo[ident["value"]].append(eid)
    for ids in imo.values():
        for other in ids[1:]:
            uf.union(ids[0], other)
    for (fam, _key), ids in sorted(buckets.items(), key=lambda kv: (-len(kv[0][1]), kv[0])):
        _union_compatible(uf, sorted(set(ids)), kept, fam)
    group_of = {eid: uf.find(eid) for eid in kept}
    members: dict[str, list[str]] = defaultdict(list)
    for eid, group in sorted(group_of.items()):
        members[group].append(eid)
    postings: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for key in name_keys:
        for token in key:
            postings[token].add(key)
    cat = Catalogue(kept, group_of, dict(members), dict(name_keys), dict(postings))
    token_names: dict[str, list[int]] = defaultdict(list)
    for eid, rec in kept.items():
        for name in rec["names"]:
            for token in set(v.loose_tokens(name["value"])):
                token_names[token].append(len(cat.name_text))
            cat.name_text.append(v.fold(name["value"]))
            cat.name_owner.append(eid)
    cat.token_names = dict(token_names)
    return cat


def _union_compatible(
    uf: Parties, ids: list[str], records: dict[str, dict[str, Any]], family: str
) -> None:
    """Same name words: one party, unless both are persons with disjoint birth years."""
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            if family == "Person":
                ya, yb = birth_years(records[a]), birth_years(records[b])
                if ya and yb and not ya & yb:
                    continue
            uf.union(a, b)


# --- split


def split_of(key: str) -> str:
    """HELD-OUT for a fixed 20 % of keys (entity groups or synthetic names), else tuning."""
    digest = hashlib.sha256(f"sanctionguard-deck:{key}".encode()).hexdigest()
    return HELDOUT if int(digest[:8], 16) % 100 < HELDOUT_PERCENT else TUNING


# --- positive cases

Draft = tuple[str, str, str]  # (query name, listed name it came from, note)
Maker = Callable[[Catalogue, dict[str, Any], random.Random], Draft | None]


def _choose_name(record: dict[str, Any], rng: random.Random, max_words: int = 6) -> str | None:
    names = [
        n
        for n in latin_names(record, ("primary", "strong_alias"))
        if 1 <= len(n.split()) <= max_words and len(v.fold(n)) >= 3
    ]
    if record["schema"] == "Person":
        names = [n for n in names if len(n.split()) >= 2]
    return v.pick(rng, names) if names else None


def _new_form(cat: Catalogue, record: dict[str, Any], variant: str | None) -> bool:
    """A variant counts only if no listed name of the party already reads the same, and no
    other party bears it ("Omar Mohammed" from "Omar Uthman Mohammed" names others too)."""
    if not variant or v.fold(variant) in cat.group_folds(record["id"]):
        return False
    group = cat.group_of[record["id"]]
    owners = cat.name_keys.get(v.loose_tokens(variant), set())
    return all(cat.group_of[o] == group for o in owners)


def make_typo(cat: Catalogue, rec: dict[str, Any], rng: random.Random) -> Draft | None:
    name = _choose_name(rec, rng)
    variant = v.typo(name, rng) if name else None
    return (str(variant), str(name), "") if _new_form(cat, rec, variant) else None


def make_translit_cyrillic(cat: Catalogue, rec: dict[str, Any], rng: random.Random) -> Draft | None:
    originals = [
        n["value"]
        for n in rec["names"]
        if n["kind"] in {"primary", "strong_alias"} and v.script_of(n["value"]) == "CYRILLIC"
    ]
    if not originals:
        return None
    original = v.pick(rng, sorted(originals))
    person = rec["schema"] == "Person"
    systems = list(v.ROMANISATION_SYSTEMS if person else v.ORGANISATION_SYSTEMS)
    rng.shuffle(systems)
    for system in systems:
        variant = v.romanise_cyrillic(original, system)
        if _new_form(cat, rec, variant):
            return (variant, original, system)
    return None


def make_translit_arabic(cat: Catalogue, rec: dict[str, Any], rng: random.Random) -> Draft | None:
    names = [
        n
        for n in latin_names(rec, ("primary", "strong_alias"))
        if v.has_arabic_spelling(n) and (rec["schema"] != "Person" or len(n.split()) >= 2)
    ]
    if not names:
        return None
    name = v.pick(rng, names)
    variant = v.arabic_spelling(name, rng)
    return (str(variant), name, "") if _new_form(cat, rec, variant) else None


def make_word_order(cat: Catalogue, rec: dict[str, Any], rng: random.Random) -> Draft | None:
    return _person_variant(cat, rec, rng, v.word_order)


def make_missing_middle(cat: Catalogue, rec: dict[str, Any], rng: random.Random) -> Draft | None:
    return _person_variant(cat, rec, rng, v.drop_middle)


def make_initials(cat: Catalogue, rec: dict[str, Any], rng: random.Random) -> Draft | None:
    return _person_variant(cat, rec, rng, v.initials)


def _person_variant(
    cat: Catalogue,
    rec: dict[str, Any],
    rng: random.Random,
    change: Callable[[v.PersonName, random.Random], str | None],
) -> Draft | None:
    if rec["schema"] != "Person":
        return None
    name = _choose_name(rec, rng)
    parsed = v.person_name(name) if name else None
    variant = change(parsed, rng) if parsed else None
    return (str(variant), str(name), "") if _new_form(cat, rec, variant) else None


def make_legal_form(cat: Catalogue, rec: dict[str, Any], rng: random.Random) -> Draft | None:
    if rec["schema"] not in ORG_SCHEMAS:
        return None
    names = [n for n in latin_names(rec, ("primary", "strong_alias")) if v.find_legal_form(n)]
    if not names:
        return None
    name = v.pick(rng, names)
    variant = v.legal_form_variant(name, rng)
    return (str(variant), name, "") if _new_form(cat, rec, variant) else None


def make_concatenation(cat: Catalogue, rec: dict[str, Any], rng: random.Random) -> Draft | None:
    name = _choose_name(rec, rng)
    variant = v.concatenate(name, rng) if name else None
    return (str(variant), str(name), "") if _new_form(cat, rec, variant) else None


def make_case_punctuation(cat: Catalogue, rec: dict[str, Any], rng: random.Random) -> Draft | None:
    name = _choose_name(rec, rng)
    variant = v.case_punctuation(name, rec["schema"], rng) if name else None
    if not variant or variant in cat.group_raw(rec["id"]):
        return None
    return (variant, str(name), "")


MAKERS: dict[str, Maker] = {
    "typo": make_typo,
    "translit_cyrillic": make_translit_cyrillic,
    "translit_arabic": make_translit_arabic,
    "word_order": make_word_order,
    "missing_middle": make_missing_middle,
    "initials": make_initials,
    "legal_form": make_legal_form,
    "concatenation": make_concatenation,
    "case_punctuation": make_case_punctuation,
}


def _query_schema(record: dict[str, Any], rng: random.Random) -> str | None:
    fam = family_of(record["schema"])
    if fam == "Vessel":
        return "Vessel"
    return None if rng.random() < 0.2 else fam


def _query_dates(record: dict[str, Any], rng: random.Random) -> tuple[str, ...]:
    if record["schema"] != "Person" or not record["birth_dates"] or rng.random() >= 0.3:
        return ()
    return (record["birth_dates"][0]["start"],)


def _interleaved(cat: Catalogue, rng: random.Random) -> list[dict[str, Any]]:
    """All records shuffled, then taken list by list in turn (every list gets its share)."""
    by_list: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for eid in sorted(cat.records):
        rec = cat.records[eid]
        by_list[rec["list"]].append(rec)
    queues = []
    for name in sorted(by_list):
        queue = by_list[name]
        rng.shuffle(queue)
        queues.append(queue)
    out: list[dict[str, Any]] = []
    for i in range(max(len(q) for q in queues)):
        out += [q[i] for q in queues if i < len(q)]
    return out


def positive_cases(cat: Catalogue, klass: str, count: int, rng: random.Random) -> list[Case]:
    """Up to ``count`` cases of one variation class, one per party, across lists in turn."""
    if klass == "original_script":
        return original_script_cases(cat, count, rng)
    if klass == "weak_alias":
        return weak_alias_cases(cat, count, rng)
    if klass == "vessel_imo":
        return vessel_imo_cases(cat, count, rng)
    maker = MAKERS[klass]
    cases: list[Case] = []
    used: set[str] = set()
    for rec in _interleaved(cat, rng):
        group = cat.group_of[rec["id"]]
        if group in used:
            continue
        draft = maker(cat, rec, rng)
        if draft is None:
            continue
        used.add(group)
        cases.append(_case(cat, klass, rec, draft, cat.expected(rec["id"]), rng))
        if len(cases) >= count:
            break
    return cases


def _case(
    cat: Catalogue,
    klass: str,
    rec: dict[str, Any],
    draft: Draft,
    expected: tuple[str, ...],
    rng: random.Random,
    identifiers: tuple[Identifier, ...] = (),
) -> Case:
    query_name, listed, note = draft
    digest = hashlib.sha1(f"{rec['id']}|{query_name}".encode()).hexdigest()
    case_id = f"{klass}-{digest[:10]}"
    query = Query(
        names=(query_name,),
        schema=_query_schema(rec, rng),
        birth_dates=_query_dates(rec, rng),
        identifiers=identifiers,
        id=case_id,
    )
    return Case(
        id=case_id,
        klass=klass,
        split=split_of(cat.group_of[rec["id"]]),
        query=query,
        expected=expected,
        entity=rec["id"],
        listed_name=listed,
        note=note,
    )


_ANNOTATION = re.compile(r"\([^)]*[A-Za-z][^)]*\)")  # "(Tigrinya)" after a name


def original_script_cases(cat: Catalogue, count: int, rng: random.Random) -> list[Case]:
    """A person's name in its original script, to be found on lists that give it only in Latin.

    Persons only: an organisation's Latin name is mostly a translation, not a romanisation.
    The source entity lists the original-script name itself, so a hit on it proves nothing;
    the expected hits are the same party's entries on other lists without that script.
    """
    by_script: dict[str, list[Case]] = defaultdict(list)
    used: set[tuple[str, str]] = set()
    for rec in _interleaved(cat, rng):
        if rec["schema"] != "Person":
            continue
        group = cat.group_of[rec["id"]]
        for name in rec["names"]:
            script = v.script_of(name["value"])
            if script in {"LATIN", "NONE"} or (group, script) in used:
                continue
            latin_only = tuple(
                m
                for m in cat.members[group]
                if not any(v.script_of(n["value"]) == script for n in cat.records[m]["names"])
            )
            if not latin_only:
                continue
            used.add((group, script))
            query = _ANNOTATION.sub(" ", name["value"]).strip()
            draft = (" ".join(query.split()), name["value"], script.lower())
            case = _case(cat, "original_script", rec, draft, latin_only, rng)
            others = tuple(m for m in cat.members[group] if m not in latin_only and m != rec["id"])
            by_script[script].append(replace(case, same_script=others))
    return _round_robin(by_script, count)


def _round_robin(groups: dict[str, list[Case]], count: int) -> list[Case]:
    out: list[Case] = []
    queues = [groups[k] for k in sorted(groups)]
    for i in range(max((len(q) for q in queues), default=0)):
        out += [q[i] for q in queues if i < len(q)]
    return out[:count]


def weak_alias_cases(cat: Catalogue, count: int, rng: random.Random) -> list[Case]:
    """A weak alias ("a.k.a., low quality") as the query; any party listing it is a hit.

    Weak aliases that name more than five parties ("Abu Muhammad") cannot single out an
    entry and are left out, as are one-word aliases under five letters and aliases with no
    word of three letters besides a legal form ("D COMPANY").
    """
    cases: list[Case] = []
    used: set[str] = set()
    for rec in _interleaved(cat, rng):
        weak = [n["value"] for n in rec["names"] if n["kind"] == "weak_alias"]
        if not weak or cat.group_of[rec["id"]] in used:
            continue
        alias = v.natural_name(v.pick(rng, weak), rec["schema"])
        words = v.fold(alias).split()
        found = v.find_legal_form(alias)
        bare = [
            w
            for w in v.fold(alias.replace(found.group(0), " ") if found else alias).split()
            if w not in v.GENERIC_COMPANY_WORDS
        ]
        if not any(len(w) >= 3 for w in bare) or (len(words) == 1 and len(words[0]) < 5):
            continue
        owners = cat.name_keys.get(v.loose_tokens(alias), set())
        groups = {cat.group_of[o] for o in owners}
        if len(groups) > 5:
            continue
        used.add(cat.group_of[rec["id"]])
        expected = tuple(sorted({m for g in groups for m in cat.members[g]}))
        cases.append(_case(cat, "weak_alias", rec, (alias, alias, ""), expected, rng))
        if len(cases) >= count:
            break
    return cases


def vessel_imo_cases(cat: Catalogue, count: int, rng: random.Random) -> list[Case]:
    """A listed vessel's IMO number under a new, unlisted name (a renamed ship)."""
    cases: list[Case] = []
    used: set[str] = set()
    for rec in _interleaved(cat, rng):
        if rec["schema"] != "Vessel" or cat.group_of[rec["id"]] in used:
            continue
        imos = [
            make_identifier(IdKind.IMO, i["value"], vessel=True)
            for i in rec["identifiers"]
            if i["kind"] == "imo"
        ]
        imos = [i for i in imos if i.valid]
        if not imos:
            continue
        name = v.ship_name(rng)
        if not _new_form(cat, rec, name):
            continue
        used.add(cat.group_of[rec["id"]])
        ident = imos[0]
        draft = (name, v.natural_name(rec["caption"], "Vessel"), f"IMO {ident.value}")
        cases.append(_case(cat, "vessel_imo", rec, draft, cat.expected(rec["id"]), rng, (ident,)))
        if len(cases) >= count:
            break
    return cases


# --- negatives


def _fakers(locales: Sequence[str], seed: int) -> list[Any]:
    from faker import Faker

    fakers = []
    for i, locale in enumerate(locales):
        fake = Faker(locale)
        fake.seed_instance(seed * 1000 + i)
        fakers.append(fake)
    return fakers


def _romanised(name: str) -> str:
    return " ".join(w.capitalize() for w in v.fold(name).split())


def _negative(klass: str, name: str, schema: str | None, dates: tuple[str, ...], key: str) -> Case:
    digest = hashlib.sha1(f"{name}|{dates}".encode()).hexdigest()
    case_id = f"{klass}-{digest[:10]}"
    query = Query(names=(name,), schema=schema, birth_dates=dates, id=case_id)
    return Case(id=case_id, klass=klass, split=split_of(key), query=query, expected=())


def _random_date(rng: random.Random) -> tuple[str, ...]:
    if rng.random() >= 0.3:
        return ()
    return (f"{rng.randint(1940, 2002)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",)


def synthetic_people(cat: Catalogue, count: int, rng: random.Random, seed: int) -> list[Case]:
    """Faker person names in many locales and scripts; half of non-Latin ones romanised."""
    fakers = _fakers(PERSON_LOCALES, seed)
    cases: dict[str, Case] = {}
    attempts = 0
    while len(cases) < count and attempts < count * 20:
        attempts += 1
        fake = fakers[attempts % len(fakers)]
        name = " ".join(f"{fake.first_name()} {fake.last_name()}".split())
        if v.script_of(name) != "LATIN" and rng.random() < 0.5:
            name = _romanised(name)
        if name in cases or cat.is_listed_like(name):
            continue
        schema = None if rng.random() < 0.2 else "Person"
        cases[name] = _negative("neg_synthetic_person", name, schema, _random_date(rng), name)
    return list(cases.values())


def synthetic_companies(cat: Catalogue, count: int, rng: random.Random, seed: int) -> list[Case]:
    """Faker company names in many locales."""
    fakers = _fakers(COMPANY_LOCALES, seed + 1)
    cases: dict[str, Case] = {}
    attempts = 0
    while len(cases) < count and attempts < count * 20:
        attempts += 1
        fake = fakers[attempts % len(fakers)]
        name = " ".join(fake.company().split())
        if name in cases or cat.is_listed_like(name):
            continue
        schema = None if rng.random() < 0.2 else "Organization"
        cases[name] = _negative("neg_synthetic_company", name, schema, (), name)
    return list(cases.values())


def same_surname(cat: Catalogue, count: int, rng: random.Random) -> list[Case]:
    """A listed person's family name with another listed person's given name."""
    people = [r for r in _interleaved(cat, rng) if r["schema"] == "Person"]
    given_pool = sorted(
        {
            parsed.given[0]
            for r in people
            for n in latin_names(r, ("primary",))
            if (parsed := v.person_name(n))
            and len(parsed.given[0]) > 2
            and parsed.given[0].isalpha()
        }
    )
    cases: list[Case] = []
    seen: set[str] = set()
    for rec in people:
        name = _choose_name(rec, rng)
        parsed = v.person_name(name) if name else None
        if parsed is None:
            continue
        given = v.pick(rng, given_pool)
        query = f"{given} {' '.join(parsed.family)}"
        if query in seen or v.loose_tokens(given)[0] in v.loose_tokens(str(name)):
            continue
        if cat.is_listed_like(query):
            continue
        seen.add(query)
        schema = None if rng.random() < 0.2 else "Person"
        key = cat.group_of[rec["id"]]
        cases.append(_negative("neg_same_surname", query, schema, _random_date(rng), key))
        if len(cases) >= count:
            break
    return cases


def company_word(cat: Catalogue, count: int, rng: random.Random, seed: int) -> list[Case]:
    """A listed organisation's common words ("Trading", "Bank") around new distinctive words."""
    orgs = [r for r in _interleaved(cat, rng) if r["schema"] in ORG_SCHEMAS]
    fake = _fakers(("en_US",), seed + 2)[0]
    cases: list[Case] = []
    seen: set[str] = set()
    for rec in orgs:
        name = _choose_name(rec, rng, max_words=5)
        if not name:
            continue
        words = name.split()
        common = [w for w in words if v.fold(w) in v.GENERIC_COMPANY_WORDS]
        if not common or len(common) == len(words):
            continue
        query = " ".join(
            w if w in common else fake.last_name().upper() if w.isupper() else fake.last_name()
            for w in words
        )
        if query in seen or cat.is_listed_like(query):
            continue
        seen.add(query)
        key = cat.group_of[rec["id"]]
        cases.append(_negative("neg_company_word", query, "Organization", (), key))
        if len(cases) >= count:
            break
    return cases


def other_birth_year(cat: Catalogue, count: int, rng: random.Random) -> list[Case]:
    """A listed person's exact name with a birth date at least five years from theirs.

    Only names whose every listed bearer (in any spelling, see ``Catalogue.close_owners``)
    gives a birth date: against an entry without one, a name-only alert is the right answer.
    """
    cases: list[Case] = []
    for rec in _interleaved(cat, rng):
        if rec["schema"] != "Person" or not rec["birth_dates"]:
            continue
        name = _choose_name(rec, rng)
        if not name:
            continue
        # Clean only if every entry bearing the name, spelt in any way, gives a birth date.
        owners = cat.close_owners(name, wide=True) | set(cat.members[cat.group_of[rec["id"]]])
        spans = [birth_years(cat.records[o]) for o in sorted(owners)]
        if not all(spans):
            continue
        taken = set().union(*spans)
        year = (
            min(taken) - rng.randint(5, 15)
            if rng.random() < 0.5
            else max(taken) + rng.randint(5, 15)
        )
        if any(abs(year - t) < 5 for t in taken):
            continue
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        key = cat.group_of[rec["id"]]
        cases.append(_negative("neg_birth_year", name, "Person", (date,), key))
        if len(cases) >= count:
            break
    return cases


# --- the deck


def build_deck(
    records: Sequence[dict[str, Any]],
    seed: int = 7,
    per_class: int = 300,
    negatives_per_class: int = 500,
) -> list[Case]:
    """The whole deck: ``per_class`` cases of each variation class and of each negative kind."""
    cat = build_catalogue(records)
    return deck_from_catalogue(cat, seed, per_class, negatives_per_class)


def deck_from_catalogue(
    cat: Catalogue, seed: int, per_class: int, negatives_per_class: int
) -> list[Case]:
    cases: list[Case] = []
    for i, klass in enumerate(POSITIVE_CLASSES):
        cases += positive_cases(cat, klass, per_class, random.Random(seed * 100 + i))
    n = negatives_per_class
    rng = random.Random(seed * 100 + 50)
    cases += synthetic_people(cat, n, rng, seed)
    cases += synthetic_companies(cat, n, rng, seed)
    cases += same_surname(cat, n, random.Random(seed * 100 + 51))
    cases += company_word(cat, n, random.Random(seed * 100 + 52), seed)
    cases += other_birth_year(cat, n, random.Random(seed * 100 + 53))
    return cases


def write_deck(cases: Iterable[Case], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for case in cases:
            out.write(json.dumps(case.to_json(), ensure_ascii=False) + "\n")


def read_deck(path: Path) -> list[Case]:
    with path.open(encoding="utf-8") as src:
        return [Case.from_json(json.loads(line)) for line in src if line.strip()]


def iter_split(cases: Iterable[Case], split: str | None) -> Iterator[Case]:
    return (c for c in cases if split is None or c.split == split)


def default_deck_path(seed: int) -> Path:
    """Generated decks stay out of git: they go to the temporary directory."""
    return Path(tempfile.gettempdir()) / "sanctionguard-bench" / f"deck-seed{seed}.jsonl"


def summary(cases: Sequence[Case]) -> str:
    counts = Counter((c.klass, c.split) for c in cases)
    lines = [f"{'class':24} {TUNING:>7} {HELDOUT:>8}"]
    for klass in (*POSITIVE_CLASSES, *NEGATIVE_CLASSES):
        lines.append(f"{klass:24} {counts[(klass, TUNING)]:>7} {counts[(klass, HELDOUT)]:>8}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=data_dir())
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-class", type=int, default=300)
    parser.add_argument("--negatives-per-class", type=int, default=500)
    args = parser.parse_args()
    t0 = time.perf_counter()
    records = load_records(args.data)
    cases = build_deck(records, args.seed, args.per_class, args.negatives_per_class)
    out = args.out or default_deck_path(args.seed)
    write_deck(cases, out)
    print(summary(cases))
    print(
        f"{len(cases)} cases from {len(records):,} records in "
        f"{time.perf_counter() - t0:.1f} s -> {out}"
    )


if __name__ == "__main__":
    main()
