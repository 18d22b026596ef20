"""Plans organised by body and Party committees' headers (issue 16, shapes-d): a
``PHÂN CÔNG THỰC HIỆN`` part that is the plan's tasks, a table that names each body once for
its rows, partners named after the task, ``ĐẢNG BỘ TỈNH`` over ``TỈNH ỦY``, the acts a plan
rests on, and counts of kinds."""

from __future__ import annotations

from theodoi.ingest.extract import extract_source
from theodoi.ingest.extract.assignees import partners_last
from theodoi.ingest.fields.targets import find_prose_targets
from theodoi.ingest.plan import Plan
from theodoi.ingest.readers import read_text


def _plan(text: str) -> Plan:
    return extract_source(read_text(text))


ASSIGNED_BY_UNIT = """KẾ HOẠCH
Chuyển đổi số ngành giáo dục năm 2027
I. CHỈ TIÊU
1. Tỷ lệ trường sử dụng học bạ số: 100%.
II. PHÂN CÔNG THỰC HIỆN
1. Văn phòng Sở
1.1. Số hóa hồ sơ lưu trữ của Sở; Quý III/2027.
2. Phòng Giáo dục phổ thông
2.1. Hướng dẫn các trường triển khai học bạ số; tháng 8/2027.
III. TỔ CHỨC THỰC HIỆN
1. Văn phòng Sở tổng hợp, báo cáo Giám đốc Sở.
"""


def test_a_part_assigning_each_unit_its_tasks_holds_the_tasks_when_no_part_is_named_for_them() -> (
    None
):
    plan = _plan(ASSIGNED_BY_UNIT)
    assert [(t.code, t.lead) for t in plan.tasks] == [
        ("1.1", ["Văn phòng Sở"]),
        ("2.1", ["Phòng Giáo dục phổ thông"]),
    ]
    assert [g.title for g in plan.groups] == ["Văn phòng Sở", "Phòng Giáo dục phổ thông"]


def test_the_same_part_stays_arrangements_where_the_plan_has_a_tasks_part() -> None:
    text = ASSIGNED_BY_UNIT.replace(
        "II. PHÂN CÔNG THỰC HIỆN",
        "II. NHIỆM VỤ\n1. Triển khai học bạ số tại các trường; năm 2027.\nIII. PHÂN CÔNG THỰC HIỆN",
    ).replace("III. TỔ CHỨC THỰC HIỆN", "IV. TỔ CHỨC THỰC HIỆN")
    assert [t.title for t in _plan(text).tasks] == ["Triển khai học bạ số tại các trường"]


def test_a_part_opening_with_phan_cong_over_subjects_is_no_tasks_part() -> None:
    text = ASSIGNED_BY_UNIT.replace("1. Văn phòng Sở\n", "1. Công tác tuyên truyền\n")
    assert _plan(text).tasks == []


BODY_FIRST_TABLE = """KẾ HOẠCH
Triển khai chuyển đổi số năm 2026
II. NHIỆM VỤ CỦA CÁC CƠ QUAN
| TT | Cơ quan thực hiện | Nhiệm vụ | Thời hạn |
| --- | --- | --- | --- |
| 1 | Công an tỉnh | Làm sạch dữ liệu dân cư | Thường xuyên |
| 2 | | Hướng dẫn kích hoạt định danh điện tử | Tháng 6/2026 |
| 3 | Sở Tài chính | Bố trí vốn cho các dự án chuyển đổi số | Năm 2026 |
"""


def test_a_body_named_once_before_its_tasks_leads_the_rows_below_it_with_empty_cells() -> None:
    tasks = _plan(BODY_FIRST_TABLE).tasks
    assert [t.lead for t in tasks] == [["Công an tỉnh"], ["Công an tỉnh"], ["Sở Tài chính"]]


def test_an_inspection_month_named_once_before_the_bodies_is_the_time_of_the_rows_below() -> None:
    text = """KẾ HOẠCH
Kiểm tra an toàn thông tin năm 2026
III. THỜI GIAN VÀ ĐƠN VỊ ĐƯỢC KIỂM TRA
| TT | Thời gian | Đơn vị được kiểm tra | Đơn vị thực hiện |
| --- | --- | --- | --- |
| 1 | Tháng 5/2026 | Ủy ban nhân dân phường An Xuyên | Phòng Chuyển đổi số |
| 2 | | Ủy ban nhân dân xã Năm Căn | Phòng Chuyển đổi số |
"""
    tasks = _plan(text).tasks
    assert [(t.due.kind, t.due.month, t.due.start_year) for t in tasks] == [("month", 5, 2026)] * 2


def test_an_empty_lead_cell_after_the_task_column_stays_empty() -> None:
    text = """KẾ HOẠCH
Triển khai chuyển đổi số năm 2026
II. NHIỆM VỤ
| TT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn |
| --- | --- | --- | --- |
| 1 | Làm sạch dữ liệu dân cư | Công an tỉnh | Thường xuyên |
| 2 | Hướng dẫn kích hoạt định danh điện tử | | Tháng 6/2026 |
"""
    assert [t.lead for t in _plan(text).tasks] == [["Công an tỉnh"], []]


