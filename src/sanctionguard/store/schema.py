"""The store's tables, declared with SQLAlchemy Core.

A *source version* is one parsed list (its files, checksums, counts) with its entities. A
*snapshot* is an immutable set of source versions, one per list; a new load makes a new
snapshot that reuses the unchanged lists' versions, so nothing is copied. The ``pointer``
row named ``current`` moves only when a snapshot is completely written.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

source_version = sa.Table(
    "source_version",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("list_name", sa.String(100), nullable=False, index=True),
    sa.Column("format", sa.String(50), nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("authority", sa.Text, nullable=False),
    sa.Column("published", sa.String(32)),
    sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("files", sa.JSON, nullable=False),
    sa.Column("entity_count", sa.Integer, nullable=False),
    sa.Column("records_read", sa.Integer, nullable=False),
    sa.Column("counts", sa.JSON, nullable=False),
    sa.Column("warnings", sa.JSON, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
)

entity = sa.Table(
    "entity",
    metadata,
    sa.Column(
        "source_version_id",
        sa.Integer,
        sa.ForeignKey("source_version.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("entity_id", sa.String(255), primary_key=True),
    sa.Column("schema", sa.String(50), nullable=False),
    sa.Column("caption", sa.Text, nullable=False),
    sa.Column("source_id", sa.String(255), nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("record", sa.Text, nullable=False),
)

identifier = sa.Table(
    "identifier",
    metadata,
    sa.Column(
        "source_version_id",
        sa.Integer,
        sa.ForeignKey("source_version.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("entity_id", sa.String(255), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("value", sa.String(255), nullable=False),
    sa.Column("country", sa.String(16)),
    sa.Column("valid", sa.Boolean),
    sa.Index("ix_identifier_kind_value", "kind", "value"),
    sa.Index("ix_identifier_version_entity", "source_version_id", "entity_id"),
)

snapshot = sa.Table(
    "snapshot",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("parent_id", sa.Integer, sa.ForeignKey("snapshot.id")),
    sa.Column("note", sa.Text),
)

snapshot_source = sa.Table(
    "snapshot_source",
    metadata,
    sa.Column("snapshot_id", sa.Integer, sa.ForeignKey("snapshot.id"), primary_key=True),
    sa.Column("list_name", sa.String(100), primary_key=True),
    sa.Column("source_version_id", sa.Integer, sa.ForeignKey("source_version.id"), nullable=False),
)

pointer = sa.Table(
    "pointer",
    metadata,
    sa.Column("name", sa.String(32), primary_key=True),
    sa.Column("snapshot_id", sa.Integer, sa.ForeignKey("snapshot.id"), nullable=False),
)
