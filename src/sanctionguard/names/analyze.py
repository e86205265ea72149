"""``analyze_name``: one published or queried name turned into an ``AnalyzedName``.

Clean and fold (``fold``), split into words (``tokens``), romanise each word in every system its
script has (``translit``, ``han``, ``hangul``), combine the words' n-th renderings into the n-th
form, then per form: legal forms, glued forms, token kinds, name parts and matching keys.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Final

from rigour.text.phonetics import metaphone

from sanctionguard.names import arabic, cyrillic, han, hangul, hebrew, latin, wadegiles
from sanctionguard.names.designators import match_designator, may_start_designator
from sanctionguard.names.fold import ascii_fold, clean_text, fold_case
from sanctionguard.names.legal_forms import (
    legal_form_code,
    match_legal_form,
    may_be_in_mistyped_form,
    may_start_legal_form,
    split_glued,
)
from sanctionguard.names.parts import (
    PART_KEYS,
    comma_parts,
    is_patronymic,
    patronymic_parts,
    refine_patronymics,
)
from sanctionguard.names.romanised import east_asian_parts
from sanctionguard.names.scripts import COMMON, LATIN, dominant_script, word_script
from sanctionguard.names.skeleton import skeleton
from sanctionguard.names.tokens import (
    BRANCH_WORDS,
    COMMA,
    FIRM_DESCRIPTORS,
    GENERATIONS,
    ORGANISATION_WORDS,
    RANK_BETWEEN,
    RANK_HEADS,
    RANK_WORDS,
    STOPWORDS,
    TITLES,
    split_words,
    token_kind,
    without_vessel_prefix,
)
from sanctionguard.names.translit import romanise_word
from sanctionguard.names.types import AnalyzedName, NamePart, NameToken, TokenKind

# Schemas whose names are organisations' (vessels and aircraft carry company-like names).
ORGANISATION_SCHEMAS: Final = frozenset(
    {"Organization", "Company", "LegalEntity", "PublicBody", "Vessel", "Airplane", "Asset"}
)
PERSON_SCHEMAS: Final = frozenset({"Person"})

# Longer input is cut before analysis: no real name is this long, and the cost stays bounded.
MAX_NAME_CHARS: Final = 1000
# The least letters of a one-word name printed before its full name in brackets that names the
# firm alone too ("Rostec (Russian Technologies State Corporation)"; not "AO (...)")
MIN_SHORT_NAME: Final = 3
# A label some lists print before a name ("Russian: Росгвардия", "original script: Абу
# Мухаммад", "Other name: ..."), or a payment line's ("ATTN: SOVCOMFLOT", "c/o Sberbank",
# "Beneficiary: ..."): no part of the name (alone, "Chinese:" stays a word; words that may begin
# a name, "Attention", "FAO", OFAC's "Care of First Oil JV Company Limited", only with a colon).
_LABEL: Final = re.compile(
    r"^\s*(?:(?:attn|c/o)\b\.?\s*:?|(?:original script|other names?|a\.?k\.?a\.?|"
    r"also known as|attention|care\s+of|fao|for\s+the\s+attention\s+of|beneficiary|"
    r"ordering\s+customer|account\s+name|name|(?:russian|rusian|"
    r"ukrainian|belarus+ian|chinese|korean|japanese|arabic|farsi|persian|pashto|urdu|kazakh|"
    r"azerbaijani|uzbek|kyrgyz|tajik|turkmen|georgian|armenian|hebrew|serbian|bulgarian|"
    r"macedonian|greek)(?: name| spelling| script)?)\s*:)\s*(?=\S)",
    re.IGNORECASE,
)
# A bracketed part of a name is another name or a note, not more words of this one: an acronym
# ("QODS AERONAUTICS INDUSTRIES (QAI)"), another spelling ("Evgenievich (Evgenyevich)"), an
# alias ("Iyad (a.k.a. Eyad) MAKHLOUF", "ADF (Allied Democratic Forces)") or a remark
# ("(formerly listed as)"). A bracketed legal form ("Absolut Bank (PJSC)") stays in the name.
_BRACKETED: Final = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]\s*")
_ALIAS_MARK: Final = re.compile(
    r"^(?:a\.?\s?k\.?\s?a\b\.?|f\.?\s?k\.?\s?a\b\.?|also known as|also spelt|alias|"
    r"formerly(?: known as| listed as| called)?|former name|previously(?: known as)?|"
    r"n[ée]e)\s*:?\s*",
    re.IGNORECASE,
)
# The alias marks that give another spelling (not "formerly", "née"): one-word items of such a
# bracket inside a name respell the word before it (the EU's "Munzir (a.k.a. Mundhir, Monzer)
# Jamil AL-ASSAD": "Mundhir Jamil AL-ASSAD"); at the end of a name one-word items are nicknames
# ("MILCHAKOV (a.k.a. Fritz, Serbian)").
_SPELLING_MARK: Final = re.compile(r"^(?:a\.?\s?k\.?\s?a\b|also spelt|alias)", re.IGNORECASE)
# A capital after two lower-case letters and before another inside a word: words glued with
# their capitals kept ("SergeyTen", "KyongNam"); not "McDonald" or "DeLorean".
_CAMEL: Final = re.compile(r"(?<=[a-z]{2})(?=[A-Z][a-z])")
_ALIAS_ITEMS: Final = re.compile(r"\s*(?:,|/|;|\bor\b)\s*")
# The same between two names printed in one field, unbracketed ("Viktor Bout a.k.a. Victor
# Butt", "ALFA LLC formerly known as BETA LLC", "X Trading t/a Y"): the names are read apart.
# A bare "aka" or "alias" counts only in lower case or dotted ("AKA" may be a name's word).
_ALIAS_BETWEEN: Final = re.compile(
    r"\s+(?:(?i:a\.\s?k\.\s?a\.?|f\.\s?k\.\s?a\.?|d\.\s?b\.\s?a\.?|also known as|"
    r"formerly known as|formerly|previously known as|trading as|doing business as|t/a)|"
    r"aka|fka|dba|alias)\s+"
)
VESSEL: Final = "Vessel"  # (whose names are read without their prefix: "MV", "M/T")
MAX_FORMS: Final = 8
# Han and Hangul personal names are 2-4 characters; longer runs are organisations or phrases.
_MAX_EAST_ASIAN_PERSON: Final = 4
_ABD_ARTICLES: Final = frozenset(
    {"al", "el", "ul", "ar", "ur", "as", "an", "ad", "at", "az", "ash"}
)

# Enum members bound once: attribute access on an Enum class is slow in hot loops.
_UNKNOWN: Final = NamePart.UNKNOWN
_FAMILY: Final = NamePart.FAMILY
_GIVEN: Final = NamePart.GIVEN
_SYLLABLE: Final = NamePart.SYLLABLE
_NUMBER: Final = TokenKind.NUMBER
_LEGAL_FORM: Final = TokenKind.LEGAL_FORM
_INITIAL: Final = TokenKind.INITIAL
_STOPWORD: Final = TokenKind.STOPWORD
_WORD: Final = TokenKind.WORD

_SYLLABIC: Final = frozenset({"Han", "Hangul", "Kana"})
# Scripts whose names tell a given name's syllables (or glued names) for certain: a rendering
# of a name written in one of them marks them ``NamePart.SYLLABLE`` on its own evidence.
PARTS_SCRIPTS: Final = _SYLLABIC | {"Arabic"}
ABJAD_SCRIPTS: Final = frozenset({"Arabic", "Hebrew"})  # scripts whose renderings guess the vowels
# Words that make a Latin name an Arabic one (``_arabic_in_latin``): anywhere, and between words.
_ARABIC_LATIN_WORDS: Final = frozenset({"abu", "abou", "abd", "abdul", "abdel", "abdal", "abdoul"})
_ARABIC_LATIN_LINKS: Final = frozenset({"bin", "ibn", "ben", "bint", "ould", "al", "el"})
# A Russian place adjective (``_place_stem``): the place (four letters or more), "sk", an ending.
_PLACE_ADJECTIVE: Final = re.compile(
    r"([a-z]{4,})sk(?:ii|iy|ij|iyi|y|yi|yy|aya|aia|aja|oe|oye|oie|oje|oi|oy|ogo|ikh|ykh|ie|iye|i)"
)
# a place name in "-sk" this long names its place without it ("Votkinsk")
_PLACE_NOUN_MIN: Final = 7
# Quotation marks around a firm's own name (``_with_quoted``); the ASCII apostrophe is left out
# (it is one in "O'Brien" and "Sha'ban"), "’" closes only what "‘" opened.
_OPEN_QUOTES: Final = '«“„"‘'
_CLOSE_QUOTES: Final = '»”“"’'
_NO_QUOTES: Final = str.maketrans(dict.fromkeys(_OPEN_QUOTES + _CLOSE_QUOTES, " "))

Rendering = tuple[tuple[str, NamePart], ...]


def _schema_is_organisation(schema: str | None) -> bool | None:
    if schema in PERSON_SCHEMAS:
        return False
    if schema in ORGANISATION_SCHEMAS:
        return True
    return None


def _norm_lang(lang: str | None) -> str:
    return (lang or "").strip().lower()[:3]


@lru_cache(maxsize=8192)
def _han_renderings(word: str, person: bool) -> tuple[Rendering, ...]:
    split = han.split_family_name(word) if person else None
    if split is None:
        # Latin spellings of Chinese company names group syllables into words ("Huaxin
        # Shipping"); without a dictionary, pairs from the start are the best guess.
        # A short word is grouped whole too: foreign names written in Han ("阿不都·哈克").
        syllables = [s for s in han.syllables(word) if s]
        pairs = ["".join(syllables[i : i + 2]) for i in range(0, len(syllables), 2)]
        whole = ("".join(syllables),) if len(syllables) <= _MAX_EAST_ASIAN_PERSON else pairs
        return (
            tuple((s, _UNKNOWN) for s in syllables),
            tuple((s, _UNKNOWN) for s in pairs),
            tuple((s, _UNKNOWN) for s in whole),
        )
    family = "".join(han.syllables(split[0], family_first=True))
    given = [s for s in han.syllables(split[1]) if s]
    fam = (family, _FAMILY)
    grouped = ("".join(given), _GIVEN)
    return (
        (fam, grouped),
        (fam, *_given_syllables(given)),
        (grouped, fam),
    )


@lru_cache(maxsize=8192)
def _hangul_renderings(word: str, person: bool) -> tuple[Rendering, ...]:
    split = hangul.split_family_name(word) if person else None
    if split is None:
        return tuple(
            (("".join(hangul.romanise_syllables(word, system)), _UNKNOWN),)
            for system in hangul.SYSTEMS
        )
    customary = hangul.FAMILY_NAMES.get(split[0])
    # DPRK names with the customary family name ("kim jong un") and with the DPRK's own
    # spelling of it ("pak jong chon", where the South writes "park"), South Korean usage
    # (customary family name, RR given name: "park geunhye"), then RR and MR as they are;
    # most used first, since the index may keep only the first few forms.
    variants = [("dprk", customary, False), ("dprk", None, False), ("rr", customary, True)]
    variants += [("rr", None, True), ("mr", None, True), ("dprk", customary, True)]
    variants += [("rr", customary, False), ("mr", None, False)]
    out: list[Rendering] = []
    for system, family_spelling, grouped in variants:
        family = family_spelling or "".join(hangul.romanise_syllables(split[0], system))
        given = hangul.romanise_syllables(split[1], system)
        fam = (family, _FAMILY)
        if grouped:
            out.append((fam, ("".join(given), _GIVEN)))
        else:
            out.append((fam, *_given_syllables(given)))
    return tuple(out)


def _given_syllables(given: Sequence[str]) -> tuple[tuple[str, NamePart], ...]:
    """The syllables of an East Asian given name written apart ("jong un"): the first is the
    given name's start, the others are no middle names to be left out cheaply ("Kim Yong Sik"
    is not "Kim Yong Nam" without a middle name): ``NamePart.SYLLABLE``."""
    return tuple((s, _GIVEN if i == 0 else _SYLLABLE) for i, s in enumerate(given))


@lru_cache(maxsize=131072)
def _word_renderings(word: str, lang: str, person: bool) -> tuple[Rendering, ...]:
    """Each rendering of one word, one per system of its script (may be several tokens)."""
    if word == COMMA:
        return (((COMMA, _UNKNOWN),),)
    script = word_script(word)
    if script == "Han":
        return _ascii_only(_han_renderings(word, person))
    if script == "Hangul":
        return _ascii_only(_hangul_renderings(word, person))
    # The second half of two names written as one (عليرضا "ali reza") is half a given name.
    later = _SYLLABLE if script == "Arabic" and person and arabic.is_compound_name(word) else None
    return tuple(
        tuple((t, later if i and later else _UNKNOWN) for i, t in enumerate(rendering.split()))
        for rendering in romanise_word(word, script, lang)
    )


def _ascii_only(renderings: tuple[Rendering, ...]) -> tuple[Rendering, ...]:
    """Letters of other scripts mixed into a Han or Hangul word ("강Ö") as ASCII, or dropped."""
    if all(t.isascii() for r in renderings for t, _ in r):
        return renderings
    return tuple(
        tuple((latin, part) for t, part in r for latin in romanise_word(t, "Latin", "")[0].split())
        for r in renderings
    )


def _join_east_asian(words: list[str], script: str) -> list[str]:
    """ "王 健林" and "김 정은" are one personal name: joined so the family name can be split."""
    if script not in ("Han", "Hangul") or len(words) < 2:
        return words
    if all(word_script(w) == script for w in words):
        joined = "".join(words)
        if len(joined) <= _MAX_EAST_ASIAN_PERSON:
            return [joined]
    return words


def _combine(per_word: Sequence[tuple[Rendering, ...]]) -> list[Rendering]:
    """The n-th form takes each word's n-th rendering (or its last, for words with fewer)."""
    count = min(MAX_FORMS, max(map(len, per_word), default=0))
    if count == 1:
        return [tuple(chain.from_iterable(renderings[0] for renderings in per_word))]
    forms: dict[tuple[str, ...], Rendering] = {}
    for n in range(count):
        form = tuple(chain.from_iterable(r[min(n, len(r) - 1)] for r in per_word if r))
        forms.setdefault(tuple(t for t, _ in form), form)
    return list(forms.values())


