"""The round's Excel workbook for one agency, and reading it back (issue 4).

Many offices fill their report offline. The workbook has a sheet of the agency's tasks and a
sheet of its indicators; the key columns are locked by sheet protection, the status is a
drop-down list, figures and dates carry number formats. A hidden sheet carries the round, the
agency and a keyed checksum of both, so a workbook of an older round or of another agency is
refused with a message saying which.

Reading is a pure function from the file to the proposed changes and the errors, each error
naming the sheet, row, column and reason in Vietnamese. Plain Python: no Django here.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from theodoi.reporting.checks import check_figure, read_figure

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
class TaskChange:
    task_id: int
    based_on: int
    row: int
    status: str  # a status code
    progress: int
    completed_on: datetime.date | None
    results: str
    product: str
    difficulties: str
    proposals: str


@dataclass(frozen=True)
class IndicatorChange:
    indicator_id: int
    based_on: int
    row: int
    value: float
    measured_on: datetime.date
    source: str
    note: str
    confirm: tuple[str, ...] = ()


@dataclass(frozen=True)
class CellError:
    sheet: str
    row: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = [f"Trang “{self.sheet}”"] if self.sheet else []
        if self.row is not None:
            where.append(f"dòng {self.row}")
        if self.column:
            where.append(f"cột “{self.column}”")
        return f"{', '.join(where)}: {self.reason}" if where else self.reason


@dataclass
class Reading:
    tasks: list[TaskChange] = field(default_factory=list)
    indicators: list[IndicatorChange] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)


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


def checksum(key: WorkbookKey, secret: bytes) -> str:
    message = f"{FORMAT}|{key.round_id}|{key.organisation_id}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


# --- writing ---------------------------------------------------------------------------------


def _sheet(
    ws: Worksheet, columns: Sequence[Column], rows: Sequence[Sequence[Any]], title: str
) -> None:
    ws.append([c.header for c in columns])
    for row in rows:
        ws.append(list(row))
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
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddHeader.center.text = title


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
        meta.append(row)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    wb.properties.title = key.round_title
    wb.properties.subject = key.organisation_name
    wb.properties.creator = "theodoi"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- reading ---------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _meta(wb: Any) -> dict[str, Any] | None:
    if META_SHEET not in wb.sheetnames:
        return None
    ws = wb[META_SHEET]
    return {
        str(row[0]): row[1]
        for row in ws.iter_rows(min_row=1, max_col=2, values_only=True)
        if row[0] is not None
    }


def _whose(meta: dict[str, Any] | None, key: WorkbookKey, secret: bytes) -> str | None:
    """Why this workbook is not the one for ``key``; None when it is."""
    if meta is None or meta.get("format") != FORMAT:
        return (
            "Tệp không phải bảng tính báo cáo do theodoi tạo ra. Hãy tải bảng tính của kỳ báo "
            "cáo về, điền số liệu rồi tải lên."
        )
    try:
        found = WorkbookKey(
            round_id=int(meta.get("round_id")),  # type: ignore[arg-type]
            round_title=str(meta.get("round_title") or ""),
            organisation_id=int(meta.get("organisation_id")),  # type: ignore[arg-type]
            organisation_name=str(meta.get("organisation_name") or ""),
        )
    except (TypeError, ValueError):
        found = None
    if found is None or not hmac.compare_digest(
        str(meta.get("checksum") or ""), checksum(found, secret)
    ):
        return "Phần nhận dạng của bảng tính đã bị sửa; hãy tải lại bảng tính của kỳ báo cáo."
    if found.round_id != key.round_id:
        return (
            f"Bảng tính này thuộc kỳ báo cáo khác (“{found.round_title}”), không phải kỳ "
            f"“{key.round_title}”. Hãy tải bảng tính của kỳ này về và điền lại."
        )
    if found.organisation_id != key.organisation_id:
        return (
            f"Bảng tính này của đơn vị khác ({found.organisation_name}), không phải của "
            f"{key.organisation_name}."
        )
    return None


def _columns(
    ws: Worksheet, expected: Sequence[Column], errors: list[CellError]
) -> dict[str, int] | None:
    """Header -> column index; None (with an error per missing column) when a column the
    reading needs is gone."""
    found = {
        _text(cell.value): cell.column
        for cell in next(ws.iter_rows(min_row=1, max_row=1), ())
        if _text(cell.value)
    }
    missing = [c.header for c in expected if c.header in KEY_HEADERS or c.editable]
    missing = [h for h in missing if h not in found]
    for header in missing:
        errors.append(
            CellError(
                ws.title,
                1,
                header,
                "Thiếu cột này (cột khóa hoặc cột nhập liệu đã bị xóa hoặc đổi tên); "
                "không đọc được trang này. Hãy dùng bảng tính đã tải về, không xóa cột.",
            )
        )
    return None if missing else found


def _date(value: Any) -> datetime.date | str | None:
    """A date cell: a date, None when blank, or the reason it is not a date."""
    if value is None or _text(value) == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.datetime.strptime(_text(value), "%d/%m/%Y").date()
    except ValueError:
        return f"“{_text(value)}” không phải ngày (dd/mm/yyyy)."


def _number(value: Any) -> float | str | None:
    if value is None or _text(value) == "":
        return None
    if isinstance(value, bool):
        return f"“{value}” không phải số."
    if isinstance(value, int | float):
        return float(value)
    figure = read_figure(_text(value))
    if figure is None:
        return f"“{_text(value)}” không phải số."
    return figure


def _rows(ws: Worksheet, columns: dict[str, int]) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    for cells in ws.iter_rows(min_row=2):
        by_header = {
            header: cells[index - 1].value if index - 1 < len(cells) else None
            for header, index in columns.items()
        }
        if all(_text(v) == "" for v in by_header.values()):
            continue
        rows.append((cells[0].row, by_header))
    return rows


def _key(
    ws: Worksheet,
    row: int,
    cells: dict[str, Any],
    known: Mapping[int, Any],
    what: str,
    errors: list[CellError],
) -> tuple[Any, int] | None:
    raw_id, raw_version = cells.get("ID"), cells.get("Phiên bản")
    try:
        item_id, version = int(_text(raw_id)), int(_text(raw_version))
    except ValueError:
        errors.append(
            CellError(ws.title, row, "ID", f"Mã dòng bị thiếu hoặc bị sửa ({_text(raw_id)!r}).")
        )
        return None
    line = known.get(item_id)
    if line is None:
        errors.append(
            CellError(
                ws.title,
                row,
                "ID",
                f"{what} mã {item_id} không thuộc đơn vị trong kỳ này (dòng của đơn vị khác "
                "hoặc đã bị sửa).",
            )
        )
        return None
    if version != line.version:
        errors.append(
            CellError(
                ws.title,
                row,
                "Phiên bản",
                "Báo cáo đã được lưu sau khi tải bảng tính về; hãy tải lại bảng tính mới.",
            )
        )
        return None
    return line, version


def _read_tasks(
    ws: Worksheet, lines: Mapping[int, TaskLine], statuses: Mapping[str, str], reading: Reading
) -> None:
    columns = _columns(ws, TASK_COLUMNS, reading.errors)
    if columns is None:
        return
    for row, cells in _rows(ws, columns):
        found = _key(ws, row, cells, lines, "Nhiệm vụ", reading.errors)
        if found is None:
            continue
        line, version = found
        before = len(reading.errors)
        label = _text(cells["Trạng thái"])
        status = statuses.get(label)
        if label and status is None:
            reading.errors.append(
                CellError(
                    ws.title,
                    row,
                    "Trạng thái",
                    f"“{label}” không có trong danh sách trạng thái ({'; '.join(statuses)}).",
                )
            )
        progress = _number(cells["Tiến độ (%)"])
        if isinstance(progress, str):
            reading.errors.append(CellError(ws.title, row, "Tiến độ (%)", progress))
        elif progress is not None and not (0 <= progress <= 100 and progress.is_integer()):
            reading.errors.append(
                CellError(
                    ws.title,
                    row,
                    "Tiến độ (%)",
                    f"Tiến độ phải là số nguyên từ 0 đến 100; nhận {_text(cells['Tiến độ (%)'])}.",
                )
            )
        completed_on = _date(cells["Ngày hoàn thành"])
        if isinstance(completed_on, str):
            reading.errors.append(CellError(ws.title, row, "Ngày hoàn thành", completed_on))
        if len(reading.errors) > before:
            continue
        texts = {
            name: _text(cells[header])
            for name, header in (
                ("results", "Kết quả đạt được"),
                ("product", "Sản phẩm đã có"),
                ("difficulties", "Khó khăn, vướng mắc"),
                ("proposals", "Đề xuất, kiến nghị"),
            )
        }
        unchanged = (
            label == line.status
            and progress == (None if line.progress is None else float(line.progress))
            and completed_on == line.completed_on
            and texts
            == {
                "results": line.results,
                "product": line.product,
                "difficulties": line.difficulties,
                "proposals": line.proposals,
            }
        )
        if unchanged:
            continue
        if status is None:
            reading.errors.append(
                CellError(ws.title, row, "Trạng thái", "Chọn trạng thái cho nhiệm vụ đã điền.")
            )
            continue
        reading.tasks.append(
            TaskChange(
                task_id=line.task_id,
                based_on=version,
                row=row,
                status=status,
                progress=int(progress or 0),
                completed_on=completed_on,  # type: ignore[arg-type]
                **texts,
            )
        )


def _read_indicators(
    ws: Worksheet, lines: Mapping[int, IndicatorLine], cut_off: datetime.date, reading: Reading
) -> None:
    columns = _columns(ws, INDICATOR_COLUMNS, reading.errors)
    if columns is None:
        return
    for row, cells in _rows(ws, columns):
        found = _key(ws, row, cells, lines, "Chỉ tiêu", reading.errors)
        if found is None:
            continue
        line, version = found
        before = len(reading.errors)
        value = _number(cells["Giá trị"])
        measured_on = _date(cells["Ngày số liệu"])
        if isinstance(value, str):
            reading.errors.append(CellError(ws.title, row, "Giá trị", value))
        if isinstance(measured_on, str):
            reading.errors.append(CellError(ws.title, row, "Ngày số liệu", measured_on))
        if len(reading.errors) > before:
            continue
        source, note = _text(cells["Nguồn số liệu"]), _text(cells["Ghi chú"])
        if (value, measured_on, source, note) == (
            line.value,
            line.measured_on,
            line.source,
            line.note,
        ):
            continue
        if value is None:
            reading.errors.append(CellError(ws.title, row, "Giá trị", "Chưa nhập giá trị."))
            continue
        check = check_figure(
            value, unit=line.unit, comparator=line.comparator, previous=line.previous
        )
        for reason in check.errors:
            reading.errors.append(CellError(ws.title, row, "Giá trị", reason))
        if check.errors:
            continue
        reading.indicators.append(
            IndicatorChange(
                indicator_id=line.indicator_id,
                based_on=version,
                row=row,
                value=value,  # type: ignore[arg-type]
                measured_on=measured_on or cut_off,  # type: ignore[arg-type]
                source=source,
                note=note,
                confirm=check.confirm,
            )
        )


def read_workbook(
    data: bytes,
    key: WorkbookKey,
    tasks: Sequence[TaskLine],
    indicators: Sequence[IndicatorLine],
    *,
    statuses: Mapping[str, str],
    cut_off: datetime.date,
    secret: bytes,
) -> Reading:
    """The changes a filled workbook proposes, and every error in it. ``statuses`` maps the
    drop-down's labels to status codes; a figure without a date is dated at ``cut_off``.
    Rows left as they were downloaded propose nothing."""
    reading = Reading()
    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        reading.errors.append(
            CellError("", None, None, "Tệp không đọc được như một bảng tính Excel (.xlsx).")
        )
        return reading
    problem = _whose(_meta(wb), key, secret)
    if problem:
        reading.errors.append(CellError("", None, None, problem))
        return reading
    for title in (TASK_SHEET, INDICATOR_SHEET):
        if title not in wb.sheetnames:
            reading.errors.append(CellError(title, None, None, "Thiếu trang này trong bảng tính."))
    if TASK_SHEET in wb.sheetnames:
        _read_tasks(wb[TASK_SHEET], {t.task_id: t for t in tasks}, statuses, reading)
    if INDICATOR_SHEET in wb.sheetnames:
        _read_indicators(
            wb[INDICATOR_SHEET], {i.indicator_id: i for i in indicators}, cut_off, reading
        )
    return reading
