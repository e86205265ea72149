"""The server freezes what its requests left cached, every ``SETTLE_EVERY`` requests, so a
full collection never walks a cache that grew since it started."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from sanctionguard.screen.heap import SETTLE_EVERY
from tests.api.conftest import Api


@pytest.fixture()
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


class Cached:
    """A tracked object kept alive, as a cache's entry is."""


def test_requests_freeze_what_they_cached_at_the_set_pace(api: Api, unfrozen: None) -> None:
    headers = api.headers()
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Ivan Petrov"]}}}}
    assert api.client.post("/match/default", json=body, headers=headers).status_code == 200
    before = gc.get_freeze_count()
    kept = [Cached() for _ in range(1000)]
    for _ in range(SETTLE_EVERY):
        assert api.client.get("/healthz").status_code == 200
    assert gc.get_freeze_count() >= before + len(kept)
