"""Splitting a cleaned name into words, and what kind of token each word is.

Apostrophes and BGN's middle dot join ("O'Brien" → "obrien"); hyphens, slashes and other
punctuation separate; dotted abbreviations are read as one word when they spell a legal form
("S.A." → "sa") and as initials otherwise ("J.P." → "j", "p"). A comma is kept as its own
word: it marks "FAMILY, Given" order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from sanctionguard.names.types import TokenKind

COMMA: Final = ","

_APOSTROPHES: Final = dict.fromkeys(map(ord, "'’‘`´ʹʺʼʻʽʾʿ′″"))
# Word characters: \w plus combining marks (Arabic harakat, Hebrew points, Indic vowel signs,
# Thai vowels), which \w leaves out but which belong inside a word.
_MARKS: Final = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff\u3099\u309a"
)
_SEPARATORS: Final = re.compile(rf"[^\w{_MARKS},]+|_")
# Letters with dots between them, the last dot optional ("S.A.", "S.C.P", "A.Ş.").
_DOTTED: Final = re.compile(r"(?<!\w)((?:[^\W\d_]\. ?)+[^\W\d_](?!\w)\.?|(?:[^\W\d_]\. ?){2,})")
_COMMAS: Final = re.compile(r"\s*,\s*")
# BGN/PCGN writes "t·s" for т+с (not ц) inside a word: the dot joins; between Han or Kana
# words of a foreign name it separates.
_LATIN_MIDDLE_DOT: Final = re.compile(r"(?<=[a-z])·(?=[a-z])")
# The same for ASCII text, as one translation table (several times faster than the regex).
_ASCII_SEPARATORS: Final = {
    **{cp: " " for cp in range(128) if not chr(cp).isalnum()},
    ord("'"): None,
    ord("`"): None,
    ord(","): ",",
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Particles; "named after" and Russian "imeni" ("named after" in a firm's name: "Zavod imeni
# Plandina", "Plant named after P.I. Plandin") among them.
STOPWORDS: Final = _words(
    """
    of the and for de da do dos das del della dei di du la le les van von der den ter ten zu
    al el ul bin ibn bint binti bte ben y e et und ogly oglu kyzy qizi uulu
    named after imeni
    """
)

# Titles and honorifics printed with a person's name ("Dr. Ayman AL ZAWAHIRI", "Haji
# Khairullah BARAKZAI", "Mullah Ahmed Shah NOORZAI", "Shaykh Abd-al-Majid AL-ZINDANI"), and the
# suffixes customers' records add ("Dmitry Shugaev Jr."): in a
# person's name they count as little as particles, since one list prints them and another
# does not. Words that are also names ("Sayed", "Amir", "Major", "Don", "Hajj" of Lebanese
# family names) or romanised syllables ("col" for 철 in Cyrillic "Чоль", "gen", "eng") are not
# here.
TITLES: Final = _words(
    """
    mr mrs ms dr prof professor sir engr general colonel lieutenant lt captain capt brigadier
    admiral commander
    haji hajji hadji alhaji mullah mulla mollah molla maulavi maulvi mawlawi
    mawlavi molvi moulvi maulana mawlana qari sheikh shaikh shaykh sheik cheikh mufti
    ayatollah ayatullah hojatoleslam hojjatoleslam
    jr jnr junior sr snr senior
    """
)
# Words that are a rank only before "general" or "admiral", or right after it ("Major General
# Kifah MOULHEM", the Russian "General Major", "Rear Admiral", "Vice Senior General"): titles
# there, names or other words elsewhere ("Major" is a family name).
RANK_WORDS: Final = _words("major rear vice")
RANK_HEADS: Final = _words("general admiral")
RANK_BETWEEN: Final = _words("senior")  # may stand between the two ("Vice Senior General")
# A generation's numeral after a person's name ("John A. SMITH III"): a particle there, as the
# titles above; in other names a numeral tells one vessel or firm from another ("OCEAN STAR II").
GENERATIONS: Final = _words("ii iii iv")

# Words that make a name an organisation's when no schema says so.
ORGANISATION_WORDS: Final = _words(
    """
    bank banking company companies trading trade group holding holdings industries industry
    industrial corporation enterprise enterprises ministry university institute international
    services service shipping shipyard airlines airline aviation petroleum oil gas investment
    investments establishment foundation organization organisation association committee party
    front army brigade brigades movement factory plant center centre agency authority bureau
    department office fund trust partners logistics maritime navigation marine technologies
    technology systems solutions electronics engineering construction import export commerce
    commercial exchange finance financial capital resources mining metals steel chemical
    chemicals pharmaceutical pharmaceuticals energy telecom media network development tankers
    tanker lines line navy forces council society hospital school airport port
    zavod kompaniya gruppa obedinenie predpriyatie ministerstvo upravlenie fond tsentr institut
    korporatsiya kontsern
    """
)

# The firm's kind words that name a branch: part of its firm, no firm of its own ("Bank Melli
# Iran, London Branch" is the bank).
BRANCH_WORDS: Final = _words("branch filial filiale")

# The trade a firm is in, as its name says it beside the word that is its own ("Mahan Air",
# "Bank Melli", "Belavia Belarusian Airlines", "Rosneft Oil Company"): people name such a firm
# by that word alone.
SECTOR_WORDS: Final = _words(
    "air airlines airline airways aviation bank banking shipping oil gas petroleum tanker tankers"
)

# Words that say what kind of firm a firm is: lists print them translated, transliterated or
# not at all ("Research and Production Enterprise Sapfir", "Research and Development Enterprise
# Sapfir"), so in a firm's name one left unpaired costs less than a name word (``DESCRIPTOR``).
FIRM_DESCRIPTORS: Final = (
    _words(
        """
    research scientific science production development implementation design designing
    construction engineering instrument instruments making building machine plant factory
    works enterprise enterprises association corporation company institute center centre
    bureau technologies technology technological systems industries industrial industry
    group holding holdings complex concern firm services service trading manufacturing
    manufacture electronics electronic electrical electrotechnical mechanical equipment
    devices
    zavod predpriyatie predpriyatiye predpriiatie obedinenie obyedinenie obieedinenie
    kompaniya kompaniia korporatsiya korporatsiia kontsern institut tsentr byuro biuro gruppa
    kholding kombinat firma
    verf sudostroenie mashinostroenie priborostroenie aviastroenie radiozavod avtozavod
    aviazavod elektronika tekhnika
    """
    )
    | BRANCH_WORDS
    | SECTOR_WORDS
)


# The prefix a vessel's name is written with ("MV ADRIAN DARYA 1", "M/T", "M.V.", "SS", "MS",
# "FV"): the kind of ship, no part of its name. Not "MY", which is also a word ("MY WAY"), nor
# "TS", which begins a line's ship names ("TS Hongkong" of TS Lines).
_VESSEL_PREFIX: Final = re.compile(
    r"^\s*(?:m\.?\s?[vt]\.?|m\s?/\s?[vt]|[sm]\.?\s?s\.?|f\.?\s?v\.?)\s+(?=\S)",
    re.IGNORECASE,
)


def without_vessel_prefix(name: str) -> str:
    """A vessel's name without the prefix that tells the kind of ship ("MV", "M/T", "SS")."""
    return _VESSEL_PREFIX.sub("", name, count=1)


