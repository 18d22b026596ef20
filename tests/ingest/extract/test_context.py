"""The plan's own period and date, carried to its targets and checked against its deadlines."""

from __future__ import annotations

import pytest

from theodoi.ingest.extract import extract_source
from theodoi.ingest.extract.context import period_end
from theodoi.ingest.readers.text import read_text

HEADER = (
    "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nSố: 14/KH-UBND\nGia Lai, ngày 20 tháng 02 năm 2026\nKẾ HOẠCH\n"
)


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("Kế hoạch chuyển đổi số năm 2026", 2026),
        ("Kế hoạch ứng dụng công nghệ thông tin giai đoạn 2026 - 2030", 2030),
        ("Chương trình phát triển kinh tế số đến năm 2030, tầm nhìn đến năm 2045", 2030),
        ("Kế hoạch thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị", None),
        ("Kế hoạch triển khai Nghị định số 45/2025/NĐ-CP", None),
    ],
)
def test_the_period_a_title_states(title: str, year: int | None) -> None:
    assert period_end(title) == year


def test_a_target_with_no_year_takes_the_last_year_of_the_plans_period() -> None:
    # issue 9, item 8
    plan = extract_source(
        read_text(
            HEADER + "Chuyển đổi số ngành giáo dục giai đoạn 2026 - 2030\nI. MỤC TIÊU\n"
            "- Tối thiểu 90% giáo viên được bồi dưỡng kỹ năng số.\n"
        )
    )
    assert [(i.target.value, i.year) for i in plan.indicators] == [(90, 2030)]


def test_a_year_the_text_names_wins_over_the_plans_period() -> None:
    plan = extract_source(
        read_text(
            HEADER + "Chuyển đổi số giai đoạn 2026 - 2030\nI. MỤC TIÊU\n"
            "- Đến năm 2027, tỷ lệ hồ sơ trực tuyến đạt 80%.\n"
        )
    )
    assert [i.year for i in plan.indicators] == [2027]


def test_a_deadline_before_the_plans_own_date_is_doubted() -> None:
    # issue 9, item 5
    plan = extract_source(
        read_text(
            HEADER + "Chuyển đổi số năm 2026\nII. PHÂN CÔNG NHIỆM VỤ\n1. Sở Nội vụ:\n"
            "- Rà soát vị trí việc làm; hoàn thành trước ngày 31/01/2026.\n"
            "- Bố trí công chức chuyên trách; hoàn thành trước ngày 30/6/2026.\n"
        )
    )
    early, later = plan.tasks
    assert "20/02/2026" in early.doubts["due"]
    assert "due" not in later.doubts


def test_a_time_that_cites_another_document_is_no_deadline() -> None:
    # issue 9, item 5: "Quá hạn 4206 ngày" came from the cited decree's date
    plan = extract_source(
        read_text(
            HEADER + "Chuyển đổi số năm 2026\nII. PHÂN CÔNG NHIỆM VỤ\n1. Sở Y tế:\n"
            "- Liên thông dữ liệu khám bệnh; thời gian thực hiện theo Điều 17 Nghị định số "
            "52/2015/NĐ-CP ngày 28/5/2015 của Chính phủ.\n"
        )
    )
    due = plan.tasks[0].due
    assert (due.kind, due.date) == ("conditional", None)
    assert due.condition is not None
    assert "52/2015/NĐ-CP" in due.condition


SCHEDULE = (
    "II. NỘI DUNG HOẠT ĐỘNG\n"
    "| TT | Thời gian | Nội dung công việc | Thành viên phụ trách |\n"
    "| --- | --- | --- | --- |\n"
    "| 1 | Tháng 3 | Tập huấn kỹ năng số cho cán bộ thôn | Phòng Văn hóa - Xã hội |\n"
    "| 2 | Quý II | Kiểm tra Tổ công nghệ số cộng đồng | Văn phòng HĐND và UBND xã |\n"
)


def test_a_month_without_its_year_takes_the_year_of_a_plan_for_one_year() -> None:
    plan = extract_source(read_text(HEADER + "Hoạt động của Ban Chỉ đạo năm 2026\n" + SCHEDULE))
    assert [(t.due.kind, t.due.end_year, t.due.month, t.due.quarter) for t in plan.tasks] == [
        ("month", 2026, 3, None),
        ("quarter", 2026, None, 2),
    ]
    assert all("due" not in t.doubts for t in plan.tasks)


def test_a_month_without_its_year_stays_unplaced_in_a_plan_over_several_years() -> None:
    plan = extract_source(read_text(HEADER + "Chuyển đổi số giai đoạn 2026 - 2030\n" + SCHEDULE))
    assert [(t.due.kind, t.due.text) for t in plan.tasks] == [
        ("unspecified", "Tháng 3"),
        ("unspecified", "Quý II"),
    ]
