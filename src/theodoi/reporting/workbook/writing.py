"""Making the round's workbook for one agency: locked key columns, a drop-down for the
status, number formats for figures and dates."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from theodoi.files.formulas import append_row
from theodoi.reporting.fields import UPDATE_FIELDS, Kind
from theodoi.reporting.workbook.identity import checksum
from theodoi.reporting.workbook.layout import (
    FORMAT,
    INDICATOR_COLUMNS,
    INDICATOR_SHEET,
    META_SHEET,
    TASK_COLUMNS,
    TASK_KEY_COLUMNS,
    TASK_SHEET,
    Column,
    IndicatorLine,
    TaskLine,
    WorkbookKey,
)


def _sheet(
    ws: Worksheet, columns: Sequence[Column], rows: Sequence[Sequence[Any]], title: str
) -> None:
    append_row(ws, [c.header for c in columns])
    for row in rows:
        append_row(ws, row)
    header_fill = PatternFill("solid", fgColor="DDE7F0")
    editable_fill = PatternFill("solid", fgColor="FFF8DC")
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width
        ws.column_dimensions[letter].hidden = column.hidden
        head = ws.cell(row=1, column=index)
        head.font = Font(bold=True)
        head.fill = header_fill
        head.alignment = Alignment(wrap_text=True, vertical="top")
        for r in range(2, len(rows) + 2):
            cell = ws.cell(row=r, column=index)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if column.number_format:
                cell.number_format = column.number_format
            if column.editable:
                cell.protection = Protection(locked=False)
                cell.fill = editable_fill
    ws.freeze_panes = "E2"
    # Protection keeps the keys and the plan's own words as they are; it is no security
    # (anyone can lift it), which is why reading checks every key again.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.oddHeader.center.text = title  # type: ignore[union-attr]  # openpyxl makes every header


def _cell(kind: Kind, value: Any, labels: Mapping[str, str]) -> Any:
    """What a cell shows of an update's value: a status by its label, a blank as empty."""
    if kind is Kind.STATUS:
        return labels.get(value)
    return None if value == "" else value


def _task_row(line: TaskLine, labels: Mapping[str, str]) -> tuple[Any, ...]:
    reported = line.reported
    return (
        line.task_id,
        line.version,
        line.code,
        line.title,
        line.role,
        line.due_text,
        line.expected_output,
        *(
            _cell(f.kind, getattr(reported, f.name), labels) if reported else None
            for f in UPDATE_FIELDS
        ),
    )


def _validation(kind: Kind, statuses: Sequence[str]) -> DataValidation | None:
    """The check Excel makes as a reporter types in a cell of ``kind``, if any."""
    if kind is Kind.STATUS:
        return DataValidation(
            type="list",
            formula1='"' + ",".join(statuses) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Trạng thái",
            error="Chọn một trạng thái trong danh sách.",
        )
    if kind is Kind.PERCENT:
        return DataValidation(
            type="whole",
            operator="between",
            formula1="0",
            formula2="100",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Tiến độ",
            error="Tiến độ là số nguyên từ 0 đến 100.",
        )
    return None


def _task_sheet(
    ws: Worksheet, key: WorkbookKey, tasks: Sequence[TaskLine], statuses: Mapping[str, str]
) -> None:
    ws.title = TASK_SHEET
    labels = {code: label for label, code in statuses.items()}
    rows = [_task_row(t, labels) for t in tasks]
    _sheet(ws, TASK_COLUMNS, rows, f"{key.round_title} - {key.organisation_name}")
    if not tasks:
        return
    for index, field in enumerate(UPDATE_FIELDS, start=len(TASK_KEY_COLUMNS) + 1):
        validation = _validation(field.kind, list(statuses))
        if validation is not None:
            ws.add_data_validation(validation)
            letter = get_column_letter(index)
            validation.add(f"{letter}2:{letter}{len(tasks) + 1}")


def _indicator_sheet(ws: Worksheet, key: WorkbookKey, indicators: Sequence[IndicatorLine]) -> None:
    rows = [
        (
            i.indicator_id,
            i.version,
            i.code,
            i.name,
            i.unit,
            i.target_text,
            i.previous,
            i.value,
            i.measured_on,
            i.source or None,
            i.note or None,
        )
        for i in indicators
    ]
    _sheet(ws, INDICATOR_COLUMNS, rows, f"{key.round_title} - {key.organisation_name}")


def _meta_sheet(ws: Worksheet, key: WorkbookKey, secret: bytes) -> None:
    for row in (
        ("format", FORMAT),
        ("round_id", key.round_id),
        ("round_title", key.round_title),
        ("organisation_id", key.organisation_id),
        ("organisation_name", key.organisation_name),
        ("checksum", checksum(key, secret)),
    ):
        append_row(ws, row)
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True


def build_workbook(
    key: WorkbookKey,
    tasks: Sequence[TaskLine],
    indicators: Sequence[IndicatorLine],
    *,
    statuses: Mapping[str, str],
    secret: bytes,
) -> bytes:
    """The .xlsx file for ``key``'s agency; ``statuses`` maps the drop-down's labels to the
    status codes, as reading does."""
    wb = Workbook()
    _task_sheet(wb.active, key, tasks, statuses)  # type: ignore[arg-type]
    _indicator_sheet(wb.create_sheet(INDICATOR_SHEET), key, indicators)
    _meta_sheet(wb.create_sheet(META_SHEET), key, secret)
    wb.properties.title = key.round_title
    wb.properties.subject = key.organisation_name
    wb.properties.creator = "theodoi"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
