"""Small XML facts the list parsers share: a file's root element, an element's line.

Sniffers only see the first bytes of a file; ``root_tag`` finds the root element's local name
and default namespace there without parsing (and so without any entity or DTD handling).
Parsers streaming a file check its real root with ``document_root`` and read records through
a ``ChildIndex``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from sanctionguard.errors import ListFormatError
from sanctionguard.sources.xmlsafe import local_name, text_of

_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*(\[.*?\])?\s*>", re.DOTALL | re.IGNORECASE)
_START_TAG = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)([^>]*)>?")
_XMLNS = re.compile(rb"""\sxmlns\s*=\s*["']([^"']*)["']""")


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


def line_of(element: etree._Element) -> int | None:
    """The source line of a parsed element, for error messages (None when lxml lost it)."""
    line = element.sourceline
    return line if isinstance(line, int) else None


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


class ChildIndex:
    """An element's children grouped by local name, read once.

    ``xmlsafe.children`` rescans every child on each call; list records with dozens of
    children and a dozen fields are read much faster through one index.
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