@lru_cache(maxsize=262144)
def make_token(text: str, kind: TokenKind, part: NamePart) -> NameToken:
    """One token with its keys (shared instances: the same token is built once)."""
    if kind is _NUMBER or kind is _LEGAL_FORM:
        return NameToken(text, kind, part, phonetic="", skeleton=text)
    if kind is _INITIAL:
        return NameToken(text, kind, part, phonetic=text, skeleton=text)
    return NameToken(text, kind, part, phonetic=metaphone(text), skeleton=skeleton(text))


@lru_cache(maxsize=65536)
def _abjad_token(token: NameToken) -> NameToken:
    """A word of a name written in Arabic or Hebrew letters, marked so (its vowels are guesses),
    unless its spelling is a dictionary name's: "husayn" for حسين is no guess, and its
    consonants alone would meet "Hasan"."""
    if (
        token.kind is _WORD
        and token.text not in arabic.customary_spellings()
        and token.text not in hebrew.customary_spellings()
    ):
        return token._replace(abjad=True)
    return token


def _place_stem(word: str) -> str | None:
    """The place a Russian place adjective or a place name in "-sk" is of ("zelenogradskiy",
    "zelenogradsky" → "zelenograd"; "votkinskiy", "Votkinsk" → "votkin"), None for other words."""
    found = _PLACE_ADJECTIVE.fullmatch(word)
    if found is not None:
        return found.group(1)
    if len(word) >= _PLACE_NOUN_MIN and word.endswith("sk"):
        return word[:-2]
    return None


