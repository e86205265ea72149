"""IMO check digits, MMSI MIDs and vessel-name keys."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sanctionguard.maritime.identity import (
    check_imo,
    mmsi_flag,
    normalise_mmsi,
    normalise_vessel_name,
)
from sanctionguard.maritime.reference.sets import Reference


def test_a_listed_tankers_imo_passes_its_check_digit() -> None:
    assert check_imo("IMO 9179842").valid  # Angara, EU Annex XLII


def test_a_mistyped_imo_is_reported_with_the_check_digit_it_should_have() -> None:
    check = check_imo("9179843")
    assert not check.valid
    assert check.expected_check == 2
    assert "check digit 3 is wrong" in check.explain()


def test_an_imo_of_the_wrong_length_is_invalid_not_an_error() -> None:
    assert not check_imo("917984").valid
    assert "not 7 digits" in check_imo("IMO 12").explain()


@given(st.text(alphabet="0123456789", min_size=6, max_size=6))
def test_exactly_one_check_digit_completes_six_digits(stem: str) -> None:
    valid = [d for d in "0123456789" if check_imo(stem + d).valid]
    assert len(valid) == 1


@given(st.text(max_size=30))
def test_imo_checking_never_raises(raw: str) -> None:
    check_imo(raw)


def test_the_mid_of_an_mmsi_gives_the_flag(reference: Reference) -> None:
    assert mmsi_flag("273 123 456", reference.mid) == "RU"
    assert mmsi_flag("620233000", reference.mid) == "KM"  # PETREL 8 (EU DPRK list)
    assert mmsi_flag("12345", reference.mid) is None
    assert normalise_mmsi("812345678") is None  # not a ship station


def test_vessel_names_compare_without_prefixes_and_punctuation() -> None:
    assert normalise_vessel_name("M/T  Sea-Pearl") == normalise_vessel_name("SEA PEARL")
