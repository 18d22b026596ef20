from __future__ import annotations

from theodoi.ingest.blocks import Paragraph, Table
from theodoi.ingest.extract import extract_source
from theodoi.ingest.extract.groups import announced_items
from theodoi.ingest.readers import read_text
from theodoi.ingest.segment import Section

REQUEST = (
    "Bộ Khoa học và Công nghệ đề nghị Ủy ban nhân dân các tỉnh, thành phố chỉ đạo thực hiện "
    "các nội dung sau:"
)


def _item(label: str, title: str) -> Section:
    return Section("arabic", label, title, label)


def test_a_table_between_a_letters_request_and_its_items_is_passed_over() -> None:
    table = Table(rows=(("STT", "Chỉ số"), ("1", "Chỉ số DTI")))
    root = Section("document", "", "", "")
    root.items = [
        Paragraph(REQUEST),
        table,
        _item("1", "Cập nhật số liệu đánh giá mức độ chuyển đổi số."),
        _item("2", "Rà soát, chuẩn hóa dữ liệu dùng chung."),
        table,
        _item("3", "Gửi báo cáo kết quả chuyển đổi số."),
    ]

    announced = announced_items(root)

    assert announced is not None
    assignee, items = announced
    assert assignee == "Ủy ban nhân dân các tỉnh, thành phố"
    assert [item.label for item in items] == ["1", "2"]


def test_a_letters_items_that_each_name_their_body_are_its_tasks_without_a_request() -> None:
    # ``Thủ tướng Chính phủ có ý kiến như sau:`` asks no one body; each item names its own.
    root = Section("document", "", "", "")
    root.items = [
        Paragraph(
            "Xét báo cáo của Bộ Khoa học và Công nghệ, Thủ tướng Chính phủ có ý kiến như sau:"
        ),
        _item("1", "Giao Bộ Tài chính chủ trì, phối hợp với Bộ Nội vụ hướng dẫn cơ chế khoán chi."),
        _item("2", "Bộ Y tế khẩn trương hoàn thiện Đề án, trình Thủ tướng Chính phủ."),
    ]
    assert announced_items(root) == (None, root.children)


def test_numbered_paragraphs_that_name_no_body_are_no_letters_tasks() -> None:
    root = Section("document", "", "", "")
    root.items = [
        Paragraph("Văn phòng thông báo như sau:"),
        _item("1", "Hội nghị diễn ra trong hai ngày."),
        _item("2", "Bộ Y tế khẩn trương hoàn thiện Đề án."),
    ]
    assert announced_items(root) is None


def test_a_letters_item_that_heads_lettered_items_is_their_group_for_its_addressee() -> None:
    plan = extract_source(
        read_text(
            "Số: 1520/BNV-CCVC\nV/v bồi dưỡng kỹ năng số\n"
            "Bộ Nội vụ đề nghị các cơ quan thực hiện một số nội dung sau:\n"
            "1. Đối với các bộ, cơ quan ngang bộ\n"
            "a) Rà soát nhu cầu bồi dưỡng, gửi Bộ Nội vụ trước ngày 30/4/2026.\n"
            "b) Bố trí kinh phí bồi dưỡng trong dự toán năm 2027.\n"
            "2. Bộ Nội vụ giao Vụ Công chức - Viên chức tổng hợp kết quả trước ngày 15/12/2026.\n"
        )
    )
    assert [(g.code, g.title) for g in plan.groups] == [("1", "Đối với các bộ, cơ quan ngang bộ")]
    assert [(t.code, t.group, t.lead, t.due.kind) for t in plan.tasks] == [
        ("1.a", "1", ["Các bộ, cơ quan ngang bộ"], "date"),
        ("1.b", "1", ["Các bộ, cơ quan ngang bộ"], "year"),
        ("2", None, ["Vụ Công chức - Viên chức"], "date"),
    ]


