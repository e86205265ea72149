"""The one typed settings object, built at the edge (CLI, API factory) and passed in.

Nothing here reads the environment at import time: ``Settings.from_env`` is called by the
entry points, and tests build ``Settings`` directly.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_HOME = Path("~/.local/share/sanctionguard")


@dataclass(frozen=True)
class SyncSource:
    """One official file to download: where from and which list it belongs to."""

    name: str
    url: str
    filename: str
    sha256: str | None = None


def default_sync_sources() -> tuple[SyncSource, ...]:
    """The official download locations published by each authority."""
    return (
        SyncSource(
            "us_ofac_sdn",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV",
            "sdn.csv",
        ),
        SyncSource(
            "us_ofac_sdn",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADD.CSV",
            "add.csv",
        ),
        SyncSource(
            "us_ofac_sdn",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ALT.CSV",
            "alt.csv",
        ),
        SyncSource(
            "us_ofac_sdn",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_COMMENTS.CSV",
            "sdn_comments.csv",
        ),
        SyncSource(
            "un_sc_sanctions",
            "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
            "consolidated.xml",
        ),
        SyncSource(
            "ca_dfatd_sema_sanctions",
            "https://www.international.gc.ca/world-monde/assets/office_docs/international_relations-relations_internationales/sanctions/sema-lmes.xml",
            "sema-lmes.xml",
        ),
        SyncSource(
            "au_dfat_sanctions",
            "https://www.dfat.gov.au/sites/default/files/regulation8_consolidated.xlsx",
            "regulation8_consolidated.xlsx",
        ),
    )


@dataclass(frozen=True)
class Settings:
    """Runtime configuration of sanctionguard."""

    database_url: str
    data_dir: Path
    sync_sources: tuple[SyncSource, ...] = field(default_factory=default_sync_sources)
    sync_retries: int = 3
    sync_timeout_s: float = 60.0
    sync_backoff_s: float = 0.5
    max_uncompressed_bytes: int = 1 << 30
    max_compression_ratio: int = 200

    @property
    def index_cache_dir(self) -> Path:
        """Where compiled snapshot indexes are kept between runs (shared by every process)."""
        return self.data_dir / "index-cache"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Settings from ``SANCTIONGUARD_*`` variables, with a per-user SQLite default."""
        env = dict(os.environ if environ is None else environ)
        home = Path(env.get("SANCTIONGUARD_HOME", str(DEFAULT_HOME))).expanduser()
        url = env.get("SANCTIONGUARD_DATABASE_URL") or f"sqlite:///{home / 'sanctionguard.db'}"
        return cls(database_url=url, data_dir=home)
