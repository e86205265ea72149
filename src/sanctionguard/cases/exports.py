"""Exports for auditors and managers: a run's outcomes and all decisions as CSV, the audit
log as JSON lines, and a printable HTML report of a run with its alerts and decisions.
"""

from __future__ import annotations

import csv
import json
from typing import TYPE_CHECKING, Any, TextIO

import sqlalchemy as sa
from jinja2 import Environment, select_autoescape

from sanctionguard.cases import audit
from sanctionguard.cases.tables import alert, decision, run_result
from sanctionguard.cases.views import CaseError

if TYPE_CHECKING:
    from sanctionguard.cases.service import CaseService

RUN_COLUMNS = (
    "run_id",
    "customer_id",
    "outcome",
    "hits",
    "alert_id",
    "list",
    "entity_id",
    "caption",
    "score",
    "alert_status",
    "detail",
)
DECISION_COLUMNS = (
    "decision_id",
    "alert_id",
    "customer_id",
    "customer_name",
    "list",
    "entity_id",
    "caption",
    "score",
    "outcome",
    "reason",
    "state",
    "proposed_by",
    "proposed_at",
    "reviewed_by",
    "reviewed_at",
    "review_reason",
)


def run_csv(engine: sa.Engine, run_id: int, out: TextIO) -> int:
    """One line per customer screened; a customer with several hits has one line per hit."""
    writer = csv.writer(out)
    writer.writerow(RUN_COLUMNS)
    count = 0
    with engine.connect() as conn:
        hits: dict[str, list[Any]] = {}
        query = sa.select(
            alert.c.id,
            alert.c.customer_id,
            alert.c.list_name,
            alert.c.entity_id,
            alert.c.score,
            alert.c.status,
            alert.c.caption,
        ).where(sa.or_(alert.c.run_id == run_id, alert.c.last_run_id == run_id))
        for a in conn.execute(query):
            hits.setdefault(a.customer_id, []).append(a)
        results = conn.execute(
            sa.select(run_result)
            .where(run_result.c.run_id == run_id)
            .order_by(run_result.c.customer_id)
        )
        for r in results:
            base = [run_id, r.customer_id, r.outcome, r.hits]
            found: list[Any] = hits.get(r.customer_id, []) or [None]
            for a in found:
                extra = (
                    ["", "", "", "", "", ""]
                    if a is None
                    else [a.id, a.list_name, a.entity_id, a.caption, f"{a.score:.4f}", a.status]
                )
                writer.writerow([*base, *extra, r.detail or ""])
                count += 1
    return count


