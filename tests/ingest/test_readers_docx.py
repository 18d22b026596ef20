import copy
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from tests.ingest.builders import build_docx
from tests.ingest.fixtures import SEED_004
from theodoi.ingest.blocks import Paragraph, Table
from theodoi.ingest.errors import UnreadableInput
from theodoi.ingest.readers import read_file

HEADER = ("TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành")


def plan_with_table(path: Path) -> Path:
    """A small plan: heading, a paragraph, a task table with merged cells, a closing line."""
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị")
    table = document.add_table(rows=5, cols=5)
    table.style = "Table Grid"  # ruled, as appendix tables are
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    # A group row: its title spans the four columns after the number.
    table.cell(1, 0).text = "I"
    table.cell(1, 1).merge(table.cell(1, 4)).text = "Nâng cao nhận thức, đột phá về đổi mới tư duy"
    for row, (number, title) in enumerate(
        [("1", "Phổ biến, quán triệt Nghị quyết"), ("2", "Tuyên truyền trên báo, đài")], start=2
    ):
        table.cell(row, 0).text = number
        table.cell(row, 1).text = title
        table.cell(row, 4).text = "Thường xuyên"
    # The same lead for rows 1 and 2: one cell merged down.
    table.cell(2, 2).merge(table.cell(3, 2)).text = "Sở Thông tin và Truyền thông"
    table.cell(2, 3).text = "Các sở, ban, ngành, địa phương"
    table.cell(3, 3).text = "Báo Ấp Bắc; Đài Phát thanh và Truyền hình tỉnh"
    table.cell(4, 0).text = "3"
    cell = table.cell(4, 1)
    cell.text = "Xây dựng nền tảng số"
    cell.add_paragraph("đo lường mức độ hoàn thành nhiệm vụ")
    document.add_paragraph("Nơi nhận:")
    document.add_paragraph("KT. CHỦ TỊCH")
    document.save(str(path))
    return path


def test_paragraphs_and_tables_come_in_document_order(tmp_path: Path) -> None:
    source = read_file(plan_with_table(tmp_path / "kh.docx"))
    kinds = [type(b).__name__ for b in source.blocks]
    assert kinds == ["Paragraph", "Paragraph", "Table", "Paragraph", "Paragraph"]
    assert source.blocks[0] == Paragraph("KẾ HOẠCH")
    assert source.blocks[-1] == Paragraph("KT. CHỦ TỊCH")
    assert source.name == "kh.docx"


def test_merged_cells_are_repeated_in_every_row_and_column_they_span(tmp_path: Path) -> None:
    table = read_file(plan_with_table(tmp_path / "kh.docx")).blocks[2]
    assert isinstance(table, Table)
    assert table.rows[0] == HEADER
    assert table.rows[1] == ("I", *["Nâng cao nhận thức, đột phá về đổi mới tư duy"] * 4)
    assert table.rows[2][2] == table.rows[3][2] == "Sở Thông tin và Truyền thông"
    assert table.rows[3] == (
        "2",
        "Tuyên truyền trên báo, đài",
        "Sở Thông tin và Truyền thông",
        "Báo Ấp Bắc; Đài Phát thanh và Truyền hình tỉnh",
        "Thường xuyên",
    )


def test_a_cell_of_two_paragraphs_keeps_them_on_two_lines(tmp_path: Path) -> None:
    table = read_file(plan_with_table(tmp_path / "kh.docx")).blocks[2]
    assert isinstance(table, Table)
    assert table.rows[4] == (
        "3",
        "Xây dựng nền tảng số\nđo lường mức độ hoàn thành nhiệm vụ",
        "",
        "",
        "",
    )


def test_a_row_that_starts_late_is_padded_not_shifted(tmp_path: Path) -> None:
    path = plan_with_table(tmp_path / "kh.docx")
    document = docx.Document(str(path))
    tr = document.tables[0].rows[3]._tr
    # Drop the number cell and declare the row to start one grid column late, as Word does.
    tr.remove(tr.tc_lst[0])
    properties = tr.get_or_add_trPr()
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "1")
    properties.insert(0, before)
    document.save(str(path))
    table = read_file(path).blocks[2]
    assert isinstance(table, Table)
    assert table.rows[3][:2] == ("", "Tuyên truyền trên báo, đài")
    assert table.rows[3][4] == "Thường xuyên"


