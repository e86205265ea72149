"""Typed errors a user can hit, each naming the file, line or element and what to do.

The CLI turns every ``SanctionguardError`` into one clear line and a non-zero exit code;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from pathlib import Path


class SanctionguardError(Exception):
    """Base class of errors caused by input or configuration, not by a bug."""


class ListFormatError(SanctionguardError):
    """A list file is malformed: names the file and, where known, the line or element."""

    def __init__(
        self,
        path: Path | str,
        message: str,
        *,
        line: int | None = None,
        element: str | None = None,
    ) -> None:
        self.path = str(path)
        self.line = line
        self.element = element
        self.message = message
        super().__init__(self.describe())

    def __str__(self) -> str:
        return self.describe()

    def __reduce__(self) -> tuple[object, ...]:
        # Keeps file, line and element when the error crosses a process boundary.
        state = {"line": self.line, "element": self.element}
        return (self.__class__, (self.path, self.message), state)

    def describe(self) -> str:
        where = self.path
        if self.line is not None:
            where = f"{where}:{self.line}"
        if self.element:
            where = f"{where} <{self.element}>"
        return f"{where}: {self.message}"


class UnknownFormatError(ListFormatError):
    """No parser recognises the content of a file."""


class UnsafeInputError(ListFormatError):
    """The input looks like an attack (XML entities, zip bomb) and was refused unread."""


class StoreError(SanctionguardError):
    """The snapshot store cannot do what was asked (unknown snapshot, bad URL, ...)."""


class SyncError(SanctionguardError):
    """Downloading an official list failed; the current snapshot was left untouched."""
