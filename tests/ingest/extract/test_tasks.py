"""Tasks from a plan's items and from its task tables."""

from __future__ import annotations

import pytest

from theodoi.ingest.blocks import Table
from theodoi.ingest.extract import extract_source
from theodoi.ingest.extract.records import read_table
from theodoi.ingest.extract.tasks import split_assignment, split_roles, tasks_from_table
from theodoi.ingest.plan import Plan
from theodoi.ingest.readers import read_text
from theodoi.ingest.tables import Column


def _plan(text: str) -> Plan:
    return extract_source(read_text(text))


ITEMS = """KẾ HOẠCH
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
a) Tuyên truyền, quán triệt nghị quyết.
II. NHIỆM VỤ, GIẢI PHÁP THỰC HIỆN
1. Chính sách phát triển nguồn nhân lực
a) Triển khai thực hiện có hiệu quả Chương trình giáo dục phổ thông năm 2018.
Tăng cường công tác truyền thông nâng cao nhận thức.
- Cơ quan chủ trì: Sở Giáo dục và Đào tạo.
- Thời gian thực hiện: Thường xuyên.
b) Tổ chức Hội nghị tập huấn công tác truyền thông.
- Cơ quan chủ trì: Sở Kế hoạch và Đầu tư, Sở Khoa học và Công nghệ; UBND các huyện.
- Cơ quan phối hợp: Các sở, ban, ngành, địa phương.
- Thời gian thực hiện: Năm 2020 và những năm tiếp theo.
d) Nghiên cứu, xác định lộ trình phát triển đô thị thông minh.
- Cơ quan chủ trì: Sở Xây dựng.
- Thời gian thực hiện: Theo hướng dẫn của Bộ Thông tin và Truyền thông.
d) Xây dựng các cơ chế, chính sách lao động, việc làm mới.
- Chủ trì: Sở Nội vụ; phối hợp: Sở Tài chính; thời gian: Quý II/2025.
III. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính bố trí kinh phí.
a) Các sở báo cáo định kỳ.
"""


def test_lettered_items_of_the_tasks_part_are_the_tasks() -> None:
    plan = _plan(ITEMS)
    assert [t.code for t in plan.tasks] == ["II.1.a", "II.1.b", "II.1.d", "II.1.d"]
    assert [g.code for g in plan.groups] == ["II.1"]
    assert plan.groups[0].title == "Chính sách phát triển nguồn nhân lực"
    assert {t.group for t in plan.tasks} == {"II.1"}


def test_a_task_keeps_all_its_paragraphs_and_none_of_its_assignment_lines() -> None:
    first = _plan(ITEMS).tasks[0]
    assert first.title == (
        "Triển khai thực hiện có hiệu quả Chương trình giáo dục phổ thông năm 2018. "
        "Tăng cường công tác truyền thông nâng cao nhận thức."
    )
    assert first.lead == ["Sở Giáo dục và Đào tạo"]
    assert first.cooperating == []
    assert first.due.kind == "recurring"
    assert first.due.text == "Thường xuyên"


def test_assignment_lines_are_split_into_agencies_and_times() -> None:
    second = _plan(ITEMS).tasks[1]
    assert second.lead == [
        "Sở Kế hoạch và Đầu tư",
        "Sở Khoa học và Công nghệ",
        "Ủy ban nhân dân các huyện",
    ]
    assert second.cooperating == ["Các sở, ban, ngành, địa phương"]
    assert (second.due.kind, second.due.start_year, second.due.end_year) == ("range", 2020, None)
    third = _plan(ITEMS).tasks[2]
    assert third.due.kind == "conditional"


def test_several_labels_on_one_line() -> None:
    fourth = _plan(ITEMS).tasks[3]
    assert fourth.lead == ["Sở Nội vụ"]
    assert fourth.cooperating == ["Sở Tài chính"]
    assert (fourth.due.kind, fourth.due.quarter) == ("quarter", 2)


def test_items_of_purposes_and_arrangements_are_not_tasks() -> None:
    titles = " ".join(t.title for t in _plan(ITEMS).tasks)
    assert "quán triệt nghị quyết" not in titles
    assert "báo cáo định kỳ" not in titles


