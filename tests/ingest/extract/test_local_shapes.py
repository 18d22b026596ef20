"""Shapes of provincial, departmental, commune and Party committee plans: each rule in the
words of the documents it covers."""

from __future__ import annotations

from theodoi.ingest.blocks import Paragraph
from theodoi.ingest.extract import extract_source
from theodoi.ingest.fields.targets import find_prose_targets
from theodoi.ingest.plan import Plan
from theodoi.ingest.readers import read_text
from theodoi.ingest.readers.text import parse_text


def _plan(text: str) -> Plan:
    return extract_source(read_text(text))


BY_AGENCY = """KẾ HOẠCH
Chuyển đổi số năm 2026
I. MỤC ĐÍCH, YÊU CẦU
Rõ việc của từng cơ quan.
II. NHIỆM VỤ CỦA CÁC CƠ QUAN
1. Sở Y tế:
- Triển khai bệnh án điện tử tại các bệnh viện công lập; Quý III/2026.
- Kết nối dữ liệu khám, chữa bệnh với cơ sở dữ liệu dân cư; thường xuyên.
2. Sở Nội vụ chủ trì tham mưu bố trí công chức chuyển đổi số ở các xã; tháng 5/2026.
3. Công an tỉnh:
- Bảo đảm an ninh mạng cho các hệ thống của tỉnh; thường xuyên.
III. TỔ CHỨC THỰC HIỆN
Các cơ quan báo cáo kết quả.
"""


def test_a_group_that_is_itself_one_task_among_groups_that_give_their_bullets_to_a_body() -> None:
    tasks = _plan(BY_AGENCY).tasks
    assert [t.code for t in tasks] == ["II.1.1", "II.1.2", "II.2", "II.3.1"]
    own = tasks[2]
    assert own.lead == ["Sở Nội vụ"]
    assert own.title.startswith("Tham mưu bố trí công chức")
    assert (own.due.kind, own.due.month, own.due.start_year) == ("month", 5, 2026)


SCHEDULE = """KẾ HOẠCH
kiểm tra, giám sát việc thực hiện chuyển đổi số năm 2026
I. NỘI DUNG
a) Việc ban hành kế hoạch của chi bộ.
b) Việc sử dụng Sổ tay đảng viên điện tử.
II. ĐỐI TƯỢNG, THỜI GIAN
| STT | Thời gian | Tổ chức đảng được kiểm tra, giám sát | Hình thức | Đơn vị thực hiện |
| --- | --- | --- | --- | --- |
| 1 | Tháng 4/2026 | Chi bộ khu phố 1 | Kiểm tra | Ủy ban Kiểm tra Đảng ủy |
| 2 | Quý III/2026 | Đảng bộ Công an xã | Giám sát chuyên đề | Văn phòng Đảng ủy |
"""


def test_a_party_schedule_names_the_inspected_and_each_rows_act_in_its_own_columns() -> None:
    # ``Tổ chức đảng được kiểm tra, giám sát``: the bodies inspected, whatever the acts after
    # ``được``; ``Hình thức`` says which act each row is; the content list is no task.
    tasks = _plan(SCHEDULE).tasks
    assert [t.title for t in tasks] == [
        "Kiểm tra Chi bộ khu phố 1",
        "Giám sát chuyên đề Đảng bộ Công an xã",
    ]
    assert [t.lead for t in tasks] == [["Ủy ban Kiểm tra Đảng ủy"], ["Văn phòng Đảng ủy"]]
    assert [t.expected_output for t in tasks] == [None, None]
    assert [t.due.kind for t in tasks] == ["month", "quarter"]


MIXED = """KẾ HOẠCH
Chuyển đổi số xã năm 2026
PHỤ LỤC
CHỈ TIÊU, NHIỆM VỤ NĂM 2026
| TT | Nội dung | Đơn vị tính | Chỉ tiêu/Kết quả | Đơn vị chủ trì | Thời gian hoàn thành |
| --- | --- | --- | --- | --- | --- |
| A | CHỈ TIÊU | | | | |
| 1 | Tỷ lệ hồ sơ giải quyết trực tuyến | % | ≥ 60 | Văn phòng Ủy ban nhân dân xã | Năm 2026 |
| B | NHIỆM VỤ | | | | |
| 1 | Lắp đặt camera an ninh tại các ấp | | Hệ thống camera vận hành | Công an xã | Quý IV/2026 |
| 2 | Mở lớp kỹ năng số cho người dân | | 20 lớp | Phòng Văn hóa - Xã hội | Tháng 9/2026 |
"""


