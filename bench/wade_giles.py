"""Benchmark: listed Chinese names queried as Taiwan's passports spell them, in Wade–Giles.

The lists print Chinese persons in pinyin ("ZHANG, Xiaoming", "Guangzong ZHAO"); Taiwan's
passports, older records and Western texts print Wade–Giles without its apostrophes ("Chang
Hsiao-ming", "Chao Kuang-tsung"). Each listed person whose Latin primary name is a pinyin name
of a common family name and a two-syllable given name (not a Korean's: "RI, Su Yong" reads as
pinyin too) becomes a case: the name in Wade–Giles, family name first, given name hyphenated, as
a Person query; found when the entry scores at or above the threshold. Negatives: the same
family names with the given-name syllables of another case (a real name shape, most of them
nobody's on the lists), share alerting.

The Wade–Giles spellings are made by the library's pinyin → Wade–Giles rules
(``sanctionguard.names.wadegiles.wade_giles``; the standard's spellings of common syllables are
checked in ``tests/names/test_wadegiles.py``). logic-v2 (optional, ``--systems``) scores the
candidates sanctionguard retrieved plus the expected entry.

``--write FILE`` saves the cases and ``--cases FILE`` reads them instead of making them, so a
build without these rules (an older commit) can be run on the same cases.

Usage: python bench/wade_giles.py [--data DIR] [--seed N] [--systems sanctionguard,logic-v2]
       [--show N] [--write FILE | --cases FILE]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.accuracy import Run, case_score, run_named
from bench.deck import Case, data_dir, latin_names, load_records, read_deck, write_deck
from sanctionguard.match.types import Query


def _syllables(word: str) -> list[str] | None:
    """A given name's two pinyin syllables ("xiaoming" → xiao, ming), if it splits one way."""
    from sanctionguard.names.romanised import pinyin_syllables

    pinyin = pinyin_syllables()
    splits = [[word[:i], word[i:]] for i in range(1, len(word)) if {word[:i], word[i:]} <= pinyin]
    return splits[0] if len(splits) == 1 else None


def chinese_name(name: str) -> tuple[str, list[str]] | None:
    """(family name, two given-name syllables) of a pinyin name, else None."""
    from sanctionguard.names.romanised import chinese_family_names, pinyin_syllables

    words = name.replace(",", " ").lower().split()
    families = set(chinese_family_names())
    for family, rest in ((words[0], words[1:]), (words[-1], words[:-1])) if words else ():
        if family not in families:
            continue
        if len(rest) == 2 and all(w in pinyin_syllables() for w in rest):
            return family, rest
        if len(rest) == 1 and (split := _syllables(rest[0])) is not None:
            return family, split
    return None


def _korean(record: dict[str, Any]) -> bool:
    """A Korean's record ("RI, Su Yong" reads as pinyin too): a Korean nationality or country,
    or a name in Hangul."""
    props = record.get("properties", {})
    countries = {*props.get("nationality", ()), *props.get("country", ())}
    hangul = any("\uac00" <= ch <= "\ud7a3" for n in record["names"] for ch in n["value"])
    return bool(countries & {"kp", "kr"}) or hangul


def spelt(family: str, given: Sequence[str]) -> str:
    """ "Chang Hsiao-ming"."""
    from sanctionguard.names.wadegiles import wade_giles

    first, *later = (wade_giles(s) for s in given)
    return f"{wade_giles(family).title()} {'-'.join([first.title(), *later])}"


def cases(records: Sequence[dict[str, Any]], seed: int) -> list[Case]:
    rng = random.Random(seed)
    found: list[tuple[dict[str, Any], str, list[str]]] = []
    for record in records:
        if record["schema"] != "Person" or _korean(record):
            continue
        names = latin_names(record, ("primary",))
        parsed = chinese_name(names[0]) if names else None
        if parsed is not None:
            found.append((record, *parsed))
    out = []
    for record, family, given in found:
        cid = f"{record['id']}:wg"
        query = Query(names=(spelt(family, given),), schema="Person", id=cid)
        out.append(Case(cid, "wade_giles", "all", query, (record["id"],), record["id"], ""))
    others = [g for _, _, g in found]
    listed = {(family, tuple(given)) for _, family, given in found}
    for n, (_, family, _given) in enumerate(found):
        other = rng.choice(others)
        if (family, tuple(other)) in listed:
            continue  # (somebody's name on the lists)
        cid = f"negative-{n}"
        query = Query(names=(spelt(family, other),), schema="Person", id=cid)
        out.append(Case(cid, "negative", "all", query, (), None, ""))
    return out


def report(all_cases: Sequence[Case], runs: Sequence[Run]) -> None:
    print(f"{'':28} {'cases':>6}" + "".join(f"  {r.system:>14}" for r in runs))
    for klass, label in (("wade_giles", "recall"), ("negative", "negatives alerting")):
        subset = [c for c in all_cases if c.klass == klass]
        cells = []
        for run in runs:
            hits = sum(1 for c in subset if case_score(c, run.scores[c.id]) >= run.threshold)
            cells.append(f"  {hits / len(subset) if subset else float('nan'):14.3f}")
        print(f"{label:28} {len(subset):6}" + "".join(cells))


def show(all_cases: Sequence[Case], run: Run, count: int) -> None:
    print(f"\n{run.system}: misses and negatives alerting (query, score):")
    shown = 0
    for case in all_cases:
        score = case_score(case, run.scores[case.id])
        wrong = score < run.threshold if case.positive else score >= run.threshold
        if wrong and shown < count:
            print(f"  {case.klass:10} {case.query.names[0]!r} [{score:.2f}]")
            shown += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=data_dir())
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--systems", default="sanctionguard")
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--write", type=Path, help="save the cases to this file")
    parser.add_argument("--cases", type=Path, help="read the cases from this file")
    args = parser.parse_args()
    t0 = time.perf_counter()
    records = load_records(args.data)
    made = read_deck(args.cases) if args.cases else cases(records, args.seed)
    if args.write:
        write_deck(made, args.write)
    took = time.perf_counter() - t0
    print(f"{len(records):,} listed entries, {len(made):,} cases in {took:.1f} s")
    runs = run_named(records, made, args.systems)
    report(made, runs)
    if args.show:
        show(made, runs[0], args.show)


if __name__ == "__main__":
    main()
