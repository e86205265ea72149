"""Company legal forms: recognised in a token sequence and replaced by one canonical code.

The table is ``legal_forms.csv`` beside this module (code, written form, source note). Forms are
compared by spelling-variant key, so every romanisation of "Общество с ограниченной
ответственностью" meets the row "obshchestvo s ogranichennoy otvetstvennostyu" (code "llc").
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

from sanctionguard.names.skeleton import skeleton

# Abbreviations that are found glued to the start or end of a name ("JSCARGUMENT"): only those
# that no ordinary name word starts or ends with ("zao" starts Zaozyorny, so it is not here).
_GLUED_PREFIXES = ("ojsc", "cjsc", "pjsc", "jsc", "ooo", "llc")
_GLUED_SUFFIXES = ("pjsc", "ojsc", "cjsc", "jsc", "llc", "ltd", "gmbh", "fze", "fzco", "dmcc")
_MIN_GLUED_REST = 4


# Short abbreviations are compared letter for letter: their skeletons are too loose ("ooo" → "o").
_MIN_SKELETON_MATCH = 6


@dataclass(frozen=True)
class LegalFormTable:
    """Written forms keyed by their words and by the words' skeletons (long forms only)."""

    by_text: dict[tuple[str, ...], str]
    by_skeleton: dict[tuple[str, ...], str]
    longest: int
    first_words: frozenset[str]  # first words (and their skeletons) of all forms: a fast pre-check


@cache
def legal_form_table() -> LegalFormTable:
    """The packaged legal-form table (read once)."""
    text = files("sanctionguard.names").joinpath("legal_forms.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    by_text: dict[tuple[str, ...], str] = {}
    by_skeleton: dict[tuple[str, ...], str] = {}
    for row in rows:
        words = tuple(row["form"].split())
        by_text[words] = row["code"]
        if len(words) > 1 or len(words[0]) >= _MIN_SKELETON_MATCH:
            by_skeleton[tuple(skeleton(word) for word in words)] = row["code"]
    return LegalFormTable(
        by_text=by_text,
        by_skeleton=by_skeleton,
        longest=max(len(k) for k in by_text),
        first_words=frozenset(k[0] for k in by_text) | frozenset(k[0] for k in by_skeleton),
    )


@lru_cache(maxsize=262144)
def may_start_legal_form(word: str) -> bool:
    """Whether some legal form starts with this folded word (a cheap pre-check)."""
    first_words = legal_form_table().first_words
    return word in first_words or skeleton(word) in first_words


def match_legal_form(words: Sequence[str], start: int) -> tuple[str, int] | None:
    """The longest legal form among folded ``words`` starting at ``start``: (code, word count)."""
    if not may_start_legal_form(words[start]):
        return None
    table = legal_form_table()
    for length in range(min(table.longest, len(words) - start), 0, -1):
        span = tuple(words[start : start + length])
        code = table.by_text.get(span)
        if code is None and (length > 1 or len(span[0]) >= _MIN_SKELETON_MATCH):
            code = table.by_skeleton.get(tuple(skeleton(w) for w in span))
        if code is not None:
            return code, length
    return None


def legal_form_code(word: str) -> str | None:
    """The code of a one-word legal form ("ooo" → "llc"), or None."""
    found = match_legal_form((word,), 0)
    return None if found is None else found[0]


_GLUED = re.compile(
    rf"^(?:({'|'.join(_GLUED_PREFIXES)})(\w{{{_MIN_GLUED_REST},}})"
    rf"|(\w{{{_MIN_GLUED_REST},}}?)({'|'.join(_GLUED_SUFFIXES)}))$"
)


@lru_cache(maxsize=262144)
def split_glued(word: str) -> tuple[str, ...]:
    """A name with a legal-form abbreviation glued on, split: "jscargument" → ("jsc", "argument").

    Words that are not glued come back alone.
    """
    match = _GLUED.match(word)
    if match is None:
        return (word,)
    return tuple(part for part in match.groups() if part)
