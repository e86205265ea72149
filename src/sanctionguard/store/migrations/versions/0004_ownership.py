"""Ownership and control relationships, versioned like list snapshots.

Mirrors ``sanctionguard.ownership.storage``: immutable ownership versions with their parties
and edges, and the links of a version's parties to a list snapshot's entries.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _version_fk(primary_key: bool) -> sa.Column[int]:
    return sa.Column(
        "version_id",
        sa.Integer,
        sa.ForeignKey("ownership_version.id", ondelete="CASCADE"),
        primary_key=primary_key,
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "ownership_version",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("ownership_version.id")),
        sa.Column("note", sa.Text),
        sa.Column("files", sa.JSON, nullable=False),
        sa.Column("counts", sa.JSON, nullable=False),
        sa.Column("issues", sa.JSON, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "ownership_party",
        _version_fk(True),
        sa.Column("party_id", sa.String(255), primary_key=True),
        sa.Column("record", sa.Text, nullable=False),
    )
    op.create_table(
        "ownership_edge",
        _version_fk(True),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("owner_id", sa.String(255), nullable=False),
        sa.Column("owned_id", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("record", sa.Text, nullable=False),
    )
    op.create_index("ix_ownership_edge_owner", "ownership_edge", ["version_id", "owner_id"])
    op.create_index("ix_ownership_edge_owned", "ownership_edge", ["version_id", "owned_id"])
    op.create_table(
        "ownership_link",
        _version_fk(False),
        sa.Column("snapshot_id", sa.Integer, nullable=False),
        sa.Column("party_id", sa.String(255), nullable=False),
        sa.Column("list_name", sa.String(100), nullable=False),
        sa.Column("entity_id", sa.String(255), nullable=False),
        sa.Column("record", sa.Text, nullable=False),
    )
    op.create_index(
        "ix_ownership_link_version_snapshot", "ownership_link", ["version_id", "snapshot_id"]
    )
    op.create_table(
        "ownership_link_run",
        _version_fk(True),
        sa.Column("snapshot_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("settings", sa.JSON, nullable=False),
        sa.Column("links", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("ownership_link_run")
    op.drop_index("ix_ownership_link_version_snapshot", table_name="ownership_link")
    op.drop_table("ownership_link")
    op.drop_index("ix_ownership_edge_owned", table_name="ownership_edge")
    op.drop_index("ix_ownership_edge_owner", table_name="ownership_edge")
    op.drop_table("ownership_edge")
    op.drop_table("ownership_party")
    op.drop_table("ownership_version")
