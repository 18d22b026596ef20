"""Applying a previewed workbook: every change goes in, or none does."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.utils.translation import gettext as _

from theodoi.plans.models import Indicator, Task
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.fields import content_of
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.updates import save_draft, submit_update
from theodoi.reporting.values import record_indicator_value
from theodoi.reporting.workbook.layout import INDICATOR_SHEET, TASK_SHEET
from theodoi.reporting.workbook.reading import Reading
from theodoi.users import User


@contextmanager
def _at(sheet: str, row: int) -> Iterator[None]:
    """A refusal of one row's report, told with the sheet and row it came from."""
    try:
        yield
    except ReportingError as refused:
        raise ReportingError(
            _("Sheet “%(sheet)s”, row %(row)s: %(reason)s")
            % {"sheet": sheet, "row": row, "reason": refused}
        ) from refused


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
        with _at(TASK_SHEET, change.row):
            task = tasks[change.task_id]
            write(round_, task, content_of(change), by=by, based_on=change.based_on, now=now)
    for figure in reading.indicators:
        with _at(INDICATOR_SHEET, figure.row):
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
    return len(reading.tasks) + len(reading.indicators)
