"""Hebrew words in the Latin spellings Israeli names take ("משה" → "mosh", "דוד" → "dvd"/"dod").

Hebrew is written without most vowels, so a rendering carries the consonants with the letters that
double as vowels (vav, yod, final he); phonetic keys, which mostly ignore vowels, then meet the
full Latin spelling. Two renderings differ where usage differs: vav as "o" or "v", het and
khaf as "h"/"kh" or "ch" (Chai, Chasdai); a third guesses the unwritten vowels as Israeli
names are spelled (ירד → "yered"). ICU's Hebrew-Latin gives bare consonants only.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Final

# Letter: (word-initial, elsewhere, word-final) for each of the two renderings where they differ.
_SIMPLE: Final = {
    "ג": "g",
    "ד": "d",
    "ז": "z",
    "ט": "t",
    "ל": "l",
    "מ": "m",
    "ם": "m",
    "נ": "n",
    "ן": "n",
    "ס": "s",
    "צ": "ts",
    "ץ": "ts",
    "ק": "k",
    "ר": "r",
    "ש": "sh",
    "ת": "t",
    "ף": "f",
}


def _letter(word: str, i: int, style: int) -> str:
    ch = word[i]
    first, last = i == 0, i == len(word) - 1
    if ch in "צץ" and style == 1:  # "z" in the second style: Zvi, Zion
        return "z"
    if ch in _SIMPLE:
        return _SIMPLE[ch]
    if ch in "אע":
        return "a" if first or last else ""
    if ch == "ב":
        return "b" if first else "v"
    if ch == "ו":
        if first or (i + 1 < len(word) and word[i + 1] == "ו"):
            return "v"
        return "o" if style == 0 else "v"
    if ch == "ה":
        return "a" if last else "h"
    if ch == "ח":
        return "h" if style == 0 else "ch"
    if ch == "י":
        return "y" if first or (i + 1 < len(word) and word[i + 1] == "י") else "i"
    if ch in "כך":
        return "k" if first else ("kh" if style == 0 else "ch")
    if ch == "פ":  # "f" in the second style: Federman, Feiglin
        return "p" if first and style == 0 else "f"
    return ""


def _spelled(word: str, style: int) -> str:
    """A word letter by letter in one of the two renderings (``_letter``)."""
    return "".join(_letter(word, i, style) for i in range(len(word)))


_VOWELS: Final = frozenset("aeiou")


def _vowelled(bare: str) -> str:
    """Israeli usage with the unwritten vowels guessed: an initial alef or ayin is "e" (Eli,
    Eden), a medial one "a" (Noam), and the first two consonants in a row take an "e"
    between them (Yered, Yosef); three bare consonants take two (ירד → "yered")."""
    units = []
    for i, ch in enumerate(bare):
        if ch in "אע" and 0 < i < len(bare) - 1:
            units.append("a")
        elif ch in "אע" and i == 0:
            units.append("e")
        elif ch == "פ":  # ashkenazi surnames print "f" (Federman), given names "p" (Pinchas)
            units.append("p" if i == 0 and len(bare) < 5 else "f")
        else:
            units.append(_letter(bare, i, 0))
    units = [u for u in units if u]
    consonants = [k for k, u in enumerate(units) if u[0] not in _VOWELS]
    if len(units) == 3 and len(consonants) == 3:
        return f"{units[0]}e{units[1]}e{units[2]}"
    for k in range(len(units) - 1):
        if units[k][-1] not in _VOWELS and units[k + 1][0] not in _VOWELS:
            units.insert(k + 1, "e")
            break
    return "".join(units)


# Common Israeli given names and surnames in their customary Latin spellings (the commonest
# first): their vowels are known, so they need no guess. Facts of usage, as on Israeli passports
# and in the press; the second spelling, where there is one, is the other frequent one.
_NAMES: dict[str, tuple[str, ...]] = {
    # given names
    "אברהם": ("avraham", "abraham"),
    "אהרון": ("aharon", "aaron"),
    "אהרן": ("aharon", "aaron"),
    "אבי": ("avi",),
    "אביחי": ("avichai", "avihai"),
    "אורי": ("uri",),
    "איתי": ("itai", "itay"),
    "איתמר": ("itamar",),
    "אלון": ("alon",),
    "אלי": ("eli",),
    "אליהו": ("eliyahu", "eliahu"),
    "אליעזר": ("eliezer",),
    "אלישע": ("elisha",),
    "אסף": ("asaf", "assaf"),
    "אריה": ("arie", "aryeh"),
    "בנימין": ("binyamin", "benjamin"),
    "בצלאל": ("bezalel", "betzalel"),
    "ברוך": ("baruch", "baruh"),
    "גבריאל": ("gabriel",),
    "גיל": ("gil",),
    "דוד": ("david",),
    "דן": ("dan",),
    "דניאל": ("daniel",),
    "הלל": ("hillel", "hilel"),
    "יאיר": ("yair",),
    "יהודה": ("yehuda", "yehudah"),
    "יהונתן": ("yehonatan", "jonathan"),
    "יונתן": ("yonatan", "jonathan"),
    "יוסי": ("yossi", "yosi"),
    "יוסף": ("yosef", "joseph"),
    "יעקב": ("yaakov", "yakov"),
    "יצחק": ("yitzhak", "itzhak"),
    "ישראל": ("israel", "yisrael"),
    "מאיר": ("meir",),
    "מיכאל": ("michael", "mikhael"),
    "מרדכי": ("mordechai", "mordehai"),
    "משה": ("moshe",),
    "נועם": ("noam",),
    "נחום": ("nachum", "nahum"),
    "נתן": ("natan", "nathan"),
    "עזרא": ("ezra",),
    "עידו": ("ido", "iddo"),
    "עמוס": ("amos",),
    "עמית": ("amit",),
    "עקיבא": ("akiva",),
    "עומר": ("omer",),
    "פנחס": ("pinchas", "pinhas"),
    "צבי": ("zvi", "tzvi"),
    "ציון": ("zion", "tzion"),
    "רון": ("ron",),
    "רפאל": ("rafael", "refael"),
    "שי": ("shai", "shay"),
    "שלום": ("shalom",),
    "שלמה": ("shlomo",),
    "שמואל": ("shmuel", "samuel"),
    "חיים": ("haim", "chaim"),
    "טל": ("tal",),
    "עילאי": ("ilay", "ilai"),
    "אליאור": ("elior",),
    "אביעד": ("aviad",),
    "אלעד": ("elad",),
    "אלחנן": ("elchanan", "elhanan"),
    "יהושע": ("yehoshua",),
    "ידידיה": ("yedidya", "yedidia"),
    "הראל": ("harel",),
    "עמיחי": ("amichai", "amihai"),
    "ישי": ("yishai", "ishai"),
    "נריה": ("neria", "neriya"),
    "אהוד": ("ehud",),
    "אריאל": ("ariel",),
    "בועז": ("boaz",),
    "גלעד": ("gilad",),
    "זאב": ("zeev",),
    "יגאל": ("yigal",),
    "יואב": ("yoav",),
    "מנחם": ("menachem", "menahem"),
    "שמעון": ("shimon",),
    "אליקים": ("elyakim",),
    "מתן": ("matan",),
    "נתנאל": ("netanel", "nethanel"),
    "אופיר": ("ofir", "ophir"),
    "רועי": ("roi", "roee"),
    "שחר": ("shahar", "shachar"),
    "ינון": ("yinon",),
    "דביר": ("dvir",),
    "אלישיב": ("elyashiv",),
    "יהודית": ("yehudit", "judith"),
    "אביגיל": ("avigail", "abigail"),
    "אסתר": ("esther", "ester"),
    "דבורה": ("dvora", "devorah"),
    "דניאלה": ("daniella", "daniela"),
    "חנה": ("hana", "chana"),
    "יעל": ("yael",),
    "לאה": ("leah", "lea"),
    "מיכל": ("michal", "mikhal"),
    "מרים": ("miriam",),
    "נועה": ("noa",),
    "נעמה": ("naama",),
    "עדן": ("eden",),
    "רבקה": ("rivka", "rebecca"),
    "רות": ("ruth", "rut"),
    "רחל": ("rachel", "rahel"),
    "שירה": ("shira",),
    "שרה": ("sarah", "sara"),
    "תמר": ("tamar",),
    # surnames and particles
    "בן": ("ben",),
    "בר": ("bar",),
    "כהן": ("cohen", "kohen"),
    "לוי": ("levi", "levy"),
    "מזרחי": ("mizrahi", "mizrachi"),
    "פרץ": ("peretz", "perez"),
    "ביטון": ("biton", "bitton"),
    "דהן": ("dahan",),
    "אזולאי": ("azoulay", "azulai"),
    "כץ": ("katz", "kats"),
    "פרידמן": ("friedman", "fridman"),
    "שפירא": ("shapira", "shapiro"),
    "גולדשטיין": ("goldstein", "goldshtein"),
    "רוזנברג": ("rosenberg", "rozenberg"),
    "וייס": ("weiss",),
    "קליין": ("klein",),
}


# Yiddish and German surname endings in their customary Latin spelling (Gopstein גופשטיין,
# Federman פדרמן, Rosenberg); the stem before them takes the vowel guess. An ending needs a stem
# of two letters or more (three before "-man": "זמן" is a word, not a surname).
_ENDINGS: Final = (
    ("שטיין", "stein", 2),
    ("שטין", "stein", 2),
    ("ברג", "berg", 2),
    ("בורג", "burg", 2),
    ("בוים", "baum", 2),
    ("בלט", "blat", 2),
    ("פלד", "feld", 2),
    ("מן", "man", 3),
)


def _with_ending(bare: str) -> str | None:
    """The vowel guess of a surname with a Yiddish or German ending, the ending spelled as
    families spell it ("גופשטיין" → "gofstein", "פלדמן" → "feldman"); None without such an
    ending."""
    for ending, spelling, stem_min in _ENDINGS:
        if bare.endswith(ending) and len(bare) - len(ending) >= stem_min:
            stem = bare[: -len(ending)]
            return (_whole_ending(stem) or _surname_stem(stem)) + spelling
    return None


def _whole_ending(stem: str) -> str | None:
    """The spelling of a stem that is itself an ending ("פלד" in "פלדמן" → "feld")."""
    return next((spelling for ending, spelling, _ in _ENDINGS if stem == ending), None)


def _surname_stem(stem: str) -> str:
    """A surname's stem before its ending: an initial pe is "f" (Feldman, Federman); a stem
    with a vowel letter (vav, yod) is read as written ("גולד" → "gold"), else the vowel guess."""
    guess = _spelled(stem, 0) if any(ch in "וי" for ch in stem[1:]) else _vowelled(stem)
    return "f" + guess[1:] if stem[0] == "פ" else guess


@lru_cache(maxsize=1)
def customary_spellings() -> frozenset[str]:
    """The words of the dictionary's spellings: their vowels are known, not guessed."""
    return frozenset(w for spellings in _NAMES.values() for w in spellings)


@lru_cache(maxsize=16384)
def romanise_hebrew(word: str) -> tuple[str, str, str]:
    """Three Latin renderings of a Hebrew word (points and cantillation marks are ignored):
    consonants with vowel letters, the same in the "ch"/"v" style, and Israeli usage with the
    unwritten vowels guessed (``_vowelled``). A common name (``_NAMES``) takes its customary
    spellings in place of the guess and of the second style; a surname with a Yiddish or German
    ending (``_ENDINGS``) its customary ending in the guess."""
    bare = "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))
    out = (_spelled(bare, 0), _spelled(bare, 1))
    known = _NAMES.get(bare)
    if known:
        return out[0], known[-1] if len(known) > 1 else out[1], known[0]
    return out[0], out[1], _with_ending(bare) or _vowelled(bare)
