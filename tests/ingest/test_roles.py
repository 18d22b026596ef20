"""A part's role from its whole heading (issue 16)."""

from __future__ import annotations

import pytest

from theodoi.ingest.extract import extract_source
from theodoi.ingest.readers.text import read_text
from theodoi.ingest.roles import Role, role_of


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("PHÂN CÔNG NHIỆM VỤ", Role.TASKS),
        ("NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN", Role.TASKS),
        ("QUAN ĐIỂM, MỤC TIÊU, YÊU CẦU", Role.OBJECTIVES),
        ("MỤC ĐÍCH, YÊU CẦU", Role.PURPOSE),
        ("NỘI DUNG KIỂM TRA, GIÁM SÁT", Role.CRITERIA),
        ("PHÂN CÔNG TRÁCH NHIỆM", Role.ORGANISATION),
        ("TỔ CHỨC THỰC HIỆN", Role.ORGANISATION),
        ("NỘI DUNG CÔNG VIỆC", Role.TASKS),
        ("MỤC TIÊU, NHIỆM VỤ", None),
    ],
)
def test_every_role_word_of_a_heading_counts(title: str, role: Role | None) -> None:
    assert role_of(title) is role


def test_a_part_that_assigns_tasks_holds_tasks() -> None:
    plan = extract_source(
        read_text(
            "KẾ HOẠCH\nII. PHÂN CÔNG NHIỆM VỤ\n1. Sở Khoa học và Công nghệ:\n"
            "- Xây dựng Kho dữ liệu dùng chung của tỉnh; Quý III/2026.\n"
            "2. Công an tỉnh:\n- Bảo đảm an ninh mạng; thường xuyên.\n"
            "III. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính:\n- Bố trí kinh phí.\n"
        )
    )
    assert [(t.lead, t.due.kind) for t in plan.tasks] == [
        (["Sở Khoa học và Công nghệ"], "quarter"),
        (["Công an tỉnh"], "recurring"),
    ]


def test_targets_under_views_objectives_and_requirements_are_found() -> None:
    plan = extract_source(
        read_text(
            "KẾ HOẠCH\nI. QUAN ĐIỂM, MỤC TIÊU, YÊU CẦU\n1. Quan điểm\nNgười dân là trung tâm.\n"
            "2. Mục tiêu\n- Đến năm 2027, tối thiểu 90% giáo viên được bồi dưỡng kỹ năng số.\n"
            "3. Yêu cầu\nBảo đảm 100% đơn vị triển khai nghiêm túc.\n"
        )
    )
    assert [(i.target.value, i.year) for i in plan.indicators] == [(90, 2027)]


def test_an_inspections_criteria_are_not_tasks_and_its_schedule_is() -> None:
    plan = extract_source(
        read_text(
            "KẾ HOẠCH\nII. NỘI DUNG KIỂM TRA\n1. Việc ban hành kế hoạch.\n"
            "a) Việc phân công nhiệm vụ (Văn phòng chủ trì; năm 2026).\n"
            "III. ĐỐI TƯỢNG, THỜI GIAN\n"
            "| TT | Đối tượng kiểm tra | Thời gian | Đơn vị thực hiện |\n"
            "| 1 | Đảng ủy xã Phú Bình | Tháng 7/2026 | Đoàn kiểm tra số 1 |\n"
        )
    )
    assert [(t.title, t.lead, t.due.month) for t in plan.tasks] == [
        ("Kiểm tra Đảng ủy xã Phú Bình", ["Đoàn kiểm tra số 1"], 7)
    ]


def test_an_official_letters_subject_line_is_no_part_v() -> None:
    plan = extract_source(
        read_text(
            "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\nSố: 15/UBND-KT\nV/v triển khai chuyển đổi số\n"
            "Quảng Trị, ngày 08 tháng 4 năm 2026\n"
            "Thực hiện Kế hoạch số 45/KH-UBND ngày 20/02/2026 của Ủy ban nhân dân tỉnh:\n"
            "1. Giao Sở Y tế:\n- Triển khai bệnh án điện tử; năm 2026.\n"
        )
    )
    assert plan.document.issued_on == "2026-04-08"
    assert plan.document.implements == ["45/KH-UBND"]
    assert [t.lead for t in plan.tasks] == [["Sở Y tế"]]
