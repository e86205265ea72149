"""Candidate retrieval: which listed entities are worth scoring for a query.

Each query rendering's tokens are expanded against the vocabulary and their postings read
rarest first; each listed form gets an optimistic estimate of its alignment score, and forms
that cannot reach the threshold are dropped (common tokens such as "Mohammed" then only update
forms already found). Entities are ranked by their best estimate; identifier hits always pass.
Glued and split spellings ("JSCARGUMENT" / "JSC ARGUMENT") get extra query renderings.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from rapidfuzz.distance import OSA

from sanctionguard.match.alignment import (
    LISTED_HELD_MIN,
    QueryForm,
    QueryToken,
    contained_miss,
    contained_share,
    miss_factors,
    with_repeats,
)
from sanctionguard.match.index import MatchIndex, TokenForms
from sanctionguard.match.query import PreparedQuery, schemas_compatible
from sanctionguard.match.vocabulary import EDIT_MAX_LONG, GLUED_ABJAD_MIN, typo_similarity
from sanctionguard.names.analyze import ABJAD_SCRIPTS, PARTS_SCRIPTS, make_token
from sanctionguard.names.legal_forms import (
    legal_form_table,
    match_legal_form,
    may_start_legal_form,
)
from sanctionguard.names.types import AnalyzedName, NamePart, NameToken, TokenKind

# estimates may fall short of the final similarity by this much (``form_margin``)
MARGIN: Final = 0.1
WORD_MARGIN: Final = 0.05  # ... or by this much, for a rendering of listed words only
INITIAL_MARGIN: Final = 0.15  # initials are not in the estimate: each may add this much
# ... up to this many ("S.A.", "S.L." in company names are no initials)
MAX_INITIAL_BONUS: Final = 2
MIN_FLOOR: Final = 0.2  # never score forms estimated below this
MIN_INITIAL_RUN: Final = 2
LEGAL_TYPO_MIN: Final = 0.8  # edit similarity at which an unknown word is taken for a legal form
# ... when it has this many letters; shorter ones only with two letters
LEGAL_TYPO_LENGTH: Final = 5
LEGAL_SHORT_TYPO: Final = 4  # swapped ("Salr" for "SARL"), down to this many
# ... and a form's word of four letters or more with a letter after its first dropped, down to
# this many ("FUE" for FSUE: left the rarest word there is, unpaired, the firm scored nothing)
LEGAL_DROPPED_MIN: Final = 3
# A legal form's code of up to this many letters between two words of a query naming no
# schema does not make it a firm's name (``names_a_firm``: "IYAD AG GHALI").
INNER_PARTICLE_LENGTH: Final = 2
MAX_ESTIMATED_FORMS: Final = 2_000
LIGHT_MIN_VOLUME: Final = 64  # a lone query token in this many forms is read by form weight
_NAME_WORDS: Final = frozenset({TokenKind.WORD, TokenKind.NUMBER})
# the Arabic article as Latin spellings glue it to a name
_ARTICLES: Final = frozenset({"al", "el"})
_VOWELS: Final = frozenset("aeiou")
# The article's l taking the sound of a sun letter, written doubled ("Essid" for as-Sid, "Ettounsi"
# for at-Tounsi), or in full and doubled ("Elsseid"): the article, the letter and the rest.
_SUN_LETTERS: Final = frozenset("tdrzsn")  # (as Latin spellings begin them)
_ASSIMILATED_ARTICLE: Final = re.compile(
    rf"(el?)(sh|ch|[{''.join(sorted(_SUN_LETTERS))}])\2(?=[aeiouy])"
)
MIN_ASSIMILATED_REST: Final = 3  # "Essid": as-"Sid"
# heads of glued compounds (``_find_splits``)
_COMPOUND_HEADS: Final = frozenset({"abu", "ali", "mir"})
COMPOUND_HEAD: Final = 3
# ... and "Allah" heading a Pashto or Persian compound whose rest may be short ("ALLAHDAD" for
# "ALLAH DAD MATIN", "Allahyar", "Allahnur"): cut after it even where the rest has three letters
_ALLAH: Final = "allah"
MIN_AFTER_ALLAH: Final = 3
HELD_WHOLE_SLACK: Final = 0.2  # a form's weight beyond its held words' that may still be all paired
MAX_RETRIEVAL_TOKENS: Final = 8  # rarest query tokens used to find forms (the rest still count)
FORMS_PER_ENTITY: Final = 3
# ... and with initials in the query, which the estimate leaves out: how an initial pairs (with
# "Abdulhaq" whole, or with "ABDUL-HAQ" and the rest unpaired) decides among forms it ranks
# alike ("A. WASSIQ": "Abdulhaq Waseeq" aligns best, fourth by estimate).
FORMS_PER_ENTITY_INITIALS: Final = 5
HELD_TIEBREAK: Final = 1e-3  # (estimates capped at 1 rank by the weight they hold, see ``_viable``)
MAX_QUERY_FORMS: Final = 12
MIN_PIECE: Final = 2  # the shortest piece a glued word is split into
MIN_KNOWN_PIECE: Final = 4  # ... when the glued word is itself a listed word ("ABDELRAHMAN")
MAX_SPLITS: Final = 3
_RETRIEVABLE: Final = (TokenKind.WORD, TokenKind.NUMBER)
# a query word this rare (in ~20 entities or fewer) anchors typo search
TYPO_ANCHOR_WEIGHT: Final = 8.0
ANCHOR_TOGETHER: Final = 2  # ... or this many of its other name words together
TOGETHER_MAX_FORMS: Final = 64  # ... held together by at most this many listed forms
MIN_TYPO_WORD: Final = 3  # ("Wci" for "Wuxi": see ``vocabulary.SLIP_SIM``)
TYPO_NEAR_SIM: Final = 0.8  # a query word with a listed word this close is no unexplained typo


@dataclass(slots=True, init=False)
class Candidate:
    """A listed entity worth scoring, with its most promising (estimate, query form, form)."""

    entity: int
    estimate: float
    pairs: list[tuple[float, int, int]]
    by_identifier: bool
    need: float  # the least name similarity that can still reach the threshold
    margin: float  # how far its pairs' estimates may fall short (``form_margin``)

    def __init__(
        self,
        entity: int,
        estimate: float = 0.0,
        pairs: list[tuple[float, int, int]] | None = None,
        by_identifier: bool = False,
        need: float = 0.0,
        margin: float = WORD_MARGIN,
    ) -> None:
        # (Written out: the constructor dataclass writes runs interpreted, ~15x slower
        # than this one compiled; see DESIGN.md, "Where the time goes".)
        self.entity = entity
        self.estimate = estimate
        self.pairs = [] if pairs is None else pairs
        self.by_identifier = by_identifier
        self.need = need
        self.margin = margin


def form_margin(form: QueryForm) -> float:
    """How far below a query rendering's final similarity to a listed form its estimate may
    fall. Pairs are guessed beside the estimate for an initial (``INITIAL_MARGIN``) and for a
    word the lists never print, which alignment may pair as a typo of a legal form's or a
    particle's word ("Conpzny", "Geneal"); a rendering of listed words is estimated close to a
    bound: on the accuracy deck (6,100 cases), the cross-list pairs and the typo stress, none
    fell more than 0.04 short of a hit, while a tenth of the candidates scored lay 0.05 to 0.1
    below what they needed."""
    return MARGIN if form.guessed else WORD_MARGIN


def _is_person(name: AnalyzedName, schema: str | None) -> bool:
    if schema is not None:
        return schemas_compatible(schema, "Person") and schema != "LegalEntity"
    return not name.is_organization


def _query_form(
    index: MatchIndex, pos: int, name: AnalyzedName, tokens: tuple[NameToken, ...], person: bool
) -> QueryForm:
    qtokens = tuple(_query_token(index, token) for token in tokens)
    # (A reading syllable by syllable, of a Korean name in RR or a Chinese one in Wade-Giles,
    # tells the given name's parts as the script would.)
    words = [t for t in tokens if t.kind is TokenKind.WORD]
    own_script = name.script in PARTS_SCRIPTS or (bool(words) and all(t.syllabic for t in words))
    return QueryForm(
        name=pos,
        text=name.original,
        tokens=qtokens,
        weight=sum(q.weight for q in qtokens),
        person=person,
        misses=with_repeats(
            [t.text for t in tokens],
            miss_factors(
                tuple(t.kind for t in tokens), tuple(t.part for t in tokens), person, own_script
            ),
        ),
        has_number=any(t.kind is TokenKind.NUMBER for t in tokens),
        has_legal_form=any(t.kind is TokenKind.LEGAL_FORM for t in tokens),
        own_script=own_script,
        guessed=any(t.kind is TokenKind.INITIAL for t in tokens) or any(q.typo for q in qtokens),
    )


def _query_token(index: MatchIndex, token: NameToken) -> QueryToken:
    """A query token with its expansion (remembered per token)."""
    return index.remember(("query token", token), lambda: _expanded(index, token))


def _expanded(index: MatchIndex, token: NameToken) -> QueryToken:
    exp = index.expand(token)
    # A word the lists never print, or with no listed word near it, may be two typos from a
    # listed word, which only alignment pairs ("HAERL" for "HALEEL", near "HARL" and "HAEL").
    typo = (
        token.kind is TokenKind.WORD
        and not token.syllabic
        and len(token.text) >= MIN_TYPO_WORD
        and (
            token.text not in index.vocab.ids or max(exp.sims.values(), default=0.0) < TYPO_NEAR_SIM
        )
    )
    # A word the lists never print stands for each listed word it may mistype in that word's
    # role: paired with one, it weighs as that one ("Ahmaid" as "Ahmadi", not as "Ahmad", which
    # it is as near); unpaired, as the first (``Vocabulary.expand``).
    vocab = index.vocab
    weights = (
        {tid: float(vocab.weights[tid]) for tid in exp.sims}
        if exp.sims and token.text not in vocab.ids
        else None
    )
    keys = frozenset(exp.sims)
    return QueryToken(token, exp.sims, exp.weight, exp.volume, typo, keys, pair_weights=weights)


def _legal_code(text: str) -> str | None:
    """The code of a legal form written exactly so ("llc", "ooo"): every cut of every glued
    query word asks it, so spelling variants (``legal_form_code``) are left to whole words."""
    return legal_form_table().by_text.get((text,))


def _vocab_token(index: MatchIndex, text: str, part: NamePart) -> NameToken | None:
    """``text`` as the listed token it is (a legal form under its code), if the lists use it."""
    code = _legal_code(text)
    if code is not None and code in index.vocab.ids:
        text = code
    tid = index.vocab.ids.get(text)
    if tid is None:
        return None
    vocab = index.vocab
    return NameToken(text, vocab.kind(tid), part, vocab.phonetics[tid], vocab.skeletons[tid])


def _splits(index: MatchIndex, token: NameToken) -> list[tuple[NameToken, NameToken]]:
    """A glued word cut into two words the lists print ("KIMSE" → "KIM SE"): every cut for a
    word the lists never print, cuts into two long words for one they do ("ABDELRAHMAN")."""
    return index.remember(("splits", token), lambda: _find_splits(index, token))


def _find_splits(index: MatchIndex, token: NameToken) -> list[tuple[NameToken, NameToken]]:
    text = token.text
    # Romanised syllables come split where the script splits them ("jianlin" and "jian lin"
    # are both renderings already); cutting further makes other syllables ("qian" 倩 is no
    # "qi an").
    if token.kind is not TokenKind.WORD or len(text) < 2 * MIN_PIECE or token.syllabic:
        return []
    found = _article_split(index, token)
    known = text in index.vocab.ids
    if known and len(text) < 2 * MIN_KNOWN_PIECE:
        return found
    least = MIN_KNOWN_PIECE if known else MIN_PIECE
    # A compound Arabic or Persian name the lists print glued and apart ("Aliasghar" and "Ali
    # Asghar", "Abubakar" and "Abu Bakar") is also cut after its three-letter head, the rest a
    # name word.
    first = COMPOUND_HEAD if known and text[:COMPOUND_HEAD] in _COMPOUND_HEADS else least
    for cut in range(first, len(text)):
        rest = len(text) - cut
        after_allah = rest >= MIN_AFTER_ALLAH and text[:cut] == _ALLAH
        if rest < least and not text[cut:].isdigit() and not after_allah:
            continue
        head = _vocab_token(index, text[:cut], token.part)
        tail = _vocab_token(index, text[cut:], token.part) if head is not None else None
        if head is not None and tail is not None and (cut >= least or tail.kind is TokenKind.WORD):
            found.append((head, tail))
    return found[:MAX_SPLITS]


def _printed_apart(index: MatchIndex, token: NameToken) -> list[tuple[NameToken, NameToken]]:
    """A listed word of a vessel's or a firm's name cut where a listed name prints its two
    pieces side by side, however short ("POCHON" as "PO CHON", "FUYUAN YU" as "FU YUAN YU"):
    some lists glue what others print apart (remembered per token)."""
    if (
        token.kind is not TokenKind.WORD
        or len(token.text) < 2 * MIN_PIECE
        or token.text not in index.vocab.ids
    ):
        return []
    return index.remember(("apart", token), lambda: _find_apart(index, token))


def _find_apart(index: MatchIndex, token: NameToken) -> list[tuple[NameToken, NameToken]]:
    text, ids = token.text, index.vocab.ids
    found = []
    for cut in range(MIN_PIECE, len(text) - MIN_PIECE + 1):
        first, second = ids.get(text[:cut]), ids.get(text[cut:])
        if first is None or second is None or not index.adjacent(first, second):
            continue
        head = _vocab_token(index, text[:cut], token.part)
        tail = _vocab_token(index, text[cut:], token.part)
        if head is not None and tail is not None:
            found.append((head, tail))
    return found


def _article_split(index: MatchIndex, token: NameToken) -> list[tuple[NameToken, NameToken]]:
    """An Arabic name glued to its article, cut where the lists print it apart ("ALMADANI" →
    "AL MADANI", "ELSHERIF" → "EL SHERIF"): the rest a word the lists print."""
    text = token.text
    if token.abjad and text[:1] == "l" and text[1:2] in _VOWELS:
        return _elided_article_split(index, token)
    assimilated = _ASSIMILATED_ARTICLE.match(text) if token.abjad else None
    if assimilated is not None:
        return _assimilated_article_split(index, token, assimilated)
    if text[:2] not in _ARTICLES or len(text) < 2 + MIN_KNOWN_PIECE:
        return []
    article = _vocab_token(index, text[:2], token.part)
    rest = _vocab_token(index, text[2:], token.part)
    if article is None or rest is None or rest.kind is not TokenKind.WORD:
        return []
    return [(article, rest)]


def _elided_article_split(index: MatchIndex, token: NameToken) -> list[tuple[NameToken, NameToken]]:
    """A Maghreb name written with the article's vowel left out ("Lazher" for al-Azhar,
    "Larbi", "Lamine"), in a name spelt from Arabic (``NameToken.abjad``: "Laura" stays): cut
    into the article and the rest when the lists print the rest or a word that sounds like it
    ("azher" as "Azhar")."""
    rest = token.text[1:]
    if len(rest) < MIN_KNOWN_PIECE:
        return []
    return _article_and(index, token, rest)


def _article_and(
    index: MatchIndex, token: NameToken, rest: str
) -> list[tuple[NameToken, NameToken]]:
    """The article and ``rest`` (spelt from Arabic) as two words, if the lists print the rest
    or a word that sounds like it."""
    article = _vocab_token(index, "al", token.part)
    word = _vocab_token(index, rest, token.part)
    if word is None:
        word = make_token(rest, TokenKind.WORD, token.part)
        if not index.vocab.by_phonetic.get(word.phonetic):
            return []
    if article is None or word.kind is not TokenKind.WORD:
        return []
    return [(article, word._replace(abjad=True))]


def _assimilated_article_split(
    index: MatchIndex, token: NameToken, found: re.Match[str]
) -> list[tuple[NameToken, NameToken]]:
    """A Maghreb name glued to its article assimilated to a sun letter ("Essid" for as-Sid,
    "Elsseid"; ``found``, its ``_ASSIMILATED_ARTICLE`` match), in a name spelt from Arabic
    (``NameToken.abjad``: dictionary names such as "Essam" stay whole): cut into the article
    and the rest ("sid") when the lists print the rest or a word that sounds like it."""
    rest = token.text[found.end(1) + len(found.group(2)) :]
    if len(rest) < MIN_ASSIMILATED_REST:
        return []
    return _article_and(index, token, rest)


def _assimilated_in_full(index: MatchIndex, token: NameToken) -> NameToken | None:
    """ "Essid" as the lists also print it, the article in full: "Elssid" (met as "Elsseid" is,
    by its spelling); None for a word that is no such name."""
    found = _ASSIMILATED_ARTICLE.match(token.text) if token.abjad else None
    if found is None or found.group(1) != "e":
        return None
    text = "el" + token.text[1:]
    return _vocab_token(index, text, token.part) or make_token(text, TokenKind.WORD, token.part)


def _glued_variants(
    index: MatchIndex, tokens: tuple[NameToken, ...], abjad: bool, person: bool
) -> list[tuple[NameToken, ...]]:
    """Renderings with a glued word split or two words glued (``abjad``: the name is written in
    Arabic or Hebrew letters, whose words also meet listed words glued on their consonants).
    A person's listed word is not cut into the short pieces another name prints apart: a
    Korean given name's syllables would pair one by one with another's ("Subin" is no "su",
    "bin" to pair with "Kwang Su")."""
    variants = []
    for i, token in enumerate(tokens):
        apart = [] if person else _printed_apart(index, token)
        for pieces in [*_splits(index, token), *apart]:
            if _dangling(pieces, tokens[i + 1 :]):
                continue
            variants.append((*tokens[:i], *pieces, *tokens[i + 1 :]))
        variants.extend(_legal_form_cuts(index, tokens, i))
        in_full = _assimilated_in_full(index, token)
        if in_full is not None:
            variants.append((*tokens[:i], in_full._replace(abjad=True), *tokens[i + 1 :]))
    glues: list[tuple[int, int, NameToken]] = []  # (first word, words glued, the glued word)
    for i in range(len(tokens) - 1):
        first, second = tokens[i], tokens[i + 1]
        # A family name is never printed glued to a given name's syllable ("i u jin" 이우진 is
        # no "Iu Jin"); the syllables of a given name are ("jong un", "jongun"). (Two family
        # syllables are one word already: "namgung", "sagong".)
        if first.syllabic and second.syllabic and NamePart.FAMILY in (first.part, second.part):
            continue
        glued = _vocab_token(index, first.text + second.text, first.part)
        if glued is None and first.text in _ARTICLES and second.abjad:
            if second.text[:1] in _VOWELS:
                # The article glued with its vowel left out ("al-Azhar" printed "Lazhar").
                glued = _vocab_token(index, "l" + second.text, second.part)
            elif second.text[:1] in _SUN_LETTERS:
                # ... or taking the sound of a sun letter ("as-Sabar" printed "Essabar").
                glued = _vocab_token(index, "e" + second.text[0] + second.text, second.part)
        if glued is not None:
            if abjad and glued.kind is TokenKind.WORD:
                glued = glued._replace(abjad=True)
            glues.append((i, 2, glued))
    variants.extend((*tokens[:i], word, *tokens[i + span :]) for i, span, word in glues)
    variants.extend(_joined_initials(index, tokens))
    if abjad:
        in_abjad = _glued_abjad(index, tokens)
        variants.extend((*tokens[:i], word, *tokens[i + span :]) for i, span, word in in_abjad)
        glues.extend(in_abjad)
    variants.extend(_all_glued(tokens, glues))
    return variants


def _legal_form_cuts(
    index: MatchIndex, tokens: tuple[NameToken, ...], at: int
) -> list[tuple[NameToken, ...]]:
    """Renderings with word ``at``, one the lists never print, cut where a legal form of
    several words meets a listed word: its tail begins the form with the words after it
    ("MAOYIYOUXIAN GONGSI": "youxian gongsi" is "Ltd", 有限公司), or its head ends the form the
    words before it begin ("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYUPSB": a Russian LLC,
    then "PSB"), or the word itself begins the form ("Deflog PTELTD", "OBSHCHESTVOS
    OGRANICHENNOI OTVETSTVENNOSTYU"). The analyser reads such a form only when it is printed
    apart. (Remembered per rendering and word: the cuts try every piece.)"""
    token = tokens[at]
    text = token.text
    if (
        token.kind is not TokenKind.WORD
        or token.syllabic
        or len(text) < 2 * MIN_PIECE
        or text in index.vocab.ids
    ):
        return []
    key = ("legal cuts", tokens, at)
    return index.remember(key, lambda: _find_legal_form_cuts(index, tokens, at))


def _find_legal_form_cuts(
    index: MatchIndex, tokens: tuple[NameToken, ...], at: int
) -> list[tuple[NameToken, ...]]:
    token = tokens[at]
    text = token.text
    texts = [t.text for t in tokens]
    longest = legal_form_table().longest
    # (where a form may begin before the word: the backward cuts need one)
    starts = [s for s in range(max(0, at + 1 - longest), at) if may_start_legal_form(texts[s])]
    out: list[tuple[NameToken, ...]] = []
    # (The tail may be a letter: "COPETES.A." is "COPETE S.A.")
    # The word is a form's first two words glued: "PTELTD", "OBSHCHESTVOS OGRANICHENNOI ..."
    for cut in legal_form_table().glued_heads.get(text, ()):
        found = _legal_form_at(index, [text[:cut], text[cut:], *texts[at + 1 :]], token.part)
        if found is not None:
            out.append((*tokens[:at], found[0], *tokens[at + found[1] - 1 :]))
    for cut in range(MIN_PIECE, len(text)):
        head, tail = text[:cut], text[cut:]
        if may_start_legal_form(tail):
            word = _vocab_token(index, head, token.part)
            found = _legal_form_at(index, [tail, *texts[at + 1 :]], token.part) if word else None
            if word is not None and found is not None:
                form, count = found
                out.append((*tokens[:at], word, form, *tokens[at + count :]))
        if not starts or len(tail) < MIN_PIECE:
            continue
        word = _vocab_token(index, tail, token.part)
        if word is None:
            continue
        for start in starts:
            found = _legal_form_at(index, [*texts[start:at], head], token.part)
            if found is not None and found[1] == at - start + 1:
                out.append((*tokens[:start], found[0], word, *tokens[at + 1 :]))
                break
    return out


def _legal_form_at(
    index: MatchIndex, words: list[str], part: NamePart
) -> tuple[NameToken, int] | None:
    """The legal form of two words or more that ``words`` begin (read as the analyser reads
    one, ``match_legal_form``, from a word a form begins with), as a token, with its word
    count."""
    if not may_start_legal_form(words[0]):
        return None
    found = match_legal_form(words, 0)
    if found is None or found[1] < 2:
        return None
    code = found[0]
    token = _vocab_token(index, code, part)
    return token or NameToken(code, TokenKind.LEGAL_FORM, part, "", code), found[1]


def _all_glued(
    tokens: tuple[NameToken, ...], glues: list[tuple[int, int, NameToken]]
) -> list[tuple[NameToken, ...]]:
    """The rendering with every glue that does not overlap an earlier one, where there are two or
    more: a name may print two compounds glued ("ABDELHALIM HAFED ABDELFATTAH REMADNA" for
    عبدالحليم حافظ عبدالفتاح رمادنا, read "abdul halim hafiz abdul fattah ramadna")."""
    out: list[NameToken] = []
    done = applied = 0
    for i, span, word in sorted(glues, key=lambda g: (g[0], -g[1])):
        if i >= done:
            out.extend(tokens[done:i])
            out.append(word)
            done, applied = i + span, applied + 1
    # (With one glue applied the single variants hold it.)
    return [(*out, *tokens[done:])] if applied > 1 else []


def _dangling(pieces: tuple[NameToken, NameToken], after: tuple[NameToken, ...]) -> bool:
    """Whether a cut leaves a particle with no word after it to belong to, or glues one to a
    short piece: "Seidel" is no "SEI del", "Demirel A.S." no "DEMIR el", "Balla S.R.L." no "BAL
    la", "Damps" no "da MPS" (while "PROPAGANDAAND AGITATION" and "ofthe Greater" are glued
    words). Surnames end so more often than glued names end in a particle (the Korean-Russian
    "SergeyTen" for "Sergey Ten" is left unsplit)."""
    head, tail = pieces
    # (An Arabic name cut from its article is marked abjad: "Essid" is as-"Sid".)
    short = tail.kind is TokenKind.WORD and len(tail.text) < MIN_KNOWN_PIECE and not tail.abjad
    if head.kind is TokenKind.STOPWORD and short:
        return True  # a particle glued to an acronym: "Damps" is no "da MPS"
    return tail.kind is TokenKind.STOPWORD and all(t.kind is not TokenKind.WORD for t in after)


def _glued_abjad(
    index: MatchIndex, tokens: tuple[NameToken, ...]
) -> list[tuple[int, int, NameToken]]:
    """Words of a name written in Arabic or Hebrew letters that a list prints as one, met on
    their consonants ("سالار کیا" Salar Kiya as "Salarkia", "ابو الفضل" as "Abolfazl"): (first
    word, words glued, the glued word)."""
    glues = []
    for i in range(len(tokens) - 1):
        for span in (2, 3):
            words = tokens[i : i + span]
            # Three words only around the article: "abu al fazl" is "Abolfazl"; two may start
            # with letters that only look like it, before a consonant ("الهیان" is "Elahian";
            # before an alif they are the article: "الأزهر" is al-Azhar).
            if len(words) < span or (span == 3 and words[1].text != "al"):
                continue
            first = words[0].kind is TokenKind.WORD or (
                span == 2 and words[0].text == "al" and words[1].text[:1] not in _VOWELS
            )
            if not first or words[-1].kind is not TokenKind.WORD:
                continue
            joined = "".join(t.text for t in words)
            # (Letters that look like the article hold one of the consonants: "Elham" الهام.)
            least = GLUED_ABJAD_MIN - (words[0].kind is not TokenKind.WORD)
            if index.vocab.has_consonants(joined, least):
                token = make_token(joined, TokenKind.WORD, words[0].part)._replace(abjad=True)
                glues.append((i, span, token))
    return glues


def _joined_initials(
    index: MatchIndex, tokens: tuple[NameToken, ...]
) -> list[tuple[NameToken, ...]]:
    """Runs of initials ("S. I. S. d. o. o.") read as the words the lists print ("SIS DOO"):
    from left to right, the longest stretch of two or more initials the lists use as a word."""
    out: list[NameToken] = []
    changed = False
    i = 0
    while i < len(tokens):
        word = None
        if tokens[i].kind is TokenKind.INITIAL:
            end = i
            while end < len(tokens) and tokens[end].kind is TokenKind.INITIAL:
                end += 1
            for j in range(end, i + MIN_INITIAL_RUN - 1, -1):
                word = _vocab_token(index, "".join(t.text for t in tokens[i:j]), tokens[i].part)
                if word is not None:
                    out.append(word)
                    changed, i = True, j
                    break
        if word is None:
            out.append(tokens[i])
            i += 1
    return [tuple(out)] if changed else []


@lru_cache(maxsize=1)
def _legal_words() -> dict[int, tuple[tuple[str, str], ...]]:
    """One-word legal forms long enough to be mistyped ("company", "limited"), with codes, by
    length."""
    by_length: dict[int, list[tuple[str, str]]] = {}
    for words, code in legal_form_table().by_text.items():
        if len(words) == 1 and len(words[0]) >= LEGAL_SHORT_TYPO:
            by_length.setdefault(len(words[0]), []).append((words[0], code))
    return {length: tuple(found) for length, found in by_length.items()}


@lru_cache(maxsize=4096)
def _mistyped_legal_form(token: NameToken) -> tuple[float, NameToken] | None:
    """A word the lists never print that is one typo away from a legal form's word ("Compnay"),
    or, in three or four letters, two of its letters swapped ("Salr" for "SARL") or one dropped
    ("FUE" for "FSUE"): the closest form, with its edit similarity."""
    text = token.text
    if token.kind is not TokenKind.WORD or len(text) < LEGAL_DROPPED_MIN:
        return None
    best: tuple[float, NameToken] | None = None
    length = len(text)
    # (Words more than two letters longer or shorter are more than 0.8 apart in edits.)
    lengths = (length, length + 1) if length < LEGAL_TYPO_LENGTH else range(length - 2, length + 3)
    by_length = _legal_words()
    for size in lengths:
        for word, code in by_length.get(size, ()):
            raw = OSA.normalized_similarity(text, word)
            if (best is None or raw > best[0]) and _legal_typo(text, word, raw):
                best = (raw, NameToken(code, TokenKind.LEGAL_FORM, token.part, "", code))
    return best


def _legal_typo(typed: str, word: str, raw: float) -> bool:
    """Whether ``typed`` (edit similarity ``raw``) mistypes the legal form's word ``word``;
    under ``LEGAL_TYPO_LENGTH`` letters only as two neighbouring letters swapped (one edit
    between words of the same letters) or as one letter dropped after the first ("URL" is no
    EURL, as short words keep their first letter elsewhere: it stays a slip of "URAL")."""
    if len(typed) >= LEGAL_TYPO_LENGTH:
        return raw >= LEGAL_TYPO_MIN
    if len(word) == len(typed) + 1:
        return any(word[:k] + word[k + 1 :] == typed for k in range(1, len(word)))
    return (
        len(typed) >= LEGAL_SHORT_TYPO
        and sorted(typed) == sorted(word)
        and OSA.distance(typed, word) == 1
    )


def _corrected(index: MatchIndex, tokens: tuple[NameToken, ...]) -> tuple[NameToken, ...]:
    """Query words the lists never print that mistype a legal form, as the form; not when a
    word the lists print is closer ("Corporadcion" is "CORPORACION", printed as a name word,
    rather than "Corporation")."""
    out = []
    texts = index.vocab.texts
    for token in tokens:
        fixed = None if token.text in index.vocab.ids else _mistyped_legal_form(token)
        if fixed is not None:
            near = index.expand(token).sims
            edits = (OSA.normalized_similarity(token.text, texts[t]) for t in near)
            if fixed[0] >= max(edits, default=0.0):
                token = fixed[1]
        out.append(token)
    return tuple(out)


def _printed_legal_typos(
    index: MatchIndex, tokens: tuple[NameToken, ...], person: bool
) -> list[tuple[NameToken, ...]]:
    """A firm's name whose first or last word is a short word the lists print ("OJC", "CSC":
    others' acronyms) that mistypes a legal form (OJSC, CJSC with a letter dropped): the name
    read with the form too. ``_corrected`` leaves printed words as printed, and so read, such a
    word weighed as one of the rarest, more than the name's own words ("OJC “Aviaagregat”"
    scored 0.05 on "AVIAAGREGAT JSC", "CSC NPC Aquaarine" 0.17 on "CJSC NPC Aquamarine")."""
    if person or len(tokens) < 2:
        return []
    out = []
    for i in sorted({0, len(tokens) - 1}):
        token = tokens[i]
        if len(token.text) >= LEGAL_TYPO_LENGTH or token.text not in index.vocab.ids:
            continue
        others = (*tokens[:i], *tokens[i + 1 :])
        fixed = _mistyped_legal_form(token)
        if fixed is not None and any(t.kind is TokenKind.WORD for t in others):
            out.append((*tokens[:i], fixed[1], *tokens[i + 1 :]))
    return out


def query_forms(index: MatchIndex, query: PreparedQuery) -> list[QueryForm]:
    """Every rendering of every query name (plus glued/split variants), expanded."""
    forms: list[QueryForm] = []
    seen: set[tuple[str, ...]] = set()
    for pos, name in enumerate(query.names):
        person = _is_person(name, query.schema)
        renderings = [_corrected(index, tokens) for tokens in name.forms]
        abjad = name.script in ABJAD_SCRIPTS
        legal = _printed_legal_typos(index, renderings[0], person) if renderings else []
        for tokens in renderings[:2]:
            renderings.extend(_glued_variants(index, tokens, abjad, person))
        renderings[1:1] = legal  # (second: the cap on renderings keeps it)
        for tokens in renderings:
            key = tuple(t.text for t in tokens)
            if key in seen or len(forms) >= MAX_QUERY_FORMS * (pos + 1):
                continue
            seen.add(key)
            forms.append(_query_form(index, pos, name, tokens, person))
    return forms


@lru_cache(maxsize=16)
def _masks_by_size(count: int) -> tuple[int, ...]:
    return tuple(sorted(range(1, 1 << count), key=int.bit_count))


def _minimal_masks(
    terms: tuple[list[float], list[float], list[float], float, int, int],
    base: float,
    floor: float,
    spare: float = 0.0,
) -> list[int]:
    """The smallest sets of query tokens (bit masks) whose match alone can reach ``floor`` (all
    of them together with the query words of weight ``spare`` that are not looked up).

    ``terms`` are the tokens' weights, their paired shares of the denominator, their costs
    unpaired beside a listed name held whole in the query's (``alignment.contained_miss``), the
    sum of those costs over all the query's words, the tokens that are name words (bits) and
    the count of the query's name words not looked up: a form holding ``LISTED_HELD_MIN`` name
    words with those may be such a name, the query's other words costing that much ("Ali Akbar
    AHMADIAN" in "Ali Akbar Ahmadian Babaki"), as ``_viable`` estimates it (a word not looked
    up may pair as a typo: "TARTOLS PORT GENEAL COMPANY"). A listed form must hold all tokens
    of at least one of the masks to be worth estimating.
    """
    weights, paired, capped, capped_all, named, unlooked_named = terms
    masks: list[int] = []
    size = 1 << len(weights)
    sum_w, sum_d, sum_c = [0.0] * size, [0.0] * size, [0.0] * size
    covered = bytearray(size)  # supersets of a mask already found
    for mask in _masks_by_size(len(weights)):
        low = mask & -mask
        k = low.bit_length() - 1
        w = sum_w[mask] = sum_w[mask ^ low] + weights[k]
        d = sum_d[mask] = sum_d[mask ^ low] + paired[k]
        c = sum_c[mask] = sum_c[mask ^ low] + capped[k]
        if covered[mask]:
            continue
        unlooked = spare if mask == size - 1 else 0.0
        den = base + d
        if (mask & named).bit_count() + unlooked_named >= LISTED_HELD_MIN:
            den = min(den, 2 * w + capped_all - c)
        if den <= 0 or 2 * (w + unlooked) / den >= floor:
            masks.append(mask)
            rest = (size - 1) ^ mask
            extra = rest
            while True:
                covered[mask | extra] = 1
                if not extra:
                    break
                extra = (extra - 1) & rest
    return masks


def _estimates(index: MatchIndex, form: QueryForm, floor: float) -> dict[int, float]:
    """Listed form → an optimistic estimate of its similarity to the query form (≥ ``floor``).

    The estimate is the alignment score assuming every matched query token pairs with a listed
    token of equal weight and the listed form's unmatched tokens cost their least (an upper
    bound up to initials and unequal fuzzy weights). Only forms holding one of the smallest token
    sets that can reach ``floor`` are looked at, found by intersecting the tokens' form sets, so
    common tokens such as "Mohammed" cost a set intersection, not a loop.
    """
    misses = form.misses
    words = [(i, q) for i, q in enumerate(form.tokens) if q.token.kind is not TokenKind.INITIAL]
    ranked = sorted(((i, q) for i, q in words if q.sims), key=lambda t: -t[1].weight)
    toks = ranked[:MAX_RETRIEVAL_TOKENS]
    if not toks:
        return {}
    # The query words beyond the rarest few (a long name: "FEDERAL GOVERNMENT INSTITUTION
    # PRETRIAL DETENTION CENTER NO 1 OF THE DIRECTORATE...") are not looked up, but in a form
    # holding all the rarest they may pair with the form's other words: their weight,
    # ``spare``, counts as paired up to that much there.
    spare = sum(q.weight for _, q in ranked[MAX_RETRIEVAL_TOKENS:])
    # A query word the lists never print may still be two typos from a listed one ("Axeander
    # Mazhuga", "HAERL COMMODITIES"): alignment pairs it then, so a form holding a rare query
    # word that is no such typo itself (the anchor) and a word the typo may stand for is
    # estimated as if they paired; token sets holding an anchor are looked up a second time
    # with the typo's miss left out, which keeps the candidates few. Other forms pay for the
    # word as a miss.
    anchors = [k for k, (_, q) in enumerate(toks) if q.weight >= TYPO_ANCHOR_WEIGHT and not q.typo]
    # With no such word, the query's other words together anchor: forms holding them all
    # ("Amug HLAING OO": neither "Hlaing" nor "Oo" is rare, both in a form are).
    sure = [k for k, (_, q) in enumerate(toks) if not q.typo and q.token.kind in _NAME_WORDS]
    together = not anchors and len(sure) >= ANCHOR_TOGETHER
    if together:
        anchors = sure
    base = sum(q.weight * misses[i] for i, q in words)
    typo_misses = sum(q.weight * misses[i] for i, q in words if q.typo)
    anchored_base = base - typo_misses if anchors and typo_misses else base
    weights = [q.weight for _, q in toks]
    paired = [q.weight * (2 - misses[i]) for i, q in toks]
    # What the query's words would cost, unpaired, beside a form held whole in the query's
    # (``alignment.contained_miss``): all of them, and each retrieval token's share.
    person = form.person
    capped = [q.weight * contained_miss(misses[i], person) for i, q in toks]
    capped_all = sum(q.weight * contained_miss(misses[i], person) for i, q in words)
    named = sum(1 << k for k, (_, q) in enumerate(toks) if q.token.kind in _NAME_WORDS)
    unlooked = sum(1 for _, q in words if q.token.kind in _NAME_WORDS) - named.bit_count()
    terms = (weights, paired, capped, capped_all, named, unlooked)
    found = [index.token_forms(q.token) for _, q in toks]
    volume = [q.volume for _, q in toks]

    def holding(mask: int, start: float) -> AbstractSet[int]:
        """The forms holding the query tokens of ``mask`` (a common lone token: only those light
        enough to reach ``floor``, see ``_single_token_forms``)."""
        members = sorted((k for k in range(len(toks)) if mask >> k & 1), key=volume.__getitem__)
        if len(members) == 1 and volume[members[0]] >= LIGHT_MIN_VOLUME:
            terms = (weights, paired, start)
            return _single_token_forms(index, toks, members[0], found, terms, floor)
        return _holding_all([found[k] for k in members])

    candidates: set[int] = set()
    for mask in _minimal_masks(terms, base, floor, spare):
        candidates |= holding(mask, base)
    # The possible typos alignment can pair (``alignment._typo_pairs``: words the lists never
    # print), in forms holding an anchor and a word of a typo's first letter.
    typos = tuple(q.token.text for _, q in words if q.typo and q.token.text not in index.vocab.ids)
    letters = 0
    for typed in typos:
        letters |= _letter_bit(typed)
    anchored: AbstractSet[int] = frozenset()
    if anchored_base != base and together:
        # The forms holding every other word, when they are few (as a rare word's are): all
        # are candidates, estimated as below. ("Muhammad Mohammed" together are in thousands.)
        anchored = _holding_all([found[k] for k in sorted(anchors, key=volume.__getitem__)])
        if len(anchored) > TOGETHER_MAX_FORMS:
            anchored, anchored_base = frozenset(), base
        elif letters:
            candidates |= anchored
    elif anchored_base != base:
        anchored = set().union(*(found[k].forms().keys() for k in anchors))
        if letters:
            anchor_bits = sum(1 << k for k in anchors)
            for mask in _minimal_masks(terms, anchored_base, floor, spare):
                if mask & anchor_bits:
                    candidates |= holding(mask, anchored_base)
    if len(candidates) > MAX_ESTIMATED_FORMS:
        # A lone common word ("Ali") is in thousands of forms: forms holding the two rarest
        # query words come first ("Alexandra G. ZHUKOVA" among thousands of Alexanders), then
        # the shortest.
        both = set(found[1].within(found[0].within(candidates))) if len(toks) > 1 else set()
        if len(both) >= MAX_ESTIMATED_FORMS:
            both = set(index.lightest(both, MAX_ESTIMATED_FORMS))
        rest = index.lightest(candidates - both, MAX_ESTIMATED_FORMS - len(both))
        candidates = both.union(rest)
    bases = (base, anchored_base, anchored, typos, letters, spare)
    held_whole = (capped, capped_all, contained_share(person), named)
    return _viable(index, toks, paired, found, bases, held_whole, candidates, floor)


def _holding_all(members: list[TokenForms]) -> AbstractSet[int]:
    """The forms holding every query token of ``members`` (rarest first): the rarest's forms,
    each asked of the others."""
    shared: AbstractSet[int] = members[0].forms().keys()
    for other in members[1:]:
        shared = other.within(shared)
    return shared


def _single_token_forms(
    index: MatchIndex,
    toks: list[tuple[int, QueryToken]],
    k: int,
    found: list[TokenForms],
    terms: tuple[list[float], list[float], float],
    floor: float,
) -> set[int]:
    """The forms holding query token ``k`` (common: "Anita", "Sergey") that may reach
    ``floor``: those holding another query token too, and those light enough to reach it with
    ``k`` alone (a listed "Anita Ivanova" cannot meet "Anita Dziurla" on "Anita" alone)."""
    weights, paired, base = terms
    own = found[k]
    out: set[int] = set()
    for other in range(len(toks)):
        if other != k:
            fewer, more = (
                (found[other], own) if found[other].volume <= own.volume else (own, found[other])
            )
            out |= more.within(fewer.forms().keys())
    # Holding k alone, with similarity sim, a form estimates at most
    # 2 sim w / (base + d + least - w): it reaches floor only if least <= rest + scale sim.
    weight = weights[k]
    rest = weight - base - paired[k]
    scale = 2 * weight / floor if floor > 0 else float("inf")
    out.update(index.light_forms(toks[k][1].token, lambda sim: rest + scale * sim))
    return out


def _viable(
    index: MatchIndex,
    toks: list[tuple[int, QueryToken]],
    paired: list[float],
    found: list[TokenForms],
    bases: tuple[float, float, AbstractSet[int], tuple[str, ...], int, float],
    held_whole: tuple[list[float], float, float, int],
    candidates: set[int],
    floor: float,
) -> dict[int, float]:
    """The estimates of candidate forms that reach ``floor`` (in ``candidates`` order).

    ``bases`` is the query's miss cost, the same without its possible typos, the forms
    holding its anchors, the typos' texts and their first letters (bits): a form holding an
    anchor and a word one of the typos may stand for (``typo_similarity``) gets the second, as
    if the typos paired with its other words; and the weight of the query words not looked up
    (``spare``).
    ``held_whole`` is what the query's words cost beside a form held whole in them (each
    token's and all), the share a held name's other words cost, and the name-word tokens.
    """
    least = index.form_weight
    base, anchored_base, anchored, typos, letters, spare = bases
    asked = [forms.asking(len(candidates)) for forms in found]
    weights = [q.weight for _, q in toks]
    # Two query words standing for one listed token pair only one of them, and which one gives
    # the higher estimate depends on their miss factors as much as on their gains: both are
    # estimated ("Vladimir/ Volodymyr LIPCHENKO" ~ "Vladimir LIPCHENKO").
    rivals = _rivals(index, toks)
    # The weight and the denominator share of each combination of held tokens, once.
    sums: dict[int, tuple[float, float, float]] = {}
    # ``named``: the query's name words among the retrieval tokens (bits): a form holding them
    # all may hold the query whole (alignment's ``_contained`` counts name words, not particles).
    capped, capped_all, held_share, named = held_whole
    whole = named if named.bit_count() >= 2 else -1
    total = sum(q.weight for _, q in toks) or 1.0
    every = (1 << len(toks)) - 1

    def estimate_of(f: int, gain: float, mask: int) -> float:
        found_sums = sums.get(mask)
        if found_sums is None:
            found_sums = sums[mask] = (
                sum(q.weight for k, (_, q) in enumerate(toks) if mask >> k & 1),
                sum(paired[k] for k in range(len(toks)) if mask >> k & 1),
                capped_all - sum(capped[k] for k in range(len(toks)) if mask >> k & 1),
            )
        matched_w, matched_d, unheld_capped = found_sums
        rest = least[f] - matched_w
        if f in anchored and index.letters(f) & letters and _typo_may_pair(index, f, typos):
            # The query's possible typos may pair with what the form holds beyond the query's
            # other words ("HAERL" with "HALEEL" beside the anchor "COMMODITIES").
            gain += EDIT_MAX_LONG * max(rest, 0.0)  # (the most a typo counts)
            den = anchored_base + matched_d + 2 * max(rest, 0.0)
        else:
            if spare and mask == every:
                gain += min(spare, max(rest, 0.0))
            if mask & whole == whole:
                # The query's words may all pair: the form's others cost at least
                # their contained share of their least cost (``alignment.contained_miss``).
                den = base + matched_d + held_share * max(rest, 0.0)
            else:
                den = base + matched_d + max(rest, 0.0)
                if mask.bit_count() >= LISTED_HELD_MIN and rest <= HELD_WHOLE_SLACK * matched_w:
                    # The form's words may all pair (its weight beyond the held words' is
                    # within what unequal spellings' weights leave): the query's others cost
                    # less.
                    den = min(den, 2 * matched_w + unheld_capped)
        estimate = 2 * gain / den if den > 0 else 1.0
        if estimate > 1.0:
            # Beyond 1 an estimate only says the form may align whole (the bound is loose
            # there): such forms rank by the query weight they hold against the query's and
            # their own other weight, so that "Anton Genadzevich DUDAL" comes before the
            # party's renderings with another spelling of the patronymic ("Gennadyevich"), and
            # "Kala Naft" before "Kala Naft Tehran Company".
            share = matched_w / (total + max(rest, 0.0))
            estimate = min(estimate, 1.0 + HELD_TIEBREAK * share)
        return estimate

    out: dict[int, float] = {}
    for f in candidates:
        gain, held = 0.0, 0  # bit k of held: the form holds query token k
        for k in range(len(asked)):
            sim = asked[k].sim(f)
            if sim >= 0.0:
                gain += sim * weights[k]
                held |= 1 << k
        other: tuple[float, int] | None = None
        for rival in rivals:
            both = 1 << rival[0] | 1 << rival[1]
            if held & both == both:  # (else nothing to settle: a call and tuples saved)
                gain, held, other = _settle_rivals(
                    index, asked, weights, rival, f, (gain, held, other)
                )
        estimate = estimate_of(f, gain, held)
        if other is not None:
            estimate = max(estimate, estimate_of(f, *other))
        if estimate >= floor:
            out[f] = estimate
    return out


def _typo_may_pair(index: MatchIndex, form: int, typos: tuple[str, ...]) -> bool:
    """Whether one of ``typos`` may pair with a word or legal form of the form as alignment's
    typo pairs do (``Vocabulary.typo_spellings``, ``typo_similarity``), first letter kept (as
    two typos and slips keep it; one-typo matches are found by the lookup)."""
    vocab = index.vocab
    for tid in index.form_token_ids(form):
        for other in vocab.typo_spellings(tid):
            for typed in typos:
                if (
                    other[0] == typed[0]
                    and abs(len(other) - len(typed)) <= 2
                    and typo_similarity(typed, other)
                ):
                    return True
    return False


def _rivals(
    index: MatchIndex, toks: list[tuple[int, QueryToken]]
) -> list[tuple[int, int, frozenset[int]]]:
    """Pairs of listed query words whose expansions share listed tokens ("Abdullah" and
    "Abdur" both stand for "Abdul"), with the listed tokens either may stand for."""
    ids = index.vocab.ids
    out = []
    for k1 in range(len(toks)):
        q1 = toks[k1][1]
        for k2 in range(k1 + 1, len(toks)):
            q2 = toks[k2][1]
            if not q1.keys.isdisjoint(q2.keys) and q1.token.text in ids and q2.token.text in ids:
                out.append((k1, k2, q1.keys | q2.keys))
    return out


def _settle_rivals(
    index: MatchIndex,
    asked: list[TokenForms],
    weights: list[float],
    rivals: tuple[int, int, frozenset[int]],
    form: int,
    estimated: tuple[float, int, tuple[float, int] | None],
) -> tuple[float, int, tuple[float, int] | None]:
    """A form holding one listed token for two rival query words pairs only one of them (a
    word the lists print pairs only within its expansion): of the form's gain, held tokens and
    other choice (``estimated``), the gain and held tokens keep the rival of the greater gain,
    and the other choice, if none yet, is the other rival's (a second rival pair is settled in
    the first choice only). Called for forms holding both rivals (``_viable`` checks)."""
    k1, k2, shared = rivals
    gain, held, other = estimated
    # (The form's tokens read in place: ``form_token_ids``'s slice per form cost 0.6 % more
    # first-seen instructions in callgrind.)
    slots, printed = index.slots, 0
    for slot in range(index.form_slots[form], index.form_slots[form + 1]):
        if slots[slot] in shared:
            printed += 1
    if printed >= 2:
        return estimated
    g1, g2 = asked[k1].sim(form) * weights[k1], asked[k2].sim(form) * weights[k2]
    (k, lost), (kept, kept_gain) = ((k1, g1), (k2, g2)) if g1 < g2 else ((k2, g2), (k1, g1))
    if other is None:
        other = (gain - kept_gain, held & ~(1 << kept))
    return gain - lost, held & ~(1 << k), other


def retrieve(
    index: MatchIndex,
    query: PreparedQuery,
    forms: list[QueryForm],
    limit: int,
    floor: float = 0.0,
) -> list[Candidate]:
    """Entities to score, best estimate first: at most ``limit`` by name, plus identifier hits.

    ``floor`` is the least name similarity that can still reach the threshold; forms estimated
    below it minus a safety margin (and minus more for each initial in the query) are skipped.
    """
    found: dict[int, Candidate] = {}
    kept = FORMS_PER_ENTITY
    compatible = _schema_filter(index, query.schema)
    # A query that names no schema is read from its names: one carrying a legal form ("Meyer
    # BV") is an organisation's, and meets no person or vessel ("General Meyer").
    firms = _schema_filter(index, "Organization") if compatible is None else None
    for qf, form in enumerate(forms):
        allowed = firms if firms is not None and names_a_firm(form) else compatible
        # Initials are not in the estimate; each may add up to INITIAL_MARGIN to the score of a
        # form with a word of that initial.
        initials = [
            _letter_bit(q.token.text) for q in form.tokens if q.token.kind is TokenKind.INITIAL
        ]
        bonus = INITIAL_MARGIN * min(len(initials), MAX_INITIAL_BONUS)
        if initials:
            kept = FORMS_PER_ENTITY_INITIALS
        margin = form_margin(form)
        cut = max(MIN_FLOOR, floor - margin - bonus)
        for f, found_estimate in _estimates(index, form, cut).items():
            estimate = found_estimate
            if initials:
                estimate += _initial_bonus(index, f, initials)
                if estimate < floor - margin:
                    continue
            eidx = index.form_entity(f)
            if allowed is not None and not allowed[eidx]:
                continue
            cand = found.get(eidx)
            if cand is None:
                cand = found[eidx] = Candidate(eidx)
            cand.pairs.append((estimate, qf, f))
            cand.estimate = max(cand.estimate, estimate)
            cand.margin = max(cand.margin, margin)
    ranked = sorted(found.values(), key=lambda c: -c.estimate)[:limit]
    for cand in ranked:
        _keep_best_pairs(cand, kept)
    chosen = {c.entity for c in ranked}
    for eidx in _identifier_hits(index, query):
        if eidx in chosen or (compatible is not None and not compatible[eidx]):
            continue
        cand = found.get(eidx) or Candidate(eidx)
        _keep_best_pairs(cand, kept)
        cand.by_identifier = True
        ranked.append(cand)
    return ranked


def _keep_best_pairs(cand: Candidate, kept: int = FORMS_PER_ENTITY) -> None:
    """The ``kept`` pairs of best estimate, and the best pair of the query's first
    rendering if those hold none: an estimate is a bound, and a glued or split rendering's may
    top the rendering as written, which aligns best ("PAKE CHANGHO" above "PAKE CHANG HO" for
    "PAEK CHANG-HO")."""
    pairs = cand.pairs
    pairs.sort(reverse=True)
    if len(pairs) > kept:
        first = min(qf for _, qf, _ in pairs)
        held = any(qf == first for _, qf, _ in pairs[:kept])
        other = None if held else next(p for p in pairs if p[1] == first)
        del pairs[kept:]
        if other is not None:
            pairs.append(other)


def _initial_bonus(index: MatchIndex, form: int, initials: list[int]) -> float:
    """What the query's initials (letter bits) may add to a listed form's estimate:
    ``INITIAL_MARGIN`` for each initial the form has a word (or initial) to pair with."""
    letters = index.letters(form)
    found = sum(1 for bit in initials if letters & bit)
    return INITIAL_MARGIN * min(found, MAX_INITIAL_BONUS)


def _letter_bit(text: str) -> int:
    """The ``MatchIndex.letters`` bit of a word's first letter (all bits if not a-z)."""
    code = ord(text[0]) - 97 if text else -1
    return 1 << code if 0 <= code < 26 else 0xFFFFFFFF


