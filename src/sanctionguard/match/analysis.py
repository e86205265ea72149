"""Analysing a published name for the index, in a compact form.

Lists repeat names (the same party on several lists), so names are analysed per distinct
(value, language, parts, schema hint): the ``name_key``. The compact form is, per rendering and
per token, (text, kind code, part code, phonetic key, skeleton key); ``compiler`` turns it into
the index's token runs, in worker processes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sanctionguard.names.analyze import analyze_name
from sanctionguard.names.types import NamePart, TokenKind

KIND_CODES: dict[TokenKind, int] = {kind: code for code, kind in enumerate(TokenKind)}
KINDS: tuple[TokenKind, ...] = tuple(TokenKind)
PART_CODES: dict[NamePart, int] = {part: code for code, part in enumerate(NamePart)}
PARTS: tuple[NamePart, ...] = tuple(NamePart)

NameKey = tuple[str, str | None, tuple[tuple[str, str], ...] | None, str | None]
CompactToken = tuple[str, int, int, str, str]  # text, kind, part, phonetic, skeleton
CompactName = tuple[bool, tuple[tuple[CompactToken, ...], ...]]  # is_organization, forms


def name_key(name: Mapping[str, Any], schema_hint: str | None) -> NameKey:
    """What decides a published name's analysis: its text, language, parts and schema."""
    parts = name.get("parts") or None
    return (
        str(name["value"]),
        name.get("lang"),
        tuple(sorted(parts.items())) if parts else None,
        schema_hint,
    )


def analyse(key: NameKey) -> CompactName:
    """One name analysed, in compact form."""
    value, lang, parts, schema = key
    found = analyze_name(value, schema=schema, lang=lang, parts=dict(parts) if parts else None)
    forms = tuple(
        tuple(
            (t.text, KIND_CODES[t.kind], PART_CODES[t.part], t.phonetic, t.skeleton) for t in form
        )
        for form in found.forms
    )
    return (found.is_organization, forms)
