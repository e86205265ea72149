"""The EU Official Journal annex CSV parser (sources/eu_journal_csv.py).

Real-data tests read OpenSanctions' transcription of the EU annexes (CC BY-NC, never copied
here); the fixtures under tests/fixtures/eu_journal_csv are hand-made with fictional parties.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctionguard.model.entry import BirthDate, ListEntry, NameKind, SanctionDetail
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources import eu_journal_csv
from sanctionguard.sources.base import Limits
from sanctionguard.sources.loader import ParsedSource, parse_paths
from tests.sources.mutations import read_damaged
from tests.sources.parsing import FormatFixture, names, refused, sniffed

FIXTURES = Path(__file__).parent.parent / "fixtures" / "eu_journal_csv"
HEADER = (FIXTURES / "consolidated" / "32010D9996.csv").read_text(encoding="utf-8")


JOURNAL = FormatFixture(
    eu_journal_csv.SPEC, FIXTURES / "consolidated" / "32012R9999.csv", "32012R9999.csv"
)
write, fixture_text = JOURNAL.write, JOURNAL.text


def load(*paths: Path) -> list[ParsedSource]:
    return parse_paths(list(paths), formats=[eu_journal_csv.SPEC])


def find(entries: list[ListEntry], caption: str) -> ListEntry:
    matches = [e for e in entries if e.caption == caption]
    assert len(matches) == 1, [e.caption for e in entries]
    return matches[0]


def rows_of(folder: Path) -> list[eu_journal_csv.JournalRow]:
    return [
        row
        for path in sorted(folder.glob("*.csv"))
        for row in eu_journal_csv.journal_rows(path, Limits())
    ]


# --- the real transcription ------------------------------------------------------------------


@pytest.fixture(scope="module")
def journal(shared_data: Path) -> Path:
    return shared_data / "eu" / "journal_sanctions"


@pytest.fixture(scope="module")
def consolidated(journal: Path) -> ParsedSource:
    (source,) = load(journal / "consolidated")
    return source


@pytest.fixture(scope="module")
def real_rows(journal: Path) -> list[eu_journal_csv.JournalRow]:
    return rows_of(journal / "consolidated")


def test_every_consolidated_row_is_read_with_its_schema(
    consolidated: ParsedSource, real_rows: list[eu_journal_csv.JournalRow]
) -> None:
    assert consolidated.report.records_read == 8017
    assert Counter(r.schema for r in real_rows) == {
        "Person": 4500,
        "LegalEntity": 2553,
        "Vessel": 708,
        "Company": 200,
        "Asset": 29,
        "Organization": 27,
    }


def test_rows_per_file_match_the_published_counts(journal: Path) -> None:
    folder = journal / "consolidated"
    counts = {
        "32014R0833.csv": 1746,
        "32014R0269.csv": 2802,
        "32017R1509.csv": 326,
        "32001R2580.csv": 36,
        "32004R0314.csv": 0,
    }
    for name, expected in counts.items():
        assert sum(1 for _ in eu_journal_csv.journal_rows(folder / name, Limits())) == expected


def test_a_party_listed_in_several_acts_is_one_entry(consolidated: ParsedSource) -> None:
    assert consolidated.info.name == "eu_journal_sanctions"
    assert consolidated.info.title == "EU sanctions annexes (Official Journal, consolidated acts)"
    assert consolidated.info.authority == "European Union"
    assert len(consolidated.entries) == 7921
    assert Counter(e.schema for e in consolidated.entries) == {
        "Person": 4486,
        "LegalEntity": 2486,
        "Vessel": 693,
        "Company": 200,
        "Asset": 29,
        "Organization": 27,
    }
    mipt = find(consolidated.entries, "Moscow Institute of Physics and Technology")
    assert mipt.schema == "Company"
    assert {"EU 269/2014 Annex I.ENTITIES", "EU 833/2014 Annex IV"} <= set(mipt.programs)


def test_annex_iv_of_regulation_833_2014_can_be_counted(
    consolidated: ParsedSource, real_rows: list[eu_journal_csv.JournalRow]
) -> None:
    annex_iv = [r for r in real_rows if r.celex == "32014R0833" and r.annex == "IV"]
    assert len(annex_iv) == 921
    # One party is printed twice in Annex IV, so it is one entry.
    entries = [e for e in consolidated.entries if "EU 833/2014 Annex IV" in e.programs]
    assert len(entries) == 920


def test_shadow_fleet_vessels_of_annex_xlii_all_carry_a_valid_imo(
    consolidated: ParsedSource, real_rows: list[eu_journal_csv.JournalRow]
) -> None:
    rows = [r for r in real_rows if r.celex == "32014R0833" and r.annex == "XLII"]
    assert len(rows) == 633
    assert all(r.schema == "Vessel" and r.get("imoNumber") for r in rows)
    vessels = [e for e in consolidated.entries if "EU 833/2014 Annex XLII" in e.programs]
    imos = {i.value for e in vessels for i in e.identifiers if i.kind is IdKind.IMO and i.valid}
    assert len(vessels) == len(imos) == 632
    ulyanov = find(consolidated.entries, "MIKHAIL ULYANOV")
    assert ulyanov.id == "eu-journal-sanctions-imo-9333670"
    assert ulyanov.main.get("imoNumber") == ["IMO9333670"]
    assert ulyanov.programs == ["EU-RUS", "EU 833/2014 Annex XLII"]


def test_a_real_person_has_names_birth_date_programme_and_listing_date(
    consolidated: ParsedSource,
) -> None:
    person = find(consolidated.entries, "Sergey Valeryevich AKSYONOV")
    assert "Сергей Валерьевич АКСЁНОВ" in names(person, NameKind.STRONG_ALIAS)
    assert "Sergei Valerievich AKSENOV" in names(person, NameKind.STRONG_ALIAS)
    assert person.birth_dates == [BirthDate("1972-11-26")]
    assert person.programs == ["EU-UKR", "EU 269/2014 Annex I.PERSONS"]
    assert person.listed_on == "2014-03-17"
    assert person.main.get("gender") == ["male"]
    assert person.remarks[0].startswith("Sergey Aksyonov was elected")


def test_a_real_hijri_birth_year_is_kept_as_printed_not_read_as_gregorian(
    consolidated: ParsedSource,
) -> None:
    pakpour = find(consolidated.entries, "PAKPOUR Mohammad")
    assert pakpour.birth_dates == [BirthDate("1961")]
    assert "Date of birth as printed: 1340 (Iranian Hijri calendar), 1961 (Gregorian calendar)" in (
        pakpour.remarks
    )


def test_a_real_export_control_end_user_keeps_its_inn(consolidated: ParsedSource) -> None:
    sirius = find(consolidated.entries, "JSC Sirius")
    inns = [i for i in sirius.identifiers if i.kind is IdKind.INN]
    assert [(i.value, i.valid) for i in inns] == [("7704730655", True)]
    assert sirius.listed_on == "2014-09-12"
    assert sirius.entities[1].get("provisions") == ["Export control"]


def test_namesakes_with_different_birth_years_stay_apart(consolidated: ParsedSource) -> None:
    kims = [e for e in consolidated.entries if e.caption.lower() == "kim yong chol"]
    assert sorted(bd.start for e in kims for bd in e.birth_dates) == ["1946", "1962-02-18"]


def test_the_amendment_files_form_their_own_list(journal: Path) -> None:
    (source,) = load(journal / "amendments")
    assert source.info.name == "eu_journal_amendments"
    assert source.report.records_read == 417
    assert len(source.entries) == 413


# --- hand-made fixtures ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_entries() -> list[ListEntry]:
    (source,) = load(FIXTURES / "consolidated")
    assert source.report.records_read == 11
    return source.entries


def test_rows_of_one_person_in_two_acts_merge_and_keep_both_programmes(
    fixture_entries: list[ListEntry],
) -> None:
    testovs = [e for e in fixture_entries if e.caption.lower() == "ivan petrovich testov"]
    assert len(testovs) == 2
    merged = next(e for e in testovs if BirthDate("1961-03-12") in e.birth_dates)
    assert merged.programs == [
        "EU-TST",
        "EU 9999/2012 Annex I",
        "EU-TST2",
        "EU 2023/9998 Annex I.A",
    ]
    assert merged.listed_on == "2014-03-17"
    assert merged.origin == "32012R9999.csv:2"
    assert merged.main.get("nationality") == ["ru"]
    assert merged.entities[1].get("sourceUrl") == [
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32012R9999",
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32023R9998",
    ]


def test_each_rows_measure_reason_and_act_are_the_sanctions_provisions_reason_and_source(
    fixture_entries: list[ListEntry],
) -> None:
    testov = next(e for e in fixture_entries if e.source_id.startswith("person-ivan-petrovich"))
    sanction = testov.sanction
    assert "Asset freeze" in sanction[SanctionDetail.PROVISIONS]
    assert "Fictional reason for the first listing." in sanction[SanctionDetail.REASON]
    assert "Fictional reason for the first listing." in testov.remarks
    assert sanction[SanctionDetail.SOURCE_URL][0] == (
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32012R9999"
    )
    assert testov.entities[1].get("reason") == sanction[SanctionDetail.REASON]


def test_a_namesake_born_years_later_is_a_separate_entry(fixture_entries: list[ListEntry]) -> None:
    namesake = next(e for e in fixture_entries if BirthDate("1968", "1973") in e.birth_dates)
    assert namesake.caption == "Ivan Petrovich Testov"
    assert namesake.remarks == ["A namesake of entry 1, born later."]


def test_quoted_values_and_original_script_pairs_become_separate_names(
    fixture_entries: list[ListEntry],
) -> None:
    testov = next(e for e in fixture_entries if BirthDate("1961-03-12") in e.birth_dates)
    aliases = names(testov, NameKind.STRONG_ALIAS)
    assert aliases == ["Ivan TESTOFF", "Иван Петрович ТЕСТОВ", "Testov; the elder"]
    assert [n.original_script for n in testov.names if n.kind is NameKind.STRONG_ALIAS] == [
        False,
        True,
        False,
    ]


def test_passport_number_is_read_out_of_the_printed_sentence(
    fixture_entries: list[ListEntry],
) -> None:
    testov = next(e for e in fixture_entries if BirthDate("1961-03-12") in e.birth_dates)
    (passport,) = [i for i in testov.identifiers if i.kind is IdKind.PASSPORT]
    assert (passport.value, passport.country) == ("7512345678", "ru")
    assert passport.note == "Russia number 7512345678, issued on 1.2.2010"


def test_approximate_and_alternative_birth_dates_are_kept(fixture_entries: list[ListEntry]) -> None:
    assert find(fixture_entries, "Olga TESTOVA").birth_dates == [BirthDate("1958", circa=True)]
    tester = find(fixture_entries, "Abu TESTER")
    assert tester.birth_dates == [BirthDate("1965-03-01"), BirthDate("1955")]
    assert names(tester, NameKind.WEAK_ALIAS) == ["Abu Test", "The Tester"]


def test_legal_entity_and_company_rows_of_one_firm_merge_as_company(
    fixture_entries: list[ListEntry],
) -> None:
    firm = find(fixture_entries, "JSC ‘Fictional Works’")
    assert firm.schema == "Company"
    assert names(firm, NameKind.PRIMARY) == ["JSC ‘Fictional Works’", "JSC 'FICTIONAL WORKS'"]
    kinds = {(i.kind, i.value, i.note) for i in firm.identifiers}
    assert (IdKind.OGRN, "1027700000001", None) in kinds
    assert (IdKind.INN, "7700000001", None) in kinds
    assert (IdKind.OTHER, "770001001", "KPP") in kinds
    assert firm.main.get("phone") == ["+ 7 (495) 000-00-00"]
    assert firm.entities[1].get("provisions") == ["Export control"]


def test_invalid_printed_identifiers_are_kept_and_marked(fixture_entries: list[ListEntry]) -> None:
    firm = find(fixture_entries, "JSC ‘Fictional Works’")
    inn = next(i for i in firm.identifiers if i.kind is IdKind.INN)
    assert inn.valid is False


def test_a_renamed_vessel_is_one_entry_by_its_imo_number(fixture_entries: list[ListEntry]) -> None:
    vessel = find(fixture_entries, "TEST CARRIER")
    assert vessel.schema == "Vessel"
    assert vessel.source_id == "imo-9187629"
    assert names(vessel, NameKind.PRIMARY) == ["TEST CARRIER", "TEST CARRIER II"]
    assert names(vessel, NameKind.FORMER) == ["OLD CARRIER"]
    assert vessel.main.get("flag") == ["cm"]
    assert {(i.kind, i.valid) for i in vessel.identifiers} == {
        (IdKind.IMO, True),
        (IdKind.MMSI, True),
    }


def test_assets_such_as_ports_are_kept_as_assets(fixture_entries: list[ListEntry]) -> None:
    port = find(fixture_entries, "Test Free Port")
    assert port.schema == "Asset"
    assert port.main.get("country") == ["ru"]
    assert port.programs == ["EU-TST", "EU 9999/2012 Annex LII.A"]


def test_a_person_without_birth_date_joins_no_namesake_and_keeps_the_reason(
    fixture_entries: list[ListEntry],
) -> None:
    undated = find(fixture_entries, "Nadia UNDATED")
    assert undated.programs == ["EU-TST2", "EU 2023/9998"]
    assert undated.remarks == ["Listed without a date of birth."]
    assert undated.listed_on is None


def test_amendment_rows_name_the_amended_and_the_amending_act() -> None:
    (source,) = load(FIXTURES / "amendments")
    assert source.info.name == "eu_journal_amendments"
    (entry,) = source.entries
    assert entry.programs == ["EU-TST", "EU 9999/2012 Annex I"]
    assert "Listed or amended by EU 2026/9997" in entry.remarks


def test_act_citations_follow_the_eu_numbering_rules() -> None:
    assert eu_journal_csv.act_label("32014R0833") == "833/2014"
    assert eu_journal_csv.act_label("32024R2642") == "2024/2642"
    assert eu_journal_csv.act_label("32010D0573") == "2010/573"
    assert eu_journal_csv.program_label("32014R0833", "XLII") == "EU 833/2014 Annex XLII"


def test_files_are_recognised_by_content_not_by_name(tmp_path: Path) -> None:
    renamed = tmp_path / "annex.txt"
    shutil.copy(FIXTURES / "amendments" / "32026R9997.csv", renamed)
    detection = sniffed(eu_journal_csv.sniff, renamed)
    assert detection is not None and detection.list_name == "eu_journal_amendments"
    other = tmp_path / "other.csv"
    other.write_text("celex,name\n32014R0833,X\n", encoding="utf-8")
    assert sniffed(eu_journal_csv.sniff, other) is None


# --- bad input -------------------------------------------------------------------------------


def test_a_truncated_file_is_refused_with_its_line(tmp_path: Path) -> None:
    text = fixture_text()
    cut = text[: text.index("Fictional reason for the first") + 5]
    err = refused(load, write(tmp_path, cut))
    assert err.path.endswith("32012R9999.csv")
    assert err.line == 2


def test_a_file_in_another_encoding_is_refused_with_its_line(tmp_path: Path) -> None:
    data = (
        fixture_text().replace("Иван Петрович ТЕСТОВ", "Ivan").replace("‘", "'").replace("’", "'")
    )
    data = data.replace("Olga TESTOVA", "Olga TESTOVÁ")
    err = refused(load, write(tmp_path, data.encode("latin-1")))
    assert err.line == 3
    assert "UTF-8" in str(err)


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    err = refused(load, write(tmp_path, ""), match="empty")
    assert err.path.endswith("32012R9999.csv")


def test_missing_columns_are_named(tmp_path: Path) -> None:
    text = fixture_text().replace(",schema,", ",kind,", 1)
    err = refused(load, write(tmp_path, text), match=r"missing column.*schema")
    assert err.line == 1


def test_an_unknown_schema_is_refused_with_its_line(tmp_path: Path) -> None:
    text = fixture_text().replace(",Asset,", ",Spaceship,", 1)
    err = refused(load, write(tmp_path, text), match="unknown schema 'Spaceship'")
    assert err.line == 7


def test_a_row_without_a_name_is_refused_with_its_line(tmp_path: Path) -> None:
    text = fixture_text().replace(",Olga TESTOVA,", ",,", 1)
    err = refused(load, write(tmp_path, text), match="name column is empty")
    assert err.line == 3


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.integers(min_value=0, max_value=4000),
    noise=st.binary(min_size=0, max_size=40),
    keep_header=st.booleans(),
)
def test_mangled_files_raise_nothing_but_list_format_errors(
    cut: int, noise: bytes, keep_header: bool
) -> None:
    data = fixture_text().encode("utf-8")
    head = HEADER.encode("utf-8") if keep_header else b""
    mangled = head + data[len(HEADER) :][:cut] + noise + data[len(HEADER) + cut :]
    read_damaged(load, mangled, JOURNAL.name)


def test_printed_nationality_lists_become_country_codes() -> None:
    assert eu_journal_csv.countries("Myanmar/Burma") == (["mm"], True)
    assert eu_journal_csv.countries("(a) German, (b) Moroccan") == (["de", "ma"], True)
    assert eu_journal_csv.countries("Italian since 1990") == (["it"], True)
    assert eu_journal_csv.countries("Sudanese by birth") == ([], False)
