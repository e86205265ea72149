"""Benchmark: one party as each list prints it, the entries linked by identifiers, not by name.

The accuracy deck makes its variations itself, and groups a party's entries across lists by
their names (bench/deck.py), so it never meets the spellings two authorities really chose for
one party ("AL-TIKRITI, Saddam Hussein" and "Saddam Hussein Al-Tikriti", "AKTSIONERNOE
OBSHCHESTVO ..." and "Joint Stock Company ..."). Here entries are one party when they share an
identifier no name decides: the UN reference of a UN listing (which the UK list cites), a
passport number, a valid IMO, INN, OGRN, LEI or BIC. A case is an entry's primary Latin name,
with its schema and nothing else (a name-only screening query), against each other list that
holds the party; it is found when one of the party's entries on that list scores at or above
the threshold. Cases whose name is, spelling aside, one the other list also prints ("same
name") are counted apart from those where the lists' spellings differ ("names differ"), which
is what this measures. OFAC's own entries republished in the US CSL (``SDN-`` references)
are not cases: one authority's text twice. Nor are vessels: their names differ between lists
mostly because they were renamed, which no name can tell (a vessel is screened by its IMO
number: bench/accuracy.py's ``vessel_imo`` class). Some links are wrong (two persons sharing
a passport number in a list's data): those misses no matcher can avoid.

sanctionguard runs at its default threshold; logic-v2 (optional, ``--systems``) scores the
candidates sanctionguard retrieved plus the expected entries (an oracle retrieval that can
only flatter it), at yente's 0.70. Printed: recall per schema family and link, and the
misses with ``--show``.

Usage: python bench/cross_list.py [--data DIR] [--systems sanctionguard,logic-v2] [--show N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import variants as v
from bench.accuracy import Run, case_score, missed, run_named
from bench.deck import Case, Parties, data_dir, family_of, latin_names, load_records
from sanctionguard.match.types import Query

CHECKED_KINDS = frozenset({"imo", "inn", "ogrn", "lei", "bic"})  # linked when valid
PASSPORT = re.compile(r"[A-Z]{0,3}[0-9]{6,10}")  # one number; notes and lists of them are not
MAX_PARTY = 12  # a larger group is identifiers gone wrong (a shared placeholder), not a party
UN_LIST, CSL_LIST, OFAC_LIST = "un_sc_sanctions", "us_trade_csl", "us_ofac_sdn"


def link_keys(record: dict[str, Any]) -> set[tuple[str, str]]:
    """The identifiers that tie an entry to the same party on other lists."""
    keys: set[tuple[str, str]] = set()
    if record["list"] == UN_LIST:
        keys.add(("un_ref", str(record["source_id"]).upper()))
    for ident in record["identifiers"]:
        kind, value = ident["kind"], str(ident["value"]).upper()
        if kind in CHECKED_KINDS and ident.get("valid"):
            keys.add((kind, value))
        elif kind == "other" and (ident.get("note") or "").lower() == "un reference":
            keys.add(("un_ref", value))
        elif kind == "passport":
            number = re.sub(r"[\s.-]", "", value)
            if PASSPORT.fullmatch(number):
                keys.add(("passport", number))
    return keys


def republished(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether one of two entries is the other's OFAC SDN entry as the CSL reprints it."""
    for x, y in ((a, b), (b, a)):
        if x["list"] == CSL_LIST and y["list"] == OFAC_LIST:
            return bool(str(x["source_id"]) == f"SDN-{y['source_id']}")
    return False


def parties(records: Sequence[dict[str, Any]]) -> list[tuple[list[dict[str, Any]], set[str]]]:
    """Groups of two or more entries on different lists, with the identifier kinds linking
    them; entries of one schema family only."""
    kept = {r["id"]: r for r in records if family_of(r["schema"]) and link_keys(r)}
    groups = Parties({eid: r["list"] for eid, r in kept.items()})
    holders: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for eid, record in kept.items():
        groups.find(eid)
        for kind, value in link_keys(record):
            holders[(str(family_of(record["schema"])), kind, value)].append(eid)
    for ids in (ids for _, ids in sorted(holders.items())):
        for other in ids[1:]:
            groups.union(ids[0], other)
    links: dict[str, set[str]] = defaultdict(set)  # kinds two or more of a party's share
    for (_, kind, _), ids in holders.items():
        for root, count in Counter(groups.find(eid) for eid in ids).items():
            if count >= 2:
                links[root].add(kind)
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for eid in kept:
        members[groups.find(eid)].append(kept[eid])
    return [
        (sorted(group, key=lambda r: r["id"]), links.get(root, set()))
        for root, group in sorted(members.items())
        if 2 <= len(group) <= MAX_PARTY
    ]