def test_split_assignment() -> None:
    assert split_assignment("- Thời gian thực hiện: Năm 2021 - 2030.") == (
        "",
        {Column.DUE: "Năm 2021 - 2030"},
    )
    words, values = split_assignment(
        "Xây dựng Đề án chuyển đổi số. Đơn vị thực hiện: Sở Khoa học và Công nghệ"
    )
    assert words == "Xây dựng Đề án chuyển đổi số."
    assert values == {Column.LEAD: "Sở Khoa học và Công nghệ"}
    assert split_assignment("Nâng cao năng lực thực hiện: không có nhãn") == (
        "Nâng cao năng lực thực hiện: không có nhãn",
        {},
    )


def test_summary_groups_announced_in_a_sentence() -> None:
    # seed 000: no heading names the tasks part; a sentence announces the groups
    plan = _plan(
        "Trong Kế hoạch cũng xác định 02 nhóm nhiệm vụ, cụ thể:\n"
        "1. Nâng cao nhận thức, đổi mới tư duy\n"
        "a) Xây dựng và tổ chức triển khai chương trình tuyên truyền.\n"
        "b) Xây dựng nền tảng số.\n"
        "2. Khẩn trương hoàn thiện thể chế\n"
        "a)Rà soát, tháo gỡ các điểm nghẽn.\n"
    )
    assert [g.code for g in plan.groups] == ["1", "2"]
    assert [t.code for t in plan.tasks] == ["1.a", "1.b", "2.a"]
    assert plan.tasks[2].title == "Rà soát, tháo gỡ các điểm nghẽn."
    assert plan.tasks[0].due.kind == "unspecified"
    assert plan.tasks[0].due.text is None


def test_prose_without_items_has_no_tasks_and_says_so() -> None:
    plan = _plan(
        "3. Nhiệm vụ và giải pháp chủ yếu\n3.1. Nâng cao nhận thức\n"
        "Các cấp ủy, tổ chức đảng cần nhận thức đầy đủ tầm quan trọng.\n"
    )
    assert plan.tasks == []
    assert [g.code for g in plan.groups] == ["3.1"]
    assert plan.notes is not None


