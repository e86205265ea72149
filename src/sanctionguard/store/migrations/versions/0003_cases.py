"""Customer book, screening runs, alerts, decisions, allowlist, users and the audit log.

Revision ID: 0003
Revises: 0002

The tables are those of ``sanctionguard.cases.tables`` (one definition, created from it so the
migration and the code cannot drift); indexes included.
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from sanctionguard.cases.tables import metadata

    metadata.create_all(op.get_bind())


def downgrade() -> None:
    from sanctionguard.cases.tables import metadata

    metadata.drop_all(op.get_bind())
