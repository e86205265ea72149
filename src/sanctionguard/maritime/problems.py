"""The one error type of maritime input: names the file, line and field and what is wrong.

Shipment files, AIS files and reference tables all raise it; the CLI prints it as one line.
"""

from __future__ import annotations

from sanctionguard.errors import SanctionguardError


class InputError(SanctionguardError):
    """Bad maritime input: where (file, line, field) and what to do."""

    def __init__(
        self, path: str, message: str, *, line: int | None = None, field: str | None = None
    ) -> None:
        self.path = path
        self.line = line
        self.field = field
        self.message = message
        super().__init__(self.describe())

    def __str__(self) -> str:
        return self.describe()

    def __reduce__(self) -> tuple[object, ...]:
        return (self.__class__, (self.path, self.message), {"line": self.line, "field": self.field})

    def describe(self) -> str:
        where = self.path
        if self.line is not None:
            where = f"{where}:{self.line}"
        if self.field:
            where = f"{where} [{self.field}]"
        return f"{where}: {self.message}"
