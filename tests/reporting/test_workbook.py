"""The round's workbook on plain data: what it carries, and reading every kind of cell back."""

from __future__ import annotations

import datetime
import io

import pytest
from openpyxl import load_workbook

from theodoi.evaluation.status import TaskStatus
from theodoi.reporting.fields import UpdateContent
from theodoi.reporting.workbook.layout import (
    INDICATOR_SHEET,
    TASK_SHEET,
    IndicatorLine,
    TaskLine,
    WorkbookKey,
)
from theodoi.reporting.workbook.reading import read_workbook
from theodoi.reporting.workbook.writing import build_workbook

SECRET = b"test-secret"
KEY = WorkbookKey(7, "Báo cáo 6 tháng đầu năm 2026", 41, "Sở Khoa học và Công nghệ")
STATUSES = {status.label: status.code for status in TaskStatus}
CUT_OFF = datetime.date(2026, 5, 15)
TASKS = [
    TaskLine(
        101,
        "PL2.2",
        "Xây dựng chuyên mục về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        "Chủ trì",
        "Thường xuyên",
        "Chuyên mục",
        0,
    ),
    TaskLine(
        102,
        "PL2.5",
        "Triển khai nền tảng số đo lường mức độ hoàn thành nhiệm vụ",
        "Phối hợp",
        "Năm 2026",
        "",
        2,
        UpdateContent("in_progress", 30, results="Đã khảo sát."),
    ),
]
INDICATORS = [
    IndicatorLine(201, "5", "Tỷ lệ đóng góp của TFP vào tăng trưởng", "%", ">=", "≥ 45", 38.0, 0),
    IndicatorLine(
        202, "9", "Số doanh nghiệp khoa học và công nghệ", "Doanh nghiệp", ">=", "≥ 30", 12, 0
    ),
]


def make(tasks: list[TaskLine] = TASKS, key: WorkbookKey = KEY) -> bytes:
    return build_workbook(key, tasks, INDICATORS, statuses=STATUSES, secret=SECRET)


def read(data: bytes, key: WorkbookKey = KEY, tasks: list[TaskLine] = TASKS):  # type: ignore[no-untyped-def]
    return read_workbook(
        data, key, tasks, INDICATORS, statuses=STATUSES, cut_off=CUT_OFF, secret=SECRET
    )


