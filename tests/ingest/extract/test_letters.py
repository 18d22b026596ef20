"""Official letters (công văn), notices of conclusions (thông báo kết luận) and directives (chỉ
thị): who each item goes to, when it is due, and which lines are the document's own closing
words rather than part of its last item. Each rule in the words of the documents it covers."""

from __future__ import annotations

from theodoi.ingest.extract import extract_source
from theodoi.ingest.extract.assignees import (
    announced_assignee,
    assignee_of,
    lead_as_subject,
    lead_in_front,
    time_in_words,
)
from theodoi.ingest.fields.bodies import opens_with_body
from theodoi.ingest.fields.times import parse_due
from theodoi.ingest.plan import Plan
from theodoi.ingest.readers import read_text
from theodoi.ingest.roles import Role, role_of
from theodoi.ingest.tables import Column


def _plan(text: str) -> Plan:
    return extract_source(read_text(text))


# --- who is asked -------------------------------------------------------------------------


def test_a_directives_request_names_every_body_of_its_list() -> None:
    # ``tổ chức`` after the comma is one more body of the list, not the verb that ends it.
    sentence = (
        "Để khắc phục hạn chế, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng tập "
        "trung lãnh đạo, thực hiện tốt các nhiệm vụ sau:"
    )
    assert announced_assignee(sentence) == "Các cấp ủy, tổ chức đảng"


def test_a_letter_that_asks_quy_so_asks_the_body_it_is_sent_to() -> None:
    plan = _plan(
        "BỘ KHOA HỌC VÀ CÔNG NGHỆ\nCỤC ĐỔI MỚI SÁNG TẠO\nSố: 12/ĐMST-HTKN\n"
        "V/v phối hợp tổ chức Ngày hội khởi nghiệp\n"
        "Kính gửi: Sở Khoa học và Công nghệ các tỉnh, thành phố trực thuộc trung ương.\n"
        "Cục Đổi mới sáng tạo đề nghị Quý Sở phối hợp thực hiện một số nội dung sau:\n"
        "1. Cử cán bộ đầu mối, gửi thông tin về Cục trước ngày 20/4/2026.\n"
        "2. Phối hợp tổ chức Ngày hội khởi nghiệp tại địa phương trong Quý IV/2026.\n"
        "Trân trọng./.\n"
    )
    assert [t.lead for t in plan.tasks] == [
        ["Sở Khoa học và Công nghệ các tỉnh, thành phố trực thuộc trung ương"]
    ] * 2
    assert [t.due.kind for t in plan.tasks] == ["date", "quarter"]


def test_a_letter_to_several_bodies_gives_quy_co_quan_to_none_of_them() -> None:
    sentence = "Sở Nội vụ đề nghị Quý cơ quan phối hợp thực hiện các nội dung sau:"
    assert announced_assignee(sentence, None) is None
    assert announced_assignee(sentence, "Sở Y tế") == "Sở Y tế"


def test_a_heading_may_name_its_bodies_in_abbreviations() -> None:
    assert assignee_of("UBND các xã, phường:") == ("Ủy ban nhân dân các xã, phường", "")


def test_a_long_heading_that_only_lists_bodies_assigns_its_items() -> None:
    # Thirteen words, but no verb: a list of the bodies the lettered items under it go to.
    heading = "Các sở, ban, ngành cấp tỉnh, Ủy ban nhân dân các xã, phường"
    assert assignee_of(heading) == (heading, "")
    # A long heading with a verb is a task's sentence, as before.
    assert assignee_of("Các sở, ban, ngành cấp tỉnh tổ chức quán triệt đến từng cán bộ") is None


def test_partners_end_at_the_verb_in_lower_case_not_at_one_inside_a_name() -> None:
    found = lead_in_front(
        "Văn phòng Đảng ủy chủ trì, phối hợp với Ban Xây dựng Đảng hướng dẫn các chi bộ"
    )
    assert found == (
        {Column.LEAD: "Văn phòng Đảng ủy", Column.COOPERATING: "Ban Xây dựng Đảng"},
        "Hướng dẫn các chi bộ",
    )