def _with_place_stems(
    forms: tuple[tuple[NameToken, ...], ...],
) -> tuple[tuple[NameToken, ...], ...]:
    """A firm's forms, each of the first two followed by its reading with place adjectives and
    place names as the place ("Zelenogradsky Nanotechnology Center" also as "zelenograd
    nanotechnology center"): lists print a firm's place as an adjective, transliterated, or as
    the place's name ("JSC ZELENOGRAD NANOTECHNOLOGY CENTER", "Votkinsk Plant" for "VOTKINSKIY
    ZAVOD"); the second is often the reading with designators ("Rybinsk Shipyard" as "rybin
    verf", which "RYBINSKAYA VERF" gives)."""
    out: list[tuple[NameToken, ...]] = []
    for n, form in enumerate(forms):
        out.append(form)
        if n < 2:
            out.append(
                tuple(
                    make_token(stem, _WORD, t.part)
                    if t.kind is _WORD and (stem := _place_stem(t.text)) is not None
                    else t
                    for t in form
                )
            )
    return tuple(dict.fromkeys(out))[:MAX_FORMS]


def _with_descriptors(form: tuple[NameToken, ...]) -> tuple[NameToken, ...]:
    """A firm's name with the words that say what kind of firm it is tagged ``DESCRIPTOR``."""
    if FIRM_DESCRIPTORS.isdisjoint(t.text for t in form):
        return form
    return tuple(
        make_token(t.text, _WORD, NamePart.DESCRIPTOR)
        if t.kind is _WORD and t.part is _UNKNOWN and t.text in FIRM_DESCRIPTORS
        else t
        for t in form
    )


@lru_cache(maxsize=1)
def _customary_skeletons() -> frozenset[str]:
    """The spelling keys of the dictionary names' customary spellings (Arabic and Hebrew)."""
    words = arabic.customary_spellings() | hebrew.customary_spellings()
    return frozenset(skeleton(w) for w in words)


@lru_cache(maxsize=65536)
def _latin_abjad_token(token: NameToken) -> NameToken:
    """A word of an Arabic name spelt in Latin letters, marked as rendered from an abjad unless
    it is a spelling of a dictionary name ("Hussein" is a spelling of "Husayn", and its
    consonants alone would meet "Hassan"; such names meet by their spelling keys already)."""
    if token.kind is _WORD and token.skeleton not in _customary_skeletons():
        return token._replace(abjad=True)
    return token


def _arabic_in_latin(tokens: tuple[NameToken, ...]) -> bool:
    """Whether a Latin name is an Arabic (or Hebrew) one spelt in Latin letters: "Abu" or "Abd"
    in it, or "bin", "ben", "ould", "al-" between its words. Its vowels are then one writer's
    guesses as much as a transliteration's ("Tarak Ben Taher" is UN's "Tariq Bin-Al-Tahar"),
    and its words meet listed words by their consonants too (``_abjad_token``)."""
    last = len(tokens) - 1
    return any(
        t.text in _ARABIC_LATIN_WORDS or (0 < i < last and t.text in _ARABIC_LATIN_LINKS)
        for i, t in enumerate(tokens)
    )


def _merge_abd(texts: list[str], parts: list[NamePart]) -> None:
    """ "abd al rahman" is written "abdul rahman" too: the article joins "abd"."""
    i = 0
    while i < len(texts) - 2:
        if texts[i] == "abd" and texts[i + 1] in _ABD_ARTICLES:
            texts[i : i + 2] = ["abdul"]
            parts[i : i + 2] = [parts[i]]
        i += 1


def _split_glued_forms(texts: list[str], parts: list[NamePart]) -> None:
    i = 0
    while i < len(texts):
        pieces = split_glued(texts[i])
        if len(pieces) > 1:
            texts[i : i + 1] = list(pieces)
            parts[i : i + 1] = [parts[i]] * len(pieces)
        i += len(pieces)


@dataclass(frozen=True, slots=True, init=False)
class _WordInfo:
    """What the analysis needs to know of one folded word, computed once per distinct word."""

    token: NameToken  # the word as a token of its own kind, part unknown
    special: bool  # needs the full path: may start a legal form, glued form, "abd"
    glued: bool
    patronymic: bool
    organisation: bool  # an organisation word ("bank", "trading")

    def __init__(
        self, token: NameToken, special: bool, glued: bool, patronymic: bool, organisation: bool
    ) -> None:
        # (Written out: the constructor dataclass writes runs interpreted, ~15x slower
        # than this one compiled; see match/DESIGN.md, "Where the time goes".)
        object.__setattr__(self, "token", token)
        object.__setattr__(self, "special", special)
        object.__setattr__(self, "glued", glued)
        object.__setattr__(self, "patronymic", patronymic)
        object.__setattr__(self, "organisation", organisation)