def test_partners_named_after_the_task_cooperate() -> None:
    words = "Xây dựng kho học liệu số dùng chung, phối hợp với Trung tâm Công nghệ thông tin tỉnh"
    assert partners_last(words) == "Trung tâm Công nghệ thông tin tỉnh"
    # Words that go on to what is done together name no body.
    assert partners_last("Xây dựng kho, phối hợp với doanh nghiệp triển khai ứng dụng") is None


PARTY_HEADER = """ĐẢNG BỘ TỈNH TUYÊN QUANG
TỈNH ỦY TUYÊN QUANG
*
Số 08-CTr/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Tuyên Quang, ngày 12 tháng 01 năm 2026
CHƯƠNG TRÌNH
thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị
Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Tỉnh ủy xây dựng \
Chương trình như sau:
I. NHIỆM VỤ
1. Quán triệt Nghị quyết đến cán bộ, đảng viên; Quý I/2026.
"""


def test_a_provincial_committee_under_its_party_organisation_issues() -> None:
    document = _plan(PARTY_HEADER).document
    assert (document.issuer, document.province) == ("Tỉnh ủy Tuyên Quang", "Tuyên Quang")


def test_its_standing_committee_issues_what_it_signs() -> None:
    text = PARTY_HEADER + "T/M BAN THƯỜNG VỤ\nBÍ THƯ\nHầu A Lềnh\n"
    assert _plan(text).document.issuer == "Ban Thường vụ Tỉnh ủy Tuyên Quang"


def test_the_acts_a_plan_rests_on_are_not_what_it_implements() -> None:
    text = """KẾ HOẠCH
Chuyển đổi số của Sở năm 2027
Căn cứ Quyết định số 05/2025/QĐ-UBND ngày 10/3/2025 của Ủy ban nhân dân tỉnh quy định \
chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở;
Căn cứ Quy định số 296-QĐ/TW ngày 30/5/2025 của Ban Chấp hành Trung ương; Kế hoạch số \
410/KH-UBND ngày 25/12/2026 của Ủy ban nhân dân tỉnh;
Thực hiện Quy chế số 08-QC/TW ngày 05/11/2025 của Ban Bí thư;
I. NHIỆM VỤ
1. Số hóa hồ sơ; năm 2027.
"""
    assert sorted(_plan(text).document.implements) == ["08-QC/TW", "410/KH-UBND"]


def test_a_count_of_kinds_is_counted_in_the_kind_word_and_named_as_a_number() -> None:
    [found] = find_prose_targets("Có ít nhất 30 giống cây trồng, vật nuôi mới được công nhận.")
    assert (found.name, found.unit) == ("Số giống cây trồng, vật nuôi mới được công nhận", "giống")
    assert (found.target.op, found.target.value) == (">=", 30)


def test_a_party_committees_own_organ_is_named_with_the_committee() -> None:
    text = """ĐẢNG ỦY XÃ THẠCH HÀ
ỦY BAN KIỂM TRA
*
Số 05-KH/UBKT
ĐẢNG CỘNG SẢN VIỆT NAM
KẾ HOẠCH
kiểm tra việc thực hiện chuyển đổi số năm 2026
I. NỘI DUNG KIỂM TRA
1. Việc sinh hoạt chi bộ trên phần mềm.
"""
    assert _plan(text).document.issuer == "Ủy ban Kiểm tra Đảng ủy xã Thạch Hà"
    # An organ that names its place is the issuer as it stands.
    lower = text.replace(
        "ĐẢNG ỦY XÃ THẠCH HÀ\nỦY BAN KIỂM TRA", "ĐẢNG ỦY CHÍNH PHỦ\nĐẢNG ỦY BỘ TÀI CHÍNH"
    )
    assert _plan(lower).document.issuer == "Đảng ủy Bộ Tài chính"


def test_bodies_that_carry_out_a_task_after_its_lead_are_its_partners() -> None:
    text = """CHƯƠNG TRÌNH
Thực hiện Nghị quyết năm 2026
II. NHIỆM VỤ, GIẢI PHÁP
1. Nâng cao nhận thức
a) Tuyên truyền Nghị quyết trên các nền tảng số (Ban Tuyên giáo và Dân vận Đảng ủy chủ trì; \
các chi bộ, đảng bộ trực thuộc thực hiện; thường xuyên).
"""
    [task] = _plan(text).tasks
    assert task.lead == ["Ban Tuyên giáo và Dân vận Đảng ủy"]
    assert task.cooperating == ["các chi bộ, đảng bộ trực thuộc"]
    assert task.due.kind == "recurring"


def test_a_count_with_no_subject_is_named_as_the_number_of_what_it_counts() -> None:
    [found] = find_prose_targets(
        "Đến năm 2028, ít nhất 20 cơ sở giáo dục đại học có chương trình đào tạo về "
        "trí tuệ nhân tạo."
    )
    assert found.name == "Số cơ sở giáo dục đại học có chương trình đào tạo về trí tuệ nhân tạo"
    assert (found.unit, found.year) == ("cơ sở", 2028)


