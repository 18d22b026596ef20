"""Making the round's workbook for one agency: locked key columns, a drop-down for the
status, number formats for figures and dates."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from theodoi.files.formulas import append_row
from theodoi.reporting.workbook.identity import checksum
from theodoi.reporting.workbook.layout import (
    FORMAT,
    INDICATOR_COLUMNS,
    INDICATOR_SHEET,
    META_SHEET,
    TASK_COLUMNS,
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
    # openpyxl makes every worksheet with these parts; its types say "or None".
    page_setup, header = ws.sheet_properties.pageSetUpPr, ws.oddHeader
    assert page_setup is not None
    assert header is not None
    page_setup.fitToPage = True
    header.center.text = title


def build_workbook(
    key: WorkbookKey,
    tasks: Sequence[TaskLine],
    indicators: Sequence[IndicatorLine],
    *,
    statuses: Sequence[str],
    secret: bytes,
) -> bytes:
    """The .xlsx file for ``key``'s agency; ``statuses`` are the drop-down's labels."""
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook opens on the one worksheet it has
    ws.title = TASK_SHEET
    _sheet(
        ws,
        TASK_COLUMNS,
        [
            (
                t.task_id,
                t.version,
                t.code,
                t.title,
                t.role,
                t.due_text,
                t.expected_output,
                t.status or None,
                t.progress,
                t.completed_on,
                t.results or None,
                t.product or None,
                t.difficulties or None,
                t.proposals or None,
            )
            for t in tasks
        ],
        f"{key.round_title} - {key.organisation_name}",
    )
    if tasks:
        last = len(tasks) + 1
        status_list = DataValidation(
            type="list",
            formula1='"' + ",".join(statuses) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Trạng thái",
            error="Chọn một trạng thái trong danh sách.",
        )
        ws.add_data_validation(status_list)
        status_list.add(f"H2:H{last}")
        progress = DataValidation(
            type="whole",
            operator="between",
            formula1="0",
            formula2="100",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Tiến độ",
            error="Tiến độ là số nguyên từ 0 đến 100.",
        )
        ws.add_data_validation(progress)
        progress.add(f"I2:I{last}")

    wi = wb.create_sheet(INDICATOR_SHEET)
    _sheet(
        wi,
        INDICATOR_COLUMNS,
        [
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
        ],
        f"{key.round_title} - {key.organisation_name}",
    )

    meta = wb.create_sheet(META_SHEET)
    for row in (
        ("format", FORMAT),
        ("round_id", key.round_id),
        ("round_title", key.round_title),
        ("organisation_id", key.organisation_id),
        ("organisation_name", key.organisation_name),
        ("checksum", checksum(key, secret)),
    ):
        append_row(meta, row)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    wb.properties.title = key.round_title
    wb.properties.subject = key.organisation_name
    wb.properties.creator = "theodoi"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
