"""``POST /screen/payment`` over the payment corpus and the sample lists: decisions, failing
closed, recording for the review page, keys, size limits and metrics."""

from __future__ import annotations

from pathlib import Path

from sanctionguard.payments import storage
from tests.api.conftest import REPO, Api

CORPUS = REPO / "tests" / "fixtures" / "payments"
XML = {"Content-Type": "application/xml"}
TEXT = {"Content-Type": "text/plain"}


def post(api: Api, name: str, *, token: str | None = None, query: str = "") -> dict[str, object]:
    path = CORPUS / name
    kind = XML if path.suffix == ".xml" else TEXT
    response = api.client.post(
        f"/screen/payment{query}",
        content=path.read_bytes(),
        headers={**api.headers(token or api.keys.screen), **kind},
    )
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def test_a_payment_through_a_listed_bank_is_blocked_and_a_clean_one_passes(api: Api) -> None:
    blocked = post(api, "pacs008_s1_listed_bic.xml")
    assert blocked["decision"] == "block"
    assert any("VTBRRUMMXXX" in str(r) and str(r).startswith("S1") for r in blocked["reasons"])  # type: ignore[attr-defined]
    assert blocked["snapshot_id"] == 2 and blocked["format"]
    assert post(api, "pacs008_clean.xml")["decision"] == "pass"
    assert post(api, "mt103_clean.txt")["decision"] == "pass"


def test_mt_text_to_an_iranian_bank_is_held_with_its_reasons(api: Api) -> None:
    held = post(api, "real_mt103_pasargad_bank.txt")
    assert held["decision"] == "hold"
    assert any("IR" in str(r) for r in held["reasons"])  # type: ignore[attr-defined]


def test_unreadable_or_hostile_messages_are_held_never_passed(api: Api) -> None:
    for name in ("bad_xxe.xml", "bad_malformed.xml", "bad_not_payment.xml"):
        decision = post(api, name)
        assert decision["decision"] == "hold", name
        assert [f["rule"] for f in decision["findings"]] == ["F1"], name  # type: ignore[attr-defined]
    garbage = api.client.post(
        "/screen/payment", content=b"hello, not a payment", headers=api.headers(api.keys.screen)
    )
    assert garbage.status_code == 200 and garbage.json()["decision"] == "hold"


def test_an_empty_body_is_a_clear_400(api: Api) -> None:
    response = api.client.post("/screen/payment", content=b"  \n", headers={**api.headers(), **XML})
    assert response.status_code == 400
    assert "empty body" in response.json()["detail"]


def test_record_stores_held_and_blocked_decisions_for_the_review_page(api: Api) -> None:
    blocked = post(api, "pacs008_s1_listed_bic.xml", query="?record=true")
    clean = post(api, "pacs008_clean.xml", query="?record=true")
    unrecorded = post(api, "pacs008_l2_crimea.xml")
    assert blocked["recorded"] is True and clean["recorded"] is False
    assert unrecorded["recorded"] is False
    stored = storage.listing(api.store.engine)
    assert [d.outcome for d in stored] == ["block"]
    assert stored[0].record["snapshot_id"] == 2 and "VTBRRUMMXXX" in " ".join(stored[0].reasons)


def test_payment_screening_needs_a_key_with_the_screen_scope(api: Api) -> None:
    body = (CORPUS / "pacs008_clean.xml").read_bytes()
    missing = api.client.post("/screen/payment", content=body, headers=XML)
    assert missing.status_code == 401
    read_only = api.client.post(
        "/screen/payment", content=body, headers={**api.headers(api.keys.read), **XML}
    )
    assert read_only.status_code == 403 and "'screen'" in read_only.json()["detail"]


def test_a_message_above_the_body_limit_is_refused_with_413(api_factory: object) -> None:
    api: Api = api_factory(rate_per_second=0, max_body_bytes=2000)  # type: ignore[operator]
    big = Path(CORPUS / "pacs008_clean.xml").read_bytes() + b" " * 3000
    response = api.client.post("/screen/payment", content=big, headers={**api.headers(), **XML})
    assert response.status_code == 413 and "2000" in response.json()["detail"]


def test_metrics_count_screened_payments(api: Api) -> None:
    post(api, "pacs008_s1_listed_bic.xml")
    post(api, "pacs008_clean.xml")
    text = api.client.get("/metrics", headers=api.headers(api.keys.read)).text
    assert 'sanctionguard_api_queries_total{endpoint="payment"} 2.0' in text
    assert 'sanctionguard_api_matches_total{endpoint="payment"} 1.0' in text
    assert 'route="/screen/payment",status="200"' in text
