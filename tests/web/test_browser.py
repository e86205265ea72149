"""The UI in real headless Chromium against a real uvicorn server on loopback.

An analyst works an alert (assign, comment, propose a false positive), an approver confirms it,
a new screening run shows the hit suppressed by the allowlist; screenshots of the main pages go
to ``test-artifacts/screenshots/``. Without /usr/bin/chromium the tests skip, except under
``CI=true`` where that is a failure.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.web.conftest import PASSWORDS, REPO, copy_store

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = REPO / "test-artifacts" / "screenshots"
CUSTOMER = "Karl Lee"  # C-1047, an alias hit on OFAC 11447


@pytest.fixture(scope="module")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        message = f"headless browser tests need Debian's chromium at {CHROMIUM}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``sanctionguard ui`` in its own process on a free loopback port, over a copy of the
    template store (one server for the module: starting one costs seconds)."""
    tmp_path = tmp_path_factory.mktemp("browser")
    db_url = copy_store(template_db, tmp_path / "store.db")
    port = _free_port()
    env = {**os.environ, "SANCTIONGUARD_WEB_SECRET": "browser-test-secret"}
    command = [sys.executable, "-m", "sanctionguard", "--db", db_url, "ui"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--no-secure-cookies"]
    log = (tmp_path / "server.log").open("w")
    proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/login", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    f"the UI server did not start:\n{(tmp_path / 'server.log').read_text()}"
                )
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def browser(chromium_path: Path) -> Iterator[Browser]:
    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=str(chromium_path),
            args=["--headless", "--no-sandbox", "--disable-gpu"],
        )
        yield instance
        instance.close()


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORDS[username])
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#flashes")).to_contain_text(f"Signed in as {username}.")


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("#flashes")).to_contain_text("Signed out.")


def test_an_analyst_and_an_approver_close_an_alert_and_the_next_run_suppresses_it(
    server: str, browser: Browser
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/login")
    _shot(page, "01-login")
    _sign_in(page, server, "ana")

    # The queue: select the alert of the customer and assign it to me in bulk.
    row = page.get_by_role("row").filter(has_text=CUSTOMER)
    expect(row).to_have_count(1)
    alert_link = row.get_by_role("link")
    alert_name = alert_link.inner_text()  # "#12"
    row.get_by_role("checkbox").check()
    page.get_by_label("Assign selected alerts to").select_option("ana")
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.locator("#flashes")).to_contain_text("Assigned 1 alert(s) to ana.")
    expect(page.get_by_role("row").filter(has_text=CUSTOMER)).to_contain_text("ana")
    _shot(page, "02-alert-queue")

    # The alert: both sides, the aligned tokens; comment and propose a false positive.
    page.get_by_role("row").filter(has_text=CUSTOMER).get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Alert {alert_name}")
    expect(page.locator("mark.tok-equal").first).to_be_visible()
    page.get_by_label("Comment").fill("Different person: our customer is a Singapore trader.")
    page.get_by_role("button", name="Add comment").click()
    expect(page.locator("#flashes")).to_contain_text("Comment added.")
    page.get_by_label("false positive").check()
    page.get_by_label("Reason").fill("Birth date and nationality differ; documents on file.")
    page.get_by_role("button", name="Propose decision").click()
    expect(page.locator("#flashes")).to_contain_text("takes effect when another approver")
    expect(page.get_by_text("You proposed this decision")).to_be_visible()
    _shot(page, "03-alert-proposed")
    _sign_out(page)

    # The approver confirms from the decisions page.
    _sign_in(page, server, "apo")
    page.get_by_role("link", name="Decisions").click()
    _shot(page, "04-decisions")
    page.get_by_role("row").filter(has_text="false positive").get_by_role("link").click()
    page.get_by_role("button", name="Approve decision").click()
    expect(page.locator("#flashes")).to_contain_text("closed as false_positive")
    _shot(page, "05-alert-closed")

    # A new full run: the pair is on the allowlist, so the hit is recorded but suppressed.
    page.get_by_role("link", name="Runs").click()
    page.get_by_label("Screen the customer book now").select_option("full")
    page.get_by_role("button", name="Start run").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Run 2")
    expect(page.locator("#suppressed-count")).not_to_have_text("0")
    suppressed = page.get_by_role("listitem").filter(has_text=CUSTOMER)
    expect(suppressed).to_contain_text("suppressed")
    _shot(page, "06-run-suppressed")
    page.get_by_role("link", name="Runs").click()
    _shot(page, "07-runs")


def test_the_lists_pages_and_search_work_with_the_keyboard(server: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _sign_in(page, server, "vic")

    # The first Tab reaches the skip link, which is then visible; Enter moves to the content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    page.get_by_role("link", name="Search").click()
    page.get_by_label("Name", exact=True).fill("Дерипаска Олег")
    page.get_by_label("Name", exact=True).press("Enter")
    expect(page.locator("#result-count")).not_to_contain_text("0 results")
    page.locator("details summary").first.click()
    _shot(page, "08-search")
    page.locator("article.result h2 a").first.click()
    expect(page.get_by_role("heading", name="Names")).to_be_visible()
    _shot(page, "09-entity")

    # Sovcomflot: the vessels the list links to it are drawn around it, each a link.
    page.goto(f"{server}/entities/us-ofac-sdn-34741")
    picture = page.get_by_role("img", name="JOINT STOCK COMPANY SOVCOMFLOT and")
    expect(picture).to_be_visible()
    expect(page.get_by_role("table", name="Linked parties")).to_contain_text("NS COLUMBUS")
    _shot(page, "12-entity-neighbourhood")

    page.get_by_role("link", name="Lists").click()
    _shot(page, "10-snapshots")
    page.get_by_role("link", name="changes since 1").click()
    expect(page.locator("p.count")).to_contain_text("From snapshot 1 to 2")
    _shot(page, "11-diff")