def cross_list_cases(records: Sequence[dict[str, Any]]) -> list[Case]:
    """One case per entry with a Latin primary name and per other list holding its party."""
    cases: list[Case] = []
    for group, links in parties(records):
        link = "+".join(sorted(links))
        if family_of(group[0]["schema"]) == "Vessel":
            continue
        for record in group:
            primary = latin_names(record, ("primary",))
            if not primary:
                continue
            query = primary[0]
            by_list: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for other in group:
                if other["list"] != record["list"] and not republished(record, other):
                    by_list[other["list"]].append(other)
            for listed, expected in sorted(by_list.items()):
                cases.append(_case(record, query, listed, expected, link))
    return cases


def _case(
    record: dict[str, Any], query: str, listed: str, expected: list[dict[str, Any]], link: str
) -> Case:
    theirs = {
        v.loose_tokens(n)
        for r in expected
        for n in latin_names(r, ("primary", "strong_alias", "weak_alias", "former"))
    }
    same = v.loose_tokens(query) in theirs
    family = str(family_of(record["schema"]))
    return Case(
        id=f"{record['id']}->{listed}",
        klass=family,
        split="all",
        query=Query(names=(query,), schema=record["schema"], id=f"{record['id']}->{listed}"),
        expected=tuple(r["id"] for r in expected),
        entity=record["id"],
        listed_name=query,
        note=f"{'same name' if same else 'names differ'}|{link}",
    )


def _rows(cases: Iterable[Case], run: Run, key: str) -> dict[str, tuple[int, int]]:
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for case in cases:
        same, link = case.note.split("|")
        group = {"family": case.klass, "link": link, "names": same}[key]
        total[group] += 1
        if case_score(case, run.scores[case.id]) >= run.threshold:
            found[group] += 1
    return {group: (found[group], total[group]) for group in sorted(total)}


def report(cases: list[Case], runs: list[Run]) -> None:
    differ = [c for c in cases if c.note.startswith("names differ")]
    for title, subset, key in (
        ("all cases, by spelling", cases, "names"),
        ("names differ, by schema family", differ, "family"),
        ("names differ, by linking identifiers", differ, "link"),
    ):
        print(f"\n{title}\n{'':34} {'cases':>6}" + "".join(f"  {r.system:>14}" for r in runs))
        by_run = [_rows(subset, run, key) for run in runs]
        for group in by_run[0]:
            cells = "".join(f"  {f / t:14.3f}" for f, t in (r[group] for r in by_run))
            print(f"{group[:34]:34} {by_run[0][group][1]:6}{cells}")
        totals = [(sum(f for f, _ in r.values()), sum(t for _, t in r.values())) for r in by_run]
        print(f"{'all':34} {totals[0][1]:6}" + "".join(f"  {f / t:14.3f}" for f, t in totals))


def show_misses(
    cases: list[Case], run: Run, records: dict[str, dict[str, Any]], count: int
) -> None:
    print(f"\n{run.system} misses, names differ (query -> expected entry's names; best hit):")
    for case in missed((c for c in cases if c.note.startswith("names differ")), run, count):
        theirs = [n["value"] for e in case.expected for n in records[e]["names"]][:3]
        score = case_score(case, run.scores[case.id])
        print(f"  {case.klass[:6]:6} {case.query.names[0]!r} -> {theirs} [{score:.2f}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=data_dir())
    parser.add_argument("--systems", default="sanctionguard")
    parser.add_argument("--show", type=int, default=0, help="sanctionguard misses shown")
    parser.add_argument("--save", type=Path, help="write each case's scores per system (JSON)")
    args = parser.parse_args()

    t0 = time.perf_counter()
    records = load_records(args.data)
    cases = cross_list_cases(records)
    differ = sum(1 for c in cases if c.note.startswith("names differ"))
    print(f"{len(records):,} listed entries, {len(cases):,} cross-list cases ({differ:,} with")
    print(f"names that differ between the lists) in {time.perf_counter() - t0:.1f} s\n")
    runs = run_named(records, cases, args.systems)
    report(cases, runs)
    if args.save:
        scores = {c.id: [c.note, *(case_score(c, r.scores[c.id]) for r in runs)] for c in cases}
        args.save.write_text(json.dumps(scores, indent=0))
    if args.show:
        show_misses(cases, runs[0], {r["id"]: r for r in records}, args.show)


if __name__ == "__main__":
    main()
