"""The FollowTheMoney JSON-lines parser (sources/ftm_json.py)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanctionguard.errors import ListFormatError
from sanctionguard.model.entry import BirthDate, ListEntry, NameKind
from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources import ftm_json
from sanctionguard.sources.base import ParseReport
from tests.sources.mutations import MUTATIONS, mutate, read_damaged
from tests.sources.parsing import FIXTURES, FormatFixture, load_list, names, refused, sniffed
from tests.sources.parsing import by_source_id as by_id

FTM = FormatFixture(ftm_json.SPEC, FIXTURES / "ftm_json" / "entities.ftm.json", "entities.ftm.json")
FIXTURE = FTM.path
DEMO_LIST = "xx_demo_sanctions"
parse_file, write = FTM.parse, FTM.write


def line(**entity: object) -> str:
    return json.dumps({"properties": {}, **entity}, ensure_ascii=False)


# --- real data -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def zala(shared_data: Path) -> tuple[list[ListEntry], ParseReport, str]:
    path = shared_data / "opensanctions" / "yente_fixtures" / "zala" / "entities.ftm.json"
    source = load_list(path, ftm_json.SPEC)
    return source.entries, source.report, source.info.name


def test_the_real_zala_slice_yields_one_entry_per_ftm_entity(
    zala: tuple[list[ListEntry], ParseReport, str],
) -> None:
    entries, report, _ = zala
    assert len(entries) == 91
    assert report.records_read == 91
    assert Counter(e.schema for e in entries) == {
        "Sanction": 41,
        "Ownership": 14,
        "Company": 11,
        "Address": 11,
        "Person": 6,
        "Family": 4,
        "Directorship": 3,
        "Passport": 1,
    }
    assert report.published == "2026-04-29"


def test_a_slice_mixing_datasets_is_one_list_under_the_fallback_name(
    zala: tuple[list[ListEntry], ParseReport, str],
) -> None:
    entries, _, list_name = zala
    assert list_name == "opensanctions_ftm"
    assert {e.list_name for e in entries} == {"opensanctions_ftm"}


def test_real_ownership_edges_point_at_entries_of_the_same_load(
    zala: tuple[list[ListEntry], ParseReport, str],
) -> None:
    entries = by_id(zala[0])
    ownerships = [e for e in entries.values() if e.schema == "Ownership"]
    assert len(ownerships) == 14
    for ownership in ownerships:
        [owner] = ownership.main.get("owner")
        [asset] = ownership.main.get("asset")
        assert owner in entries and asset in entries
    assert all(e.main.id == e.id == e.source_id for e in entries.values())


def test_a_known_person_keeps_names_by_kind_identifiers_and_programmes(
    zala: tuple[list[ListEntry], ParseReport, str],
) -> None:
    entry = by_id(zala[0])["NK-2Tbri3s6GgNtAwsSXh4qpL"]
    assert entry.schema == "Person"
    assert "Maria Aleksandrovna OSETROVA" in names(entry, NameKind.PRIMARY)
    assert "Mariya Aleksandrovna Osetrova" in names(entry, NameKind.STRONG_ALIAS)
    assert "Maria Aleksandrovna Zakharova" in names(entry, NameKind.FORMER)
    [inn] = [i for i in entry.identifiers if i.kind is IdKind.INN]
    assert (inn.value, inn.valid) == ("183116181362", True)
    assert entry.birth_dates == [BirthDate("1988-01-07")]
    assert {"GB-RUS", "US-RUSHAR", "UA-SA1644"} <= set(entry.programs)


def test_the_real_t1_slice_is_named_after_its_single_dataset(shared_data: Path) -> None:
    path = shared_data / "opensanctions" / "yente_fixtures" / "t1" / "entities.ftm.json"
    source = load_list(path, ftm_json.SPEC)
    assert source.info.name == "opensanctions_eu_fsf"
    assert Counter(e.schema for e in source.entries) == {
        "Organization": 2,
        "Person": 4,
        "Address": 1,
    }


# --- hand-made fixture -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> tuple[dict[str, ListEntry], ParseReport]:
    entries, report = parse_file(FIXTURE)
    return by_id(entries), report


def test_the_file_is_recognised_by_its_content_and_named_after_its_dataset(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, FIXTURE.read_bytes(), name="export.txt")
    detection = sniffed(ftm_json.sniff, path)
    assert detection is not None
    assert (detection.format, detection.list_name) == ("ftm_json", f"opensanctions_{DEMO_LIST}")
    other = write(tmp_path, b'{"type": "FeatureCollection", "features": []}\n', name="geo.json")
    assert sniffed(ftm_json.sniff, other) is None


def test_every_entity_keeps_its_id_and_blank_lines_are_skipped(
    sample: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    entries, report = sample
    assert sorted(entries) == [
        "xx-demo-addr-1",
        "xx-demo-comp-1",
        "xx-demo-own-1",
        "xx-demo-pass-1",
        "xx-demo-pers-1",
        "xx-demo-sanc-1",
        "xx-demo-sanc-2",
        "xx-demo-ves-1",
    ]
    assert report.records_read == 8
    assert entries["xx-demo-own-1"].origin == "entities.ftm.json:6"
    assert report.published == "2024-05-02"


def test_name_properties_become_primary_strong_weak_and_former_names(
    sample: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    person = sample[0]["xx-demo-pers-1"]
    assert names(person, NameKind.PRIMARY) == ["Ivan Examplov"]
    assert names(person, NameKind.STRONG_ALIAS) == ["Ivan Ekzamplov"]
    assert names(person, NameKind.WEAK_ALIAS) == ["Vanya"]
    assert names(person, NameKind.FORMER) == ["Ivan Oldname"]
    assert person.birth_dates == [BirthDate("1970-05-01"), BirthDate("1971")]
    assert person.remarks == ["Director of Example Metals."]
    assert person.main.get("nationality") == ["ru"]


def test_identifier_properties_become_typed_identifiers_and_bad_ones_are_marked(
    sample: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    company = sample[0]["xx-demo-comp-1"]
    found = {(i.kind, i.value, i.valid) for i in company.identifiers}
    assert found == {
        (IdKind.OGRN, "1027700123450", True),
        (IdKind.INN, "7704123451", False),
        (IdKind.LEI, "5493001KJTIIGC8Y1R12", True),
        (IdKind.IMO, "5987652", True),
    }
    assert company.main.get("innCode") == []
    vessel = sample[0]["xx-demo-ves-1"]
    kinds = {i.kind: (i.value, i.valid) for i in vessel.identifiers}
    assert kinds[IdKind.IMO] == ("9234563", True)
    assert kinds[IdKind.MMSI] == ("273123456", True)
    assert kinds[IdKind.CALL_SIGN] == ("UBXY7", None)
    assert names(vessel, NameKind.FORMER) == ["OLD STAR"]
    assert vessel.main.get("flag") == ["ru"]


def test_sanctions_before_or_after_their_party_give_it_the_earliest_listing_date(
    sample: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    company = sample[0]["xx-demo-comp-1"]
    assert company.listed_on == "2021-06-01"
    assert company.programs == ["XX-OTHER", "XX-DEMO"]
    assert sample[0]["xx-demo-pers-1"].listed_on is None


def test_relationship_entities_are_entries_of_their_own_without_a_made_up_sanction(
    sample: tuple[dict[str, ListEntry], ParseReport],
) -> None:
    entries, _ = sample
    ownership = entries["xx-demo-own-1"]
    assert ownership.schema == "Ownership"
    assert ownership.main.get("owner") == ["xx-demo-pers-1"]
    assert ownership.main.get("asset") == ["xx-demo-comp-1"]
    assert ownership.main.get("percentage") == ["51"]
    assert all(len(e.entities) == 1 for e in entries.values())
    sanction = entries["xx-demo-sanc-1"]
    assert sanction.main.get("entity") == ["xx-demo-comp-1"]
    assert sanction.main.get("listingDate") == ["2022-03-15"]
    assert sanction.programs == ["XX-DEMO"]
    assert entries["xx-demo-pass-1"].main.get("holder") == ["xx-demo-pers-1"]


def test_entities_lacking_a_common_dataset_fall_back_to_one_list_name(tmp_path: Path) -> None:
    text = "\n".join(
        [
            line(id="a", schema="Person", properties={"name": ["A"]}, datasets=["x", "y"]),
            line(id="b", schema="Person", properties={"name": ["B"]}, datasets=["y"]),
            line(id="c", schema="Person", properties={"name": ["C"]}),
        ]
    )
    both = sniffed(ftm_json.sniff, write(tmp_path, text.encode()))
    assert both is not None and both.list_name == "opensanctions_ftm"
    two = "\n".join(text.split("\n")[:2])
    common = sniffed(ftm_json.sniff, write(tmp_path, two.encode(), "b.json"))
    assert common is not None and common.list_name == "opensanctions_y"


def test_a_birth_date_that_is_not_a_date_is_kept_as_a_remark(tmp_path: Path) -> None:
    text = line(id="p", schema="Person", properties={"birthDate": ["unknown", "1970-02"]})
    [entry], _ = parse_file(write(tmp_path, text.encode()))
    assert entry.birth_dates == [BirthDate("1970-02")]
    assert entry.remarks == ["Birth date as published: unknown"]


# --- bad input -------------------------------------------------------------------------------


def test_an_empty_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    refused(parse_file, write(tmp_path, b"\n\n"), match=r"entities\.ftm\.json")


def test_a_truncated_file_is_refused_with_its_line(tmp_path: Path) -> None:
    data = FIXTURE.read_bytes()
    cut = data[: data.index(b"xx-demo-own-1") + 20]
    error = refused(parse_file, write(tmp_path, cut), match="not valid JSON")
    assert error.line == 6


def test_a_file_in_the_wrong_encoding_is_refused_with_its_line(tmp_path: Path) -> None:
    latin = FIXTURE.read_bytes().replace(b"Moscow", "Moskvá".encode("latin-1"), 1)
    error = refused(parse_file, write(tmp_path, latin, name="latin.json"), match=r"latin\.json")
    assert error.line == 4


def test_an_unknown_schema_is_refused_naming_the_line(tmp_path: Path) -> None:
    text = line(id="a", schema="Person") + "\n" + line(id="b", schema="Spaceship")
    error = refused(parse_file, write(tmp_path, text.encode()), match="Spaceship")
    assert error.line == 2


def test_an_unknown_property_is_refused_naming_the_line(tmp_path: Path) -> None:
    text = line(id="a", schema="Vessel", properties={"wingspan": ["40 m"]})
    error = refused(parse_file, write(tmp_path, text.encode()), match="wingspan")
    assert error.line == 1


def test_a_line_that_is_not_an_entity_object_is_refused(tmp_path: Path) -> None:
    for bad, message in [
        ("[1, 2]", "one JSON object"),
        (line(schema="Person"), "no 'id'"),
        (line(id="a", schema="Person", properties={"name": "A"}), "lists of strings"),
        (line(id="a", schema="Thing"), "abstract"),
    ]:
        with pytest.raises(ListFormatError, match=message) as error:
            parse_file(write(tmp_path, f"{line(id='ok', schema='Person')}\n{bad}\n".encode()))
        assert error.value.line == 2


@settings(max_examples=60, deadline=None)
@given(**MUTATIONS)
def test_mutated_ftm_files_raise_nothing_but_list_format_errors(
    at: int, junk: bytes, cut: int
) -> None:
    read_damaged(parse_file, mutate(FIXTURE.read_bytes(), at, junk, cut), FTM.name)


@settings(max_examples=60, deadline=None)
@given(
    entity=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda c: st.lists(c) | st.dictionaries(st.text(), c),
        max_leaves=20,
    )
)
def test_arbitrary_json_values_raise_nothing_but_list_format_errors(entity: object) -> None:
    read_damaged(parse_file, json.dumps(entity).encode(), FTM.name)
