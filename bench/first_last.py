"""Benchmark: a listed person's long name screened as a customer's record holds it, first given
name and family name only.

A bank's or a forwarder's record of "Aisha Qadhafi" is how the customer signs; the UN lists
"AISHA MUAMMAR MUHAMMED ABU MINYAR QADHAFI", with the father's and grandfather's names between.
The accuracy deck's ``missing_middle`` class leaves out one middle name or the patronymic; this
leaves out all of them. Cases: every listed person (any list) whose primary name gives its parts,
in Latin letters, four name words or more with a one-word family name; the query is the first
given word and the family name (given names that begin with a word that is no name alone,
"Abd", "Abu", "Haji", "Muhammad" of "Muhammad Ali ...", are left out). A case is found when the
entry, or another entry printing the same name, scores at or above the default threshold.

False alerts on such short names are the deck's business: its ``neg_same_surname`` negatives
are one listed person's family name after another's given name, those a screener could rightly
alert on left out (bench/accuracy.py).

Usage: python bench/first_last.py [--data DIR] [--systems sanctionguard,logic-v2] [--limit N]
                                  [--show N]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import variants as v
from bench.accuracy import Run, case_score, run_named
from bench.deck import Case, data_dir, load_records
from sanctionguard.match.types import Query

LATIN = re.compile(r"^[A-Za-z' \-]+$")
MIN_WORDS = 4
# first given words that are no name alone, or that begin a compound one
NO_NAME_ALONE = frozenset(
    {
        "abd", "'abd", "abdel", "abdul", "abdallah", "abu", "al", "el", "bin", "ben", "haji",
        "hajji", "mullah", "maulawi", "mawlawi", "qari", "sayyid", "sayed", "syed", "shaykh",
        "sheikh", "dr", "mohammad", "muhammad", "mohammed", "mohamed", "muhammed",
    }
)  # fmt: skip


def short_name(name: dict[str, Any]) -> tuple[str, str] | None:
    """The query (first given word and family name) and the full name, for a primary name that
    gives its parts in Latin letters, four words or more, a one-word family name."""
    parts = name.get("parts") or {}
    family, given = parts.get("family"), parts.get("given")
    if name.get("kind") != "primary" or not family or not given:
        return None
    if not LATIN.match(f"{given} {family}"):
        return None
    given_words, family_words = given.split(), family.split()
    if len(family_words) != 1 or len(given_words) + 1 < MIN_WORDS:
        return None
    if given_words[0].lower() in NO_NAME_ALONE:
        return None
    return f"{given_words[0]} {family}", f"{given} {family}"


def first_last_cases(records: Sequence[dict[str, Any]]) -> list[Case]:
    """One case per listed person with a long name (see ``short_name``)."""
    by_name: dict[frozenset[str], list[str]] = defaultdict(list)
    for record in records:
        if record["schema"] == "Person":
            for name in record["names"]:
                by_name[v.loose_tokens(name["value"])].append(record["id"])
    cases = []
    for record in records:
        if record["schema"] != "Person":
            continue
        for name in record["names"]:
            found = short_name(name)
            if found is None:
                continue
            query, full = found
            same = by_name.get(v.loose_tokens(name["value"]), [])
            expected = tuple(dict.fromkeys([record["id"], *same]))
            case_id = f"{record['id']}:first-last"
            cases.append(
                Case(
                    id=case_id,
                    klass=record["list"],
                    split="all",
                    query=Query(names=(query,), schema="Person", id=case_id),
                    expected=expected,
                    entity=record["id"],
                    listed_name=full,
                )
            )
    return cases


def report(cases: Sequence[Case], runs: Sequence[Run]) -> None:
    print(f"\n{'list':28}{'cases':>8}" + "".join(f"{r.system:>16}" for r in runs))
    lists = Counter(c.klass for c in cases)
    for name in [*sorted(lists), "all"]:
        chosen = [c for c in cases if name in ("all", c.klass)]
        cells = "".join(f"{_found(chosen, r):16.3f}" for r in runs)
        print(f"{name:28}{len(chosen):8}{cells}")


def _found(cases: Sequence[Case], run: Run) -> float:
    return sum(case_score(c, run.scores[c.id]) >= run.threshold for c in cases) / len(cases)


def show_misses(cases: Sequence[Case], run: Run, count: int) -> None:
    scored = sorted(((case_score(c, run.scores[c.id]), c) for c in cases), key=lambda t: t[0])
    print(f"\n{run.system} misses (query <- listed name; the entry's score):")
    for score, case in [(s, c) for s, c in scored if s < run.threshold][:count]:
        print(f"  {score:.2f} {case.query.names[0]!r} <- {case.listed_name!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=data_dir())
    parser.add_argument("--systems", default="sanctionguard")
    parser.add_argument("--limit", type=int, default=0, help="at most this many cases (seeded)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--show", type=int, default=0, help="sanctionguard misses shown")
    args = parser.parse_args()

    t0 = time.perf_counter()
    records = load_records(args.data)
    cases = first_last_cases(records)
    if args.limit and len(cases) > args.limit:
        cases = random.Random(args.seed).sample(cases, args.limit)
    print(f"{len(records):,} listed entries, {len(cases):,} first-and-family-name cases")
    print(f"made in {time.perf_counter() - t0:.1f} s\n")
    runs = run_named(records, cases, args.systems)
    report(cases, runs)
    if args.show:
        show_misses(cases, runs[0], args.show)


if __name__ == "__main__":
    main()