def test_text_inside_content_controls_and_nested_tables_is_read(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Mở đầu")
    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>Số: 66/KH-UBND</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    document.element.body.insert(1, sdt)
    outer = document.add_table(rows=1, cols=2)
    outer.style = "Table Grid"
    outer.cell(0, 0).text = "1"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.style = "Table Grid"
    inner.cell(0, 0).text = "Sở Y tế"
    inner.cell(0, 1).text = "Năm 2025"
    path = tmp_path / "sdt.docx"
    document.save(str(path))
    blocks = read_file(path).blocks
    assert blocks[:2] == [Paragraph("Mở đầu"), Paragraph("Số: 66/KH-UBND")]
    assert isinstance(blocks[2], Table)
    assert blocks[2].rows[0][0] == "1"
    assert blocks[2].rows[0][1].endswith("Sở Y tế Năm 2025")


def test_deleted_revisions_are_not_read_and_line_breaks_split_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("CHỦ TỊCH").add_break()
    paragraph.add_run("Trần Ngọc Căng")
    deleted = parse_xml(
        f"<w:del {nsdecls('w')} w:id='1' w:author='x'><w:r><w:delText>Nguyễn Văn A</w:delText>"
        "</w:r></w:del>"
    )
    paragraph._p.append(deleted)
    path = tmp_path / "ky.docx"
    document.save(str(path))
    assert read_file(path).blocks == [Paragraph("CHỦ TỊCH"), Paragraph("Trần Ngọc Căng")]


def test_a_docx_named_txt_is_still_read_as_word(tmp_path: Path) -> None:
    path = plan_with_table(tmp_path / "kh.docx").rename(tmp_path / "kh.txt")
    assert isinstance(read_file(path).blocks[2], Table)


def test_the_seed_built_as_word_keeps_its_appendix_tables(tmp_path: Path) -> None:
    path = build_docx(SEED_004, tmp_path / "004.docx")
    tables = [b for b in read_file(path).blocks if isinstance(b, Table)]
    assert [t.rows[0][:2] for t in tables] == [("TT", "Chỉ tiêu"), ("TT", "Tên nhiệm vụ")]
    assert tables[1].rows[-1][0] == "67"


def test_a_zip_that_is_not_word_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ghi-chu.txt", "không phải Word")
    with pytest.raises(UnreadableInput, match="tệp nén ZIP, không phải tài liệu Word"):
        read_file(path)


def test_a_spreadsheet_renamed_docx_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnreadableInput, match="bảng tính Excel"):
        read_file(path)


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_a_truncated_docx_is_refused_as_damaged(tmp_path: Path, cut: float) -> None:
    whole = plan_with_table(tmp_path / "kh.docx").read_bytes()
    path = tmp_path / "hong.docx"
    path.write_bytes(whole[: int(len(whole) * cut)])
    with pytest.raises(UnreadableInput, match=r"hong\.docx bị hỏng"):
        read_file(path)


def test_a_docx_with_broken_xml_is_refused_as_damaged(tmp_path: Path) -> None:
    source = plan_with_table(tmp_path / "kh.docx")
    path = tmp_path / "hong.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            new.writestr(copy.copy(item), data)
    with pytest.raises(UnreadableInput, match="bị hỏng"):
        read_file(path)


def test_a_docx_that_unpacks_to_hundreds_of_mb_is_refused_unopened(tmp_path: Path) -> None:
    path = tmp_path / "bom.docx"
    megabyte = bytes(1024 * 1024)
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(201):
            member.write(megabyte)
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(UnreadableInput, match="giải nén ra quá lớn"):
        read_file(path)


def test_a_table_without_lines_is_read_as_the_paragraphs_it_lays_out(tmp_path: Path) -> None:
    """The header block of Nghị định 30/2020 sits in a two-column table with no borders; its
    columns are read one after the other, as in a PDF printed from it."""
    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n-------"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 66/KH-UBND"
    header.cell(1, 1).text = "Quảng Ngãi, ngày 18 tháng 5 năm 2020"
    document.add_paragraph("KẾ HOẠCH")
    ruled = document.add_table(rows=1, cols=2)
    ruled.style = "Table Grid"
    ruled.cell(0, 0).text = "TT"
    ruled.cell(0, 1).text = "Tên nhiệm vụ"
    path = tmp_path / "dau.docx"
    document.save(str(path))
    assert read_file(path).blocks == [
        Paragraph("ỦY BAN NHÂN DÂN"),
        Paragraph("TỈNH QUẢNG NGÃI"),
        Paragraph("-------"),
        Paragraph("Số: 66/KH-UBND"),
        Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        Paragraph("Độc lập - Tự do - Hạnh phúc"),
        Paragraph("Quảng Ngãi, ngày 18 tháng 5 năm 2020"),
        Paragraph("KẾ HOẠCH"),
        Table(rows=(("TT", "Tên nhiệm vụ"),)),
    ]


def test_a_table_with_lines_drawn_on_its_cells_is_a_table(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    for cell, text in zip(table.rows[0].cells, ("TT", "Chỉ tiêu"), strict=True):
        cell.text = text
        cell._tc.get_or_add_tcPr().append(
            parse_xml(f'<w:tcBorders {nsdecls("w")}><w:top w:val="single" w:sz="4"/></w:tcBorders>')
        )
    path = tmp_path / "o.docx"
    document.save(str(path))
    assert read_file(path).blocks == [Table(rows=(("TT", "Chỉ tiêu"),))]
