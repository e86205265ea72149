"""Arabic-script words (Arabic, Persian, Urdu, Pashto) in the Latin spellings lists use.

Arabic writing leaves short vowels out, so a letter-by-letter rendering of محمد is "mhmd". Common
name words therefore come from a small dictionary with their customary spellings (an Arabic
and, where it differs, a Persian one); other words get a consonantal rendering with long vowels,
which phonetic keys (metaphone ignores most vowels) can still meet. Output is lower-case ASCII.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

_LETTERS: Final = {
    "ا": "a",
    "أ": "a",
    "إ": "i",
    "آ": "a",
    "ٱ": "a",
    "ء": "",
    "ؤ": "",
    "ئ": "",
    "ب": "b",
    "ت": "t",
    "ة": "a",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ک": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ۀ": "h",
    "ى": "a",
    "پ": "p",
    "چ": "ch",
    "ژ": "zh",
    "گ": "g",
    "ڤ": "v",
    "ٹ": "t",
    "ڈ": "d",
    "ڑ": "r",
    # Pashto letters (Afghan names: ځدران "Zadran").
    "ځ": "z",
    "څ": "s",
    "ښ": "sh",
    "ږ": "zh",
    "ړ": "r",
    "ټ": "t",
    "ډ": "d",
    "ڼ": "n",
    "ں": "n",
    "ھ": "h",
    "ے": "e",
    # Written vowels (harakat), present in some vocalised list entries.
    "\u064e": "a",
    "\u0650": "i",
    "\u064f": "u",
}
# Persian, Dari, Urdu and Pashto say (and the lists spell) the Arabic interdentals and
# emphatics as s and z: ثروت "Sarwat", وثيق "Wasiq", ذاكر "Zakir", رضوان "Rezwan".
_PERSIAN_LETTERS: Final = {**_LETTERS, "ث": "s", "ذ": "z", "ض": "z", "ظ": "z"}
_WAW: Final = "و"
_LONG_VOWELS: Final = frozenset({"a", "i", "u", "e"})
_GLIDE: Final = "ay"  # a diminutive's ya (``_is_diminutive``)
_VOWEL_UNITS: Final = _LONG_VOWELS | {_GLIDE, "ya"}  # units that end in a vowel or a glide
_YA: Final = ("ي", "ی", "ې", "ۍ")
_ARTICLE: Final = "ال"
_ALLAH: Final = "الله"
_ABU: Final = "ابو"
_IAN: Final = "يان"  # the Persian family names' -ian
_ZADEH: Final = "زاده"
_AYN: Final = "ع"
_ALIF: Final = "ا"
_HEH: Final = "ه"
_TA_MARBUTA: Final = "ة"
_NOT_BEFORE_END: Final = frozenset((_ALIF, _WAW, *_YA))  # a final heh after these is a consonant
_NO_DIPHTHONG_END: Final = frozenset((_HEH, _TA_MARBUTA, *_NOT_BEFORE_END))  # (``_has_diphthong``)
_NO_FIRST_CONSONANT: Final = frozenset((_AYN, *_NOT_BEFORE_END))  # letters that open a word's vowel
_ABD_ARTICLE: Final = "عبدال"  # "abd al-", glued in most Afghan and Pakistani spellings
# Letters that do not join the next one: after them a missing space does not show, and names
# are often written without it ("بصیراول" Basir Awal, "ظاهرعويس" Dahir Aweys).
_NON_JOINING: Final = frozenset("اأإآدذرزژو")
_WORD_STARTS: Final = frozenset("اأإآع")  # a glued word starting so is cut off (alif or ayn)
_GLUED_PIECE: Final = 3  # each piece of such a cut has three letters or more
# Second parts that South Asian spellings join to the word before: Hamdullah, Shamsuddin.
_JOINED: Final = {
    ("allah",): "ullah",
    ("al", "din"): "uddin",
    ("al", "rahman"): "urrahman",
    ("zada",): "zada",  # Persian -zadeh, written apart or joined: "Kakazada", "Hassanzadeh"
    ("zadeh",): "zadeh",
}

# Name words in their customary Latin spelling: (Arabic usage, Persian usage) where they differ.
# Keys are written without the optional hamza forms; ``_normalise`` maps أإآ to ا and ی/ک to ي/ك.
_DICTIONARY: dict[str, tuple[str, ...]] = {
    "محمد": ("muhammad", "mohammad"),
    "احمد": ("ahmad", "ahmad"),
    "محمود": ("mahmud", "mahmoud"),
    "مصطفي": ("mustafa", "mostafa"),
    "علي": ("ali",),
    "حسن": ("hasan", "hassan"),
    "حسين": ("husayn", "hossein"),
    "سيف": ("sayf", "seyf"),
    "عمر": ("umar", "omar"),
    "عثمان": ("uthman", "osman"),
    "خالد": ("khalid", "khaled"),
    "عبد": ("abd",),
    "عبدال": ("abdul",),
    "الله": ("allah",),
    "اله": ("ilah",),  # عبد الإله "Abdul Ilah" (its final heh is no vowel ending)
    "چوهدري": ("chaudhry",),  # Urdu چوہدری, its h after the d in every Latin spelling
    "ولد": ("ould",),  # "son of" in Mauritanian names: Abderrahmane Ould el Amar
    "عبدالله": ("abdullah",),
    "يوسف": ("yusuf", "yousef"),
    "ابراهيم": ("ibrahim", "ebrahim"),
    "اسماعيل": ("ismail", "esmail"),
    "سعيد": ("said", "saeed"),
    "سعد": ("saad",),
    "صالح": ("salih", "saleh"),
    "سليمان": ("sulayman", "soleiman"),
    "يحيي": ("yahya",),
    "عيسي": ("isa", "eisa"),
    "موسي": ("musa", "mousa"),
    "جمال": ("jamal",),
    "كمال": ("kamal",),
    "ناصر": ("nasir", "naser"),
    "نصر": ("nasr",),
    "منصور": ("mansur", "mansour"),
    "فيصل": ("faysal", "feisal"),
    "فهد": ("fahd",),
    "سلطان": ("sultan", "soltan"),
    "عادل": ("adil", "adel"),
    "عزيز": ("aziz",),
    "رحمن": ("rahman",),
    "رحمان": ("rahman",),
    "رحيم": ("rahim",),
    "كريم": ("karim",),
    "قادر": ("qadir", "ghader"),
    "حميد": ("hamid",),
    "حامد": ("hamid",),
    "حمد": ("hamad",),
    "حمزه": ("hamza",),
    "طارق": ("tariq", "tarek"),
    "زياد": ("ziyad",),
    "زيد": ("zayd", "zeid"),
    "اسامه": ("usama", "osama"),
    "بكر": ("bakr",),
    "ابو": ("abu",),
    "بن": ("bin",),
    "ابن": ("ibn",),
    "بنت": ("bint",),
    "ام": ("umm",),
    "نور": ("nur", "nour"),
    "الدين": ("al din",),
    "دين": ("din",),
    "جعفر": ("jafar",),
    "صادق": ("sadiq", "sadegh"),
    "باقر": ("baqir", "bagher"),
    "مهدي": ("mahdi", "mehdi"),
    "هادي": ("hadi",),
    "رضا": ("rida", "reza"),
    "جواد": ("jawad", "javad"),
    "قاسم": ("qasim", "ghasem"),
    "عباس": ("abbas",),
    "حيدر": ("haydar", "heydar"),
    "مرتضي": ("murtada", "morteza"),
    "مجتبي": ("mujtaba", "mojtaba"),
    "اكبر": ("akbar",),
    "اصغر": ("asghar",),
    "امين": ("amin",),
    "محسن": ("muhsin", "mohsen"),
    "غلام": ("ghulam", "gholam"),  # Persian compounds: غلامرضا "Gholamreza", غلامحسین
    "عامر": ("amir", "amer"),
    "اكرم": ("akram",),
    "ايمن": ("ayman",),
    "جاسم": ("jasim", "jassem"),
    "حافظ": ("hafiz", "hafez"),
    "فتاح": ("fattah",),
    "زكريا": ("zakariya", "zakaria"),
    "تركي": ("turki",),
    "سهيل": ("suhayl", "soheil"),
    "مسلم": ("muslim", "moslem"),
    "معين": ("muin", "moein"),
    "سياوش": ("siyawush", "siavash"),
    "خسرو": ("khusraw", "khosrow"),
    "پناه": ("panah",),
    "ضيا": ("diya", "zia"),
    "ضياء": ("diya", "zia"),
    "جورج": ("george",),  # Arab Christians' George (جورج شاوي "George Chaoui")
    "فاطمه": ("fatima", "fatemeh"),
    "عايشه": ("aisha",),
    "زينب": ("zaynab", "zeinab"),
    "مريم": ("maryam",),
    "خديجه": ("khadija",),
    "ليلي": ("layla", "leila"),
    "زاده": ("zada", "zadeh"),
    "شركه": ("sharika", "sherkat"),
    "شركت": ("sherkat",),
    "بنك": ("bank",),
    "بانك": ("bank",),
    "مصرف": ("masraf",),
    "مؤسسه": ("muassasa", "moasseseh"),
    "موسسه": ("muassasa", "moasseseh"),
    "اسلامي": ("islami", "eslami"),
    "ايران": ("iran",),
    "سوريه": ("suriya", "syria"),
    "العراق": ("al iraq",),
    "لبنان": ("lubnan",),
    "حزب": ("hizb", "hezb"),
    "حماس": ("hamas",),
    "طالبان": ("taliban",),
    "القاعده": ("al qaida",),
    "مولوي": ("mawlawi", "mowlavi"),
    "ملا": ("mulla", "mullah"),
    "حاجي": ("haji",),
    "شيخ": ("shaykh", "sheikh"),
    "سيد": ("sayyid", "seyed"),
    "خان": ("khan",),
    "قصي": ("qusay", "qusai"),
    "عدي": ("uday", "odai"),
    "صدام": ("saddam",),
    "انتصار": ("intisar", "entesar"),
    "اول": ("awal", "aval"),
    "عمار": ("ammar",),
    "ياسر": ("yasir", "yaser"),
    "هشام": ("hisham", "hesham"),
    "ماجد": ("majid", "maged"),
    "سامي": ("sami",),
    "فراس": ("firas",),
    "حسام": ("husam", "hossam"),
    "عصام": ("isam", "essam"),
    "وائل": ("wail", "wael"),
    "مروان": ("marwan",),
    "عدنان": ("adnan",),
    "رياض": ("riyad", "riad"),
    "نزار": ("nizar",),
    "بسام": ("bassam",),
    "غسان": ("ghassan",),
    "خليل": ("khalil",),
    "اياد": ("iyad", "eyad"),
    "رائد": ("raid", "raed"),
    "فؤاد": ("fuad", "fouad"),
    "توفيق": ("tawfiq", "tofigh"),
    "حبيب": ("habib",),
    "منير": ("munir", "mounir"),
    "بشير": ("bashir",),
    "نادر": ("nadir", "nader"),
    "عبيد": ("ubayd", "obeid"),
    "وليد": ("walid",),
    "مالك": ("malik",),
    "رشيد": ("rashid",),
    "مجيد": ("majid",),
    "سالم": ("salim", "salem"),
    "سليم": ("salim",),
    "نبيل": ("nabil",),
    "جميل": ("jamil",),
    "عماد": ("imad", "emad"),
    "انور": ("anwar",),
    "بشار": ("bashar",),
    "اسد": ("asad",),
    "الاسد": ("al asad",),
    "مخلوف": ("makhluf", "makhlouf"),
    "رامي": ("rami",),
    "ماهر": ("mahir", "maher"),
    "قاسمي": ("qasimi", "ghasemi"),
    "نصرالله": ("nasrallah",),
    "خامنه": ("khamenei",),
    "خامنهاي": ("khamenei",),
    "روحاني": ("rouhani",),
    "سليماني": ("soleimani",),
    "ظريف": ("zarif",),
    "يونس": ("yunus", "younes"),
    "داود": ("dawud", "davoud"),
    "ادريس": ("idris",),
    "هاشم": ("hashim", "hashem"),
    "عبدالرحمن": ("abdulrahman",),
    "عبدالعزيز": ("abdulaziz",),
    "عبدالكريم": ("abdulkarim",),
    "عبدالقادر": ("abdulqadir",),
    "عبدالرحيم": ("abdulrahim",),
    "عبدالحميد": ("abdulhamid",),
    "عبدالمجيد": ("abdulmajid",),
    "عبدالباسط": ("abdulbasit",),
    "عبدالسلام": ("abdulsalam",),
    "عبدالناصر": ("abdulnasir",),
    "عبدالرزاق": ("abdulrazzaq",),
    "عبداللطيف": ("abdullatif",),
    "عبدالهادي": ("abdulhadi",),
    "عبدالغني": ("abdulghani",),
    "عبدالمالك": ("abdulmalik",),
    "عبدالوهاب": ("abdulwahhab",),
}


@lru_cache(maxsize=1)
def customary_spellings() -> frozenset[str]:
    """The words of the dictionary's spellings: their vowels are known, not guessed."""
    return frozenset(w for spellings in _DICTIONARY.values() for s in spellings for w in s.split())


