"""Reference sets: versioned files with sources, read by typed readers, newest in force."""

from __future__ import annotations

from datetime import date

import pytest

from sanctionguard.maritime.problems import InputError
from sanctionguard.maritime.reference import SETS, load_table, parse_table, versions
from sanctionguard.maritime.reference.sets import TIER_ORDER, Reference, read_chpl


@pytest.mark.parametrize("name", SETS)
def test_every_reference_set_states_its_version_date_and_source(name: str) -> None:
    table = load_table(name)
    assert table.meta.version and table.meta.source
    assert table.rows


def test_the_chpl_has_fifty_codes_in_six_tiers() -> None:
    chpl = read_chpl()
    assert len(chpl.items) == 50
    assert {i.tier for i in chpl.items.values()} == set(TIER_ORDER)
    assert chpl.lookup("8542310090").tier == "1"  # national suffixes are ignored
    assert chpl.lookup("940330") is None


def test_a_date_before_the_first_version_is_refused_with_the_oldest_date() -> None:
    with pytest.raises(InputError, match="no version in force on 2000-01-01"):
        load_table("chpl", date(2000, 1, 1))


def test_the_newest_version_on_or_before_the_date_is_used() -> None:
    assert load_table("chpl", date(2030, 1, 1)).meta.effective == versions("chpl")[-1]


def test_a_reference_file_without_its_source_is_refused() -> None:
    with pytest.raises(InputError, match="missing '# source:'"):
        parse_table("# set: x\n# version: 1\n# effective: 2024-01-01\na,b\n1,2\n", "x.csv")


def test_a_new_version_is_read_from_its_file_alone() -> None:
    text = (
        "# set: hub_countries\n# version: v2\n# effective: 2025-01-01\n# source: s\ncountry\nXX\n"
    )
    table = parse_table(text, "hub_countries/2025-01-01.csv")
    assert table.meta.version == "v2" and table.rows[0]["country"] == "XX"


def test_international_group_clubs_are_found_by_short_names(reference: Reference) -> None:
    assert reference.pandi.find("Gard P&I (Bermuda) Ltd") is not None
    assert reference.pandi.find("NorthStandard Limited") is not None
    assert reference.pandi.find("Ingosstrakh Insurance Company") is None
    assert len(reference.pandi.bodies) == 12