TABLE = Table(
    rows=(
        ("STT", "Nội dung nhiệm vụ", "Sản phẩm", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"),
        ("(1)", "(2)", "(3)", "(4)", "(5)", "(6)"),
        ("I.", "Hoàn thiện thể chế", "", "", "", ""),
        ("1.", "Xây dựng Đề án", "Đề án", "Sở Nội vụ", "", "6/2025"),
        ("2.", "Hoàn thành kết nối dữ liệu;", "", "Bộ Y tế", "Bộ Công an", "03/2025"),
        ("", "Kết quả xét nghiệm của cơ sở khám chữa bệnh", "", "", "", ""),
        ("II.", "Phát triển hạ tầng số", "", "", "", ""),
        ("1.", "Triển khai 5G", "Hạ tầng 5G", "Bộ Thông tin và Truyền thông", "", "2026"),
    )
)


def test_task_table_columns_are_found_by_their_words_in_any_order() -> None:
    read = read_table(TABLE)
    assert read is not None
    assert read.kind == "tasks"
    assert [g.code for g in read.groups] == ["I", "II"]
    tasks = tasks_from_table(read, "PL2")
    first = tasks[0]
    assert (first.title, first.expected_output, first.lead) == (
        "Xây dựng Đề án",
        "Đề án",
        ["Sở Nội vụ"],
    )
    assert (first.due.kind, first.due.month) == ("month", 6)
    assert first.group == "I"


def test_a_row_continued_on_the_next_page_is_joined() -> None:
    read = read_table(TABLE)
    assert read is not None
    second = tasks_from_table(read, "PL2")[1]
    assert second.title == (
        "Hoàn thành kết nối dữ liệu; Kết quả xét nghiệm của cơ sở khám chữa bệnh"
    )
    assert second.cooperating == ["Bộ Công an"]
    assert "title" in second.doubts


def test_numbering_restarted_in_each_group_keeps_codes_apart() -> None:
    read = read_table(TABLE)
    assert read is not None
    assert [t.code for t in tasks_from_table(read, "PL2")] == ["PL2.I.1", "PL2.I.2", "PL2.II.1"]


def test_a_table_that_is_no_list_of_tasks_is_ignored() -> None:
    assert read_table(Table(rows=(("Họ tên", "Chức vụ"), ("Nguyễn Văn A", "Giám đốc")))) is None


def test_a_ministry_table_with_a_two_row_header_and_extra_columns() -> None:
    # Columns in another order, the agencies under one merged "Đơn vị thực hiện" header,
    # and columns the plan does not need (funding, monitoring).
    plan = _plan(
        "PHỤ LỤC: DANH MỤC NHIỆM VỤ\n"
        "| TT | Nhiệm vụ | Thời gian thực hiện | Đơn vị thực hiện | Đơn vị thực hiện "
        "| Nguồn kinh phí | Theo dõi, kiểm tra, đôn đốc |\n"
        "| TT | Nhiệm vụ | Thời gian thực hiện | Chủ trì | Phối hợp | Nguồn kinh phí "
        "| Theo dõi, kiểm tra, đôn đốc |\n"
        "| A | NHIỆM VỤ CHUNG | | | | | |\n"
        "| 1 | Xây dựng cơ sở dữ liệu ngành | Quý IV/2025 | Cục Chuyển đổi số "
        "| Các đơn vị thuộc Bộ | Ngân sách nhà nước | Văn phòng Bộ |\n"
        "| B | NHIỆM VỤ CỤ THỂ | | | | | |\n"
        "| 2 | Số hóa hồ sơ lưu trữ | 2025 - 2026 | Văn phòng Bộ | | Ngân sách | Vụ Kế hoạch |\n"
    )
    assert [(g.code, g.title) for g in plan.groups] == [
        ("A", "NHIỆM VỤ CHUNG"),
        ("B", "NHIỆM VỤ CỤ THỂ"),
    ]
    first, second = plan.tasks
    assert (first.code, first.group, first.lead, first.cooperating) == (
        "PL.1",
        "A",
        ["Cục Chuyển đổi số"],
        ["Các đơn vị thuộc Bộ"],
    )
    assert (first.due.kind, first.due.quarter) == ("quarter", 4)
    assert (second.due.kind, second.due.start_year, second.due.end_year) == ("range", 2025, 2026)
    assert second.cooperating == []


def test_unnumbered_group_rows_in_capitals_open_groups() -> None:
    read = read_table(
        Table(
            rows=(
                ("TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"),
                ("", "NHÓM NHIỆM VỤ VỀ THỂ CHẾ", "", ""),
                ("1", "Rà soát văn bản", "Sở Tư pháp", "2025"),
                ("", "tiếp theo của dòng trên", "", ""),
                ("", "NHÓM NHIỆM VỤ VỀ HẠ TẦNG", "", ""),
                ("2", "Nâng cấp mạng", "Sở Khoa học và Công nghệ", "2026"),
            )
        )
    )
    assert read is not None
    assert [(g.code, g.title) for g in read.groups] == [
        ("1", "NHÓM NHIỆM VỤ VỀ THỂ CHẾ"),
        ("2", "NHÓM NHIỆM VỤ VỀ HẠ TẦNG"),
    ]
    tasks = tasks_from_table(read, "")
    assert [(t.code, t.group, t.title) for t in tasks] == [
        ("1", "1", "Rà soát văn bản tiếp theo của dòng trên"),
        ("2", "2", "Nâng cấp mạng"),
    ]


def test_groups_under_an_unnumbered_tasks_heading() -> None:
    plan = _plan(
        "NHIỆM VỤ, GIẢI PHÁP\n1. Hoàn thiện thể chế\na) Rà soát văn bản.\n"
        "2. Phát triển hạ tầng\na) Nâng cấp mạng.\n"
    )
    assert [t.code for t in plan.tasks] == ["1.a", "2.a"]


def test_assignment_in_a_closing_parenthesis() -> None:
    words, values = split_assignment(
        "Xây dựng Đề án chuyển đổi số (Sở Nội vụ chủ trì, phối hợp với các sở, ngành liên quan; "
        "hoàn thành trong năm 2025)."
    )
    assert words == "Xây dựng Đề án chuyển đổi số."
    assert values == {
        Column.LEAD: "Sở Nội vụ",
        Column.COOPERATING: "các sở, ngành liên quan",
        Column.DUE: "hoàn thành trong năm 2025",
    }
    assert split_assignment("Xây dựng Đề án (giai đoạn 2025 - 2030).") == (
        "Xây dựng Đề án (giai đoạn 2025 - 2030).",
        {},
    )


@pytest.mark.parametrize(
    ("cell", "lead", "cooperating"),
    [
        ("Chủ trì: Sở Nội vụ; phối hợp: các sở, ngành", "Sở Nội vụ", "các sở, ngành"),
        (
            "Sở Nội vụ (chủ trì); Sở Tài chính, Sở Y tế (phối hợp)",
            "Sở Nội vụ",
            "Sở Tài chính, Sở Y tế",
        ),
        (
            "Sở Nội vụ chủ trì, phối hợp với các sở, ngành liên quan",
            "Sở Nội vụ",
            "các sở, ngành liên quan",
        ),
        ("Sở Nội vụ; Sở Tài chính", "Sở Nội vụ; Sở Tài chính", None),
        # Whoever a body works "với" is its partner, a business or a people's group too.
        (
            "Ủy ban nhân dân xã phối hợp với doanh nghiệp viễn thông",
            "Ủy ban nhân dân xã",
            "doanh nghiệp viễn thông",
        ),
        (
            "Phòng Văn hóa - Xã hội phối hợp cùng Hội Nông dân xã",
            "Phòng Văn hóa - Xã hội",
            "Hội Nông dân xã",
        ),
        ("Cấp ủy phối hợp Thủ trưởng đơn vị", "Cấp ủy", "Thủ trưởng đơn vị"),
        # One body of a list marked as the lead: the others listed with it are its partners.
        (
            "Phòng Kế hoạch (chủ trì), Phòng Pháp chế, Trung tâm Dữ liệu",
            "Phòng Kế hoạch",
            "Phòng Pháp chế, Trung tâm Dữ liệu",
        ),
        # The lead, then the bodies that carry the work out with it.
        (
            "Cục Quản lý án chủ trì; Tòa án nhân dân cấp tỉnh, Tòa án nhân dân khu vực thực hiện",
            "Cục Quản lý án",
            "Tòa án nhân dân cấp tỉnh, Tòa án nhân dân khu vực",
        ),
        ("Sở Công Thương chủ trì, Sở Tài chính cùng tham gia", "Sở Công Thương", "Sở Tài chính"),
        # What follows the lead's role is its work, not a partner.
        ("Văn phòng Sở chủ trì tham mưu", "Văn phòng Sở", None),
    ],
)
def test_one_cell_naming_both_roles(cell: str, lead: str, cooperating: str | None) -> None:
    assert split_roles(cell) == (lead, cooperating)


def test_a_single_agencies_column_is_split_into_lead_and_cooperating() -> None:
    read = read_table(
        Table(
            rows=(
                ("TT", "Nội dung", "Cơ quan thực hiện", "Thời gian"),
                (
                    "1",
                    "Rà soát thủ tục",
                    "Văn phòng UBND tỉnh chủ trì, phối hợp với các sở",
                    "2025",
                ),
            )
        )
    )
    assert read is not None
    task = tasks_from_table(read, "")[0]
    assert (task.lead, task.cooperating) == (["Văn phòng Ủy ban nhân dân tỉnh"], ["các sở"])


def test_tasks_under_a_part_named_content() -> None:
    plan = _plan(
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nII. NỘI DUNG\n1. Hoàn thiện thể chế\n"
        "a) Rà soát văn bản.\n- Đơn vị chủ trì: Sở Tư pháp.\nIII. TỔ CHỨC THỰC HIỆN\n"
    )
    assert [(t.code, t.lead) for t in plan.tasks] == [("II.1.a", ["Sở Tư pháp"])]


def test_items_that_assign_a_task_are_found_under_any_heading() -> None:
    plan = _plan(
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\na) Tuyên truyền.\n- Cơ quan chủ trì: Sở Nội vụ.\n"
        "II. TRIỂN KHAI CHUYỂN ĐỔI SỐ\n1. Chính quyền số\na) Nâng cấp cổng dịch vụ công.\n"
        "- Cơ quan chủ trì: Văn phòng UBND tỉnh.\n- Thời gian: 2025.\n"
    )
    assert [(t.code, t.group) for t in plan.tasks] == [("II.1.a", "II.1")]
    assert plan.tasks[0].due.kind == "year"