def test_one_table_that_lists_targets_then_tasks_gives_each_its_kind() -> None:
    # ``A | CHỈ TIÊU`` over rows with a unit and a figure, ``B | NHIỆM VỤ`` over rows with a
    # lead, a time and, in the same ``Chỉ tiêu/Kết quả`` column, a product.
    plan = _plan(MIXED)
    [indicator] = plan.indicators
    assert (indicator.unit, indicator.target.op, indicator.target.value) == ("%", ">=", 60)
    assert [t.title for t in plan.tasks] == [
        "Lắp đặt camera an ninh tại các ấp",
        "Mở lớp kỹ năng số cho người dân",
    ]
    assert [t.expected_output for t in plan.tasks] == ["Hệ thống camera vận hành", "20 lớp"]
    assert [t.lead for t in plan.tasks] == [["Công an xã"], ["Phòng Văn hóa - Xã hội"]]
    assert [t.group for t in plan.tasks] == ["B", "B"]


def test_a_bound_after_the_figure_is_the_targets_and_not_part_of_its_name() -> None:
    # A commune's or a Party committee's targets: ``đạt từ 60% trở lên``.
    [found] = find_prose_targets("Tỷ lệ hồ sơ nộp trực tuyến đạt từ 60% trở lên.")
    assert found.name == "Tỷ lệ hồ sơ nộp trực tuyến"
    assert (found.target.op, found.target.value) == (">=", 60)


def test_a_share_of_the_local_budget_is_the_unit_and_not_part_of_the_name() -> None:
    # A provincial programme's spending target: ``2% tổng chi ngân sách địa phương``.
    text = "Chi cho khoa học, công nghệ đạt 2% tổng chi ngân sách địa phương."
    [found] = find_prose_targets(text)
    assert found.name == "Chi cho khoa học, công nghệ"
    assert found.unit == "% tổng chi ngân sách địa phương"


BY_PARTY_BODY = """KẾ HOẠCH
Chuyển đổi số trong các cơ quan đảng năm 2026
II. PHÂN CÔNG NHIỆM VỤ
1. Các tổ chức đảng trực thuộc Tỉnh ủy
a) Đảng ủy Ủy ban nhân dân tỉnh
- Lãnh đạo kết nối hệ thống giải quyết thủ tục hành chính; Quý II/2026.
b) Tổ đảng ở Thường trực Hội đồng nhân dân tỉnh lãnh đạo giám sát chuyên đề; tháng 9/2026.
III. TỔ CHỨC THỰC HIỆN
Văn phòng Tỉnh ủy theo dõi.
"""


def test_a_lettered_task_beside_headings_that_name_bodies_is_its_own_subjects() -> None:
    # The numbered heading names a kind of body, not the body that does ``b)``.
    tasks = _plan(BY_PARTY_BODY).tasks
    assert [t.lead for t in tasks] == [
        ["Đảng ủy Ủy ban nhân dân tỉnh"],
        ["Tổ đảng ở Thường trực Hội đồng nhân dân tỉnh"],
    ]


def test_a_count_of_bodies_of_a_kind_named_in_capitals_counts_in_that_kind() -> None:
    # A commune's target: ``Có ít nhất 12 Tổ công nghệ số cộng đồng hoạt động ở các ấp``.
    [found] = find_prose_targets("Có ít nhất 12 Tổ công nghệ số cộng đồng hoạt động ở các ấp.")
    assert (found.unit, found.target.op, found.target.value) == ("Tổ", ">=", 12)
    assert "Tổ công nghệ số cộng đồng" in found.name
    [centre] = find_prose_targets("Đến năm 2030 có ít nhất 03 Trung tâm đổi mới sáng tạo.")
    assert centre.unit == "Trung tâm"


GIVEN_LABEL = """KẾ HOẠCH
Chính quyền số xã năm 2026
II. NHIỆM VỤ
1. Về chính quyền số
- Chuẩn hóa dữ liệu hộ tịch (Giao: Công chức Tư pháp - Hộ tịch; thời gian: Quý II/2026).
- Hỗ trợ hợp tác xã bán hàng (Giao: Phòng Kinh tế, phối hợp Hội Nông dân; thời gian: tháng 8/2026).
III. TỔ CHỨC THỰC HIỆN
Văn phòng tổng hợp.
"""


