"""Korean Hangul romanised syllable by syllable, as names reach sanctions lists.

Three systems: Revised Romanisation (South Korea since 2000: 김정은 → "gim jeong eun"),
McCune–Reischauer with its breves and apostrophes dropped ("kim chong un") and the DPRK's own
system, which is how the lists spell North Korean names ("kim jong un"). Common family names
also get their customary spelling (이 → "lee", 박 → "park"). Output is lower-case ASCII.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Final

from sanctionguard.names.tokens import COMMA

_FIRST, _LAST = 0xAC00, 0xD7A3

# Initial consonants, vowels and final consonants in Unicode order, per system.
_INITIALS: Final = {
    "rr": "g kk n d tt r m b pp s ss - j jj ch k t p h",
    "mr": "k kk n t tt r m p pp s ss - ch tch ch k t p h",
    "dprk": "k kk n t tt r m p pp s ss - j jj ch kh th ph h",
}
_VOWELS: Final = {
    "rr": "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i",
    "mr": "a ae ya yae o e yo ye o wa wae oe yo u wo we wi yu u ui i",
    "dprk": "a ae ya yae o e yo ye o wa wae oe yo u wo we wi yu u ui i",
}
# Finals as pronounced at the end of a syllable (clusters reduce to one sound).
_FINALS: Final = {
    "rr": "- k k k n n n t l k m l l l p l m p p t t ng t t k t p t",
    "mr": "- k k k n n n t l k m l l l p l m p p t t ng t t k t p t",
    "dprk": "- k k k n n n t l k m l l l p l m p p t t ng t t k t p t",
}
SYSTEMS: Final = ("dprk", "rr", "mr")


def _table(spec: str) -> tuple[str, ...]:
    return tuple("" if part == "-" else part for part in spec.split())


_TABLES: Final = {
    system: (_table(_INITIALS[system]), _table(_VOWELS[system]), _table(_FINALS[system]))
    for system in SYSTEMS
}

# Customary spellings of common family names (the form most used in passports and the press).
FAMILY_NAMES: Final = {
    "김": "kim",
    "이": "lee",
    "리": "ri",
    "박": "park",
    "최": "choi",
    "정": "jung",
    "강": "kang",
    "조": "cho",
    "윤": "yoon",
    "장": "jang",
    "임": "lim",
    "한": "han",
    "오": "oh",
    "서": "seo",
    "신": "shin",
    "권": "kwon",
    "황": "hwang",
    "안": "ahn",
    "송": "song",
    "류": "ryu",
    "유": "yoo",
    "홍": "hong",
    "전": "jeon",
    "고": "ko",
    "문": "moon",
    "양": "yang",
    "손": "son",
    "배": "bae",
    "백": "paek",
    "허": "hur",
    "노": "roh",
    "로": "ro",
    "남": "nam",
    "심": "shim",
    "하": "ha",
    "곽": "kwak",
    "성": "sung",
    "차": "cha",
    "주": "joo",
    "우": "woo",
    "구": "koo",
    "민": "min",
    "현": "hyon",
    "림": "rim",
    "려": "ryo",
    "변": "pyon",
    "량": "ryang",
    "렴": "ryom",
    "왕": "wang",
    "채": "chae",
    "원": "won",
    "천": "chon",
    "방": "pang",
    "공": "kong",
    "명": "myong",
    "석": "sok",
    "선": "son",
    "설": "sol",
    "길": "kil",
    "표": "pyo",
    "위": "wi",
    "엄": "om",
    "염": "yom",
    "여": "yo",
    "라": "ra",
    "진": "jin",
    "지": "ji",
    "태": "thae",
    "함": "ham",
    "편": "phyon",
    "마": "ma",
    "탁": "thak",
    "도": "to",
    "소": "so",
    "국": "kuk",
    "동": "tong",
    "용": "yong",
    "옥": "ok",
    "육": "yuk",
    "인": "in",
    "맹": "maeng",
    "제": "je",
    "모": "mo",
    "기": "ki",
    "추": "chu",
    "금": "kum",
    "봉": "pong",
    "경": "kyong",
    "승": "sung",
    "촤": "choe",
    "초": "cho",
    "계": "kye",
}
TWO_SYLLABLE_FAMILY_NAMES: Final = frozenset(
    {"남궁", "선우", "제갈", "황보", "독고", "사공", "서문"}
)


@lru_cache(maxsize=1)
def latin_syllables() -> frozenset[str]:
    """Every Hangul syllable as some system spells it in Latin letters ("kim", "hyon", "u")."""
    return frozenset(
        initial + vowel + final
        for initials, vowels, finals in _TABLES.values()
        for initial in initials
        for vowel in vowels
        for final in finals
    )


@lru_cache(maxsize=1)
def family_spellings() -> frozenset[str]:
    """The Latin spellings of the common family names: customary, and in each system."""
    return frozenset(
        (*FAMILY_NAMES.values(), *(romanise_syllable(f, s) for f in FAMILY_NAMES for s in SYSTEMS))
    )


def is_hangul_syllable(ch: str) -> bool:
    return _FIRST <= ord(ch) <= _LAST


@lru_cache(maxsize=16384)
def romanise_syllable(syllable: str, system: str) -> str:
    """One precomposed Hangul syllable in one system; other characters are returned as they are."""
    if not is_hangul_syllable(syllable):
        return syllable
    index = ord(syllable) - _FIRST
    initials, vowels, finals = _TABLES[system]
    return initials[index // 588] + vowels[(index % 588) // 28] + finals[index % 28]


# McCune-Reischauer voices the plain stops ㄱ ㄷ ㅂ ㅈ inside a word after a vowel or a voiced
# final (ㄴ ㄹ ㅁ ㅇ): 영복 "Yŏngbok", 지부 "Chibu", so lists print "Yong Bok", "Chi Bu".
_MR_VOICED: Final = {0: "g", 3: "d", 7: "b", 12: "j"}
_VOICED_FINALS: Final = frozenset({0, 4, 8, 16, 21})


def romanise_syllables(word: str, system: str) -> tuple[str, ...]:
    """Each syllable of a Hangul word romanised separately (in McCune-Reischauer with the
    voicing a syllable takes inside the word)."""
    out = []
    for i, ch in enumerate(word):
        text = romanise_syllable(ch, system)
        if system == "mr" and i and is_hangul_syllable(ch) and is_hangul_syllable(word[i - 1]):
            initial = (ord(ch) - _FIRST) // 588
            if initial in _MR_VOICED and (ord(word[i - 1]) - _FIRST) % 28 in _VOICED_FINALS:
                text = _MR_VOICED[initial] + text[len(_TABLES[system][0][initial]) :]
        out.append(text)
    return tuple(out)


def split_family_name(word: str) -> tuple[str, str] | None:
    """A Korean personal name as one word, split into (family, given); None if implausible."""
    if len(word) > 2 and word[:2] in TWO_SYLLABLE_FAMILY_NAMES:
        return word[:2], word[2:]
    if 2 <= len(word) <= 4 and word[0] in FAMILY_NAMES:
        return word[0], word[1:]
    return None


# Revised Romanisation writes ㅓ "eo" and ㅡ "eu", which the DPRK's system and McCune-Reischauer
# (its breves dropped) write "o" and "u"; no syllable of those two systems has "eo" or "eu". A
# Latin name in RR ("Kim Yeo-jong", "Gim Jeong-eun") is therefore also read in the DPRK's system,
# as the lists spell North Korean names ("KIM Yo Jong", "KIM Jong Un").
_RR_VOWELS: Final = ("eo", "eu")
MIN_NAME_WORDS: Final = 2
MAX_NAME_WORDS: Final = 4


@lru_cache(maxsize=1)
def _rr_to_dprk() -> dict[str, str]:
    """Each syllable's RR spelling → its DPRK spelling (the first syllable, for the few RR
    spellings two syllables share)."""
    out: dict[str, str] = {}
    for code in range(_FIRST, _LAST + 1):
        out.setdefault(romanise_syllable(chr(code), "rr"), romanise_syllable(chr(code), "dprk"))
    return out


@lru_cache(maxsize=1)
def _rr_families() -> dict[str, str]:
    """The common family names' RR spellings → their DPRK spellings ("gim" → "kim")."""
    return {romanise_syllable(f, "rr"): romanise_syllable(f, "dprk") for f in FAMILY_NAMES}


