"""Reading list records out of XML: the root element, elements by local name, child indexes.

``xmlsafe`` opens untrusted documents; every XML list parser reads them through this module.
Sniffers see only a file's first bytes, so ``root_tag`` finds the root's local name and default
namespace there without parsing; parsers stream their records with ``records``, which refuses a
foreign root, and read each record through a ``ChildIndex``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from rigour.langs import iso_639_alpha3

from sanctionguard.errors import ListFormatError
from sanctionguard.model.dates import parse_date
from sanctionguard.sources.xmlsafe import iter_elements

_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*(\[.*?\])?\s*>", re.DOTALL | re.IGNORECASE)
_START_TAG = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)([^>]*)>?")
_XMLNS = re.compile(rb"""\sxmlns\s*=\s*["']([^"']*)["']""")


# --- elements by local name ----------------------------------------------------------------


def local_name(tag: object) -> str:
    """The tag without its namespace: ``{ns}name`` → ``name``."""
    text = str(tag)
    return text.rsplit("}", 1)[-1]


def text_of(element: etree._Element | None, *path: str) -> str | None:
    """The stripped text of the first descendant along ``path`` of local names, or None."""
    node = element
    for step in path:
        if node is None:
            return None
        node = next((c for c in node if local_name(c.tag) == step), None)
    if node is None or node.text is None:
        return None
    value = " ".join(node.text.split())
    return value or None


def children(element: etree._Element, name: str) -> list[etree._Element]:
    """Direct children with the given local name."""
    return [c for c in element if local_name(c.tag) == name]


def line_of(element: etree._Element) -> int | None:
    """The source line of a parsed element, for error messages (None when lxml lost it)."""
    line = element.sourceline
    return line if isinstance(line, int) else None


# --- the root element ------------------------------------------------------------------------


@dataclass(frozen=True)
class RootTag:
    """The root element as written: its local name and default namespace."""

    local: str
    namespace: str | None


def root_tag(head: bytes) -> RootTag | None:
    """The root element of an XML document from its first bytes, or None if there is none.

    A UTF-8 byte-order mark, the XML declaration, comments and a document type declaration
    before the root are skipped; ``None`` means the head does not look like XML at all.
    """
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not text.startswith(b"<"):
        return None
    text = _DOCTYPE.sub(b"", _COMMENT.sub(b"", text))
    match = _START_TAG.search(text)
    if match is None:
        return None
    namespace = _XMLNS.search(match.group(2))
    return RootTag(
        local=match.group(1).decode("ascii"),
        namespace=namespace.group(1).decode("utf-8", errors="replace") if namespace else None,
    )


def root_named(head: bytes, local: str) -> RootTag | None:
    """The root element from a file's first bytes when its local name is ``local``, else None."""
    root = root_tag(head)
    return root if root is not None and root.local == local else None


def document_root(element: etree._Element, path: Path, expected: str) -> etree._Element:
    """The root of a streamed element's document, refused unless its local name is ``expected``."""
    root = element.getroottree().getroot()
    name = local_name(root.tag)
    if name != expected:
        raise ListFormatError(
            path,
            f"root element is <{name}>, expected <{expected}>",
            line=line_of(root),
            element=name,
        )
    return root


def records(
    data: bytes, path: Path, root: str, tags: Iterable[str]
) -> Iterator[tuple[etree._Element, etree._Element]]:
    """Stream ``(document root, record)`` for each element named in ``tags``.

    The document's root element must be ``root``; a file of another list is refused at its
    first record. Each record is freed once the caller advances (see ``iter_elements``).
    """
    for element in iter_elements(data, path, tags):
        yield document_root(element, path, root), element


# --- reading one record ----------------------------------------------------------------------


class ChildIndex:
    """An element's children grouped by local name, read once.

    ``children`` rescans every child on each call; list records with dozens of children and
    a dozen fields are read much faster through one index.
    """

    def __init__(self, element: etree._Element) -> None:
        self.element = element
        self._by_name: dict[str, list[etree._Element]] = {}
        for child in element:
            self._by_name.setdefault(local_name(child.tag), []).append(child)

    def nodes(self, name: str) -> list[etree._Element]:
        return self._by_name.get(name, [])

    def first(self, name: str) -> etree._Element | None:
        nodes = self._by_name.get(name)
        return nodes[0] if nodes else None

    def text(self, name: str) -> str | None:
        """The normalised text of the first child with this name, or None."""
        node = self.first(name)
        return text_of(node) if node is not None else None

    def each(self, name: str) -> list[ChildIndex]:
        return [ChildIndex(node) for node in self.nodes(name)]

    def items(self, container: str) -> list[ChildIndex]:
        """The entries of list elements such as ``<akaList>`` or ``<features>``, each indexed."""
        return [
            ChildIndex(item)
            for box in self.nodes(container)
            for item in box
            if isinstance(item.tag, str)
        ]


def joined(separator: str, *parts: str | None) -> str | None:
    """A record's optional fields (street, city, country...) as one value; None if all blank."""
    text = separator.join(part for part in parts if part)
    return text or None


def date_from_parts(year: str | None, month: str | None, day: str | None) -> str | None:
    """An ISO date prefix from separate year, month and day fields; a day without a month
    is dropped, and None is returned without a year or for an impossible date."""
    if not year:
        return None
    parts = [year, month.zfill(2) if month else None, day.zfill(2) if month and day else None]
    return parse_date(joined("-", *parts))


def language(code: str | None) -> str | None:
    """The ISO 639-3 code of a ``lang`` attribute ("EN", "eng", "ru"), or None."""
    return iso_639_alpha3(code) if code else None