@lru_cache(maxsize=262144)
def _word_info(word: str) -> _WordInfo:
    if word == COMMA:
        return _WordInfo(make_token(word, _STOPWORD, _UNKNOWN), False, False, False, False)
    glued = len(split_glued(word)) > 1
    return _WordInfo(
        token=make_token(word, token_kind(word), _UNKNOWN),
        special=glued
        or word == "abd"
        or word in TITLES
        or word in GENERATIONS
        or may_start_legal_form(word)
        or may_be_in_mistyped_form(word),
        glued=glued,
        patronymic=is_patronymic(word),
        organisation=word in ORGANISATION_WORDS,
    )


def _kinds(
    texts: list[str],
    parts: list[NamePart],
    syllabic: bool,
    person: bool = False,
    titled: bool = False,
) -> tuple[list[str], list[TokenKind], list[NamePart]]:
    """Legal forms (longest match first) become one LEGAL_FORM token each; the rest get kinds.

    In a name that may be a person's (``titled``: no organisation's by schema, legal form or
    organisation word) titles beside two name words or more count as particles (``TITLES``:
    "Dr.", "Haji", "Shaykh").

    In romanised Han, Hangul or Kana (``syllabic``) a lone syllable such as "ao" (奥) is not the
    abbreviation it spells: only legal forms of several words count there ("you xian gong si").
    In a person's name, letters that spell a form ("C. A.", "S A") are initials.
    """
    out_texts: list[str] = []
    kinds: list[TokenKind] = []
    out_parts: list[NamePart] = []
    i = 0
    while i < len(texts):
        found = None if texts[i] == COMMA else match_legal_form(texts, i)
        if found is not None and found[1] > 1:
            cut = _overlapped(texts, i, found[1])
            if cut:
                found = match_legal_form(texts[:cut], i)
        if found is not None and person and all(len(t) == 1 for t in texts[i : i + found[1]]):
            found = None
        if found is not None and not (syllabic and found[1] == 1):
            out_texts.append(found[0])
            kinds.append(_LEGAL_FORM)
            out_parts.append(_UNKNOWN)
            i += found[1]
            continue
        out_texts.append(texts[i])
        kinds.append(_word_info(texts[i]).token.kind)
        out_parts.append(parts[i])
        i += 1
    organisational = _LEGAL_FORM in kinds or not ORGANISATION_WORDS.isdisjoint(out_texts)
    if titled and not organisational:
        # (Only beside two name words or more: "General Meyer" is a name of its own.)
        names = sum(1 for k in kinds if k is _WORD)
        flags = _titles(out_texts)
        titles = sum(flags)
        generation = person and out_texts[-1] in GENERATIONS
        if names - titles - generation >= 2:
            kinds = [_STOPWORD if f else k for f, k in zip(flags, kinds, strict=True)]
            if generation:
                kinds[-1] = _STOPWORD
    return out_texts, kinds, out_parts


def _titles(texts: list[str]) -> list[bool]:
    """Which words are titles (``TITLES``), a rank word counting as one before or right after
    "general" or "admiral" (``RANK_WORDS``: "Major General", "Vice Senior General")."""
    return [t in TITLES or (t in RANK_WORDS and _in_rank(texts, i)) for i, t in enumerate(texts)]


def _in_rank(texts: list[str], i: int) -> bool:
    if i > 0 and texts[i - 1] in RANK_HEADS:
        return True
    j = i + 1
    while j < len(texts) and (texts[j] in RANK_WORDS or texts[j] in RANK_BETWEEN):
        j += 1
    return j < len(texts) and texts[j] in RANK_HEADS


def _with_designators(
    forms: tuple[tuple[NameToken, ...], ...], sure: bool
) -> tuple[tuple[NameToken, ...], ...]:
    """An organisation's forms, each of the first two followed by its reading with designators
    as their codes when that differs ("Research and Production Association Poisk" also as "npo
    poisk", which "NPO POISK" and "Nauchno-Proizvodstvennoe Obyedinenie Poisk" give: see
    ``designators``). The written form stays: a typo or a glued word in a designator still meets
    it. ``sure``: the name is a firm's by schema or legal form, so a word alone is read as
    another too ("plant" as "zavod"; "Robert Plant" has only an organisation word)."""
    out: list[tuple[NameToken, ...]] = []
    for n, form in enumerate(forms):
        out.append(form)
        if n < 2 and len(out) < MAX_FORMS:
            designated = _designated(form, sure or any(t.kind is _LEGAL_FORM for t in form))
            if designated is not None:
                out.append(designated)
    return tuple(dict.fromkeys(out))


def _designated(form: tuple[NameToken, ...], sure: bool) -> tuple[NameToken, ...] | None:
    """``form`` with its designators as one word each, their codes (None if it has none)."""
    texts = [t.text for t in form]
    out: list[NameToken] = []
    changed = False
    i = 0
    while i < len(form):
        found = match_designator(texts, i) if form[i].kind is _WORD else None
        if found is not None and not sure and found[1] == 1 and found[0] != texts[i]:
            found = None
        span = form[i : i + found[1]] if found is not None else ()
        if found is not None and all(t.kind is _WORD or t.kind is _STOPWORD for t in span):
            if found[1] > 1 or found[0] != texts[i]:
                changed = True
            out.append(make_token(found[0], _WORD, form[i].part))
            i += found[1]
            continue
        out.append(form[i])
        i += 1
    return tuple(out) if changed else None


def _overlapped(texts: list[str], start: int, length: int) -> int:
    """Where a longer form starts inside this one, or 0: "Company Limited Liability Company" is
    "Company" and an LLC, not "Company Limited" and a stray "Liability Company"."""
    for j in range(start + 1, start + length):
        other = None if texts[j] == COMMA else match_legal_form(texts, j)
        if other is not None and other[1] > length and j + other[1] > start + length:
            return j
    return 0