def test_a_body_as_subject_before_a_verb_of_its_own() -> None:
    assert lead_as_subject("Các chi bộ trực thuộc đưa nội dung chuyển đổi số vào sinh hoạt") == (
        {Column.LEAD: "Các chi bộ trực thuộc"},
        "Đưa nội dung chuyển đổi số vào sinh hoạt",
    )
    # ``phối hợp`` with the work after it is the verb; ``phối hợp với`` names partners.
    assert lead_as_subject("Ban điều hành các tổ dân phố phối hợp tuyên truyền") == (
        {Column.LEAD: "Ban điều hành các tổ dân phố"},
        "Phối hợp tuyên truyền",
    )


def test_a_villages_or_residential_groups_committee_is_a_body() -> None:
    assert opens_with_body("Ban điều hành các tổ dân phố")
    assert opens_with_body("Ban điều hành thôn Đông")
    assert not opens_with_body("Ban hành kế hoạch")


def test_a_unit_with_no_name_of_its_own_is_named_by_the_body_it_serves() -> None:
    plan = _plan(
        "UBND TỈNH THÁI NGUYÊN\nVĂN PHÒNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 1834/VP-KGVX\nThái Nguyên, ngày 24 tháng 4 năm 2026\n"
        "Kính gửi: Sở Tài chính.\n"
        "Phó Chủ tịch Ủy ban nhân dân tỉnh có ý kiến như sau:\n"
        "1. Sở Tài chính thẩm định dự toán kinh phí; hoàn thành trong Quý III/2026.\n"
    )
    assert plan.document.issuer == "Văn phòng Ủy ban nhân dân tỉnh Thái Nguyên"
    assert plan.document.province == "Thái Nguyên"


def test_a_councils_standing_committee_under_it_issues_in_its_name() -> None:
    plan = _plan(
        "HỘI ĐỒNG NHÂN DÂN\nTỈNH QUẢNG TRỊ\nTHƯỜNG TRỰC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 67/TB-HĐND\nQuảng Trị, ngày 22 tháng 5 năm 2026\nTHÔNG BÁO\n"
        "Kết luận của Thường trực Hội đồng nhân dân tỉnh tại phiên giải trình\n"
    )
    assert plan.document.issuer == "Thường trực Hội đồng nhân dân tỉnh Quảng Trị"
    assert plan.document.province == "Quảng Trị"


# --- notices and directives organised by the bodies they address ---------------------------


NOTICE = """BỘ GIÁO DỤC VÀ ĐÀO TẠO
Số: 312/TB-BGDĐT
THÔNG BÁO
Kết luận của Thứ trưởng tại buổi làm việc về chuyển đổi số
Sau khi nghe báo cáo của các đơn vị, Thứ trưởng kết luận như sau:
1. Đánh giá chung
Các đơn vị đã chủ động triển khai các nhiệm vụ được giao.
2. Nhiệm vụ thời gian tới
- Vụ Giáo dục Đại học: chủ trì xây dựng Khung năng lực số, trình Bộ trưởng trong tháng 7/2026.
- Cục Kế hoạch - Tài chính: tổng hợp nhu cầu kinh phí chuyển đổi số vào dự toán năm 2027.
Bộ Giáo dục và Đào tạo thông báo để các đơn vị biết, thực hiện./.
"""


def test_a_notices_bullets_that_each_name_their_body_are_its_tasks() -> None:
    tasks = _plan(NOTICE).tasks
    assert [(t.code, t.group, t.lead) for t in tasks] == [
        ("2.1", "2", ["Vụ Giáo dục Đại học"]),
        ("2.2", "2", ["Cục Kế hoạch - Tài chính"]),
    ]
    assert tasks[0].title.startswith("Chủ trì xây dựng Khung năng lực số")
    assert (tasks[0].due.kind, tasks[0].due.month) == ("month", 7)
    assert tasks[1].due.kind == "year"


SO_NOTICE = """Giám đốc Sở kết luận như sau:
1. Cơ bản thống nhất với báo cáo của Phòng Chuyển đổi số.
2. Giao Phòng Chuyển đổi số:
- Tham mưu văn bản đôn đốc các xã cập nhật chỉ số chuyển đổi số; trong tháng 5/2026.
3. Giao Trung tâm Công nghệ thông tin và Truyền thông:
- Bảo đảm vận hành ổn định Cổng dịch vụ công của tỉnh; thường xuyên.
4. Văn phòng Sở theo dõi, đôn đốc các phòng thực hiện, báo cáo Giám đốc Sở trước ngày 05 hằng tháng.
Sở Khoa học và Công nghệ thông báo để các phòng, đơn vị biết, thực hiện./.
"""


