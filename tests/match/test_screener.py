"""What a user of ``Screener`` notices: who is found, in which order, why, and what is refused."""

from __future__ import annotations

import pytest

from sanctionguard.errors import SanctionguardError
from sanctionguard.match.query import QueryError
from sanctionguard.match.screener import Screener
from sanctionguard.match.types import DEFAULT_THRESHOLD, Algorithm, Query
from sanctionguard.model.identifiers import IdKind, make_identifier
from tests.match.conftest import Listed, captions, screener_of


def top(screener: Screener, query: Query) -> str | None:
    found = screener.match(query)
    return found[0].caption if found else None


def score_of(screener: Screener, query: Query, caption: str) -> float:
    found = screener.match(query, threshold=0.0, limit=50)
    return next((r.score for r in found if r.caption == caption), 0.0)


# -- real OFAC data ----------------------------------------------------------------------------


def test_dmitry_shugayev_finds_ofac_shugaev_at_the_top(ofac: Screener) -> None:
    found = ofac.match(Query(("Dmitry Shugayev",)))
    assert found and found[0].lists == ("us_ofac_sdn",)
    assert found[0].caption == "SHUGAYEV, Dmitry"
    assert found[0].record["programs"] == ["RUSSIA-EO14024"]


def test_the_cyrillic_spelling_finds_ofac_shugaev_too(ofac: Screener) -> None:
    found = ofac.match(Query(("Дмитрий Шугаев",)))
    assert found and found[0].caption == "SHUGAYEV, Dmitry"
    assert found[0].match


def test_a_typo_in_the_surname_still_finds_shugaev(ofac: Screener) -> None:
    assert top(ofac, Query(("Dmitri Shugajev",))) == "SHUGAYEV, Dmitry"


def test_a_generation_suffix_does_not_hide_shugaev(ofac: Screener) -> None:
    # "Jr." was a name word the listing lacks: the real Shugaev scored 0.12.
    found = ofac.match(Query(("Dmitry Shugayev Jr.",), schema="Person"))
    assert found and found[0].caption == "SHUGAYEV, Dmitry"


def test_a_patronymic_spelt_with_ij_meets_the_bgn_spelling(ofac: Screener) -> None:
    # OFAC prints "Anatolijevitch"; its key missed "Anatolyevich"'s, which then read as
    # another father's name (0.16).
    found = ofac.match(Query(("Victor Anatolyevich But",), schema="Person"))
    assert found and found[0].caption == "BOUT, Viktor Anatolijevitch"


def test_a_korean_name_in_revised_romanisation_finds_the_dprk_spelling(ofac: Screener) -> None:
    # OFAC spells North Korean names as the DPRK does; South Korean usage and RR tools write
    # "eo" and "eu" for its "o" and "u" (no result at all scored 0.5 before).
    found = ofac.match(Query(("Kim Jeong-eun",), schema="Person"))
    assert found and found[0].caption == "KIM, Jong Un"
    found = ofac.match(Query(("Gim Yeo-jong",), schema="Person"))
    assert found and found[0].caption == "KIM, Yo Jong"


def test_the_dprk_reading_of_an_rr_name_meets_only_the_same_syllables() -> None:
    # The reading is exact syllable by syllable: 정 "jong" is no 영 "yong" (one edit apart,
    # 0.95 as plain Latin words), and a syllable one name lacks is another given name.
    screener = screener_of([Listed("k1", "KIM Yong Nam"), Listed("k2", "KIM Song Chol")])
    assert top(screener, Query(("Gim Yeong-nam",), schema="Person")) == "KIM Yong Nam"
    assert top(screener, Query(("Gim Jeong-nam",), schema="Person")) is None
    assert top(screener, Query(("Gim Sang-cheol",), schema="Person")) is None


def test_a_given_names_syllables_in_the_other_order_are_another_name() -> None:
    # 은정 "Eun-jeong" is not 정은 "Jong Un": written apart in RR and read as the DPRK spells
    # it, the syllables' order counts (0.98 before, as for the same name).
    screener = screener_of([Listed("k1", "KIM Jong Un")])
    assert top(screener, Query(("Kim Jeong-eun",), schema="Person")) == "KIM Jong Un"
    assert top(screener, Query(("Jeong-eun Kim",), schema="Person")) == "KIM Jong Un"
    assert top(screener, Query(("Kim Eun-jeong",), schema="Person")) is None
    # (Hangul's parts are a guess where the family name comes last: no order is read there.)
    assert top(screener, Query(("정은 김",), schema="Person")) == "KIM Jong Un"


