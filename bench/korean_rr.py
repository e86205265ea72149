"""Benchmark: Korean names in Revised Romanisation against the lists' North Korean spellings.

The lists spell North Korean names as the DPRK's system does ("KIM Jong Un", "PAK YONG SIK"),
and most print no Hangul; a South Korean bank's records, passports since 2000 and RR tools write
the same names in Revised Romanisation ("Kim Jeong-eun", "Bak Yeong-sik"). Cases:

- positives: every listed Hangul name of a person (a 2-4 syllable word with a common family
  name), romanised in RR syllable by syllable, the family name as the press spells it and in
  RR ("Kim Jeong-eun", "Gim Jeong-eun"); found when the person's party alerts, on any of its
  entries (``party``), and when every entry of the party that prints no Hangul alerts too
  (``latin-only entries``: these only the DPRK spelling can meet);
- negatives: Faker ko_KR names romanised the same way (none is listed, but Korean names are
  few: many are a listed person's name, which a name-only screen must raise; the report splits
  alerts on the same syllables from the rest).

    python bench/korean_rr.py [--db sqlite:////tmp/all.db] [--negatives 1500] [--show 20]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.deck import data_dir
from bench.script_negatives import same_name
from bench.speed import ensure_store
from sanctionguard.match.types import Query
from sanctionguard.names import hangul


def rr_name(hangul_name: str, customary: bool) -> str | None:
    """A Korean personal name in RR, given name hyphenated ("Kim Jeong-eun"); the family name
    as the press spells it (``customary``) or in RR ("Gim"). None for no such name."""
    word = hangul_name.replace(" ", "")
    split = hangul.split_family_name(word)
    if split is None or not all(hangul.is_hangul_syllable(c) for c in word):
        return None
    family, given = split
    spelt = hangul.FAMILY_NAMES.get(family) if customary else None
    spelt = spelt or "".join(hangul.romanise_syllables(family, "rr"))
    return f"{spelt.capitalize()} {'-'.join(hangul.romanise_syllables(given, 'rr')).capitalize()}"


def _words(caption: str) -> str:
    """A caption's words in any order and case ("KIM, Jong Un" = "Jong Un KIM")."""
    return " ".join(sorted(re.sub(r"[^\w]+", " ", caption.lower()).split()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=data_dir())
    parser.add_argument("--db", help="a store with all lists loaded (else loaded into a temp db)")
    parser.add_argument("--negatives", type=int, default=1500, help="Faker names drawn")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--show", type=int, default=20)
    args = parser.parse_args()

    from faker import Faker

    from sanctionguard.match.screener import Screener
    from sanctionguard.store.snapshots import Store

    with tempfile.TemporaryDirectory() as tmp:
        url, _ = ensure_store(args.data, args.db, Path(tmp))
        screener = Screener.from_store(Store.open(url))
    index = screener.index
    # The party of an entry: entries printing one Hangul name are one party.
    parties: dict[str, set[int]] = defaultdict(set)
    hangul_of: dict[int, set[str]] = defaultdict(set)
    for eidx, entity in enumerate(index.entities):
        if entity.schema != "Person":
            continue
        for form in index.entity_forms(eidx):
            text = index.name_text[index.form_name[form]]
            if any(hangul.is_hangul_syllable(c) for c in text):
                parties[text.replace(" ", "")].add(eidx)
                hangul_of[eidx].add(text)
    cases: dict[str, set[int]] = defaultdict(set)
    for text, members in parties.items():
        for customary in (True, False):
            query = rr_name(text, customary)
            if query:
                cases[query] |= members
    # The party's entries that print no Hangul (most lists print North Korean names in Latin
    # letters only): those whose caption has the words of a Hangul-printing entry's caption.
    latin_names: dict[str, set[int]] = defaultdict(set)
    for eidx, entity in enumerate(index.entities):
        if entity.schema == "Person":
            latin_names[_words(entity.caption)].add(eidx)
    party_found = latin_total = latin_found = 0
    misses: list[str] = []
    for query, members in sorted(cases.items()):
        alerted = {
            index.position(r.entity_id) for r in screener.match(Query((query,), schema="Person"))
        }
        if alerted & members:
            party_found += 1
        else:
            misses.append(query)
        captions = {_words(index.entities[e].caption) for e in members}
        others = set().union(*(latin_names[c] for c in captions)) - set(hangul_of)
        latin_total += len(others)
        latin_found += len(others & alerted)
    print(f"{len(index.entities):,} listed entities; {len(cases)} RR names of listed persons\n")
    print(
        f"party found                    {party_found / len(cases):.3f}"
        f" ({party_found}/{len(cases)})"
    )
    if latin_total:
        print(
            f"latin-only entries alerting     {latin_found / latin_total:.3f}"
            f" ({latin_found}/{latin_total})"
        )
    fake = Faker("ko_KR")
    fake.seed_instance(args.seed)
    total = alerts = same = 0
    shown: list[str] = []
    for _ in range(args.negatives):
        drawn = fake.last_name() + fake.first_name()
        for customary in (True, False):
            query = rr_name(drawn, customary)
            if not query:
                continue
            total += 1
            found = screener.match(Query((query,), schema="Person"), limit=1)
            if found:
                alerts += 1
                if same_name(found[0]):
                    same += 1
                elif len(shown) < args.show:
                    pairs = ", ".join(
                        f"{t.query}~{t.listed}:{t.similarity}"
                        for t in (found[0].name.tokens if found[0].name else ())
                    )
                    shown.append(
                        f"  {query!r} -> {found[0].caption!r} {found[0].score:.2f} [{pairs}]"
                    )
    print(
        f"Faker ko_KR negatives          {alerts / total:.3f} alerting ({alerts}/{total}),"
        f" {same} on the same syllables"
    )
    print("\nparty misses:", ", ".join(misses[: args.show]) or "none")
    print("negatives alerting on other syllables (query -> listed, score, pairs):")
    print("\n".join(shown))


if __name__ == "__main__":
    main()