def _normalise(word: str) -> str:
    """Hamza-carrying alifs as bare alif; Persian ya/kaf, Urdu hehs and alif maqsura as the
    Arabic letters."""
    return (
        word.replace("أ", "ا")
        .replace("إ", "ا")
        .replace("آ", "ا")
        .replace("ٱ", "ا")
        .replace("ی", "ي")
        .replace("ى", "ي")
        .replace("ک", "ك")
        .replace("ة", "ه")
        .replace("ھ", "ه")  # Urdu do-chashmi heh, also in Arabic text (الطاھر)
        .replace("ہ", "ه")  # Urdu heh goal (اللہ, اظہر "Azhar")
        .replace("ـ", "")
    )


def _letters(word: str, persian: bool = False) -> str:
    """Letter by letter: waw and ya are consonants at the start of a word or before an alif, long
    vowels elsewhere.

    A word opening on two consonants gets an "a" between them, the commonest short vowel there
    (شفيق → "shafiq", رحمن → "rahman", قدير → "qadir", حق → "haq"). A final ta marbuta, and a
    final heh after a consonant, is the vowel ending names are spelt with: "a" in Arabic usage
    (عكاشة "Akkacha", الحية "al-Hayya", حماده "Hamada"), "eh" in Persian (زهره "Zohreh", مقیسه
    "Moghisseh"); a heh after a long vowel is the consonant (شاه "Shah", وجيه "Wajih").
    Persian usage also says the consonant waw as v (ولایتی "Velayati").
    """
    letters = _PERSIAN_LETTERS if persian else _LETTERS
    units: list[str] = []
    diminutive = _is_diminutive(word)
    diphthong = not persian and _has_diphthong(word)
    for i, ch in enumerate(word):
        if diphthong and i == 1:
            units.extend(("a", "y"))  # ضيف "Dayf", ليث "Layth", قيس "Qays"
            continue
        if diminutive and i in (1, 2):
            # The diminutive's waw and ya: Arabic "uway" (حويش "Huwaysh", الدويك "al-Duwaik"),
            # Persian "avi" (نويد "Navid", جويد "Javid").
            if i == 1:
                units.extend(("a", "v") if persian else ("u", "w"))
            else:
                units.append("i" if persian else _GLIDE)
            continue
        # Before an alif, waw and ya are consonants too: نواز "Nawaz", خواجه "Khwaja"; so is
        # waw before a final ya (the -awi ending: جزراوي "Jizrawi") and ya before a final ta
        # marbuta (the -iya ending: الحية "al-Hayya", عطية "Atiya").
        after = word[i + 1 : i + 2]
        last = i == len(word) - 2
        consonant = (
            i == 0
            or after == _ALIF
            or (i == 1 and ch == _WAW and word[0] == _AYN)  # عوض "Awad", عوني "Awni"
            or (last and ch == _WAW and after in _YA)
            or (last and ch in _YA and after == _TA_MARBUTA)
        )
        # Persian usage reads the nisba -avi without its alif (موسوی "Mousavi") and a ya after
        # an alif before a consonant as "ya" (ولایتی "Velayati"); Arabic usage keeps "wi" (its
        # final alif maqsura is a vowel: الشكوى) and "i" (a hamza's seat: نايل "Nail").
        if ch == _WAW:
            if persian and last and after in _YA and units and units[-1] not in _LONG_VOWELS:
                units.append("a")
            units.append(("v" if persian else "w") if consonant else "u")
        elif ch in _YA and persian and i and word[i - 1] == _ALIF and after and not consonant:
            units.append("ya" if after not in _YA else "i")
        elif ch in _YA:
            units.append("y" if consonant else "i")
        elif ch == _AYN and i == 0:
            units.append("a")  # a word-initial ayn carries a vowel: عظيم "Azim", عتيق "Atiq"
        elif i == len(word) - 1 and (
            ch == _TA_MARBUTA or (ch == _HEH and i >= 2 and word[i - 1] not in _NOT_BEFORE_END)
        ):
            units.append("eh" if persian else "a")
        elif ch == "\u0651" and units:
            units.append(units[-1][-1:])  # shadda doubles the previous consonant
        else:
            unit = letters.get(ch, "")
            if unit:
                units.append(unit)
    if len(units) >= 2 and units[0] not in _LONG_VOWELS and units[1] not in _LONG_VOWELS:
        units.insert(1, "a")
    # A final -Ct takes an "a" too, as in the -at nouns names are made of (رحمت "Rahmat").
    if len(units) > 3 and units[-1] == "t" and units[-2] not in _VOWEL_UNITS:
        units.insert(len(units) - 1, "a")
    return "".join(units)