def test_the_year_a_change_is_counted_from_is_no_target_year() -> None:
    [found] = find_prose_targets("Doanh thu bán lẻ trực tuyến tăng trên 20% so với năm 2025.")
    assert (found.name, found.year) == ("Doanh thu bán lẻ trực tuyến", None)
    assert (found.target.op, found.target.value) == (">", 20)
    [aimed] = find_prose_targets("Kinh tế số chiếm 30% GRDP vào năm 2030.")
    assert aimed.year == 2030


BODIES_AS_PARTS = """KẾ HOẠCH
Nhiệm vụ chuyển đổi số 6 tháng cuối năm 2026
I. SỞ KHOA HỌC VÀ CÔNG NGHỆ
1. Đưa Trung tâm dữ liệu của tỉnh vào vận hành; tháng 9/2026.
2. Tổ chức diễn tập an toàn thông tin mạng; Quý IV/2026.
II. ỦY BAN NHÂN DÂN CÁC XÃ, PHƯỜNG
1. Duy trì hoạt động của Tổ công nghệ số cộng đồng; thường xuyên.
"""


def test_numbered_lines_under_a_part_that_names_a_body_are_its_tasks() -> None:
    tasks = _plan(BODIES_AS_PARTS).tasks
    assert [(t.code, t.lead, t.due.kind) for t in tasks] == [
        ("I.1", ["Sở Khoa học và Công nghệ"], "month"),
        ("I.2", ["Sở Khoa học và Công nghệ"], "quarter"),
        ("II.1", ["Ủy ban nhân dân các xã, phường"], "recurring"),
    ]


def test_numbered_lines_under_a_part_that_names_a_subject_are_not_tasks() -> None:
    text = BODIES_AS_PARTS.replace("I. SỞ KHOA HỌC VÀ CÔNG NGHỆ", "I. KẾT QUẢ ĐẠT ĐƯỢC")
    assert [t.code for t in _plan(text).tasks] == ["II.1"]


SCHEDULE_AS_BULLETS = """KẾ HOẠCH
giám sát việc thực hiện chuyển đổi số trong các chi bộ năm 2026
II. NỘI DUNG GIÁM SÁT
- Việc sinh hoạt chi bộ có sử dụng tài liệu điện tử (các chi bộ thực hiện).
III. ĐỐI TƯỢNG VÀ THỜI GIAN GIÁM SÁT
- Tháng 5/2026: giám sát Chi bộ xóm Yên Lý (Ủy ban Kiểm tra Đảng ủy xã chủ trì).
- Quý IV/2026: giám sát Chi bộ Trạm Y tế xã (Ban Xây dựng Đảng chủ trì).
IV. TỔ CHỨC THỰC HIỆN
- Các chi bộ chuẩn bị báo cáo (Văn phòng Đảng ủy chủ trì).
"""


def test_a_schedule_of_bullets_that_each_name_who_leads_them_is_the_plans_tasks() -> None:
    tasks = _plan(SCHEDULE_AS_BULLETS).tasks
    assert [(t.lead, t.due.kind) for t in tasks] == [
        (["Ủy ban Kiểm tra Đảng ủy xã"], "month"),
        (["Ban Xây dựng Đảng"], "quarter"),
    ]
    assert tasks[0].title.startswith("Giám sát Chi bộ xóm Yên Lý")


def test_a_closing_bracket_with_the_condition_a_task_waits_on_is_its_time() -> None:
    text = """KẾ HOẠCH
Phát triển hạ tầng số năm 2026
II. NHIỆM VỤ
1. Giao Ủy ban nhân dân các xã, phường:
a) Bố trí mặt bằng lắp đặt trạm thu phát sóng (theo đề nghị của doanh nghiệp).
b) Rà soát các điểm lõm sóng (Quý II/2026).
"""
    first, second = _plan(text).tasks
    assert first.title == "Bố trí mặt bằng lắp đặt trạm thu phát sóng"
    assert (first.due.kind, first.due.condition) == (
        "conditional",
        "theo đề nghị của doanh nghiệp",
    )
    assert (second.due.kind, second.due.quarter) == ("quarter", 2)


def test_a_table_group_row_that_names_a_body_leads_its_rows() -> None:
    text = """KẾ HOẠCH
Thực hiện Đề án 06 năm 2026
PHỤ LỤC
PHÂN CÔNG NHIỆM VỤ CHO CÁC CƠ QUAN
| TT | Nhiệm vụ | Thời gian hoàn thành |
| --- | --- | --- |
| I | CÔNG AN TỈNH | |
| 1 | Làm sạch dữ liệu dân cư | Tháng 6/2026 |
| II | HOÀN THIỆN THỂ CHẾ | |
| 1 | Ban hành quy chế chia sẻ dữ liệu | Quý II/2026 |
"""
    tasks = _plan(text).tasks
    assert [(t.group, t.lead) for t in tasks] == [("I", ["Công an tỉnh"]), ("II", [])]
