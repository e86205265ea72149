"""``sanctionguard --version``: the version and whether the matcher runs compiled."""

from __future__ import annotations

import os

import pytest

from sanctionguard import __version__
from sanctionguard.cli.app import run


def test_the_version_says_which_build_of_the_matcher_runs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["--version"]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith(f"sanctionguard {__version__}, matcher ")
    expected = os.environ.get("SANCTIONGUARD_EXPECT_COMPILED")
    if expected is not None:
        assert out.endswith("compiled (mypyc)" if expected == "1" else "interpreted")
    else:
        assert out.endswith(("compiled (mypyc)", "interpreted"))
