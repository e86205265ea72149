"""Spelling-variant keys: one key per token so that common spellings of one name collide.

"Шугаев" romanised as Shugaev, Shugayev (BGN), Choughaev (French), Schugajew (German) all give
"shugaev"; Mohammed/Muhammad/Mohd give "muhamad". The rules, in the order they apply, and why:

1. Name variant groups (``_VARIANTS``): very common Arabic-origin names whose vowels differ between
   traditions (Mohammed/Muhammad/Magomed, Hussein/Husayn/Hossein, Osama/Usama) get one key. A
   table, not a vowel rule, because collapsing o/u or e/i everywhere would merge unrelated
   European names.
2. Particles: el/ul → al, ben/ibn → bin, abdel/abdal/abdoul → abdul (also glued: "abdelrahman",
   and with the article's l assimilated to a sun letter: "abderrahmane", "abdessalam").
3. Consonant clusters that transliteration systems write differently: tsch/tch → ch,
   sch/shch/shh/sz → sh, ch → sh (French "Ch" = Russian "Sh"; Choughaev), dzh/dj/zh → j,
   kh → h, gh → g, ph → f, th → t, dh → d, ck/q → k, x → ks, w → v, tz/cz → ts,
   c before e/i/y → ts (Slavic and GOST "c" = ts) else k, gue/gui → ge/gi (French Serguei).
4. Vowels: ou/oo → u (French "ou"; "oou" as "ou": Belooussov), ee → i, y → i, j → i except at
   the start of a word (Dmitrij/Dmitriy/Dmitry; an initial j is usually English "dzh": Jamal,
   but a patronymic's is y: Jakovlevitch), ie → e (Yevgeny/Evgeny: BGN writes "ye" where ICAO
   writes "e"; so "ije" and "iye": Vasiljev, Vasiliyev); before all of these, ё after a
   consonant written "yo" or "jo" → e (Fyodorov/Fedorov, Pyotr/Petr; not after the "dj" of
   French usage), and French "ou" between vowels or opening a word before a vowel → w (Maghreb
   "Aouadi" = Awadi, "Ouazzani" = Wazzani; "Mouammar" keeps its u); a word's initial "aw"
   before a consonant → u in four letters or more (Arabic "Awni", French "Ouni"); a final
   "hui" → hi, not after a digraph's first letter (Korean 희: "hui", "hee", French "hy";
   pinyin "zhui", "chui" stay).
5. Double letters collapse (Habbash/Habash), and final -of/-ef become -ov/-ev (Smirnoff,
   Ivanow via w → v); first of all, French usage's final -ine is -in (Poutine/Putin,
   Lamine/Lamin), in words of five letters or more.

What deliberately does NOT collide: feminine and masculine surnames (Ivanov/Ivanova are
different people; the matcher's edit similarity still sees them as close), and words differing
in consonants (Bush/Habbash). Keys are for grouping candidates and rewarding variant spellings,
not a verdict.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

_VARIANT_GROUPS: Final = {
    "muhamad": (
        "mohammed mohammad mohamed mohamad muhammad muhammed muhamed muhamad mohd mhd "
        "mohamud mohammod mukhammad mukhammed mukhamed magomed magamed mahomed mahammad "
        "muhammet mehmet mehmed mohamad mouhamed mouhammad muhamet mohamaed"
    ),
    "ahmad": "ahmed ahmad akhmed akhmad ahmet achmed ahmat",
    "mahmud": "mahmoud mahmood mahmud makhmud mahmut",
    "husain": (
        "hussein husain hussain husayn hossein hosein husein huseyn gusein hussien houssein"
        " hassine houcine hocine"  # Tunisian and Algerian French spellings of حسين
    ),
    "saif": "saif sayf seif seyf saef",
    "hasan": "hassan hasan hasen gasan",
    "usama": "osama usama oussama ousama",
    "umar": "omar umar omer oumar",
    "yusuf": "yusuf yousef youssef yousif yusef yussuf yousuf yusif",
    "abdula": "abdullah abdallah abdulla abdula abdellah abdoullah abdollah",
    "usman": "othman osman usman uthman outhman osmane",
    # القذافي: Libyan qaf said g, and dh or dd for its dhal ("SAADI QADHAFI", "Saadi GADDAFI")
    "kadafi": "qadhafi qaddafi qadafi gaddafi gadhafi gadafi kadhafi kaddafi kadafi qathafi",
    "ibrahim": "ebrahim ibrahim ibragim ibraheem",
    "ismail": "esmail ismail ismael ismoil",
    "mustafa": "mostafa mustafa moustafa mustapha mostapha",
    "sulaiman": "suleiman sulayman soleiman sulaiman suleyman sulaymon",
    "halid": "khalid khaled halid",
    "said": "said saeed saied saiid",
    "iahia": "yahya yahia yehia yahiya",
    "aisha": "aisha ayesha aysha aicha aishah ayisha aischa",
    "abu": "abu abou",
    "al": "al el ul",
    "bin": "bin ben ibn",
    "abdul": "abdul abdel abdal abdol abdoul abdool",
}
_VARIANTS: Final = {
    variant: key for key, variants in _VARIANT_GROUPS.items() for variant in variants.split()
}
_ABDUL_PREFIXES: Final = ("abdul", "abdel", "abdal", "abdol", "abdoul", "abdool")
# "Abd al-" before a sun letter, whose sound the article's l takes: Abderrahmane, Abdurrahman,
# Abdessalam, Abdennour, Somali Abdirahman (the consonant doubled or not).
_ABD_ASSIMILATED: Final = re.compile(r"abd(?:ou|[aeiou])(sh|[tdrzsnl])\1?(?=[aeiou])")

_CLUSTERS: Final = (
    ("tsch", "ch"),
    ("shch", "sh"),
    ("sch", "sh"),
    ("shh", "sh"),
    ("tch", "ch"),
    ("sz", "sh"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("ch", "sh"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("ck", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("tz", "ts"),
    ("cz", "ts"),
    ("gue", "ge"),
    ("gui", "gi"),
    ("oou", "ou"),  # French "o" + "ou" (Белоусов "Belooussov"), read as the "ou" it ends in
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
)
_C_BEFORE_FRONT: Final = re.compile(r"c(?=[eiy])")
# Russian ё after a consonant: "yo" or "jo" in BGN and GOST, "e" in ICAO passports and in
# Russian texts that leave its dots off (Fyodorov / Fedorov, Pyotr / Petr, Semyonov / Semenov,
# Zvyozdochka / Zvezdochka); not before "ng" or at a word's end (Korean "myong", "kyong";
# "Tokyo"; a final "-yov" or "-yom" is Russian: Degtyaryov, Artyom), in words of five letters
# or more; "dj" is French or Serbian dzh, not d and ё ("Djouadi", "Djokovic").
_YO: Final = re.compile(r"(?<=[bdfgklmnprstvz])(?:y|(?<!d)j)o(?!ng)(?=[a-z]{2}|[mv]$)")
_YO_MIN: Final = 5
_INNER_J: Final = re.compile(r"(?<=.)j")
# A patronymic's initial j before a vowel is the y of German, French or Polish usage
# ("Jakovlevitch" for Yakovlevich, "Jurievna"), never English "dzh" there.
_J_PATRONYMIC: Final = re.compile(r"j(?=[aeiou]).*[oe]v(?:(?:i|y)t?ch|na)$")
_DOUBLES: Final = re.compile(r"(.)\1+")


def _single(match: re.Match[str]) -> str:
    """A doubled letter's one (``_DOUBLES``): a function, as a template such as ``r"\1"``
    makes each ``sub`` call run the ``re`` module's Python code, matched or not."""
    return match.group(1)


