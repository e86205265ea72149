"""Users with roles and argon2-hashed passwords."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from sanctionguard.cases.service import CaseService
from sanctionguard.cases.tables import app_user
from sanctionguard.cases.views import CaseError, PermissionDeniedError
from sanctionguard.store.snapshots import Store
from tests.cases.conftest import PASSWORD, QUICK


@pytest.fixture()
def store_url(tmp_path: Path) -> str:
    """SQLite only: this logic does not depend on the database; the run, crash, audit, CLI
    and migration tests cover PostgreSQL."""
    return f"sqlite:///{tmp_path / 'store.db'}"


def test_the_first_user_needs_no_admin_but_later_users_do(store: Store) -> None:
    service = CaseService(store, QUICK)
    service.create_user("root", PASSWORD, "admin", "system:setup")
    with pytest.raises(PermissionDeniedError):
        service.create_user("eve", PASSWORD, "admin", "system:setup")
    service.create_user("ann", PASSWORD, "analyst", "root")
    with pytest.raises(PermissionDeniedError, match="admin"):
        service.create_user("eve", PASSWORD, "admin", "ann")
    assert [u.username for u in service.list_users()] == ["ann", "root"]


def test_passwords_are_stored_as_argon2_hashes_and_checked(service: CaseService) -> None:
    with service.store.engine.connect() as conn:
        stored = conn.execute(
            sa.select(app_user.c.password_hash).where(app_user.c.username == "ann")
        ).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    user = service.authenticate("ann", PASSWORD)
    assert user is not None and user.role == "analyst"
    assert service.authenticate("ann", "wrong password") is None
    assert service.authenticate("nobody", PASSWORD) is None


def test_a_disabled_user_cannot_log_in_or_act(service: CaseService) -> None:
    service.disable_user("ann", "admin")
    assert service.authenticate("ann", PASSWORD) is None
    with pytest.raises(PermissionDeniedError, match="not an active user"):
        service.import_book(__file__, None, "ann")  # type: ignore[arg-type]


def test_roles_can_be_changed_by_an_admin_only(service: CaseService) -> None:
    assert service.set_role("vic", "analyst", "admin").role == "analyst"
    with pytest.raises(PermissionDeniedError):
        service.set_role("vic", "admin", "bob")
    with pytest.raises(CaseError, match="unknown role"):
        service.set_role("vic", "superuser", "admin")  # type: ignore[arg-type]


def test_short_passwords_and_duplicate_names_are_refused(service: CaseService) -> None:
    with pytest.raises(CaseError, match="too short"):
        service.create_user("zed", "short", "viewer", "admin")
    with pytest.raises(CaseError, match="already exists"):
        service.create_user("ann", PASSWORD, "viewer", "admin")


def test_a_user_may_change_their_own_password(service: CaseService) -> None:
    service.set_password("ann", "a new long password", "ann")
    assert service.authenticate("ann", "a new long password") is not None
    with pytest.raises(PermissionDeniedError):
        service.set_password("bob", "a new long password", "ann")
