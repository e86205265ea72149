"""API keys: created once and shown once, stored as SHA-256 digests, scoped and revocable.

A key is ``sg_<prefix>_<secret>`` with 256 bits of randomness, so a plain SHA-256 digest is
as strong as a slow password hash here and cheap enough to check on every request. The
prefix names the key in listings and logs; the secret never leaves ``create``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from sanctionguard.errors import SanctionguardError

SCOPES = ("screen", "read", "admin")
TOKEN_PREFIX = "sg_"  # noqa: S105 - a marker, not a secret

metadata = sa.MetaData()

api_key = sa.Table(
    "api_key",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("prefix", sa.String(16), nullable=False, unique=True),
    sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("scopes", sa.String(100), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True)),
)


class ApiKeyError(SanctionguardError):
    """A key cannot be created or revoked as asked; the message says why."""


@dataclass(frozen=True)
class ApiKey:
    """A stored key, without its secret."""

    id: int
    name: str
    prefix: str
    scopes: frozenset[str]
    created_at: datetime
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def allows(self, scope: str) -> bool:
        """Whether the key may use an endpoint of ``scope`` (``admin`` may use all)."""
        return scope in self.scopes or "admin" in self.scopes


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def parse_scopes(text: str | Iterable[str]) -> frozenset[str]:
    """Scopes from ``screen,read`` or a list; ``ApiKeyError`` naming an unknown one."""
    items = text.split(",") if isinstance(text, str) else list(text)
    scopes = frozenset(s.strip().lower() for s in items if s.strip())
    unknown = sorted(scopes - set(SCOPES))
    if unknown or not scopes:
        given = ", ".join(unknown) or "(none)"
        raise ApiKeyError(f"unknown scope {given}: use one or more of {', '.join(SCOPES)}")
    return scopes


def _row_key(row: sa.RowMapping) -> ApiKey:
    return ApiKey(
        id=row["id"],
        name=row["name"],
        prefix=row["prefix"],
        scopes=frozenset(row["scopes"].split(",")),
        created_at=row["created_at"],
        revoked_at=row["revoked_at"],
    )


class KeyStore:
    """API keys in the store's database (table ``api_key``, migration 0002)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        # Databases migrated while 0002 was still an empty step lack the table; create it.
        metadata.create_all(engine, checkfirst=True)

    def create(self, name: str, scopes: str | Iterable[str]) -> tuple[ApiKey, str]:
        """A new key and its token; the token is returned here and never again."""
        clean = name.strip()
        if not clean or len(clean) > 100:
            raise ApiKeyError("a key needs a --name of 1 to 100 characters")
        allowed = parse_scopes(scopes)
        prefix = secrets.token_hex(4)
        token = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
        with self.engine.begin() as conn:
            conn.execute(
                api_key.insert().values(
                    name=clean,
                    prefix=prefix,
                    key_hash=digest(token),
                    scopes=",".join(sorted(allowed)),
                    created_at=datetime.now(UTC),
                )
            )
        found = self.find(prefix)
        assert found is not None
        return found, token

    def find(self, ref: str) -> ApiKey | None:
        """A key by its prefix or its numeric id."""
        where = api_key.c.prefix == ref
        if ref.isdigit():
            where = sa.or_(where, api_key.c.id == int(ref))
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(api_key).where(where)).mappings().first()
        return None if row is None else _row_key(row)

    def listing(self) -> list[ApiKey]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(api_key).order_by(api_key.c.id)).mappings().all()
        return [_row_key(r) for r in rows]

    def revoke(self, ref: str) -> ApiKey:
        """Revoke a key by prefix or id; ``ApiKeyError`` if there is no such key."""
        found = self.find(ref)
        if found is None:
            raise ApiKeyError(f"no API key {ref!r}: see `sanctionguard keys list`")
        if found.active:
            with self.engine.begin() as conn:
                conn.execute(
                    api_key.update()
                    .where(api_key.c.id == found.id)
                    .values(revoked_at=datetime.now(UTC))
                )
        revoked = self.find(found.prefix)
        assert revoked is not None
        return revoked

    def verify(self, token: str) -> ApiKey | None:
        """The active key for a presented token, or ``None`` (unknown, malformed or revoked)."""
        if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
            return None
        prefix = token[len(TOKEN_PREFIX) :].partition("_")[0]
        with self.engine.connect() as conn:
            row = (
                conn.execute(sa.select(api_key).where(api_key.c.prefix == prefix))
                .mappings()
                .first()
            )
        if row is None:
            return None
        # The digest comparison is constant-time, so response timing reveals nothing of it.
        if not hmac.compare_digest(row["key_hash"], digest(token)):
            return None
        key = _row_key(row)
        return key if key.active else None
