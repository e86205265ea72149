"""Hostile XML is refused before parsing; malformed XML is reported with its line."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionguard.errors import ListFormatError, UnsafeInputError
from sanctionguard.sources.xmlsafe import iter_elements, parse_document

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&xxe;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol3;</lolz>
"""


@pytest.mark.parametrize("payload", [XXE, LAUGHS], ids=["external-entity", "billion-laughs"])
def test_entity_declarations_are_refused_naming_the_file_and_line(payload: bytes) -> None:
    path = Path("hostile.xml")
    with pytest.raises(UnsafeInputError) as info:
        list(iter_elements(payload, path, ["INDIVIDUAL"]))
    assert info.value.path == "hostile.xml"
    assert info.value.line == 2
    assert "hostile.xml:2" in str(info.value)
    with pytest.raises(UnsafeInputError):
        parse_document(payload, path)


def test_truncated_xml_reports_the_line_where_it_broke() -> None:
    data = b"<a>\n<b>one</b>\n<b>two</b>\n<b>thr"
    with pytest.raises(ListFormatError) as info:
        list(iter_elements(data, Path("cut.xml"), ["b"]))
    assert info.value.line is not None and info.value.line >= 4
    assert str(info.value).startswith("cut.xml:")


def test_elements_stream_in_document_order_regardless_of_namespace() -> None:
    data = b'<x:root xmlns:x="urn:a"><x:item>1</x:item><x:item>2</x:item></x:root>'
    assert [e.text for e in iter_elements(data, Path("n.xml"), ["item"])] == ["1", "2"]


@given(st.binary(max_size=300))
def test_arbitrary_bytes_raise_only_list_format_errors(data: bytes) -> None:
    with contextlib.suppress(ListFormatError):
        list(iter_elements(data, Path("fuzz.xml"), ["item"]))
