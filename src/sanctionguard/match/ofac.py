"""The "ofac-name" algorithm: name-only similarity in the style of OFAC's Sanctions List Search.

OFAC documents its tool as character-based (Jaro-Winkler) plus phonetic (Soundex) matching,
with a score slider and no recommended threshold (OFAC FAQ 249-251). We reproduce the method on
the folded Latin renderings: a pair is considered only if one word of each name shares its
first letter and the names (words sorted) are at least 50% similar by edit distance; the score
is the higher of the whole-name Jaro-Winkler (as written and with words sorted) and the mean,
over the query's words, of each word's best Jaro-Winkler against the listed words, where a
Soundex agreement counts at least 0.9. Names only: dates, countries and identifiers are ignored.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import JaroWinkler, Levenshtein
from rigour.text.phonetics import soundex

from sanctionguard.match.types import TokenAlignment

BLOCK_SIMILARITY = 0.5
SOUNDEX_CREDIT = 0.9


def _word_score(word: str, listed: Sequence[str]) -> tuple[float, str]:
    best, best_word = 0.0, ""
    key = soundex(word) if len(word) > 1 else ""
    for other in listed:
        sim = JaroWinkler.similarity(word, other)
        if key and len(other) > 1 and soundex(other) == key:
            sim = max(sim, SOUNDEX_CREDIT)
        if sim > best:
            best, best_word = sim, other
    return (best, best_word)


def ofac_similarity(
    query: Sequence[str], listed: Sequence[str]
) -> tuple[float, tuple[TokenAlignment, ...]]:
    """OFAC-style similarity of two names given as folded words, with the word pairing."""
    if not query or not listed:
        return (0.0, ())
    if not {w[0] for w in query} & {w[0] for w in listed}:
        return (0.0, ())
    sorted_q, sorted_l = " ".join(sorted(query)), " ".join(sorted(listed))
    if Levenshtein.normalized_similarity(sorted_q, sorted_l) < BLOCK_SIMILARITY:
        return (0.0, ())
    whole = max(
        JaroWinkler.similarity(" ".join(query), " ".join(listed)),
        JaroWinkler.similarity(sorted_q, sorted_l),
    )
    pairs = [(w, *_word_score(w, listed)) for w in query]
    per_word = sum(p[1] for p in pairs) / len(pairs)
    tokens = tuple(TokenAlignment(w, other or None, round(s, 3), 1.0) for w, s, other in pairs)
    return (max(whole, per_word), tokens)
