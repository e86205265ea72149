"""Name variations for the accuracy deck: how real screening queries differ from listed names.

Each generator takes a listed name (and a seeded ``random.Random``) and returns a variant or
None when the variation does not apply. They are written from the conventions themselves
(romanisation standards, legal-form equivalences, keyboard layout), independently of the
matcher under test, so the deck does not grade the matcher against its own tables.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import icu  # type: ignore[import-untyped]

# --- folding (deck bookkeeping only: deciding whether a variant differs from the listed name)

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_APOSTROPHES = re.compile(r"['ʹʺ`’‘ʼ]")


@lru_cache(maxsize=1)
def _to_ascii() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")


@lru_cache(maxsize=500_000)
def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces, any script romanised by ICU."""
    latin = text if text.isascii() else _to_ascii().transliterate(text)
    return _NON_ALNUM.sub(" ", _APOSTROPHES.sub("", latin.lower())).strip()


_WEAK_LETTERS = re.compile(r"[aeiouyhwj]")
_DOUBLED = re.compile(r"(.)\1+")


def _loose_token(token: str) -> str:
    """A spelling-insensitive key: first letter and consonant skeleton (Dmitriy = Dmitry)."""
    token = token.replace("kh", "h").replace("ph", "f").replace("ck", "k")
    return token[:1] + _DOUBLED.sub(r"\1", _WEAK_LETTERS.sub("", token[1:]))


@lru_cache(maxsize=500_000)
def loose_tokens(text: str) -> tuple[str, ...]:
    """Sorted loose keys of the words of ``text``: order, case, script and vowels ignored."""
    return tuple(sorted(_loose_token(t) for t in fold(text).split()))


# A Russian word's first Е, Я or Ю as the romanisations write it: BGN/PCGN "Ye", "Ya", "Yu",
# ICAO and most passports "E", "Ia", "Iu" ("Yelena YEVTYUKHOVA", "Elena EVTYUKHOVA").
_INITIAL_IOTATED: Final = (("ye", "e"), ("ya", "ia"), ("yu", "iu"))


def loose_spellings(text: str) -> set[str]:
    """The loose keys of the words of ``text`` (``loose_tokens``), and of each word with a
    Russian initial vowel written the other way."""
    keys = set()
    for word in fold(text).split():
        keys.add(_loose_token(word))
        for one, other in _INITIAL_IOTATED:
            for a, b in ((one, other), (other, one)):
                if word.startswith(a) and len(word) > len(a) + 1:
                    keys.add(_loose_token(b + word[len(a) :]))
    return keys


@lru_cache(maxsize=500_000)
def script_of(text: str) -> str:
    """The dominant Unicode script of the letters in ``text`` ("LATIN", "CYRILLIC"...)."""
    if text.isascii():
        return "LATIN" if any(c.isalpha() for c in text) else "NONE"
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "UNKNOWN").split()[0]
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else "NONE"


# --- person name structure


@dataclass(frozen=True)
class PersonName:
    """A person's name in reading order, with the family name's words marked."""

    given: tuple[str, ...]
    family: tuple[str, ...]

    @property
    def words(self) -> tuple[str, ...]:
        return self.given + self.family

    def text(self) -> str:
        return " ".join(self.words)


def person_name(value: str, parts: dict[str, str] | None = None) -> PersonName | None:
    """Split a listed person name into given and family words.

    OFAC writes "FAMILY, Given Middle"; EU/UK/CA write "Given Middle FAMILY" with the family
    name in capitals; otherwise the published ``family`` part or the last word is the family
    name.
    """
    if value.count(",") == 1:
        family_text, given_text = (s.split() for s in value.split(","))
        if family_text and given_text:
            return PersonName(tuple(given_text), tuple(family_text))
    words = value.replace(",", " ").split()
    if len(words) < 2:
        return None
    family = (parts or {}).get("family")
    if family and value.endswith(family) and family != value:
        count = len(family.split())
        return PersonName(tuple(words[:-count]), tuple(words[-count:]))
    upper = [w.isupper() and len(w) > 1 for w in words]
    if not all(upper) and upper[0] and not upper[-1]:
        # UK style "SALARKIA Mahmoud": the family name in capitals comes first.
        cut = 1
        while cut < len(words) - 1 and upper[cut]:
            cut += 1
        return PersonName(tuple(words[cut:]), tuple(words[:cut]))
    if not all(upper) and upper[-1]:
        cut = len(words)
        while cut > 1 and upper[cut - 1]:
            cut -= 1
        return PersonName(tuple(words[:cut]), tuple(words[cut:]))
    return PersonName(tuple(words[:-1]), (words[-1],))