def test_a_deadline_a_letter_sets_after_its_items_is_each_items_time() -> None:
    plan = extract_source(
        read_text(
            "Số: 1287/UBKTTC15\nV/v chuẩn bị báo cáo giám sát\nKính gửi: Bộ Tài chính.\n"
            "Ủy ban đề nghị các Bộ chuẩn bị báo cáo các nội dung sau:\n"
            "1. Bộ Tài chính báo cáo kết quả thực hiện ưu đãi thuế.\n"
            "2. Bộ Khoa học và Công nghệ báo cáo tình hình sử dụng Quỹ phát triển khoa học.\n"
            "Báo cáo của các Bộ đề nghị gửi về Ủy ban trước ngày 15/5/2026 để tổng hợp.\n"
            "Trân trọng./.\n"
        )
    )
    assert plan.document.kind == "khac"  # a letter, whatever programme it names
    assert [(t.lead, t.due.kind, t.due.date) for t in plan.tasks] == [
        (["Bộ Tài chính"], "date", "2026-05-15"),
        (["Bộ Khoa học và Công nghệ"], "date", "2026-05-15"),
    ]


def test_a_letters_bullets_after_its_request_are_its_items_for_the_body_it_asks() -> None:
    root = Section("document", "", "", "")
    root.items = [
        Paragraph("Kính gửi:"),
        Paragraph("- Ủy ban nhân dân các tỉnh."),
        Paragraph(REQUEST),
        Paragraph("- Rà soát nền tảng số dùng chung trước ngày 31/5/2026."),
        Paragraph("- Tập huấn cho công chức cấp xã hằng năm."),
        Paragraph("Đầu mối liên hệ: Cục Công nghiệp công nghệ số."),
    ]
    announced = announced_items(root)
    assert announced is not None
    assignee, items = announced
    assert assignee == "Ủy ban nhân dân các tỉnh, thành phố"
    assert [(item.code, item.title) for item in items] == [
        ("1", "Rà soát nền tảng số dùng chung trước ngày 31/5/2026."),
        ("2", "Tập huấn cho công chức cấp xã hằng năm."),
    ]


_TOPICS = (
    "KẾ HOẠCH\nVận động Nhân dân tham gia chuyển đổi số năm 2026\n"
    "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao nhận thức.\n"
    "II. NHIỆM VỤ CỤ THỂ\n1. Lĩnh vực tuyên truyền:\n"
    "- Hội Nông dân xã vận động hội viên bán hàng trực tuyến; Quý III/2026.\n"
    "III. PHÂN CÔNG THỰC HIỆN\n1. Ban Công tác Mặt trận các khu dân cư:\n"
)


def test_a_phan_cong_part_whose_every_line_has_its_time_adds_tasks_beside_the_tasks_part() -> None:
    plan = extract_source(
        read_text(
            _TOPICS + "- Lập danh sách hộ chưa có điện thoại thông minh; trước ngày 15/4/2026.\n"
            "2. Đề nghị Hội Cựu chiến binh xã:\n"
            "- Hướng dẫn hội viên cài đặt ứng dụng VNeID; thường xuyên.\n"
        )
    )
    assert [(t.title[:20], t.lead) for t in plan.tasks] == [
        ("Vận động hội viên bá", ["Hội Nông dân xã"]),
        ("Lập danh sách hộ chư", ["Ban Công tác Mặt trận các khu dân cư"]),
        ("Hướng dẫn hội viên c", ["Hội Cựu chiến binh xã"]),
    ]


def test_a_phan_cong_part_of_standing_duties_beside_the_tasks_part_adds_none() -> None:
    # Without a time on each line, the bodies' lines are the arrangements for carrying out.
    plan = extract_source(
        read_text(
            _TOPICS + "- Theo dõi, đôn đốc việc thực hiện Kế hoạch ở khu dân cư.\n"
            "2. Đề nghị Hội Cựu chiến binh xã:\n"
            "- Phối hợp tuyên truyền; báo cáo kết quả trước ngày 20/11/2026.\n"
        )
    )
    assert [t.lead for t in plan.tasks] == [["Hội Nông dân xã"]]
