"""The reporting schedule a plan document states, set when the plan is published from it.

The extractor read the schedule into the Plan JSON when the document was staged
(``theodoi.ingest.schedule``), so the uploaded file is not read again here.
"""

from __future__ import annotations

from theodoi.ingest.schedule import schedule_from_json
from theodoi.plans.events import PlanPublished
from theodoi.reporting.rounds import set_schedule


def schedule_from_import(event: PlanPublished) -> None:
    """Set the published plan's schedule from its Plan JSON (subscribed in
    ``ReportingConfig.ready``); a schedule the document does not state is left as it was."""
    data = event.plan_json.get("schedule")
    if data:
        set_schedule(event.plan, schedule_from_json(data), by=event.by, now=event.now)
