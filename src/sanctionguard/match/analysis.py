"""Analysing every published name of a snapshot once, in parallel processes when there are many,
while the snapshot is still being read.

Lists repeat names (the same party on several lists), so names are analysed per distinct
(value, language, parts, schema hint). Results travel between processes in a compact form:
per form, per token, (text, kind code, part code, phonetic key, skeleton key).
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
