"""Typos: tolerance by word length, words the lists never print, slips the lookup cannot reach."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionguard.match.screener import Screener
from sanctionguard.match.types import Query
from sanctionguard.match.vocabulary import SLIP_MAX, edit_similarity, typo_similarity
from sanctionguard.names.analyze import analyze_name
from sanctionguard.names.types import TokenKind
from tests.match.conftest import Listed, screener_of

ENTRIES = [
    Listed("t1", "Oleg Viacheslavovich DADONOV"),
    Listed("t2", "Dmitry Yuryevich KHOROSHEV"),
    Listed("t3", "VOSTOCHNY COMMERCIAL BANK PJSC", schema="Organization"),
    Listed("t4", "Hossein TAVAKKOLI"),
    Listed("t5", "KUNLUN RED STAR ENERGY TRADING LIMITED", schema="Organization"),
    Listed("t6", "RAZAVI OIL AND GAS SECURITY CO.", schema="Company"),
    Listed("t7", "SHO'A' AVIATION", schema="Company"),
    Listed("t8", "SOVCOMBANK", schema="Organization"),
    Listed("t9", "SOVETSKIY BANK", schema="Organization"),
    Listed("t10", "Mohammad Reza NAQDI"),
    Listed("t11", "Wuxi Turbine Blade Co. Ltd.", schema="Organization"),
    Listed("t12", "HALEEL COMMODITIES LTD", schema="Organization"),
    Listed("t13", "Karim REZAEI"),
    Listed("t14", "Harel SHAPIRA"),
    Listed("t15", "Kazem SADEGHI"),
    Listed("t16", "Shadi for Cars Trading", schema="Company"),
    Listed("t17", "Lukoil PJSC", schema="Company"),
    Listed("t18", "OOO Staut", schema="Company"),
    Listed("t19", "OOO Stout", schema="Company"),
]


@pytest.fixture(scope="module")
def typos() -> Screener:
    return screener_of(ENTRIES)


def _found(screener: Screener, name: str, schema: str | None = None) -> set[str]:
    return {r.entity_id for r in screener.match(Query(names=(name,), schema=schema))}


def test_a_three_letter_slip_in_a_given_name_still_finds_the_person(typos: Screener) -> None:
    assert any(e.endswith("t1") for e in _found(typos, "Oeg Viacheslavovich DADONOV"))


def test_a_three_letter_word_meets_only_words_with_its_first_and_last_letters(
    typos: Screener,
) -> None:
    # "Oeg" ~ "Oleg" is a slip; "Ole" ~ "Oleg" would be another name.
    vocab = typos.index.vocab
    oleg = vocab.ids["oleg"]
    assert oleg in vocab.expand(analyze_name("Oeg").tokens[0]).sims
    assert oleg not in vocab.expand(analyze_name("Ole").tokens[0]).sims


def test_a_three_letter_word_meets_its_plural(typos: Screener) -> None:
    # (0.09 while "car" and "cars" were two unpaired words.)
    assert any(e.endswith("t16") for e in _found(typos, "SHADI FOR CAR TRADING", "Company"))
    vocab = typos.index.vocab
    assert vocab.ids["cars"] in vocab.expand(analyze_name("Car").tokens[0]).sims
    assert vocab.ids["cars"] not in vocab.expand(analyze_name("Cat").tokens[0]).sims


def test_two_slips_in_an_unknown_six_letter_word_still_find_the_person(typos: Screener) -> None:
    assert any(e.endswith("t2") for e in _found(typos, "Dmiryy Yuryevich KHOROSHEV", "Person"))


def test_a_dropped_letter_in_a_short_word_of_a_company_name_is_forgiven(typos: Screener) -> None:
    assert any(e.endswith("t3") for e in _found(typos, "VOSTOCHNY COMMERCUAL BAK PJSC"))


def test_two_slips_in_a_legal_form_word_are_forgiven(typos: Screener) -> None:
    assert any(e.endswith("t5") for e in _found(typos, "KUNLUN RED STAR ENERGY TRADING LMITEED"))


def test_a_known_name_two_letters_away_is_not_a_typo() -> None:
    # "hassan" is a name the lists print: it is not taken for a slip of "hossein".
    assert edit_similarity(1 - 2 / 6) == 0.0
    assert edit_similarity(1 - 2 / 6, unseen=True) == pytest.approx(5 / 6)


def test_one_slip_in_a_long_one_word_name_alerts(typos: Screener) -> None:
    found = typos.match(Query(names=("Sovvombank",)))
    assert found and found[0].entity_id.endswith("t8")
    assert found[0].score >= typos.settings.threshold


def test_one_slip_counts_more_in_a_long_word_than_in_a_short_one() -> None:
    assert edit_similarity(1 - 1 / 10) == pytest.approx(0.967, abs=0.001)
    assert edit_similarity(1 - 1 / 9) > 0.95
    assert edit_similarity(1 - 1 / 8) == 0.95  # no more than a spelling variant
    assert edit_similarity(1 - 2 / 18) == edit_similarity(1 - 1 / 9)


def test_one_slip_in_a_word_the_lists_never_print_is_a_spelling_variant() -> None:
    # (A third of the distance counted: 0.94 and 0.93, and "Luloil PJSC" scored 0.69.) Just
    # under a spelling variant: a slip of a name is not the same name (``SAME_NAME_SIM``).
    assert typo_similarity("luloil", "lukoil") == SLIP_MAX
    assert typo_similarity("stsut", "staut") == SLIP_MAX
    # Not before the first letter, nor for two typos, nor a letter changed in four letters
    # unless on a neighbouring key (o beside i; a is far from it).
    assert typo_similarity("nemec", "emec") < 0.94
    assert typo_similarity("lkuoli", "lukoil") < 0.9
    assert typo_similarity("niap", "niip") < 0.9
    assert typo_similarity("niop", "niip") == SLIP_MAX


def test_one_slip_in_a_one_word_company_name_alerts(typos: Screener) -> None:
    assert [e.rsplit("-", 1)[1] for e in _found(typos, "Luloil PJSC", "Company")] == ["t17"]
    assert any(e.endswith("-t18") for e in _found(typos, "OOO Stsut", "Company"))


def test_a_printed_word_one_letter_off_is_not_a_slip(typos: Screener) -> None:
    # "Stout" is printed: it stays another name than "Staut", one typo counting a third;
    # "Stsut", printed nowhere, is a slip of it.
    vocab = typos.index.vocab
    sims = vocab.expand(analyze_name("Stout").tokens[0]).sims
    assert sims[vocab.ids["staut"]] < 0.94
    assert vocab.expand(analyze_name("Stsut").tokens[0]).sims[vocab.ids["staut"]] == SLIP_MAX


def test_short_unknown_words_need_their_first_letter() -> None:
    assert typo_similarity("tong", "jong") == 0.0
    assert typo_similarity("jnog", "jong") > 0.8


@given(
    st.text(alphabet="abcdefghij", min_size=1, max_size=12),
    st.text(alphabet="abcdefghij", min_size=1, max_size=12),
)
def test_typo_similarity_is_a_similarity(a: str, b: str) -> None:
    sim = typo_similarity(a, b)
    assert 0.0 <= sim <= 1.0
    if a == b and len(a) >= 4:
        assert sim > 0.9


def test_two_slips_in_the_only_rare_word_still_find_the_company(typos: Screener) -> None:
    # "Rszzavi" is two slips from "Razavi", and the other words are common: the two-typo search
    # must find the listed word for retrieval, not only for alignment.
    assert any(e.endswith("t6") for e in _found(typos, "RSZZAVI OIL AND GAS SECURITY CO."))
    assert any(e.endswith("t7") for e in _found(typos, "Sho'a' Auation", "Company"))


def test_the_two_typo_search_keeps_the_first_letter_and_the_length() -> None:
    screener = screener_of([Listed("x", "Alexander KOVALENKO")])
    vocab = screener.index.vocab
    sims = vocab.expand(analyze_name("Kovalnko").tokens[0]).sims
    assert vocab.ids["kovalenko"] in sims
    for far in ("Xovalenkq", "Kovalenkovich"):
        assert vocab.ids["kovalenko"] not in vocab.expand(analyze_name(far).tokens[0]).sims


def test_two_slips_in_a_short_word_keep_its_first_and_last_letters() -> None:
    from sanctionguard.match.vocabulary import SLIP_SIM

    # (e and z swapped, then e struck as its neighbour r: two keyboard slips, which count more)
    assert typo_similarity("rzra", "reza") >= SLIP_SIM
    assert typo_similarity("pmt", "post") == SLIP_SIM
    assert typo_similarity("wxi", "wuxi") >= SLIP_SIM
    # Another first or last letter, or fewer than half the letters in place: another word.
    assert typo_similarity("mark", "moshe") == 0.0
    assert typo_similarity("rzro", "reza") == 0.0
    assert typo_similarity("ab", "alab") == 0.0


def test_two_typos_in_a_long_word_keep_the_first_letter() -> None:
    # "Huisman" is a Dutch surname, not two typos of "Usman".
    assert typo_similarity("huisman", "usman") == 0.0
    # ... and two typos are two: "Kamadadze" is three edits from "Kharabadze".
    assert typo_similarity("kamadadze", "kharabadze") == 0.0
    assert typo_similarity("dmiryy", "dmitry") > 0.8


@pytest.mark.parametrize(
    ("name", "schema", "expected"),
    [
        ("MOHAMMAD RZRA NAQDI", "Person", "t10"),
        ("Wci Turbine Blade Co. Ltd.", "Organization", "t11"),
    ],
)
def test_two_slips_in_a_short_word_are_forgiven_when_the_rest_of_the_name_meets(
    typos: Screener, name: str, schema: str, expected: str
) -> None:
    assert any(e.endswith(expected) for e in _found(typos, name, schema))


def test_a_short_word_of_another_name_is_no_slip(typos: Screener) -> None:
    # "Kazem" is a name the lists print: it is not taken for two slips of "Karim".
    assert not any(e.endswith("t13") for e in _found(typos, "Kazem REZAEI", "Person"))


def test_two_typos_beside_a_rare_word_are_retrieved_even_near_other_listed_words(
    typos: Screener,
) -> None:
    # "HAERL" is one edit from another listed word ("HAREL") and two from "HALEEL": the rare
    # "COMMODITIES" anchors the search, and alignment pairs the typo.
    found = typos.match(Query(names=("HAERL COMMODITIES LIMITED",), schema="Organization"))
    assert found and found[0].entity_id.endswith("t12")


SLIPS = [
    Listed("s1", "GHAVAMIN BANK", schema="Organization"),
    Listed("s2", "SB INTERNATIONAL SARL", schema="Organization"),
    Listed("s3", "JOINT STOCK COMPANY SBERBANK PRIVATE PENSION FUND", schema="Organization"),
    Listed("s4", "Nina PETROVA"),
    Listed("s5", "Inna SIDOROVA"),
    Listed(
        "s6",
        "Anton Genadzevich DUDAL",
        aliases=["Anton Gennadyevich DUDAL", "Anton Gennadevic DUDAL", "Anton Hyenadzyevich DUDAL"],
    ),
    Listed(
        "s7",
        "FEDERAL GOVERNMENT INSTITUTION PRETRIAL DETENTION CENTER NO 1 OF THE DIRECTORATE OF THE "
        "FEDERAL PENITENTIARY SERVICE FOR THE REPUBLIC OF CRIMEA AND SEVASTOPOL",
        schema="Organization",
    ),
    Listed("s8", "JOINT STOCK COMPANY ECHELON TECHNOLOGIES", schema="Organization"),
    Listed("s9", "TARTOUS PORT GENERAL COMPANY", schema="Organization"),
    Listed("s10", "General Ahmed MEYER"),  # "General" a title here: a particle of the lists
    Listed("s11", "CORPORACION DE INVERSIONES EMPRESARIALES S.A.", schema="Organization"),
    Listed("s12", "FSUE “VNIIA”", schema="Organization"),
    Listed("s13", "PJSC Power Machines", schema="Organization"),
    Listed("s14", "AKTSIONERNOE OBSHCHESTVO AKONIT URAL", schema="Organization"),
]


@pytest.fixture(scope="module")
def slips() -> Screener:
    return screener_of(SLIPS)


def _best(screener: Screener, name: str, schema: str) -> tuple[str, float, str]:
    found = screener.match(Query(names=(name,), schema=schema), threshold=0.0)
    top = found[0] if found else None
    if top is None or top.name is None:
        return ("", 0.0, "")
    return (top.entity_id.rsplit("-", 1)[-1], top.score, top.name.listed_name)


@pytest.mark.parametrize(
    ("typed", "source_id"),
    [
        ("GHAVAMIN ABNK", "s1"),  # "Bank" with its first two letters swapped
        ("SB INTERNATIONAL SALR", "s2"),  # a legal form's letters swapped
        ("JOINT STOCK COMPANY SBERBANK PRIVATE PENSION UFND", "s3"),
    ],
)
def test_a_short_word_with_two_letters_swapped_still_finds_the_firm(
    slips: Screener, typed: str, source_id: str
) -> None:
    found, score, _ = _best(slips, typed, "Organization")
    assert (found, score >= slips.settings.threshold) == (source_id, True)


def test_a_listed_name_with_its_first_letters_swapped_is_another_name(slips: Screener) -> None:
    # "Inna" is a name the lists print: it is no slip for "Nina" (while an unprinted "Abnk"
    # is one for "Bank").
    vocab = slips.index.vocab
    assert vocab.ids["nina"] not in vocab.expand(analyze_name("Inna").tokens[0]).sims
    assert not any(r.entity_id.endswith("s4") for r in slips.match(Query(names=("Inna PETROVA",))))


def test_a_name_longer_than_the_rarest_words_is_found_whole_and_mistyped(
    slips: Screener,
) -> None:
    # 23 words: more than retrieval looks up (the rest may pair in a form holding those) and
    # more than the 16 words a listed rendering once kept.
    listed = SLIPS[6].name
    found, score, _ = _best(slips, listed, "Organization")
    assert (found, score) == ("s7", pytest.approx(score)) and score >= 0.95
    found, score, _ = _best(slips, listed.replace("REPUBLIC", "REPUBLIVC"), "Organization")
    assert found == "s7" and score >= 0.9


def test_among_many_renderings_of_a_party_the_one_that_aligns_best_is_scored(
    slips: Screener,
) -> None:
    # Estimates above 1 say little: the renderings holding more of the query come first, not
    # those with another spelling of the patronymic.
    found, score, listed = _best(slips, "Atnon Genadzevich DUDAL", "Person")
    assert (found, listed) == ("s6", "Anton Genadzevich DUDAL") and score >= 0.9


@pytest.mark.parametrize(
    "typed",
    [
        "DOINT STOCK COMPANY ECHELON TECHNOLOGIES",  # a legal form's first letter wrong
        "JOINT TSOCK COMPANY ECHELON TECHNOLOGIES",  # ... its first two letters swapped
        "JINT STOCK COMPNY ECHELON TECHNOLOGIES",  # two of its three words mistyped
    ],
)
def test_a_mistyped_legal_form_still_finds_the_firm(slips: Screener, typed: str) -> None:
    found, score, _ = _best(slips, typed, "Organization")
    assert found == "s8" and score >= 0.9


def test_a_short_form_with_a_letter_dropped_is_the_form(slips: Screener) -> None:
    # "FUE" is FSUE with the S dropped: left the rarest word there is, the firm scored nothing.
    found, score, _ = _best(slips, "FUE “VNIIA”", "Organization")
    assert found == "s12" and score >= 0.9
    # "PJS" is itself a form (Iran's private joint stock company), of PJSC's family.
    found, score, _ = _best(slips, "PJS Power Machines", "Organization")
    assert found == "s13" and score >= 0.9
    # A dropped first letter is no form's: "URL" is a slip of "URAL", not of EURL.
    found, score, _ = _best(slips, "AKTSIONERNOE OBSHCHESTVO AKONIT URL", "Organization")
    assert found == "s14" and score >= 0.8


@pytest.fixture(scope="module")
def printed_forms() -> Screener:
    return screener_of(
        [
            Listed("p1", "OJSC “Aviaagregat”", schema="Organization"),
            Listed("p2", "OJC RPC PSI", schema="Organization"),  # "OJC": a word the lists print
            Listed("p3", "CJSC NPC Aquamarine", schema="Organization"),
            Listed("p4", "CSC", schema="Organization"),
            Listed("p5", "Ivan PETROV"),
        ]
    )


def test_a_short_form_mistyped_as_a_word_the_lists_print_is_the_form_too(
    printed_forms: Screener,
) -> None:
    # "OJC" is OJSC with the S dropped, "CSC" CJSC with the J; the lists also print both as
    # acronyms, which weighed as rare words and left the firm's own name far below.
    found, score, _ = _best(printed_forms, "OJC “Aviaagregat”", "Organization")
    assert found == "p1" and score >= 0.9
    found, score, _ = _best(printed_forms, "CSC NPC Aquaarine", "Organization")
    assert found == "p3" and score >= 0.9
    # The acronyms themselves are still found as printed.
    found, score, _ = _best(printed_forms, "OJC RPC PSI", "Organization")
    assert found == "p2" and score >= 0.95
    # A form alone is no firm, and a person's name word is no form.
    assert _best(printed_forms, "CSC LLC", "Organization")[0] != "p3"
    assert not printed_forms.match(Query(names=("Ivan CSC",), schema="Person"))


def test_a_firms_word_the_lists_also_print_as_a_title_is_still_mistyped(slips: Screener) -> None:
    vocab = slips.index.vocab
    assert vocab.kind(vocab.ids["general"]) is TokenKind.STOPWORD
    found, score, _ = _best(slips, "TARTOUS PORT GENEAL COMPANY", "Organization")
    assert found == "s9" and score >= slips.settings.threshold


def test_a_mistyped_name_word_closer_to_it_than_to_a_legal_form_stays_that_word(
    slips: Screener,
) -> None:
    # "Corporadcion" is one slip from the name word "CORPORACION", two from "Corporation".
    found, score, _ = _best(slips, "CORPORADCION DE INVERSIONES EMPRESARIALES S.A.", "Company")
    assert found == "s11" and score >= 0.9


@pytest.fixture(scope="module")
def titled() -> Screener:
    return screener_of(
        [
            Listed("ti1", "General Ghassan BELAL"),
            Listed("ti2", "Mawlawi Nanai"),
            Listed("ti3", "Mawlawi Abdul Rahman ZAHED"),  # "Mawlawi" a particle here
            Listed("ti4", "Brigadier Omar KHALAF"),
        ]
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Gceneral Ghassan BELAL", "ti1"),
        ("Mawalwi Nanai", "ti2"),  # the title beside one name word: the name's first word
        ("Brigadeir Omar KHALAF", "ti4"),
    ],
)
def test_a_mistyped_title_still_finds_the_person(
    titled: Screener, typed: str, expected: str
) -> None:
    # Lists print titles as particles, which the vocabulary keeps as such: a slip in one made
    # a word the lists never print, as rare as can be and left unpaired.
    vocab = titled.index.vocab
    assert vocab.kind(vocab.ids["general"]) is TokenKind.STOPWORD
    found, score, _ = _best(titled, typed, "Person")
    assert found == expected and score >= titled.settings.threshold


def test_a_mistyped_title_weighs_what_the_title_weighs(titled: Screener) -> None:
    token = analyze_name("Gceneral Omar").tokens[0]
    expansion = titled.index.expand(token)
    assert titled.index.vocab.ids["general"] in expansion.sims
    assert expansion.weight <= titled.index.expand(analyze_name("General").tokens[0]).weight + 1
    assert not _found(titled, "Gceneral Omar BELAL", "Person")


def test_a_mistyped_word_weighs_as_the_listed_word_it_pairs_with() -> None:
    # "Ahmaid" is one slip from "Ahmadi" and from the common "Ahmad": paired with "Ahmadi", it
    # weighs as "Ahmadi" (it weighed as whichever came first, and "M.R. Ahmaid" fell to 0.62).
    common = [Listed(f"c{n}", f"Ahmad {given} KARIMI") for n, given in enumerate("ABCDEFGHIJ")]
    screener = screener_of([*common, Listed("m1", "M.R. Ahmadi")])
    found = screener.match(Query(names=("M.R. Ahmaid",), schema="Person"))
    assert found and found[0].entity_id.endswith("-m1")
    pair = next(t for t in found[0].name.tokens if t.query == "ahmaid") if found[0].name else None
    vocab = screener.index.vocab
    assert pair is not None and pair.listed == "ahmadi"
    assert pair.weight == pytest.approx(vocab.weights[vocab.ids["ahmadi"]], abs=0.01)


def test_two_letters_swapped_in_a_short_unprinted_word_are_a_slip() -> None:
    # (0.85 by sound, and "JSC LMOO" scored 0.19 on "JSC LOMO".) Not one letter changed.
    assert typo_similarity("lmoo", "lomo") == SLIP_MAX
    assert typo_similarity("abnk", "bank") == SLIP_MAX
    assert typo_similarity("atna", "anna") < 0.9
    screener = screener_of([Listed("l1", "JSC LOMO", schema="Company")])
    vocab = screener.index.vocab
    assert vocab.expand(analyze_name("Lmoo").tokens[0]).sims[vocab.ids["lomo"]] == SLIP_MAX
    assert any(r.entity_id.endswith("-l1") for r in screener.match(Query(names=("JSC LMOO",))))


def test_a_slip_at_a_words_end_is_no_slip_but_another_suffix() -> None:
    # Names differ by their ends ("Ivanov", "Ivanova"): the Faker companies "Kade" and "Tauw"
    # alerted on the listed "KADEK" and "TAWU" when the last letter could change.
    assert typo_similarity("kade", "kadek") < 0.94
    assert typo_similarity("trost", "tros") < 0.94
    assert typo_similarity("tauw", "tawu") < 0.9
    assert typo_similarity("ivonva", "ivanva") == SLIP_MAX
    # A longer word's one typo counts as much as it did (0.95: no less for being a slip).
    assert typo_similarity("ivonova", "ivanova") == 0.95


def test_two_keyboard_slips_in_a_short_word_count_more_than_two_other_changes() -> None:
    from sanctionguard.match.vocabulary import KEYBOARD_TWO_SIM, SLIP_SIM

    # n -> h and e -> w are neighbouring keys; a letter dropped and two swapped at the end.
    assert typo_similarity("ohwga", "onega") == KEYBOARD_TWO_SIM
    assert typo_similarity("tiru", "timur") == KEYBOARD_TWO_SIM
    assert typo_similarity("abj", "anuj") == KEYBOARD_TWO_SIM
    # Letters far from each other stay two slips at most (or nothing at all).
    assert typo_similarity("ofiga", "onega") <= SLIP_SIM
    assert typo_similarity("plt", "post") == KEYBOARD_TWO_SIM  # o -> l, s left out
    # In longer words a third of the distance counts, under one slip's similarity.
    assert 0.88 < typo_similarity("totsyin", "torshin") < SLIP_MAX


def test_two_keyboard_slips_beside_a_rare_exact_word_alert() -> None:
    screener = screener_of(
        [Listed("k1", "Timur SAMATOV"), Listed("k2", "SC NIPTB Onega", schema="Company")]
    )
    assert any(e.endswith("k1") for e in _found(screener, "Tiru SAMATOV", "Person"))
    assert any(e.endswith("k2") for e in _found(screener, "SC NIPTB Ohwga", "Company"))
    # Another given name (letters no slip makes) beside the same surname stays off.
    assert not any(e.endswith("k1") for e in _found(screener, "Tigran SAMATOV", "Person"))


def test_a_neighbouring_key_in_four_letters_is_a_slip() -> None:
    # h and y touch: "Meyr Bank" is Mehr Bank mistyped (0.54 when a changed letter in four
    # counted half its distance); t and n do not: "Atna" stays another name than "Anna".
    assert typo_similarity("meyr", "mehr") == SLIP_MAX
    assert typo_similarity("arof", "arif") == SLIP_MAX
    assert typo_similarity("atna", "anna") < 0.9
    assert typo_similarity("mehy", "mehr") < 0.9  # (the last letter: names end otherwise)
    screener = screener_of([Listed("b1", "Mehr Bank", schema="Organization")])
    assert any(e.endswith("b1") for e in _found(screener, "Meyr Bank", "Organization"))


def test_a_typo_beside_common_words_is_found_where_they_are_held_together() -> None:
    # Neither "Hlaing" nor "Oo" is rare enough to anchor the search for a typo alone: the
    # forms holding both do ("Amug" is two keyboard slips from "Aung"; it also meets "Amig").
    screener = screener_of(
        [
            Listed("a1", "Aung Hlaing Oo"),
            Listed("a2", "Amig Oo"),
            Listed("a3", "Min Aung Hlaing"),
            Listed("a4", "Kyaw Hlaing"),
        ]
    )
    assert any(e.endswith("-a1") for e in _found(screener, "Amug Hlaing Oo"))


def test_common_words_held_together_by_many_forms_anchor_no_typo() -> None:
    # "Muhammad Mohammed" together are in hundreds of forms: taken as an anchor, each was
    # estimated as if "Moahamed" paired with its other words, and the listed AL-SHAAR fell
    # out of the candidates.
    fillers = [
        Listed(f"m{i}", f"Muhammad Mohammed {word}")
        for i, word in enumerate(
            f"{a}{b}{c}"
            for a in "bdfgklmnprst"
            for b in "aeiou"
            for c in ("zar", "mun", "tiq", "bol")
        )
    ]
    screener = screener_of(
        [*fillers, Listed("s1", "Mohammad (a.k.a. Mohamed, Muhammad, Mohammed) AL-SHAAR")]
    )
    query = "Mohammad (a.k.a. Moahamed Muhammad Mohammed) AL-SHAAR"
    assert any(e.endswith("-s1") for e in _found(screener, query, "Person"))


def test_the_lookup_counts_two_keyboard_slips_as_alignment_does() -> None:
    # "Snksms" for "SINSMS" (i and n swapped, i then struck as its neighbour k): the deletion
    # lookup found the pair at two typos' 0.83, and alignment never asked again.
    screener = screener_of([Listed("s1", "SINSMS PTE. LTD.", schema="Organization")])
    vocab = screener.index.vocab
    sims = vocab.expand(analyze_name("Snksms").tokens[0]).sims
    assert sims[vocab.ids["sinsms"]] == pytest.approx(typo_similarity("snksms", "sinsms"))
    assert sims[vocab.ids["sinsms"]] > 0.88