# Short vowels, tanwin, shadda and the dagger alif, written in some names (محمّد, محمَّد): the
# dictionary's words are written without them.
_MARKS: Final = dict.fromkeys([*range(0x064B, 0x0653), 0x0670])


def _has_diphthong(word: str) -> bool:
    """A three-letter word consonant, ya, consonant: in Arabic usage mostly the diphthong "ay"
    (ضيف "Dayf", ليث "Layth", غيث "Ghayth"); Persian usage reads a long "i" (مير "Mir", شير
    "Shir"), as the other rendering does."""
    return (
        len(word) == 3
        and word[1] in _YA
        and word[0] not in _NO_FIRST_CONSONANT
        and word[2] not in _NO_DIPHTHONG_END
    )


def _is_diminutive(word: str) -> bool:
    """A word of the diminutive pattern (a consonant, waw, ya, then more: فعيل as حويش,
    دويك, سويدان), whose waw is a consonant and ya a glide; not after an ayn or alif
    (عويس "Aweys" reads its waw so already)."""
    return (
        len(word) >= 4 and word[1] == _WAW and word[2] in _YA and word[0] not in _NO_FIRST_CONSONANT
    )


def _from_dictionary(word: str) -> tuple[str, ...] | None:
    key = _normalise(word).translate(_MARKS)
    found = _known(key)
    if found is not None:
        return found
    if key.startswith(_ARTICLE):
        found = _known(key[2:])
        if found is not None:
            return tuple(f"al {v}" for v in found)
    return None


