"""Legal forms: recognised over word sequences and canonicalised."""

from __future__ import annotations

import csv
from importlib.resources import files

import pytest

from sanctionguard.names.analyze import analyze_name
from sanctionguard.names.legal_forms import legal_form_code, match_legal_form, split_glued
from sanctionguard.names.types import TokenKind


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ooo", "llc"),
        ("llc", "llc"),
        ("tov", "llc"),
        ("ao", "jsc"),
        ("jsc", "jsc"),
        ("pao", "pjsc"),
        ("pjsc", "pjsc"),
        ("zao", "cjsc"),
        ("oao", "ojsc"),
        ("gmbh", "gmbh"),
        ("fze", "fze"),
        ("dmcc", "dmcc"),
        ("corporation", "corp"),
        ("fkp", "fke"),  # Russian federal state-owned enterprise
        ("fgbu", "fsbi"),  # ... federal state budgetary institution
        ("fgau", "fsai"),  # ... federal state autonomous institution
        ("pjs", "prjsc"),  # Iran's private joint stock company, as OFAC prints it
    ],
)
def test_abbreviations_map_to_their_code(text: str, code: str) -> None:
    assert legal_form_code(text) == code


def test_multi_word_forms_are_one_token_in_every_romanisation() -> None:
    for words in (
        "limited liability company romashka",
        "obshchestvo s ogranichennoy otvetstvennostyu romashka",
        "obshchestvo s ogranichennoi otvetstvennostiu romashka",
        "obshhestvo s ogranichennoj otvetstvennostyu romashka",
    ):
        assert match_legal_form(words.split(), 0) == ("llc", len(words.split()) - 1)
    assert match_legal_form(["pryvatne", "aktsionerne", "tovarystvo", "pars"], 0) == ("prjsc", 3)
    # (Not "private joint stock company": "private" stays a word beside the JSC, as another
    # rendering keeps it: "PRIVATE Aktsionernoe Obshchestvo MAKO HOLDING".)


def test_one_letter_is_not_a_legal_form() -> None:
    assert legal_form_code("o") is None
    assert match_legal_form(["o", "brien"], 0) is None


def test_joint_stock_company_variants_stay_distinct_but_all_are_legal_forms() -> None:
    codes = {analyze_name(f"{form} Argument").legal_forms for form in ("AO", "ZAO", "OAO", "PAO")}
    assert codes == {
        frozenset({"jsc"}),
        frozenset({"cjsc"}),
        frozenset({"ojsc"}),
        frozenset({"pjsc"}),
    }


def test_glued_forms_are_split_only_when_the_rest_is_a_word() -> None:
    assert split_glued("jscargument") == ("jsc", "argument")
    assert split_glued("romashkallc") == ("romashka", "llc")
    assert split_glued("paoletti") == ("paoletti",)
    assert split_glued("jscar") == ("jscar",)


def test_dotted_abbreviation_is_a_legal_form() -> None:
    assert analyze_name("Banco Atlantico S.A.").legal_forms == {"sa"}
    assert analyze_name("SIS D.O.O.").legal_forms == {"doo"}


def test_person_names_are_not_split_for_glued_forms() -> None:
    name = analyze_name("Llcarlos Jscovich", schema="Person")
    assert name.legal_forms == frozenset()


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Gros S.A.S.", "sas"),
        ("Jesus S/A", "sa"),
        ("Banco Benet S.C.P", "scp"),
        ("Tecnologias Acevedo S.Com.", "scom"),
        ("Grupo Falco S.Coop.", "scoop"),
        ("Logistica SY S.L.L.", "sll"),
        ("Industrias Aldu S.L.", "sl"),
        ("SMT TECNOLOGIA, C.A.", "ca"),
        ("Acme Mining Pty Ltd", "ltd"),
        ("Demirel A.Ş.", "as"),
        ("Golan s.c.", "sc"),
        ("Kowalski sp. j.", "spj"),
        ("Smith & Jones, P.C.", "pc"),  # a US professional corporation
        ("PC UEC-KUZNETSOV", "pc"),
    ],
)
def test_latin_american_and_european_forms_written_with_dots_or_slashes_are_legal_forms(
    name: str, code: str
) -> None:
    # Unrecognised, "S.A.S." or "C.A." were initials, which pair with any word of their letter:
    # "Jesus S/A" alerted on the person "Jesus ARREDONDO-SANCHEZ".
    analyzed = analyze_name(name)
    assert analyzed.legal_forms == {code}
    assert not any(t.kind.name == "INITIAL" for t in analyzed.tokens)


def test_mexican_sa_de_cv_is_one_legal_form() -> None:
    name = analyze_name("Sistemas Elite de Seguridad Privada, S.A. de C.V.")
    assert name.legal_forms == {"sa"}
    assert [t.text for t in name.tokens][-1] == "sa"


