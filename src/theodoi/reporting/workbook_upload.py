"""Applying a previewed workbook: every change goes in, or none does."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from theodoi.plans.models import Indicator, Task
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.updates import UpdateContent, save_draft, submit_update
from theodoi.reporting.values import record_indicator_value
from theodoi.reporting.workbook.layout import INDICATOR_SHEET, TASK_SHEET
from theodoi.reporting.workbook.reading import Reading
from theodoi.users import User


@transaction.atomic
def apply_workbook(
    round_: ReportingRound,
    reading: Reading,
    *,
    submit: bool,
    by: User,
    now: datetime.datetime,
) -> int:
    """Apply the changes of a previewed workbook: all of them, or none when any is refused
    (the error names the row). Returns how many reports were saved."""
    if reading.errors:
        raise ReportingError(_("The workbook has errors; correct them and upload it again."))
    tasks = Task.objects.in_bulk([c.task_id for c in reading.tasks])
    indicators = Indicator.objects.in_bulk([c.indicator_id for c in reading.indicators])
    write = submit_update if submit else save_draft
    for change in reading.tasks:
        content = UpdateContent(
            status=change.status,
            progress=change.progress,
            completed_on=change.completed_on,
            results=change.results,
            product=change.product,
            difficulties=change.difficulties,
            proposals=change.proposals,
        )
        try:
            write(round_, tasks[change.task_id], content, by=by, based_on=change.based_on, now=now)
        except ReportingError as refused:
            raise ReportingError(
                _("Sheet “%(sheet)s”, row %(row)s: %(reason)s")
                % {"sheet": TASK_SHEET, "row": change.row, "reason": refused}
            ) from refused
    for figure in reading.indicators:
        try:
            record_indicator_value(
                round_,
                indicators[figure.indicator_id],
                value=figure.value,
                measured_on=figure.measured_on,
                note=figure.note,
                source=figure.source,
                # The preview showed each figure to be confirmed before the upload was applied.
                confirmed=True,
                submit=submit,
                by=by,
                based_on=figure.based_on,
                now=now,
            )
        except ReportingError as refused:
            raise ReportingError(
                _("Sheet “%(sheet)s”, row %(row)s: %(reason)s")
                % {"sheet": INDICATOR_SHEET, "row": figure.row, "reason": refused}
            ) from refused
    return len(reading.tasks) + len(reading.indicators)
