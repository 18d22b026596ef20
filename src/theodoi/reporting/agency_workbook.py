"""The round's workbook for one agency, made from and read against the database."""

from __future__ import annotations

import datetime

from django.conf import settings

from theodoi.evaluation.status import TaskStatus
from theodoi.orgs.models import Organisation
from theodoi.plans.models import AgencyRole
from theodoi.reporting.fields import UPDATE_FIELDS
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.updates import content_problems
from theodoi.reporting.workbook.layout import TASK_SHEET, IndicatorLine, TaskLine, WorkbookKey
from theodoi.reporting.workbook.reading import CellError, Reading, read_workbook
from theodoi.reporting.workbook.writing import build_workbook
from theodoi.reporting.worklist import agency_indicators, agency_tasks

# The column of the task sheet an update's rule is about, so its error names the cell.
TASK_FIELD_COLUMNS = {field.name: field.header for field in UPDATE_FIELDS}

STATUS_LABELS = {status.label: status.code for status in TaskStatus}
_ROLE_LABELS: dict[str, str] = {AgencyRole.LEAD: "Chủ trì", AgencyRole.COOPERATING: "Phối hợp"}


def _secret() -> bytes:
    return settings.SECRET_KEY.encode()


def workbook_key(round_: ReportingRound, organisation: Organisation) -> WorkbookKey:
    return WorkbookKey(round_.pk, round_.title, organisation.pk, organisation.name)


def _lines(
    round_: ReportingRound, organisation: Organisation
) -> tuple[list[TaskLine], list[IndicatorLine]]:
    tasks = []
    for item in agency_tasks(round_, organisation):
        task, role = item.task, _ROLE_LABELS[item.role]
        reported = item.latest.content() if item.latest else None
        plan_words = (task.code, task.title, role, task.due_text, task.expected_output)
        tasks.append(TaskLine(task.pk, *plan_words, item.version, reported))
    indicators = []
    for entry in agency_indicators(round_, organisation):
        value, indicator = entry.latest, entry.indicator
        indicators.append(
            IndicatorLine(
                indicator_id=indicator.pk,
                code=indicator.code,
                name=indicator.name,
                unit=indicator.unit,
                comparator=indicator.comparator,
                target_text=indicator.target_text,
                previous=entry.previous,
                version=entry.version,
                value=value.value if value else None,
                measured_on=value.measured_on if value else None,
                source=value.source if value else "",
                note=value.note if value else "",
            )
        )
    return tasks, indicators


def download_workbook(round_: ReportingRound, organisation: Organisation) -> bytes:
    tasks, indicators = _lines(round_, organisation)
    return build_workbook(
        workbook_key(round_, organisation),
        tasks,
        indicators,
        statuses=STATUS_LABELS,
        secret=_secret(),
    )


def preview_workbook(
    round_: ReportingRound, organisation: Organisation, data: bytes, *, today: datetime.date
) -> Reading:
    """What an uploaded workbook would change, and every error in it, the updates' own rules
    (a completed task at 100 % with its date...) included."""
    tasks, indicators = _lines(round_, organisation)
    reading = read_workbook(
        data,
        workbook_key(round_, organisation),
        tasks,
        indicators,
        statuses=STATUS_LABELS,
        cut_off=round_.cut_off,
        secret=_secret(),
    )
    for change in reading.tasks:
        for problem in content_problems(change, today=today):
            reading.errors.append(
                CellError(
                    TASK_SHEET, change.row, TASK_FIELD_COLUMNS.get(problem.field), str(problem)
                )
            )
    reading.errors.sort(key=lambda e: (e.sheet != TASK_SHEET, e.row or 0))
    return reading
