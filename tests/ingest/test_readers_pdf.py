from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw

from tests.ingest.builders import build_pdf, raw_pdf
from tests.ingest.fixtures import NQ_03, SEED_003, SEED_004, Builder
from tests.ingest.test_readers_docx import plan_with_table
from theodoi.ingest.blocks import Block, Paragraph, Table
from theodoi.ingest.errors import UnreadableInput
from theodoi.ingest.readers import read_file

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdf_004(built: Builder) -> list[Block]:
    return read_file(built(SEED_004, "pdf")).blocks


def paragraphs(blocks: list) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Paragraph)]


def test_the_appendix_tables_are_read_as_tables_with_every_row(pdf_004: list[Block]) -> None:
    indicators, tasks = [b for b in pdf_004 if isinstance(b, Table)]
    assert indicators.rows[0][:4] == ("TT", "Chỉ tiêu", "Đơn vị", "Kết quả")
    assert tasks.rows[0] == (
        "TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"
    )  # fmt: skip
    numbers = [row[0] for row in tasks.rows[1:] if row[0].isdigit()]
    assert numbers == [str(n) for n in range(1, 68)]
    # Rows broken by a page are mended: no row lost its number.
    assert all(row[0] for row in tasks.rows)
    row_1 = tasks.rows[2]
    assert row_1[1].startswith("Phổ biến, quán triệt, nâng cao nhận thức về phát triển")
    assert row_1[1].endswith("viên chức, người lao động và nhân dân")
    assert row_1[4] == "Năm 2025"


def test_text_inside_tables_is_not_repeated_as_paragraphs(pdf_004: list[Block]) -> None:
    texts = paragraphs(pdf_004)
    assert "Cơ quan phối hợp" not in texts
    assert not any(t.startswith("Tỷ lệ dân số trưởng thành có chữ ký số") for t in texts)


def test_wrapped_lines_are_joined_into_the_paragraphs_of_the_text(pdf_004: list[Block]) -> None:
    texts = paragraphs(pdf_004)
    txt = paragraphs(read_file(SEED_004).blocks)
    assert "I. MỤC ĐÍCH, YÊU CẦU" in texts
    item = next(t for t in txt if t.startswith("b) Cụ thể hóa và thực hiện đầy đủ"))
    assert item in texts  # runs over a page break in the PDF
    outside_tables = [t for t in txt if t in texts]
    assert len(outside_tables) >= 0.9 * len(texts)


def test_a_hyphen_at_a_line_break_does_not_gain_a_space(built: Builder) -> None:
    rows = [
        r for b in read_file(built(NQ_03, "pdf")).blocks if isinstance(b, Table) for r in b.rows
    ]
    text = " ".join(" ".join(r) for r in rows)
    assert "57- NQ/TW" not in text
    assert "57-NQ/TW" in text


def image_pdf(path: Path, pages: int = 1) -> Path:
    images = []
    for _ in range(pages):
        image = Image.new("RGB", (1240, 1754), "white")
        ImageDraw.Draw(image).text((100, 100), "KE HOACH so 66/KH-UBND", fill="black")
        images.append(image)
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=150)
    return path


def test_a_scanned_pdf_is_refused_with_the_way_to_enable_ocr(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput) as err:
        read_file(image_pdf(tmp_path / "quet.pdf", pages=2))
    message = str(err.value)
    assert "quet.pdf" in message
    assert "bản quét" in message
    assert "--ocr" in message
    assert "tesseract-ocr-vie" in message


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<", b"%PDF-1.4\n" + b"\x00garbage" * 100],
)
def test_a_damaged_pdf_is_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "hong.pdf"
    path.write_bytes(data)
    with pytest.raises(UnreadableInput, match=r"hong\.pdf"):
        read_file(path)


def test_a_truncated_pdf_is_refused_as_damaged(tmp_path: Path, built: Builder) -> None:
    whole = built(SEED_004, "pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(UnreadableInput, match=r"cut\.pdf là PDF bị hỏng"):
        read_file(path)


def test_a_scanned_page_among_text_pages_is_named_in_a_warning(
    tmp_path: Path, built: Builder
) -> None:
    scan = image_pdf(tmp_path / "anh.pdf")
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(built(SEED_004, "pdf")), [0])
    mixed.import_pages(pdfium.PdfDocument(scan), [0])
    path = tmp_path / "tron.pdf"
    mixed.save(str(path))
    source = read_file(path)
    assert paragraphs(source.blocks)[0] == "KẾ HOẠCH"
    [warning] = source.warnings
    assert warning.startswith("Trang 2 của tron.pdf là ảnh quét, chưa được đọc.")
    assert "--ocr" in warning