def natural_name(value: str, schema: str) -> str:
    """The name in reading order ("SHUGAEV, Dmitry" → "Dmitry SHUGAEV") for persons."""
    if schema == "Person":
        parsed = person_name(value)
        if parsed is not None:
            return parsed.text()
    return value


# --- typos

_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _neighbours(char: str) -> str:
    lower = char.lower()
    for r, row in enumerate(_KEYBOARD):
        c = row.find(lower)
        if c < 0:
            continue
        near = [row[i] for i in (c - 1, c + 1) if 0 <= i < len(row)]
        near += [
            _KEYBOARD[rr][c] for rr in (r - 1, r + 1) if 0 <= rr < 3 and c < len(_KEYBOARD[rr])
        ]
        return "".join(near)
    return "aeiou"


def _one_typo(word: str, rng: random.Random) -> str:
    """One keyboard slip inside ``word``: substitution, deletion, insertion or transposition."""
    pos = rng.randrange(1, len(word) - 1)  # the first and last letters are rarely mistyped
    char = word[pos]
    kind = rng.choice(("substitute", "delete", "insert", "transpose"))
    if kind == "substitute":
        new = rng.choice(_neighbours(char))
        return word[:pos] + (new.upper() if char.isupper() else new) + word[pos + 1 :]
    if kind == "delete":
        return word[:pos] + word[pos + 1 :]
    if kind == "insert":
        return word[:pos] + char + word[pos:]
    return word[:pos] + word[pos + 1] + word[pos] + word[pos + 2 :]


def typo(name: str, rng: random.Random) -> str | None:
    """One or two keyboard typos in the name's longer words (two only in long names)."""
    words = name.split()
    slots = [i for i, w in enumerate(words) if w.isalpha() and len(w) >= 4]
    letters = sum(len(w) for w in words)
    if not slots or letters < 7:
        return None  # "FATA" -> "FTA" leaves too little to go on
    edits = 2 if letters >= 12 and rng.random() < 0.5 else 1
    for _ in range(edits):
        i = rng.choice(slots)
        words[i] = _one_typo(words[i], rng)
    return " ".join(words)


# --- Cyrillic romanisations (each system's table; upper case handled by the caller)

_COMMON = dict(zip("абвгдзклмнопрстуф", "abvgdzklmnoprstuf", strict=True))
_ROMANISATIONS: dict[str, dict[str, str]] = {
    # ICAO Doc 9303 (2013), the machine-readable passport standard
    "icao": {
        **_COMMON,
        "е": "e", "ё": "e", "ж": "zh", "и": "i", "й": "i", "х": "kh", "ц": "ts", "ч": "ch",
        "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
        "і": "i", "ї": "i", "є": "ie", "ґ": "g", "ў": "u",
    },
    # GOST 7.79-2000 system B (apostrophes and backticks kept as printed)
    "gost": {
        **_COMMON,
        "е": "e", "ё": "yo", "ж": "zh", "и": "i", "й": "j", "х": "x", "ц": "cz", "ч": "ch",
        "ш": "sh", "щ": "shh", "ъ": "``", "ы": "y'", "ь": "`", "э": "e`", "ю": "yu", "я": "ya",
        "і": "i'", "ї": "yi", "є": "ye", "ґ": "g`", "ў": "u`",
    },
    # French usage (Chougaev, Tchaikovski)
    "french": {
        **_COMMON,
        "у": "ou", "е": "e", "ё": "io", "ж": "j", "и": "i", "й": "i", "х": "kh", "ц": "ts",
        "ч": "tch", "ш": "ch", "щ": "chtch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iou",
        "я": "ia", "і": "i", "ї": "ii", "є": "ie", "ґ": "g", "ў": "ou",
    },
    # German usage (Schugajew, Tschaikowski)
    "german": {
        **_COMMON,
        "в": "w", "е": "e", "ё": "jo", "ж": "sh", "з": "s", "и": "i", "й": "j", "с": "s",
        "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y", "ь": "",
        "э": "e", "ю": "ju", "я": "ja", "і": "i", "ї": "ji", "є": "je", "ґ": "g", "ў": "w",
    },
    # Scholarly (ISO 9 style, with diacritics)
    "scholarly": {
        **_COMMON,
        "е": "e", "ё": "ë", "ж": "ž", "и": "i", "й": "j", "х": "ch", "ц": "c", "ч": "č",
        "ш": "š", "щ": "šč", "ъ": "ʺ", "ы": "y", "ь": "ʹ", "э": "è", "ю": "ju", "я": "ja",
        "і": "i", "ї": "ï", "є": "je", "ґ": "g", "ў": "ŭ",
    },
}  # fmt: skip
_CYRILLIC_VOWELS = frozenset("аеёиоуыэюяіїє")