def test_legal_form_table_is_well_formed() -> None:
    text = files("sanctionguard.names").joinpath("legal_forms.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    seen: dict[str, str] = {}
    for row in rows:
        code, form = row["code"], row["form"]
        assert code and code.isascii() and code.isalpha() and code == code.lower()
        assert form and form.isascii() and form == form.lower() and form == " ".join(form.split())
        assert seen.setdefault(form, code) == code, f"{form!r} has two codes"
    assert len(rows) > 100


@pytest.mark.parametrize(
    ("printed", "written"),
    [
        ("CONFIDERI PTE LTD", "CONFIDERI PTE Limited"),
        ("Conduit Technologies Pvt., Ltd.", "Conduit Technologies Private Limited"),
        ("CAMELIAS BAR, S.A. DE C.V.", "CAMELIAS BAR Sociedad Anónima de Capital Variable"),
        ("Azia Shipping Company LLC", "Azia Shipping Company Limited Liability Company"),
        ("DIS TICARET LIMITED SIRKETI", "DIS TICARET Ltd SIRKETI"),
        ("OOO Romashka", "O.O.O. Romashka"),
        ("PAO Gazprom", "Publichnoe Aktsionernoe Obshchestvo Gazprom"),
        ("ZAO Vektor", "Zakrytoe aktsionernoe obshchestvo Vektor"),
        ("OOO Logistika", "Obshchestvo s Ogranichennoy Otvet·stvennost'yu Logistika"),
    ],
)
def test_a_legal_form_written_another_way_gives_the_same_tokens(printed: str, written: str) -> None:
    assert [t.text for t in analyze_name(written).tokens] == [
        t.text for t in analyze_name(printed).tokens
    ]


def test_a_mistyped_form_of_several_words_is_still_the_form() -> None:
    assert [t.text for t in analyze_name("Planar Oen Jont Stock Company").tokens] == [
        "planar",
        "ojsc",
    ]
    assert analyze_name("AKTSIONERNOE OBSHCHDSTVO ZAVOD").tokens[0].text == "jsc"


def test_a_name_word_next_to_a_short_form_is_not_taken_for_a_typo() -> None:
    assert [t.text for t in analyze_name("Pet Ltd").tokens] == ["pet", "ltd"]
    assert [t.text for t in analyze_name("Open Stock").tokens] == ["open", "stock"]


def test_a_long_first_word_mistyped_twice_still_makes_a_long_form() -> None:
    # "Liniteed" is two slips from "limited"; the rest of the form is spelled right.
    assert [t.text for t in analyze_name("LINITEED LIABILITY COMPANY ALFA").tokens] == [
        "llc",
        "alfa",
    ]
    # Two slips are too many for a short word, and for a form of two words unless the word
    # has nine letters or more.
    assert analyze_name("Limtd Liability Company").tokens[0].text == "limtd"
    assert "liniteed" in [t.text for t in analyze_name("Liniteed Partnership Alfa").tokens]
    assert analyze_name("AKIONERNOE OBSHCHESTVO AKONIT").tokens[0].text == "jsc"
    assert analyze_name("AKTSIONERNOE OBSHCHSTO MOVEN").tokens[0].text == "jsc"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Doint Stock Company Echelon", "jsc"),  # the first letter wrong, in five letters
        ("Federal Dtate Financed Institution of Science Lebedev", "fsbi"),
        ("Joint Tsock Company Echelon", "jsc"),  # the first two letters swapped
        ("Ilmited Liability Company Alfa", "llc"),
        ("Limietd Liability Comapny Alfa", "llc"),  # all words but one mistyped
        ("Lrmited Liability Cojpany Alfa", "llc"),  # (no word of it spelt as a form starts)
    ],
)
def test_a_form_mistyped_anywhere_is_still_the_form(typed: str, code: str) -> None:
    assert analyze_name(typed).tokens[0].text == code


def test_a_forms_word_mistyped_in_its_spelling_skeleton_is_the_form() -> None:
    # (Typo stress: "Jinnt Stock Company United Engine Corporation" read "jinnt", printed
    # nowhere and so the rarest word there is, and scored 0.11 on the party's own name.)
    assert analyze_name("Jinnt Stock Company United Engine").tokens[0].text == "jsc"
    # "ogranichennoi" spells the form's "ogranichennoy": two typos from the one, three from
    # the other.
    typed = "OBSHCHESTVO S OGPANICHENNDI OTVETSTVENNOSTYU MEDSTANDART"
    assert analyze_name(typed).tokens[0].text == "llc"
    assert analyze_name("Ninnt Stock Company Alfa").tokens[0].text == "ninnt"


def test_a_name_word_one_letter_from_a_forms_word_is_not_a_form() -> None:
    # A form's words are mistyped only beside the form's other words.
    assert [t.text for t in analyze_name("Stick Alfa").tokens] == ["stick", "alfa"]
    assert [t.text for t in analyze_name("Tsock Limited").tokens] == ["tsock", "ltd"]


def test_letters_that_spell_a_form_are_initials_in_a_persons_name() -> None:
    # "C. A." and "S. A." are a person's initials, not the Venezuelan and Latin forms: they must
    # still pair with the given names they stand for.
    for name in ("John C. A. Smith", "Khalid S. A. Al-Ahmad", "Maria S A Costa"):
        analyzed = analyze_name(name, schema="Person")
        assert analyzed.legal_forms == frozenset(), name
        assert sum(t.kind.name == "INITIAL" for t in analyzed.tokens) == 2, name
    assert analyze_name("SMT TECNOLOGIA, C.A.", schema="Company").legal_forms == {"ca"}


def test_russian_forms_written_out_read_as_their_codes() -> None:
    for printed, code in (
        ("FEDERAL STATE ENTERPRISE PERM POWDER PLANT", "fke"),
        ("FKP Perm Powder Plant", "fke"),
        ("FEDERAL STATE FINANCED INSTITUTION OF SCIENCE LEBEDEV PHYSICAL INSTITUTE", "fsbi"),
        ("FEDERAL STATE AUTONOMOUS INSTITUTION TECHNOPOLIS ERA", "fsai"),
        ("STATE CORPORATION ROSTEC", "stcorp"),  # OFAC; the other lists print "Rostec"
        ("GOSUDARSTVENNAYA KORPORATSIYA ROSTEKH", "stcorp"),
        ("JOINT PUBLIC STOCK COMPANY NEVSKOE DESIGN BUREAU", "pjsc"),  # (OFAC's word order)
    ):
        first = analyze_name(printed).tokens[0]
        assert (first.text, first.kind) == (code, TokenKind.LEGAL_FORM)