def _assign_parts(
    texts: list[str],
    kinds: list[TokenKind],
    parts: list[NamePart],
    given: Mapping[str, NamePart],
    organisation: bool | None,
) -> list[NamePart]:
    """Published parts first, then comma order, then patronymics; East Asian parts are kept."""
    if given:
        tagged = [given.get(skeleton(t), p) for t, p in zip(texts, parts, strict=True)]
        return tagged if organisation else refine_patronymics(texts, tagged)
    if organisation or any(p is not _UNKNOWN for p in parts):
        return parts
    if organisation is None and (_LEGAL_FORM in kinds or not ORGANISATION_WORDS.isdisjoint(texts)):
        return parts
    if COMMA in texts:
        commas = [i for i, t in enumerate(texts) if t == COMMA]
        if len(commas) == 1 and 0 < commas[0] < len(texts) - 1:
            return refine_patronymics(texts, comma_parts(kinds, commas[0]))
        return parts
    return patronymic_parts(texts, kinds) or parts


def _form_tokens(
    texts: list[str],
    parts: list[NamePart] | None,
    given: Mapping[str, NamePart],
    organisation: bool | None,
    syllabic: bool = False,
) -> tuple[NameToken, ...]:
    """Tokens of one rendering (``parts`` None: all unknown so far)."""
    infos = list(map(_word_info, texts))
    east_asian = None
    if parts is None and not syllabic and organisation is not True:
        # "LI CHENG YU", "KIM, Hyon U": a romanised Chinese or Korean name (published parts,
        # when there are, tell its family name better than the word order does).
        east_asian = east_asian_parts(texts)
        parts = None if given else east_asian
    if not given and not any(i.special for i in infos):
        if (
            not syllabic
            and parts is None
            and COMMA not in texts
            and not (
                organisation is not True
                and any(i.patronymic for i in infos)
                and not any(i.organisation for i in infos)
            )
        ):
            return tuple(i.token for i in infos)
        kinds = [i.token.kind for i in infos]
    else:
        texts = list(texts)
        parts = [_UNKNOWN] * len(texts) if parts is None else list(parts)
        if organisation is not False and any(i.glued for i in infos):
            _split_glued_forms(texts, parts)
        if "abd" in texts:
            _merge_abd(texts, parts)
        texts, kinds, parts = _kinds(
            texts,
            parts,
            syllabic,
            person=organisation is False,
            titled=organisation is not True,
        )
    if syllabic or east_asian:
        # Romanised syllables that spell a particle ("de" 德, "di" 第) or a letter ("i" 이,
        # "o" 오) are name words here.
        kinds = [_WORD if k is _STOPWORD or k is _INITIAL else k for k in kinds]
    if parts is None:
        parts = [_UNKNOWN] * len(texts)
    parts = _assign_parts(texts, kinds, parts, given, organisation)
    if east_asian and given:
        parts = _later_syllables(parts)
    tokens = tuple(
        info.token if p is _UNKNOWN and info.token.kind is k else make_token(t, k, p)
        for t, k, p, info in zip(texts, kinds, parts, map(_word_info, texts), strict=True)
        if t != COMMA
    )
    return tuple(map(_syllabic_token, tokens)) if syllabic else tokens


def _later_syllables(parts: list[NamePart]) -> list[NamePart]:
    """A romanised East Asian name's published parts with the given name's later syllables
    as such ("LI, Hong Ri" published as given "Hong Ri": "ri" is no middle name)."""
    out = list(parts)
    given = [i for i, p in enumerate(parts) if p is _GIVEN or p is NamePart.MIDDLE]
    for i in given[1:]:
        out[i] = _SYLLABLE
    return out


@lru_cache(maxsize=65536)
def _syllabic_token(token: NameToken) -> NameToken:
    """A word romanised from Hangul, Han or Kana syllables, marked so (``NameToken.syllabic``)."""
    return token._replace(syllabic=True) if token.kind is _WORD else token


def _rendering_tokens(
    form: Rendering, given: Mapping[str, NamePart], organisation: bool | None, syllabic: bool
) -> tuple[NameToken, ...]:
    parts = [p for _, p in form]
    known = parts.count(_UNKNOWN) != len(parts)
    texts = [t for t, _ in form]
    return _form_tokens(texts, parts if known else None, given, organisation, syllabic)


def _looks_like_organisation(tokens: Sequence[NameToken]) -> bool:
    return any(t.kind is _LEGAL_FORM or t.text in ORGANISATION_WORDS for t in tokens)


@lru_cache(maxsize=65536)
def _part_skeletons(value: str, lang: str) -> tuple[str, ...]:
    """Skeletons of every rendering of one published name part, read as German or scholarly
    romanised Russian too (the parts then tag that form's tokens as well)."""
    words = split_words(_clean(value)[0])
    keys = [
        skeleton(text)
        for word in words
        for rendering in _word_renderings(word, lang, True)
        for text, _ in rendering
    ]
    keys += [skeleton(latin.german_reading(w)) for w in words if w.isascii()]
    keys += [
        skeleton(t)
        for w in words
        if not w.isascii()
        for t in romanise_word(w, "Latin", latin.SCHOLARLY)[1:]
    ]
    return tuple(keys)


def _published_parts(parts: Mapping[str, str] | None, lang: str) -> dict[str, NamePart]:
    """Skeletons of every rendering of every published part, mapped to the part."""
    if not parts:
        return {}
    out: dict[str, NamePart] = {}
    for key, value in parts.items():
        part = PART_KEYS.get(key)
        if part is not None and value:
            for key_ in _part_skeletons(value, lang):
                out.setdefault(key_, part)
    return out


def _is_legal_abbreviation(letters: str) -> bool:
    """Whether dotted letters spell a legal form ("S.A.", Turkish "A.Ş.")."""
    return legal_form_code(ascii_fold(letters)) is not None


def _clean(text: str) -> tuple[str, bool]:
    """Cleaned, lower-cased text and whether it is plain ASCII (which skips the Unicode work)."""
    text = text[:MAX_NAME_CHARS]
    if text.isascii() and text.isprintable():
        return text.lower(), True
    return fold_case(clean_text(text)), False


def analyze_name(
    text: str,
    *,
    schema: str | None = None,
    lang: str | None = None,
    parts: Mapping[str, str] | None = None,
) -> AnalyzedName:
    """Analyse one name for matching. Never raises on any string.

    ``schema`` (FtM schema name) decides ``is_organization`` and whether personal-name heuristics
    apply; without it, legal forms and organisation words decide. ``lang`` (ISO 639) refines
    romanisation ("uk" for Ukrainian Cyrillic). ``parts`` are the list's own name parts
    (given/middle/family/patronymic), used to tag tokens. A name with no letters or digits
    (empty, punctuation only) has no forms: ``forms == ()``. Only the first 1,000 characters
    are analysed. Two names of two words or more printed as one with " / " between them
    (EU: "Оксана Викторовна СИГИДИНА / Оксана Вiкторiвна СIГIДIНА"), or in another script
    with "/" or " and ", give the forms of both, as do names separated by semicolons, a name
    beside its own script ("KIM Kwang Yon 김광연") and bracketed aliases.
    """
    return _analyze(text, schema, lang, parts, subsidiary=True)


