"""schemathesis against ``/openapi.json``: generated requests, a bounded number per operation,
with a valid key, never get a server error (5xx)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from sanctionguard.api.keys import KeyStore
from sanctionguard.cli.app import run
from sanctionguard.store.snapshots import Store
from tests.api.conftest import REPO, build_app

_TOKEN: dict[str, str] = {}


@pytest.fixture(scope="module")
def api_schema(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    home = tmp_path_factory.mktemp("openapi")
    shutil.copy(sample_db, home / "store.db")
    # Ownership data too, so the /ownership endpoints answer with analyses, not only 404s.
    shielded = REPO / "tests" / "fixtures" / "ownership" / "shielded.csv"
    assert run(["--db", f"sqlite:///{home / 'store.db'}", "ownership", "load", str(shielded)]) == 0
    store = Store.open(f"sqlite:///{home / 'store.db'}")
    _TOKEN["admin"] = KeyStore(store.engine).create("fuzz", "admin")[1]
    app = build_app(store, home, rate_per_second=0)
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    store.close()


def test_no_generated_request_gets_a_server_error(api_schema: schemathesis.BaseSchema) -> None:
    headers = {"Authorization": f"ApiKey {_TOKEN['admin']}"}
    checked = []
    for found in api_schema.get_all_operations():
        operation = found.ok()  # type: ignore[union-attr]

        @given(case=operation.as_strategy())
        @settings(
            max_examples=8,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def call(case: schemathesis.Case[Any]) -> None:
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        call()
        checked.append(operation.label)
    assert len(checked) >= 21
    assert {"POST /screen/payment", "POST /ais/analyze", "GET /ownership/{party_id}"} <= set(
        checked
    )


def test_the_openapi_document_describes_keys_limits_and_errors(
    api_schema: schemathesis.BaseSchema,
) -> None:
    document = api_schema.raw_schema
    schemes = document["components"]["securitySchemes"]
    assert {"ApiKeyAuthorization", "ApiKeyHeader", "ApiKeyQuery"} <= set(schemes)
    match = document["paths"]["/match/{dataset}"]["post"]
    assert {"401", "403", "429", "413", "400"} <= set(match["responses"])
    assert "Retry-After" in document["info"]["description"]
    payment = document["paths"]["/screen/payment"]["post"]
    assert {"application/xml", "text/plain"} <= set(payment["requestBody"]["content"])
    assert {"401", "403", "429", "400", "413"} <= set(payment["responses"])
    assert not [p for p in document["paths"] if p.startswith("/ui")]
