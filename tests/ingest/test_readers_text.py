import codecs
from pathlib import Path

import pytest

from tests.ingest.fixtures import NQ_03, SEED_003
from theodoi.ingest.blocks import Paragraph, Table
from theodoi.ingest.errors import UnreadableInput
from theodoi.ingest.readers import read_file, read_text

NQ03 = NQ_03


def paragraphs(blocks: list) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Paragraph)]


def tables(blocks: list) -> list[Table]:
    return [b for b in blocks if isinstance(b, Table)]


def test_each_non_empty_line_is_one_paragraph() -> None:
    source = read_text("KẾ HOẠCH\n\n  \nI. MỤC ĐÍCH, YÊU CẦU\r\n1. Mục đích\n", "kh.txt")
    assert paragraphs(source.blocks) == ["KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích"]
    assert source.name == "kh.txt"


def test_lines_are_normalised_to_one_tone_placement_and_plain_spaces() -> None:
    source = read_text("Ủy ban nhân dân và Uỷ ban\u00a0tỉnh – hoá học, luật hoặc thuận")
    assert paragraphs(source.blocks) == [
        "Ủy ban nhân dân và Ủy ban tỉnh - hóa học, luật hoặc thuận"
    ]


def test_pipe_lines_become_one_table_with_rows_of_cells() -> None:
    text = (
        "DANH MỤC CÁC CHỈ TIÊU CỤ THỂ\n"
        "| TT | Chỉ tiêu | Đơn vị | Kết quả |\n"
        "|----|:--------|-------:|---|\n"
        "| 1 | Tỷ lệ dân số trưởng thành có chữ ký số | % | ≥ 80 |\n"
        "\n"
        "| 2 | Quy mô kinh tế số | %GRDP |\n"
        "Ghi chú cuối bảng\n"
    )
    blocks = read_text(text).blocks
    assert paragraphs(blocks) == ["DANH MỤC CÁC CHỈ TIÊU CỤ THỂ", "Ghi chú cuối bảng"]
    [table] = tables(blocks)
    assert table.rows == (
        ("TT", "Chỉ tiêu", "Đơn vị", "Kết quả"),
        ("1", "Tỷ lệ dân số trưởng thành có chữ ký số", "%", "≥ 80"),
        ("2", "Quy mô kinh tế số", "%GRDP", ""),
    )
    assert isinstance(blocks[1], Table)


def test_the_appendix_tables_of_resolution_03_are_read_as_tables() -> None:
    source = read_file(NQ03)
    indicators, tasks = tables(source.blocks)
    assert indicators.rows[0] == (
        "TT",
        "Chỉ tiêu",
        "Đơn vị",
        "Kết quả",
        "Cơ quan chủ trì theo dõi, đánh giá",
    )
    assert indicators.rows[5][3] == "≤ 3 Đông Nam Á; ≤ 50 Thế giới"
    assert tasks.rows[-1][0] == "140."
    assert all(len(row) == len(tasks.rows[0]) for row in tasks.rows)
    # The continuation row of 128 keeps its empty number cell rather than shifting left.
    continuation = [row for row in tasks.rows if row[1].startswith("trưc tuyến")]
    assert [row[0] for row in continuation] == [""]
    assert "Nơi nhận:" in paragraphs(source.blocks)


def test_a_seed_keeps_its_signature_block_and_loses_its_portal_buttons() -> None:
    texts = paragraphs(read_file(SEED_003).blocks)
    assert "Nơi nhận:" in texts
    assert "CHỦ TỊCH" in texts
    assert "Trần Ngọc Căng" in texts
    assert "Tải văn bản" not in texts
    assert "Hệ thống pháp luật" not in texts


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
def test_unicode_text_files_are_read_with_or_without_a_bom(
    tmp_path: Path, encoding: str, bom: bytes
) -> None:
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes(
        bom + "Số: 66/KH-UBND\nQuảng Ngãi, ngày 18 tháng 5 năm 2020\n".encode(encoding)
    )
    assert paragraphs(read_file(path).blocks) == [
        "Số: 66/KH-UBND",
        "Quảng Ngãi, ngày 18 tháng 5 năm 2020",
    ]


@pytest.mark.parametrize(
    "data",
    [
        "Kế hoạch số 66 về chuyển đổi số".encode("cp1258", errors="replace"),  # Windows-1258
        b"K\xd5 ho\xb9ch s\xe8 66",  # TCVN3 (ABC) bytes of "Kế hoạch số 66"
    ],
)
def test_text_in_an_old_encoding_is_refused_with_advice(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "cu.txt"
    path.write_bytes(data)
    with pytest.raises(UnreadableInput, match="UTF-8") as err:
        read_file(path)
    assert "cu.txt" in str(err.value)
    assert "TCVN3" in str(err.value)


def test_utf16_without_bom_is_refused_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "k.txt"
    path.write_bytes("Kế hoạch thực hiện".encode("utf-16-le"))
    with pytest.raises(UnreadableInput, match=r"k\.txt"):
        read_file(path)


def test_a_text_file_named_pdf_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.pdf"
    path.write_text("KẾ HOẠCH\nThực hiện Nghị quyết số 57-NQ/TW\n", encoding="utf-8")
    assert paragraphs(read_file(path).blocks) == ["KẾ HOẠCH", "Thực hiện Nghị quyết số 57-NQ/TW"]


def test_text_after_a_long_run_of_blank_lines_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "trang-dau.txt"
    path.write_text("\n" * 20000 + "KẾ HOẠCH\n", encoding="utf-8")
    assert paragraphs(read_file(path).blocks) == ["KẾ HOẠCH"]


def test_a_table_pasted_with_tabs_between_its_cells_is_a_table() -> None:
    blocks = read_text(
        "PHỤ LỤC\n"
        "TT\tNội dung\tĐơn vị chủ trì\tThời hạn\n"
        "I\tNhóm thể chế\t\t\n"
        "1\tBan hành quy chế dữ liệu\tSở Tư pháp\tQuý II/2026\n"
        "Nơi nhận:\n"
    ).blocks
    [table] = tables(blocks)
    assert table.rows == (
        ("TT", "Nội dung", "Đơn vị chủ trì", "Thời hạn"),
        ("I", "Nhóm thể chế", "", ""),
        ("1", "Ban hành quy chế dữ liệu", "Sở Tư pháp", "Quý II/2026"),
    )
    assert paragraphs(blocks) == ["PHỤ LỤC", "Nơi nhận:"]


def test_rows_with_bars_only_between_their_cells_are_a_table() -> None:
    blocks = read_text(
        "STT | Chỉ tiêu | Đơn vị tính | Mục tiêu\n"
        "--- | --- | --- | ---\n"
        "1 | Tỷ lệ hộ dùng cáp quang | % | 90\n"
        "2 | Số điểm phát wifi công cộng | Điểm | 40\n"
    ).blocks
    [table] = tables(blocks)
    assert [row[1] for row in table.rows] == [
        "Chỉ tiêu",
        "Tỷ lệ hộ dùng cáp quang",
        "Số điểm phát wifi công cộng",
    ]


def test_a_lone_menu_line_and_a_header_split_by_tabs_stay_paragraphs() -> None:
    blocks = read_text(
        "Trang chủ | Tin tức | Văn bản | Liên hệ\n"
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "\tNội dung lùi đầu dòng bằng tab.\n"
    ).blocks
    assert not tables(blocks)
    assert paragraphs(blocks)[-3:] == [
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Nội dung lùi đầu dòng bằng tab.",
    ]
