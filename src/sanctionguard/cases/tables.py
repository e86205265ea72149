"""The case system's tables (SQLAlchemy Core, own metadata), mirrored by migration 0003.

Timestamps that enter the audit hash are stored as ISO 8601 text so SQLite and PostgreSQL
hand back exactly what was hashed; JSON documents are stored as canonical JSON text.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

app_user = sa.Table(
    "app_user",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(100), nullable=False, unique=True),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

book_version = sa.Table(
    "book_version",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(100), nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("mapping", sa.Text, nullable=False),
    sa.Column("counts", sa.Text, nullable=False),
)

customer = sa.Table(
    "customer",
    metadata,
    sa.Column("customer_id", sa.String(255), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("record", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("book_version_id", sa.Integer, sa.ForeignKey("book_version.id"), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
)

customer_history = sa.Table(
    "customer_history",
    metadata,
    sa.Column("book_version_id", sa.Integer, sa.ForeignKey("book_version.id"), primary_key=True),
    sa.Column("customer_id", sa.String(255), primary_key=True),
    sa.Column("change", sa.String(16), nullable=False),  # added / changed / removed
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("record", sa.Text, nullable=False),
)

screening_run = sa.Table(
    "screening_run",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("mode", sa.String(8), nullable=False),
    sa.Column("actor", sa.String(100), nullable=False),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("snapshot_id", sa.Integer, nullable=False),
    sa.Column("base_snapshot_id", sa.Integer),
    sa.Column("threshold", sa.Float, nullable=False),
    sa.Column("book_version_id", sa.Integer, sa.ForeignKey("book_version.id"), nullable=False),
    sa.Column("counts", sa.Text, nullable=False),
)

run_result = sa.Table(
    "run_result",
    metadata,
    sa.Column("run_id", sa.Integer, sa.ForeignKey("screening_run.id"), primary_key=True),
    sa.Column("customer_id", sa.String(255), primary_key=True),
    sa.Column("outcome", sa.String(12), nullable=False),  # no_hit / hit / suppressed / error
    sa.Column("hits", sa.Integer, nullable=False),
    sa.Column("detail", sa.Text),
)

alert = sa.Table(
    "alert",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("screening_run.id"), nullable=False),
    sa.Column("last_run_id", sa.Integer, sa.ForeignKey("screening_run.id"), nullable=False),
    sa.Column("snapshot_id", sa.Integer, nullable=False),
    sa.Column("customer_id", sa.String(255), nullable=False),
    sa.Column("customer_name", sa.Text, nullable=False),
    sa.Column("customer_hash", sa.String(64), nullable=False),
    sa.Column("customer_record", sa.Text, nullable=False),
    sa.Column("list_name", sa.String(100), nullable=False),
    sa.Column("entity_id", sa.String(255), nullable=False),
    sa.Column("entity_hash", sa.String(64), nullable=False),
    sa.Column("entity_record", sa.Text, nullable=False),
    sa.Column("caption", sa.Text, nullable=False),
    sa.Column("schema", sa.String(50), nullable=False),
    sa.Column("lists", sa.Text, nullable=False),
    sa.Column("source_ids", sa.Text, nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("explanation", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("outcome", sa.String(16)),
    sa.Column("assignee", sa.String(100)),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("delisted", sa.Boolean, nullable=False),
    sa.Column("suppressed_by", sa.Integer),
)
sa.Index("ix_alert_status_score", alert.c.status, alert.c.score)
sa.Index("ix_alert_pair", alert.c.customer_id, alert.c.list_name, alert.c.entity_id)
sa.Index("ix_alert_entity", alert.c.list_name, alert.c.entity_id)

alert_event = sa.Table(
    "alert_event",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("alert_id", sa.Integer, sa.ForeignKey("alert.id"), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(100), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("data", sa.Text, nullable=False),
)
sa.Index("ix_alert_event_alert", alert_event.c.alert_id)

decision = sa.Table(
    "decision",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("alert_id", sa.Integer, sa.ForeignKey("alert.id"), nullable=False),
    sa.Column("outcome", sa.String(16), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("state", sa.String(10), nullable=False),
    sa.Column("proposed_by", sa.String(100), nullable=False),
    sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("reviewed_by", sa.String(100)),
    sa.Column("reviewed_at", sa.DateTime(timezone=True)),
    sa.Column("review_reason", sa.Text),
)
sa.Index("ix_decision_alert", decision.c.alert_id)

allowlist_entry = sa.Table(
    "allowlist_entry",
    metadata,
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
sa.Index("ix_allowlist_pair", allowlist_entry.c.customer_id, allowlist_entry.c.entity_id)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("actor", sa.String(100), nullable=False),
    sa.Column("action", sa.String(50), nullable=False),
    sa.Column("object_type", sa.String(50), nullable=False),
    sa.Column("object_id", sa.String(255), nullable=False),
    sa.Column("before", sa.Text, nullable=False),
    sa.Column("after", sa.Text, nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)
