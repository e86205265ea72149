"""Ownership and control relationships, versioned like list snapshots.

Revision ID: 0004
Revises: 0003
"""

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Filled in by the ownership (issue 6) work; an empty step keeps the one migration history linear.
    pass


def downgrade() -> None:
    pass