def edited(data: bytes, edit) -> bytes:  # type: ignore[no-untyped-def]
    wb = load_workbook(io.BytesIO(data))
    edit(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_workbook_locks_keys_and_offers_the_six_statuses() -> None:
    wb = load_workbook(io.BytesIO(make()))
    tasks = wb[TASK_SHEET]
    assert tasks.protection.sheet
    assert tasks["D2"].value.startswith("Xây dựng chuyên mục")
    assert tasks["D2"].protection.locked
    assert not tasks["H2"].protection.locked
    assert tasks.column_dimensions["A"].hidden
    (status_list,) = [v for v in tasks.data_validations.dataValidation if v.type == "list"]
    assert status_list.formula1.strip('"').split(",") == [s.label for s in TaskStatus]
    assert "H2:H3" in str(status_list.sqref)
    assert wb[INDICATOR_SHEET]["H2"].number_format == "#,##0.##"
    assert tasks["J2"].number_format == "DD/MM/YYYY"
    assert wb["theodoi"].sheet_state == "veryHidden"


def test_a_workbook_as_downloaded_proposes_nothing() -> None:
    reading = read(make())
    assert (reading.tasks, reading.indicators, reading.errors) == ([], [], [])


def test_filled_rows_become_changes_from_the_version_they_were_read_at() -> None:
    def fill(wb):  # type: ignore[no-untyped-def]
        ws = wb[TASK_SHEET]
        ws["H2"], ws["I2"], ws["K2"] = "Đang thực hiện (trong hạn)", 50, "Đã ra 3 số chuyên mục."
        ws["H3"], ws["I3"], ws["J3"] = "Hoàn thành đúng hạn", 100, datetime.date(2026, 5, 2)
        wi = wb[INDICATOR_SHEET]
        wi["H2"], wi["J2"] = 41.5, "Cục Thống kê"
        wi["H3"], wi["I3"] = "1.234", "10/05/2026"

    reading = read(edited(make(), fill))
    assert reading.errors == [] or [str(e) for e in reading.errors] == []
    first, second = reading.tasks
    assert (first.task_id, first.based_on, first.status, first.progress) == (
        101,
        0,
        "in_progress",
        50,
    )
    assert first.results == "Đã ra 3 số chuyên mục."
    assert (second.based_on, second.status, second.completed_on) == (
        2,
        "done_on_time",
        datetime.date(2026, 5, 2),
    )
    tfp, firms = reading.indicators
    assert (tfp.value, tfp.measured_on, tfp.source) == (41.5, CUT_OFF, "Cục Thống kê")
    assert (firms.value, firms.measured_on) == (1234.0, datetime.date(2026, 5, 10))
    assert firms.confirm  # 1.234 firms after 12: more than three times the last figure


def test_every_wrong_cell_is_listed_by_sheet_row_and_column() -> None:
    def spoil(wb):  # type: ignore[no-untyped-def]
        ws = wb[TASK_SHEET]
        ws["H2"], ws["I2"] = "Xong rồi", 50
        ws["H3"], ws["I3"] = "Đang thực hiện (trong hạn)", 120
        ws.append([999, 0, "PL2.57", "Triển khai bệnh án điện tử", "", "", "", "Tạm dừng", 0])
        wi = wb[INDICATOR_SHEET]
        wi["H2"] = "khoảng 40"
        wi["H3"] = 2.5

    errors = [str(e) for e in read(edited(make(), spoil)).errors]
    assert errors == [
        "Trang “Nhiệm vụ”, dòng 2, cột “Trạng thái”: “Xong rồi” không có trong danh sách "
        "trạng thái (" + "; ".join(STATUSES) + ").",
        "Trang “Nhiệm vụ”, dòng 3, cột “Tiến độ (%)”: Tiến độ phải là số nguyên từ 0 đến 100; "
        "nhận 120.",
        "Trang “Nhiệm vụ”, dòng 4, cột “ID”: Nhiệm vụ mã 999 không thuộc đơn vị trong kỳ này "
        "(dòng của đơn vị khác hoặc đã bị sửa).",
        "Trang “Chỉ tiêu”, dòng 2, cột “Giá trị”: “khoảng 40” không phải số.",
        "Trang “Chỉ tiêu”, dòng 3, cột “Giá trị”: Số lượng (Doanh nghiệp) phải là số nguyên "
        "không âm; 2,5 không phải số nguyên không âm.",
    ]


def test_a_deleted_key_column_stops_the_reading_of_that_sheet() -> None:
    def delete(wb):  # type: ignore[no-untyped-def]
        wb[TASK_SHEET].delete_cols(1)

    reading = read(edited(make(), delete))
    assert [str(e) for e in reading.errors] == [
        "Trang “Nhiệm vụ”, dòng 1, cột “ID”: Thiếu cột này (cột khóa hoặc cột nhập liệu đã bị "
        "xóa hoặc đổi tên); không đọc được trang này. Hãy dùng bảng tính đã tải về, không xóa cột."
    ]
    assert reading.tasks == []


def test_a_workbook_of_another_round_is_refused_with_its_name() -> None:
    older = WorkbookKey(3, "Báo cáo năm 2025", 41, "Sở Khoa học và Công nghệ")
    reading = read(make(key=older))
    assert [str(e) for e in reading.errors] == [
        "Bảng tính này thuộc kỳ báo cáo khác (“Báo cáo năm 2025”), không phải kỳ “Báo cáo 6 "
        "tháng đầu năm 2026”. Hãy tải bảng tính của kỳ này về và điền lại."
    ]


def test_a_workbook_of_another_agency_is_refused_with_its_name() -> None:
    health = WorkbookKey(7, KEY.round_title, 52, "Sở Y tế")
    assert "của đơn vị khác (Sở Y tế)" in str(read(make(key=health)).errors[0])


def test_a_hand_edited_identity_is_refused() -> None:
    def forge(wb):  # type: ignore[no-untyped-def]
        wb["theodoi"]["B2"] = 8

    assert "đã bị sửa" in str(read(edited(make(), forge)).errors[0])


@pytest.mark.parametrize("data", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_a_file_that_is_not_a_workbook_is_refused(data: bytes) -> None:
    assert "không đọc được" in str(read(data).errors[0])


def test_a_row_saved_since_the_download_is_refused() -> None:
    def fill(wb):  # type: ignore[no-untyped-def]
        wb[TASK_SHEET]["I3"] = 60

    newer = [TASKS[0], TaskLine(**{**TASKS[1].__dict__, "version": 3})]
    reading = read_workbook(
        edited(make(), fill),
        KEY,
        newer,
        INDICATORS,
        statuses=STATUSES,
        cut_off=CUT_OFF,
        secret=SECRET,
    )
    assert "tải lại bảng tính mới" in str(reading.errors[0])


DECISION = "=Quyết định 123/QĐ-UBND"
FORMULA_LIKE = [
    TaskLine(
        103,
        "PL2.9",
        '=HYPERLINK("http://x";"Mở")',
        "Chủ trì",
        "",
        "",
        1,
        UpdateContent(
            "in_progress",
            10,
            results=DECISION,
            product="+84 912 345 678",
            difficulties="-",
            proposals="@Sở Tài chính",
        ),
    )
]


def test_text_that_looks_like_a_formula_is_written_as_text() -> None:
    ws = load_workbook(io.BytesIO(make(FORMULA_LIKE)))[TASK_SHEET]
    cells = [ws[f"{c}2"] for c in "DHKLMN"]
    assert [c.value for c in cells] == [
        '=HYPERLINK("http://x";"Mở")',
        "Đang thực hiện (trong hạn)",
        DECISION,
        "+84 912 345 678",
        "-",
        "@Sở Tài chính",
    ]
    assert {c.data_type for c in cells} == {"s"}


def test_a_row_holding_formula_like_text_reads_back_unchanged() -> None:
    reading = read(make(FORMULA_LIKE), tasks=FORMULA_LIKE)
    assert (reading.tasks, reading.errors) == ([], [])

    def reword(wb):  # type: ignore[no-untyped-def]
        wb[TASK_SHEET]["I2"] = 20

    (change,) = read(edited(make(FORMULA_LIKE), reword), tasks=FORMULA_LIKE).tasks
    assert (change.progress, change.results, change.proposals) == (20, DECISION, "@Sở Tài chính")


def test_a_cell_a_spreadsheet_turned_into_a_failing_formula_is_named() -> None:
    def type_formula(wb):  # type: ignore[no-untyped-def]
        ws = wb[TASK_SHEET]
        ws["H2"], ws["I2"], ws["K2"] = "Đang thực hiện (trong hạn)", 10, "#NAME?"

    reading = read(edited(make(), type_formula))
    assert reading.tasks == []
    assert [str(e) for e in reading.errors] == [
        "Trang “Nhiệm vụ”, dòng 2, cột “Kết quả đạt được”: Ô này là một công thức bị lỗi "
        "(#NAME?). Muốn ghi chữ bắt đầu bằng dấu “=”, hãy gõ một dấu nháy đơn (') ở đầu ô."
    ]