def _analyze(
    text: str,
    schema: str | None,
    lang: str | None,
    parts: Mapping[str, str] | None,
    subsidiary: bool,
) -> AnalyzedName:
    """``analyze_name``; ``subsidiary``: a firm's name after its parent's is also read alone."""
    text = _LABEL.sub("", text, count=1)
    if "(" in text or "[" in text:
        names = _bracketed_names(text, _schema_is_organisation(schema) is not False)
        if names:
            return _joined_names(text, names, schema, lang, parts)
    if ";" in text:
        names = [n.strip() for n in text.split(";") if any(ch.isalnum() for ch in n)]
        if len(names) >= 2:  # ("A; B": a semicolon is never part of a name)
            return _joined_names(text, names[:MAX_FORMS], schema, lang, parts)
    if schema == VESSEL:
        text = without_vessel_prefix(text)
    if " " in text:
        names = [n.strip(" ,;:") for n in _ALIAS_BETWEEN.split(text[:MAX_NAME_CHARS])]
        names = [n for n in names if any(ch.isalnum() for ch in n)]
        if len(names) >= 2:
            return _joined_names(text, names[:MAX_FORMS], schema, lang, parts)
    if _schema_is_organisation(schema) is not False and any(q in text for q in _OPEN_QUOTES):
        quoted = _with_quoted(text, schema, lang, parts)
        if quoted is not None:
            return quoted
    if subsidiary and "," in text and _schema_is_organisation(schema) is not False:
        found = _with_subsidiary(text, schema, lang, parts)
        if found is not None:
            return found
    if "/" in text or " and " in text:
        halves = _printed_together(text)
        if halves:
            return _joined_names(text, halves, schema, lang, parts)
    if not text.isascii() and _schema_is_organisation(schema) is not True:
        halves = _side_by_side(text)
        if halves:
            return _joined_names(text, halves, schema, lang, parts)
    organisation = _schema_is_organisation(schema)
    language = _norm_lang(lang)
    cleaned, plain = _clean(text)
    # (In a person's name dotted letters are initials: "Khalid S. A. AL-AHMAD".)
    words = split_words(cleaned, None if organisation is False else _is_legal_abbreviation)
    given = _published_parts(parts, language) if parts else {}
    if plain:
        # Plain ASCII words are their own rendering; German or French usage for Russian adds a
        # reading.
        script = LATIN if cleaned != cleaned.upper() else COMMON
        tokens = _form_tokens(words, None, given, organisation) if words else ()
        result: tuple[tuple[NameToken, ...], ...] = (tokens,) if tokens else ()
        system = latin.reading_system(cleaned) if tokens else ""
        if system == latin.FRENCH:
            result = _with_french_reading(result, words, given, organisation)
        elif system:
            result = _with_german_reading(result, words, given, organisation)
        elif tokens and organisation is not True:
            # A Chinese name in Wade–Giles ("Chang Hsiao-ming") is read in pinyin too.
            result += tuple(
                _rendering_tokens(tuple(reading), given, organisation, syllabic=True)
                for reading in wadegiles.pinyin_readings(words, hyphenated="-" in cleaned)
            )
            # A Korean name in Revised Romanisation ("Kim Yeo-jong") is read as the DPRK's
            # system spells it too ("KIM Yo Jong").
            dprk = hangul.dprk_reading(words)
            if dprk is not None:
                dprk_parts = None if given else east_asian_parts(dprk)
                result += (_form_tokens(dprk, dprk_parts, given, organisation, syllabic=True),)
    else:
        script = dominant_script(words)
        if script == LATIN and not language:
            language = latin.reading_system(cleaned)
        if script == "Cyrillic" and not language:
            language = cyrillic.guess_language(cleaned)
            given = _published_parts(parts, language) if parts else {}
        # A middle dot separates the parts of a foreign name written in Han or Kana: no
        # Chinese family name to split off.
        foreign = script == "Han" and ("·" in cleaned or "・" in cleaned)
        person = organisation is not True and not foreign
        result = _forms(words, script, language, given, organisation, person)
    sure = organisation is True
    if organisation is None:
        organisation = bool(result) and _looks_like_organisation(result[0])
    if organisation and result and any(may_start_designator(t.text) for t in result[0]):
        result = _with_designators(result, sure)
    if organisation and result and any(_place_stem(t.text) for t in result[0]):
        result = _with_place_stems(result)
    if organisation and result:
        result = tuple(map(_with_descriptors, result))
    if not organisation and script in (LATIN, COMMON) and result and _arabic_in_latin(result[0]):
        result = tuple(tuple(map(_latin_abjad_token, form)) for form in result)
    analysed = AnalyzedName(
        original=text, script=script, forms=result, is_organization=organisation
    )
    camel = _CAMEL.sub(" ", text)
    if camel != text and result:
        # Two words glued with the second's capital kept ("SergeyTen", "Ali DarassaMahamat"):
        # also read apart, after the name as written.
        apart = analyze_name(camel, schema=schema, lang=lang, parts=parts)
        if apart.forms:
            return _joined_analyses(text, [analysed, apart])
    return analysed


def _respelt(text: str, match: re.Match[str], items: list[str]) -> list[str]:
    """The name with each of ``items`` in the place of the word before bracket ``match``, when
    a word comes before it and one after it, else []."""
    head, tail = text[: match.start()].split(), text[match.end() :]
    if not head or any(ch in "()[]" for ch in head[-1]) or not any(ch.isalnum() for ch in tail):
        return []
    return [" ".join([*head[:-1], item, *tail.split()]) for item in items]


def _one_word_items(alias: str) -> list[str]:
    """The items of an alias list ("Mundhir, Monzer") if each is one word, else []."""
    items = [i for i in _ALIAS_ITEMS.split(alias.strip()) if i]
    return items if all(len(i.split()) == 1 for i in items) else []


