"""Bad ownership data gives located errors or warnings and never a wrong "not blocked"."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctionguard.errors import UnknownFormatError
from sanctionguard.ownership.analysis import Status
from sanctionguard.ownership.model import Severity
from sanctionguard.ownership.reader import read_ownership
from tests.ownership.scenarios import listed, run


def _issues(path: Path) -> list[str]:
    return [i.describe() for i in read_ownership([path]).issues]


def test_bad_rows_are_reported_with_file_line_and_what_is_wrong(fixtures_dir: Path) -> None:
    messages = _issues(fixtures_dir / "ownership" / "bad.csv")
    expected = {
        "bad.csv:2": "-5% is outside 0–100%",
        "bad.csv:3": "140% is outside 0–100%",
        "bad.csv:4": "ends (2021-01-01) before it starts (2023-05-01)",
        "bad.csv:5": "unreadable share 'fifty'",
        "bad.csv:6": "unknown kind 'sideways'",
        "bad.csv:7": "without owner or owned id",
    }
    for location, text in expected.items():
        assert any(m.startswith(location) and text in m for m in messages), (location, messages)
    assert any("entity G" in m and "130%" in m for m in messages)


def test_bad_values_make_findings_undetermined_never_not_blocked(fixtures_dir: Path) -> None:
    data = read_ownership([fixtures_dir / "ownership" / "bad.csv"])
    analysis = run(data, listed("X"))
    for entity in ("A", "B", "C", "D"):
        assert analysis.status(entity, "ofac") is Status.UNDETERMINED, entity
    assert analysis.status("E", "ofac") is Status.BLOCKED  # unknown kind read as ownership


def test_a_holder_nobody_describes_cannot_be_excluded(tmp_path: Path) -> None:
    path = tmp_path / "entities.ftm.json"
    path.write_text(
        '{"id": "co", "schema": "Company", "properties": {"name": ["Shell Co"]}}\n'
        '{"id": "own1", "schema": "Ownership", "properties": '
        '{"owner": ["ghost"], "asset": ["co"], "percentage": ["60"]}}\n',
        encoding="utf-8",
    )
    data = read_ownership([path])
    assert any("ghost is referenced but not described" in i.message for i in data.issues)
    assert all(i.severity is Severity.WARNING for i in data.issues)
    assert run(data, {}).status("co", "ofac") is Status.UNDETERMINED


def test_a_file_of_no_known_format_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello\n", encoding="utf-8")
    with pytest.raises(UnknownFormatError, match=r"notes\.txt"):
        read_ownership([path])


def test_a_folder_skips_files_that_are_not_ownership_data_with_a_warning(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    folder = tmp_path / "bundle"
    folder.mkdir()
    (folder / "README.md").write_text("# notes\n", encoding="utf-8")
    (folder / "edges.csv").write_text(
        (fixtures_dir / "ownership" / "shielded.csv").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    data = read_ownership([folder])
    assert len(data.edges) == 6
    assert any(i.location.endswith("README.md") and "skipped" in i.message for i in data.issues)
