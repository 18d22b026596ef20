"""What the round's workbook holds: its sheets, their columns (which a reporter may edit, which
are keys), and the lines of tasks and indicators it is made from."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

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
    reported in this round)."""

    task_id: int
    code: str
    title: str
    role: str
    due_text: str
    expected_output: str
    version: int
    status: str = ""  # a status label, as the drop-down shows it
    progress: int | None = None
    completed_on: datetime.date | None = None
    results: str = ""
    product: str = ""
    difficulties: str = ""
    proposals: str = ""


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


TASK_COLUMNS = (
    Column("ID", 8, hidden=True),
    Column("Phiên bản", 9, hidden=True),
    Column("Mã", 8),
    Column("Nhiệm vụ", 50),
    Column("Vai trò", 12),
    Column("Thời hạn", 16),
    Column("Sản phẩm dự kiến", 30),
    Column("Trạng thái", 26, editable=True),
    Column("Tiến độ (%)", 11, editable=True, number_format="0"),
    Column("Ngày hoàn thành", 15, editable=True, number_format=DATE_FORMAT),
    Column("Kết quả đạt được", 40, editable=True),
    Column("Sản phẩm đã có", 30, editable=True),
    Column("Khó khăn, vướng mắc", 30, editable=True),
    Column("Đề xuất, kiến nghị", 30, editable=True),
)
INDICATOR_COLUMNS = (
    Column("ID", 8, hidden=True),
    Column("Phiên bản", 9, hidden=True),
    Column("Mã", 8),
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
