"""Vessel, shipment and AIS screening state.

Revision ID: 0006
Revises: 0005
"""

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Maritime screening stores nothing yet; the empty step keeps the history linear.
    pass


def downgrade() -> None:
    pass
