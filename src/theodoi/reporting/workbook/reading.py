"""Reading a filled workbook back: a pure function from the file to the proposed changes and
every error, each naming the sheet, row, column and reason in Vietnamese."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from theodoi.reporting.checks import check_figure
from theodoi.reporting.fields import UPDATE_FIELDS, Kind, UpdateContent
from theodoi.reporting.workbook.bounds import SPARE_ROWS, UnreadableWorkbookError
from theodoi.reporting.workbook.cells import cell_date, cell_number, cell_text, formula_error
from theodoi.reporting.workbook.identity import key_problem, key_sheet
from theodoi.reporting.workbook.layout import (
    INDICATOR_COLUMNS,
    INDICATOR_SHEET,
    KEY_HEADERS,
    META_SHEET,
    TASK_COLUMNS,
    TASK_SHEET,
    Column,
    IndicatorLine,
    TaskLine,
    WorkbookKey,
)
from theodoi.reporting.workbook.opening import Rows, open_sheets


@dataclass(frozen=True, kw_only=True)
class TaskChange(UpdateContent):
    """A row's update (its status a code), with where it came from."""

    task_id: int
    based_on: int
    row: int


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


def _columns(
    title: str, rows: Rows, expected: Sequence[Column], errors: list[CellError]
) -> dict[str, int] | None:
    """Header -> position in the row; None (with an error per missing column) when a column
    the reading needs is gone."""
    header = rows[0] if rows else ()
    found = {cell_text(value): index for index, value in enumerate(header) if cell_text(value)}
    needed = [c.header for c in expected if c.header in KEY_HEADERS or c.editable]
    missing = [name for name in needed if name not in found]
    for name in missing:
        errors.append(
            CellError(
                title,
                1,
                name,
                "Thiếu cột này (cột khóa hoặc cột nhập liệu đã bị xóa hoặc đổi tên); "
                "không đọc được trang này. Hãy dùng bảng tính đã tải về, không xóa cột.",
            )
        )
    return None if missing else found


def _lines_of(rows: Rows, columns: dict[str, int]) -> list[tuple[int, dict[str, Any]]]:
    """The filled rows below the header, by row number, each cell by its column's header."""
    filled = []
    for number, cells in enumerate(rows[1:], start=2):
        by_header = {
            header: cells[index] if index < len(cells) else None
            for header, index in columns.items()
        }
        if any(cell_text(v) != "" for v in by_header.values()):
            filled.append((number, by_header))
    return filled


def _formula_errors(title: str, row: int, cells: dict[str, Any], errors: list[CellError]) -> None:
    """A cell showing a spreadsheet error: the reporter typed text starting with "=" and the
    program took it for a formula. Stored, the error code would replace the report's words."""
    for header, value in cells.items():
        if formula_error(value):
            errors.append(
                CellError(
                    title,
                    row,
                    header,
                    f"Ô này là một công thức bị lỗi ({value}). Muốn ghi chữ bắt đầu bằng dấu "
                    "“=”, hãy gõ một dấu nháy đơn (') ở đầu ô.",
                )
            )


def _key(
    title: str,
    row: int,
    cells: dict[str, Any],
    known: Mapping[int, Any],
    what: str,
    errors: list[CellError],
) -> tuple[Any, int] | None:
    raw_id, raw_version = cells.get("ID"), cells.get("Phiên bản")
    try:
        item_id, version = int(cell_text(raw_id)), int(cell_text(raw_version))
    except ValueError:
        errors.append(
            CellError(title, row, "ID", f"Mã dòng bị thiếu hoặc bị sửa ({cell_text(raw_id)!r}).")
        )
        return None
    line = known.get(item_id)
    if line is None:
        errors.append(
            CellError(
                title,
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
                title,
                row,
                "Phiên bản",
                "Báo cáo đã được lưu sau khi tải bảng tính về; hãy tải lại bảng tính mới.",
            )
        )
        return None
    return line, version


def _keyed_lines(
    title: str,
    rows: Rows,
    expected: Sequence[Column],
    known: Mapping[int, Any],
    what: str,
    errors: list[CellError],
) -> Iterator[tuple[int, dict[str, Any], Any, int, int]]:
    """Each filled row whose key is the agency's: its number, cells, line and version, and
    how many errors there were before its cells were read."""
    columns = _columns(title, rows, expected, errors)
    if columns is None:
        return
    for row, cells in _lines_of(rows, columns):
        found = _key(title, row, cells, known, what, errors)
        if found is None:
            continue
        before = len(errors)
        _formula_errors(title, row, cells, errors)
        yield row, cells, found[0], found[1], before


@dataclass(frozen=True)
class _Refused:
    reason: str


# What a blank cell of each kind reads as, and what an update never saved holds.
_BLANK: dict[Kind, Any] = {Kind.STATUS: "", Kind.PERCENT: None, Kind.DATE: None, Kind.TEXT: ""}


def _status_cell(raw: Any, statuses: Mapping[str, str]) -> Any:
    label = cell_text(raw)
    if not label:
        return ""
    code = statuses.get(label)
    if code is None:
        return _Refused(f"“{label}” không có trong danh sách trạng thái ({'; '.join(statuses)}).")
    return code


