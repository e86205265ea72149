"""Snapshots, source versions, entities, identifiers and the current pointer.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_version",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("list_name", sa.String(100), nullable=False),
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
    op.create_index("ix_source_version_list_name", "source_version", ["list_name"])
    op.create_table(
        "entity",
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
    op.create_table(
        "identifier",
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
    )
    op.create_index("ix_identifier_kind_value", "identifier", ["kind", "value"])
    op.create_index(
        "ix_identifier_version_entity", "identifier", ["source_version_id", "entity_id"]
    )
    op.create_table(
        "snapshot",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("snapshot.id")),
        sa.Column("note", sa.Text),
    )
    op.create_table(
        "snapshot_source",
        sa.Column("snapshot_id", sa.Integer, sa.ForeignKey("snapshot.id"), primary_key=True),
        sa.Column("list_name", sa.String(100), primary_key=True),
        sa.Column(
            "source_version_id",
            sa.Integer,
            sa.ForeignKey("source_version.id"),
            nullable=False,
        ),
    )
    op.create_table(
        "pointer",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("snapshot_id", sa.Integer, sa.ForeignKey("snapshot.id"), nullable=False),
    )


def downgrade() -> None:
    for table in ("pointer", "snapshot_source", "snapshot", "identifier", "entity"):
        op.drop_table(table)
    op.drop_index("ix_source_version_list_name", "source_version")
    op.drop_table("source_version")