def test_george_bush_alerts_on_nobody_in_the_sdn_list(ofac: Screener) -> None:
    assert ofac.match(Query(("George Bush",))) == []


def test_a_conflicting_birth_date_silences_the_real_shugaev(ofac: Screener) -> None:
    query = Query(("Dmitry Shugayev",), birth_dates=("1990-02-03",))
    assert ofac.match(query) == []


def test_sdn_vessel_is_found_by_its_imo_whatever_it_is_called_now(ofac: Screener) -> None:
    vessel = next(
        e
        for e in ofac.index.entities
        if e.schema == "Vessel" and any(i.valid for i in e.identifiers)
    )
    imo = next(i for i in vessel.identifiers if i.kind is IdKind.IMO)
    query = Query(
        ("SOME NEW NAME",), schema="Vessel", identifiers=(make_identifier(IdKind.IMO, imo.value),)
    )
    found = ofac.match(query)
    assert found[0].entity_id == vessel.entity_id
    assert found[0].score > 0.95
    # A person's record carrying that number (a data-entry slip) is not shown the vessel: the
    # schemas cannot describe the same party.
    person = Query(
        ("SOME NEW NAME",), schema="Person", identifiers=(make_identifier(IdKind.IMO, imo.value),)
    )
    assert all(r.entity_id != vessel.entity_id for r in ofac.match(person, threshold=0.0))


# -- names -------------------------------------------------------------------------------------


def test_george_bush_does_not_match_george_habbash(screener: Screener) -> None:
    assert score_of(screener, Query(("George Bush",)), "HABBASH, George") < 0.3


def test_order_case_and_punctuation_do_not_matter(screener: Screener) -> None:
    for name in ("dmitry shugayev", "SHUGAYEV DMITRY", "Shugayev, Dmitry.", "Dmitry  SHUGAYEV"):
        assert top(screener, Query((name,))) == "SHUGAYEV, Dmitry", name


def test_abd_printed_apart_from_its_name_is_still_abdul() -> None:
    # Word order shuffled in a record: "Abd" left alone is the "Abd al-" of "Abd al-Rahman".
    screener = screener_of([Listed("p", "'Abd al-Rahman Khalaf al-'Anizi")])
    assert captions(screener, "al-Anizi Khalaf al-Rahman Abd") == {
        "'Abd al-Rahman Khalaf al-'Anizi"
    }


def test_a_missing_patronymic_costs_little(screener: Screener) -> None:
    full = score_of(screener, Query(("Dmitry Evgenyevich Shugaev",)), "SHUGAYEV, Dmitry")
    short = score_of(screener, Query(("Dmitry Shugaev",)), "SHUGAYEV, Dmitry")
    assert full > DEFAULT_THRESHOLD and short > DEFAULT_THRESHOLD


def test_a_missing_family_name_costs_much(screener: Screener) -> None:
    assert score_of(screener, Query(("Dmitry Evgenyevich",)), "SHUGAYEV, Dmitry") < 0.3


def test_an_initial_stands_for_the_given_name(screener: Screener) -> None:
    assert top(screener, Query(("D. Shugayev",))) == "SHUGAYEV, Dmitry"


def test_hangul_finds_kim_jong_un_and_latin_finds_the_hangul_name(screener: Screener) -> None:
    assert top(screener, Query(("김정은",))) == "KIM, Jong Un"
    assert top(screener, Query(("Kim Jong-un",))) == "KIM, Jong Un"


def test_a_glued_legal_form_meets_the_spaced_one(screener: Screener) -> None:
    assert top(screener, Query(("JSCARGUMENT",))) == "JSC ARGUMENT"
    assert top(screener, Query(("ARGUMENT OOO",))) == "JSC ARGUMENT"


def test_a_word_is_not_cut_to_leave_a_particle_at_its_end() -> None:
    # Particles come before their word ("al rashid", "van dijk"): "Seidel" is no "SEI del" and
    # "Balla" no "BAL la", which alerted on SHIRAZ ELECTRONICS INDUSTRIES (SEI) and BUTEMBO
    # AIRLINES (BAL) on the acronym alone.
    screener = screener_of(
        [
            Listed("g1", "SEI", schema="Company"),
            Listed("g2", "BAL", schema="Company"),
            Listed("g4", "Mahmoud AL RASHIDI"),
            Listed("g5", "Maria del Carmen LA ROSA"),
            Listed("g6", "MPS", schema="Company"),
        ]
    )
    assert top(screener, Query(("Seidel",), schema="Company")) is None
    assert top(screener, Query(("Balla s.r.l.",), schema="Company")) is None
    assert top(screener, Query(("Damps",), schema="Company")) is None  # nor "da MPS"
    assert top(screener, Query(("Mahmoud Alrashidi",))) == "Mahmoud AL RASHIDI"  # articles lead


