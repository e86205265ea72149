"""When entries were first seen and last changed, as /match and /entities report them."""

from __future__ import annotations

import shutil
from pathlib import Path

from sanctionguard.api.catalog import EntityCatalog
from sanctionguard.store.ingest import ingest
from sanctionguard.store.snapshots import Store
from tests.api.conftest import LIMITS, SAMPLES


def test_first_seen_and_last_change_follow_the_versions_of_each_list(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    un = tmp_path / "un"
    shutil.copytree(SAMPLES / "un", un)
    first = ingest(store, [un], LIMITS).load.snapshot_id
    xml = un / "consolidated.xml"
    xml.write_text(xml.read_text().replace("HOJATI", "HOJATY"))
    second = ingest(store, [un, SAMPLES / "ofac"], LIMITS).load.snapshot_id
    assert first is not None and second is not None
    old, new = store.snapshot(first), store.snapshot(second)
    catalog = EntityCatalog.from_store(store, new)

    edited = catalog.get("un-sc-sanctions-iri-018")
    assert edited is not None and "HOJATY" in edited.caption
    assert edited.times.first_seen == old.created_at
    assert edited.times.last_change == new.created_at
    unchanged = next(
        e for e in catalog.entries() if e.list_name == "un_sc_sanctions" and e is not edited
    )
    assert unchanged.times.first_seen == unchanged.times.last_change == old.created_at
    added = next(e for e in catalog.entries() if e.list_name == "us_ofac_sdn")
    assert added.times.first_seen == added.times.last_change == new.created_at
    assert added.record()["properties"]["name"]
    store.close()
