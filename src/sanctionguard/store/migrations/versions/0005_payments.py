"""Payment screening decisions (held and blocked messages with their reasons).

Mirrors ``sanctionguard.payments.storage``.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "payment_decision",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("screened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("snapshot_id", sa.Integer),
        sa.Column("message", sa.String(500), nullable=False),
        sa.Column("format", sa.String(40)),
        sa.Column("reference", sa.String(255)),
        sa.Column("uetr", sa.String(64)),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("reasons", sa.JSON, nullable=False),
        sa.Column("record", sa.Text, nullable=False),
    )
    op.create_index("ix_payment_decision_outcome", "payment_decision", ["outcome", "id"])
    op.create_index("ix_payment_decision_uetr", "payment_decision", ["uetr"])


def downgrade() -> None:
    op.drop_index("ix_payment_decision_uetr", "payment_decision")
    op.drop_index("ix_payment_decision_outcome", "payment_decision")
    op.drop_table("payment_decision")
