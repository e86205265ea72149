"""Shared test fixtures: where the public list data lives, and how its absence is handled.

Tests that need ``../shared/data`` use the ``shared_data`` fixture. Without the data they skip
with a reason, except under ``CI=true`` where missing data fails the run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def data_root() -> Path:
    return Path(os.environ.get("SANCTIONGUARD_DATA", str(REPO.parent / "shared" / "data")))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    root = data_root()
    if not (root / "PROVENANCE.md").is_file():
        message = f"public list data not found at {root} (set SANCTIONGUARD_DATA)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return root


@pytest.fixture()
def fixtures_dir() -> Path:
    return REPO / "tests" / "fixtures"


def _pg_admin_url() -> str | None:
    return os.environ.get("SANCTIONGUARD_PG_URL")


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database on a real server, dropped after the test.

    The server comes from ``SANCTIONGUARD_PG_URL`` (``.ci/run`` starts one and sets it).
    Without it the test skips, except under ``CI=true`` where it fails.
    """
    import uuid

    import sqlalchemy as sa

    admin = _pg_admin_url()
    if not admin:
        message = "no PostgreSQL server: set SANCTIONGUARD_PG_URL (see .ci/run)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    name = f"sg_test_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(
        admin.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    with engine.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    base = sa.engine.make_url(admin)
    yield base.set(database=name).render_as_string(hide_password=False)
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store URL on each backend: an SQLite file, and a real PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url: str = request.getfixturevalue("pg_url")
    return url
