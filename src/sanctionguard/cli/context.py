"""What every command receives: the settings, and a store opened on demand."""

from __future__ import annotations

from dataclasses import dataclass, field

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sanctionguard.settings import Settings
from sanctionguard.sources.base import Limits
from sanctionguard.store.snapshots import Store


@dataclass
class CliContext:
    settings: Settings
    console: Console = field(default_factory=lambda: Console(stderr=False))
    # Messages name files and lines: never broken mid-path (the terminal wraps them itself).
    err: Console = field(default_factory=lambda: Console(stderr=True, soft_wrap=True))
    _store: Store | None = None

    @property
    def limits(self) -> Limits:
        return Limits(self.settings.max_uncompressed_bytes, self.settings.max_compression_ratio)

    def progress(self, *, transient: bool = False) -> Progress:
        """The progress bar every command uses: description, bar, n of m, elapsed; on stderr."""
        return Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.err,
            transient=transient,
        )

    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.settings.database_url)
        return self._store


def get(ctx: typer.Context) -> CliContext:
    obj = ctx.find_root().obj
    assert isinstance(obj, CliContext)
    return obj