# French "ou" between vowels is the consonant w (Maghreb "Aouadi" for Awadi, "Chaoui" for
# Shawi); after a consonant it is the vowel u ("Mouammar" is Muammar).
_OU_BETWEEN_VOWELS: Final = re.compile(r"(?<=[aei])ou(?=[aei])")
# ... and so at the start of a word before a vowel ("Ouazzani" Wazzani, "Oueslati" Weslati),
# where before a consonant it also stands for Arabic "aw" ("Ouni" for عوني Awni, "Oulad" for
# Awlad): a word's initial "aw" before a consonant is read as u, in words of four letters or more.
_OU_INITIAL: Final = re.compile(r"^ou(?=[aei])")
# (not "Aws" أوس: "Us" is Turkish)
_AW_INITIAL: Final = re.compile(r"^aw(?=[b-df-hj-np-tv-xz][a-z])")
# Korean 희 ends many given names: "hui" (DPRK, McCune-Reischauer, RR), "hee" (South Korean
# usage), "hy" (French: "Cheul-hy"), "hi"; no Chinese syllable is "hi", so pinyin "hui" 辉 stays
# apart from every other syllable.
_HUI_FINAL: Final = "hui"
# (digraphs: pinyin "zhui" 追 is no "zhi" 之, "chui" 吹)
_NOT_BEFORE_HUI: Final = frozenset("ckstz")
_FINAL_F: Final = re.compile(r"(?<=[oe])f$")
# French usage writes a final -in / -ин with a silent e, so the n is heard: "Poutine", "Volodine",
# "Michoustine" (Putin, Volodin, Mishustin), and so Arabic names in Maghreb spellings: "Amine",
# "Lamine", "Yassine" (Amin, al-Amin, Yasin); in words of five letters or more.
_FRENCH_INE: Final = re.compile(r"(?<=[a-z]{2})ine$")
# ... and a final -an (Maghreb and West African spellings: "Abderrahmane", "Slimane",
# "Souleymane", "Redouane", "Ousmane" for Abd al-Rahman, Sulayman, Ridwan, Usman; Persian's
# ezafe in "Sazmane" for Sazman), in words of six letters or more ("Diane" stays).
_FRENCH_ANE: Final = re.compile(r"(?<=[a-z]{3})ane$")


