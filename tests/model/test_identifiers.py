"""Identifiers are typed, normalised and validated, and invalid ones are kept and marked."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sanctionguard.model.identifiers import IdKind, make_identifier


def _imo_check(six: str) -> str:
    return str(sum(int(d) * w for d, w in zip(six, range(7, 1, -1), strict=True)) % 10)


@given(st.text(alphabet="0123456789", min_size=6, max_size=6).filter(lambda s: s != "000000"))
def test_an_imo_with_the_right_check_digit_is_valid_and_a_wrong_one_is_not(six: str) -> None:
    good = six + _imo_check(six)
    bad = six + str((int(_imo_check(six)) + 1) % 10)
    assert make_identifier(IdKind.IMO, f"IMO {good}", vessel=True).valid is True
    assert make_identifier(IdKind.IMO, f"IMO {good}").value == good
    assert make_identifier(IdKind.IMO, bad, vessel=True).valid is False


def test_real_identifiers_validate() -> None:
    assert make_identifier(IdKind.IMO, "9187629").valid is True
    assert make_identifier(IdKind.LEI, "253400WSS48YWMBUA688").valid is True
    assert make_identifier(IdKind.INN, "7707083893").valid is True  # Sberbank
    assert make_identifier(IdKind.OGRN, "1027700132195").valid is True  # Sberbank
    assert make_identifier(IdKind.BIC, "SABR RU MM").value == "SABRRUMM"
    assert make_identifier(IdKind.BIC, "SABRRUMM").valid is True
    assert make_identifier(IdKind.BIC, "VTBRRUMMXXX").value == "VTBRRUMM"
    assert make_identifier(IdKind.BIC, "DEUTDEFF500").value == "DEUTDEFF500"


def test_invalid_identifiers_are_kept_with_their_raw_text() -> None:
    ident = make_identifier(IdKind.INN, " 7707083894 ", "ru")
    assert ident.valid is False
    assert ident.raw == "7707083894"
    assert ident.country == "ru"


def test_identifiers_without_a_checksum_have_no_verdict() -> None:
    assert make_identifier(IdKind.PASSPORT, "ab 1234567").valid is None
    assert make_identifier(IdKind.PASSPORT, "ab  1234567").value == "AB 1234567"


def test_mmsi_needs_nine_digits_and_a_ship_station_prefix() -> None:
    assert make_identifier(IdKind.MMSI, "273 456 789").valid is True
    assert make_identifier(IdKind.MMSI, "12345678").valid is False
    assert make_identifier(IdKind.MMSI, "111456789").valid is False


def test_wallet_addresses_are_recognised_by_form() -> None:
    assert make_identifier(IdKind.CRYPTO_WALLET, "0x" + "a" * 40).valid is True
    assert make_identifier(IdKind.CRYPTO_WALLET, "1BoatSLRHtKNngkdXEeobR76b53LETtpyT").valid is True
    assert make_identifier(IdKind.CRYPTO_WALLET, "not-a-wallet").valid is None


@given(st.sampled_from(list(IdKind)), st.text(min_size=1))
def test_make_identifier_never_fails_and_never_drops_a_value(kind: IdKind, raw: str) -> None:
    ident = make_identifier(kind, raw)
    assert ident.kind is kind
    assert ident.raw == raw.strip()
    assert ident.valid in (True, False, None)