def test_numbers_must_agree(screener: Screener) -> None:
    assert top(screener, Query(("11420 CORP",))) == "11420 CORP"
    assert score_of(screener, Query(("11421 CORP",)), "11420 CORP") < 0.3
    assert score_of(screener, Query(("ACME CORP",)), "11420 CORP") < 0.3
    with pytest.raises(QueryError):  # a bare legal form names nobody
        screener.match(Query(("CORP",)))


def test_a_weak_alias_counts_less_than_the_same_name_as_primary() -> None:
    screener = screener_of(
        [
            Listed("1", "Abu Hafs", list_name="a"),
            Listed("2", "Omar SAEED", weak=["Abu Hafs"], list_name="b"),
        ]
    )
    found = {r.lists[0]: r for r in screener.match(Query(("Abu Hafs",)), threshold=0.0)}
    assert found["b"].score < found["a"].score
    assert any(f.name == "weak_alias" and f.value < 0 for f in found["b"].features)


# -- other evidence ----------------------------------------------------------------------------


def test_a_common_name_alone_scores_below_name_birth_date_and_passport(screener: Screener) -> None:
    alone = score_of(screener, Query(("Mohammed Ali",), schema="Person"), "ALI, Mohammed")
    passport = make_identifier(IdKind.PASSPORT, "A1234567", "Iraq")
    full = Query(
        ("Mohammed Ali",), schema="Person", birth_dates=("1970-01-01",), identifiers=(passport,)
    )
    everything = score_of(screener, full, "ALI, Mohammed")
    assert alone < everything
    assert everything > 0.99
    assert everything - alone > 0.05


def test_a_conflicting_birth_year_pushes_a_common_name_below_the_threshold(
    screener: Screener,
) -> None:
    query = Query(("Mohammed Ali",), schema="Person", birth_dates=("1982",))
    assert score_of(screener, query, "ALI, Mohammed") < DEFAULT_THRESHOLD


def test_a_matching_birth_date_raises_the_score(screener: Screener) -> None:
    plain = score_of(screener, Query(("Mohammed Ali",)), "ALI, Mohammed")
    dated = score_of(screener, Query(("Mohammed Ali",), birth_dates=("1970",)), "ALI, Mohammed")
    assert dated > plain


@pytest.mark.parametrize(
    ("kind", "value", "caption"),
    [
        (IdKind.IMO, "IMO 9187629", "OCEAN GLORY"),
        (IdKind.INN, "7707083893", "JSC ARGUMENT"),
        (IdKind.LEI, "529900T8BM49AURSDO55", "Mohammed Ali Trading LLC"),
        (IdKind.BIC, "VTBRRUMMXXX", "VTB BANK PJSC"),
    ],
)
def test_a_validated_identifier_is_near_certain_whatever_the_name(
    screener: Screener, kind: IdKind, value: str, caption: str
) -> None:
    query = Query(("Completely Different Name",), identifiers=(make_identifier(kind, value),))
    found = screener.match(query)
    assert found[0].caption == caption
    assert found[0].score > 0.98
    assert any(f.name == "identifier_match" and f.value == 1.0 for f in found[0].features)


def test_a_query_may_hold_only_an_identifier(screener: Screener) -> None:
    found = screener.match(Query((), identifiers=(make_identifier(IdKind.IMO, "9187629"),)))
    assert [r.caption for r in found] == ["OCEAN GLORY"]
    assert found[0].name is None  # nothing to align; the caption says who it is
    assert next(f for f in found[0].features if f.name == "name_similarity").value == 0


def test_another_imo_for_the_same_vessel_name_is_negative_evidence(screener: Screener) -> None:
    plain = score_of(screener, Query(("OCEAN GLORY",), schema="Vessel"), "OCEAN GLORY")
    other = Query(
        ("OCEAN GLORY",), schema="Vessel", identifiers=(make_identifier(IdKind.IMO, "9321483"),)
    )
    conflicting = score_of(screener, other, "OCEAN GLORY")
    assert conflicting < plain
    assert conflicting < DEFAULT_THRESHOLD


def test_a_former_vessel_name_still_finds_the_vessel(screener: Screener) -> None:
    assert top(screener, Query(("SEA PEARL",), schema="Vessel")) == "OCEAN GLORY"