def _identifier_hits(index: MatchIndex, query: PreparedQuery) -> list[int]:
    hits: list[int] = []
    for ident in query.identifiers:
        hits.extend(index.by_id(ident.value))
    return hits


def names_a_firm(form: QueryForm) -> bool:
    """Whether a query rendering carries a legal form that makes it a firm's name: not letters
    joined by a hyphen to the next word, which are an Arabic article or kunya ("Ali
    AS-SAFRANI", "Ab-Bilal"), not Norway's AS or Sweden's AB; not two letters between two
    words, which are a particle of a person's name there (the Tuareg "ag", son of: "IYAD AG
    GHALI" found nobody, read as a firm), where a firm's name has its form first or last."""
    if not form.has_legal_form:
        return False
    text = form.text.casefold()
    last = len(form.tokens) - 1
    return any(
        q.token.kind is TokenKind.LEGAL_FORM
        and not _hyphen_joined(q.token.text, text)
        and not (0 < k < last and len(q.token.text) <= INNER_PARTICLE_LENGTH)
        for k, q in enumerate(form.tokens)
    )


def _hyphen_joined(word: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}\s*[-‐‑]\s*\w", text) is not None


def _schema_filter(index: MatchIndex, schema: str | None) -> bytes | None:
    """Whether each listed entity's schema is compatible with ``schema`` (a byte per entity,
    made once per schema), or ``None`` when the query names no schema (all are)."""
    if schema is None:
        return None
    entities = index.entities
    return index.remember(
        ("schema filter", schema),
        lambda: bytes(schemas_compatible(schema, e.schema) for e in entities),
    )
