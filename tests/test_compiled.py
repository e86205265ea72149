"""Which modules the build compiles (setup.py) and which run compiled in this environment."""

from __future__ import annotations

import os
import runpy
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from sanctionguard.compiled import COMPILED, compiled_modules, module_name

REPO = Path(__file__).resolve().parent.parent


def test_every_module_to_compile_is_a_source_file() -> None:
    src = REPO / "src"
    assert all((src / path).is_file() for path in COMPILED)
    assert module_name("sanctionguard/match/index.py") == "sanctionguard.match.index"


def test_the_modules_run_all_compiled_or_all_interpreted() -> None:
    """A partly compiled install is a broken build; ``SANCTIONGUARD_EXPECT_COMPILED`` (CI's
    compiled run sets 1) says which of the two this run must be."""
    found = compiled_modules()
    everything = tuple(module_name(p) for p in COMPILED)
    assert found in ((), everything)
    expected = os.environ.get("SANCTIONGUARD_EXPECT_COMPILED")
    if expected is not None:
        assert found == (everything if expected == "1" else ())


def _hooks(monkeypatch: pytest.MonkeyPatch, setting: str | None, *argv: str) -> dict[str, Any]:
    """setup.py's functions, with ``SANCTIONGUARD_COMPILE`` set as given, the build command
    ``argv`` and a mypyc whose compile fails."""
    if setting is None:
        monkeypatch.delenv("SANCTIONGUARD_COMPILE", raising=False)
    else:
        monkeypatch.setenv("SANCTIONGUARD_COMPILE", setting)
    monkeypatch.setattr(sys, "argv", ["setup.py", *argv])
    monkeypatch.chdir(REPO)  # (the hook changes to the project's directory)
    failing = types.ModuleType("mypyc.build")

    def mypycify(paths: list[str], **options: object) -> list[object]:
        raise SystemExit("mypyc: an error in the compiled sources")

    failing.mypycify = mypycify  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "mypyc.build", failing)
    return runpy.run_path(str(REPO / "setup.py"), run_name="setup_under_test")


def _wanted(monkeypatch: pytest.MonkeyPatch, setting: str | None, *argv: str) -> bool:
    return bool(_hooks(monkeypatch, setting, *argv)["_wanted"]())


def test_the_build_compiles_when_asked_and_never_for_an_editable_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _wanted(monkeypatch, "1", "bdist_wheel")
    assert not _wanted(monkeypatch, "0", "bdist_wheel")
    assert not _wanted(monkeypatch, "1", "editable_wheel")
    assert not _wanted(monkeypatch, None, "editable_wheel")
    # (pip's metadata and requirements hooks run setup.py too: they never compile)
    assert not _wanted(monkeypatch, "1", "egg_info")
    assert not _wanted(monkeypatch, "1", "dist_info")


def test_a_bad_setting_stops_the_build_with_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit, match="SANCTIONGUARD_COMPILE must be 0 or 1"):
        _wanted(monkeypatch, "yes", "bdist_wheel")


def test_a_failed_compile_installs_interpreted_unless_compiling_is_forced(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # (without a C compiler the hook says so before it tries: interpreted all the same)
    assert _hooks(monkeypatch, None, "bdist_wheel")["_extensions"]() == []
    assert "installing interpreted" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="an error in the compiled sources"):
        _hooks(monkeypatch, "1", "bdist_wheel")["_extensions"]()