def test_a_commune_gives_a_task_with_a_giao_label_in_its_closing_bracket() -> None:
    tasks = _plan(GIVEN_LABEL).tasks
    assert [t.title for t in tasks] == [
        "Chuẩn hóa dữ liệu hộ tịch.",
        "Hỗ trợ hợp tác xã bán hàng.",
    ]
    assert [t.lead for t in tasks] == [["Công chức Tư pháp - Hộ tịch"], ["Phòng Kinh tế"]]
    assert tasks[1].cooperating == ["Hội Nông dân"]
    assert [t.due.kind for t in tasks] == ["quarter", "month"]


def _lines(text: str) -> list[str]:
    return [b.text for b in parse_text(text) if isinstance(b, Paragraph)]


def test_a_header_copied_flat_from_a_portal_reads_as_its_two_columns() -> None:
    # A Party committee's header as a portal prints its two-column table: one row a line.
    text = (
        "TỈNH ỦY BẮC NINH | ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Số 18-CTr/TU | Bắc Ninh, ngày 06 tháng 8 năm 2025\n"
    )
    assert _lines(text) == [
        "TỈNH ỦY BẮC NINH",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 18-CTr/TU",
        "Bắc Ninh, ngày 06 tháng 8 năm 2025",
    ]
    assert _lines("ỦY BAN NHÂN DÂN |\n") == ["ỦY BAN NHÂN DÂN"]
    document = _plan(f"{text}CHƯƠNG TRÌNH\nthực hiện Nghị quyết số 66-NQ/TW\n").document
    assert (document.issuer, document.issued_on) == ("Tỉnh ủy Bắc Ninh", "2025-08-06")


def test_a_party_programme_labels_the_lead_as_the_body_that_advises() -> None:
    # ``- Cơ quan chủ trì tham mưu: Ban Tuyên giáo và Dân vận Tỉnh ủy.``
    text = """CHƯƠNG TRÌNH
II. NHIỆM VỤ CỤ THỂ
1. Tổ chức quán triệt Nghị quyết đến cán bộ chủ chốt.
- Cơ quan chủ trì tham mưu: Ban Tuyên giáo và Dân vận Tỉnh ủy.
- Thời gian: Quý III/2025.
2. Xây dựng cơ sở dữ liệu văn bản của tỉnh.
- Cơ quan chủ trì tham mưu: Đảng ủy Ủy ban nhân dân tỉnh.
- Thời gian: Năm 2026.
III. TỔ CHỨC THỰC HIỆN
Văn phòng Tỉnh ủy theo dõi.
"""
    assert [t.lead for t in _plan(text).tasks] == [
        ["Ban Tuyên giáo và Dân vận Tỉnh ủy"],
        ["Đảng ủy Ủy ban nhân dân tỉnh"],
    ]


GIVEN_AFTER_ITEMS = """KẾ HOẠCH
Y tế số năm 2026
II. NHIỆM VỤ, GIẢI PHÁP
1. Phát triển y tế số
a) Triển khai bệnh án điện tử tại các bệnh viện tuyến tỉnh.
b) Kết nối dữ liệu tiêm chủng với ứng dụng VNeID; Quý II/2026.
Giao Sở Y tế chủ trì, phối hợp với Bảo hiểm xã hội tỉnh thực hiện; thời gian: năm 2026.
2. Phát triển giáo dục số
a) Triển khai học bạ số ở các cấp học.
III. TỔ CHỨC THỰC HIỆN
Các sở báo cáo kết quả.
"""


def test_a_sentence_after_a_groups_last_item_gives_all_its_items() -> None:
    tasks = _plan(GIVEN_AFTER_ITEMS).tasks
    assert [t.title for t in tasks[:2]] == [
        "Triển khai bệnh án điện tử tại các bệnh viện tuyến tỉnh.",
        "Kết nối dữ liệu tiêm chủng với ứng dụng VNeID",
    ]
    assert [t.lead for t in tasks[:2]] == [["Sở Y tế"], ["Sở Y tế"]]
    assert [t.cooperating for t in tasks[:2]] == [["Bảo hiểm xã hội tỉnh"]] * 2
    # Each item keeps the time it gives itself.
    assert [(t.due.kind, t.due.quarter) for t in tasks[:2]] == [("year", None), ("quarter", 2)]
    assert tasks[2].lead == []