def _known(key: str) -> tuple[str, ...] | None:
    """A dictionary word, or one with the nisba ending -i (عمري "Omari", عبيدي "Ubaydi") or
    the Persian family names' -ian (احمدیان "Ahmadian", حسینیان "Hosseinian")."""
    if key in _DICTIONARY:
        return _DICTIONARY[key]
    if key.endswith("ي") and key[:-1] in _DICTIONARY:
        return tuple(v + "i" for v in _DICTIONARY[key[:-1]])
    if key.endswith(_IAN) and key[: -len(_IAN)] in _DICTIONARY:
        found = _DICTIONARY[key[: -len(_IAN)]]
        return (found[0] + "iyan", found[-1] + "ian")
    return None


@lru_cache(maxsize=65536)
def romanise_arabic(word: str) -> tuple[str, ...]:
    """Latin renderings of one Arabic-script word: (Arabic usage, Persian usage), and a third for
    a word that may be two written without a space (``_unseen_space``); may hold spaces.

    The article is split off ("الرحمن" → "al rahman"), and so are a glued "Allah" and two glued
    dictionary names ("محمدجواد" → "muhammad jawad"). Unknown words get a consonantal
    rendering with the Arabic values of ث ذ ض ظ (th, dh, d, z), then one with the Persian
    values (s, z, z, z); the two are the same for most words.
    """
    known = _from_dictionary(word)
    if known is not None:
        return known if len(known) == 2 else (known[0], known[0])
    key = _normalise(word)
    spelled = key[:-1] + _TA_MARBUTA if word.endswith(_TA_MARBUTA) else key  # (an ending)
    glued = _glued(key)
    if glued is not None:
        head, tail = romanise_arabic(glued[0]), romanise_arabic(glued[1])
        return (f"{head[0]} {tail[0]}", f"{head[1]} {tail[1]}")
    if key.startswith(_ABD_ARTICLE) and len(key) > len(_ABD_ARTICLE) + 1:
        rest = romanise_arabic(spelled[len(_ABD_ARTICLE) :])
        return (f"abdul {rest[0]}", f"abdul {rest[1]}")
    if key.startswith(_ARTICLE) and len(key) > 3:
        arabic, persian = _letters(spelled[2:]), _letters(spelled[2:], persian=True)
        return ("al " + arabic, "al " + persian)
    whole = (_letters(spelled), _letters(spelled, persian=True))
    cut = _unseen_space(key)
    if cut is None:
        return whole
    # (Third, after the word read whole: "زرداری" is Zardari, not "Zard Ari"; the rest may be
    # cut again: "صقرأسعدالرستم" Saqr Asaad al-Rustam.)
    head, tail = romanise_arabic(cut[0]), romanise_arabic(cut[1])
    return (*whole, f"{head[0]} {tail[-1] if len(tail) > 2 else tail[0]}")


