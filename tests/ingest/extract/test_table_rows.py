"""Task tables read by header and by what their cells hold (issue 16; issue 9, item 10)."""

from __future__ import annotations

from theodoi.ingest.blocks import Paragraph, SourceText, Table
from theodoi.ingest.extract import extract_source
from theodoi.ingest.plan import Plan
from theodoi.ingest.readers.text import read_text


def _table(header: str, *rows: str) -> Plan:
    return extract_source(read_text("KẾ HOẠCH\nII. NHIỆM VỤ\n" + "\n".join([header, *rows])))


def test_a_responsibility_column_is_the_lead_and_a_headers_year_dates_its_months() -> None:
    plan = _table(
        "| TT | Nhiệm vụ | Trách nhiệm thực hiện | Thời gian thực hiện (năm 2026) |",
        "| 1 | Bồi dưỡng kỹ năng số | Vụ Tổ chức cán bộ, Văn phòng Bộ | Tháng 3 |",
        "| 2 | Nâng cấp trung tâm dữ liệu | Cục Chuyển đổi số | Quý IV |",
    )
    first, second = plan.tasks
    assert first.lead == ["Vụ Tổ chức cán bộ", "Văn phòng Bộ"]
    assert (first.due.kind, first.due.start_year, first.due.month) == ("month", 2026, 3)
    assert (second.due.kind, second.due.end_year, second.due.quarter) == ("quarter", 2026, 4)


def test_a_roman_row_that_says_who_and_when_is_a_task() -> None:
    plan = _table(
        "| TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |",
        "| I | Ban hành quy định về dữ liệu | Vụ Pháp chế | Năm 2026 |",
        "| II | Phát triển hạ tầng số | | |",
        "| 1 | Nâng cấp mạng truyền số liệu | Cục Chuyển đổi số | Năm 2027 |",
    )
    assert [(t.title, t.group) for t in plan.tasks] == [
        ("Ban hành quy định về dữ liệu", "I"),
        ("Nâng cấp mạng truyền số liệu", "II"),
    ]
    assert [g.code for g in plan.groups] == ["I", "II"]


def test_role_verbs_do_not_stay_in_an_agency_cell() -> None:
    plan = _table(
        "| TT | Nhiệm vụ | Đơn vị thực hiện | Thời gian |",
        "| 1 | Bồi dưỡng kỹ năng số | Cấp ủy phối hợp Thủ trưởng đơn vị thuộc Bộ | Năm 2026 |",
    )
    assert (plan.tasks[0].lead, plan.tasks[0].cooperating) == (
        ["Cấp ủy"],
        ["Thủ trưởng đơn vị thuộc Bộ"],
    )


HEADER = "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |"


def test_a_task_written_over_two_rows_keeps_the_second_rows_lead_and_no_page_break() -> None:
    # issue 9, item 10
    plan = _table(
        HEADER,
        "| 1 | Triển khai nền tảng số | | | |",
        "| | quản lý đô thị thông minh | Sở Xây dựng | Công an tỉnh | Năm 2027 |",
    )
    (task,) = plan.tasks
    assert task.title == "Triển khai nền tảng số quản lý đô thị thông minh"
    assert (task.lead, task.cooperating, task.due.end_year) == (
        ["Sở Xây dựng"],
        ["Công an tỉnh"],
        2027,
    )
    assert not any("trang" in doubt for doubt in task.doubts.values())


def test_an_unnumbered_row_with_its_own_lead_and_time_is_a_task_of_its_own() -> None:
    plan = _table(
        HEADER,
        "| 3 | Hỗ trợ doanh nghiệp đổi mới công nghệ | Sở Công Thương | | 2026 - 2030 |",
        "| | Hỗ trợ hợp tác xã bán hàng trực tuyến | Sở Nông nghiệp và Môi trường | | 2026 |",
    )
    assert [(t.title, t.lead) for t in plan.tasks] == [
        ("Hỗ trợ doanh nghiệp đổi mới công nghệ", ["Sở Công Thương"]),
        ("Hỗ trợ hợp tác xã bán hàng trực tuyến", ["Sở Nông nghiệp và Môi trường"]),
    ]


def test_a_column_whose_cells_name_bodies_is_the_lead_whatever_its_header() -> None:
    plan = _table(
        "| TT | Nội dung hoạt động | Cơ quan tham mưu | Thời gian |",
        "| 1 | Họp Ban Chỉ đạo | Sở Khoa học và Công nghệ | Tháng 01/2026 |",
        "| 2 | Sơ kết 6 tháng | Văn phòng Tỉnh ủy, Sở Khoa học và Công nghệ | Tháng 7/2026 |",
    )
    assert [t.lead for t in plan.tasks] == [
        ["Sở Khoa học và Công nghệ"],
        ["Văn phòng Tỉnh ủy", "Sở Khoa học và Công nghệ"],
    ]


def test_an_empty_cell_under_a_page_break_is_decided_by_what_its_column_holds() -> None:
    # A PDF draws a lead merged down over rows 1-2, broken exactly between them, as it draws
    # an empty cell under a filled one (readers/pdftables.py): the lead goes on, since every
    # task has one; an empty partner cell stays empty, for the coordinator to look at.
    rows = (
        ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"),
        ("1", "Xây dựng kho dữ liệu", "Sở Tài chính", "Sở Xây dựng", "Năm 2026"),
        ("2", "Vận hành kho dữ liệu", "", "", "Năm 2027"),
    )
    table = Table(rows=rows, may_continue=frozenset({(2, 2), (2, 3)}))
    plan = extract_source(
        SourceText("bang.pdf", [Paragraph("KẾ HOẠCH"), Paragraph("II. NHIỆM VỤ"), table])
    )
    first, second = plan.tasks
    assert (second.lead, second.cooperating) == (["Sở Tài chính"], [])
    assert {"lead", "cooperating"} <= set(second.doubts)
    assert first.doubts == {}