def _apply_rules(word: str) -> str:
    if word.endswith("ine"):
        word = _FRENCH_INE.sub("in", word)
    elif word.endswith("ane"):
        word = _FRENCH_ANE.sub("an", word)
    if word.startswith("j") and _J_PATRONYMIC.match(word):
        word = "y" + word[1:]
    if len(word) >= _YO_MIN and ("yo" in word or "jo" in word):
        word = _YO.sub("e", word)
    if word.endswith(_HUI_FINAL) and word[-4:-3] not in _NOT_BEFORE_HUI:
        word = word[:-3] + "hi"
    if "ou" in word:
        word = _OU_INITIAL.sub("w", _OU_BETWEEN_VOWELS.sub("w", word))
    if word.startswith("aw"):
        word = _AW_INITIAL.sub("u", word)
    for old, new in _CLUSTERS:
        if old in word:
            word = word.replace(old, new)
    if "c" in word:
        word = _C_BEFORE_FRONT.sub("ts", word).replace("c", "k")
    if "j" in word:
        word = _INNER_J.sub("i", word)
    word = word.replace("y", "i")
    if "iie" in word:  # (a j or y after i: "Vasiljev", "Anatolijevitch" as Vasilyev, Anatolyevich)
        word = word.replace("iie", "ie")
    word = word.replace("ie", "e")
    word = _DOUBLES.sub(_single, word)
    return _FINAL_F.sub("v", word)


@lru_cache(maxsize=262144)
def skeleton(token: str) -> str:
    """The spelling-variant key of one folded (lower-case ASCII) token; digits are kept."""
    if not token or token.isdigit():
        return token
    variant = _VARIANTS.get(token)
    if variant is not None:
        return variant
    for prefix in _ABDUL_PREFIXES:
        if token.startswith(prefix) and len(token) > len(prefix) + 2:
            return "abdul" + _apply_rules(token[len(prefix) :])
    assimilated = _ABD_ASSIMILATED.match(token)
    if assimilated is not None:
        return "abdul" + _apply_rules(assimilated.group(1) + token[assimilated.end() :])
    return _apply_rules(token)


# -- consonant keys --------------------------------------------------------------------------