def _percent_cell(raw: Any, statuses: Mapping[str, str]) -> Any:
    number = cell_number(raw)
    if isinstance(number, str):
        return _Refused(number)
    if number is not None and not (0 <= number <= 100 and number.is_integer()):
        return _Refused(f"Tiến độ phải là số nguyên từ 0 đến 100; nhận {cell_text(raw)}.")
    return None if number is None else int(number)


def _date_cell(raw: Any, statuses: Mapping[str, str]) -> Any:
    day = cell_date(raw)
    return _Refused(day) if isinstance(day, str) else day


def _text_cell(raw: Any, statuses: Mapping[str, str]) -> Any:
    return cell_text(raw)


_READERS: dict[Kind, Callable[[Any, Mapping[str, str]], Any]] = {
    Kind.STATUS: _status_cell,
    Kind.PERCENT: _percent_cell,
    Kind.DATE: _date_cell,
    Kind.TEXT: _text_cell,
}


def _read_tasks(
    rows: Rows, lines: Mapping[int, TaskLine], statuses: Mapping[str, str], reading: Reading
) -> None:
    title = TASK_SHEET
    found = _keyed_lines(title, rows, TASK_COLUMNS, lines, "Nhiệm vụ", reading.errors)
    for row, cells, line, version, before in found:
        values: dict[str, Any] = {}
        for declared in UPDATE_FIELDS:
            value = _READERS[declared.kind](cells[declared.header], statuses)
            if isinstance(value, _Refused):
                reading.errors.append(CellError(title, row, declared.header, value.reason))
            values[declared.name] = value
        if len(reading.errors) > before:
            continue
        reported = line.reported
        if values == {
            f.name: getattr(reported, f.name) if reported else _BLANK[f.kind] for f in UPDATE_FIELDS
        }:
            continue
        missing = [f for f in UPDATE_FIELDS if f.kind is Kind.STATUS and not values[f.name]]
        for declared in missing:
            reading.errors.append(
                CellError(title, row, declared.header, "Chọn trạng thái cho nhiệm vụ đã điền.")
            )
        if missing:
            continue
        for declared in UPDATE_FIELDS:
            if declared.kind is Kind.PERCENT and values[declared.name] is None:
                values[declared.name] = 0
        reading.tasks.append(TaskChange(task_id=line.task_id, based_on=version, row=row, **values))


def _read_indicators(
    rows: Rows, lines: Mapping[int, IndicatorLine], cut_off: datetime.date, reading: Reading
) -> None:
    title = INDICATOR_SHEET
    found = _keyed_lines(title, rows, INDICATOR_COLUMNS, lines, "Chỉ tiêu", reading.errors)
    for row, cells, line, version, before in found:
        value = cell_number(cells["Giá trị"])
        measured_on = cell_date(cells["Ngày số liệu"])
        if isinstance(value, str):
            reading.errors.append(CellError(title, row, "Giá trị", value))
        if isinstance(measured_on, str):
            reading.errors.append(CellError(title, row, "Ngày số liệu", measured_on))
        # A text in either cell is an error recorded above; the test also narrows their types.
        if len(reading.errors) > before or isinstance(value, str) or isinstance(measured_on, str):
            continue
        source, note = cell_text(cells["Nguồn số liệu"]), cell_text(cells["Ghi chú"])
        if (value, measured_on, source, note) == (
            line.value,
            line.measured_on,
            line.source,
            line.note,
        ):
            continue
        if value is None:
            reading.errors.append(CellError(title, row, "Giá trị", "Chưa nhập giá trị."))
            continue
        check = check_figure(
            value,
            unit=line.unit,
            comparator=line.comparator,
            previous=line.previous,
        )
        for reason in check.errors:
            reading.errors.append(CellError(title, row, "Giá trị", reason))
        if check.errors:
            continue
        reading.indicators.append(
            IndicatorChange(
                indicator_id=line.indicator_id,
                based_on=version,
                row=row,
                value=value,
                measured_on=measured_on or cut_off,
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
        sheets = open_sheets(
            data,
            (META_SHEET, TASK_SHEET, INDICATOR_SHEET),
            max_rows=1 + max(len(tasks), len(indicators)) + SPARE_ROWS,
        )
    except UnreadableWorkbookError as refused:
        reading.errors.append(CellError("", None, None, str(refused)))
        return reading
    problem = key_problem(key_sheet(sheets.get(META_SHEET)), key, secret)
    if problem:
        reading.errors.append(CellError("", None, None, problem))
        return reading
    for title in (TASK_SHEET, INDICATOR_SHEET):
        if title not in sheets:
            reading.errors.append(CellError(title, None, None, "Thiếu trang này trong bảng tính."))
    if TASK_SHEET in sheets:
        _read_tasks(sheets[TASK_SHEET], {t.task_id: t for t in tasks}, statuses, reading)
    if INDICATOR_SHEET in sheets:
        _read_indicators(
            sheets[INDICATOR_SHEET], {i.indicator_id: i for i in indicators}, cut_off, reading
        )
    return reading
