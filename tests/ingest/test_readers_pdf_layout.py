"""A PDF's text placed by where it stands: words a narrow column broke come back whole, the
columns of a header block are read one after the other, a list's label stays with its item,
a table over several pages is one table with its merged cells, a long landscape appendix of
narrow columns loses no row. Each document is typed in Word (python-docx) and printed by
LibreOffice in the test; what the PDF gives is compared with what the Word file gives."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from tests.ingest.builders import build_docx, build_pdfs
from theodoi.ingest.blocks import Paragraph, Table
from theodoi.ingest.pipeline import extract_file
from theodoi.ingest.readers import read_file

pytestmark = pytest.mark.slow

# Values of the narrow columns of real appendices: times, units, numbers, agencies.
NARROW = [
    "Thường xuyên",
    "Hằng năm",
    "Quý IV/2025",
    "Trước 30/6/2026",
    "Người/vạn dân",
    "%/năm",
    "11.1",
    "Sở Khoa học và Công nghệ",
    "Bộ Công Thương; Bộ Ngoại giao",
    "KH&CN",
    "Nhiệm vụ",
    "2025 - 2030",
]


def _narrow_columns(path: Path) -> Path:
    """One table per column width, from a little wider than a syllable down to narrower
    than most: every value is broken somewhere, at a space or inside a word. A numbered
    column comes first, as in a plan's appendix."""
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(11)  # type: ignore[attr-defined]
    for cm in (0.9, 1.1, 1.3, 1.6, 2.0):
        document.add_paragraph(f"Bảng rộng {cm} cm")
        table = document.add_table(rows=len(NARROW), cols=4)
        table.style = "Table Grid"
        table.autofit = False
        for number, (row, text) in enumerate(zip(table.rows, NARROW, strict=True), start=1):
            row.cells[0].text = str(number)
            row.cells[1].text = text
            row.cells[2].text = text
            row.cells[3].text = text
        for column, width in zip(table.columns, (1.0, cm, cm + 0.3, cm + 0.7), strict=True):
            column.width = Cm(width)
            for cell in column.cells:
                cell.width = Cm(width)
    document.save(str(path))
    return path


def _header_block(path: Path) -> Path:
    """The header block of Nghị định 30/2020 in a table with no lines: a narrow issuer
    column beside the motto, close enough that the two share baselines with little gap."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.autofit = False
    cells = [
        ["BỘ KHOA HỌC VÀ CÔNG NGHỆ", "CỤC CHUYỂN ĐỔI SỐ QUỐC GIA"],
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        ["Số: 15/KH-CĐSQG"],
        ["Hà Nội, ngày 3 tháng 3 năm 2026"],
    ]
    places = [table.cell(0, 0), table.cell(0, 1), table.cell(1, 0), table.cell(1, 1)]
    for cell, lines in zip(places, cells, strict=True):
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
        for paragraph in cell.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in paragraph.runs:
                run.bold = not run.text.startswith(("Số", "Hà Nội"))
    for column, cm in zip(table.columns, (7.0, 9.0), strict=True):
        column.width = Cm(cm)
        for cell in column.cells:
            cell.width = Cm(cm)
    document.add_paragraph("KẾ HOẠCH").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("Chuyển đổi số năm 2026")
    document.save(str(path))
    return path


TASKS = 49
_VERBS = ["Xây dựng", "Triển khai", "Nâng cấp", "Số hóa", "Ban hành", "Đào tạo", "Kết nối"]
_THINGS = [
    "cơ sở dữ liệu chuyên ngành về đất đai",
    "nền tảng chia sẻ dữ liệu của tỉnh",
    "hệ thống thông tin giải quyết thủ tục hành chính",
    "quy chế quản lý, vận hành Trung tâm điều hành thông minh",
    "kỹ năng số cho cán bộ, công chức cấp xã",
    "dịch vụ công trực tuyến toàn trình về đầu tư",
    "hạ tầng mạng truyền số liệu chuyên dùng",
]
_LEADS = ["Sở Khoa học và Công nghệ", "Sở Nông nghiệp và Môi trường", "Sở Nội vụ", "Sở Tài chính"]
_TIMES = ["Thường xuyên", "Quý IV/2026", "2026 - 2027", "Hằng năm", "Trước 30/6/2026"]


def appendix_plan() -> str:
    """A plan whose 49 tasks are all in a wide appendix table (landscape, narrow columns,
    over several pages, the same lead merged down over runs of rows)."""
    rows = [
        f"| {k} | {_VERBS[k % 7]} {_THINGS[(k * 3) % 7]} (đợt {k}) | {_LEADS[(k // 3) % 4]} | "
        f"Ủy ban nhân dân các xã, phường | {_TIMES[k % 5]} | Báo cáo kết quả | |"
        for k in range(1, TASKS + 1)
    ]
    return "\n".join(
        [
            "ỦY BAN NHÂN DÂN",
            "TỈNH QUẢNG TRỊ",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 215/KH-UBND",
            "Quảng Trị, ngày 12 tháng 11 năm 2025",
            "KẾ HOẠCH",
            "Chuyển đổi số tỉnh Quảng Trị năm 2026",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "Triển khai đồng bộ các nhiệm vụ chuyển đổi số của tỉnh.",
            "II. NHIỆM VỤ",
            "Các nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này.",
            "Nơi nhận:",
            "- Như trên;",
            "- Lưu: VT.",
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "Hoàng Nam",
            "PHỤ LỤC",
            "DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2026",
            "| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | "
            "Sản phẩm | Ghi chú |",
            "| --- | --- | --- | --- | --- | --- | --- |",
            *rows,
        ]
    )


def _lists(path: Path) -> Path:
    text = "\n".join(
        [
            "KẾ HOẠCH",
            "Số hóa hồ sơ năm 2026",
            "I. NHIỆM VỤ",
            "1. Số hóa dữ liệu",
            "a) Số hóa hồ sơ đất đai của các xã, phường trên địa bàn tỉnh và kết nối với "
            "Cơ sở dữ liệu quốc gia về đất đai theo lộ trình của Bộ.",
            "- Cơ quan chủ trì: Sở Nông nghiệp và Môi trường.",
            "b) Số hóa hồ sơ hộ tịch.",
            "- Cơ quan chủ trì: Sở Tư pháp.",
        ]
    )
    source = path.with_suffix(".txt")
    source.write_text(text, encoding="utf-8")
    return build_docx(source, path)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each document as Word and as the PDF LibreOffice prints from it (one run for all)."""
    folder = tmp_path_factory.mktemp("pdf-layout")
    source = folder / "phu-luc.txt"
    source.write_text(appendix_plan(), encoding="utf-8")
    words = {
        "narrow": _narrow_columns(folder / "hep.docx"),
        "header": _header_block(folder / "dau.docx"),
        "lists": _lists(folder / "muc.docx"),
        "appendix": build_docx(source, folder / "phu-luc.docx"),
    }
    pdfs = build_pdfs(list(words.values()), folder)
    return {name: (word, pdf) for (name, word), pdf in zip(words.items(), pdfs, strict=True)}


