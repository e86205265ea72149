"""Account history for S9 (new currency corridor): what each account paid, in which currency,
to where.

The file is CSV (header ``account,date,currency,country``) or JSON Lines with the same keys;
``country`` is the counterparty bank's country (ISO alpha-2). Bad rows are errors naming the
line, never skipped silently.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sanctionguard.payments.errors import PaymentFormatError

WINDOW = timedelta(days=365)
FIELDS = ("account", "date", "currency", "country")


@dataclass(frozen=True)
class Transfer:
    day: date
    currency: str
    country: str


@dataclass(frozen=True)
class AccountHistory:
    """Past transfers per account (IBAN or other account id, compacted, upper case)."""

    accounts: dict[str, tuple[Transfer, ...]]

    @staticmethod
    def key(account: str) -> str:
        return account.replace(" ", "").upper()

    def transfers(self, account: str) -> tuple[Transfer, ...] | None:
        return self.accounts.get(self.key(account))

    def seen(self, account: str, currency: str, country: str | None, on: date) -> bool:
        """Whether the account used this currency (towards this country) in the prior 12 months."""
        for t in self.accounts.get(self.key(account), ()):
            recent = on - WINDOW <= t.day < on
            if recent and t.currency == currency and country in (None, t.country):
                return True
        return False

    @classmethod
    def load(cls, path: Path) -> AccountHistory:
        text = path.read_text("utf-8")
        rows = (
            _jsonl(text, path) if path.suffix.lower() in (".jsonl", ".json") else _csv(text, path)
        )
        accounts: dict[str, list[Transfer]] = {}
        for line, row in rows:
            try:
                missing = [f for f in FIELDS if not str(row.get(f) or "").strip()]
                if missing:
                    raise ValueError(f"missing {', '.join(missing)}")
                transfer = Transfer(
                    date.fromisoformat(str(row["date"]).strip()[:10]),
                    str(row["currency"]).strip().upper(),
                    str(row["country"]).strip().upper(),
                )
            except ValueError as exc:
                raise PaymentFormatError(
                    path, f"bad account history row: {exc}", line=line
                ) from exc
            accounts.setdefault(cls.key(str(row["account"])), []).append(transfer)
        return cls({k: tuple(v) for k, v in accounts.items()})


def _csv(text: str, path: Path) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or not set(FIELDS) <= set(reader.fieldnames):
        raise PaymentFormatError(
            path, f"account history needs the columns {', '.join(FIELDS)}", line=1
        )
    return [(n, row) for n, row in enumerate(reader, start=2)]


def _jsonl(text: str, path: Path) -> list[tuple[int, dict[str, str]]]:
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PaymentFormatError(path, f"invalid JSON: {exc.msg}", line=n) from exc
        if not isinstance(value, dict):
            raise PaymentFormatError(path, "each line must be a JSON object", line=n)
        out.append((n, value))
    return out
