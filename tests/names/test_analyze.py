"""Behaviour of analyze_name a screening user would notice."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanctionguard.names.analyze import _place_stem, analyze_name
from sanctionguard.names.types import AnalyzedName, NamePart, TokenKind


def _texts(name: AnalyzedName) -> set[tuple[str, ...]]:
    return {tuple(t.text for t in form) for form in name.forms}


def _skeletons(name: AnalyzedName) -> set[str]:
    return {t.skeleton for form in name.forms for t in form}


def test_cyrillic_and_latin_spellings_of_shugaev_share_a_skeleton() -> None:
    keys = [_skeletons(analyze_name(n)) for n in ("Шугаев", "Shugaev", "Shugayev", "Choughaev")]
    assert set.intersection(*keys) == {"shugaev"}


def test_kim_jong_un_in_hangul_has_the_latin_form() -> None:
    assert ("kim", "jong", "un") in _texts(analyze_name("김정은"))
    assert _texts(analyze_name("Kim Jong Un")) == {("kim", "jong", "un")}


def test_wang_jianlin_in_han_has_the_latin_form_in_both_orders() -> None:
    forms = _texts(analyze_name("王健林"))
    assert ("wang", "jianlin") in forms
    assert ("wang", "jian", "lin") in forms
    assert ("jianlin", "wang") in forms


def test_han_name_tags_family_and_given() -> None:
    first = analyze_name("王健林").forms[0]
    assert [t.part for t in first] == [NamePart.FAMILY, NamePart.GIVEN]


def test_mohammed_and_muhammad_share_a_skeleton() -> None:
    assert (
        analyze_name("Mohammed").tokens[0].skeleton == analyze_name("Muhammad").tokens[0].skeleton
    )


def test_ooo_and_llc_are_one_canonical_legal_form() -> None:
    assert analyze_name("OOO Romashka").legal_forms == {"llc"}
    assert analyze_name("Romashka LLC").legal_forms == {"llc"}
    assert analyze_name("ООО «Ромашка»").legal_forms == {"llc"}
    long_form = analyze_name("Общество с ограниченной ответственностью «Ромашка»")
    assert all(t.text != "s" for form in long_form.forms for t in form)
    assert long_form.legal_forms == {"llc"}


def test_glued_legal_form_is_split_off() -> None:
    name = analyze_name("JSCARGUMENT")
    assert [t.text for t in name.tokens] == ["jsc", "argument"]
    assert name.tokens[0].kind is TokenKind.LEGAL_FORM


def test_homoglyph_cyrillic_o_reads_as_latin() -> None:
    assert analyze_name("SIS DОO").forms == analyze_name("SIS DOO").forms


def test_numbers_are_kept_as_number_tokens() -> None:
    name = analyze_name("11420 CORP")
    assert name.numbers == {"11420"}
    assert name.legal_forms == {"corp"}


def test_empty_and_punctuation_only_names_have_no_forms() -> None:
    for text in ("", "   ", "...", "-- / --"):
        name = analyze_name(text)
        assert name.forms == ()
        assert name.tokens == ()


def test_very_long_name_is_analysed_without_crash() -> None:
    name = analyze_name("Ivanov " * 1500)
    assert name.forms


def test_comma_order_tags_family_given_and_patronymic() -> None:
    name = analyze_name("SHUGAEV, Dmitry Evgenyevich", schema="Person")
    assert [(t.text, t.part) for t in name.tokens] == [
        ("shugaev", NamePart.FAMILY),
        ("dmitry", NamePart.GIVEN),
        ("evgenyevich", NamePart.PATRONYMIC),
    ]


def test_schema_decides_is_organization() -> None:
    assert analyze_name("Romashka", schema="Company").is_organization
    assert not analyze_name("Romashka LLC", schema="Person").is_organization
    assert analyze_name("Romashka LLC").is_organization
    assert not analyze_name("Dmitry Shugaev").is_organization


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_analyze_name_never_raises_and_is_deterministic(text: str) -> None:
    assert analyze_name(text) == analyze_name(text)


# Letters of every script the lists use, plus the punctuation names carry.
_NAME_ALPHABET = st.sampled_from(
    list("ABCabcOoÖéß ,.-'’&/()0123456789")
    + list("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюяіїєґў")
    + list("王健林欧阳有限公司奧김정은이박합장강カタナ・ひら")
    + list("محمدعبداللهالرحمنیکپچةھہىوقثع\u064e\u0651")
    + list("דוחיםשΠαπαδόλςԱրամშევარდნაძე\u200b\u200e\ufeff")
)


@settings(max_examples=400, deadline=None)
@given(st.text(_NAME_ALPHABET, max_size=40), st.sampled_from([None, "Person", "Company", "Thing"]))
def test_names_in_any_script_never_raise_and_tokens_are_ascii(
    text: str, schema: str | None
) -> None:
    name = analyze_name(text, schema=schema, lang="uk" if "і" in text else None)
    assert name == analyze_name(text, schema=schema, lang="uk" if "і" in text else None)
    for form in name.forms:
        assert form
        for token in form:
            assert token.text and token.text.isascii() and " " not in token.text


def test_ukrainian_language_hint_selects_ukrainian_spelling() -> None:
    forms = {" ".join(t.text for t in f) for f in analyze_name("Григорій", lang="uk").forms}
    assert "hryhorii" in forms


def test_published_parts_in_unknown_keys_are_ignored() -> None:
    name = analyze_name("John Smith", parts={"title": "Mr", "given": "John"})
    assert [t.part for t in name.tokens] == [NamePart.GIVEN, NamePart.UNKNOWN]


def test_very_long_name_in_any_script_is_cut_not_refused() -> None:
    name = analyze_name("Шугаев王健林محمد" * 800)
    assert name.forms
    assert name.original.startswith("Шугаев")


def test_krimea_and_crimea_share_a_skeleton() -> None:
    assert _skeletons(analyze_name("Krimea")) == _skeletons(analyze_name("Crimea"))


def test_query_spelling_meets_the_listed_spelling_of_shugaev() -> None:
    query = {t.skeleton for t in analyze_name("Dmitry Shugayev").tokens}
    listed = {t.skeleton for t in analyze_name("SHUGAEV, Dmitry Evgenyevich").tokens}
    cyrillic = _skeletons(analyze_name("Дмитрий Шугаев"))
    assert query <= listed
    assert query <= cyrillic


def test_bush_and_habbash_do_not_share_a_skeleton() -> None:
    assert not _skeletons(analyze_name("Bush")) & _skeletons(analyze_name("Habbash"))


def test_umlauts_have_both_ascii_spellings() -> None:
    assert _texts(analyze_name("Müller")) == {("muller",), ("mueller",)}


def test_two_names_printed_with_a_slash_give_the_forms_of_both() -> None:
    name = analyze_name("Оксана Викторовна СИГИДИНА / Оксана Вiкторiвна СIГIДIНА", schema="Person")
    texts = {" ".join(t.text for t in form) for form in name.forms}
    assert "oksana viktorovna sigidina" in texts
    assert "oksana viktorivna sihidina" in texts
    assert all(len(form) == 3 for form in name.forms)


@pytest.mark.parametrize(
    "text",
    [
        "Валерій Михайлович Пахниць and Валерий Михайлович Пахниц",  # AU prints both so
        "Виталий Владимирович КРАВЕЦ/Вiталiй Володимирович КРАВЕЦЬ",  # (Latin i: homoglyphs)
    ],
)
def test_names_in_another_script_printed_with_and_or_a_slash_give_both(text: str) -> None:
    name = analyze_name(text, schema="Person")
    assert all(len(form) == 3 for form in name.forms)
    assert "and" not in {t.text for form in name.forms for t in form}


def test_and_between_latin_words_is_part_of_the_name() -> None:
    assert [t.text for t in analyze_name("Johnson and Johnson").tokens] == [
        "johnson",
        "and",
        "johnson",
    ]
    assert len(analyze_name("Тетяна Кузьміч and Цвєтаєва").forms[0]) == 4  # one word after


@pytest.mark.parametrize(
    "text",
    ["Russian: Росгвардия", "Russian:Росгвардия", "original script: Росгвардия", "AKA: Росгвардия"],
)
def test_a_label_before_a_name_is_no_part_of_it(text: str) -> None:
    assert {t.text for t in analyze_name(text).tokens} == {"rosgvardiya"}


def test_a_word_before_a_colon_that_is_no_label_stays() -> None:
    tokens = analyze_name("SOUTHFRONT: Analysis and Intelligence").tokens
    assert tokens[0].text == "southfront"


def test_a_slash_before_an_abbreviation_keeps_one_name() -> None:
    tokens = analyze_name("AL-ITIHAAD AL-ISLAMIYA / AIAI").tokens
    assert tokens[-1].text == "aiai"


def test_korean_dprk_names_get_the_dprk_family_spelling_too() -> None:
    texts = {
        " ".join(t.text for t in form) for form in analyze_name("박정천", schema="Person").forms
    }
    assert {"park jong chon", "pak jong chon"} <= texts


def test_words_written_in_arabic_or_hebrew_letters_are_marked_abjad() -> None:
    from sanctionguard.names.analyze import analyze_name

    # "dusat" for دوست guesses its vowels; "muhammad" for محمد is the dictionary's spelling.
    assert [t.abjad for t in analyze_name("دوست محمد").tokens] == [True, False]
    # "moshe" for משה is a common name's customary spelling: no guess either.
    hebrew = [t for form in analyze_name("משה שרביט").forms for t in form]
    assert all(t.abjad for t in hebrew if t.text != "moshe")
    assert [t.abjad for t in hebrew if t.text == "moshe"] == [False]
    assert not any(t.abjad for form in analyze_name("Dost Mohammad").forms for t in form)
    assert not any(t.abjad for form in analyze_name("Дмитрий Шугаев").forms for t in form)


def test_dictionary_spellings_of_arabic_names_are_not_guesses() -> None:
    from sanctionguard.names.analyze import analyze_name

    # حسين is "Husayn" or "Hossein", never "Hasan", though the consonants are the same.
    assert not any(t.abjad for form in analyze_name("حسين").forms for t in form)
    assert all(t.abjad for form in analyze_name("كاظم").forms for t in form)


def test_words_romanised_from_syllables_are_marked_and_never_initials() -> None:
    from sanctionguard.names.analyze import analyze_name
    from sanctionguard.names.types import NamePart, TokenKind

    forms = analyze_name("이수진", schema="Person").forms
    tokens = [t for form in forms for t in form]
    assert all(t.kind is TokenKind.WORD and t.syllabic for t in tokens)
    assert any(t.text == "i" for t in tokens)
    # The second syllable of a given name written apart is no middle name.
    spaced = next(f for f in forms if [t.text for t in f] == ["lee", "su", "jin"])
    assert [t.part for t in spaced] == [NamePart.FAMILY, NamePart.GIVEN, NamePart.SYLLABLE]
    assert not any(t.syllabic for t in analyze_name("Kim Yong Bok").tokens)


def test_every_romanisation_of_a_cyrillic_name_keeps_the_parts_of_the_first() -> None:
    # ISO 9 prints Ермолаевич "ermolaevic": no patronymic ending of its own, yet the same word.
    forms = analyze_name("Владимир Ермолаевич Лапин", schema="Person").forms
    assert any(t.text == "ermolaevic" for f in forms for t in f)
    for form in forms:
        assert [t.part for t in form] == [NamePart.GIVEN, NamePart.PATRONYMIC, NamePart.FAMILY]


def _form_texts(name: str, schema: str | None = None) -> list[str]:
    return [" ".join(t.text for t in form) for form in analyze_name(name, schema=schema).forms]


def test_a_bracketed_acronym_gives_the_name_without_it_first() -> None:
    assert _form_texts("QODS AERONAUTICS INDUSTRIES (QAI)") == [
        "qods aeronautics industries",
        "qods aeronautics industries qai",
    ]


def test_a_bracketed_alias_is_another_name_not_more_words() -> None:
    assert _form_texts("Iyad (a.k.a. Eyad) MAKHLOUF") == ["iyad makhlouf", "eyad makhlouf"]
    assert _form_texts("X Y (also known as Big Boss)") == ["x y", "big boss"]
    assert _form_texts("Adel BEN SOLTANE (formerly listed as)") == ["adel ben soltane"]


def test_one_word_aliases_inside_a_name_respell_the_word_before_them() -> None:
    # The EU prints a word's other spellings in a bracket after it: each is the name with that
    # word respelt, and the spellings together are no name of their own ("mundhir monzer").
    assert _form_texts("Munzir (a.k.a. Mundhir, Monzer) Jamil AL-ASSAD") == [
        "munzir jamil al assad",
        "mundhir jamil al assad",
        "monzer jamil al assad",
    ]
    # At the end of a name, one-word aliases are nicknames, not a name.
    assert _form_texts("Alexey Yurevich MILCHAKOV (a.k.a. Fritz, Serbian)") == [
        "alexey yurevich milchakov"
    ]
    # A whole other name stays one.
    assert _form_texts("Aleksandr Igorevich KOFMAN (a.k.a. Oleksandr KOFMAN)") == [
        "aleksandr igorevich kofman",
        "oleksandr kofman",
    ]


def test_bracketed_legal_forms_and_qualifiers_stay_in_the_name() -> None:
    assert _form_texts("Sber (PJSC)") == ["sber pjsc"]
    assert _form_texts("AL-HARAMAIN (AFGHANISTAN BRANCH)") == ["al haramain afghanistan branch"]
    assert _form_texts("JSC Radio Concern Vega (Vega Konsern)") == [
        "jsc radio concern vega vega konsern",
        "jsc radio concern vega",
    ]


def test_a_lines_label_before_the_name_is_no_part_of_it() -> None:
    # Payment lines and exports print a label before the name, as lists do ("Russian: ...").
    assert _form_texts("ATTN: SOVCOMFLOT") == ["sovcomflot"]
    assert _form_texts("c/o Sberbank") == ["sberbank"]
    assert _form_texts("Beneficiary: VTB BANK PJSC") == ["vtb bank pjsc"]
    # Words that may begin a name stay without a colon.
    assert _form_texts("ATTENTION SECURITY LLC") == ["attention security llc"]
    assert _form_texts("FAO SCHWARZ") == ["fao schwarz"]
    assert _form_texts("Care of First Oil JV Company Limited")[0].startswith("care of first oil")
    assert _form_texts("Name: ") == ["name"]  # (nothing after it: kept)


def test_a_firms_short_name_before_its_full_name_in_brackets_names_it_alone() -> None:
    # The EU prints "Rostec (Russian Technologies State Corporation)"; a record says "ROSTEC".
    texts = _form_texts("Rostec (Russian Technologies State Corporation)", "Organization")
    assert "rostec" in texts
    assert "russian technologies stcorp" in texts
    # Not a person's one word ("Ali" alone would meet every Ali), nor a branch's parent.
    assert "ali" not in _form_texts("Ali (Abu Mohammed Masri)", "Person")
    assert "haramain" not in _form_texts("HARAMAIN (AFGHANISTAN BRANCH)", "Organization")


def test_a_firms_name_in_brackets_beside_another_is_read_apart() -> None:
    # The EU prints a firm's short or trading name in a bracket after the full one; a record
    # (or another list) says "PJSC KADVI" or "Sooty Ltd.", which the full name buried.
    assert "pjsc kadvi" in _form_texts("The Kaluga Engine Company (PJSC KADVI)")
    assert "sooty ltd" in _form_texts("Aifory Pro (Sooty Ltd.)", "Company")
    assert "jsc komz" in _form_texts("JSC KAZAN OPTICAL AND MECHANICAL PLANT (JSC KOMZ)")
    # Not a bracket without a legal form, nor two letters and a form (any firm's initials).
    assert "vega konsern" not in _form_texts("JSC Radio Concern Vega (Vega Konsern)")
    assert "bk co" not in _form_texts("ABZAR BORESH KAVEH CO. (BK CO.)")
    # Nor in a person's name.
    assert "ivanov llc" not in _form_texts("Ivan Ivanov (Ivanov LLC)", "Person")


def test_unbalanced_or_nested_brackets_are_read_without_error() -> None:
    assert _form_texts("ABC (DEF") == ["abc def"]
    assert _form_texts("A ((B C)) D") == ["a b c d"]
    assert _form_texts("(( ))") == []


def test_a_name_beside_its_own_script_gives_both() -> None:
    texts = _form_texts("KIM Kwang Yon 김광연")
    assert texts[0] == "kim kwang yon"
    assert any(t.startswith("kim gwang") for t in texts)
    assert _form_texts("Дмитрий Шугаев")[0] == "dmitriy shugayev"  # one script: one name
    # A firm's legal form in Latin letters beside its Cyrillic name is one name.
    assert _form_texts("AO Рособоронэкспорт")[0] == "jsc rosoboroneksport"
    assert _form_texts("Ivan Petrov Иван Петров", "Company") == ["ivan petrov ivan petrov"]


def test_titles_beside_two_name_words_are_particles() -> None:
    kinds = {t.text: t.kind for t in analyze_name("Dr. Ayman AL ZAWAHIRI", schema="Person").tokens}
    assert kinds["dr"] is TokenKind.STOPWORD and kinds["ayman"] is TokenKind.WORD
    haji = analyze_name("Haji KHAIRULLAH", schema="Person").tokens
    assert [t.kind for t in haji] == [TokenKind.WORD, TokenKind.WORD]  # one name word beside it
    general = analyze_name("General Dynamics Corporation").tokens
    assert general[0].kind is TokenKind.WORD  # an organisation's word


def test_major_beside_general_is_a_rank() -> None:
    def kinds(name: str) -> list[TokenKind]:
        return [t.kind for t in analyze_name(name, schema="Person").tokens]

    # "Major General Ali Mamlouk" left "Major" a name word, the first: as costly to miss as a
    # given name, so the four lists printing "Ali Mamluk" without the rank scored under 0.3.
    assert kinds("Major General Ali Mamlouk")[:2] == [TokenKind.STOPWORD, TokenKind.STOPWORD]
    assert kinds("Major-General Natalia POKLONSKAYA")[0] is TokenKind.STOPWORD
    assert kinds("Kifah Moulhem, General Major")[-1] is TokenKind.STOPWORD
    assert kinds("Rear Admiral Valeriy KULIKOV")[0] is TokenKind.STOPWORD
    assert kinds("Vice Senior General Soe Win")[:3] == [TokenKind.STOPWORD] * 3
    assert kinds("Peter John Major Jr.")[2] is TokenKind.WORD  # a suffix is no rank's head
    # Elsewhere "Major" is a name ("John Major"), and beside one name word the rank is the name.
    assert kinds("John Major") == [TokenKind.WORD, TokenKind.WORD]
    assert kinds("Major Ahmed Hassan")[0] is TokenKind.WORD
    assert kinds("Major General Nazih") == [TokenKind.WORD] * 3


def test_a_generation_suffix_after_a_persons_name_is_a_particle() -> None:
    def kinds(name: str, schema: str | None = "Person") -> list[TokenKind]:
        return [t.kind for t in analyze_name(name, schema=schema).tokens]

    # Customers' records add "Jr." or "III"; left a name word, it cost as a missing family name.
    assert kinds("Dmitry Shugaev Jr.")[-1] is TokenKind.STOPWORD
    assert kinds("SMITH, John Jr.", None)[-1] is TokenKind.STOPWORD
    assert kinds("John A. Smith III")[-1] is TokenKind.STOPWORD
    # A numeral tells one vessel from another; beside one name word, it is the name.
    assert kinds("OCEAN STAR II", "Vessel")[-1] is TokenKind.WORD
    assert kinds("OCEAN STAR II", None)[-1] is TokenKind.WORD
    assert kinds("Smith III") == [TokenKind.WORD, TokenKind.WORD]
    assert kinds("Paul Senior") == [TokenKind.WORD, TokenKind.WORD]


def test_names_joined_by_an_alias_marker_are_several_names() -> None:
    assert _form_texts("Viktor Bout a.k.a. Victor Butt") == ["viktor bout", "victor butt"]
    assert _form_texts("VIKTOR BOUT A.K.A. VICTOR BUTT") == ["viktor bout", "victor butt"]
    assert _form_texts("Ayman al-Zawahiri aka Abu Muhammad") == [
        "ayman al zawahiri",
        "abu muhammad",
    ]
    assert _form_texts("ALFA LLC formerly known as BETA LLC", "Company") == [
        "alfa llc",
        "beta llc",
    ]
    # A capitalised "Aka" is a name's word ("Kofi Aka Mensah"), as is a leading "AKA".
    assert _form_texts("Kofi Aka Mensah") == ["kofi aka mensah"]
    assert _form_texts("AKA Trading LLC", "Company") == ["aka trading llc"]


def test_a_vessels_prefix_is_no_part_of_its_name() -> None:
    for name in (
        "MV ADRIAN DARYA 1",
        "M/T ADRIAN DARYA 1",
        "M.V. Adrian Darya 1",
        "SS Adrian Darya 1",
    ):
        assert _form_texts(name, "Vessel") == ["adrian darya 1"]
    assert _form_texts("MY WAY", "Vessel") == ["my way"]  # (also a word)
    assert _form_texts("MT Everest Trading", "Company") == ["mt everest trading"]  # vessels only


def test_names_separated_by_semicolons_are_several_names() -> None:
    assert _form_texts("Azim Adhajani; Azim Agha-Jani") == ["azim adhajani", "azim agha jani"]
    assert _form_texts(";;") == []


@pytest.mark.parametrize(
    ("name", "marked"),
    [
        ("Tarak Ben Taher Ben Faleh Ouni Harzi", {"tarak", "taher", "faleh", "ouni", "harzi"}),
        ("Sami Ben Khemais ESSID", {"khemais", "essid"}),  # (Sami: a dictionary name)
        ("Abdul Basir Noorzai", {"basir", "noorzai"}),
        ("Ben Smith", set()),  # "Ben" first is a given name
        ("Al Pacino", set()),
        ("John Smith", set()),
    ],
)
def test_an_arabic_name_in_latin_letters_compares_its_words_by_consonants_too(
    name: str, marked: set[str]
) -> None:
    tokens = analyze_name(name, schema="Person").tokens
    assert {t.text for t in tokens if t.abjad} == marked


def test_an_arabic_name_of_a_firm_is_not_read_as_a_persons() -> None:
    assert not any(t.abjad for t in analyze_name("Bank Al Habib Limited").tokens)


def test_words_that_tell_a_firms_kind_are_tagged_in_a_firms_name_only() -> None:
    firm = analyze_name("Kazan Helicopter Plant PJSC", schema="Company").tokens
    assert [t.text for t in firm if t.part is NamePart.DESCRIPTOR] == ["plant"]
    person = analyze_name("Robert PLANT", schema="Person").tokens
    assert not any(t.part is NamePart.DESCRIPTOR for t in person)


@pytest.mark.parametrize(
    ("word", "place"),
    [
        ("zelenogradsky", "zelenograd"),
        ("zelenogradskiy", "zelenograd"),
        ("svetlovskoye", "svetlov"),
        ("arzamasskiy", "arzamas"),
        ("votkinskiy", "votkin"),
        ("votkinsk", "votkin"),  # the place's own name in "-sk"
        ("zelenograd", None),
        ("omsk", None),  # (too short to cut)
        ("kowalskiego", None),
    ],
)
def test_a_russian_place_adjective_is_read_as_its_place(word: str, place: str | None) -> None:
    assert _place_stem(word) == place


def test_a_firm_named_after_its_place_also_reads_as_the_place() -> None:
    forms = analyze_name("JSC Zelenogradsky Nanotechnology Center", schema="Company").forms
    assert [t.text for t in forms[0]] == ["jsc", "zelenogradsky", "nanotechnology", "center"]
    assert [t.text for t in forms[1]] == ["jsc", "zelenograd", "nanotechnology", "center"]
    # A person's name is not read so: "Zelensky" is a surname, not a place.
    assert len(analyze_name("Volodymyr ZELENSKY", schema="Person").forms) == 1


def test_named_after_in_a_firms_name_is_a_particle() -> None:
    for name in ("Arzamas Plant named after P.I. Plandin", "Arzamasskiy Zavod imeni Plandina"):
        kinds = {t.text: t.kind for t in analyze_name(name, schema="Company").tokens}
        assert all(
            kinds[w] is TokenKind.STOPWORD for w in ("named", "after", "imeni") if w in kinds
        )
        assert kinds.get("plandin", kinds.get("plandina")) is TokenKind.WORD


def test_a_firms_quoted_name_is_also_a_name_alone() -> None:
    forms = analyze_name(
        "United Shipbuilding Corporation “Sredne-Nevsky Shipyard”", schema="Company"
    ).forms
    texts = [" ".join(t.text for t in form) for form in forms]
    assert texts[:2] == [
        "united shipbuilding corp sredne nevsky shipyard",
        "sredne nevsky shipyard",
    ]
    russian = analyze_name("Акционерное Общество «Научно-Производственное Предприятие «Сапфир»»")
    assert any(
        [t.text for t in form][-1:] == ["sapfir"] and form[0].text != "jsc"
        for form in russian.forms
    )


def test_a_firm_after_its_parent_and_a_comma_is_also_a_name_alone() -> None:
    forms = analyze_name("Tactical Missile Company, Joint Stock Company Severny Press").forms
    texts = [" ".join(t.text for t in form) for form in forms]
    assert texts[:2] == ["tactical missile co jsc severny press", "jsc severny press"]


@pytest.mark.parametrize(
    "name",
    [
        "Bank Melli Iran, London Branch",  # no legal form after the comma: no firm of its own
        "Gazprom Neft, PJSC",  # a legal form alone
        "ROSNEFT OIL COMPANY, PUBLIC JOINT STOCK COMPANY",
        "Severny Press, JSC",  # one word before the comma
    ],
)
def test_what_follows_a_comma_is_no_firm_of_its_own_without_a_name_and_a_form(name: str) -> None:
    forms = analyze_name(name, schema="Company").forms  # (other readings have as many words)
    assert {len(form) for form in forms} == {len(forms[0])}


@pytest.mark.parametrize(
    ("name", "schema"),
    [
        ('Viktor Anatolyevich "Merchant of Death" BOUT', "Person"),  # a nickname stays in
        ('Viktor "Merchant of Death" BOUT', None),
        ('LLC "Kvant"', "Company"),  # one quoted word: the name as written says it
        ("Dr. Adib Sha’ban", None),  # an apostrophe is no quotation mark
    ],
)
def test_quoted_words_of_a_person_or_a_lone_word_are_no_name_of_their_own(
    name: str, schema: str | None
) -> None:
    assert len(analyze_name(name, schema=schema).forms) == 1


def test_words_glued_with_their_capitals_kept_are_also_read_apart() -> None:
    assert _form_texts("SergeyTen") == ["sergeyten", "sergey ten"]
    assert _form_texts("Ali DarassaMahamat") == ["ali darassamahamat", "ali darassa mahamat"]
    # A capital after one letter is part of the name ("McDonald", "DeLorean").
    assert _form_texts("McDonald") == ["mcdonald"]
    assert _form_texts("DeLorean Motors") == ["delorean motors"]
