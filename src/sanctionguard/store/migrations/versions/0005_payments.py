"""Payment screening decisions.

Revision ID: 0005
Revises: 0004
"""

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Filled in by the payments (issue 7) work; an empty step keeps the one migration history linear.
    pass


def downgrade() -> None:
    pass
