"""Build hook: compile the matcher's hot modules with mypyc (``src/sanctionguard/compiled.py``).

``SANCTIONGUARD_COMPILE`` decides: ``1`` compiles (and fails the build if compiling fails),
``0`` never does, unset compiles when a C compiler and the Python headers are present and
installs interpreted if compiling fails. Editable
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
from setuptools.command.build_ext import build_ext
from setuptools.errors import CCompilerError, CompileError, LinkError

ROOT = Path(__file__).resolve().parent
_BUILDS = frozenset({"bdist_wheel", "build_ext", "build", "install"})
# The build environment may lack the runtime dependencies (pip installs them after building):
# their types are then Any, which compiles to generic (correct) code; strict mode's checks of
# such values are the development type check's job (mypy --strict src), not the build's.
_BUILD_FLAGS = (
    "--ignore-missing-imports",
    "--no-warn-unused-ignores",
    "--no-warn-return-any",
    "--allow-subclassing-any",
    "--allow-untyped-decorators",
)


def _can_compile() -> bool:
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    return shutil.which(compiler) is not None and headers.is_file()


def _setting() -> str:
    """``SANCTIONGUARD_COMPILE``: "1" (forced), "0" (never) or "" (when possible)."""
    setting = os.environ.get("SANCTIONGUARD_COMPILE", "").strip()
    if setting not in ("", "0", "1"):
        raise SystemExit(f"SANCTIONGUARD_COMPILE must be 0 or 1, not {setting!r}")
    return setting


def _wanted() -> bool:
    setting = _setting()
    # Only a command that builds extensions compiles (not the metadata and requirements hooks,
    # which run this file too), and never an editable build.
    if setting == "0" or "editable_wheel" in sys.argv or _BUILDS.isdisjoint(sys.argv):
        return False
    if setting == "1":
        return True
    if not _can_compile():
        print("sanctionguard: no C compiler or Python headers: installing interpreted")
        return False
    return True


def _forced() -> bool:
    return _setting() == "1"


def _extensions() -> list[Any]:
    if not _wanted():
        return []
    compiled = runpy.run_path(str(ROOT / "src" / "sanctionguard" / "compiled.py"))["COMPILED"]
    os.chdir(ROOT)  # (mypyc names modules by their paths under src/)
    paths = [*_BUILD_FLAGS, *(f"src/{path}" for path in compiled)]
    try:
        from mypyc.build import mypycify

        return list(mypycify(paths, group_name="sanctionguard"))
    except (SystemExit, Exception) as exc:  # (mypyc reports type errors by exiting)
        if _forced():
            raise
        print(f"sanctionguard: mypyc could not compile the matcher ({exc}): installing interpreted")
        return []


class _BuildExt(build_ext):
    """Compiles the extensions; unless compiling is forced, a failed C compile leaves none of
    them behind (a compiled module without its shared library would not import) and the
    install interpreted."""

    def run(self) -> None:
        try:
            super().run()
        except (CCompilerError, CompileError, LinkError, OSError) as exc:
            if _forced():
                raise
            for output in self.get_outputs():
                Path(output).unlink(missing_ok=True)
            self.distribution.ext_modules = []
            self.extensions = []
            print(f"sanctionguard: the C compiler failed ({exc}): installing interpreted")


if __name__ == "__main__":  # (setuptools runs this file as __main__; tests import its hooks)
    setup(ext_modules=_extensions(), cmdclass={"build_ext": _BuildExt})