@lru_cache(maxsize=1)
def _bgn() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Russian-Latin/BGN; Latin-ASCII")


def _romanise_word(word: str, table: dict[str, str]) -> str:
    out: list[str] = []
    lower = word.lower()
    for i, char in enumerate(lower):
        latin = table.get(char, char)
        if (
            char == "е"
            and table is _ROMANISATIONS["german"]
            and (i == 0 or lower[i - 1] in _CYRILLIC_VOWELS)
        ):
            latin = "je"
        out.append(latin)
    text = "".join(out)
    first = next((i for i, c in enumerate(word) if c.isalpha()), None)
    if first is None or not word[first].isupper():
        return text
    start = next(i for i, c in enumerate(text) if c.isalpha())
    return text[:start] + text[start].upper() + text[start + 1 :]


ROMANISATION_SYSTEMS = ("bgn", *_ROMANISATIONS)
# Registries and passports romanise company names by BGN, ICAO or GOST; French, German and
# scholarly spellings are met for people.
ORGANISATION_SYSTEMS = ("bgn", "icao", "gost")


def romanise_cyrillic(name: str, system: str) -> str:
    """``name`` romanised by one system; words in capitals stay in capitals."""
    if system == "bgn":
        words = [_bgn().transliterate(w) for w in name.split()]
    else:
        words = [_romanise_word(w, _ROMANISATIONS[system]) for w in name.split()]
    originals = name.split()
    return " ".join(
        w.upper() if o.isupper() and len(o) > 1 else w
        for w, o in zip(words, originals, strict=True)
    )


# --- Arabic-origin spelling variants (each set: spellings seen for one name)

ARABIC_SPELLINGS: tuple[tuple[str, ...], ...] = (
    ("muhammad", "mohammed", "mohammad", "mohamed", "muhammed", "mohamad", "mouhamed"),
    ("ahmad", "ahmed"),
    ("mahmoud", "mahmud", "mahmood"),
    ("hussein", "husayn", "hussain", "husain", "hossein", "husein"),
    ("hassan", "hasan", "hasson"),
    ("abdul", "abdel", "abdal"),
    ("abdullah", "abdallah", "abdulla", "abdollah"),
    ("abdulrahman", "abdelrahman", "abdurrahman", "abderrahmane"),
    ("abdulaziz", "abdelaziz", "abdulazeez"),
    ("abu", "abou"),
    ("yousef", "yusuf", "youssef", "yousuf", "yosef", "yusef"),
    ("omar", "umar"),
    ("osama", "usama", "ousama"),
    ("othman", "uthman", "osman"),
    ("khalid", "khaled"),
    ("saleh", "salih"),
    ("qasim", "kassem", "qassem", "kasim", "qasem"),
    ("jafar", "jaafar", "jaffar", "jaffer"),
    ("said", "saeed", "saied"),
    ("karim", "kareem"),
    ("rashid", "rasheed", "rachid"),
    ("hamid", "hameed"),
    ("majid", "majeed", "madjid"),
    ("nasser", "nasir", "nassir", "naser"),
    ("ibrahim", "ebrahim", "ibraheem"),
    ("ismail", "ismael", "esmail", "ismaeel"),
    ("mustafa", "mostafa", "moustafa", "mustapha"),
    ("suleiman", "sulaiman", "sulayman", "soliman", "suleyman"),
    ("faisal", "faysal", "feisal"),
    ("hamza", "hamzah"),
    ("zaid", "zayd", "zeid"),
    ("sheikh", "shaykh", "shaikh"),
    ("tariq", "tarek", "tareq"),
    ("walid", "waleed"),
    ("yasin", "yassin", "yaseen"),
    ("jamal", "gamal"),
    ("abdulqadir", "abdelkader", "abdulkadir", "abdul-qadir"),
    ("ali", "aly"),
    ("hadi", "hady"),
    ("mansour", "mansur"),
    ("nouri", "nuri"),
    ("qadir", "kadir", "qader"),
    ("rahman", "rehman"),
    ("salem", "salim"),
    ("sultan", "soltan"),
    ("yahya", "yehia", "yahia"),
    ("zubair", "zubayr", "zoubair"),
)
_ARTICLES = ("al-", "el-", "al ", "ul-")
_SPELLING_INDEX = {s: group for group in ARABIC_SPELLINGS for s in group}


