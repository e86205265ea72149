"""Compiling published names for the index, in forked worker processes while the snapshot is read.

A name is analysed (``analysis.analyse``) and compiled into its renderings: token runs with miss
factors (capped in number and length; a run of initials also gives a rendering with the run as
one word). Workers cannot know the index's global token ids, so each chunk of names comes back
with its own token table (text, kind code, phonetic key, skeleton key) and the renderings refer
to it; the index maps those ids to its vocabulary in entity order, so ids are given out exactly
as a single-process build would. The pool is started only when a build has many names, and fed
while the main process is still reading entities (reading and analysing overlap).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache

from sanctionguard.match.alignment import miss_factors
from sanctionguard.match.analysis import KIND_CODES, KINDS, PARTS, CompactToken, NameKey, analyse
from sanctionguard.names.types import NamePart, TokenKind

MAX_FORMS_PER_NAME = 6
MAX_TOKENS_PER_FORM = 16
PARALLEL_MIN_NAMES = 20_000  # fewer names are analysed in-process (forking costs more)
CHUNK = 2_000  # names per task; key number n is in chunk n // CHUNK

LocalToken = tuple[str, int, str, str]  # text, kind code, phonetic key, skeleton key
CompiledForm = tuple[tuple[int, ...], tuple[float, ...]]  # token ids, miss factors
CompiledName = tuple[CompiledForm, ...]  # () when the name has nothing to match on
ChunkResult = tuple[list[LocalToken], list[CompiledName]]

_INITIAL_CODE = KIND_CODES[TokenKind.INITIAL]
_WORD_CODE = KIND_CODES[TokenKind.WORD]


def compile_chunk(keys: Sequence[NameKey]) -> ChunkResult:
    """Names analysed and compiled against one token table for the chunk."""
    table: dict[LocalToken, int] = {}
    names = [compile_name(key, table) for key in keys]
    return list(table), names


def compile_name(key: NameKey, table: dict[LocalToken, int]) -> CompiledName:
    """One name's renderings, tokens numbered in ``table`` (added on first sight)."""
    is_org, forms = analyse(key)
    # Lists that do not say person or firm (no schema hint) leave it to the analysis.
    person = key[3] == "Person" or (key[3] is None and not is_org)
    renderings = list(forms[:MAX_FORMS_PER_NAME])
    renderings.extend(joined for form in forms[:2] if (joined := join_initials(form)))
    out = []
    for form in renderings:
        tokens = form[:MAX_TOKENS_PER_FORM]
        if tokens:
            ids = []
            for t in tokens:
                entry = (t[0], t[1], t[3], t[4])
                found = table.get(entry)
                if found is None:
                    found = table[entry] = len(table)
                ids.append(found)
            kinds = tuple(KINDS[t[1]] for t in tokens)
            parts = tuple(PARTS[t[2]] for t in tokens)
            out.append((tuple(ids), _misses(kinds, parts, person)))
    return tuple(out)


def join_initials(form: tuple[CompactToken, ...]) -> tuple[CompactToken, ...] | None:
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


@lru_cache(maxsize=4096)
def _misses(
    kinds: tuple[TokenKind, ...], parts: tuple[NamePart, ...], person: bool
) -> tuple[float, ...]:
    """Miss factors by token pattern (names share a few hundred patterns)."""
    return miss_factors(kinds, parts, person)


class NameCompiler:
    """Compiles names as they are found: ``add`` new keys while reading, ``results`` at the end.

    With ``workers`` > 1 and at least ``PARALLEL_MIN_NAMES`` names, chunks go to forked
    processes as soon as they are full; otherwise everything is compiled in this process.
    """

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.keys: list[NameKey] = []
        self._submitted = 0
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[Future[ChunkResult]] = []

    def add(self, key: NameKey) -> None:
        self.keys.append(key)
        if self._pool is None and self.workers > 1 and len(self.keys) >= PARALLEL_MIN_NAMES:
            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        if self._pool is not None:
            while len(self.keys) - self._submitted >= CHUNK:
                self._submit(self._submitted + CHUNK)

    def _submit(self, end: int) -> None:
        assert self._pool is not None
        chunk = self.keys[self._submitted : end]
        self._futures.append(self._pool.submit(compile_chunk, chunk))
        self._submitted = end

    def results(self) -> list[ChunkResult]:
        """Every chunk's result, in key order (chunk c holds keys c*CHUNK ...)."""
        if self._pool is None:
            return [
                compile_chunk(self.keys[i : i + CHUNK]) for i in range(0, len(self.keys), CHUNK)
            ]
        try:
            if self._submitted < len(self.keys):
                self._submit(len(self.keys))
            return [future.result() for future in self._futures]
        finally:
            self._pool.shutdown()
            self._pool = None