def test_a_passport_issued_by_another_country_is_weak_evidence_and_says_so(
    screener: Screener,
) -> None:
    passport = make_identifier(IdKind.PASSPORT, "A1234567", "Syria")
    found = screener.match(Query(("Mohammed Ali",), identifiers=(passport,)), threshold=0.0)
    result = next(r for r in found if r.caption == "ALI, Mohammed")
    weak = next(f for f in result.features if f.name == "identifier_weak")
    assert weak.value == 1.0
    assert "sy" in weak.reason
    assert next(f for f in result.features if f.name == "identifier_match").value == 0


def test_an_invalid_identifier_match_is_weak_evidence() -> None:
    screener = screener_of(
        [Listed("1", "NOVA LLC", schema="Organization", ids=[(IdKind.INN, "1234567890", None)])]
    )
    query = Query(("Unrelated",), identifiers=(make_identifier(IdKind.INN, "1234567890"),))
    found = screener.match(query, threshold=0.0)
    weak = next(f for f in found[0].features if f.name == "identifier_weak")
    assert weak.value == 1.0 and "checksum" in weak.reason
    assert found[0].score < DEFAULT_THRESHOLD


def test_a_gender_conflict_lowers_the_score(screener: Screener) -> None:
    plain = score_of(screener, Query(("Dmitry Shugayev",)), "SHUGAYEV, Dmitry")
    other = score_of(screener, Query(("Dmitry Shugayev",), gender="female"), "SHUGAYEV, Dmitry")
    assert other < plain


def test_a_shared_nationality_raises_and_another_lowers_the_score(screener: Screener) -> None:
    plain = score_of(screener, Query(("Dmitry Shugayev",)), "SHUGAYEV, Dmitry")
    shared = score_of(
        screener, Query(("Dmitry Shugayev",), countries=("Russia",)), "SHUGAYEV, Dmitry"
    )
    other = score_of(screener, Query(("Dmitry Shugayev",), countries=("br",)), "SHUGAYEV, Dmitry")
    assert other < plain < shared


# -- schemas, ordering, limits -----------------------------------------------------------------


def test_a_person_query_never_returns_a_vessel(screener: Screener) -> None:
    found = screener.match(Query(("Dmitry Shugaev",), schema="Person"), threshold=0.0, limit=50)
    assert found and all(r.schema != "Vessel" for r in found)
    vessels = screener.match(Query(("Dmitry Shugaev Vessel",), schema="Vessel"), threshold=0.0)
    assert {r.schema for r in vessels} == {"Vessel"}


def test_an_organization_query_meets_companies_and_legal_entities() -> None:
    screener = screener_of(
        [
            Listed("1", "ROSOBORONEXPORT", schema="Company"),
            Listed("2", "ROSOBORONEXPORT", schema="LegalEntity", list_name="other"),
            Listed("3", "ROSOBORONEXPORT", schema="Person", list_name="third"),
        ]
    )
    found = screener.match(Query(("Rosoboronexport",), schema="Organization"))
    assert sorted(r.schema for r in found) == ["Company", "LegalEntity"]


def test_a_name_with_a_legal_form_is_read_as_a_firm_when_no_schema_is_given() -> None:
    screener = screener_of(
        [
            Listed("gang", "Ferdens TILUS", aliases=["General Meyer"]),
            Listed("vessel", "MEYER", schema="Vessel"),
            Listed("firm", "MEYER TRADING BV", schema="Company"),
        ]
    )
    found = screener.match(Query(("Meyer BV",)), threshold=0.0, limit=10)
    assert {r.entity_id for r in found} == {"test-list-firm"}
    # Without the legal form the name may be anybody's.
    alone = {r.entity_id for r in screener.match(Query(("Meyer",)), threshold=0.0, limit=10)}
    assert {"test-list-gang", "test-list-vessel"} <= alone


def test_two_letters_between_a_persons_names_are_no_legal_form_that_makes_a_firm() -> None:
    # The Tuareg "ag" (son of) is Germany's AG: "IYAD AG GHALI", the UN's QDi.316, found
    # nobody when no schema was given. A form first or last still makes the name a firm's.
    screener = screener_of(
        [Listed("p", "IYAD AG GHALI"), Listed("firm", "GHALI TRADING AG", schema="Company")]
    )
    found = {r.entity_id for r in screener.match(Query(("Iyad ag Ghali",)))}
    assert "test-list-p" in found
    firm = screener.match(Query(("Ghali AG",)), threshold=0.0, limit=10)
    assert {r.entity_id for r in firm} == {"test-list-firm"}


def test_an_arabic_article_is_no_legal_form_that_makes_a_firm() -> None:
    # "AS" and "AB" are Norway's and Sweden's legal forms, and the article as- and the kunya Ab-.
    screener = screener_of([Listed("p", "Ali AS-SAFRANI"), Listed("q", "Ab-Bilal")])
    assert "test-list-p" in {r.entity_id for r in screener.match(Query(("Ali AS-SAFRANI",)))}
    assert "test-list-q" in {r.entity_id for r in screener.match(Query(("Ab-Bilal",)))}


