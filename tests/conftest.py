"""Shared test fixtures: where the public list data lives, and how its absence is handled.

Tests that need ``../shared/data`` use the ``shared_data`` fixture. Without the data they skip
with a reason, except under ``CI=true`` where missing data fails the run.
"""

from __future__ import annotations

import os
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
