"""The round's workbook for one agency, made from and read against the database."""

from __future__ import annotations

import datetime

from django.conf import settings

from theodoi.evaluation.status import TaskStatus
from theodoi.orgs.models import Organisation
from theodoi.plans.models import AgencyRole
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.updates import UpdateContent, content_problems
from theodoi.reporting.workbook.layout import TASK_SHEET, IndicatorLine, TaskLine, WorkbookKey
from theodoi.reporting.workbook.reading import CellError, Reading, read_workbook
from theodoi.reporting.workbook.writing import build_workbook
from theodoi.reporting.worklist import agency_indicators, agency_tasks

# The column of the task sheet an update's rule is about, so its error names the cell.
TASK_FIELD_COLUMNS = {
    "status": "Trạng thái",
    "progress": "Tiến độ (%)",
    "completed_on": "Ngày hoàn thành",
}

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
        update, task = item.latest, item.task
        tasks.append(
            TaskLine(
                task_id=task.pk,
                code=task.code,
                title=task.title,
                role=_ROLE_LABELS[item.role],
                due_text=task.due_text,
                expected_output=task.expected_output,
                version=item.version,
                status=update.status_label if update else "",
                progress=update.progress if update else None,
                completed_on=update.completed_on if update else None,
                results=update.results if update else "",
                product=update.product if update else "",
                difficulties=update.difficulties if update else "",
                proposals=update.proposals if update else "",
            )
        )
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
        statuses=list(STATUS_LABELS),
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
        content = UpdateContent(
            status=change.status,
            progress=change.progress,
            completed_on=change.completed_on,
        )
        for problem in content_problems(content, today=today):
            reading.errors.append(
                CellError(
                    TASK_SHEET, change.row, TASK_FIELD_COLUMNS.get(problem.field), str(problem)
                )
            )
    reading.errors.sort(key=lambda e: (e.sheet != TASK_SHEET, e.row or 0))
    return reading