def decisions_csv(engine: sa.Engine, out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(DECISION_COLUMNS)
    query = (
        sa.select(
            decision,
            alert.c.customer_id,
            alert.c.customer_name,
            alert.c.list_name,
            alert.c.entity_id,
            alert.c.caption,
            alert.c.score,
        )
        .join(alert, alert.c.id == decision.c.alert_id)
        .order_by(decision.c.id)
    )
    count = 0
    with engine.connect() as conn:
        for r in conn.execute(query):
            writer.writerow(
                [
                    r.id,
                    r.alert_id,
                    r.customer_id,
                    r.customer_name,
                    r.list_name,
                    r.entity_id,
                    r.caption,
                    f"{r.score:.4f}",
                    r.outcome,
                    r.reason,
                    r.state,
                    r.proposed_by,
                    r.proposed_at.isoformat(),
                    r.reviewed_by or "",
                    r.reviewed_at.isoformat() if r.reviewed_at else "",
                    r.review_reason or "",
                ]
            )
            count += 1
    return count


def audit_jsonl(engine: sa.Engine, out: TextIO) -> int:
    count = 0
    for row in audit.iter_raw(engine):
        out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count


_REPORT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Screening run {{ run.id }} — sanctionguard</title>
<style>
body { font: 11pt/1.4 system-ui, sans-serif; margin: 2em; color: #111; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
th, td { border: 1px solid #999; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; }
@media print { body { margin: 0; } tr { page-break-inside: avoid; } }
</style></head><body>
<h1>Screening run {{ run.id }} ({{ run.mode }})</h1>
<table aria-label="Run summary">
<tr><th scope="row">Run by</th><td>{{ run.actor }}</td></tr>
<tr><th scope="row">Started / finished</th>
<td>{{ run.started_at }} / {{ run.finished_at }}</td></tr>
<tr><th scope="row">Snapshot</th><td>{{ run.snapshot_id }}{% if run.base_snapshot_id %}
 (changes since {{ run.base_snapshot_id }}){% endif %}</td></tr>
<tr><th scope="row">Threshold</th><td>{{ "%.2f"|format(run.threshold) }}</td></tr>
<tr><th scope="row">Book version</th><td>{{ run.book_version_id }}</td></tr>
<tr><th scope="row">Customers screened</th><td>{{ run.customers }}</td></tr>
<tr><th scope="row">Listed entities</th><td>{{ run.entities }}</td></tr>
<tr><th scope="row">No hit</th><td>{{ run.no_hit }}</td></tr>
<tr><th scope="row">Hits / new alerts</th><td>{{ run.hits }} / {{ run.new_alerts }}</td></tr>
<tr><th scope="row">Suppressed by allowlist</th><td>{{ run.suppressed }}</td></tr>
<tr><th scope="row">Delisted alerts flagged</th><td>{{ run.delisted }}</td></tr>
<tr><th scope="row">Not screenable</th><td>{{ run.errors }}</td></tr>
</table>
<h2>Alerts of this run</h2>
<table><thead><tr><th>Alert</th><th>Customer</th><th>Listed entity</th><th>Lists</th>
<th>Score</th><th>Status</th><th>Assignee</th></tr></thead><tbody>
{% for a in alerts %}<tr><td>{{ a.id }}</td><td>{{ a.customer_id }} {{ a.customer_name }}</td>
<td>{{ a.caption }}{% if a.delisted %} (delisted){% endif %}</td>
<td>{{ a.lists|join(", ") }} {{ a.source_ids|join(", ") }}</td>
<td class="num">{{ "%.2f"|format(a.score) }}</td>
<td>{{ a.status }}{% if a.outcome %}: {{ a.outcome }}{% endif %}</td>
<td>{{ a.assignee or "" }}</td></tr>
{% else %}<tr><td colspan="7">No alerts.</td></tr>{% endfor %}
</tbody></table>
<h2>Decisions</h2>
<table><thead><tr><th>Decision</th><th>Alert</th><th>Outcome</th><th>Reason</th><th>State</th>
<th>Proposed by</th><th>Reviewed by</th></tr></thead><tbody>
{% for d in decisions %}<tr><td>{{ d.id }}</td><td>{{ d.alert_id }}</td><td>{{ d.outcome }}</td>
<td>{{ d.reason }}</td><td>{{ d.state }}</td><td>{{ d.proposed_by }} {{ d.proposed_at }}</td>
<td>{{ d.reviewed_by or "" }} {{ d.reviewed_at or "" }}</td></tr>
{% else %}<tr><td colspan="7">No decisions.</td></tr>{% endfor %}
</tbody></table>
<p>Audit chain: {% if audit.ok %}intact ({{ audit.rows_checked }} rows){% else %}BROKEN at row
{{ audit.first_broken_id }}: {{ audit.reason }}{% endif %}.</p>
</body></html>
"""


def report_html(service: CaseService, run_id: int | None) -> str:
    """The printable report of a run (newest when ``None``)."""
    if run_id is None:
        newest = service.runs(limit=1)
        if not newest:
            raise CaseError("no screening run yet: run `sanctionguard book screen` first")
        run_id = newest[0].id
    run = service.run(run_id)
    shown = service.list_alerts(run_id=run_id, limit=10_000)
    ids = {a.id for a in shown}
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    return env.from_string(_REPORT).render(
        run=run,
        alerts=shown,
        decisions=[d for d in service.decisions() if d.alert_id in ids],
        audit=service.verify_audit(),
    )
