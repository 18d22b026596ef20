"""What the person checking an extraction is told about the reading."""

from __future__ import annotations

from theodoi.ingest.blocks import Paragraph, SourceText, Table
from theodoi.ingest.extract import extract_source
from theodoi.ingest.readers import read_text


def test_an_empty_document_is_an_empty_extraction_with_a_warning() -> None:
    plan = extract_source(SourceText(name="rong.txt"))
    assert plan.tasks == []
    assert plan.indicators == []
    assert any("trống" in w for w in plan.warnings)


def test_a_text_that_is_no_plan_says_so() -> None:
    plan = extract_source(read_text("Kính gửi ông Giám đốc,\nTôi xin nghỉ phép ba ngày.\n"))
    assert plan.document.kind == "khac"
    assert any("không giống một kế hoạch" in w for w in plan.warnings)


def test_a_table_whose_columns_cannot_be_told_is_reported() -> None:
    table = Table(rows=(("a", "b"), ("1", "2"), ("3", "4")))
    plan = extract_source(SourceText(name="x", blocks=[Paragraph("KẾ HOẠCH"), table]))
    assert any("Bảng thứ 1" in w for w in plan.warnings)


def test_reader_warnings_are_kept() -> None:
    source = SourceText(name="x", blocks=[Paragraph("KẾ HOẠCH")], warnings=["Trang 3 bị mờ."])
    assert "Trang 3 bị mờ." in extract_source(source).warnings


def test_a_plan_read_cleanly_has_no_warning() -> None:
    plan = extract_source(
        read_text("II. NHIỆM VỤ\n1. Nhóm\na) Việc.\n- Cơ quan chủ trì: Sở Nội vụ.\n")
    )
    assert plan.warnings == []
    assert plan.tasks[0].doubts == {}


def test_a_lead_cell_carrying_a_sentence_is_doubted() -> None:
    # seed 004, PHỤ LỤC II row 42
    table = Table(
        rows=(
            ("TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"),
            (
                "42",
                "Tiếp tục triển khai thực hiện có hiệu quả Kế hoạch số 370/KH-UBND",
                "Các sở, ban, ngành, địa phương tiếp tục triển khai thực hiện các nhiệm vụ được "
                "phân công tại Kế hoạch số 370/KH-UBND",
                "-",
                "Năm 2025 và các năm tiếp theo",
            ),
        )
    )
    task = extract_source(SourceText(name="x", blocks=[Paragraph("PHỤ LỤC II"), table])).tasks[0]
    assert task.code == "PL2.42"
    assert task.lead == ["Các sở, ban, ngành, địa phương"]
    assert task.cooperating == []
    assert "lead" in task.doubts


def test_figures_of_a_news_story_are_not_targets() -> None:
    plan = extract_source(
        read_text(
            "Quảng Ngãi: Mưa lớn gây ngập cục bộ\n"
            "Nhiều tuyến đường bị ngập sâu từ 0,3 đến 0,5m, nước lên nhanh từ khoảng 3 giờ sáng.\n"
        )
    )
    assert plan.indicators == []
    assert any("không giống một kế hoạch" in w for w in plan.warnings)
