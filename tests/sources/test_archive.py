"""Compressed inputs are read under limits, so zip and gzip bombs are refused."""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

import pytest

from sanctionguard.errors import UnsafeInputError
from sanctionguard.sources.archive import read_bytes, read_zip_member
from sanctionguard.sources.base import Limits


def test_a_zip_bomb_member_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    bomb = tmp_path / "CONS_ENHANCED.ZIP"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("CONS_ENHANCED.XML", b"<a>" + b" " * 60_000_000 + b"</a>")
    with pytest.raises(UnsafeInputError, match="zip bomb") as info:
        read_zip_member(bomb, "CONS_ENHANCED.XML", Limits())
    assert info.value.path == str(bomb)


def test_a_gzip_bomb_is_refused_while_streaming(tmp_path: Path) -> None:
    bomb = tmp_path / "consolidated.csv.gz"
    bomb.write_bytes(gzip.compress(b"\n" * 40_000_000))
    with pytest.raises(UnsafeInputError, match="zip bomb"):
        read_bytes(bomb, Limits())


def test_ordinary_archives_read_fully(tmp_path: Path) -> None:
    path = tmp_path / "list.csv.gz"
    payload = b"id,name\n" + b"1,ACME\n" * 1000
    path.write_bytes(gzip.compress(payload))
    assert read_bytes(path, Limits()) == payload


def test_the_absolute_cap_applies_even_at_modest_ratios(tmp_path: Path) -> None:
    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.xml", bytes(range(256)) * 4000)
    with pytest.raises(UnsafeInputError):
        read_zip_member(path, "a.xml", Limits(max_uncompressed_bytes=100_000))
