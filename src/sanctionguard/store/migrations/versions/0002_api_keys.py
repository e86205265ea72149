"""API keys for the screening service.

Revision ID: 0002
Revises: 0001
"""

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Filled in by the API (issue 4) work; an empty step keeps the one migration history linear.
    pass


def downgrade() -> None:
    pass