def _match_case(template: str, word: str) -> str:
    if template.isupper():
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def arabic_spelling(name: str, rng: random.Random) -> str | None:
    """Another common Latin spelling of an Arabic-origin name (Muhammad → Mohammed, al- → el-)."""
    words = name.split()
    options: list[tuple[int, str]] = []
    for i, word in enumerate(words):
        core = word.lower()
        prefix = ""
        for article in ("al-", "el-", "ul-"):
            if core.startswith(article) and len(core) > len(article):
                prefix, core = word[: len(article)], core[len(article) :]
                options += [(i, _match_case(word, a + core)) for a in ("al-", "el-", "al ")]
        for alt in _SPELLING_INDEX.get(core, ()):
            if alt != core:
                options.append((i, prefix + _match_case(word[len(prefix) :], alt)))
    options = [(i, v) for i, v in options if v.lower() != words[i].lower()]
    if not options:
        return None
    most = 2 if len(words) >= 3 else 1  # "Salim Saleh" -> "Salem Salih" is two names changed
    changes = rng.sample(options, k=min(len(options), most, rng.choice((1, 1, 2))))
    for i, value in sorted(changes):
        words[i] = value
    return " ".join(words)


def has_arabic_spelling(name: str) -> bool:
    """Whether ``name`` has a word that :func:`arabic_spelling` knows other spellings of."""
    return any(w in _SPELLING_INDEX or w in {"al", "el"} for w in fold(name).split())


# --- legal forms (each group: equivalent ways to write one legal form)

LEGAL_FORMS: tuple[tuple[str, ...], ...] = (
    ("LLC", "L.L.C.", "OOO", "Limited Liability Company",
     "Obshchestvo s Ogranichennoy Otvetstvennostyu"),
    ("JSC", "AO", "Joint Stock Company", "Joint-Stock Company", "Aktsionernoe Obshchestvo"),
    ("PJSC", "PAO", "Public Joint Stock Company", "Public Joint-Stock Company",
     "Publichnoe Aktsionernoe Obshchestvo"),
    ("OJSC", "OAO", "Open Joint Stock Company", "Open Joint-Stock Company",
     "Otkrytoe Aktsionernoe Obshchestvo"),
    ("CJSC", "ZAO", "Closed Joint Stock Company", "Closed Joint-Stock Company",
     "Zakrytoe Aktsionernoe Obshchestvo"),
    ("Co., Ltd.", "Co. Ltd", "Company Limited", "Co Ltd"),
    ("Ltd", "Ltd.", "Limited"),
    ("Inc", "Inc.", "Incorporated"),
    ("Corp", "Corp.", "Corporation"),
    ("GmbH", "Gesellschaft mit beschränkter Haftung"),
    ("LLP", "Limited Liability Partnership"),
    ("PLC", "Public Limited Company"),
    ("SA", "S.A.", "Sociedad Anónima"),
    ("S.A. de C.V.", "SA de CV", "Sociedad Anónima de Capital Variable"),
    ("SARL", "S.A.R.L.", "Société à responsabilité limitée"),
    ("Sdn Bhd", "Sdn. Bhd.", "Sendirian Berhad"),
    ("Pvt Ltd", "Private Limited"),
    ("FZE", "Free Zone Establishment"),
    ("FZCO", "Free Zone Company"),
)  # fmt: skip


# Forms written before the name in Russian usage and after it in English ("OOO X", "X LLC").
_MOVABLE_FORMS = frozenset({"LLC", "JSC", "PJSC", "OJSC", "CJSC"})


def _form_pattern(form: str) -> str:
    """Letters of the form's words with any spacing, dots, commas or hyphens between them."""
    return r"[\s.,\-]*".join(re.escape(w) for w in fold(form).split()) + r"\.?"


@lru_cache(maxsize=1)
def _legal_form_regex() -> re.Pattern[str]:
    forms = sorted({f for group in LEGAL_FORMS for f in group}, key=len, reverse=True)
    body = "|".join(_form_pattern(f) for f in forms)
    return re.compile(rf"(?<![\w.])({body})(?!\w)", re.IGNORECASE)


