"""Users and roles: argon2-hashed passwords, role checks for every case action.

Roles are ordered viewer < analyst < approver < admin; an action names the lowest role that
may do it. ``system:*`` actors (scheduled jobs, the CLI without a user) may import and screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from sanctionguard.cases import audit
from sanctionguard.cases.tables import app_user
from sanctionguard.cases.views import (
    ROLES,
    CaseError,
    NotFoundError,
    PermissionDeniedError,
    Role,
    User,
)

SYSTEM_PREFIX = "system:"
MIN_PASSWORD = 8
_RANK = {role: rank for rank, role in enumerate(ROLES)}


@dataclass(frozen=True)
class PasswordHashing:
    """argon2id cost parameters (the library's defaults; tests lower them to stay quick)."""

    time_cost: int = 3
    memory_cost: int = 65536  # KiB
    parallelism: int = 4

    def hasher(self) -> PasswordHasher:
        return PasswordHasher(
            time_cost=self.time_cost, memory_cost=self.memory_cost, parallelism=self.parallelism
        )


def _user(row: Any) -> User:
    return User(
        id=row.id,
        username=row.username,
        role=row.role,
        active=row.active,
        created_at=row.created_at,
    )


def check_role(value: str) -> Role:
    for role in ROLES:
        if role == value:
            return role
    raise CaseError(f"unknown role {value!r}: use one of {', '.join(ROLES)}")


def find(conn: sa.Connection, username: str) -> Any:
    return conn.execute(sa.select(app_user).where(app_user.c.username == username)).first()


def require(conn: sa.Connection, actor: str, role: Role, *, system_ok: bool = False) -> None:
    """Raise ``PermissionDeniedError`` unless ``actor`` is an active user with ``role`` or
    above (or a ``system:*`` actor, where ``system_ok``)."""
    if actor.startswith(SYSTEM_PREFIX):
        if system_ok:
            return
        raise PermissionDeniedError(
            f"{actor} cannot do this: a named user with the {role} role must"
        )
    row = find(conn, actor)
    if row is None or not row.active:
        raise PermissionDeniedError(f"{actor!r} is not an active user")
    if _RANK[row.role] < _RANK[role]:
        raise PermissionDeniedError(f"{actor} has the {row.role} role; this needs {role} or above")


def create(
    conn: sa.Connection,
    username: str,
    password: str,
    role: Role,
    actor: str,
    hashing: PasswordHashing,
) -> User:
    name = username.strip()
    if not name or name.startswith(SYSTEM_PREFIX) or len(name) > 100:
        raise CaseError(f"invalid username {username!r}")
    check_role(role)
    empty = conn.execute(sa.select(sa.func.count()).select_from(app_user)).scalar_one() == 0
    require(conn, actor, "admin", system_ok=empty)
    if find(conn, name) is not None:
        raise CaseError(f"user {name!r} already exists")
    _check_password(password)
    now = datetime.now(UTC)
    conn.execute(
        app_user.insert().values(
            username=name,
            password_hash=hashing.hasher().hash(password),
            role=role,
            active=True,
            created_at=now,
        )
    )
    user = _user(find(conn, name))
    audit.append(conn, actor, "user.create", "user", name, None, {"role": role, "active": True})
    return user


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise CaseError(f"password too short: at least {MIN_PASSWORD} characters")


def authenticate(
    engine: sa.Engine, username: str, password: str, hashing: PasswordHashing
) -> User | None:
    with engine.connect() as conn:
        row = find(conn, username.strip())
    if row is None or not row.active:
        hashing.hasher().hash(password)  # same cost either way: no user enumeration by timing
        return None
    ph = hashing.hasher()
    try:
        ph.verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if ph.check_needs_rehash(row.password_hash):
        with engine.begin() as conn:
            conn.execute(
                app_user.update()
                .where(app_user.c.id == row.id)
                .values(password_hash=ph.hash(password))
            )
    return _user(row)


def get(engine: sa.Engine, username: str) -> User | None:
    with engine.connect() as conn:
        row = find(conn, username)
    return None if row is None else _user(row)


def by_id(engine: sa.Engine, user_id: int) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(app_user).where(app_user.c.id == user_id)).first()
    return None if row is None else _user(row)


def all_users(engine: sa.Engine) -> list[User]:
    with engine.connect() as conn:
        return [_user(r) for r in conn.execute(sa.select(app_user).order_by(app_user.c.username))]


def _existing(conn: sa.Connection, username: str) -> Any:
    row = find(conn, username)
    if row is None:
        raise NotFoundError(f"no user {username!r}")
    return row


def update(conn: sa.Connection, username: str, actor: str, action: str, **values: Any) -> User:
    """Change a user's role or active flag (admin only), audited."""
    require(conn, actor, "admin")
    row = _existing(conn, username)
    before = {k: getattr(row, k) for k in values}
    conn.execute(app_user.update().where(app_user.c.id == row.id).values(**values))
    audit.append(conn, actor, action, "user", username, before, values)
    return _user(find(conn, username))


def set_password(
    conn: sa.Connection, username: str, password: str, actor: str, hashing: PasswordHashing
) -> None:
    if actor != username:
        require(conn, actor, "admin")
    row = _existing(conn, username)
    _check_password(password)
    conn.execute(
        app_user.update()
        .where(app_user.c.id == row.id)
        .values(password_hash=hashing.hasher().hash(password))
    )
    audit.append(conn, actor, "user.password", "user", username, None, {"changed": True})