def test_a_result_or_product_line_under_an_item_is_its_expected_output() -> None:
    text = """KẾ HOẠCH
II. NHIỆM VỤ, GIẢI PHÁP
1. Tổ chức tập huấn kỹ năng số cho cán bộ, công chức xã.
Đơn vị thực hiện: Văn phòng Ủy ban nhân dân xã.
Kết quả/sản phẩm: 02 lớp tập huấn.
Thời gian: Quý I/2026.
III. TỔ CHỨC THỰC HIỆN
Các đơn vị báo cáo.
"""
    [task] = _plan(text).tasks
    assert task.expected_output == "02 lớp tập huấn"
    assert task.lead == ["Văn phòng Ủy ban nhân dân xã"]


def test_a_party_table_names_the_advising_body_and_the_comrade_in_charge_apart() -> None:
    # A commune Party committee's appendix: the body that advises does the task; the
    # comrade in charge oversees it and is no lead.
    text = """KẾ HOẠCH
PHỤ LỤC
NHIỆM VỤ NĂM 2026
| TT | Nhiệm vụ | Cơ quan tham mưu | Đồng chí phụ trách | Thời gian hoàn thành |
| --- | --- | --- | --- | --- |
| 1 | Cập nhật dữ liệu đảng viên | Ban Xây dựng Đảng | Trưởng Ban Xây dựng Đảng | Quý II/2026 |
| 2 | Dùng Sổ tay đảng viên | Văn phòng Đảng ủy | Phó Bí thư Đảng ủy | Thường xuyên |
"""
    assert [t.lead for t in _plan(text).tasks] == [["Ban Xây dựng Đảng"], ["Văn phòng Đảng ủy"]]


COUNCIL_SUPERVISION = """HĐND TỈNH ĐẮK LẮK
BAN KINH TẾ - NGÂN SÁCH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 15/KH-BKTNS
KẾ HOẠCH
Giám sát việc thực hiện chính sách hỗ trợ doanh nghiệp năm 2026
I. ĐỐI TƯỢNG, THỜI GIAN GIÁM SÁT
| TT | Cơ quan, đơn vị chịu sự giám sát | Thời gian | Hình thức |
| --- | --- | --- | --- |
| 1 | Sở Tài chính | Tháng 6/2026 | Giám sát qua báo cáo |
| 2 | Ủy ban nhân dân phường Tân Lập | Tháng 7/2026 | Giám sát trực tiếp |
"""


def test_a_council_committees_supervision_plan_and_its_schedule() -> None:
    # ``Cơ quan, đơn vị chịu sự giám sát``: the bodies supervised; the committee is named
    # with its council.
    plan = _plan(COUNCIL_SUPERVISION)
    assert plan.document.issuer == "Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh Đắk Lắk"
    assert [t.title for t in plan.tasks] == [
        "Giám sát qua báo cáo Sở Tài chính",
        "Giám sát trực tiếp Ủy ban nhân dân phường Tân Lập",
    ]
    assert [t.due.month for t in plan.tasks] == [6, 7]


def test_a_party_bracket_says_the_leading_bodys_role_in_its_own_verbs() -> None:
    text = """KẾ HOẠCH
III. NHIỆM VỤ, GIẢI PHÁP
1. Sắp xếp trường, lớp (Đảng ủy Ủy ban nhân dân tỉnh lãnh đạo, chỉ đạo; hoàn thành năm 2027).
2. Tuyên truyền Nghị quyết trong Nhân dân (Ban Tuyên giáo và Dân vận Tỉnh ủy chỉ đạo; Quý I/2026).
3. Xây dựng đội ngũ nhà giáo (Ban Tổ chức Tỉnh ủy tham mưu; hằng năm).
IV. TỔ CHỨC THỰC HIỆN
Văn phòng Tỉnh ủy theo dõi.
"""
    tasks = _plan(text).tasks
    assert [t.lead for t in tasks] == [
        ["Đảng ủy Ủy ban nhân dân tỉnh"],
        ["Ban Tuyên giáo và Dân vận Tỉnh ủy"],
        ["Ban Tổ chức Tỉnh ủy"],
    ]
    assert [(t.due.kind, t.due.end_year) for t in tasks] == [
        ("year", 2027),
        ("quarter", 2026),
        ("recurring", None),
    ]
