"""What the round's workbook holds: its sheets, their columns (which a reporter may edit, which
are keys), and the lines of tasks and indicators it is made from."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from theodoi.reporting.fields import UPDATE_FIELDS, Kind, UpdateContent

TASK_SHEET = "Nhiệm vụ"
INDICATOR_SHEET = "Chỉ tiêu"
META_SHEET = "theodoi"
FORMAT = "theodoi-round-workbook/1"
DATE_FORMAT = "DD/MM/YYYY"
FIGURE_FORMAT = "#,##0.##"


@dataclass(frozen=True)
class WorkbookKey:
    """Whose workbook, for which round: checked before any row is read."""

    round_id: int
    round_title: str
    organisation_id: int
    organisation_name: str


@dataclass(frozen=True)
class TaskLine:
    """One task of the agency as it stands when the workbook is made (``version`` 0: never
    reported in this round; ``reported`` None: nothing saved yet)."""

    task_id: int
    code: str
    title: str
    role: str
    due_text: str
    expected_output: str
    version: int
    reported: UpdateContent | None = None


@dataclass(frozen=True)
class IndicatorLine:
    indicator_id: int
    code: str
    name: str
    unit: str
    comparator: str
    target_text: str
    previous: float | None
    version: int
    value: float | None = None
    measured_on: datetime.date | None = None
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    editable: bool = False
    number_format: str | None = None
    hidden: bool = False


# Both sheets start with the row's key (hidden) and the plan's number of the item.
_KEY_COLUMNS = (Column("ID", 8, hidden=True), Column("Phiên bản", 9, hidden=True), Column("Mã", 8))

# The number format of an update field's cell, by its kind.
KIND_FORMATS = {Kind.PERCENT: "0", Kind.DATE: DATE_FORMAT}

# The task's keys and the plan's words, then one editable column per field of an update.
TASK_KEY_COLUMNS = (
    *_KEY_COLUMNS,
    Column("Nhiệm vụ", 50),
    Column("Vai trò", 12),
    Column("Thời hạn", 16),
    Column("Sản phẩm dự kiến", 30),
)
TASK_COLUMNS = TASK_KEY_COLUMNS + tuple(
    Column(f.header, f.width, editable=True, number_format=KIND_FORMATS.get(f.kind))
    for f in UPDATE_FIELDS
)
INDICATOR_COLUMNS = (
    *_KEY_COLUMNS,
    Column("Chỉ tiêu", 50),
    Column("Đơn vị tính", 14),
    Column("Mục tiêu", 20),
    Column("Số liệu kỳ trước", 14, number_format=FIGURE_FORMAT),
    Column("Giá trị", 14, editable=True, number_format=FIGURE_FORMAT),
    Column("Ngày số liệu", 15, editable=True, number_format=DATE_FORMAT),
    Column("Nguồn số liệu", 25, editable=True),
    Column("Ghi chú", 30, editable=True),
)
KEY_HEADERS = ("ID", "Phiên bản")