def test_a_table_of_reporting_dates_does_not_replace_the_tasks() -> None:
    plan = _plan(
        "II. NHIỆM VỤ\n1. Hoàn thiện thể chế\na) Rà soát văn bản.\n- Cơ quan chủ trì: Sở Tư pháp.\n"
        "III. TỔ CHỨC THỰC HIỆN\n| TT | Nội dung báo cáo | Cơ quan chủ trì | Thời hạn |\n"
        "| 1 | Báo cáo 6 tháng | Các sở, ngành | 15/6 hằng năm |\n"
    )
    assert [t.code for t in plan.tasks] == ["II.1.a"]


def test_a_row_over_sub_tasks_with_nobody_assigned_is_no_task() -> None:
    read = read_table(
        Table(
            rows=(
                ("TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"),
                ("1", "Chuyển đổi số trong y tế", "", ""),
                ("1.1", "Bệnh án điện tử", "Sở Y tế", "2025"),
                ("1.2", "Sổ sức khỏe điện tử", "Sở Y tế", "2026"),
                ("2", "Nâng cấp cổng dịch vụ công", "Văn phòng UBND tỉnh", "2025"),
            )
        )
    )
    assert read is not None
    assert [t.code for t in tasks_from_table(read, "PL1")] == ["PL1.1.1", "PL1.1.2", "PL1.2"]


