"""The Excel round-trip on the database: download an agency's workbook, fill it with openpyxl,
upload it; a spoilt copy lists every error and stores nothing."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth.models import User
from openpyxl import load_workbook

from tests.builders import DEADLINE, DURING
from tests.reporting.conftest import IN_PROGRESS
from theodoi.orgs.models import Organisation
from theodoi.plans.models import Task
from theodoi.reporting.agency_workbook import download_workbook, preview_workbook
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.models import IndicatorValue, ReportingRound, TaskUpdate
from theodoi.reporting.review import accept_update
from theodoi.reporting.rounds import open_round
from theodoi.reporting.updates import UpdateContent, save_draft, submit_update
from theodoi.reporting.workbook.layout import INDICATOR_SHEET, TASK_SHEET
from theodoi.reporting.workbook_upload import apply_workbook

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 5, 20)


def rows_by_code(ws, column: str = "C") -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {ws[f"{column}{r}"].value: r for r in range(2, ws.max_row + 1)}


def filled(data: bytes, edit) -> bytes:  # type: ignore[no-untyped-def]
    wb = load_workbook(io.BytesIO(data))
    edit(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_filled_workbook_is_stored_as_the_agencys_reports(
    round_: ReportingRound,
    lead_task: Task,
    reporter: User,
    reporter_org: Organisation,
) -> None:
    data = download_workbook(round_, reporter_org)
    wb = load_workbook(io.BytesIO(data))
    tasks, indicators = wb[TASK_SHEET], wb[INDICATOR_SHEET]
    assert tasks.max_row - 1 == len(
        Task.objects.filter(
            plan=round_.plan, agencies__organisation_id__in=reporter_org.lineage_ids()
        ).distinct()
    )
    row = rows_by_code(tasks)[lead_task.code]
    percent_row = next(
        r for r in range(2, indicators.max_row + 1) if indicators[f"E{r}"].value == "%"
    )

    def fill(wb):  # type: ignore[no-untyped-def]
        ws, wi = wb[TASK_SHEET], wb[INDICATOR_SHEET]
        ws[f"H{row}"], ws[f"I{row}"] = "Đang thực hiện (trong hạn)", 35
        ws[f"K{row}"] = "Đã phát sóng 4 chuyên mục trên Đài Phát thanh và Truyền hình."
        wi[f"H{percent_row}"], wi[f"J{percent_row}"] = 41.5, "Thống kê tỉnh"

    reading = preview_workbook(round_, reporter_org, filled(data, fill), today=TODAY)
    assert reading.errors == []
    assert apply_workbook(round_, reading, submit=True, by=reporter, now=DURING) == 2

    update = TaskUpdate.objects.get(task=lead_task)
    assert (update.state, update.status, update.progress) == ("submitted", "in_progress", 35)
    assert update.results.startswith("Đã phát sóng 4 chuyên mục")
    figure = IndicatorValue.objects.get()
    assert (figure.value, figure.source, figure.measured_on) == (
        41.5,
        "Thống kê tỉnh",
        round_.cut_off,
    )


def test_a_spoilt_workbook_lists_every_error_and_stores_nothing(
    round_: ReportingRound,
    foreign_task: Task,
    reporter: User,
    reporter_org: Organisation,
) -> None:
    data = download_workbook(round_, reporter_org)

    def spoil(wb):  # type: ignore[no-untyped-def]
        ws, wi = wb[TASK_SHEET], wb[INDICATOR_SHEET]
        ws["H2"], ws["I2"] = "Đã xong", 100  # not in the list
        ws["H3"], ws["I3"] = "Đang thực hiện (trong hạn)", 120  # 120 %
        ws["H4"], ws["I4"] = "Đang thực hiện (trong hạn)", "một nửa"  # text in a number
        ws["H5"], ws["I5"] = "Hoàn thành đúng hạn", 100  # done without its date
        ws["H6"], ws["I6"] = "Chưa triển khai", 80  # not started, yet at 80 %
        ws.append(
            [foreign_task.pk, 0, foreign_task.code, foreign_task.title, "", "", "", "Tạm dừng", 0]
        )
        wi.delete_cols(1)  # the key column of the indicators

    reading = preview_workbook(round_, reporter_org, filled(data, spoil), today=TODAY)
    messages = [str(e) for e in reading.errors]
    last = load_workbook(io.BytesIO(filled(data, spoil)))[TASK_SHEET].max_row
    assert messages == [
        "Trang “Nhiệm vụ”, dòng 2, cột “Trạng thái”: “Đã xong” không có trong danh sách trạng "
        "thái (Chưa triển khai; Đang thực hiện (trong hạn); Đang thực hiện (quá hạn); Hoàn "
        "thành đúng hạn; Hoàn thành quá hạn; Tạm dừng).",
        "Trang “Nhiệm vụ”, dòng 3, cột “Tiến độ (%)”: Tiến độ phải là số nguyên từ 0 đến 100; "
        "nhận 120.",
        "Trang “Nhiệm vụ”, dòng 4, cột “Tiến độ (%)”: “một nửa” không phải số.",
        "Trang “Nhiệm vụ”, dòng 5, cột “Ngày hoàn thành”: Ngày hoàn thành: nhiệm vụ đã hoàn "
        "thành phải có ngày hoàn thành.",
        "Trang “Nhiệm vụ”, dòng 6, cột “Tiến độ (%)”: Tiến độ: nhiệm vụ chưa triển khai có tiến "
        "độ 0%; 80% nghĩa là đã bắt đầu, hãy chọn trạng thái “Đang thực hiện”.",
        f"Trang “Nhiệm vụ”, dòng {last}, cột “ID”: Nhiệm vụ mã {foreign_task.pk} không thuộc "
        "đơn vị trong kỳ này (dòng của đơn vị khác hoặc đã bị sửa).",
        "Trang “Chỉ tiêu”, dòng 1, cột “ID”: Thiếu cột này (cột khóa hoặc cột nhập liệu đã bị "
        "xóa hoặc đổi tên); không đọc được trang này. Hãy dùng bảng tính đã tải về, không xóa "
        "cột.",
    ]
    with pytest.raises(ReportingError, match="có lỗi"):
        apply_workbook(round_, reading, submit=True, by=reporter, now=DURING)
    assert not TaskUpdate.objects.exists()
    assert not IndicatorValue.objects.exists()


def test_a_workbook_of_an_older_round_is_refused(
    round_: ReportingRound, reporter_org: Organisation, coordinator: User
) -> None:
    old = download_workbook(round_, reporter_org)
    newer = open_round(
        round_.plan,
        title="Báo cáo năm 2026",
        period_start=datetime.date(2026, 6, 1),
        period_end=datetime.date(2026, 11, 14),
        cut_off=datetime.date(2026, 11, 1),
        deadline=DEADLINE + datetime.timedelta(days=168),
        by=coordinator,
        now=DURING,
    )
    (error,) = preview_workbook(newer, reporter_org, old, today=TODAY).errors
    assert "thuộc kỳ báo cáo khác (“Báo cáo 6 tháng đầu năm 2026”)" in str(error)


def test_an_upload_is_all_or_none_when_a_row_was_saved_meanwhile(
    round_: ReportingRound,
    lead_task: Task,
    cooperating_task: Task,
    reporter: User,
    reporter_org: Organisation,
) -> None:
    data = download_workbook(round_, reporter_org)
    rows = rows_by_code(load_workbook(io.BytesIO(data))[TASK_SHEET])

    def fill(wb):  # type: ignore[no-untyped-def]
        ws = wb[TASK_SHEET]
        for code in (lead_task.code, cooperating_task.code):
            ws[f"H{rows[code]}"], ws[f"I{rows[code]}"] = "Đang thực hiện (trong hạn)", 20

    reading = preview_workbook(round_, reporter_org, filled(data, fill), today=TODAY)
    assert reading.errors == []
    # Someone saves the cooperating task on the page between the preview and the upload.

    save_draft(round_, cooperating_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    with pytest.raises(ReportingError, match="Người khác đã lưu"):
        apply_workbook(round_, reading, submit=False, by=reporter, now=DURING)
    assert list(TaskUpdate.objects.values_list("task_id", flat=True)) == [cooperating_task.pk]


def test_an_accepted_report_quoting_a_decision_survives_the_workbook_round_trip(
    round_: ReportingRound,
    lead_task: Task,
    cooperating_task: Task,
    reporter: User,
    coordinator: User,
    reporter_org: Organisation,
) -> None:
    quoted = UpdateContent(
        status="in_progress", progress=50, results="=Quyết định 123/QĐ-UBND đã ban hành."
    )
    update = submit_update(round_, lead_task, quoted, by=reporter, based_on=0, now=DURING)
    accept_update(update, by=coordinator, now=DURING)
    data = download_workbook(round_, reporter_org)
    rows = rows_by_code(load_workbook(io.BytesIO(data))[TASK_SHEET])

    def fill(wb):  # type: ignore[no-untyped-def]
        ws = wb[TASK_SHEET]
        row = rows[cooperating_task.code]
        ws[f"H{row}"], ws[f"I{row}"] = "Đang thực hiện (trong hạn)", 20

    reading = preview_workbook(round_, reporter_org, filled(data, fill), today=TODAY)
    assert reading.errors == []
    assert [c.task_id for c in reading.tasks] == [cooperating_task.pk]
    assert apply_workbook(round_, reading, submit=False, by=reporter, now=DURING) == 1
    assert TaskUpdate.objects.filter(task=lead_task).latest("pk").results == quoted.results
