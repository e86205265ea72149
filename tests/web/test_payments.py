"""The payments pages: held and blocked messages recorded by payment screening, filters, detail."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from sanctionguard.match.screener import Screener
from sanctionguard.payments import storage
from sanctionguard.payments.context import PaymentContext
from sanctionguard.payments.findings import PaymentDecision
from sanctionguard.payments.service import screen_payment
from sanctionguard.settings import Settings
from sanctionguard.store.snapshots import Store
from sanctionguard.web import create_web_app
from tests.web.conftest import PASSWORDS, REPO, Ui, make_web, quick_cases

CORPUS = REPO / "tests" / "fixtures" / "payments"
VTB_OFAC = "us-ofac-sdn-17013"
ROSOBORONEXPORT_CA = "ca-dfatd-sema-sanctions-russia-schedule-1-part-2-item-129"
JANUARY = datetime(2026, 1, 10, 9, 30, tzinfo=UTC)
FEBRUARY = datetime(2026, 2, 1, 14, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def screened(template_db: Path) -> dict[str, PaymentDecision]:
    """Corpus messages screened by payment screening itself over the sample lists."""
    store = Store.open(f"sqlite:///{template_db}")
    snap = store.resolve("current")
    ctx = PaymentContext.build(store, snap, Screener.from_store(store, snap))
    names = (
        "pacs008_s1_listed_bic.xml",
        "pacs008_l1_listed_creditor.xml",
        "pacs008_l2_crimea.xml",
        "pacs008_clean.xml",
    )
    found = {n: screen_payment((CORPUS / n).read_bytes(), None, ctx, where=n) for n in names}
    store.close()
    return found


@pytest.fixture()
def recorded(ui: Ui, screened: dict[str, PaymentDecision]) -> dict[str, int]:
    """The block recorded in January, the holds and the pass in February; name → row id."""
    engine = ui.store.engine
    storage.record(engine, [screened["pacs008_s1_listed_bic.xml"]], now=JANUARY)
    later = ("pacs008_l1_listed_creditor.xml", "pacs008_l2_crimea.xml", "pacs008_clean.xml")
    storage.record(engine, [screened[n] for n in later], now=FEBRUARY)
    table = storage.payment_decision
    with engine.connect() as conn:
        rows = conn.execute(sa.select(table.c.id, table.c.message)).all()
    return {message.split("#", 1)[0]: row_id for row_id, message in rows}


def rows(html: str) -> list[str]:
    """The message names in the listing's rows, top to bottom."""
    return re.findall(r'<a href="/payments/\d+">([^<#]+)#', html)


def test_the_payments_page_lists_held_and_blocked_messages_newest_first_with_reasons(
    ui: Ui, recorded: dict[str, int]
) -> None:
    ui.login("vic")
    html = ui.client.get("/payments").text
    assert rows(html) == [
        "pacs008_l2_crimea.xml",
        "pacs008_l1_listed_creditor.xml",
        "pacs008_s1_listed_bic.xml",
    ]
    assert "pacs008_clean.xml" not in html  # a pass is never on the review page
    assert "S1: IntrmyAgt1 BIC VTBRRUMMXXX is listed" in html
    assert "L2: Cdtr address names &#39;krimea&#39;" in html
    assert '<span class="badge badge-block">block</span>' in html


def test_the_payments_page_filters_by_decision_and_by_day(ui: Ui, recorded: dict[str, int]) -> None:
    ui.login("vic")
    blocked = ui.client.get("/payments", params={"outcome": "block"}).text
    assert rows(blocked) == ["pacs008_s1_listed_bic.xml"]
    held = ui.client.get("/payments", params={"outcome": "hold"}).text
    assert set(rows(held)) == {"pacs008_l2_crimea.xml", "pacs008_l1_listed_creditor.xml"}
    january = ui.client.get("/payments", params={"since": "2026-01-01", "until": "2026-01-10"})
    assert rows(january.text) == ["pacs008_s1_listed_bic.xml"]  # "to" includes its whole day
    february = ui.client.get("/payments", params={"since": "2026-01-11"}).text
    assert "pacs008_s1_listed_bic.xml" not in rows(february) and len(rows(february)) == 2
    none = ui.client.get("/payments", params={"outcome": "block", "since": "2026-02-01"}).text
    assert rows(none) == [] and "No held or blocked payment with decision block" in none


def test_a_bad_day_in_the_filter_is_named_on_the_page_not_a_crash(
    ui: Ui, recorded: dict[str, int]
) -> None:
    ui.login("vic")
    response = ui.client.get("/payments", params={"since": "10/01/2026"})
    assert response.status_code == 200
    assert "From: &#39;10/01/2026&#39; is not a date (YYYY-MM-DD)" in response.text
    reversed_range = ui.client.get(
        "/payments", params={"since": "2026-02-02", "until": "2026-02-01"}
    )
    assert "From is after To" in reversed_range.text