BULLETS = """KẾ HOẠCH
III. NHIỆM VỤ, GIẢI PHÁP
1. Phát triển hạ tầng số
- Triển khai mạng di động 5G đến các khu công nghiệp (Sở Khoa học và Công nghệ chủ trì, \
phối hợp với các doanh nghiệp viễn thông; 2025-2026).
- Đầu tư Trung tâm dữ liệu của tỉnh (Sở Tài chính chủ trì, phối hợp với Sở Khoa học và \
Công nghệ, Văn phòng Ủy ban nhân dân tỉnh; giai đoạn 2026-2030).
2. Nâng cao nhận thức
- Đây là nhiệm vụ trọng tâm, xuyên suốt.
- Các cơ quan, đơn vị quán triệt đến từng cán bộ.
"""


def test_bullets_that_each_assign_a_task_are_the_tasks_of_their_heading() -> None:
    plan = _plan(BULLETS)
    assert [(t.code, t.group) for t in plan.tasks] == [("III.1.1", "III.1"), ("III.1.2", "III.1")]
    assert plan.tasks[0].title == "Triển khai mạng di động 5G đến các khu công nghiệp."
    assert plan.tasks[1].lead == ["Sở Tài chính"]
    assert plan.tasks[1].cooperating == [
        "Sở Khoa học và Công nghệ",
        "Văn phòng Ủy ban nhân dân tỉnh",
    ]
    assert (plan.tasks[1].due.kind, plan.tasks[1].due.end_year) == ("range", 2030)


def test_a_time_in_words_that_cannot_be_read_is_unspecified_kept_and_doubted() -> None:
    plan = _plan(
        "KẾ HOẠCH\nII. NHIỆM VỤ, GIẢI PHÁP\n1. Thể chế\n"
        "a) Tổ chức Giải thưởng Chất lượng.\n- Cơ quan chủ trì: Sở Khoa học và Công nghệ.\n"
        "- Thời gian thực hiện: Chưa xác định.\n"
    )
    due = plan.tasks[0].due
    assert (due.kind, due.text, due.condition) == ("unspecified", "Chưa xác định", None)
    assert "Chưa xác định" in plan.tasks[0].doubts["due"]