def test_a_line_that_opens_with_its_body_among_the_bodies_groups_is_one_task() -> None:
    plan = _plan(SO_NOTICE)
    assert [(t.code, t.group) for t in plan.tasks] == [("2.1", "2"), ("3.1", "3"), ("4", None)]
    assert [g.code for g in plan.groups] == ["2", "3"]
    lone = plan.tasks[-1]
    assert lone.lead == ["Văn phòng Sở"]
    assert lone.title.startswith("Theo dõi, đôn đốc")
    assert (lone.due.kind, lone.due.text) == ("recurring", "trước ngày 05 hằng tháng")


def test_a_line_that_asks_a_body_among_the_bodies_groups_is_one_task() -> None:
    plan = _plan(
        "Chủ tịch UBND tỉnh yêu cầu:\n1. Sở Nội vụ:\n"
        "- Rà soát các nhiệm vụ chậm tiến độ; hoàn thành trước ngày 30/7/2026.\n"
        "2. Giao Văn phòng UBND tỉnh theo dõi, đôn đốc việc thực hiện văn bản này.\n"
        "Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.\n"
    )
    assert [(t.code, t.group, t.lead) for t in plan.tasks] == [
        ("1.1", "1", ["Sở Nội vụ"]),
        ("2", None, ["Văn phòng Ủy ban nhân dân tỉnh"]),
    ]
    assert plan.tasks[1].title == "Theo dõi, đôn đốc việc thực hiện văn bản này."


DIRECTIVE = """CHỈ THỊ
Về tăng cường chuyển đổi số trong ngành
Bộ trưởng yêu cầu:
1. Vụ Kế hoạch - Tài chính
a) Ưu tiên bố trí kinh phí cho các nhiệm vụ chuyển đổi số trong kế hoạch năm 2027.
2. Trung tâm Chuyển đổi số
a) Bảo đảm an toàn thông tin cho các hệ thống thông tin của Bộ; thường xuyên.
Thủ trưởng các cơ quan, đơn vị thuộc Bộ chịu trách nhiệm thực hiện nghiêm Chỉ thị này./.
"""


def test_a_directives_closing_sentence_is_no_part_of_its_last_item() -> None:
    last = _plan(DIRECTIVE).tasks[-1]
    assert last.title == "Bảo đảm an toàn thông tin cho các hệ thống thông tin của Bộ"
    assert last.lead == ["Trung tâm Chuyển đổi số"]


# --- times ----------------------------------------------------------------------------------


LETTER = """Sở Nội vụ đề nghị các cơ quan, đơn vị thực hiện một số nội dung sau:
1. Đề nghị các sở, ban, ngành tỉnh:
a) Rà soát, đăng ký nhu cầu bồi dưỡng kỹ năng số của công chức.
b) Cử công chức làm đầu mối.
2. Đề nghị Ủy ban nhân dân các xã, phường:
a) Bố trí công chức tham gia các lớp bồi dưỡng; thời gian theo lịch của Sở Nội vụ.
b) Lựa chọn công chức tham gia Tổ công nghệ số cộng đồng.
Báo cáo kết quả thực hiện các nội dung trên gửi về Sở Nội vụ trước ngày 30/6/2026 để tổng hợp.
Trân trọng./.
"""


def test_the_report_on_all_a_letter_asks_is_the_time_of_the_items_without_one() -> None:
    tasks = _plan(LETTER).tasks
    assert [t.code for t in tasks] == ["1.a", "1.b", "2.a", "2.b"]
    assert [t.due.date for t in tasks] == ["2026-06-30", "2026-06-30", None, "2026-06-30"]
    assert tasks[3].title == "Lựa chọn công chức tham gia Tổ công nghệ số cộng đồng."
    # A time of its own wins: another body's schedule, which the coordinator dates later.
    assert (tasks[2].due.kind, tasks[2].due.condition) == (
        "conditional",
        "theo lịch của Sở Nội vụ",
    )


