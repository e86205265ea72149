"""The OFAC, EU and UK rules on hand-made ownership structures.

The OFAC cases follow the worked examples of OFAC's 2014 revised guidance on entities owned by
blocked persons and FAQs 398–401 (written from the guidance text); EU and UK cases follow the
EU Best Practices (2024) and OFSI's general guidance (ch. 4, para 4.14).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sanctionguard.ownership.analysis import Status
from sanctionguard.ownership.cautions import cautions
from sanctionguard.ownership.model import OwnershipData
from tests.ownership.scenarios import listed, run

Reader = Callable[[str], OwnershipData]


def statuses(
    analysis_rows: Reader, rows: str, *listed_ids: str, jurisdiction: str = "ofac", **kw: object
) -> dict[str, Status]:
    data = analysis_rows(rows)
    result = run(data, listed(*listed_ids), **kw)  # type: ignore[arg-type]
    return {pid: result.status(pid, jurisdiction) for pid in data.parties}


# -- OFAC: the guidance's worked examples ------------------------------------------------------


def test_an_entity_half_owned_by_a_blocked_person_is_blocked(ownership_csv: Reader) -> None:
    result = statuses(ownership_csv, "X,A,50", "X")
    assert result["A"] is Status.BLOCKED
    assert result["X"] is Status.LISTED


def test_an_entity_half_owned_by_a_blocked_entity_is_blocked_in_turn(ownership_csv: Reader) -> None:
    result = statuses(ownership_csv, "X,A,50\nA,B,50", "X")
    assert result["B"] is Status.BLOCKED


def test_two_blocked_persons_with_a_quarter_each_block_the_entity(ownership_csv: Reader) -> None:
    result = statuses(ownership_csv, "X,C,25\nY,C,25", "X", "Y")
    assert result["C"] is Status.BLOCKED


def test_direct_and_indirect_holdings_through_a_blocked_entity_add_up(
    ownership_csv: Reader,
) -> None:
    result = statuses(ownership_csv, "X,A,50\nX,D,10\nA,D,40", "X")
    assert result["D"] is Status.BLOCKED


def test_holdings_through_an_entity_that_is_not_blocked_do_not_count(ownership_csv: Reader) -> None:
    # X owns 40% of A (not blocked); A owns 100% of B: OFAC does not multiply through A.
    result = statuses(ownership_csv, "X,A,40\nA,B,100\nX,E,10\nA,E,45", "X")
    assert result["A"] is Status.NOT_BLOCKED
    assert result["B"] is Status.NOT_BLOCKED
    assert result["E"] is Status.NOT_BLOCKED


def test_just_under_half_is_not_blocked_but_raises_a_minority_caution(
    ownership_csv: Reader,
) -> None:
    data = ownership_csv("X,A,49.99")
    analysis = run(data, listed("X"))
    assert analysis.status("A", "ofac") is Status.NOT_BLOCKED
    rules = {(c.party_id, c.rule_id) for c in cautions(analysis) if c.jurisdiction == "ofac"}
    assert ("A", "O3-minority") in rules


def test_control_alone_does_not_block_under_ofac_but_is_a_caution(ownership_csv: Reader) -> None:
    data = ownership_csv("X,A,,control\nX,A,10")
    analysis = run(data, listed("X"))
    assert analysis.status("A", "ofac") is Status.NOT_BLOCKED
    assert any(c.rule_id == "O3-control" and c.party_id == "A" for c in cautions(analysis))


def test_a_listed_director_is_a_caution_not_a_block(ownership_csv: Reader) -> None:
    data = ownership_csv("X,A,,directorship")
    analysis = run(data, listed("X"))
    assert analysis.status("A", "ofac") is Status.NOT_BLOCKED
    assert any(c.rule_id == "O4" and c.party_id == "A" for c in cautions(analysis))


def test_several_blocked_owners_with_small_stakes_add_up(ownership_csv: Reader) -> None:
    rows = "X,A,20\nY,A,20\nZ,A,10\nX,B,20\nY,B,20\nW,B,10"
    result = statuses(ownership_csv, rows, "X", "Y", "Z")
    assert result["A"] is Status.BLOCKED
    assert result["B"] is Status.NOT_BLOCKED


def test_the_explanation_shows_every_path_with_shares_and_the_rule(ownership_csv: Reader) -> None:
    data = ownership_csv("X,A,50\nX,D,10\nA,D,40")
    finding = next(f for f in run(data, listed("X")).explain("D") if f.jurisdiction == "ofac")
    assert finding.status is Status.BLOCKED
    assert finding.rule_id == "O1"
    assert finding.share_low == 50
    texts = finding.describe_paths()
    assert any("X" in t and "10%" in t for t in texts)
    assert any("50%" in t and "A" in t and "40%" in t for t in texts)
    assert any("OFAC FAQs 398" in s for s in finding.sources)


# -- chains and cycles -------------------------------------------------------------------------


def test_a_ten_level_chain_is_blocked_all_the_way_down(ownership_csv: Reader) -> None:
    rows = "\n".join(f"E{i},E{i + 1},50" for i in range(10))
    data = ownership_csv(rows)
    analysis = run(data, listed("E0"))
    assert analysis.status("E10", "ofac") is Status.BLOCKED
    finding = next(f for f in analysis.explain("E10") if f.jurisdiction == "ofac")
    assert len(finding.paths[0]) == 11


def test_circular_holdings_terminate_and_are_flagged(ownership_csv: Reader) -> None:
    data = ownership_csv("A,B,50\nB,A,50\nX,A,50\nC,D,60\nD,C,60")
    analysis = run(data, listed("X"))
    assert analysis.status("A", "ofac") is Status.BLOCKED
    assert analysis.status("B", "ofac") is Status.BLOCKED
    assert analysis.status("C", "ofac") is Status.NOT_BLOCKED
    looped = {c.party_id for c in cautions(analysis) if c.rule_id == "O8"}
    assert looped == {"A", "B", "C", "D"}


# -- ranges and missing data: never a false "not blocked" ---------------------------------------


def test_a_range_that_may_reach_half_is_undetermined(ownership_csv: Reader) -> None:
    result = statuses(ownership_csv, "X,A,25-50\nX,B,10-40\nX,C,50-75", "X")
    assert result["A"] is Status.UNDETERMINED
    assert result["B"] is Status.NOT_BLOCKED
    assert result["C"] is Status.BLOCKED


def test_an_unknown_share_of_a_listed_owner_is_undetermined(ownership_csv: Reader) -> None:
    result = statuses(ownership_csv, "X,A,", "X")
    assert result["A"] is Status.UNDETERMINED


def test_undetermined_cascades_down_a_chain(ownership_csv: Reader) -> None:
    result = statuses(ownership_csv, "X,A,40-60\nA,B,100", "X")
    assert result["A"] is Status.UNDETERMINED
    assert result["B"] is Status.UNDETERMINED


def test_an_ambiguous_link_can_only_make_findings_undetermined(ownership_csv: Reader) -> None:
    data = ownership_csv("X,A,60")
    analysis = run(data, listed("X", certain=False))
    assert analysis.status("A", "ofac") is Status.UNDETERMINED


# -- dates ---------------------------------------------------------------------------------------


def test_an_entity_is_blocked_only_from_its_owners_designation_date(ownership_csv: Reader) -> None:
    data = ownership_csv("X,A,60")
    designations = listed("X", since=date(2022, 3, 1))
    assert run(data, designations, date(2022, 2, 28)).status("A", "ofac") is Status.NOT_BLOCKED
    assert run(data, designations, date(2022, 3, 1)).status("A", "ofac") is Status.BLOCKED


def test_holdings_count_only_while_they_are_in_force(ownership_csv: Reader) -> None:
    data = ownership_csv("X,A,60,,2020-01-01,2022-12-31")
    designations = listed("X")
    assert run(data, designations, date(2019, 12, 31)).status("A", "ofac") is Status.NOT_BLOCKED
    assert run(data, designations, date(2022, 12, 31)).status("A", "ofac") is Status.BLOCKED
    assert run(data, designations, date(2023, 1, 1)).status("A", "ofac") is Status.NOT_BLOCKED


def test_shares_sold_just_before_a_designation_are_an_eu_caution(ownership_csv: Reader) -> None:
    data = ownership_csv("X,A,60,,2015-01-01,2022-02-20")
    analysis = run(data, listed("X", since=date(2022, 3, 1)), date(2022, 6, 1))
    assert analysis.status("A", "eu") is Status.NOT_BLOCKED
    assert any(c.rule_id == "O2-transfer" and c.party_id == "A" for c in cautions(analysis))


# -- EU ------------------------------------------------------------------------------------------


def test_eu_exactly_half_blocks_only_since_the_2024_best_practices(ownership_csv: Reader) -> None:
    data = ownership_csv("X,A,50")
    assert run(data, listed("X"), date(2024, 7, 2)).status("A", "eu") is Status.NOT_BLOCKED
    assert run(data, listed("X"), date(2024, 7, 3)).status("A", "eu") is Status.BLOCKED


def test_eu_aggregates_listed_owners(ownership_csv: Reader) -> None:
    result = statuses(ownership_csv, "X,A,30\nY,A,30", "X", "Y", jurisdiction="eu")
    assert result["A"] is Status.BLOCKED


def test_eu_control_blocks_and_names_the_control_rule(ownership_csv: Reader) -> None:
    data = ownership_csv("X,A,,control\nA,B,100")
    analysis = run(data, listed("X"))
    assert analysis.status("A", "eu") is Status.BLOCKED
    assert analysis.status("B", "eu") is Status.BLOCKED
    finding = next(f for f in analysis.explain("A") if f.jurisdiction == "eu")
    assert finding.rule_id == "O2"


def test_eu_largest_shareholder_below_half_is_a_control_indicator(ownership_csv: Reader) -> None:
    data = ownership_csv("X,A,40\nP,A,10\nQ,A,10")
    analysis = run(data, listed("X"))
    assert analysis.status("A", "eu") is Status.NOT_BLOCKED
    found = {(c.jurisdiction, c.rule_id) for c in cautions(analysis) if c.party_id == "A"}
    assert ("eu", "O2-largest") in found


def test_only_lists_of_the_jurisdiction_designate(ownership_csv: Reader) -> None:
    data = ownership_csv("X,A,60")
    analysis = run(data, listed("X", lists=("us_ofac_sdn",)))
    assert analysis.status("A", "ofac") is Status.BLOCKED
    assert analysis.status("A", "eu") is Status.NOT_BLOCKED
    assert analysis.status("A", "uk") is Status.NOT_BLOCKED


# -- UK ------------------------------------------------------------------------------------------


def test_uk_needs_more_than_half(ownership_csv: Reader) -> None:
    result = statuses(ownership_csv, "X,A,50\nX,B,50.5", "X", jurisdiction="uk")
    assert result["A"] is Status.NOT_BLOCKED
    assert result["B"] is Status.BLOCKED


def test_uk_does_not_aggregate_different_designated_persons(ownership_csv: Reader) -> None:
    data = ownership_csv("X,A,30\nY,A,30")
    analysis = run(data, listed("X", "Y"))
    assert analysis.status("A", "uk") is Status.NOT_BLOCKED
    assert analysis.status("A", "ofac") is Status.BLOCKED
    found = {(c.jurisdiction, c.rule_id) for c in cautions(analysis) if c.party_id == "A"}
    assert ("uk", "O3-aggregate") in found


def test_uk_counts_holdings_through_entities_the_person_controls(ownership_csv: Reader) -> None:
    data = ownership_csv("X,A,60\nA,B,30\nX,B,25\nY,C,60\nC,D,30\nX,D,25")
    analysis = run(data, listed("X", "Y"))
    assert analysis.status("B", "uk") is Status.BLOCKED  # 25% + 30% held through A
    assert analysis.status("D", "uk") is Status.NOT_BLOCKED  # 30% is Y's, 25% is X's
    assert analysis.status("D", "ofac") is Status.BLOCKED


def test_uk_control_without_shares_blocks(ownership_csv: Reader) -> None:
    result = statuses(ownership_csv, "X,A,,control", "X", jurisdiction="uk")
    assert result["A"] is Status.BLOCKED


def test_uk_band_of_half_to_three_quarters_is_undetermined(ownership_csv: Reader) -> None:
    result = statuses(ownership_csv, "X,A,50-75\nX,B,25-50", "X", jurisdiction="uk")
    assert result["A"] is Status.UNDETERMINED
    assert result["B"] is Status.NOT_BLOCKED


def test_uk_explanation_shows_only_the_owner_who_holds_more_than_half(
    ownership_csv: Reader,
) -> None:
    data = ownership_csv("X,A,60\nA,B,30\nX,B,25\nY,B,10")
    finding = next(f for f in run(data, listed("X", "Y")).explain("B") if f.jurisdiction == "uk")
    assert finding.status is Status.BLOCKED
    assert finding.share_low == 55
    starts = {path[0].party_id for path in finding.paths}
    assert starts == {"X"}


def test_a_huge_loop_is_one_caution_not_one_per_member(ownership_csv: Reader) -> None:
    rows = "\n".join(f"L{i},L{(i + 1) % 150},10" for i in range(150))
    analysis = run(ownership_csv(rows), {})
    loops = [c for c in cautions(analysis) if c.rule_id == "O8"]
    assert len(loops) == 1
    assert "loop of 150" in loops[0].evidence[0]