@pytest.mark.parametrize(
    ("line", "words", "assignment"),
    [
        (
            "Xây dựng Đề án (Cơ quan chủ trì: Sở Nội vụ; thời gian: Quý II/2026).",
            "Xây dựng Đề án.",
            {Column.LEAD: "Sở Nội vụ", Column.DUE: "Quý II/2026"},
        ),
        (
            "Rà soát vị trí việc làm (Sở Nội vụ chủ trì; các sở, ban, ngành phối hợp; năm 2026).",
            "Rà soát vị trí việc làm.",
            {
                Column.LEAD: "Sở Nội vụ",
                Column.COOPERATING: "các sở, ban, ngành",
                Column.DUE: "năm 2026",
            },
        ),
        (
            "Hỗ trợ học bổng (Sở Giáo dục và Đào tạo và Sở Tài chính đồng chủ trì; Tháng 10/2026).",
            "Hỗ trợ học bổng.",
            {Column.LEAD: "Sở Giáo dục và Đào tạo; Sở Tài chính", Column.DUE: "Tháng 10/2026"},
        ),
        (
            "Số hóa hồ sơ (Sở Nội vụ chủ trì, phối hợp với các sở, ngành, năm 2025).",
            "Số hóa hồ sơ.",
            {Column.LEAD: "Sở Nội vụ", Column.COOPERATING: "các sở, ngành", Column.DUE: "năm 2025"},
        ),
        (
            "- Thời gian thực hiện: Năm 2025 (sau khi có hướng dẫn của Bộ).",
            "",
            {Column.DUE: "Năm 2025 (sau khi có hướng dẫn của Bộ)"},
        ),
    ],
)
def test_an_assignment_in_a_closing_parenthesis_in_the_ways_plans_write_it(
    line: str, words: str, assignment: dict[Column, str]
) -> None:
    assert split_assignment(line) == (words, assignment)


def test_a_phan_cong_line_names_the_lead_and_its_partners() -> None:
    plan = _plan(
        "KẾ HOẠCH\nIII. NỘI DUNG THỰC HIỆN\n1. Ra quân Bình dân học vụ số tại các thôn.\n"
        "Phân công: Ban Phong trào Tỉnh đoàn chủ trì, phối hợp với các cơ sở đoàn.\n"
        "Thời gian: Quý II/2026.\n"
    )
    assert [(t.lead, t.cooperating, t.due.quarter) for t in plan.tasks] == [
        (["Ban Phong trào Tỉnh đoàn"], ["các cơ sở đoàn"], 2)
    ]


def test_an_assignment_in_a_bracket_inside_the_sentence_names_the_lead() -> None:
    plan = _plan(
        "KẾ HOẠCH\nII. NHIỆM VỤ, GIẢI PHÁP\n"
        "1. Lắp đặt camera giám sát tại các bãi xe (giao Ban Quản lý Khu kinh tế chủ trì, "
        "phối hợp với Công an tỉnh), bảo đảm an ninh trật tự.\n- Thời gian hoàn thành: Năm 2026.\n"
    )
    (task,) = plan.tasks
    assert (task.title, task.lead, task.cooperating) == (
        "Lắp đặt camera giám sát tại các bãi xe, bảo đảm an ninh trật tự.",
        ["Ban Quản lý Khu kinh tế"],
        ["Công an tỉnh"],
    )


@pytest.mark.parametrize(
    ("line", "assignment"),
    [
        (
            "- Bộ phận phụ trách: Văn phòng HĐND và UBND xã.",
            {Column.LEAD: "Văn phòng HĐND và UBND xã"},
        ),
        (
            "- Công chức phụ trách: Công chức Tư pháp - Hộ tịch.",
            {Column.LEAD: "Công chức Tư pháp - Hộ tịch"},
        ),
        ("- Bộ phận phối hợp: Công an xã.", {Column.COOPERATING: "Công an xã"}),
        (
            "- Người thực hiện: Phó Chủ tịch Ủy ban nhân dân xã.",
            {Column.LEAD: "Phó Chủ tịch Ủy ban nhân dân xã"},
        ),
    ],
)
def test_a_commune_names_who_does_a_task_by_the_kind_of_body_or_person(
    line: str, assignment: dict[Column, str]
) -> None:
    assert split_assignment(line) == ("", assignment)


