"""A customer matching a company blocked by ownership alerts, and the alert says why."""

from __future__ import annotations

from pathlib import Path

from sanctionguard.match.screener import Screener
from sanctionguard.match.types import Query
from sanctionguard.ownership.reader import read_ownership
from sanctionguard.ownership.screening import derived_entities
from tests.ownership.scenarios import listed, run


def test_a_customer_matching_a_derived_blocked_company_alerts_with_the_rule(
    fixtures_dir: Path,
) -> None:
    data = read_ownership([fixtures_dir / "ownership" / "shielded.csv"])
    analysis = run(data, listed("vtb", "kal", lists=("us_ofac_sdn",)))
    entities = derived_entities(analysis)
    assert {e.list_name for e in entities} == {"ownership_ofac"}
    screener = Screener.from_entities(entities)
    results = screener.match(Query(names=("Beta Components Limited",), schema="Company"))
    assert results and results[0].source_ids == ("beta",)
    reason = results[0].record["programs"][0]
    assert reason.startswith("OFAC O1 blocked by ownership or control")
    assert "55%" in reason and "VTB Bank PJSC" in reason