def test_a_text_pdf_whose_bullets_give_no_letters_is_read_not_refused_as_scanned(
    tmp_path: Path,
) -> None:
    # Each item opens with a bullet from a symbol font that maps to no letter: pdfminer
    # gives ``(cid:1)`` for it, thirty times on the page.
    items = [
        b"BT /F2 11 Tf 50 %d Td (\\001) Tj ET BT /F1 11 Tf 65 %d Td "
        b"(Nhiem vu %d: so hoa ho so dat dai cua xa) Tj ET" % (800 - 20 * k, 800 - 20 * k, k)
        for k in range(30)
    ]
    path = tmp_path / "gach-dau-dong.pdf"
    path.write_bytes(raw_pdf([b"\n".join(items)]))
    source = read_file(path)
    assert source.warnings == []
    assert paragraphs(source.blocks)[:2] == [
        "- Nhiem vu 0: so hoa ho so dat dai cua xa",
        "- Nhiem vu 1: so hoa ho so dat dai cua xa",
    ]


def test_a_scan_with_a_typed_cover_page_is_refused_as_a_scan(
    tmp_path: Path, built: Builder
) -> None:
    scan = image_pdf(tmp_path / "anh.pdf", pages=3)
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(built(SEED_004, "pdf")), [0])
    mixed.import_pages(pdfium.PdfDocument(scan), [0, 1, 2])
    path = tmp_path / "bia-go-may.pdf"
    mixed.save(str(path))
    with pytest.raises(UnreadableInput, match=r"bản quét: 3/4 trang không có lớp chữ") as err:
        read_file(path)
    assert "--ocr" in str(err.value)


def test_merged_cells_of_a_printed_table_repeat_as_in_word(tmp_path: Path) -> None:
    word = plan_with_table(tmp_path / "gop.docx")
    [from_word] = [b for b in read_file(word).blocks if isinstance(b, Table)]
    [from_pdf] = [b for b in read_file(build_pdf(word, tmp_path)).blocks if isinstance(b, Table)]
    assert from_pdf.rows[1] == ("I", *["Nâng cao nhận thức, đột phá về đổi mới tư duy"] * 4)
    assert from_pdf.rows[3][2] == "Sở Thông tin và Truyền thông"
    # Word keeps a cell's two paragraphs on two lines; a PDF only knows wrapped lines.
    assert from_pdf.rows[:4] == from_word.rows[:4]
    assert from_pdf.rows[4][1] == from_word.rows[4][1].replace("\n", " ")


def test_the_header_and_signature_columns_are_read_one_after_the_other(built: Builder) -> None:
    texts = paragraphs(read_file(built(SEED_003, "pdf")).blocks)
    assert texts[:8] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH QUẢNG NGÃI",
        "-------",
        "Số: 66/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "---------------",
        "Quảng Ngãi, ngày 18 tháng 5 năm 2020",
    ]
    # As the Word file it was printed from reads them: column by column.
    assert texts[:8] == paragraphs(read_file(built(SEED_003, "docx")).blocks)[:8]
    signature = texts.index("Nơi nhận:")
    assert texts[signature + 1] == "- Thường trực Tỉnh ủy (báo cáo);"
    assert texts[signature + 11 : signature + 13] == ["CHỦ TỊCH", "Trần Ngọc Căng"]


def test_the_parts_of_an_official_letters_header_are_paragraphs_as_in_the_word_file(
    built: Builder,
) -> None:
    # The number, the ``V/v`` summary (wrapped in its narrow column) and ``Kính gửi:`` stand
    # close together on the page; they ran into one paragraph and the letter lost its tasks.
    letter = Path(__file__).parent / "cases" / "so-cong-van-de-nghi-tung-don-vi.txt"
    word, pdf = (paragraphs(read_file(built(letter, fmt)).blocks) for fmt in ("docx", "pdf"))
    parts = ["Số: 815/SKHCN-CĐS", "Kính gửi:"]
    summary = "V/v triển khai các nhiệm vụ chuyển đổi số trọng tâm quý II năm 2026"
    assert all(part in pdf and part in word for part in [*parts, summary])