def test_a_column_of_who_is_in_charge_is_the_lead_but_not_the_overseeing_leader() -> None:
    table = read_table(
        Table(
            rows=(
                (
                    "TT",
                    "Nội dung công việc",
                    "Thời gian",
                    "Bộ phận phụ trách",
                    "Lãnh đạo phụ trách",
                ),
                ("1", "Số hóa sổ hộ tịch", "Quý II/2026", "Công chức Tư pháp", "Phó Chủ tịch xã"),
            )
        )
    )
    assert table is not None
    (task,) = tasks_from_table(table, "")
    assert task.lead == ["Công chức Tư pháp"]


@pytest.mark.parametrize(
    ("line", "words", "assignment"),
    [
        (
            "Lập danh mục đề tài năm 2027 (Giao Phòng Quản lý khoa học, hoàn thành trước ngày "
            "30/9/2026).",
            "Lập danh mục đề tài năm 2027.",
            {Column.LEAD: "Phòng Quản lý khoa học", Column.DUE: "trước ngày 30/9/2026"},
        ),
        (
            "Đánh giá chỉ số đổi mới sáng tạo (Giao Phòng Công nghệ chủ trì, Văn phòng Sở phối "
            "hợp; Quý II/2026).",
            "Đánh giá chỉ số đổi mới sáng tạo.",
            {
                Column.LEAD: "Phòng Công nghệ",
                Column.COOPERATING: "Văn phòng Sở",
                Column.DUE: "Quý II/2026",
            },
        ),
        (
            "Giám sát an toàn thông tin (Giao Trung tâm Chuyển đổi số, thực hiện thường xuyên).",
            "Giám sát an toàn thông tin.",
            {Column.LEAD: "Trung tâm Chuyển đổi số", Column.DUE: "thường xuyên"},
        ),
        (
            "Báo cáo kết quả (Giao Văn phòng Sở, theo quy định của Ủy ban nhân dân tỉnh).",
            "Báo cáo kết quả.",
            {Column.LEAD: "Văn phòng Sở", Column.DUE: "theo quy định của Ủy ban nhân dân tỉnh"},
        ),
        (
            "Triển khai phần mềm dùng chung (Giao Phòng Chuyển đổi số, Trung tâm Chuyển đổi số).",
            "Triển khai phần mềm dùng chung.",
            {Column.LEAD: "Phòng Chuyển đổi số, Trung tâm Chuyển đổi số"},
        ),
    ],
)
def test_a_closing_bracket_that_gives_the_task_names_the_bodies_then_the_time(
    line: str, words: str, assignment: dict[Column, str]
) -> None:
    assert split_assignment(line) == (words, assignment)


def test_numbered_lines_with_nothing_under_them_are_the_tasks_of_their_part() -> None:
    # A department's plan numbers its tasks straight under the part; a group heading always
    # heads something, so a line with nothing under it is a task, assigned or not.
    plan = _plan(
        "KẾ HOẠCH\nI. MỤC ĐÍCH, YÊU CẦU\n1. Bảo đảm đúng hạn.\nII. NHIỆM VỤ CỤ THỂ\n"
        "1. Tập huấn kỹ năng số cho công chức của Sở.\n"
        "2. Số hóa hồ sơ lưu trữ (Giao Văn phòng Sở, hoàn thành trong năm 2026).\n"
        "III. TỔ CHỨC THỰC HIỆN\n1. Các phòng báo cáo Giám đốc Sở.\n"
    )
    assert [(t.code, t.group, t.lead, t.due.end_year) for t in plan.tasks] == [
        ("II.1", "II", [], None),
        ("II.2", "II", ["Văn phòng Sở"], 2026),
    ]


def test_tasks_numbered_under_an_unnumbered_upper_case_part_have_no_group() -> None:
    plan = _plan(
        "KẾ HOẠCH\nMỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức của cán bộ.\nNHIỆM VỤ, GIẢI PHÁP\n"
        "1. Số hóa hồ sơ lưu trữ (Văn phòng chủ trì; tháng 11/2026).\n"
        "2. Cập nhật dữ liệu đoàn viên (Ban Tổ chức chủ trì; Quý II/2026).\n"
        "TỔ CHỨC THỰC HIỆN\n1. Văn phòng tổng hợp kết quả.\n"
    )
    assert plan.groups == []
    assert [(t.code, t.group, t.lead) for t in plan.tasks] == [
        ("1", None, ["Văn phòng"]),
        ("2", None, ["Ban Tổ chức"]),
    ]