def _legal_group(found: str) -> tuple[str, ...] | None:
    key = fold(found)
    for group in LEGAL_FORMS:
        if any(fold(f) == key for f in group):
            return group
    return None


def find_legal_form(name: str) -> re.Match[str] | None:
    """The first legal form written in ``name``, if any."""
    return _legal_form_regex().search(name)


def legal_form_variant(name: str, rng: random.Random) -> str | None:
    """The legal form written another way (OOO → LLC), sometimes moved to the other end."""
    found = find_legal_form(name)
    if found is None:
        return None
    group = _legal_group(found.group(0))
    if group is None:
        return None
    alternatives = [f for f in group if fold(f) != fold(found.group(0))]
    if not alternatives:
        return None
    new = rng.choice(alternatives)
    before, after = name[: found.start()].strip(" ,"), name[found.end() :].strip(" ,")
    movable = group[0] in _MOVABLE_FORMS
    if movable and rng.random() < 0.4 and (not before or not after):
        # Russian style puts the form first, English style last: move it across.
        body = before or after
        return f"{body} {new}" if not before else f"{new} {body}"
    return " ".join(p for p in (before, new, after) if p)


# --- spacing, case and punctuation


def concatenate(name: str, rng: random.Random) -> str | None:
    """Two neighbouring words written as one ("JSC ARGUMENT" → "JSCARGUMENT")."""
    words = name.split()
    if len(words) < 2:
        return None
    found = find_legal_form(name)
    form = found.group(0).split() if found else []
    if found is not None and len(form) == 1 and found.start() == 0:
        i = 0  # "JSC ARGUMENT" -> "JSCARGUMENT"
    elif found is not None and len(form) == 1 and found.end() == len(name.rstrip()):
        i = len(words) - 2  # "ARGUMENT LLC" -> "ARGUMENTLLC"
    else:
        inside = _form_words(name, found)
        pairs = [
            j
            for j in range(len(words) - 1)
            if not {j, j + 1} & inside and words[j][-1:].isalpha() and words[j + 1][:1].isalpha()
        ]
        if not pairs:
            return None
        particles = [j for j in pairs if words[j].lower() in _PARTICLES and not found]
        i = particles[0] if particles else rng.choice(pairs)  # "BIN MARWAN" -> "BINMARWAN"
    return " ".join([*words[:i], words[i] + words[i + 1], *words[i + 2 :]])


def _form_words(name: str, found: re.Match[str] | None) -> set[int]:
    """Indexes of the words of ``name`` that belong to the legal form ``found``."""
    if found is None:
        return set()
    start = len(name[: found.start()].split())
    return set(range(start, start + len(found.group(0).split())))


_PUNCT = re.compile(r"[.,'\"`«»“”()\-]+")


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def case_punctuation(name: str, schema: str, rng: random.Random) -> str | None:
    """The same words with other letter case, punctuation or accents."""
    choices = ["lower", "upper", "title", "strip_punct", "accents", "dots", "comma"]
    rng.shuffle(choices)
    for choice in choices:
        variant = _case_punct(name, schema, choice)
        if variant is not None and variant != name and fold(variant) != "":
            return variant
    return None


def _case_punct(name: str, schema: str, choice: str) -> str | None:
    if choice == "lower":
        return name.lower()
    if choice == "upper":
        return name.upper()
    if choice == "title":
        return name.title()
    if choice == "strip_punct":
        return " ".join(_PUNCT.sub(" ", name).split()) if _PUNCT.search(name) else None
    if choice == "accents":
        return _strip_accents(name) if not name.isascii() else None
    if choice == "dots":
        found = find_legal_form(name)
        if found is None or len(found.group(0)) > 4 or "." in found.group(0):
            return None
        dotted = ".".join(found.group(0)) + "."
        return name[: found.start()] + dotted + name[found.end() :]
    if choice == "comma" and schema == "Person":
        parsed = person_name(name)
        if parsed is None:
            return None
        return f"{' '.join(parsed.family).upper()}, {' '.join(parsed.given)}"
    return None


# --- person-name structure variations

_PATRONYMIC = re.compile(r"(ovich|evich|ich|ovna|evna|ichna|yevich|ogly|kyzy|oglu)$", re.I)
_PARTICLES = frozenset(
    {"bin", "ibn", "bint", "al", "el", "abu", "abd", "abdul", "de", "del", "van", "von", "ben"}
)


