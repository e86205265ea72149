"""The supported list formats, in sniffing order (most specific first)."""

from __future__ import annotations

from importlib import import_module

from sanctionguard.sources.base import FormatSpec

FORMAT_MODULES = (
    "ofac_csv",
    "ofac_xml",
    "ofac_enhanced",
    "un_xml",
    "eu_fsf_xml",
    "eu_journal_csv",
    "uk_ofsi_csv",
    "uk_fcdo_derived",
    "ca_sema_xml",
    "au_dfat_xlsx",
    "ch_seco_xml",
    "us_csl_csv",
    "ftm_json",
    "os_targets_csv",
)


def all_formats() -> tuple[FormatSpec, ...]:
    """Every format sanctionguard can read."""
    specs = []
    for name in FORMAT_MODULES:
        module = import_module(f"sanctionguard.sources.{name}")
        specs.append(module.SPEC)
    return tuple(specs)


def get_format(name: str, formats: tuple[FormatSpec, ...] | None = None) -> FormatSpec:
    for spec in formats or all_formats():
        if spec.format == name:
            return spec
    raise KeyError(name)
