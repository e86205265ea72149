"""Analysing every published name of a snapshot once, in parallel processes when there are many,
while the snapshot is still being read.

Lists repeat names (the same party on several lists), so names are analysed per distinct
(value, language, parts, schema hint). Results travel between processes as one string per
name, holding the renderings the index keeps: per form its pattern of token kinds and name
parts, then per token its text, phonetic key and skeleton key.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from sanctionguard.names.analyze import analyze_name
from sanctionguard.names.types import NamePart, TokenKind

PARALLEL_MIN_NAMES = 20_000  # fewer names are analysed in-process (forking costs more)
CHUNK = 2_000
MAX_FORMS_PER_NAME = 6
MAX_TOKENS_PER_FORM = 32  # ~170 listed names have more than 16 words, a handful more than 32
KIND_CODES: dict[TokenKind, int] = {kind: code for code, kind in enumerate(TokenKind)}
KINDS: tuple[TokenKind, ...] = tuple(TokenKind)
PART_CODES: dict[NamePart, int] = {part: code for code, part in enumerate(NamePart)}
PARTS: tuple[NamePart, ...] = tuple(NamePart)

NameKey = tuple[str, str | None, tuple[tuple[str, str], ...] | None, str | None]
CompactToken = tuple[str, int, int, str, str]  # text, kind, part, phonetic, skeleton
CompactName = tuple[bool, tuple[tuple[CompactToken, ...], ...]]  # is_organization, forms
# Between processes a name travels as one string (one object to pickle and free, not dozens).
FORM_SEP, TOKEN_SEP, FIELD_SEP = "\x1d", "\x1e", "\x1f"
_CODE_BASE = ord("0")
_INITIAL_CODE = KIND_CODES[TokenKind.INITIAL]
_WORD_CODE = KIND_CODES[TokenKind.WORD]


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
    """A compact name as one string, with the renderings an index keeps (``renderings``).

    Each form is its pattern (``pattern``) then its tokens as text, phonetic and skeleton keys;
    control characters never survive name analysis, so they separate forms, tokens and fields.
    """
    is_org, forms = name
    body = FORM_SEP.join(
        TOKEN_SEP.join(
            (pattern(form), *(f"{t[0]}{FIELD_SEP}{t[3]}{FIELD_SEP}{t[4]}" for t in form))
        )
        for form in renderings(forms)
    )
    return ("O" if is_org else "P") + body


def renderings(forms: Sequence[tuple[CompactToken, ...]]) -> list[tuple[CompactToken, ...]]:
    """The renderings an index keeps of a name (capped in number and length); a run of
    initials ("S.I.S.") in one of the first two also gives a rendering with the run as one word."""
    kept = list(forms[:MAX_FORMS_PER_NAME])
    kept.extend(joined for form in forms[:2] if (joined := _join_initials(form)))
    return [form[:MAX_TOKENS_PER_FORM] for form in kept if form]


def pattern(form: Sequence[CompactToken]) -> str:
    """A rendering's token kinds and name parts as text: two characters per token."""
    return "".join(chr(_CODE_BASE + t[1]) + chr(_CODE_BASE + t[2]) for t in form)


def pattern_codes(text: str) -> tuple[tuple[TokenKind, ...], tuple[NamePart, ...]]:
    """The inverse of ``pattern``."""
    kinds = tuple(KINDS[ord(c) - _CODE_BASE] for c in text[0::2])
    return kinds, tuple(PARTS[ord(c) - _CODE_BASE] for c in text[1::2])


def pattern_kind(text: str, position: int) -> TokenKind:
    """The kind of the token at ``position`` of a ``pattern``."""
    return KINDS[ord(text[2 * position]) - _CODE_BASE]


def _join_initials(form: tuple[CompactToken, ...]) -> tuple[CompactToken, ...] | None:
    """The rendering with each run of two or more initials written as one word, if any."""
    out: list[CompactToken] = []
    run: list[CompactToken] = []
    joined = False
    for token in (*form, None):
        if token is not None and token[1] == _INITIAL_CODE:
            run.append(token)
            continue
        if len(run) >= 2:
            text = "".join(t[0] for t in run)
            out.append((text, _WORD_CODE, run[0][2], text, text))
            joined = True
        else:
            out.extend(run)
        run = []
        if token is not None:
            out.append(token)
    return tuple(out) if joined else None


def _analyse_chunk(keys: Sequence[NameKey]) -> list[str]:
    return [encode(analyse(k)) for k in keys]


class NameAnalysis:
    """Names analysed while the snapshot is still being read.

    The reader numbers each distinct name (``number``) and calls ``send`` after each entity:
    once there are ``parallel_min`` names, a pool of forked workers starts and every ``chunk``
    new names go to it, so analysis overlaps reading (and, through ``ready``, the
    caller's use of the first results). With fewer names, ``finish`` analyses them in-process.
    ``analysed[n]`` is name ``n`` ``encode``d.
    """

    def __init__(
        self,
        workers: int | None = None,
        *,
        parallel_min: int = PARALLEL_MIN_NAMES,
        chunk: int = CHUNK,
    ) -> None:
        self._numbers: dict[NameKey, int] = {}
        self.analysed: list[str] = []
        self._order: list[NameKey] = []
        self._sent = 0
        self._workers = workers if workers is not None else (os.cpu_count() or 1)
        self._parallel_min = parallel_min
        self._chunk = chunk
        self._pool: ProcessPoolExecutor | None = None
        self._futures: deque[Future[list[str]]] = deque()

    def __enter__(self) -> NameAnalysis:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __len__(self) -> int:
        return len(self._order)

    def number(self, key: NameKey) -> int:
        """The number of a distinct name, given on first sight."""
        found = self._numbers.get(key)
        if found is None:
            found = self._numbers[key] = len(self._order)
            self._order.append(key)
        return found

    def send(self) -> None:
        """Hand whole chunks of new names to the workers (starting them when there are enough)."""
        if self._pool is None:
            if self._workers <= 1 or len(self._order) < self._parallel_min:
                return
            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(max_workers=self._workers, mp_context=context)
        while len(self._order) - self._sent >= self._chunk:
            self._submit(self._sent + self._chunk)

    def finish(self) -> None:
        """Hand over the last names (or analyse them all here, when too few to fork for)."""
        if self._pool is None:
            self.analysed = _analyse_chunk(self._order)
            return
        if self._sent < len(self._order):
            self._submit(len(self._order))

    def ready(self) -> Iterator[int]:
        """After ``finish``: how many names are analysed, each time more are (in order)."""
        if self._pool is None:
            yield len(self.analysed)
        while self._futures:
            self.analysed.extend(self._futures.popleft().result())
            yield len(self.analysed)

    def _submit(self, end: int) -> None:
        assert self._pool is not None
        self._futures.append(self._pool.submit(_analyse_chunk, self._order[self._sent : end]))
        self._sent = end
