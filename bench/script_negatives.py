"""Benchmark: false alerts on names written in their own scripts (Hangul, Han, Kana, Hebrew,
Arabic, Persian, Cyrillic, Greek, Armenian, Georgian).

The accuracy deck's negatives are mostly Latin; a bank in Seoul, Tel Aviv or Tbilisi screens
customers written in Hangul, Hebrew or Georgian. This draws Faker person names in each locale
(none of them is listed: any alert is a false one unless the very name is listed) and screens
them with all lists loaded, reporting per locale the share that alerts at the default threshold,
split into alerts on a listed name that is the same name (every word paired exactly, nothing
left over: a name-only screen must raise those) and the rest (partial or fuzzy: the matcher's
own doing). Baseline in the same run: plain rapidfuzz Jaro-Winkler of the name against every
listed name (any script) at 0.9.

With ``--companies`` it draws Faker company names in Latin-script locales instead ("Gros
S.A.S.", "Wagner GmbH", "Roach Group"), screened as organisations: the legal forms, surnames
and trade words of company names in the countries a bank's book is full of. (Faker's Russian
companies are real ones, Gazprom or Sovcomflot, which the lists do name: left out.)

    python bench/script_negatives.py [--db sqlite:////tmp/all.db] [--per-locale 500]
                                     [--companies]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.deck import data_dir
from bench.speed import ensure_store, read_records
from sanctionguard.errors import SanctionguardError
from sanctionguard.match.types import MatchResult, Query

LOCALES = (
    "ko_KR", "zh_CN", "zh_TW", "ja_JP", "he_IL", "ar_SA", "ar_EG", "fa_IR", "ru_RU", "uk_UA",
    "el_GR", "hy_AM", "ka_GE",
)  # fmt: skip
COMPANY_LOCALES = (
    "en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "nl_NL", "pl_PL", "tr_TR",
)  # fmt: skip
JW_THRESHOLD = 0.9


def faker_names(locale: str, count: int, seed: int, companies: bool = False) -> list[str]:
    from faker import Faker

    fake = Faker(locale)
    fake.seed_instance(seed)
    draw = fake.company if companies else fake.name
    names: dict[str, None] = {}
    for _ in range(count * 3):
        names.setdefault(draw(), None)
        if len(names) >= count:
            break
    return list(names)


def same_name(result: MatchResult) -> bool:
    """Every word of the query and of the listed name paired exactly: the same name."""
    if result.name is None:
        return False
    return all(
        t.query is not None and t.listed is not None and t.similarity >= 1.0
        for t in result.name.tokens
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=data_dir())
    parser.add_argument("--db", help="a store with all lists loaded (else loaded into a temp db)")
    parser.add_argument("--per-locale", type=int, default=500)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--show", type=int, default=5, help="partial alerts shown per locale")
    parser.add_argument("--companies", action="store_true", help="company names, Latin locales")
    args = parser.parse_args()
    locales = COMPANY_LOCALES if args.companies else LOCALES
    schema = "Organization" if args.companies else "Person"

    from rapidfuzz import process
    from rapidfuzz.distance import JaroWinkler
    from rapidfuzz.utils import default_process

    from sanctionguard.match.screener import Screener
    from sanctionguard.store.snapshots import Store

    with tempfile.TemporaryDirectory() as tmp:
        url, _ = ensure_store(args.data, args.db, Path(tmp))
        screener = Screener.from_store(Store.open(url))
        choices = [
            default_process(n["value"]) for r in read_records(url) for n in r.get("names", [])
        ]
    kind = "company" if args.companies else "person"
    print(f"{len(screener.index.entities):,} listed entities; Faker {kind} names per locale\n")
    header = ("locale", "names", "alerting", "same name", "partial/fuzzy", "JW >= 0.9")
    rows: list[tuple[str, ...]] = [header]
    shown: list[tuple[str, str, MatchResult]] = []
    totals = [0, 0, 0, 0]
    for locale in locales:
        names = faker_names(locale, args.per_locale, args.seed, args.companies)
        alerts = same = jw = 0
        for name in names:
            try:
                found = screener.match(Query(names=(name,), schema=schema), limit=1)
            except SanctionguardError:  # ("Tour S.A." is all legal form and particle)
                continue
            if found:
                alerts += 1
                if same_name(found[0]):
                    same += 1
                elif sum(1 for s in shown if s[0] == locale) < args.show:
                    shown.append((locale, name, found[0]))
            best = process.extractOne(
                default_process(name),
                choices,
                scorer=JaroWinkler.normalized_similarity,
                processor=None,
                score_cutoff=JW_THRESHOLD,
            )
            jw += best is not None
        n = len(names)
        for i, value in enumerate((n, alerts, same, jw)):
            totals[i] += value
        rows.append(_row(locale, n, alerts, same, jw))
    n, alerts, same, jw = totals
    rows.append(_row("all", n, alerts, same, jw))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for row in rows:
        cells = zip(row, widths, strict=True)
        print("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(cells)))
    print("\npartial or fuzzy alerts (query -> listed name, score, token pairs):")
    for locale, name, result in shown:
        pairs = (
            ", ".join(f"{t.query}~{t.listed}:{t.similarity}" for t in result.name.tokens)
            if result.name
            else ""
        )
        listed = result.name.listed_name if result.name else result.caption
        print(f"  {locale}  {name!r} -> {listed!r} {result.score:.2f}  [{pairs}]")


def _row(locale: str, n: int, alerts: int, same: int, jw: int) -> tuple[str, ...]:
    return (locale, f"{n}", _pct(alerts, n), _pct(same, n), _pct(alerts - same, n), _pct(jw, n))


def _pct(part: int, whole: int) -> str:
    return f"{part / max(whole, 1):.1%}"


if __name__ == "__main__":
    main()