def _tables(path: Path) -> list[Table]:
    return [b for b in read_file(path).blocks if isinstance(b, Table)]


def _paragraphs(path: Path) -> list[str]:
    return [b.text for b in read_file(path).blocks if isinstance(b, Paragraph)]


def test_words_a_narrow_column_broke_come_back_whole(printed: dict) -> None:
    word, pdf = printed["narrow"]
    from_pdf = _tables(pdf)
    assert len(from_pdf) == 5
    for table in from_pdf:
        assert [list(row[1:]) for row in table.rows] == [[text] * 3 for text in NARROW]
    assert [t.rows for t in _tables(word)] == [t.rows for t in from_pdf]


def test_the_columns_of_a_header_block_are_read_one_after_the_other(printed: dict) -> None:
    word, pdf = printed["header"]
    assert (
        _paragraphs(pdf)
        == _paragraphs(word)
        == [
            "BỘ KHOA HỌC VÀ CÔNG NGHỆ",
            "CỤC CHUYỂN ĐỔI SỐ QUỐC GIA",
            "Số: 15/KH-CĐSQG",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Hà Nội, ngày 3 tháng 3 năm 2026",
            "KẾ HOẠCH",
            "Chuyển đổi số năm 2026",
        ]
    )
    assert extract_file(pdf).document.issuer == extract_file(word).document.issuer


def test_a_list_label_a_tab_away_stays_with_its_item(printed: dict) -> None:
    word, pdf = printed["lists"]
    texts = _paragraphs(pdf)
    assert texts == _paragraphs(word)
    assert any(t.startswith("a) Số hóa hồ sơ đất đai của các xã") for t in texts)
    assert "b) Số hóa hồ sơ hộ tịch." in texts


def test_a_landscape_appendix_over_several_pages_loses_no_task(printed: dict) -> None:
    word, pdf = printed["appendix"]
    from_text = extract_file(word.with_suffix(".txt"))
    assert len(from_text.tasks) == TASKS
    for path in (word, pdf):
        plan = extract_file(path)
        assert plan.warnings == []
        assert [(t.code, t.title, t.lead, t.cooperating, t.due.text) for t in plan.tasks] == [
            (t.code, t.title, t.lead, t.cooperating, t.due.text) for t in from_text.tasks
        ]
