"""Which modules a regular install compiles with mypyc, and which of them run compiled here.

The matcher's hot path (name tokens and their analysis, vocabulary expansion, candidate
retrieval, alignment, scoring, and the query and result types it builds) is plain typed
Python, ``mypy --strict`` clean; ``setup.py`` compiles these modules to C extensions with mypyc
when it builds a wheel, so the same source runs faster. Module constants are ``Final`` there:
a compiled module reads those as C values, other module-level names through the module's
dictionary.

Editable installs (a developer's edits must take effect) and builds with
``SANCTIONGUARD_COMPILE=0`` run them interpreted; results are the same either way (CI runs the
matching tests on a compiled build too). ``setup.py`` reads ``COMPILED`` from this file, which
therefore imports nothing of the package.
"""

from __future__ import annotations

import dataclasses
import importlib.util
from typing import Any

COMPILED = (
    "sanctionguard/names/types.py",
    "sanctionguard/names/analyze.py",
    "sanctionguard/names/skeleton.py",
    "sanctionguard/names/legal_forms.py",
    "sanctionguard/names/tokens.py",
    "sanctionguard/names/hangul.py",
    "sanctionguard/names/scripts.py",
    "sanctionguard/names/fold.py",
    "sanctionguard/names/latin.py",
    "sanctionguard/names/translit.py",
    "sanctionguard/names/romanised.py",
    "sanctionguard/names/wadegiles.py",
    "sanctionguard/names/cyrillic.py",
    "sanctionguard/names/arabic.py",
    "sanctionguard/names/hebrew.py",
    "sanctionguard/names/han.py",
    "sanctionguard/names/parts.py",
    "sanctionguard/names/designators.py",
    "sanctionguard/match/types.py",
    "sanctionguard/match/query.py",
    "sanctionguard/match/embedded.py",
    "sanctionguard/match/attributes.py",
    "sanctionguard/match/slips.py",
    "sanctionguard/match/vocabulary.py",
    "sanctionguard/match/index.py",
    "sanctionguard/match/alignment.py",
    "sanctionguard/match/features.py",
    "sanctionguard/match/retrieval.py",
    "sanctionguard/match/scorer.py",
    "sanctionguard/match/screener.py",
)


def module_name(path: str) -> str:
    """``sanctionguard/match/index.py`` → ``sanctionguard.match.index``."""
    return path.removesuffix(".py").replace("/", ".")


def compiled_modules() -> tuple[str, ...]:
    """The modules of ``COMPILED`` that this installation runs as compiled extensions."""
    found = []
    for path in COMPILED:
        spec = importlib.util.find_spec(module_name(path))
        if spec is not None and spec.origin is not None and not spec.origin.endswith(".py"):
            found.append(module_name(path))
    return tuple(found)


def by_fields(obj: Any) -> tuple[Any, tuple[Any, ...]]:
    """``__reduce__`` for a frozen dataclass: rebuilt by its constructor from its fields (pickle
    otherwise restores one by setting its fields, which a frozen class compiled by mypyc
    refuses)."""
    return type(obj), tuple(getattr(obj, f.name) for f in dataclasses.fields(obj))