def _bracketed_names(text: str, firm: bool = True) -> list[str]:
    """The names of a name with bracketed parts, else [] (no brackets, or only legal forms in
    them). A bracketed word alone is an acronym or a spelling of the word before, and an alias
    ("a.k.a. ...") another name: the name is read without them (and, for the word alone, also
    with it, as another list prints it: "AL-ITIHAAD AL-ISLAMIYA / AIAI"), and an alias of two
    words or more apart. Other bracketed words may belong to the name ("AL-HARAMAIN
    (AFGHANISTAN BRANCH)") or not ("Radio Engineering Concern Vega (Vega Konsern)"): the name
    is read with them, and without them when two words or more remain (not "AL-HARAMAIN"),
    and they are read apart when they spell out a one-word name ("ADF (Allied Democratic
    Forces)")."""
    text = text[:MAX_NAME_CHARS]
    aliases: list[str] = []
    spelled: list[str] = []
    read_apart = False
    respelt: list[str] = []
    alias_seen = False

    def read(match: re.Match[str]) -> str:
        nonlocal read_apart, alias_seen
        part = match.group(1).strip()
        if _is_legal_form_text(part):
            return f" {part} "
        read_apart = True
        alias = _ALIAS_MARK.sub("", part, count=1).strip()
        if alias != part:
            alias_seen = True
            # One-word aliases are spellings of the word before (``_SPELLING_MARK``) or
            # nicknames ("MILCHAKOV (a.k.a. Fritz, Serbian)"), no name of several words.
            items = _one_word_items(alias)
            if not items:
                aliases.append(alias)
            elif _SPELLING_MARK.match(part):
                respelt.extend(_respelt(text, match, items))
            return " "
        if len(part.split()) < 2:
            return " "
        spelled.append(part)
        return f" {part} "

    main = " ".join(_BRACKETED.sub(read, text).split())
    if not read_apart:
        return []
    outside = " ".join(_BRACKETED.sub(" ", text).split())
    names = [main] if any(ch.isalnum() for ch in main) else []
    inline = " ".join(_BRACKETED.sub(lambda m: f" {m.group(1)} ", text).split())
    if not alias_seen and inline != main and main:
        names.append(inline)
    words = re.findall(r"\w+", outside)
    if len(words) <= 1:  # (an acronym spelled out)
        aliases.extend(spelled)
        # ... or a firm's short name, the bracket its full name ("Rostec (Russian Technologies
        # State Corporation)"): the word alone names it too (``firm``: not a person's name, not
        # known to be one), unless the bracket says which branch ("HARAMAIN (AFGHANISTAN
        # BRANCH)").
        qualified = any(w.lower() in BRANCH_WORDS for part in spelled for w in part.split())
        if firm and words and len(words[0]) >= MIN_SHORT_NAME and spelled and not qualified:
            names.append(outside)
    elif spelled and sum(len(w) > 2 and w.lower() not in STOPWORDS for w in words) >= 2:
        aliases.append(outside)  # (the name without its qualifier, as another list prints it)
    if firm:
        # A bracket that is a firm's name of its own, a legal form and a name, is the short or
        # trading name lists print beside the full one ("The Kaluga Engine Company (PJSC
        # KADVI)", "Aifory Pro (Sooty Ltd.)", "JSC KAZAN OPTICAL AND MECHANICAL PLANT (JSC
        # KOMZ)"): read apart too, as other lists and customers' records print it.
        aliases.extend(part for part in spelled if part not in aliases and _names_a_firm(part))
    names.extend(name for name in aliases if len(name.split()) >= 2 and name != main)
    names.extend(name for name in respelt if name not in names)
    return names


def _names_a_firm(text: str) -> bool:
    """Whether ``text`` is a legal form and a name: one form opening or closing it, and a word
    of three letters or digits or more besides ("PJSC KADVI", "Sooty Ltd."; not "Afghanistan
    Branch", nor "BK CO.", whose two letters may be any firm's)."""
    words = _folded_words(text)
    if len(words) < 2:
        return False
    opening = match_legal_form(words, 0)
    if opening is not None and opening[1] < len(words):
        rest = words[opening[1] :]
    else:
        rest = []
        for start in range(1, len(words)):
            closing = match_legal_form(words, start)
            if closing is not None and start + closing[1] == len(words):
                rest = words[:start]
                break
    return any(sum(ch.isalnum() for ch in word) >= MIN_SHORT_NAME for word in rest)


def _folded_words(text: str) -> list[str]:
    """``text``'s folded words without commas, as legal forms are looked up."""
    return [w for w in split_words(ascii_fold(text).lower()) if w != COMMA]


def _is_legal_form_text(text: str) -> bool:
    """Whether ``text`` is one legal form and nothing more ("PJSC", "Public Joint-Stock
    Company")."""
    words = _folded_words(text)
    found = match_legal_form(words, 0) if words else None
    return found is not None and found[1] == len(words)


def _printed_together(text: str) -> list[str]:
    """The names of "A B / C D" (each of two words or more), else [] ("X / HUM" is one name).

    Names in another script than Latin are also printed together with a bare slash or the
    English " and " between them (AU: "Валерій Михайлович Пахниць and Валерий Михайлович
    Пахниц"): there neither can be part of the name.
    """
    text = text[:MAX_NAME_CHARS]
    for separator in (" / ", " and ", "/"):
        if separator not in text:
            continue
        halves = [h.strip() for h in text.split(separator)]
        if separator != " / " and any(_mostly_latin(h) for h in halves):
            continue
        if len(halves) >= 2 and all(len(h.split()) >= 2 for h in halves):
            return halves
    return []


def _side_by_side(text: str) -> list[str]:
    """The two names of a person's name printed in Latin letters and in another script side
    by side with no separator ("KIM Kwang Yon 김광연", "Ali Mohammed محمد علي"), else []: its
    words in two runs, one Latin and one not (words with no letters go with the run before
    them), the Latin one of two words or more and no firm's words."""
    runs: list[list[str]] = []
    latin: list[bool] = []
    for word in text[:MAX_NAME_CHARS].split():
        script = word_script(word)
        if script == COMMON and runs:
            runs[-1].append(word)
            continue
        if not runs or (script == LATIN) != latin[-1]:
            if len(runs) == 2:
                return []
            runs.append([])
            latin.append(script == LATIN)
        runs[-1].append(word)
    if len(runs) != 2 or latin[0] == latin[1]:
        return []
    # A person's name: two Latin words or more, none a legal form or an organisation word
    # ("AO Рособоронэкспорт" is one firm's name, its legal form in Latin letters).
    words = [w.strip(".,«»\"'").lower() for w in runs[latin.index(True)]]
    if len(words) < 2 or any(
        w in ORGANISATION_WORDS or legal_form_code(w) is not None for w in words
    ):
        return []
    return [" ".join(run) for run in runs]


def _mostly_latin(text: str) -> bool:
    """Whether most letters are ASCII (a Latin i among Cyrillic ones is a homoglyph)."""
    letters = [ch for ch in text if ch.isalpha()]
    return 2 * sum(ch.isascii() for ch in letters) > len(letters)


def _with_quoted(
    text: str, schema: str | None, lang: str | None, parts: Mapping[str, str] | None
) -> AnalyzedName | None:
    """A firm's name with a quoted name in it, also as the quoted name alone: lists print a
    subsidiary after its parent ("United Shipbuilding Corporation “Sredne-Nevsky Shipyard”")
    and a firm's kind before its name ("Federal State Enterprise «Kazan Gunpowder Plant»"),
    others the name alone. None when nothing is quoted beside two words or more, or when the
    name is no firm's (a person's nickname in quotes stays part of the name)."""
    start = next((i for i, ch in enumerate(text) if ch in _OPEN_QUOTES), -1)
    end = max(text.rfind(ch) for ch in _CLOSE_QUOTES)
    if start < 0 or end <= start:
        return None
    inner = text[start + 1 : end].translate(_NO_QUOTES).strip()
    outside = text[:start] + text[end + 1 :]
    if len(inner.split()) < 2 or not any(ch.isalpha() for ch in outside):
        return None
    full = analyze_name(text.translate(_NO_QUOTES), schema=schema, lang=lang, parts=parts)
    if not full.is_organization:
        return None
    alone = analyze_name(inner, schema=schema, lang=lang, parts=parts)
    return _joined_analyses(text, [full, alone])


