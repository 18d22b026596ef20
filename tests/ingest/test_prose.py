"""The paragraphs offered as tasks when a plan writes its tasks as prose."""

from tests.builders import SEEDS
from theodoi.ingest.blocks import Paragraph, SourceText
from theodoi.ingest.prose import task_paragraphs
from theodoi.ingest.readers import read_file


def source(*lines: str) -> SourceText:
    return SourceText("ke-hoach.txt", [Paragraph(line) for line in lines])


def test_the_paragraphs_of_the_tasks_part_are_offered_with_their_part() -> None:
    found = task_paragraphs(
        source(
            "I. MỤC ĐÍCH, YÊU CẦU",
            "Quán triệt đầy đủ tinh thần của Nghị quyết đến cán bộ, đảng viên.",
            "II. NHIỆM VỤ, GIẢI PHÁP",
            "1. Về thể chế",
            "Rà soát các quy định của tỉnh còn cản trở đổi mới sáng tạo trong năm 2026.",
            "2. Về nhân lực",
            "- Đào tạo kỹ năng số cho toàn bộ cán bộ cấp xã trước năm 2027.",
            "Ngắn quá.",
            "III. TỔ CHỨC THỰC HIỆN",
            "Văn phòng tổng hợp, báo cáo kết quả thực hiện định kỳ sáu tháng một lần.",
        )
    )
    assert [(p.section_code, p.section_title, p.text) for p in found] == [
        (
            "II.1",
            "Về thể chế",
            "Rà soát các quy định của tỉnh còn cản trở đổi mới sáng tạo trong năm 2026.",
        ),
        ("II.2", "Về nhân lực", "Đào tạo kỹ năng số cho toàn bộ cán bộ cấp xã trước năm 2027."),
    ]


def test_without_a_tasks_part_the_parts_not_about_something_else_are_offered() -> None:
    found = task_paragraphs(
        source(
            "1. Về chuyển đổi số",
            "Các sở triển khai phần mềm quản lý văn bản liên thông trong năm 2026.",
            "2. Kinh phí thực hiện",
            "Kinh phí bố trí từ ngân sách tỉnh theo phân cấp hiện hành.",
        )
    )
    assert [p.section_code for p in found] == ["1"]


def test_a_party_programme_in_prose_offers_its_paragraphs() -> None:
    found = task_paragraphs(read_file(SEEDS / "001_83f868006df64d46.txt"))
    assert {p.section_code for p in found} >= {"3.1", "3.2"}
    assert all(len(p.text) >= 20 for p in found)
