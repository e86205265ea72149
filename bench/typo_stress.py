"""Benchmark: typos harsher than the deck's, in real listed names, recall per kind of slip.

The accuracy deck's ``typo`` class makes one edit inside one word of six letters or more, its
first and last letters kept (``sanctionguard.match.deck``). Users' records are mistyped
anywhere: here each sampled entry's primary Latin name gets, as separate cases,

- ``one_any``: one edit (a letter dropped, added, replaced by any letter, or two swapped) at any
  position of a word of four letters or more, the first letter included ("Abnk" for "Bank",
  "Doint Stock Company");
- ``short``: one edit inside a word of four or five letters ("Rahdat", "Hjji");
- ``two_words``: one edit inside each of two words ("Joint Stck Comany", "Macxim Yjrievich");
- ``two_in_long``: two edits inside one word of eight letters or more ("Adnureevich").

A case is the mistyped name with the entry's schema (a name-only query) and is found when the
entry itself scores at or above the threshold. sanctionguard runs at its default threshold;
logic-v2 (optional, ``--systems``) scores the candidates sanctionguard retrieved plus the
expected entry (an oracle retrieval that can only flatter it), at yente's 0.70. Some edits make
another real name ("Tami" for "Rami", "Fast" for "East"): a matcher that keeps first letters
of short listed words (as sanctionguard does, to keep "Inna" from "Nina") misses those by
design; the report shows the rate, ``--show`` the misses.

Usage: python bench/typo_stress.py [--data DIR] [--seed N] [--records N]
       [--systems sanctionguard,logic-v2] [--show N]
"""

from __future__ import annotations

import argparse
import random
import string
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.accuracy import Run, case_score, missed, run_named
from bench.deck import Case, data_dir, family_of, latin_names, load_records
from sanctionguard.match.types import Query

FAMILIES = ("Person", "Organization")
OPERATIONS = ("swap", "drop", "insert", "replace")


def edit(word: str, rng: random.Random, inside: bool) -> str:
    """``word`` with one edit; ``inside``: its first and last letters untouched."""
    op = rng.choice(OPERATIONS)
    # (A swap moves the letter after i too: inside, that one must be inner as well.)
    lo, hi = (1, len(word) - (2 if op == "swap" else 1)) if inside else (0, len(word))
    i = rng.randrange(lo, hi)
    letter = rng.choice(string.ascii_lowercase)
    letter = letter.upper() if word.isupper() else letter
    if op == "swap" and i + 1 < len(word):
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op == "drop":
        return word[:i] + word[i + 1 :]
    if op == "insert":
        return word[:i] + letter + word[i:]
    return word[:i] + letter + word[i + 1 :]


def _words(words: list[str], least: int, most: int = 1_000) -> list[int]:
    return [i for i, w in enumerate(words) if least <= len(w) <= most and w.isalpha()]


def variations(name: str, rng: random.Random) -> dict[str, str]:
    """The mistyped versions of ``name`` by kind (a kind is left out when no word fits it)."""
    words = name.split()
    out: dict[str, str] = {}

    def mistyped(positions: Sequence[int], change: Callable[[str], str]) -> str:
        changed = list(words)
        for i in positions:
            changed[i] = change(changed[i])
        return " ".join(changed)

    if four := _words(words, 4):
        out["one_any"] = mistyped([rng.choice(four)], lambda w: edit(w, rng, inside=False))
    if short := _words(words, 4, 5):
        out["short"] = mistyped([rng.choice(short)], lambda w: edit(w, rng, inside=True))
    if len(four) >= 2:
        out["two_words"] = mistyped(rng.sample(four, 2), lambda w: edit(w, rng, inside=True))
    if long := _words(words, 8):
        out["two_in_long"] = mistyped(
            [rng.choice(long)], lambda w: edit(edit(w, rng, inside=True), rng, inside=True)
        )
    return out


def stress_cases(records: Sequence[dict[str, Any]], count: int, seed: int) -> list[Case]:
    """The cases of ``count`` sampled persons and organisations with a Latin primary name."""
    rng = random.Random(seed)
    pool = [r for r in records if family_of(r["schema"]) in FAMILIES]
    rng.shuffle(pool)
    cases = []
    for record in pool[:count]:
        names = latin_names(record, ("primary",))
        if not names:
            continue
        for kind, typed in variations(names[0], rng).items():
            cid = f"{record['id']}:{kind}"
            cases.append(
                Case(
                    id=cid,
                    klass=kind,
                    split="all",
                    query=Query(names=(typed,), schema=record["schema"], id=cid),
                    expected=(record["id"],),
                    entity=record["id"],
                    listed_name=names[0],
                    note=str(family_of(record["schema"])),
                )
            )
    return cases


def report(cases: Sequence[Case], runs: Sequence[Run]) -> None:
    print(f"\n{'slip':12} {'family':13} {'cases':>6}" + "".join(f"  {r.system:>14}" for r in runs))
    groups = sorted({(c.klass, c.note) for c in cases})
    for klass, family in groups:
        subset = [c for c in cases if (c.klass, c.note) == (klass, family)]
        cells = "".join(f"  {_recall(subset, run):14.3f}" for run in runs)
        print(f"{klass:12} {family:13} {len(subset):6}{cells}")
    print(f"{'all':26} {len(cases):6}" + "".join(f"  {_recall(cases, r):14.3f}" for r in runs))


def _recall(cases: Sequence[Case], run: Run) -> float:
    found = sum(1 for c in cases if case_score(c, run.scores[c.id]) >= run.threshold)
    return found / len(cases) if cases else float("nan")


def show_misses(cases: Sequence[Case], run: Run, count: int) -> None:
    print(f"\n{run.system} misses (listed name <- mistyped query; the entry's score):")
    for case in missed(cases, run, count):
        score = case_score(case, run.scores[case.id])
        print(f"  {case.klass:12} {case.listed_name!r} <- {case.query.names[0]!r} [{score:.2f}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=data_dir())
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--records", type=int, default=1_500, help="entries sampled")
    parser.add_argument("--systems", default="sanctionguard")
    parser.add_argument("--show", type=int, default=0, help="sanctionguard misses shown")
    args = parser.parse_args()

    t0 = time.perf_counter()
    records = load_records(args.data)
    cases = stress_cases(records, args.records, args.seed)
    print(f"{len(records):,} listed entries, {len(cases):,} mistyped names (seed {args.seed})")
    print(f"made in {time.perf_counter() - t0:.1f} s\n")
    runs = run_named(records, cases, args.systems)
    report(cases, runs)
    if args.show:
        show_misses(cases, runs[0], args.show)


if __name__ == "__main__":
    main()