# Letters and clusters that Latin spellings of one Arabic or Hebrew letter vary between, each
# mapped to one class: th/dh/z/d (ث ذ ض ظ: Kazim, Kathim, Kadhim), kh (X), sh (S), q/k/c,
# j/g/dj (ج: Jamal, Gamal, French Djamel), ph/f. "ch" is sh in French usage (Maghreb: Chaouch)
# and kh in German and Yiddish usage (Zicherman): a listed word with "ch" gets both keys.
_CONSONANT_CLUSTERS: Final = (
    ("dj", "g"),
    ("x", "ks"),
    ("sch", "S"),
    ("kh", "X"),
    ("gh", "g"),
    ("sh", "S"),
    ("ph", "f"),
    ("th", "T"),
    ("dh", "T"),
    ("zh", "g"),
    ("ck", "k"),
    ("q", "k"),
    ("z", "T"),
    ("d", "T"),
    ("j", "g"),
)
ABD_KEY: Final = "bT"  # "Abd al-" in a consonant key (its T no letter of a Latin word)
_NOT_CONSONANTS: Final = str.maketrans("", "", "aeiouywv'-")
_TWO_READINGS: Final = (("ch", ("sh", "kh")), ("gh", ("gh", "q")))


def _consonants_of(word: str, collapse: bool = True) -> str:
    if word.startswith("abd") and len(word) > 5:
        # "Abd al-Rahman" as "Abdulrahman" or, the article's l taking the next letter's
        # sound, "Abderrahmane": the article is left out.
        rest = word[3:].lstrip("aeiou")
        return ABD_KEY + _consonants_of(rest[1:] if rest.startswith("l") else rest, collapse)
    for old, new in _CONSONANT_CLUSTERS:
        if old in word:
            word = word.replace(old, new)
    word = word.replace("c", "k")
    # Doubled letters collapse before the vowels go: "sarur" keeps its two r's.
    return (_DOUBLES.sub(_single, word) if collapse else word).translate(_NOT_CONSONANTS)


@lru_cache(maxsize=65536)
def consonant_keys(token: str) -> tuple[str, ...]:
    """A folded word's consonants as an abjad writes them: vowels, and the semivowels w/v/y
    that Arabic and Hebrew letters write as vowels too, left out; letters Latin spellings of one
    Arabic or Hebrew letter vary between made one ("kazm" and "Kathim" give "kTm", "sarur" and
    "Sarwar" "srr"). One key, two for a word with "ch" (sh or kh) or "gh" (ghain, or qaf as
    Persian says it: "Vaseghi" واثقی, "Ghalandari" قلندری, "Bagher" باقر), four with both."""
    return tuple(dict.fromkeys(_consonants_of(k) for k in _readings(token)))


def _readings(token: str) -> list[str]:
    """The word with each "ch" and "gh" in each of its readings (``_TWO_READINGS``)."""
    words = [token]
    for cluster, readings in _TWO_READINGS:
        if cluster in token:
            words = [w.replace(cluster, r) for w in words for r in readings]
    return words


@lru_cache(maxsize=65536)
def abjad_consonant_keys(token: str) -> tuple[str, ...]:
    """``consonant_keys`` of a word rendered from Arabic or Hebrew letters, and the same with
    its doubled letters kept: two like letters side by side there are two of the script's
    letters (مدلل "madll" is Mudallal, m-d-l-l, which Latin spells with a doubled l and one
    more), while a doubled letter in a Latin spelling is one letter written with a shadda or
    dagesh; a qaf ("q") is also read as "g"."""
    keys = consonant_keys(token)
    if "q" in token:
        # Qaf is "g" in Gulf, Sudanese, Libyan and Maghreb usage: قذافي "Gaddafi", دقلو
        # "Dagalo", قاسمي "Gasmi" (Persian usage's "gh" is read in ``consonant_keys``).
        keys = tuple(dict.fromkeys((*keys, *consonant_keys(token.replace("q", "g")))))
    if not _DOUBLES.search(token):
        return keys
    kept = (_consonants_of(w, collapse=False) for w in _readings(token))
    return tuple(dict.fromkeys((*keys, *kept)))