def _glued(key: str) -> tuple[str, str] | None:
    """Two name words written as one: "Allah" glued on ("خيرالله", "اللهکرم") or two dictionary
    names ("محمدجواد" Mohammad Javad)."""
    key = key.translate(_MARKS)  # (vowel marks: محمّدجواد is محمد and جواد)
    if len(key) <= len(_ALLAH) + 1:
        return None
    if key.endswith(_ALLAH):
        return key[: -len(_ALLAH)], _ALLAH
    if key.endswith(_ZADEH) and len(key) > len(_ZADEH) + 1:
        return key[: -len(_ZADEH)], _ZADEH
    if key.startswith(_ALLAH):
        return _ALLAH, key[len(_ALLAH) :]
    if key.startswith(_ABU) and len(key) >= len(_ABU) + 3:
        return _ABU, key[len(_ABU) :]  # a kunya written as one word: ابوغيث "Abu Ghaith"
    for cut in range(2, len(key) - 1):
        if key[:cut] in _DICTIONARY and key[cut:] in _DICTIONARY:
            return key[:cut], key[cut:]
    return None


def _unseen_space(key: str) -> tuple[str, str] | None:
    """Two words whose space does not show: a non-joining letter, then a word starting with an
    alif or ayn ("بصیراول" Basir Awal, "ظاهرعويس" Dahir Aweys, "حیدرعلی" Haidar Ali), each of
    three letters or more; the first such cut. "Abd al-" glued ("عبدالی" Abdali) is one name.
    (A word opening on the article is read as the article and the rest before this is asked.)"""
    if key.startswith(_ABD_ARTICLE):
        return None
    for cut in range(_GLUED_PIECE, len(key) - _GLUED_PIECE + 1):
        if key[cut - 1] in _NON_JOINING and key[cut] in _WORD_STARTS:
            return key[:cut], key[cut:]
    return None


@lru_cache(maxsize=65536)
def is_compound_name(word: str) -> bool:
    """Whether a word is two dictionary names written as one ("عليرضا" Alireza, "محمدجواد"
    Mohammadjavad): one given name, whose second half is no middle name."""
    key = _normalise(word)
    if _from_dictionary(word) is not None or key.startswith(_ABD_ARTICLE):
        return False
    glued = _glued(key)
    return (
        glued is not None
        and _ALLAH not in glued
        and _ZADEH not in glued
        and all(half in _DICTIONARY for half in glued)
    )


def join_compounds(words: tuple[str, ...]) -> tuple[str, ...]:
    """Romanised words with "X allah", "X al din", "X al rahman" joined: "hamdullah", "shamsuddin".

    "abd allah" is left alone (it is "abdullah" through the dictionary and skeleton keys).
    """
    out: list[str] = []
    i = 0
    while i < len(words):
        for tail, suffix in _JOINED.items():
            end = i + 1 + len(tail)
            if words[i + 1 : end] == tail and words[i] not in ("abd", "abdul", "al"):
                out.append(words[i] + suffix)
                i = end
                break
        else:
            out.append(words[i])
            i += 1
    return tuple(out)