def test_results_are_best_first_above_the_threshold_and_limited(screener: Screener) -> None:
    found = screener.match(Query(("Ali",)), threshold=0.0, limit=3)
    assert len(found) <= 3
    assert [r.score for r in found] == sorted((r.score for r in found), reverse=True)
    high = screener.match(Query(("Dmitry Shugayev",)), threshold=0.9)
    assert all(r.score >= 0.9 and r.match for r in high)


def test_every_result_carries_its_list_and_authority_reference(screener: Screener) -> None:
    found = screener.match(Query(("Dmitry Shugayev",), id="customer-7"))
    assert found[0].lists == ("test_list",)
    assert found[0].source_ids == ("2",)
    assert found[0].query_id == "customer-7"


# -- explanations ------------------------------------------------------------------------------


def test_the_explanation_names_the_aligned_tokens(screener: Screener) -> None:
    result = screener.match(Query(("Dmitri Shugaev",)))[0]
    assert result.name is not None
    pairs = {(t.query, t.listed) for t in result.name.tokens}
    assert ("dmitri", "dmitry") in pairs
    assert ("shugaev", "shugaev") in pairs
    assert result.name.listed_name == "SHUGAEV, Dmitry Evgenyevich"
    unpaired = [t for t in result.name.tokens if t.query is None]
    assert [t.listed for t in unpaired] == ["evgenyevich"]


def test_every_feature_is_reported_with_its_weight_and_reason(screener: Screener) -> None:
    result = screener.match(Query(("Dmitry Shugayev",), birth_dates=("1965-08-11",)))[0]
    names = [f.name for f in result.features]
    assert "name_similarity" in names and "birth_date" in names
    birth = next(f for f in result.features if f.name == "birth_date")
    assert birth.value == 1.0 and birth.weight > 0 and "1965-08-11" in birth.reason
    assert result.explanation()["name"]["tokens"]


# -- the OFAC-style algorithm ------------------------------------------------------------------


def test_the_ofac_style_mode_scores_names_only(screener: Screener) -> None:
    query = Query(("Dmitry Shugayev",), birth_dates=("1990",))
    found = screener.match(query, algorithm=Algorithm.OFAC_NAME)
    assert found[0].caption == "SHUGAYEV, Dmitry"
    assert found[0].score == 1.0
    assert [f.name for f in found[0].features] == ["ofac_name"]


def test_the_ofac_style_mode_blocks_on_first_letters(screener: Screener) -> None:
    found = screener.match(Query(("Zmitry Zhugayev",)), algorithm="ofac-name", threshold=0.0)
    assert all(r.caption != "SHUGAYEV, Dmitry" or r.score == 0 for r in found)


# -- bad queries -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (Query(()), "nothing to screen"),
        (Query(("",)), "nothing to screen"),
        (Query(("...!!",)), "nothing to screen"),
        (Query(("x" * 10_000,)), "too long"),
        (Query(("Dmitry",), schema="Spaceship"), "unknown schema"),
        (Query(("Dmitry",), birth_dates=("31/02/1970",)), "not an ISO date"),
        (Query(("Dmitry",), countries=("Atlantis",)), "unknown country"),
        (Query(("Dmitry",), gender="x"), "unknown gender"),
    ],
)
def test_a_bad_query_raises_a_clear_error(screener: Screener, query: Query, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        screener.match(query)
    assert issubclass(QueryError, SanctionguardError)


def test_a_batch_reports_bad_queries_and_goes_on(screener: Screener) -> None:
    items = screener.match_many(
        [Query(("Dmitry Shugayev",)), Query(("",)), Query(("Kim Jong Un",))]
    )
    assert [i.position for i in items] == [0, 1, 2]
    assert items[0].results and items[2].results
    assert isinstance(items[1].error, QueryError) and not items[1].results


def test_dotted_abbreviations_meet_the_plain_spelling() -> None:
    screener = screener_of([Listed("1", "SIS DOO", schema="Organization")])
    assert top(screener, Query(("S.I.S. d.o.o.",))) == "SIS DOO"
    assert top(screener, Query(("sis doo",))) == "SIS DOO"


def test_a_mistyped_legal_form_word_is_still_a_legal_form() -> None:
    screener = screener_of([Listed("1", "FULMEN COMPANY", schema="Organization")])
    assert top(screener, Query(("FULMEN COMAPNY",))) == "FULMEN COMPANY"
