"""Shipment files: the documented schema in JSON, JSON lines and CSV; bad input located."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionguard.maritime.problems import InputError
from sanctionguard.maritime.shipments import _Where, parse_hs, parse_locode, read_shipments

WHERE = _Where("x.json", 1, "")
CSV_HEADER = (
    "shipment_id,date,vessel_name,vessel_imo,vessel_flag_history,shipper,shipper_country,"
    "consignee,consignee_country,port_of_loading,port_of_discharge,transshipment_ports,clauses,"
    "line,hs_code,description,quantity,value,currency\n"
)


def _json(tmp_path: Path, shipment: dict[str, object], name: str = "s.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"shipments": [shipment]}), encoding="utf-8")
    return path


def test_the_fixture_file_reads_into_two_shipments(maritime_fixtures: Path) -> None:
    risky, clean = read_shipments(maritime_fixtures / "shipments.json")
    assert risky.id == "SHP-RISK" and clean.id == "SHP-CLEAN"
    assert risky.goods[0].hs_code == "85423190"
    assert risky.transshipment_ports == ("AEJEA",)
    assert risky.vessel.flag_history[-1].value == "PA"
    assert risky.parties["consignee"].country == "AE"
    assert clean.parties["insurer"].name == "Skuld"


def test_csv_rows_of_one_shipment_become_its_goods_lines(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        CSV_HEADER
        + "S1,2024-05-01,SEA PEARL,9179842,GA@2023-06-01;CM@2024-02-01,Muster GmbH,DE,Trade LLC,AE,"
        "DEHAM,AEJEA,,no_re_export_russia,1,854231,ICs,10,5000,EUR\n"
        + "S1,2024-05-01,SEA PEARL,9179842,GA@2023-06-01;CM@2024-02-01,Muster GmbH,DE,Trade LLC,AE,"
        "DEHAM,AEJEA,,no_re_export_russia,2,848210,Bearings,5,100,EUR\n",
        encoding="utf-8",
    )
    (shipment,) = read_shipments(path)
    assert [g.hs_code for g in shipment.goods] == ["854231", "848210"]
    assert [h.value for h in shipment.vessel.flag_history] == ["GA", "CM"]
    assert shipment.clauses == ("no_re_export_russia",) and shipment.where.endswith(":2")


def test_a_csv_goods_row_with_a_bad_hs_code_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        CSV_HEADER + "S1,2024-05-01,,,,,,,,DEHAM,AEJEA,,,1,8542,ICs,10,5000,EUR\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"s.csv:2 \[hs_code\]: '8542' is not an HS code"):
        read_shipments(path)


def test_an_unknown_csv_column_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("shipment_id,consigne\nS1,X\n", encoding="utf-8")
    with pytest.raises(InputError, match="did you mean 'consignee'"):
        read_shipments(path)


def test_rows_of_one_shipment_that_disagree_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("shipment_id,port_of_loading\nS1,DEHAM\nS1,NLRTM\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"s\.csv:3.*differ from line 2"):
        read_shipments(path)


@pytest.mark.parametrize(
    ("shipment", "message"),
    [
        (
            {"id": "A", "port_of_loading": "XXHAM"},
            r"\[shipments\[0\]\.port_of_loading\].*UN/LOCODE",
        ),
        ({"id": "A", "goods": [{"hs_code": "98.01"}]}, r"goods\[0\]\.hs_code.*not an HS code"),
        ({"id": "A", "date": "15/11/2024"}, r"\[shipments\[0\]\.date\].*not an ISO date"),
        ({"id": "A", "vessel": {"imo": "1", "flagg": "PA"}}, r"vessel\.flagg.*did you mean 'flag'"),
        ({"id": "A", "goods": [{"value": "-5"}]}, r"goods\[0\]\.value.*non-negative"),
        ({"id": "A", "consignee": {"country": "DE"}}, r"consignee\.name.*needs a name"),
        ({"date": "2024-01-01"}, r"\[shipments\[0\]\.id\].*needs an id"),
    ],
)
def test_bad_shipment_fields_are_refused_with_their_location(
    tmp_path: Path, shipment: dict[str, object], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        read_shipments(_json(tmp_path, shipment))


def test_broken_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "A"}\n{"id": \n', encoding="utf-8")
    with pytest.raises(InputError, match=r"s.jsonl:2: not valid JSON"):
        read_shipments(path)


def test_hs_codes_and_locodes_accept_common_spellings() -> None:
    assert parse_hs("8542.31.00", WHERE, "hs") == "85423100"
    assert parse_hs("", WHERE, "hs") is None
    assert parse_locode("de ham", WHERE, "pol") == "DEHAM"


@given(st.text(max_size=14))
def test_hs_parsing_gives_digits_or_a_located_error(text: str) -> None:
    try:
        value = parse_hs(text, WHERE, "hs")
    except InputError as exc:
        assert exc.field == "hs" and exc.line == 1
        return
    assert value is None or (value.isdigit() and len(value) in (6, 8, 10))


@given(st.text(max_size=8))
def test_locode_parsing_gives_a_code_or_a_located_error(text: str) -> None:
    try:
        value = parse_locode(text, WHERE, "pol")
    except InputError as exc:
        assert exc.field == "pol"
        return
    assert value is None or (len(value) == 5 and value.isupper())
