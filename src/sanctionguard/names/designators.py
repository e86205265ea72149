"""Designators of Russian research and industrial organisations: recognised in a word sequence
and replaced by one code, so that a transliterated, a translated and an abbreviated name meet.

The table is ``designators.csv`` beside this module (code, written form, source note): "NPO",
"Nauchno-Proizvodstvennoe Obyedinenie" and "Research and Production Association" are all
"npo". Forms are compared word by word by spelling-variant key ("proizvodstvennoe" and
"proizvodstvennoye" meet). Unlike legal forms (``legal_forms``), a designator stays a name word.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

from sanctionguard.names.skeleton import skeleton


@dataclass(frozen=True)
class DesignatorTable:
    """Written forms by their words' spelling keys, and the keys that start a form."""

    by_key: dict[tuple[str, ...], str]
    longest: int
    first_keys: frozenset[str]


@cache
def designator_table() -> DesignatorTable:
    """The packaged designator table (read once)."""
    text = files("sanctionguard.names").joinpath("designators.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    by_key = {tuple(skeleton(w) for w in row["form"].split()): row["code"] for row in rows}
    return DesignatorTable(
        by_key=by_key,
        longest=max(len(k) for k in by_key),
        first_keys=frozenset(k[0] for k in by_key),
    )


@lru_cache(maxsize=262144)
def may_start_designator(word: str) -> bool:
    """Whether some designator starts with this folded word (a cheap pre-check)."""
    return skeleton(word) in designator_table().first_keys


def match_designator(words: Sequence[str], start: int) -> tuple[str, int] | None:
    """The longest designator among folded ``words`` starting at ``start``: (code, word count)."""
    table = designator_table()
    if not may_start_designator(words[start]):
        return None
    keys = tuple(skeleton(w) for w in words[start : start + table.longest])
    for length in range(len(keys), 0, -1):
        code = table.by_key.get(keys[:length])
        if code is not None:
            return code, length
    return None