def test_a_time_set_by_another_bodys_schedule_is_conditional() -> None:
    due = parse_due("theo lịch của Sở Nội vụ")
    assert (due.kind, due.condition) == ("conditional", "theo lịch của Sở Nội vụ")


def test_a_task_that_reports_each_period_is_recurring() -> None:
    words = "Theo dõi, đôn đốc việc thực hiện Chỉ thị, định kỳ hằng năm báo cáo Ban Thường vụ."
    assert time_in_words(words) == "định kỳ hằng năm"
    assert time_in_words("Theo dõi, định kỳ 6 tháng, hằng năm báo cáo Ủy ban") == (
        "định kỳ 6 tháng, hằng năm"
    )
    # ``định kỳ`` that is not about reporting is no time (``sinh hoạt chi bộ định kỳ``).
    assert time_in_words("Đưa nội dung chuyển đổi số vào sinh hoạt chi bộ định kỳ") is None


# --- titles ---------------------------------------------------------------------------------


def test_a_letters_subject_wrapped_onto_two_lines_is_its_title() -> None:
    document = _plan(
        "ỦY BAN NHÂN DÂN\nPHƯỜNG HÒA KHÁNH\nSố: 215/UBND-VP\n"
        "V/v triển khai nền tảng số cộng đồng\ntrên địa bàn phường năm 2026\n"
        "Hòa Khánh, ngày 14 tháng 4 năm 2026\nKính gửi: Phòng Văn hóa - Xã hội.\n"
    ).document
    assert document.title == "V/v triển khai nền tảng số cộng đồng trên địa bàn phường năm 2026"
    assert document.kind == "khac"
    about = _plan("SỞ NỘI VỤ\nSố: 12/SNV-CCVC\nVề việc bồi dưỡng kỹ năng số\ncho công chức\n")
    assert about.document.title == "Về việc bồi dưỡng kỹ năng số cho công chức"


def test_a_directive_or_a_notice_is_titled_by_its_kind_line_and_subject() -> None:
    directive = _plan(
        "TỈNH ỦY NGHỆ AN\nSố 15-CT/TU\nCHỈ THỊ\nCỦA BAN THƯỜNG VỤ TỈNH ỦY\n"
        "về tăng cường chuyển đổi số trong hệ thống chính trị\n"
        "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng thực hiện tốt các nhiệm vụ sau:\n"
        "1. Hoàn thành số hóa hồ sơ đảng viên trong năm 2026.\n"
    ).document
    assert directive.title == (
        "Chỉ thị của Ban Thường vụ Tỉnh ủy về tăng cường chuyển đổi số trong hệ thống chính trị"
    )
    # Another kind of document than a plan, not a news item that names one.
    assert directive.kind == "khac"
    notice = _plan(
        "ĐẢNG ỦY XÃ BÌNH SƠN\nSố 38-TB/ĐU\nTHÔNG BÁO\nKẾT LUẬN CỦA BAN THƯỜNG VỤ ĐẢNG ỦY XÃ\n"
        "về tình hình thực hiện kế hoạch chuyển đổi số\n"
    ).document
    assert notice.title == (
        "Thông báo kết luận của Ban Thường vụ Đảng ủy xã về tình hình thực hiện kế hoạch "
        "chuyển đổi số"
    )
    assert notice.kind == "khac"


# --- notices with parts, and letters with lettered items ------------------------------------


def test_a_meetings_content_is_its_summary_not_its_tasks() -> None:
    assert role_of("NỘI DUNG CUỘC HỌP") is Role.SITUATION
    assert role_of("Nội dung buổi làm việc") is Role.SITUATION
    assert role_of("NỘI DUNG, GIẢI PHÁP") is Role.TASKS  # a plan's own part, as before


