"""The entity page's owners and holdings from stored ownership data, with derived status."""

from __future__ import annotations

import re

from sanctionguard.cli.app import run
from tests.web.conftest import REPO, Ui

SHIELDED = REPO / "tests" / "fixtures" / "ownership" / "shielded.csv"
VTB_OFAC = "us-ofac-sdn-17013"
KALASHNIKOV_OFAC = "us-ofac-sdn-16911"


def load_ownership(db_url: str, link: bool = True) -> None:
    assert run(["--db", db_url, "ownership", "load", str(SHIELDED)]) == 0
    if link:
        assert run(["--db", db_url, "ownership", "link", "--no-names"]) == 0


def test_a_listed_owner_shows_the_company_it_holds_and_that_ofac_blocks_it(ui: Ui) -> None:
    load_ownership(str(ui.store.engine.url))
    ui.login("vic")
    html = ui.client.get(f"/entities/{VTB_OFAC}").text
    assert "Owners and holdings from ownership data" in html
    section = html.split('id="owning-h"', 1)[1]
    row = re.search(r"<tr>\s*<td>Alpha Trading FZE.*?</tr>", section, re.S)
    assert row, "the held company is listed"
    assert "<td>50%</td>" in row.group(0) and "2019-04-01 to …" in row.group(0)
    assert 'OFAC: <span class="status-blocked">blocked</span>' in row.group(0)
    assert 'class="node node-blocked"' in section  # marked in the picture too
    assert "VTB Bank PJSC; OFAC listed" in section
    assert not re.search(r"\s(style|on[a-z]+)=", html)  # the strict CSP holds here too


def test_owners_adding_up_block_a_company_and_the_listed_owner_links_to_its_page(
    ui: Ui,
) -> None:
    load_ownership(str(ui.store.engine.url))
    ui.login("vic")
    section = ui.client.get(f"/entities/{KALASHNIKOV_OFAC}").text.split('id="owning-h"', 1)[1]
    row = re.search(r"<tr>\s*<td>Beta Components Ltd.*?</tr>", section, re.S)
    assert row and "<td>25%</td>" in row.group(0)
    # 25% from Kalashnikov plus 30% through Alpha (itself blocked by VTB's 50%): 55%.
    assert 'OFAC: <span class="status-blocked">blocked</span>' in row.group(0)


def test_ownership_data_not_yet_linked_to_the_snapshot_is_said_not_hidden(ui: Ui) -> None:
    load_ownership(str(ui.store.engine.url), link=False)
    ui.login("vic")
    html = ui.client.get(f"/entities/{VTB_OFAC}").text
    assert "is not linked to snapshot" in html and "sanctionguard ownership link" in html


def test_without_ownership_data_the_entity_page_has_no_ownership_section(ui: Ui) -> None:
    ui.login("vic")
    html = ui.client.get(f"/entities/{VTB_OFAC}").text
    assert "VTB BANK PUBLIC JOINT STOCK COMPANY" in html
    assert 'id="owning-h"' not in html