def _expand_dotted(match: re.Match[str], is_legal_form: Callable[[str], bool] | None) -> str:
    letters = match.group(1).replace(".", "").replace(" ", "")
    if is_legal_form is not None and is_legal_form(letters):
        return f" {letters} "
    return " " + " ".join(letters) + " "


def split_words(text: str, is_legal_form: Callable[[str], bool] | None = None) -> list[str]:
    """Words of a cleaned, lower-cased name, in order; commas kept as the word ",".

    ``is_legal_form(letters) -> bool`` decides whether a dotted abbreviation stays one word.
    """
    if text.replace(" ", "").isalnum():
        return text.split()
    if "." in text:
        text = _DOTTED.sub(lambda m: _expand_dotted(m, is_legal_form), text)
    if text.isascii():
        if COMMA in text:
            text = text.replace(COMMA, " , ")
        return text.translate(_ASCII_SEPARATORS).split()
    text = text.translate(_APOSTROPHES)
    if "·" in text:
        text = _LATIN_MIDDLE_DOT.sub("", text)
    if COMMA in text:
        text = _COMMAS.sub(" , ", text)
    return _SEPARATORS.sub(" ", text).split()


def token_kind(word: str) -> TokenKind:
    """NUMBER for digits, INITIAL for one letter, STOPWORD for particles, else WORD.

    Legal forms are recognised earlier, over word sequences (``legal_forms``).
    """
    if word.isdigit():
        return TokenKind.NUMBER
    if len(word) == 1:
        return TokenKind.INITIAL
    if word in STOPWORDS:
        return TokenKind.STOPWORD
    return TokenKind.WORD
