"""What Word files typed in offices hold that a tidy file built with python-docx does not, read
as Word shows it: numbering that comes from heading styles and list styles, lists that count
on from each other, non-breaking hyphens, hidden text, text boxes saved twice, content wrapped
in custom XML, and a table split in two at a page break. Each document is written as Word
writes it, in raw OOXML where python-docx has no call for it."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml

from tests.ingest.wordxml import (
    MC,
    W,
    add_body,
    add_list,
    define,
    level,
    numbered,
    style_numbered,
    texts,
)
from theodoi.ingest.blocks import Paragraph, Table
from theodoi.ingest.readers import read_file


def test_headings_numbered_by_their_styles_count_as_word_shows_them(tmp_path: Path) -> None:
    # As Word saves a multilevel list linked to its heading styles: Heading 1 names the list
    # only (level 0 is left out), Heading 2 names its level; a style of the office's own,
    # based on Heading 2, is numbered as Heading 2 is.
    document = docx.Document()
    define(
        document,
        10,
        level(0, "upperRoman", "%1.", '<w:pStyle w:val="Heading1"/>'),
        level(1, "decimal", "%2.", '<w:pStyle w:val="Heading2"/>'),
        level(2, "decimal", "%2.%3.", '<w:pStyle w:val="Heading3"/>'),
    )
    add_list(document, 10, 10)
    style_numbered(document, "Heading1", '<w:numId w:val="10"/>')
    style_numbered(document, "Heading2", '<w:ilvl w:val="1"/><w:numId w:val="10"/>')
    style_numbered(document, "Heading3", '<w:numId w:val="10"/>')  # its level: lvl's pStyle
    document.styles.element.append(
        parse_xml(
            f'<w:style {W} w:type="paragraph" w:styleId="MucNhiemVu"><w:name w:val="Muc NV"/>'
            '<w:basedOn w:val="Heading2"/></w:style>'
        )
    )
    document.add_paragraph("MỤC TIÊU", style="Heading 1")
    document.add_paragraph("Mục tiêu chung", style="Heading 2")
    document.add_paragraph("Đến năm 2030, tỉnh thuộc nhóm dẫn đầu", style="Heading 3")
    document.add_paragraph("NHIỆM VỤ, GIẢI PHÁP", style="Heading 1")
    document.add_paragraph("Hoàn thiện thể chế", style="Heading 2")
    own = document.add_paragraph("Phát triển hạ tầng số")
    own._p.get_or_add_pPr().insert(0, parse_xml(f'<w:pStyle {W} w:val="MucNhiemVu"/>'))
    path = tmp_path / "muc-theo-kieu.docx"
    document.save(str(path))
    assert texts(path) == [
        "I. MỤC TIÊU",
        "1. Mục tiêu chung",
        "1.1. Đến năm 2030, tỉnh thuộc nhóm dẫn đầu",
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "1. Hoàn thiện thể chế",
        "2. Phát triển hạ tầng số",
    ]


def test_lists_count_as_word_counts_them(tmp_path: Path) -> None:
    # Two lists of one definition count on (c) after b)); a restart begins again at a); a
    # level of the list's own shows its own format; "+" bullets under "-" stay "+"; a legal
    # level shows "1.1." under "I.".
    document = docx.Document()
    define(document, 20, level(0, "lowerLetter", "%1)"))
    define(document, 21, level(0, "bullet", "-"), level(1, "bullet", "+"))
    define(document, 22, level(0, "upperRoman", "%1."), level(1, "decimal", "%1.%2.", "<w:isLgl/>"))
    add_list(document, 20, 20)
    add_list(document, 21, 20)
    add_list(
        document,
        22,
        20,
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>',
    )
    add_list(
        document,
        23,
        20,
        f'<w:lvlOverride w:ilvl="0">{level(0, "decimal", "%1)")}</w:lvlOverride>',
    )
    add_list(document, 24, 21)
    add_list(document, 25, 22)
    for text, num_id, ilvl in [
        ("Sở Nội vụ", 20, 0),
        ("Sở Tài chính", 20, 0),
        ("Sở Y tế", 21, 0),
        ("Công an tỉnh", 22, 0),
        ("Rà soát thủ tục", 23, 0),
        ("Số hóa hồ sơ", 24, 0),
        ("Hồ sơ đất đai", 24, 1),
        ("KINH PHÍ", 25, 0),
        ("Ngân sách tỉnh", 25, 1),
    ]:
        numbered(document.add_paragraph(text), num_id, ilvl)
    path = tmp_path / "danh-sach.docx"
    document.save(str(path))
    assert texts(path) == [
        "a) Sở Nội vụ",
        "b) Sở Tài chính",
        "c) Sở Y tế",
        "a) Công an tỉnh",
        "1) Rà soát thủ tục",
        "- Số hóa hồ sơ",
        "+ Hồ sơ đất đai",
        "I. KINH PHÍ",
        "1.1. Ngân sách tỉnh",
    ]


def test_a_non_breaking_hyphen_stays_in_the_resolutions_number(tmp_path: Path) -> None:
    document = docx.Document()
    add_body(
        document,
        f"<w:p {W}><w:r><w:t>Thực hiện Nghị quyết số 57</w:t></w:r><w:r><w:noBreakHyphen/>"
        "<w:t>NQ/TW của Bộ Chính trị</w:t></w:r></w:p>",
    )
    path = tmp_path / "gach-noi.docx"
    document.save(str(path))
    assert texts(path) == ["Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị"]


def test_hidden_text_is_not_read(tmp_path: Path) -> None:
    document = docx.Document()
    add_body(
        document,
        f"<w:p {W}><w:r><w:t xml:space='preserve'>Sở Tài chính chủ trì</w:t></w:r>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space='preserve'> (bản nháp: Sở Nội vụ)</w:t>"
        "</w:r><w:r><w:t>.</w:t></w:r></w:p>",
    )
    path = tmp_path / "an.docx"
    document.save(str(path))
    assert texts(path) == ["Sở Tài chính chủ trì."]


def test_a_text_box_is_read_once_not_again_from_its_fallback(tmp_path: Path) -> None:
    # Word saves a text box as a drawing and again as a VML picture for older programs.
    box = "<w:txbxContent><w:p><w:r><w:t>ĐẢNG CỘNG SẢN VIỆT NAM</w:t></w:r></w:p></w:txbxContent>"
    document = docx.Document()
    add_body(
        document,
        f"<w:p {W} {MC}><w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing>"
        f"<wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        f"<v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>",
    )
    path = tmp_path / "hop-chu.docx"
    document.save(str(path))
    assert texts(path) == ["ĐẢNG CỘNG SẢN VIỆT NAM"]


def _cell(text: str) -> str:
    return f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_content_wrapped_in_custom_xml_and_controls_is_read(tmp_path: Path) -> None:
    # A form's paragraph in custom XML; a table row, and a cell, in content controls.
    document = docx.Document()
    add_body(
        document,
        f"<w:customXml {W} w:element='noiDung'><w:p><w:r><w:t>II. NHIỆM VỤ</w:t></w:r></w:p>"
        "</w:customXml>",
    )
    grid = "<w:tblGrid><w:gridCol w:w='800'/><w:gridCol w:w='6000'/></w:tblGrid>"
    borders = "<w:tblBorders><w:top w:val='single'/><w:insideV w:val='single'/></w:tblBorders>"
    add_body(
        document,
        f"<w:tbl {W}><w:tblPr>{borders}</w:tblPr>{grid}"
        f"<w:tr>{_cell('TT')}{_cell('Tên nhiệm vụ')}</w:tr>"
        f"<w:sdt><w:sdtContent><w:tr>{_cell('1')}{_cell('Số hóa hồ sơ')}</w:tr></w:sdtContent>"
        f"</w:sdt><w:tr>{_cell('2')}<w:sdt><w:sdtContent>{_cell('Cấp chứng thư số')}"
        "</w:sdtContent></w:sdt></w:tr></w:tbl>",
    )
    path = tmp_path / "bieu-mau.docx"
    document.save(str(path))
    heading, table = read_file(path).blocks
    assert heading == Paragraph("II. NHIỆM VỤ")
    assert isinstance(table, Table)
    assert table.rows == (("TT", "Tên nhiệm vụ"), ("1", "Số hóa hồ sơ"), ("2", "Cấp chứng thư số"))


def _split_table(path: Path, *, repeat_header: bool) -> Path:
    """A task table typed in two parts with a page break between, the header row typed again
    on the second part or not, the lead merged down over the last rows of each part."""
    document = docx.Document()
    document.add_paragraph("DANH MỤC NHIỆM VỤ")
    header = ("TT", "Tên nhiệm vụ", "Cơ quan chủ trì")
    parts = [[("1", "Số hóa hồ sơ"), ("2", "Cấp chứng thư số")], [("3", "Kết nối dữ liệu")]]
    for k, rows in enumerate(parts):
        typed = [header] * (k == 0 or repeat_header) + [(*row, "Sở Nội vụ") for row in rows]
        table = document.add_table(rows=len(typed), cols=3)
        table.style = "Table Grid"
        for r, cells in enumerate(typed):
            for c, text in enumerate(cells):
                table.cell(r, c).text = text if not (c == 2 and r > 1) else ""
        if len(typed) > 2:
            table.cell(1, 2).merge(table.cell(len(typed) - 1, 2))
        if k == 0:
            document.add_paragraph().add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
            document.add_paragraph()
    document.save(str(path))
    return path


def test_a_table_split_at_a_page_break_is_one_table_again(tmp_path: Path) -> None:
    for repeat_header in (False, True):
        path = _split_table(
            tmp_path / f"hai-phan-{repeat_header}.docx", repeat_header=repeat_header
        )
        title, table = read_file(path).blocks
        assert title == Paragraph("DANH MỤC NHIỆM VỤ")
        assert isinstance(table, Table)
        assert table.rows == (
            ("TT", "Tên nhiệm vụ", "Cơ quan chủ trì"),
            ("1", "Số hóa hồ sơ", "Sở Nội vụ"),
            ("2", "Cấp chứng thư số", "Sở Nội vụ"),
            ("3", "Kết nối dữ liệu", "Sở Nội vụ"),
        )
        # The merge of the first part stays a merge; the row of the second part is its own.
        assert table.continues_down(2, 2)
        assert not table.continues_down(3, 2)


def test_a_bullet_typed_from_a_symbol_font_reads_as_a_bullet(tmp_path: Path) -> None:
    document = docx.Document()
    for char in ("F0B7", "F0A7"):  # Symbol's round bullet, Wingdings' square one
        add_body(
            document,
            f"<w:p {W}><w:r><w:sym w:font='Symbol' w:char='{char}'/><w:tab/>"
            "<w:t>Sở Y tế chủ trì xây dựng đề án</w:t></w:r></w:p>",
        )
    path = tmp_path / "ky-hieu.docx"
    document.save(str(path))
    assert texts(path) == ["- Sở Y tế chủ trì xây dựng đề án"] * 2
