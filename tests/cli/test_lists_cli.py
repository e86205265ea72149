"""The `sanctionguard lists` commands as a user runs them: load, show, diff, export, bad input."""

from __future__ import annotations

import gzip
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from sanctionguard.cli.app import run
from sanctionguard.store.snapshots import Store

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "lists"


def _cli(db: str, *args: str) -> int:
    return run(["--db", db, *args])


def _state(db: str) -> tuple[int | None, int]:
    store = Store.open(db)
    current = store.current_snapshot_id()
    count = 0 if current is None else sum(1 for _ in store.entities(current))
    store.close()
    return current, count


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture()
def loaded(db: str) -> str:
    assert _cli(db, "lists", "load", str(EXAMPLES)) == 0
    return db


def test_loading_the_examples_makes_one_snapshot_with_each_list(
    loaded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert _cli(loaded, "lists", "show", "current", "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    lists = {s["list"]: s for s in shown["sources"]}
    assert set(lists) == {
        "us_ofac_sdn",
        "un_sc_sanctions",
        "gb_hmt_sanctions",
        "ca_dfatd_sema_sanctions",
    }
    assert all(s["entities"] > 0 and len(s["files"][0]["sha256"]) == 64 for s in lists.values())
    assert len(lists["us_ofac_sdn"]["files"]) == 4


def test_reloading_the_same_files_reports_no_change(
    loaded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert _cli(loaded, "lists", "load", str(EXAMPLES)) == 0
    assert "No list changed" in capsys.readouterr().out
    assert _state(loaded)[0] == 1


def test_export_writes_every_entity_as_ftm_and_every_entry_as_csv(
    loaded: str, tmp_path: Path
) -> None:
    ftm, flat = tmp_path / "out.ftm.json", tmp_path / "out.csv"
    assert _cli(loaded, "lists", "export", "--format", "ftm", "-o", str(ftm)) == 0
    assert _cli(loaded, "lists", "export", "--format", "csv", "-o", str(flat)) == 0
    entities = [json.loads(line) for line in ftm.read_text().splitlines()]
    entries = _state(loaded)[1]
    assert len(flat.read_text().splitlines()) == entries + 1
    schemas = {e["schema"] for e in entities}
    assert {"Sanction", "Person", "Vessel"} <= schemas
    assert sum(1 for e in entities if e["schema"] == "Sanction") == entries


def _sdn_copy(tmp_path: Path, shared: Path) -> Path:
    folder = tmp_path / "v1"
    folder.mkdir()
    shutil.copy(shared / "ofac" / "sdn.csv", folder / "sdn.csv")
    return folder / "sdn.csv"


def test_diff_between_two_versions_of_a_real_list_reports_exactly_the_edits(
    db: str, tmp_path: Path, shared_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _sdn_copy(tmp_path, shared_data)
    assert _cli(db, "lists", "load", str(path)) == 0
    lines = path.read_bytes().split(b"\r\n")
    edited = []
    for line in lines:
        if line.startswith(b"36,"):
            continue  # delisting
        if line.startswith(b"306,"):
            line = line.replace(b'"BANCO NACIONAL DE CUBA"', b'"BANCO NACIONAL DE CUBA S.A."')
        if line.startswith(b"475,"):
            line = line.replace(b'"CUBA"', b'"CUBA] [RUSSIA-EO14024"', 1)
        edited.append(line)
    new_row = b'99999999,"NEW DESIGNEE TRADING LLC",-0- ,"RUSSIA-EO14024"' + b",-0- " * 8
    edited.insert(-1, new_row)
    path.write_bytes(b"\r\n".join(edited))
    assert _cli(db, "lists", "load", str(path)) == 0
    capsys.readouterr()
    assert _cli(db, "lists", "diff", "current~1", "current", "--json") == 0
    diff = json.loads(capsys.readouterr().out)
    assert [a["entity_id"] for a in diff["added"]] == ["us-ofac-sdn-99999999"]
    assert [r["entity_id"] for r in diff["removed"]] == ["us-ofac-sdn-36"]
    changed = {
        c["entity_id"]: {f["field"]: (f["removed"], f["added"]) for f in c["changes"]}
        for c in diff["changed"]
    }
    assert set(changed) == {"us-ofac-sdn-306", "us-ofac-sdn-475"}
    assert changed["us-ofac-sdn-306"]["names"][1] == ["BANCO NACIONAL DE CUBA S.A. (primary)"]
    assert changed["us-ofac-sdn-306"]["names"][0] == ["BANCO NACIONAL DE CUBA (primary)"]
    assert changed["us-ofac-sdn-475"]["programs"] == ([], ["RUSSIA-EO14024"])


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Bad files, each with the text its error message must contain (file and line/element)."""
    cases: dict[str, tuple[Path, str]] = {}
    un = (EXAMPLES / "un" / "consolidated.xml").read_bytes()
    truncated = tmp_path / "truncated" / "consolidated.xml"
    truncated.parent.mkdir()
    truncated.write_bytes(un[: len(un) * 2 // 3])
    cases["truncated xml"] = (truncated, "consolidated.xml:")
    sdn = (EXAMPLES / "ofac" / "sdn.csv").read_bytes()
    latin = tmp_path / "latin" / "sdn.csv"
    latin.parent.mkdir()
    latin.write_bytes(
        sdn.split(b"\r\n", 1)[0] + b"\r\n" + "Soci\xe9t\xe9".encode("latin-1") + b"\r\n"
    )
    cases["wrong encoding"] = (latin, "sdn.csv:2")
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    cases["empty file"] = (empty, "empty.xml: the file is empty")
    unknown = tmp_path / "notes.txt"
    unknown.write_text("hello, this is not a sanctions list\n")
    cases["unknown format"] = (unknown, "notes.txt: unknown format")
    dup = tmp_path / "dup" / "sdn.csv"
    dup.parent.mkdir()
    first = sdn.split(b"\r\n", 1)[0]
    dup.write_bytes(first + b"\r\n" + first + b"\r\n\x1a")
    cases["duplicate ids"] = (dup, "sdn.csv:2: ent_num 9345 appears twice")
    xxe = tmp_path / "xxe" / "consolidated.xml"
    xxe.parent.mkdir()
    xxe.write_bytes(
        un.replace(
            b"?>",
            b'?>\n<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
            1,
        )
    )
    cases["xml entity attack"] = (xxe, "consolidated.xml:2 <!DOCTYPE>")
    return cases


@pytest.mark.parametrize(
    "case",
    [
        "truncated xml",
        "wrong encoding",
        "empty file",
        "unknown format",
        "duplicate ids",
        "xml entity attack",
    ],
)
def test_bad_input_gives_one_clear_error_and_leaves_the_snapshot_untouched(
    loaded: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    path, expected = _bad_inputs(tmp_path)[case]
    before = _state(loaded)
    capsys.readouterr()
    assert _cli(loaded, "lists", "load", str(path)) == 1
    err = capsys.readouterr().err
    assert "error:" in err and expected in " ".join(err.split())
    assert "Traceback" not in err
    assert _state(loaded) == before


def _csl_header(shared: Path) -> bytes:
    return (shared / "csl" / "format_samples" / "consolidated.csv").read_bytes().split(b"\n", 1)[0]


def test_a_gzip_bomb_is_refused_and_the_snapshot_stays(
    loaded: str, tmp_path: Path, shared_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = tmp_path / "consolidated.csv.gz"
    bomb.write_bytes(gzip.compress(_csl_header(shared_data) + b"\n" + b"\n" * 80_000_000))
    before = _state(loaded)
    capsys.readouterr()
    assert _cli(loaded, "lists", "load", str(bomb)) == 1
    assert "zip bomb" in capsys.readouterr().err
    assert _state(loaded) == before


def test_a_zip_bomb_is_refused_and_the_snapshot_stays(
    loaded: str, tmp_path: Path, shared_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with zipfile.ZipFile(shared_data / "ofac" / "CONS_ENHANCED.ZIP") as real:
        head = real.read("CONS_ENHANCED.XML")[:20000]
    bomb = tmp_path / "CONS_ENHANCED.ZIP"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("CONS_ENHANCED.XML", head + b" " * 300_000_000)
    before = _state(loaded)
    capsys.readouterr()
    assert _cli(loaded, "lists", "load", str(bomb)) == 1
    assert "zip bomb" in capsys.readouterr().err
    assert _state(loaded) == before


def test_a_csv_with_a_missing_column_names_the_column(
    loaded: str, tmp_path: Path, shared_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = (shared_data / "csl" / "format_samples" / "consolidated.csv").read_text()
    header, _, body = sample.partition("\n")
    columns = header.split(",")
    dropped = columns.index("name")
    trimmed = [",".join(c for i, c in enumerate(columns) if i != dropped)]
    path = tmp_path / "consolidated.csv"
    path.write_text("\n".join(trimmed) + "\n" + body)
    before = _state(loaded)
    capsys.readouterr()
    assert _cli(loaded, "lists", "load", str(path)) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "consolidated.csv:1" in err and "name" in err
    assert _state(loaded) == before


def test_loading_a_new_list_delta_rescreens_the_stored_book_and_says_what_it_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    book = EXAMPLES.parent / "book.csv"
    assert _cli(db, "lists", "load", str(EXAMPLES / "ofac"), str(EXAMPLES / "un")) == 0
    assert _cli(db, "book", "import", str(book)) == 0
    assert _cli(db, "book", "screen") == 0
    capsys.readouterr()
    assert _cli(db, "lists", "load", str(EXAMPLES)) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert "Delta re-screen (run 2)" in err
    assert "new alert(s)" in err
    assert _cli(db, "lists", "load", "--no-rescreen", str(EXAMPLES / "ofac")) == 0
    assert "Delta re-screen" not in capsys.readouterr().err
