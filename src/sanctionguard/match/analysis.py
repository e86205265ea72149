"""Analysing every published name of a snapshot once, in parallel processes when there are many.

Lists repeat names (the same party on several lists), so names are analysed per distinct
(value, language, parts, schema hint). Results travel between processes in a compact form:
per form, per token, (text, kind code, part code, phonetic key, skeleton key).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from sanctionguard.names.analyze import analyze_name
from sanctionguard.names.types import NamePart, TokenKind

PARALLEL_MIN_NAMES = 20_000  # fewer names are analysed in-process (forking costs more)
CHUNK = 2_000
KIND_CODES: dict[TokenKind, int] = {kind: code for code, kind in enumerate(TokenKind)}
KINDS: tuple[TokenKind, ...] = tuple(TokenKind)
PART_CODES: dict[NamePart, int] = {part: code for code, part in enumerate(NamePart)}
PARTS: tuple[NamePart, ...] = tuple(NamePart)

NameKey = tuple[str, str | None, tuple[tuple[str, str], ...] | None, str | None]
CompactToken = tuple[str, int, int, str, str]  # text, kind, part, phonetic, skeleton
CompactName = tuple[bool, tuple[tuple[CompactToken, ...], ...]]  # is_organization, forms
# Between processes a name travels as one string (one object to pickle and free, not dozens).
_FORM, _TOKEN, _FIELD = "\x1d", "\x1e", "\x1f"


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


def encode(name: CompactName) -> str:
    """A compact name as one string (control characters never survive name analysis)."""
    is_org, forms = name
    body = _FORM.join(
        _TOKEN.join(
            f"{t}{_FIELD}{k}{_FIELD}{p}{_FIELD}{ph}{_FIELD}{sk}" for t, k, p, ph, sk in form
        )
        for form in forms
    )
    return ("O" if is_org else "P") + body


def decode(text: str) -> CompactName:
    """The inverse of ``encode``."""
    forms = []
    for form in text[1:].split(_FORM) if len(text) > 1 else ():
        tokens = []
        for token in form.split(_TOKEN):
            t, k, p, ph, sk = token.split(_FIELD)
            tokens.append((t, int(k), int(p), ph, sk))
        forms.append(tuple(tokens))
    return (text[0] == "O", tuple(forms))


def _analyse_chunk(keys: Sequence[NameKey]) -> list[str]:
    return [encode(analyse(k)) for k in keys]


def analyse_all(keys: Sequence[NameKey], workers: int | None = None) -> list[str]:
    """Every name analysed (``encode``d), in order; in forked processes when there are many."""
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count <= 1 or len(keys) < PARALLEL_MIN_NAMES:
        return _analyse_chunk(keys)
    chunks = [keys[i : i + CHUNK] for i in range(0, len(keys), CHUNK)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        return [found for part in pool.map(_analyse_chunk, chunks) for found in part]