def test_the_detail_page_shows_every_finding_with_rule_severity_field_and_listed_entity(
    ui: Ui, recorded: dict[str, int]
) -> None:
    ui.login("vic")
    html = ui.client.get(f"/payments/{recorded['pacs008_s1_listed_bic.xml']}").text
    assert '<span class="badge badge-block" id="payment-outcome">block</span>' in html
    assert "1b2c3d4e-0000-4000-8000-000000000001" in html  # the UETR
    assert "Listed financial institution in the payment chain" in html  # S1's title
    assert "<td>critical</td>" in html and "<td>medium</td>" in html
    assert '<td class="mono">IntrmyAgt1</td>' in html
    link = re.search(rf'<a href="(/entities/{VTB_OFAC}\?snapshot=\d+)">([^<]+)</a>', html)
    assert link and link.group(2) == "VTB BANK PUBLIC JOINT STOCK COMPANY"
    entity = ui.client.get(link.group(1))
    assert entity.status_code == 200 and "VTBRRUMM" in entity.text
    # The party the findings point at, with what was read of it.
    assert "bic VTBRRUMMXXX; country RU" in html


def test_a_name_match_finding_links_the_matched_entity_and_shows_the_score(
    ui: Ui, recorded: dict[str, int]
) -> None:
    ui.login("vic")
    html = ui.client.get(f"/payments/{recorded['pacs008_l1_listed_creditor.xml']}").text
    assert '<span class="badge badge-hold" id="payment-outcome">hold</span>' in html
    assert f'href="/entities/{ROSOBORONEXPORT_CA}?snapshot=' in html
    assert "(score 0.77)" in html
    assert "name Rosoboronexport JSC" in html and "name Oleg Vladimirovich Deripaska" in html


def test_payments_are_in_the_navigation_and_need_a_signed_in_user(
    ui: Ui, recorded: dict[str, int]
) -> None:
    anonymous = ui.client.get("/payments", follow_redirects=False)
    assert anonymous.status_code == 303 and "/login" in anonymous.headers["location"]
    detail = ui.client.get("/payments/1", follow_redirects=False)
    assert detail.status_code == 303
    ui.login("vic")  # the lowest role reads them
    assert '<a href="/payments" aria-current="page">Payments</a>' in ui.client.get("/payments").text
    assert '<a href="/payments">Payments</a>' in ui.client.get("/runs").text


def test_an_unknown_payment_is_a_clear_404_page(ui: Ui, recorded: dict[str, int]) -> None:
    ui.login("vic")
    response = ui.client.get("/payments/999999")
    assert response.status_code == 404
    assert "no recorded payment decision 999999" in response.text


def test_the_payments_pages_have_strict_headers_no_inline_code_and_labelled_controls(
    ui: Ui, recorded: dict[str, int]
) -> None:
    ui.login("vic")
    for path in ("/payments", f"/payments/{recorded['pacs008_l2_crimea.xml']}"):
        response = ui.client.get(path)
        assert response.status_code == 200, path
        assert "unsafe-inline" not in response.headers["content-security-policy"]
        html = response.text
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert not re.search(r"\s(style|on[a-z]+)=", html), path
        labels = set(re.findall(r'<label for="([^"]+)"', html))
        for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
            ident = re.search(r'\sid="([^"]+)"', tag)
            assert 'type="hidden"' in tag or (ident and ident.group(1) in labels), tag


@pytest.mark.postgres
def test_the_payments_pages_filter_by_day_on_postgresql(
    pg_url: str, tmp_path: Path, screened: dict[str, PaymentDecision]
) -> None:
    store = Store.open(pg_url)
    cases = quick_cases(store)
    cases.create_user("vic", PASSWORDS["vic"], "viewer", "system:test")
    storage.record(store.engine, [screened["pacs008_s1_listed_bic.xml"]], now=JANUARY)
    storage.record(store.engine, [screened["pacs008_l2_crimea.xml"]], now=FEBRUARY)
    settings = Settings(database_url=pg_url, data_dir=tmp_path)
    app = create_web_app(settings, make_web(), store=store, cases=cases)
    with TestClient(app) as client:
        ui = Ui(client, store, cases)
        ui.login("vic")
        assert rows(client.get("/payments").text) == [
            "pacs008_l2_crimea.xml",
            "pacs008_s1_listed_bic.xml",
        ]
        january = client.get("/payments", params={"until": "2026-01-10"}).text
        assert rows(january) == ["pacs008_s1_listed_bic.xml"]
        detail = client.get("/payments/1").text
        # No snapshot in this store: the cited entity is named, without a broken link.
        assert f'{VTB_OFAC}</span> <span class="muted">(not in snapshot' in detail
    store.close()
