"""Build hook: compile the matcher's hot modules with mypyc (``src/sanctionguard/compiled.py``).

``SANCTIONGUARD_COMPILE`` decides: ``1`` compiles (and fails the build if compiling fails),
``0`` never does, unset compiles when a C compiler and the Python headers are present. Editable
installs never compile: the sources there are what runs, so a developer's edits take effect.
Everything else is declared in ``pyproject.toml``.
"""

from __future__ import annotations

import os
import runpy
import shutil
import sys
import sysconfig
from pathlib import Path
from typing import Any

from setuptools import setup

ROOT = Path(__file__).resolve().parent


def _can_compile() -> bool:
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    return shutil.which(compiler) is not None and headers.is_file()


def _wanted() -> bool:
    setting = os.environ.get("SANCTIONGUARD_COMPILE", "").strip()
    if setting not in ("", "0", "1"):
        raise SystemExit(f"SANCTIONGUARD_COMPILE must be 0 or 1, not {setting!r}")
    if setting == "0" or "editable_wheel" in sys.argv:
        return False
    if setting == "1":
        return True
    if not _can_compile():
        print("sanctionguard: no C compiler or Python headers: installing interpreted")
        return False
    return True


def _extensions() -> list[Any]:
    if not _wanted():
        return []
    from mypyc.build import mypycify

    compiled = runpy.run_path(str(ROOT / "src" / "sanctionguard" / "compiled.py"))["COMPILED"]
    os.chdir(ROOT)  # (mypyc names modules by their paths under src/)
    return list(mypycify([f"src/{path}" for path in compiled], group_name="sanctionguard"))


if __name__ == "__main__":  # (setuptools runs this file as __main__; tests import its hooks)
    setup(ext_modules=_extensions())
