"""Alignment: renderings of one name that read its words differently are met word by word."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionguard.match.alignment import (
    COMPOUND_FAMILY_MISS,
    REPEAT_MISS,
    codes_apart,
    initials_alike,
    miss_factors,
    spelling_forms,
    with_repeats,
)
from sanctionguard.match.query import prepare
from sanctionguard.match.retrieval import query_forms
from sanctionguard.match.screener import Screener
from sanctionguard.match.types import MatchResult, Query
from sanctionguard.names.types import NamePart, TokenKind
from tests.match.conftest import Listed, captions, screener_of

ENTRIES = [
    Listed("k1", "KIM YONG BOK"),
    Listed("k2", "KIM Yong Nam"),
    Listed("h1", "Zvi Bar YOSEF"),
    Listed("h2", "Meir ETTINGER"),
    Listed("b1", "Aliaksandr Henrykavich TURCHIN"),
    Listed("b2", "Vladimir Alexandrovich DAVYDOV"),  # a Belarusian as Russian-language lists
    Listed("b3", "Sergei Sergeevich GIRGEL"),  # print him: Уладзімір Давыдаў, Сяргей Гіргель
    Listed("a1", "UDAY SADDAM HUSSEIN AL-TIKRITI"),
    Listed("c1", "WANG Jianlin"),
    Listed("s1", "Igor Ivanovich SECHIN"),
    Listed("s2", "KIM Yong Sok"),
    Listed("s3", "KIM Sung Su"),
    Listed("c2", "YANG, Qi"),
    Listed("k3", "AN Myong Hun"),
    Listed("y1", "GOPSTEIN, Ben-Zion"),
    Listed("y2", "Moshe FELDMAN"),
    Listed("a2", "MOHAMED BELKALEM"),
    Listed("p1", "Vladimir Egorovich ZAITSEV"),
    Listed("p2", "Yelena Mikhaylovna ZAYTSEVA"),
    Listed("p3", "Vladimir Nikolaevich LAPIN"),
    Listed("p4", "Ganna Mikhailauna ASIPENKA"),
    Listed("k4", "YU Jin"),
    Listed("k5", "CHEN Iu"),  # puts "iu" among the listed words
    Listed("z1", "LI CHENG YU"),
    Listed("z2", "MING SUAN ZHANG"),
    Listed("k6", "KIM CHOL SAM"),
    Listed("f1", "Moussa Khalil Elahi", parts={"given": "Moussa", "family": "Khalil Elahi"}),
    Listed("i1", "Mikhail Nikolaevich MATVEEV"),
    Listed("i2", "Dmitry Evgenyevich SHUGAEV"),
    Listed("i3", "Pavel A. ROMANOV"),
    Listed("o1", "Trade Engine System", schema="Organization", aliases=["TES"]),
    Listed("o2", "Abu Nidal Organization", schema="Organization"),
    Listed("r1", "Ali MAMLUK"),
]


@pytest.fixture(scope="module")
def readers() -> Screener:
    return screener_of(ENTRIES)


def _best(screener: Screener, name: str) -> MatchResult:
    found = screener.match(Query(names=(name,), schema="Person"))
    assert found, f"{name!r} found nothing"
    return found[0]


def test_renderings_reading_the_same_words_are_merged_word_by_word(readers: Screener) -> None:
    forms = query_forms(readers.index, prepare(Query(names=("김영복",), schema="Person")))
    merged = spelling_forms(forms)
    assert merged, "the Hangul renderings of 김영복 should merge"
    form, members = merged[0]
    readings = [sorted(q.token.text for q in (t.readings or (t,))) for t in form.tokens]
    assert ["bok", "pok"] in readings  # Revised Romanization and McCune-Reischauer
    assert len(set(members)) >= 2


def test_order_variants_of_a_chinese_name_are_not_merged(readers: Screener) -> None:
    forms = query_forms(readers.index, prepare(Query(names=("王健林",), schema="Person")))
    for form, _ in spelling_forms(forms):
        for token in form.tokens:
            texts = {q.token.text for q in token.readings}
            assert not {"wang", "jianlin"} <= texts


def test_a_korean_name_mixing_two_romanisations_is_found(readers: Screener) -> None:
    # "Yong" is McCune-Reischauer, "Bok" Revised Romanization: no one system prints both.
    best = _best(readers, "김영복")
    assert best.caption == "KIM YONG BOK"
    assert best.score >= 0.9
    assert best.name is not None
    assert {(t.query, t.listed) for t in best.name.tokens} >= {("bok", "bok"), ("yong", "yong")}
    # The other Kim Yong stays below the threshold: "Bok" is no "Nam".
    assert "KIM Yong Nam" not in {r.caption for r in readers.match(Query(names=("김영복",)))}


def test_hebrew_names_take_each_word_from_its_best_reading(readers: Screener) -> None:
    assert _best(readers, "צבי בר יוסף").caption == "Zvi Bar YOSEF"
    best = _best(readers, "מאיר אטינגר")  # Meir: a common name's customary spelling
    assert best.caption == "Meir ETTINGER"
    assert best.name is not None and ("meir", "meir") in {
        (t.query, t.listed) for t in best.name.tokens
    }


def test_a_belarusian_name_in_the_older_plain_e_spelling_is_found(readers: Screener) -> None:
    best = _best(readers, "Аляксандр Генрыхавіч ТУРЧЫН")
    assert best.caption == "Aliaksandr Henrykavich TURCHIN"
    assert best.score >= 0.9


def test_a_belarusian_name_finds_the_russian_form_other_lists_print(readers: Screener) -> None:
    # The EU prints Belarusians in Belarusian, the UK and the US often in Russian forms.
    assert _best(readers, "Уладзімір Аляксандравіч ДАВЫДАЎ").caption == (
        "Vladimir Alexandrovich DAVYDOV"
    )
    assert _best(readers, "Сяргей Сяргеевіч ГІРГЕЛЬ").caption == "Sergei Sergeevich GIRGEL"


def test_arabic_names_ending_in_ya_take_their_customary_spelling(readers: Screener) -> None:
    assert _best(readers, "عدي صدام حسين التكريتي").caption == "UDAY SADDAM HUSSEIN AL-TIKRITI"


def test_a_korean_name_sharing_two_of_three_syllables_is_another_name(readers: Screener) -> None:
    # 김영식 Kim Yong Sik: the family name and the first given syllable agree, the second does
    # not; it is no middle name to leave out, and "sik" is no typo of "bok", "nam" or "sok".
    found = {r.caption for r in readers.match(Query(names=("김영식",), schema="Person"))}
    assert not found & {"KIM YONG BOK", "KIM Yong Nam", "KIM Yong Sok"}


def test_a_romanised_syllable_is_no_initial(readers: Screener) -> None:
    # 이 is the family name "I"/"Lee", not an initial standing for "Igor".
    found = {r.caption for r in readers.match(Query(names=("이수진",), schema="Person"))}
    assert "Igor Ivanovich SECHIN" not in found


def test_a_syllable_meets_its_other_romanisations_by_sound(readers: Screener) -> None:
    # 성 is "seong" (RR), "song" (MR) and, customarily, "Sung".
    assert _best(readers, "김성수").caption == "KIM Sung Su"


def test_a_romanised_syllable_is_not_cut_into_other_syllables(readers: Screener) -> None:
    # 倩 is "qian", one syllable: not "qi" and a stray "an".
    found = {r.caption for r in readers.match(Query(names=("杨倩",), schema="Person"))}
    assert "YANG, Qi" not in found
    assert _best(readers, "杨琪").caption == "YANG, Qi"  # 琪 is "qi"


def test_a_hebrew_surname_with_a_yiddish_ending_takes_its_customary_spelling(
    readers: Screener,
) -> None:
    # "-שטיין" is "-stein", "-מן" "-man"; a nickname in brackets costs little.
    best = _best(readers, "בן ציון (בנצי) גופשטיין")
    assert best.caption == "GOPSTEIN, Ben-Zion"
    assert best.score >= readers.settings.threshold
    assert _best(readers, "משה פלדמן").caption == "Moshe FELDMAN"


def test_five_agreeing_consonants_of_an_arabic_word_are_strong_evidence(
    readers: Screener,
) -> None:
    best = _best(readers, "محمد بلكلام")
    assert best.caption == "MOHAMED BELKALEM"
    assert best.score >= readers.settings.threshold
    # b-l-k-l-m agree: more than the 0.9 a three- or four-consonant agreement gets at most.
    assert best.name is not None
    assert {t.listed: t.similarity for t in best.name.tokens}["belkalem"] > 0.93


def test_another_patronymic_is_another_person(readers: Screener) -> None:
    # Same given and family name, another father: no alert; without a patronymic, or with the
    # same one spelled otherwise, still the listed person.
    assert "Vladimir Egorovich ZAITSEV" not in captions(readers, "Vladimir Yurievich ZAITSEV")
    assert "Yelena Mikhaylovna ZAYTSEVA" not in captions(readers, "Елена Викторовна Зайцева")
    assert "Vladimir Egorovich ZAITSEV" in captions(readers, "Vladimir ZAITSEV")
    assert "Vladimir Egorovich ZAITSEV" in captions(readers, "Владимир Егорович Зайцев")
    assert "Yelena Mikhaylovna ZAYTSEVA" in captions(readers, "Elena Mihailovna Zaitseva")


def test_a_patronymic_the_lists_never_print_is_no_double_typo(readers: Screener) -> None:
    # "Ermolaevich" shares "-olaevich" with "Nikolaevich": three letters apart at the start are
    # another father, not typos.
    assert "Vladimir Nikolaevich LAPIN" not in captions(readers, "Владимир Ермолаевич Лапин")
    assert "Vladimir Nikolaevich LAPIN" in captions(readers, "Vladimir Nikolayevich Lapin")
    # GOST's "x" for х keeps the start: another spelling of the same patronymic.
    assert "Ganna Mikhailauna ASIPENKA" in captions(readers, "Ganna Mixajlau`na ASIPENKA")
    # Two slips with the first letter right are the same father, the second letter wrong too.
    assert "Vladimir Nikolaevich LAPIN" in captions(readers, "Vladimir Nkiolayevich LAPIN")
    assert "Vladimir Nikolaevich LAPIN" in captions(readers, "Vladimir Nikolaevich LAPIN")
    assert "Vladimir Nikolaevich LAPIN" not in captions(readers, "Vladimir Pavlovich LAPIN")


def test_an_initial_that_cannot_stand_for_the_patronymic_is_another_person(
    readers: Screener,
) -> None:
    # "P." cannot be Nikolaevich: another father, most likely another man.
    assert "Mikhail Nikolaevich MATVEEV" not in captions(readers, "Mikhail P MATVEYEV")
    assert "Mikhail Nikolaevich MATVEEV" in captions(readers, "Mikhail N MATVEYEV")
    assert "Mikhail Nikolaevich MATVEEV" in captions(readers, "Mikhail MATVEYEV")
    # Romanisations of one sound begin with other letters: E. and Y. both stand for Евгеньевич.
    assert "Dmitry Evgenyevich SHUGAEV" in captions(readers, "Dmitry E. Shugaev")
    assert "Dmitry Evgenyevich SHUGAEV" in captions(readers, "Dmitry Y. Shugayev")
    # The other way round: the list prints the initial, the query the full patronymic.
    assert "Pavel A. ROMANOV" in captions(readers, "Pavel Aleksandrovich Romanov")
    assert "Pavel A. ROMANOV" not in captions(readers, "Pavel Sergeyevich Romanov")


def test_a_rank_before_the_name_costs_nothing(readers: Screener) -> None:
    # (Under 0.3 while "Major" was read as a given name.)
    assert "Ali MAMLUK" in captions(readers, "Major General Ali Mamlouk")
    assert "Ali MAMLUK" in captions(readers, "Major-General Ali Mamluk")


def _firms(screener: Screener, name: str) -> set[str]:
    return {r.caption for r in screener.match(Query(names=(name,), schema="Company"))}


def test_a_short_code_is_met_letter_for_letter(readers: Screener) -> None:
    # "TES" is an acronym: "Thies AG" sounds like it and is another firm.
    assert "Trade Engine System" not in _firms(readers, "Thies AG")
    assert "Trade Engine System" in _firms(readers, "TES LLC")
    # A short word spelt one letter longer is still a spelling of it.
    assert "Abu Nidal Organization" in _firms(readers, "Abou Nidal Organisation")
    assert codes_apart("thies", "tes") and not codes_apart("abou", "abu")
    assert not codes_apart("thiessen", "thies")
    # A short word without vowels may be the longer one written without them.
    assert not codes_apart("kbr", "kabir")


def test_initials_alike_groups_the_first_letters_of_one_sound() -> None:
    assert initials_alike("e", "y") and initials_alike("g", "h") and initials_alike("f", "p")
    assert not initials_alike("p", "n") and not initials_alike("a", "s")


def test_a_korean_family_name_is_not_glued_to_a_given_syllable(readers: Screener) -> None:
    # 이우진 is I (Lee) U-jin: "i" + "u" glued would read "iu", a spelling of "Yu".
    assert "YU Jin" not in captions(readers, "이우진")


def test_a_syllable_of_a_romanised_east_asian_given_name_is_no_middle_name(
    readers: Screener,
) -> None:
    # 李瑜 is Li Yu, not Li Cheng-yu; 张明 is Zhang Ming, not Zhang Ming-suan; 김삼 is Kim Sam,
    # not Kim Chol-sam. Read as Western names, the left-out word was a cheap middle name.
    assert "LI CHENG YU" not in captions(readers, "李瑜")
    assert "MING SUAN ZHANG" not in captions(readers, "张明")
    assert "KIM CHOL SAM" not in captions(readers, "김삼")
    # A name in Latin letters is read as East Asian on a guess: a Latin record may have lost a
    # syllable as it loses a middle name.
    assert "KIM CHOL SAM" in captions(readers, "Kim Sam")
    assert "LI CHENG YU" in captions(readers, "李成瑜")
    assert "MING SUAN ZHANG" in captions(readers, "Zhang Mingsuan")
    assert "KIM CHOL SAM" in captions(readers, "김철삼")


def test_a_word_of_a_compound_family_name_costs_half_a_family_name(readers: Screener) -> None:
    # Published family name "Khalil Elahi": "Moussa Elahi" goes by one of its two words.
    assert "Moussa Khalil Elahi" in captions(readers, "Moussa Elahi")
    word = TokenKind.WORD
    given, family = NamePart.GIVEN, NamePart.FAMILY
    double = miss_factors((word,) * 3, (given, family, family), True)
    assert double == (0.8, COMPOUND_FAMILY_MISS, COMPOUND_FAMILY_MISS)
    assert miss_factors((word,) * 2, (given, family), True) == (0.8, 1.2)  # a lone family name


def test_a_word_a_list_prints_twice_costs_little_left_unpaired() -> None:
    # UK: "Nasser Deeb Deeb", EU: "HASSAN EL HAJJ Hassan", the same people as "Nasser Deeb"
    # and "Hassan El-Hajj" elsewhere: the repeat tells nothing the first word did not.
    screener = screener_of(
        [
            Listed("syr", "Nasser Deeb Deeb"),
            Listed("cti", "HASSAN EL HAJJ Hassan"),
            Listed("other", "Nasser DIAB"),
        ]
    )
    assert captions(screener, "Nasser DEEB") == {"Nasser Deeb Deeb"}
    assert "HASSAN EL HAJJ Hassan" in captions(screener, "Hassan El-Hajj")
    # ... and a query's repeated word neither: "Deeb Deeb Nasser" is the listed name.
    assert "Nasser Deeb Deeb" in captions(screener, "Deeb Nasser Deeb")


@given(st.lists(st.sampled_from("abcd"), max_size=8), st.data())
def test_repeats_only_lower_the_later_copies_miss_factors(
    tokens: list[str], data: st.DataObject
) -> None:
    misses = tuple(
        data.draw(st.lists(st.floats(0, 1.5), min_size=len(tokens), max_size=len(tokens)))
    )
    out = with_repeats(tokens, misses)
    for i, token in enumerate(tokens):
        if token in tokens[:i]:
            assert out[i] == min(misses[i], REPEAT_MISS)
        else:
            assert out[i] == misses[i]