def _with_subsidiary(
    text: str, schema: str | None, lang: str | None, parts: Mapping[str, str] | None
) -> AnalyzedName | None:
    """A firm's name printed after its parent's and a comma, also alone: "Tactical Missile
    Company, Joint Stock Company Severny Press" is "JOINT STOCK COMPANY SEVERNIY PRESS" on
    another list. Only when the part after the comma is a firm's name of its own, with a name
    word beside a legal form or a word of a firm's kind ("Tactical Missile Corporation, 711
    Aircraft Repair Plant"; "Bank Melli Iran, London Branch" and "Gazprom Neft, PJSC" stay
    whole), and the part before has two words or more."""
    head, _, tail = text.partition(",")
    if len(head.split()) < 2 or len(tail.split()) < 2:
        return None
    alone = analyze_name(tail.strip(), schema=schema, lang=lang, parts=parts)
    kinds = {t.kind for t in alone.tokens if t.part is not NamePart.DESCRIPTOR}
    firm = _LEGAL_FORM in kinds or any(
        t.part is NamePart.DESCRIPTOR and t.text not in BRANCH_WORDS for t in alone.tokens
    )
    if not firm or _WORD not in kinds:
        return None  # (a person's given names after the comma, a branch, a legal form alone)
    full = _analyze(text, schema, lang, parts, subsidiary=False)
    return _joined_analyses(text, [full, alone]) if full.is_organization else None


def _joined_names(
    text: str,
    halves: list[str],
    schema: str | None,
    lang: str | None,
    parts: Mapping[str, str] | None,
) -> AnalyzedName:
    """One name for several printed together: their forms interleaved, first forms first."""
    names = [analyze_name(h, schema=schema, lang=lang, parts=parts) for h in halves]
    return _joined_analyses(text, names)


def _joined_analyses(text: str, names: list[AnalyzedName]) -> AnalyzedName:
    """The analyses of names printed together as one: their forms interleaved."""
    forms: dict[tuple[int, ...], tuple[NameToken, ...]] = {}
    for n in range(max(len(name.forms) for name in names)):
        for name in names:
            if n < len(name.forms) and len(forms) < MAX_FORMS:
                forms.setdefault(tuple(map(id, name.forms[n])), name.forms[n])
    return AnalyzedName(
        original=text,
        script=names[0].script,
        forms=tuple(forms.values()),
        is_organization=names[0].is_organization,
    )


def _with_german_reading(
    result: tuple[tuple[NameToken, ...], ...],
    words: list[str],
    given: Mapping[str, NamePart],
    organisation: bool | None,
) -> tuple[tuple[NameToken, ...], ...]:
    """The ASCII name's form, then its reading as German-usage Russian when that differs."""
    read = [latin.german_reading(w) for w in words]
    initial_z = [latin.german_initial_z(w) for w in read]
    forms = list(result)
    for reading in (read, initial_z):
        if reading == words:
            continue
        tokens = _form_tokens(reading, None, given, organisation)
        # "Andrew" read as "andrev" spells the same key: a form that adds no key is left out.
        keys = [t.skeleton for t in tokens]
        if all(keys != [t.skeleton for t in form] for form in forms):
            forms.append(tokens)
    return tuple(forms)


def _with_french_reading(
    result: tuple[tuple[NameToken, ...], ...],
    words: list[str],
    given: Mapping[str, NamePart],
    organisation: bool | None,
) -> tuple[tuple[NameToken, ...], ...]:
    """The ASCII name's form, then its reading as French-usage Russian when that differs. The
    reading is kept even where its spelling keys are the printed form's ("Kovaltchouk" and
    "Kovalchuk" share one): it pairs the BGN spelling exactly, not as a variant."""
    read = [latin.french_reading(w) for w in words]
    if read == words:
        return result
    return (*result, _form_tokens(read, None, given, organisation))


def _joined_arabic(renderings: list[Rendering]) -> list[Rendering]:
    """Extra renderings with South Asian compound spellings ("hamdullah" for "hamd allah")."""
    extra: list[Rendering] = []
    for rendering in renderings:
        words = tuple(t for t, _ in rendering)
        joined = arabic.join_compounds(words)
        if joined != words:
            extra.append(tuple((w, _UNKNOWN) for w in joined))
    return extra


def _forms(
    words: list[str],
    script: str,
    language: str,
    given: Mapping[str, NamePart],
    organisation: bool | None,
    person: bool,
) -> tuple[tuple[NameToken, ...], ...]:
    """Every distinct form of a name in any script (``person``: split East Asian family names)."""
    if person:
        words = _join_east_asian(words, script)
    per_word = [_word_renderings(w, language, person) for w in words]
    # Tokens are shared instances (``make_token``), so identity is a cheap key for equal forms.
    renderings = _combine(per_word)
    if script == "Arabic":
        renderings.extend(_joined_arabic(renderings))
    forms: dict[tuple[int, ...], tuple[NameToken, ...]] = {}
    first: tuple[NameToken, ...] = ()
    for form in renderings:
        tokens = _rendering_tokens(form, given, organisation, script in _SYLLABIC)
        if script in ABJAD_SCRIPTS:
            tokens = tuple(map(_abjad_token, tokens))
        elif first and script != "Latin" and script not in _SYLLABIC:
            tokens = _parts_of(first, tokens)
        if tokens:
            first = first or tokens
            forms.setdefault(tuple(map(id, tokens)), tokens)
    return tuple(forms.values())


def _parts_of(first: tuple[NameToken, ...], tokens: tuple[NameToken, ...]) -> tuple[NameToken, ...]:
    """A rendering whose parts its own spelling does not tell, with the first rendering's parts
    (word for word): ISO 9 prints Ермолаевич "ermolaevic", which is no patronymic ending, but the
    name's first rendering "ermolaevich" is."""
    if len(first) != len(tokens) or any(t.part is not _UNKNOWN for t in tokens):
        return tokens
    if any(a.kind is not b.kind for a, b in zip(first, tokens, strict=True)):
        return tokens
    return tuple(
        t if a.part is _UNKNOWN else make_token(t.text, t.kind, a.part)
        for a, t in zip(first, tokens, strict=True)
    )