COMMUNE_NOTICE = """ỦY BAN NHÂN DÂN
XÃ YÊN THẾ
Số: 41/TB-UBND
THÔNG BÁO
Kết luận của Chủ tịch Ủy ban nhân dân xã tại cuộc họp về chuyển đổi số
I. NỘI DUNG CUỘC HỌP
Chủ tịch Ủy ban nhân dân xã chủ trì cuộc họp triển khai Kế hoạch số 25/KH-UBND ngày 12/02/2026.
II. KẾT LUẬN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ
1. Giao Công an xã chủ trì, phối hợp với Trưởng các thôn rà soát tài khoản định danh; năm 2026.
2. Giao Văn phòng HĐND và UBND xã tổng hợp kết quả, báo cáo trước ngày 25 hằng tháng.
Ủy ban nhân dân xã thông báo để các cơ quan, đơn vị biết, thực hiện./.
"""


def test_a_notices_conclusions_part_of_lines_that_each_ask_a_body_holds_its_tasks() -> None:
    plan = _plan(COMMUNE_NOTICE)
    assert [(t.code, t.group, t.lead) for t in plan.tasks] == [
        ("II.1", "II", ["Công an xã"]),
        ("II.2", "II", ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã"]),
    ]
    # The time that closes a line which names its body is its time.
    assert (plan.tasks[1].due.kind, plan.tasks[1].due.text) == (
        "recurring",
        "trước ngày 25 hằng tháng",
    )
    # What the meeting carried out is said in its summary part, not in a ``Thực hiện`` line.
    assert plan.document.implements == ["25/KH-UBND"]


def test_a_request_that_names_the_body_before_its_colon_gives_it_the_items() -> None:
    sentence = "Thực hiện Nghị quyết số 57-NQ/TW, Bộ Tài chính đề nghị Ủy ban nhân dân các tỉnh:"
    assert announced_assignee(sentence) == "Ủy ban nhân dân các tỉnh"
    plan = _plan(
        f"{sentence}\na) Bố trí kinh phí cho chuyển đổi số trong dự toán năm 2027.\n"
        "b) Rà soát nhu cầu kinh phí, gửi Bộ Tài chính trước ngày 31/7/2026.\nTrân trọng./.\n"
    )
    assert [(t.code, t.lead, t.due.kind) for t in plan.tasks] == [
        ("a", ["Ủy ban nhân dân các tỉnh"], "year"),
        ("b", ["Ủy ban nhân dân các tỉnh"], "date"),
    ]


def test_partners_end_before_a_verb_of_oversight() -> None:
    found = lead_in_front("Sở Tư pháp chủ trì, phối hợp với Công an tỉnh giám sát việc thi hành")
    assert found is not None
    assert found[0] == {Column.LEAD: "Sở Tư pháp", Column.COOPERATING: "Công an tỉnh"}


COUNCIL_NOTICE = """Thường trực Hội đồng nhân dân tỉnh kết luận như sau:
1. Việc triển khai chính sách đã đạt một số kết quả bước đầu.
2. Đề nghị Ủy ban nhân dân tỉnh chỉ đạo:
a) Sở Khoa học và Công nghệ rà soát, đơn giản hóa thủ tục hỗ trợ, hoàn thành trước ngày 31/8/2026.
b) Sở Tài chính bố trí đủ kinh phí thực hiện chính sách trong dự toán năm 2027.
3. Đề nghị Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh theo dõi, giám sát việc thực hiện.
"""


def test_lone_lines_of_a_notice_stand_beside_the_group_of_lettered_items() -> None:
    plan = _plan(COUNCIL_NOTICE)
    assert [(t.code, t.group, t.lead) for t in plan.tasks] == [
        ("2.a", "2", ["Sở Khoa học và Công nghệ"]),
        ("2.b", "2", ["Sở Tài chính"]),
        ("3", None, ["Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh"]),
    ]


# --- a Party office's notice, a department's letter with labelled lines ---------------------


PARTY_NOTICE = """TỈNH ỦY LÂM ĐỒNG
VĂN PHÒNG
Số 512-TB/VPTU
THÔNG BÁO
KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY
Thường trực Tỉnh ủy kết luận như sau:
1. Thường trực Tỉnh ủy ghi nhận, đánh giá cao sự nỗ lực của các cơ quan.
2. Giao Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo ban hành cơ chế đặt hàng; Quý III/2026.
3. Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy tham mưu kiện toàn bộ phận giúp việc.
Văn phòng Tỉnh ủy thông báo để các cơ quan, đơn vị liên quan biết, thực hiện.
"""


def test_a_notices_lines_that_each_name_a_body_are_its_tasks_and_its_praise_is_not() -> None:
    plan = _plan(PARTY_NOTICE)
    assert plan.document.issuer == "Văn phòng Tỉnh ủy Lâm Đồng"
    assert [(t.code, t.lead) for t in plan.tasks] == [
        ("2", ["Ban cán sự đảng Ủy ban nhân dân tỉnh"]),
        ("3", ["Ban Tổ chức Tỉnh ủy"]),
    ]
    # The closing formula, with no ``./.``, is no part of the last item.
    assert plan.tasks[1].title == "Tham mưu kiện toàn bộ phận giúp việc."
    assert plan.tasks[1].cooperating == ["Văn phòng Tỉnh ủy"]


def test_words_that_end_at_a_comma_before_the_verb_are_no_body() -> None:
    assert lead_as_subject("Thường trực Tỉnh ủy ghi nhận, đánh giá cao sự nỗ lực") is None


def test_a_party_committees_department_is_named_with_its_committee() -> None:
    document = _plan(
        "TỈNH ỦY CÀ MAU\nBAN TUYÊN GIÁO VÀ DÂN VẬN\n*\nSố 215-CV/BTGDVTU\n"
        "V/v tuyên truyền kết quả chuyển đổi số\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Cà Mau, ngày 02 tháng 7 năm 2026\n"
    ).document
    assert document.issuer == "Ban Tuyên giáo và Dân vận Tỉnh ủy Cà Mau"


def test_a_letters_item_keeps_its_own_labelled_time_line() -> None:
    plan = _plan(
        "Sở Y tế đề nghị Thủ trưởng các đơn vị triển khai các nội dung sau:\n"
        "1. Hoàn thành triển khai bệnh án điện tử.\nThời gian hoàn thành: trước ngày 31/12/2026.\n"
        "2. Cử cán bộ tham dự tập huấn do Sở tổ chức.\n"
        "Thời gian: theo giấy triệu tập của Sở Y tế.\n"
        "Trong quá trình thực hiện, nếu có khó khăn, đề nghị liên hệ Phòng Nghiệp vụ Y.\n"
    )
    assert [(t.lead, t.due.kind) for t in plan.tasks] == [
        (["Thủ trưởng các đơn vị"], "date"),
        (["Thủ trưởng các đơn vị"], "conditional"),
    ]
    assert plan.tasks[1].due.condition == "theo giấy triệu tập của Sở Y tế"
    assert plan.tasks[1].title == "Cử cán bộ tham dự tập huấn do Sở tổ chức."


def test_the_purpose_after_a_deadline_is_no_part_of_it() -> None:
    words = "Báo cáo kết quả về Ban Tuyên giáo trước ngày 20/11/2026 để tổng hợp, báo cáo."
    assert time_in_words(words) == "trước ngày 20/11/2026"


def test_the_field_an_item_is_about_stands_before_the_sentence_that_gives_it() -> None:
    plan = _plan(
        "Chủ tịch Ủy ban nhân dân tỉnh có ý kiến chỉ đạo như sau:\n"
        "1. Về hạ tầng số: Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với các doanh "
        "nghiệp viễn thông phủ sóng 5G tại các khu công nghiệp; hoàn thành trong Quý IV/2026.\n"
        "2. Về dữ liệu: Giao Sở Nội vụ chủ trì số hóa hồ sơ công chức; trước ngày 30/11/2026.\n"
    )
    assert [(t.code, t.lead, t.cooperating, t.due.kind) for t in plan.tasks] == [
        ("1", ["Sở Khoa học và Công nghệ"], ["các doanh nghiệp viễn thông"], "quarter"),
        ("2", ["Sở Nội vụ"], [], "date"),
    ]
    assert plan.tasks[0].title == "Về hạ tầng số: phủ sóng 5G tại các khu công nghiệp"


def test_partners_end_before_integrating() -> None:
    found = lead_in_front("Sở Y tế chủ trì, phối hợp với Công an tỉnh tích hợp hồ sơ sức khỏe")
    assert found is not None
    assert found[0] == {Column.LEAD: "Sở Y tế", Column.COOPERATING: "Công an tỉnh"}
