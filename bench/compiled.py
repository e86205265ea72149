"""A compiled build of this checkout for the benchmarks: the package as a regular install gets it.

``setup.py`` compiles the hot modules with mypyc when it builds a wheel; the development venv's
editable install runs them interpreted. ``compiled_build`` installs this checkout, compiled,
into a directory of its own (``pip install --target``, kept per source digest, so a second run
of the same code reuses it); a benchmark child run with that directory first on
``PYTHONPATH`` imports the compiled modules, one without it the interpreted ones.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def source_digest(repo: Path = REPO) -> str:
    """A digest of what the build compiles and installs (the package sources and build files)."""
    digest = hashlib.sha256()
    files = [repo / "setup.py", repo / "pyproject.toml", *sorted((repo / "src").rglob("*"))]
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(repo)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def compiled_build(cache: Path | None = None, repo: Path = REPO) -> Path:
    """The directory of a compiled install of ``repo`` (built now unless already there)."""
    root = cache or Path(tempfile.gettempdir()) / "sanctionguard-bench"
    target = root / f"compiled-{source_digest(repo)}"
    if (target / "sanctionguard").is_dir():
        return target
    root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="compiled-", dir=root))
    env = {**os.environ, "SANCTIONGUARD_COMPILE": "1"}
    # A copy, so the build's own directory (build/) does not land in the checkout.
    source = work / "source"
    shutil.copytree(repo / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy2(repo / name, source / name)
    args = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target"]
    done = subprocess.run([*args, str(work / "out"), str(source)], env=env, text=True, check=False)
    if done.returncode != 0:
        shutil.rmtree(work, ignore_errors=True)
        sys.exit("the compiled build failed (pip install with SANCTIONGUARD_COMPILE=1)")
    (work / "out").rename(target)
    shutil.rmtree(work, ignore_errors=True)
    return target
