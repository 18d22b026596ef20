"""The plan's task table in the layout of its appendix (TT, task, lead, cooperating, time),
with status, progress and the last accepted result, and its indicator table with target,
latest value and progress, as an Excel workbook.

Numbers are stored as numbers with a display format (per cent, thousands), dates as dates, so
the sheet can be sorted and summed; the header row stays in view while scrolling.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext, pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from theodoi.exports.content import PlanReport
from theodoi.files.formulas import append_row
from theodoi.reporting.fields import InReports, UpdateField, fields_in

HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
PERCENT = "0%"
FIGURE = "#,##0.##"
DATE = "DD/MM/YYYY"


def _sheet(sheet: Worksheet, headers: list[tuple[str, float]]) -> None:
    for column, (header, width) in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=column, value=header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}1"


def _write(sheet: Worksheet, values: list[object], *, formats: dict[int, str] | None = None) -> int:
    row = append_row(sheet, values)
    for column in range(1, len(values) + 1):
        cell = sheet.cell(row=row, column=column)
        cell.border = BORDER
        cell.alignment = WRAP
        if formats and column in formats:
            cell.number_format = formats[column]
    return row


def _label(field: UpdateField) -> str:
    if field.report_label:
        return pgettext("report", field.report_label)
    return gettext(field.read_label)


def _tasks(sheet: Worksheet, report: PlanReport) -> None:
    reported = fields_in(InReports.TASK_LINE)
    sheet.title = pgettext("report", "Tasks")
    _sheet(
        sheet,
        [
            (pgettext("report", "No."), 8),
            (pgettext("report", "Task"), 60),
            (pgettext("report", "Lead agency"), 28),
            (pgettext("report", "Cooperating agencies"), 32),
            (pgettext("report", "Time"), 16),
            (pgettext("report", "Expected output"), 30),
            (pgettext("report", "Status"), 24),
            (pgettext("report", "Progress"), 10),
            *((_label(field), 50) for field in reported),
        ],
    )
    width = 8 + len(reported)
    for group in report.groups:
        if group.title:
            row = _write(sheet, [group.code, group.title, *[""] * 5, None, *[""] * len(reported)])
            for column in range(1, width + 1):
                sheet.cell(row=row, column=column).font = Font(bold=True)
                sheet.cell(row=row, column=column).fill = GROUP_FILL
        for task in group.tasks:
            _write(
                sheet,
                [
                    task.code,
                    task.title,
                    task.lead,
                    task.cooperating,
                    task.due_text,
                    task.expected_output,
                    task.status_label,
                    task.progress / 100 if task.progress is not None else None,
                    *(task.reported.get(field.name, "") for field in reported),
                ],
                formats={8: PERCENT},
            )


def _indicators(sheet: Worksheet, report: PlanReport) -> None:
    sheet.title = pgettext("report", "Indicators")
    _sheet(
        sheet,
        [
            (pgettext("report", "No."), 8),
            (pgettext("report", "Indicator"), 60),
            (pgettext("report", "Unit"), 14),
            (pgettext("report", "Target as written"), 24),
            (pgettext("report", "Target"), 12),
            (pgettext("report", "Year"), 8),
            (pgettext("report", "Latest value"), 14),
            (pgettext("report", "Date of the figure"), 14),
            (pgettext("report", "Progress"), 20),
        ],
    )
    for line in report.indicators:
        _write(
            sheet,
            [
                line.code,
                line.name,
                line.unit,
                line.target_text,
                line.target,
                line.year,
                line.latest_value,
                line.latest_on,
                line.band_label,
            ],
            formats={5: FIGURE, 7: FIGURE, 8: DATE},
        )


def plan_table_xlsx(report: PlanReport) -> bytes:
    """The workbook as the bytes of a .xlsx file: a sheet of tasks, a sheet of indicators."""
    workbook = Workbook()
    _tasks(workbook.active, report)  # type: ignore[arg-type]
    _indicators(workbook.create_sheet(), report)
    workbook.properties.title = report.plan.title[:250]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
