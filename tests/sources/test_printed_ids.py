"""Reading identifiers out of printed cells (sources/printed_ids.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sanctionguard.model.identifiers import IdKind
from sanctionguard.sources.printed_ids import (
    bic_codes,
    document_number,
    imo_numbers,
    registry_numbers,
)


def found(raw: str) -> list[tuple[IdKind, str, str | None]]:
    return [(i.kind, i.number, i.note) for i in registry_numbers(raw)]


def test_labels_before_or_after_a_number_give_its_scheme() -> None:
    assert found("OGRN – 1125261000040; INN – 5261079332; KPP - 526101001") == [
        (IdKind.OGRN, "1125261000040", None),
        (IdKind.INN, "5261079332", None),
        (IdKind.OTHER, "526101001", "KPP"),
    ]
    assert found("2723112662 (Tax ID/INN)") == [(IdKind.INN, "2723112662", None)]
    assert found("ИНН/taxpayer identification number: 5259113339") == [
        (IdKind.INN, "5259113339", None)
    ]
    assert found("OGRN-1175024024130") == [(IdKind.OGRN, "1175024024130", None)]


def test_unknown_labels_stay_registration_numbers_with_the_label_as_note() -> None:
    assert found("UK Company no. 06527449") == [(IdKind.REGISTRATION, "06527449", "UK Company no.")]
    assert found("3142653 (CR No.)") == [(IdKind.REGISTRATION, "3142653", "CR No.")]
    assert found("TIN 9709056472") == [(IdKind.TAX_ID, "9709056472", None)]


def test_text_without_a_number_is_kept_whole() -> None:
    assert found("Russia Licence No. – 1885") == [
        (IdKind.REGISTRATION, "Russia Licence No. – 1885", None)
    ]
    assert found("") == []


def test_document_numbers_are_read_with_their_issuer() -> None:
    doc = document_number("Libya number FK117RK0, issued on 25 Nov. 2018")
    assert (doc.number, doc.country) == ("FK117RK0", "ly")
    doc = document_number("3520025509842-7 (Pakistani)")
    assert (doc.number, doc.country) == ("3520025509842-7", "pk")
    assert document_number("'00868774").number == "00868774"
    assert document_number("A123456").note is None


@given(st.text(max_size=80))
def test_any_text_is_read_without_error(text: str) -> None:
    registry_numbers(text)
    document_number(text)


def test_imo_numbers_are_found_in_prose_however_the_label_is_worded() -> None:
    text = (
        "Company Identification No.1053001124483; IMO Identification Number: 6016988 (Company); "
        "vessel IMO 9187629; IMO 12345678 is too long"
    )
    assert imo_numbers(text) == ["6016988", "9187629"]
    assert imo_numbers("Imo State, Nigeria 1234567") == []


def test_bic_codes_are_found_after_a_swift_or_bic_label() -> None:
    assert bic_codes("SWIFT/BIC: SABRRUMM; BIC code: VTBRRUMMXXX; SWIFT SABRRUMM") == [
        "SABRRUMM",
        "VTBRRUMMXXX",
    ]