@lru_cache(maxsize=1)
def _usual_families() -> frozenset[str]:
    """The common family names as the press spells them ("kim", "lee", "park")."""
    return frozenset(FAMILY_NAMES.values())


def dprk_reading(words: Sequence[str]) -> list[str] | None:
    """A Latin name's words (commas kept) as the DPRK's system spells them, if the name is a
    Korean name in Revised Romanisation: two to four words, each a syllable, a common family
    name first (or last, or before the comma), and a syllable only RR spells so ("eo", "eu").
    None otherwise, and for a name that reads the same."""
    names = [w for w in words if w != COMMA]
    if not MIN_NAME_WORDS <= len(names) <= MAX_NAME_WORDS:
        return None
    if not any(vowel in w for w in names for vowel in _RR_VOWELS):
        return None
    syllables, families, customary = _rr_to_dprk(), _rr_families(), family_spellings()
    if not all(w in syllables or w in customary for w in names):
        return None
    # The family name: before the comma, else first, else last; last where only the last is
    # spelt as the press spells family names ("Jeong-eun Kim": 정 is a family name too).
    usual = _usual_families()
    last = len(words) - 1
    at = words.index(COMMA) - 1 if COMMA in words else 0
    if COMMA not in words and words[last] in usual and words[0] not in usual:
        at = last
    if words[at] not in families and words[at] not in customary:
        at = last
        if words[at] not in families and words[at] not in customary:
            return None
    out = [
        w
        if w == COMMA or (i == at and w in customary and w not in families)
        else families[w]
        if i == at
        else syllables.get(w, w)
        for i, w in enumerate(words)
    ]
    return out if out != list(words) else None
