"""Customer book, screening runs, alerts, decisions, allowlist, users and the audit log.

Revision ID: 0003
Revises: 0002

Mirrors ``sanctionguard.cases.tables`` (a test checks that the two agree).
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(100), nullable=False, unique=True),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("object_type", sa.String(50), nullable=False),
        sa.Column("object_id", sa.String(255), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "book_version",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
    )
    op.create_table(
        "customer",
        sa.Column("customer_id", sa.String(255), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("book_version_id", sa.Integer, sa.ForeignKey("book_version.id"), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
    )
    op.create_table(
        "customer_history",
        sa.Column(
            "book_version_id", sa.Integer, sa.ForeignKey("book_version.id"), primary_key=True
        ),
        sa.Column("customer_id", sa.String(255), primary_key=True),
        sa.Column("change", sa.String(16), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
    )
    op.create_table(
        "screening_run",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("mode", sa.String(8), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("snapshot_id", sa.Integer, nullable=False),
        sa.Column("base_snapshot_id", sa.Integer),
        sa.Column("threshold", sa.Float, nullable=False),
        sa.Column("book_version_id", sa.Integer, sa.ForeignKey("book_version.id"), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
    )
    op.create_table(
        "alert",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("screening_run.id"), nullable=False),
        sa.Column("last_run_id", sa.Integer, sa.ForeignKey("screening_run.id"), nullable=False),
        sa.Column("snapshot_id", sa.Integer, nullable=False),
        sa.Column("customer_id", sa.String(255), nullable=False),
        sa.Column("customer_name", sa.Text(), nullable=False),
        sa.Column("customer_hash", sa.String(64), nullable=False),
        sa.Column("customer_record", sa.Text(), nullable=False),
        sa.Column("list_name", sa.String(100), nullable=False),
        sa.Column("entity_id", sa.String(255), nullable=False),
        sa.Column("entity_hash", sa.String(64), nullable=False),
        sa.Column("entity_record", sa.Text(), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("schema", sa.String(50), nullable=False),
        sa.Column("lists", sa.Text(), nullable=False),
        sa.Column("source_ids", sa.Text(), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("outcome", sa.String(16)),
        sa.Column("assignee", sa.String(100)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delisted", sa.Boolean, nullable=False),
        sa.Column("suppressed_by", sa.Integer),
    )
    op.create_index("ix_alert_entity", "alert", ["list_name", "entity_id"])
    op.create_index("ix_alert_pair", "alert", ["customer_id", "list_name", "entity_id"])
    op.create_index("ix_alert_status_score", "alert", ["status", "score"])
    op.create_table(
        "run_result",
        sa.Column("run_id", sa.Integer, sa.ForeignKey("screening_run.id"), primary_key=True),
        sa.Column("customer_id", sa.String(255), primary_key=True),
        sa.Column("outcome", sa.String(12), nullable=False),
        sa.Column("hits", sa.Integer, nullable=False),
        sa.Column("detail", sa.Text()),
    )
    op.create_table(
        "alert_event",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("alert_id", sa.Integer, sa.ForeignKey("alert.id"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
    )
    op.create_index("ix_alert_event_alert", "alert_event", ["alert_id"])
    op.create_table(
        "decision",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("alert_id", sa.Integer, sa.ForeignKey("alert.id"), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("proposed_by", sa.String(100), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviewed_by", sa.String(100)),
        sa.Column("reviewed_at", sa.DateTime(timezone=True)),
        sa.Column("review_reason", sa.Text()),
    )
    op.create_index("ix_decision_alert", "decision", ["alert_id"])
    op.create_table(
        "allowlist_entry",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("customer_id", sa.String(255), nullable=False),
        sa.Column("list_name", sa.String(100), nullable=False),
        sa.Column("entity_id", sa.String(255), nullable=False),
        sa.Column("customer_hash", sa.String(64), nullable=False),
        sa.Column("entity_hash", sa.String(64), nullable=False),
        sa.Column("decision_id", sa.Integer, sa.ForeignKey("decision.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True)),
        sa.Column("active", sa.Boolean, nullable=False),
    )
    op.create_index("ix_allowlist_pair", "allowlist_entry", ["customer_id", "entity_id"])


def downgrade() -> None:
    # Indexes go with their tables.
    op.drop_table("allowlist_entry")
    op.drop_table("decision")
    op.drop_table("alert_event")
    op.drop_table("run_result")
    op.drop_table("alert")
    op.drop_table("screening_run")
    op.drop_table("customer_history")
    op.drop_table("customer")
    op.drop_table("book_version")
    op.drop_table("audit_log")
    op.drop_table("app_user")
