"""Customer book, screening runs, alerts, decisions, allowlist, users and the audit log.

Revision ID: 0003
Revises: 0002
"""

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Filled in by the cases (issue 5) work; an empty step keeps the one migration history linear.
    pass


def downgrade() -> None:
    pass