def _compound_part(word: str) -> bool:
    lower = word.lower().strip("'‘’`")
    return lower in _PARTICLES or lower.startswith(("al-", "el-", "ul-", "ad-", "ud-", "ar-"))


def word_order(name: PersonName, rng: random.Random) -> str | None:
    """Family name first ("Dmitry Evgenevich SHUGAEV" → "SHUGAEV Dmitry Evgenevich"), or
    every word reversed (``rng`` picks; the caller retries when one is already listed)."""
    if len(name.words) < 2:
        return None
    if rng.random() < 0.8:
        return " ".join(name.family + name.given)
    return " ".join(reversed(name.words))


def drop_middle(name: PersonName, rng: random.Random) -> str | None:
    """The name without its patronymic or one middle name (never part of "Abd al-Baset")."""
    if any(len(w) < 3 for w in name.words):
        return None  # "U Yan Kyaw", "Yu Chol U": honorifics and syllables, not middle names
    given = list(name.given)
    inner = [
        i
        for i in range(1, len(given))
        if not _compound_part(given[i]) and not _compound_part(given[i - 1])
    ]
    patronymic = [i for i in inner if _PATRONYMIC.search(given[i])]
    candidates = patronymic or inner
    if not candidates:
        return None
    drop = rng.choice(candidates)
    kept = [w for i, w in enumerate(given) if i != drop]
    return " ".join(kept + list(name.family))


def initials(name: PersonName, rng: random.Random) -> str | None:
    """Middle names as initials ("Dmitry E. SHUGAEV"), else the first given name as one."""
    words = list(name.words)
    if len(words) < 2 or any(len(w.strip(".")) < 3 for w in words):
        return None
    if any(_compound_part(w) for w in name.given):
        return None  # "'Abd al-Karim": one name in several words, not given plus middle
    if len(name.given) < 2 and len("".join(name.family)) < 5:
        return None  # "C. Pak" names nobody
    dot = "." if rng.random() < 0.6 else ""
    if len(name.given) >= 2:
        given = [name.given[0], *(w[0].upper() + dot for w in name.given[1:])]
    else:
        given = [w[0].upper() + dot for w in name.given]
    return " ".join(given + list(name.family))


# --- vessels

SHIP_WORDS = (
    "OCEAN", "STAR", "PRIDE", "GLORY", "SEA", "LUCKY", "GOLDEN", "EAGLE", "PEARL", "HORIZON",
    "SPIRIT", "WAVE", "BLUE", "NORTH", "SOUTH", "WIND", "QUEEN", "KING", "ROYAL", "VICTORY",
    "FORTUNE", "MARINER", "TRADER", "VOYAGER", "PHOENIX", "ATLAS", "NEPTUNE", "AURORA", "LEGEND",
    "DIAMOND", "CORAL", "HARMONY", "SUMMIT", "LIBERTY", "DESTINY", "ZEUS", "ORION", "CAPE",
)  # fmt: skip


def ship_name(rng: random.Random) -> str:
    """A plausible new vessel name (renamed ships take names like "OCEAN PRIDE 7")."""
    words = rng.sample(SHIP_WORDS, 2)
    suffix = f" {rng.randint(1, 99)}" if rng.random() < 0.3 else ""
    return " ".join(words) + suffix


# Words common to company names of every country: sharing one makes no match.
GENERIC_COMPANY_WORDS = frozenset(
    (
        "trading", "company", "group", "international", "industries", "industrial", "industry",
        "bank", "investment", "investments", "holding", "holdings", "shipping", "oil", "gas",
        "energy", "technology", "technologies", "services", "service", "import", "export",
        "general", "development", "construction", "engineering", "logistics", "electronics",
        "petroleum", "marine", "capital", "finance", "financial", "commercial", "manufacturing",
        "enterprise", "enterprises", "global", "systems", "solutions", "research", "institute",
        "center", "centre", "national", "united", "trade", "consulting", "partners", "resources",
        "products", "equipment", "machinery", "metal", "metals", "chemical", "chemicals",
        "petrochemical", "electric", "power", "transport", "plant", "factory", "scientific",
        "production", "association", "foundation", "management", "insurance", "airlines",
        "aviation", "defense", "defence", "security", "communications", "telecom", "media",
        "network", "software", "precision", "instruments", "supply", "materials", "science",
        "sciences", "design", "navigation", "maritime", "pharma", "pharmaceutical", "medical",
        "agency",
    )
)  # fmt: skip


def pick(rng: random.Random, items: Sequence[str]) -> str:
    return items[rng.randrange(len(items))]