def test_a_group_heading_that_names_its_lead_gives_it_to_each_bullet_with_its_own_time() -> None:
    plan = _plan(
        "KẾ HOẠCH\nII. NHIỆM VỤ, GIẢI PHÁP\n"
        "1. Trụ cột thể chế (Sở Tư pháp chủ trì, phối hợp với các sở, ngành)\n"
        "- Rà soát thủ tục hành chính về khoa học, công nghệ; hoàn thành Quý II/2026.\n"
        "- Công khai kết quả giải quyết thủ tục hành chính; thường xuyên.\n"
    )
    assert [(t.code, t.group, t.lead, t.cooperating, t.due.kind) for t in plan.tasks] == [
        ("II.1.1", "II.1", ["Sở Tư pháp"], ["các sở, ngành"], "quarter"),
        ("II.1.2", "II.1", ["Sở Tư pháp"], ["các sở, ngành"], "recurring"),
    ]


def test_a_heading_that_gives_its_own_time_is_one_task_and_its_bullets_detail_it() -> None:
    plan = _plan(
        "KẾ HOẠCH\nII. NHIỆM VỤ, GIẢI PHÁP\n"
        "1. Xây dựng cơ sở dữ liệu doanh nghiệp (Sở Tài chính chủ trì; năm 2026)\n"
        "- Gồm dữ liệu đăng ký kinh doanh và dữ liệu thuế.\n"
    )
    assert [(t.code, t.lead, t.due.kind) for t in plan.tasks] == [
        ("II.1", ["Sở Tài chính"], "year")
    ]


def test_a_numbered_heading_whose_bullets_each_assign_a_task_is_their_group() -> None:
    plan = _plan(
        "KẾ HOẠCH\nII. NHIỆM VỤ, GIẢI PHÁP\n1. Hạ tầng số\n"
        "- Nâng cấp phòng họp không giấy (Trung tâm Tin học chủ trì; Quý II/2026).\n"
        "- Triển khai trợ lý ảo (Vụ Tổng hợp chủ trì; năm 2026).\n"
        "2. Dữ liệu\n- Số hóa tài liệu lưu trữ (Trung tâm Lưu trữ chủ trì; năm 2026).\n"
    )
    assert [g.code for g in plan.groups] == ["II.1", "II.2"]
    assert [(t.code, t.group) for t in plan.tasks] == [
        ("II.1.1", "II.1"),
        ("II.1.2", "II.1"),
        ("II.2.1", "II.2"),
    ]


def test_a_task_table_with_a_start_and_an_end_column_gives_the_span() -> None:
    plan = _plan(
        "II. NHIỆM VỤ CỤ THỂ\n"
        "| TT | Nội dung nhiệm vụ | Đơn vị chủ trì | Thời gian bắt đầu | Thời gian kết thúc |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| 1 | Nghiên cứu vật liệu bán dẫn | Viện Khoa học vật liệu | 01/2026 | 12/2027 |\n"
        "| 2 | Đào tạo tiến sĩ | Học viện Khoa học và Công nghệ | 2026 | |\n"
    )
    first, second = plan.tasks
    assert (first.due.text, first.due.kind, first.due.start_year, first.due.end_year) == (
        "01/2026 - 12/2027",
        "range",
        2026,
        2027,
    )
    # Only a start: the time is that start.
    assert (second.due.text, second.due.kind) == ("2026", "year")


def test_a_task_given_to_the_body_before_its_colon_takes_the_time_its_words_end_with() -> None:
    plan = _plan(
        "THÔNG BÁO\nII. NHIỆM VỤ THỜI GIAN TỚI\n"
        "1. Bộ Tài chính: bố trí kinh phí trong dự toán ngân sách nhà nước năm 2027.\n"
        "2. Bộ Khoa học và Công nghệ: hoàn thiện Quy hoạch, trình Thủ tướng trong tháng 6/2026.\n"
    )
    assert [(t.lead, t.due.kind, t.due.end_year) for t in plan.tasks] == [
        (["Bộ Tài chính"], "year", 2027),
        (["Bộ Khoa học và Công nghệ"], "month", 2026),
    ]
