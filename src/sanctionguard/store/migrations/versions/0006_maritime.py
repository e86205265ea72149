"""Vessel, shipment and AIS screening state.

Revision ID: 0006
Revises: 0005
"""

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Filled in by the maritime (issue 8) work; an empty step keeps the one migration history linear.
    pass


def downgrade() -> None:
    pass
