"""The audit log as a workbook: the entries a coordinator or leader filtered on the audit page,
one row each (time, person, action in Vietnamese, object, plan), every text written as text
(``files.formulas``): an object named "=…" never runs as a formula."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext, pgettext
from openpyxl import Workbook

from theodoi.exports.excel import DATE, _sheet, _write
from theodoi.files.formulas import append_row

# Bound of one export: past it the sheet says it was cut and asks for narrower filters.
MAX_ROWS = 10_000


@dataclass(frozen=True)
class AuditRow:
    at: datetime.datetime
    person: str
    action: str  # the action's Vietnamese label
    code: str  # the action as stored
    subject: str
    plan: str


@dataclass(frozen=True)
class AuditSheet:
    rows: tuple[AuditRow, ...]
    filters: str  # the filters in words
    total: int  # entries matching, of which ``rows`` are the first MAX_ROWS

    @property
    def cut(self) -> bool:
        return self.total > len(self.rows)


def audit_xlsx(sheet: AuditSheet) -> bytes:
    workbook = Workbook()
    page = workbook.active
    assert page is not None
    page.title = gettext("Audit log")[:31]
    _sheet(
        page,
        [
            (pgettext("audit", "Time"), 18),
            (gettext("Person"), 24),
            (pgettext("audit", "Action"), 36),
            (gettext("Action code"), 30),
            (gettext("Object"), 48),
            (gettext("Plan"), 40),
        ],
    )
    for row in sheet.rows:
        at = timezone.localtime(row.at).replace(tzinfo=None)
        _write(
            page,
            [at, row.person, row.action, row.code, row.subject, row.plan],
            formats={1: f"{DATE} HH:MM"},
        )
    append_row(page, [])
    append_row(page, [gettext("Filters: %(filters)s") % {"filters": sheet.filters}])
    if sheet.cut:
        append_row(
            page,
            [
                gettext(
                    "Only the first %(shown)d of %(total)d entries are listed; narrow the "
                    "filters to export the rest."
                )
                % {"shown": len(sheet.rows), "total": sheet.total}
            ],
        )
    workbook.properties.title = gettext("Audit log")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
