"""Hardened, streaming XML reading for untrusted list files.

Official lists never declare entities; a document type declaration with ``<!ENTITY`` or an
external DTD is refused before parsing (XXE, billion laughs). lxml is additionally configured
not to resolve entities, not to load DTDs and not to touch the network. Syntax errors become
``ListFormatError`` naming the line. Reading records out of the parsed tree is ``xmllist``'s.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypedDict

from lxml import etree

from sanctionguard.errors import ListFormatError, UnsafeInputError

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_DANGEROUS = re.compile(rb"<!ENTITY|\bSYSTEM\b|\bPUBLIC\b", re.IGNORECASE)
_ROOT = re.compile(rb"<[A-Za-z_]")


class _Hardening(TypedDict):
    resolve_entities: bool
    no_network: bool
    load_dtd: bool
    huge_tree: bool
    remove_comments: bool
    remove_pis: bool


# The same hardening for streamed and whole-document parsing.
_PARSER_OPTIONS: _Hardening = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


def check_prolog(data: bytes, path: Path) -> None:
    """Refuse documents whose prolog declares entities or an external DTD."""
    match = _DOCTYPE.search(data, 0, 1 << 20)
    if match is None:
        return
    root = _ROOT.search(data, match.end())
    prolog = data[match.start() : root.start() if root else len(data)]
    if _DANGEROUS.search(prolog):
        line = data.count(b"\n", 0, match.start()) + 1
        raise UnsafeInputError(
            path,
            "the XML declares entities or an external DTD (possible XXE or entity-expansion "
            "attack); official lists never do, so the file was refused",
            line=line,
            element="!DOCTYPE",
        )


def _check(data: bytes, path: Path) -> None:
    check_prolog(data, path)
    if not data.strip():
        raise ListFormatError(path, "the file is empty")


def iter_elements(data: bytes, path: Path, tags: Iterable[str]) -> Iterator[etree._Element]:
    """Stream the elements with the given local names, freeing each after use.

    The caller must finish with an element before advancing the iterator.
    """
    _check(data, path)
    wanted = [f"{{*}}{t}" for t in tags]
    events = etree.iterparse(io.BytesIO(data), events=("end",), tag=wanted, **_PARSER_OPTIONS)
    try:
        for _, element in events:
            yield element
            element.clear(keep_tail=False)
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        raise ListFormatError(path, f"malformed XML: {exc.msg}", line=exc.lineno) from exc


def parse_document(data: bytes, path: Path) -> etree._Element:
    """Parse a whole (small) document safely and return its root element."""
    _check(data, path)
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ListFormatError(path, f"malformed XML: {exc.msg}", line=exc.lineno) from exc
