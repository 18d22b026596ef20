"""What the Word files officials save hold, one feature a test, read as Word shows and prints
them: numbering from numbering.xml (outlines, restarts, legal and literal labels, bullets,
list styles, overrides, levels that do not restart), the header block's table, merged and
nested cells, runs cut inside words, fields, content controls, tracked changes, text boxes,
footnotes, page headers and hidden text."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
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

DATE = 'w:author="Chuyên viên" w:date="2025-03-02T08:00:00Z"'


def _saved(document: docx.document.Document, path: Path) -> Path:
    document.save(str(path))
    return path


def _p(inner: str, props: str = "") -> str:
    return f"<w:p {W} {MC}><w:pPr>{props}</w:pPr>{inner}</w:p>"


def _r(text: str, props: str = "") -> str:
    return f"<w:r><w:rPr>{props}</w:rPr><w:t xml:space='preserve'>{text}</w:t></w:r>"


def _numpr(num_id: int, ilvl: int = 0) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


def _tc(*paragraphs: str, props: str = "") -> str:
    inner = "".join(p if p.startswith("<w:p") else f"<w:p>{_r(p)}</w:p>" for p in paragraphs)
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{inner or '<w:p/>'}</w:tc>"


def _tbl(rows: list[str], *, widths: int, props: str = "") -> str:
    grid = "".join("<w:gridCol w:w='1500'/>" for _ in range(widths))
    borders = "".join(
        f"<w:{side} w:val='single' w:sz='4'/>"
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return (
        f"<w:tbl {W} {MC}><w:tblPr>{props or f'<w:tblBorders>{borders}</w:tblBorders>'}"
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def _tables(path: Path) -> list[Table]:
    return [b for b in read_file(path).blocks if isinstance(b, Table)]


# --- numbering ------------------------------------------------------------------------------


def test_a_six_level_outline_numbers_as_word_shows_it(tmp_path: Path) -> None:
    document = docx.Document()
    define(
        document,
        1,
        level(0, "upperRoman", "%1."),
        level(1, "decimal", "%2."),
        level(2, "decimal", "%2.%3."),
        level(3, "lowerLetter", "%4)"),
        level(4, "bullet", "\uf02d"),
        level(5, "bullet", "+"),
    )
    add_list(document, 1, 1)
    for text, ilvl in [
        ("NHIỆM VỤ, GIẢI PHÁP", 0),
        ("Hoàn thiện thể chế", 1),
        ("Rà soát văn bản", 2),
        ("Văn bản của tỉnh", 3),
        ("Sở Tư pháp chủ trì", 4),
        ("Hoàn thành trong Quý II/2026", 5),
        ("Sửa đổi quy chế", 2),
        ("Phát triển hạ tầng số", 1),
        ("TỔ CHỨC THỰC HIỆN", 0),
        ("Sở Nội vụ", 1),
    ]:
        numbered(document.add_paragraph(text), 1, ilvl)
    assert texts(_saved(document, tmp_path / "dan.docx")) == [
        "I. NHIỆM VỤ, GIẢI PHÁP",
        "1. Hoàn thiện thể chế",
        "1.1. Rà soát văn bản",
        "a) Văn bản của tỉnh",
        "- Sở Tư pháp chủ trì",
        "+ Hoàn thành trong Quý II/2026",
        "1.2. Sửa đổi quy chế",
        "2. Phát triển hạ tầng số",
        "II. TỔ CHỨC THỰC HIỆN",
        "1. Sở Nội vụ",
    ]


def test_a_list_restarts_and_continues_across_a_table(tmp_path: Path) -> None:
    document = docx.Document()
    define(document, 2, level(0, "lowerLetter", "%1)"))
    add_list(document, 2, 2)
    add_list(
        document, 3, 2, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    )
    numbered(document.add_paragraph("Số hóa hồ sơ"), 2)
    numbered(document.add_paragraph("Kết nối dữ liệu"), 2)
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text, table.cell(0, 1).text = "Chỉ tiêu", "Năm 2026"
    numbered(document.add_paragraph("Cấp chứng thư số"), 2)
    numbered(document.add_paragraph("Tuyên truyền"), 3)
    assert texts(_saved(document, tmp_path / "tiep.docx")) == [
        "a) Số hóa hồ sơ",
        "b) Kết nối dữ liệu",
        "c) Cấp chứng thư số",
        "a) Tuyên truyền",
    ]


def test_articles_literal_labels_and_bullets_come_from_the_level_text(tmp_path: Path) -> None:
    document = docx.Document()
    define(document, 4, level(0, "decimal", "Điều %1."))
    define(document, 5, level(0, "decimal", "Nhiệm vụ %1:"))
    define(document, 6, level(0, "bullet", "\uf0b7"))
    for num_id in (4, 5, 6):
        add_list(document, num_id, num_id)
    for text, num_id in [
        ("Ban hành kèm theo Quyết định này Kế hoạch thực hiện.", 4),
        ("Quyết định có hiệu lực từ ngày ký.", 4),
        ("Hoàn thiện thể chế", 5),
        ("Sở Tư pháp chủ trì", 6),
        ("Phát triển hạ tầng", 5),
    ]:
        numbered(document.add_paragraph(text), num_id)
    assert texts(_saved(document, tmp_path / "dieu.docx")) == [
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện.",
        "Điều 2. Quyết định có hiệu lực từ ngày ký.",
        "Nhiệm vụ 1: Hoàn thiện thể chế",
        "- Sở Tư pháp chủ trì",
        "Nhiệm vụ 2: Phát triển hạ tầng",
    ]


def test_a_paragraph_style_numbers_through_the_style_it_is_based_on(tmp_path: Path) -> None:
    document = docx.Document()
    define(document, 7, level(0, "decimal", "%1."), level(1, "lowerLetter", "%2)"))
    add_list(document, 7, 7)
    style_numbered(document, "ListParagraph", '<w:ilvl w:val="1"/><w:numId w:val="7"/>')
    document.styles.element.append(
        parse_xml(
            f'<w:style {W} w:type="paragraph" w:styleId="NhiemVu"><w:name w:val="Nhiem vu"/>'
            '<w:basedOn w:val="ListParagraph"/></w:style>'
        )
    )
    numbered(document.add_paragraph("Nâng cao nhận thức"), 7)
    for text in ("Tuyên truyền", "Tập huấn"):
        add_body(document, _p(_r(text), '<w:pStyle w:val="NhiemVu"/>'))
    assert texts(_saved(document, tmp_path / "kieu.docx")) == [
        "1. Nâng cao nhận thức",
        "a) Tuyên truyền",
        "b) Tập huấn",
    ]


def test_a_start_override_and_a_level_override_are_shown(tmp_path: Path) -> None:
    document = docx.Document()
    define(document, 8, level(0, "upperRoman", "%1."))
    add_list(
        document, 8, 8, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride>'
    )
    add_list(
        document,
        9,
        8,
        f'<w:lvlOverride w:ilvl="0">{level(0, "decimal", "Phần %1.")}</w:lvlOverride>',
    )
    numbered(document.add_paragraph("NHIỆM VỤ"), 8)
    numbered(document.add_paragraph("TỔ CHỨC THỰC HIỆN"), 8)
    numbered(document.add_paragraph("PHỤ LỤC"), 9)
    assert texts(_saved(document, tmp_path / "de.docx")) == [
        "III. NHIỆM VỤ",
        "IV. TỔ CHỨC THỰC HIỆN",
        "Phần 1. PHỤ LỤC",
    ]


def test_a_level_that_does_not_restart_counts_on_under_the_next_group(tmp_path: Path) -> None:
    # A task table's TT column: groups I, II at level 0, tasks numbered 1, 2, 3 through the
    # whole table (w:lvlRestart 0: the level never restarts).
    document = docx.Document()
    define(
        document,
        10,
        level(0, "upperRoman", "%1"),
        level(1, "decimal", "%2", '<w:lvlRestart w:val="0"/>'),
        level(2, "lowerLetter", "%3)"),
    )
    add_list(document, 10, 10)
    for text, ilvl in [
        ("THỂ CHẾ", 0),
        ("Rà soát", 1),
        ("Sửa đổi", 1),
        ("văn bản của tỉnh", 2),
        ("HẠ TẦNG", 0),
        ("Trung tâm dữ liệu", 1),
        ("mạng chuyên dùng", 2),
    ]:
        numbered(document.add_paragraph(text), 10, ilvl)
    assert texts(_saved(document, tmp_path / "lien.docx")) == [
        "I THỂ CHẾ",
        "1 Rà soát",
        "2 Sửa đổi",
        "a) văn bản của tỉnh",
        "II HẠ TẦNG",
        "3 Trung tâm dữ liệu",
        "a) mạng chuyên dùng",
    ]


def test_a_numbered_paragraph_deleted_or_hidden_is_not_counted(tmp_path: Path) -> None:
    # Tracked changes not yet accepted: item 2 deleted with its paragraph mark; item 3's text
    # and mark hidden. Word, showing the final text, numbers on: a), b).
    document = docx.Document()
    define(document, 11, level(0, "lowerLetter", "%1)"))
    add_list(document, 11, 11)
    deleted = f"<w:del {W} w:id='1' {DATE}><w:r><w:delText>Bỏ nhiệm vụ</w:delText></w:r></w:del>"
    add_body(document, _p(_r("Số hóa hồ sơ"), _numpr(11)))
    add_body(document, _p(deleted, f"{_numpr(11)}<w:rPr><w:del w:id='2' {DATE}/></w:rPr>"))
    add_body(document, _p(_r("Ghi chú", "<w:vanish/>"), f"{_numpr(11)}<w:rPr><w:vanish/></w:rPr>"))
    add_body(document, _p(_r("Kết nối dữ liệu"), _numpr(11)))
    assert texts(_saved(document, tmp_path / "xoa.docx")) == [
        "a) Số hóa hồ sơ",
        "b) Kết nối dữ liệu",
    ]


# --- the header block -----------------------------------------------------------------------

HEADER_CELLS = (
    ("ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH", "Số: 12/KH-UBND"),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
     "Bắc Ninh, ngày 5 tháng 3 năm 2025"),
)  # fmt: skip


def _header(props: str, cell_props: str) -> str:
    row = "".join(_tc(*cell, props=cell_props) for cell in HEADER_CELLS)
    return _tbl([f"<w:tr>{row}</w:tr>"], widths=2, props=props)


def test_a_header_table_without_borders_is_read_column_by_column(tmp_path: Path) -> None:
    nil = "".join(f"<w:{s} w:val='nil'/>" for s in ("top", "left", "bottom", "right"))
    for k, (props, cell_props) in enumerate(
        [
            # Borders taken off the whole table (Word's "No Border") ...
            (
                '<w:tblStyle w:val="TableGrid"/><w:tblBorders>'
                + nil.replace("nil", "none")
                + "<w:insideH w:val='none'/><w:insideV w:val='none'/></w:tblBorders>",
                "",
            ),
            # ... or cell by cell, the table keeping its grid style.
            ('<w:tblStyle w:val="TableGrid"/>', f"<w:tcBorders>{nil}</w:tcBorders>"),
        ]
    ):
        document = docx.Document()
        add_body(document, _header(props, cell_props))
        document.add_paragraph("KẾ HOẠCH")
        assert read_file(_saved(document, tmp_path / f"dau-{k}.docx")).blocks == [
            Paragraph(text) for cell in HEADER_CELLS for text in cell
        ] + [Paragraph("KẾ HOẠCH")], k


def test_a_table_whose_cells_keep_some_lines_is_still_a_table(tmp_path: Path) -> None:
    nil = "".join(f"<w:{s} w:val='nil'/>" for s in ("top", "left", "bottom"))
    document = docx.Document()
    add_body(
        document, _header('<w:tblStyle w:val="TableGrid"/>', f"<w:tcBorders>{nil}</w:tcBorders>")
    )
    assert len(_tables(_saved(document, tmp_path / "mot-net.docx"))) == 1


# --- body tables ----------------------------------------------------------------------------


def test_merges_down_and_across_nested_tables_and_repeated_headers(tmp_path: Path) -> None:
    header = "<w:trPr><w:tblHeader/></w:trPr>"
    restart, cont = "<w:vMerge w:val='restart'/>", "<w:vMerge/>"
    group = _tc("HẠ TẦNG SỐ", props="<w:gridSpan w:val='3'/>")
    nested = _tbl([f"<w:tr>{_tc('Điện toán')}{_tc('đám mây')}</w:tr>"], widths=2)
    rows = [
        f"<w:tr>{header}{_tc('TT')}{_tc('Nhiệm vụ')}{_tc('Chủ trì')}{_tc('Thời gian')}</w:tr>",
        f"<w:tr>{_tc('I')}{group}</w:tr>",
        f"<w:tr>{_tc('1')}{_tc('Trung tâm dữ liệu')}{_tc('Sở KH&amp;CN', props=restart)}"
        f"{_tc('2026')}</w:tr>",
        f"<w:tr>{_tc('2')}{_tc('Mạng chuyên dùng', 'gồm cấp xã')}{_tc(props=cont)}"
        f"{_tc('2027')}</w:tr>",
        f"<w:tr>{_tc('3')}<w:tc>{nested}<w:p/></w:tc>{_tc('Sở Nội vụ')}{_tc('Quý I/2026')}</w:tr>",
    ]
    document = docx.Document()
    add_body(document, _tbl(rows, widths=4))
    [table] = _tables(_saved(document, tmp_path / "gop.docx"))
    assert table.rows == (
        ("TT", "Nhiệm vụ", "Chủ trì", "Thời gian"),
        ("I", "HẠ TẦNG SỐ", "HẠ TẦNG SỐ", "HẠ TẦNG SỐ"),
        ("1", "Trung tâm dữ liệu", "Sở KH&CN", "2026"),
        ("2", "Mạng chuyên dùng\ngồm cấp xã", "Sở KH&CN", "2027"),
        ("3", "Điện toán đám mây", "Sở Nội vụ", "Quý I/2026"),
    )
    assert table.origin(3, 2) == (2, 2)


def test_a_cell_of_line_breaks_and_paragraphs_keeps_its_lines(tmp_path: Path) -> None:
    broken = "<w:p><w:r><w:t>Sở Y tế;</w:t><w:br/><w:t>Sở Tài chính;</w:t></w:r></w:p>"
    lines = broken + _p(_r("UBND cấp xã"))
    document = docx.Document()
    add_body(
        document, _tbl([f"<w:tr>{_tc('Phối hợp')}</w:tr>", f"<w:tr>{_tc(lines)}</w:tr>"], widths=1)
    )
    [table] = _tables(_saved(document, tmp_path / "dong.docx"))
    assert table.rows[1] == ("Sở Y tế;\nSở Tài chính;\nUBND cấp xã",)


def test_an_empty_tt_column_numbered_by_word_holds_the_numbers_it_shows(tmp_path: Path) -> None:
    document = docx.Document()
    define(document, 12, level(0, "decimal", "%1."))
    add_list(document, 12, 12)
    cell = _tc(_p("", _numpr(12)))
    rows = [f"<w:tr>{_tc('STT')}{_tc('Nhiệm vụ')}</w:tr>"] + [
        f"<w:tr>{cell}{_tc(task)}</w:tr>" for task in ("Số hóa", "Kết nối")
    ]
    add_body(document, _tbl(rows, widths=2))
    [table] = _tables(_saved(document, tmp_path / "stt.docx"))
    assert table.rows[1:] == (("1.", "Số hóa"), ("2.", "Kết nối"))


def test_a_table_row_deleted_with_changes_tracked_is_not_read(tmp_path: Path) -> None:
    deleted = f"<w:trPr><w:del w:id='3' {DATE}/></w:trPr>"
    gone = f"<w:p><w:del w:id='4' {DATE}><w:r><w:delText>x</w:delText></w:r></w:del></w:p>"
    rows = [
        f"<w:tr>{_tc('TT')}{_tc('Nhiệm vụ')}</w:tr>",
        f"<w:tr>{deleted}{_tc(gone)}{_tc(gone)}</w:tr>",
        f"<w:tr>{_tc('1')}{_tc('Kết nối')}</w:tr>",
    ]
    document = docx.Document()
    add_body(document, _tbl(rows, widths=2))
    [table] = _tables(_saved(document, tmp_path / "xoa-dong.docx"))
    assert table.rows == (("TT", "Nhiệm vụ"), ("1", "Kết nối"))


# --- runs and what wraps them ---------------------------------------------------------------


def test_runs_cut_inside_words_and_wrapped_text_read_as_one_line(tmp_path: Path) -> None:
    rels = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    inner = (
        "<w:bookmarkStart w:id='0' w:name='_GoBack'/><w:proofErr w:type='spellStart'/>"
        f"<w:r w:rsidR='00A1'><w:t>Thườn</w:t></w:r><w:r w:rsidR='00B2'><w:t>g</w:t></w:r>"
        "<w:proofErr w:type='spellEnd'/><w:bookmarkEnd w:id='0'/>"
        f"{_r(' xuyên, theo ')}<w:hyperlink {rels} r:id='rId99'>{_r('Cổng thông tin')}"
        f"</w:hyperlink>{_r(' của ')}<w:smartTag w:uri='urn:vn' w:element='place'>"
        f"{_r('tỉnh')}</w:smartTag>{_r(' và ')}<w:sdt><w:sdtPr><w:alias w:val='Cơ quan'/>"
        f"</w:sdtPr><w:sdtContent>{_r('Sở Nội vụ')}</w:sdtContent></w:sdt>"
        f"{_r(' (mẫu ')}<w:fldSimple w:instr=' MERGEFIELD MaSo '>{_r('«MaSo»')}</w:fldSimple>"
        f"{_r(', trang ')}<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
        "<w:r><w:instrText xml:space='preserve'> PAGE \\* MERGEFORMAT </w:instrText></w:r>"
        f"<w:r><w:fldChar w:fldCharType='separate'/></w:r>{_r('2')}"
        f"<w:r><w:fldChar w:fldCharType='end'/></w:r>{_r(')')}"
    )
    document = docx.Document()
    add_body(document, _p(inner))
    assert texts(_saved(document, tmp_path / "doan.docx")) == [
        'Thường xuyên, theo Cổng thông tin của tỉnh và Sở Nội vụ (mẫu "MaSo", trang 2)'
    ]


def test_tracked_changes_are_read_as_accepted(tmp_path: Path) -> None:
    inner = (
        f"{_r('Sở Tài chính ')}<w:ins w:id='5' {DATE}>{_r('chủ trì, ')}</w:ins>"
        f"<w:del w:id='6' {DATE}><w:r><w:delText>phối hợp </w:delText></w:r></w:del>"
        f"<w:moveFrom w:id='7' {DATE}>{_r('trong năm 2025 ')}</w:moveFrom>{_r('bố trí kinh phí')}"
        f"<w:moveTo w:id='8' {DATE}>{_r(' trong năm 2026')}</w:moveTo>"
    )
    document = docx.Document()
    add_body(document, _p(inner))
    assert texts(_saved(document, tmp_path / "sua.docx")) == [
        "Sở Tài chính chủ trì, bố trí kinh phí trong năm 2026"
    ]


def test_a_paragraph_whose_mark_is_deleted_runs_on_into_the_next(tmp_path: Path) -> None:
    # Two paragraphs joined with changes tracked: the first one's mark is deleted.
    document = docx.Document()
    add_body(document, _p(_r("Sở Y tế chủ trì,"), f"<w:rPr><w:del w:id='9' {DATE}/></w:rPr>"))
    add_body(document, _p(_r(" hoàn thành năm 2026.")))
    document.add_paragraph("Sở Nội vụ phối hợp.")
    assert texts(_saved(document, tmp_path / "noi.docx")) == [
        "Sở Y tế chủ trì, hoàn thành năm 2026.",
        "Sở Nội vụ phối hợp.",
    ]


def test_tabs_and_non_breaking_spaces_are_spaces(tmp_path: Path) -> None:
    document = docx.Document()
    add_body(
        document,
        _p(_r("a)") + "<w:r><w:tab/></w:r>" + _r("Số:\u00a012/KH-UBND,\u00a0năm\u202f2025")),
    )
    assert texts(_saved(document, tmp_path / "cach.docx")) == ["a) Số: 12/KH-UBND, năm 2025"]


def test_text_hidden_by_its_character_style_is_not_read(tmp_path: Path) -> None:
    document = docx.Document()
    document.styles.element.append(
        parse_xml(
            f'<w:style {W} w:type="character" w:styleId="GhiChuAn"><w:name w:val="An"/>'
            "<w:rPr><w:vanish/></w:rPr></w:style>"
        )
    )
    add_body(
        document,
        _p(
            _r("Sở Y tế chủ trì")
            + _r(" (ghi chú nội bộ)", '<w:rStyle w:val="GhiChuAn"/>')
            + _r(".")
        ),
    )
    assert texts(_saved(document, tmp_path / "an-kieu.docx")) == ["Sở Y tế chủ trì."]


def test_footnotes_page_headers_and_sections_stay_out_of_the_body(tmp_path: Path) -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "DỰ THẢO - Trang 1"
    document.sections[0].footer.paragraphs[0].text = "Tệp: ke-hoach.docx"
    add_body(
        document,
        _p(
            _r("Thực hiện Nghị quyết số 57-NQ/TW")
            + "<w:r><w:rPr><w:rStyle w:val='FootnoteReference'/></w:rPr>"
            + "<w:footnoteReference w:id='1'/></w:r>"
            + _r(" của Bộ Chính trị.")
        ),
    )
    appendix = document.add_section(WD_SECTION.NEW_PAGE)
    appendix.orientation = WD_ORIENT.LANDSCAPE
    appendix.page_width, appendix.page_height = appendix.page_height, appendix.page_width
    document.add_paragraph("PHỤ LỤC")
    path = _saved(document, tmp_path / "chu-thich.docx")
    assert texts(path) == ["Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị.", "PHỤ LỤC"]


def test_a_text_box_of_paragraphs_is_read_once_in_its_place(tmp_path: Path) -> None:
    box = f"<w:txbxContent>{_p(_r('DỰ THẢO'))}{_p(_r('lần 2'))}</w:txbxContent>"
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    add_body(
        document,
        _p(
            "<w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><wp:anchor><a:graphic>"
            f"<a:graphicData><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData>"
            "</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape>"
            f"<v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>"
            f"</w:r>{_r('Chuyển đổi số năm 2026')}"
        ),
    )
    assert texts(_saved(document, tmp_path / "hop.docx")) == [
        "KẾ HOẠCH",
        "DỰ THẢO",
        "lần 2",
        "Chuyển đổi số năm 2026",
    ]


# --- columns typed with tabs ----------------------------------------------------------------

TAB = "<w:r><w:tab/></w:r>"


def test_a_header_typed_in_two_columns_with_tabs_is_read_column_by_column(
    tmp_path: Path,
) -> None:
    document = docx.Document()
    (issuer, province, number), (motto, slogan, date) = HEADER_CELLS
    add_body(document, _p(_r("UBND") + TAB * 2 + _r(motto)))
    add_body(document, _p(_r(issuer)))  # the left column's alone
    add_body(document, _p(_r(province) + TAB * 3 + _r(slogan)))
    # A tab to a stop past the middle of the line, the two last lines broken in one paragraph.
    far = "<w:tabs><w:tab w:val='center' w:pos='6800'/></w:tabs>"
    add_body(document, _p(_r(number) + TAB + _r(date), far))
    add_body(document, _p(_r("KẾ HOẠCH"), "<w:jc w:val='center'/>"))  # the whole line's
    add_body(
        document,
        _p(_r("Nơi nhận:") + TAB * 2 + _r("TM. ỦY BAN NHÂN DÂN") + "<w:r><w:br/></w:r>"
           + _r("- Như trên;") + TAB * 2 + _r("CHỦ TỊCH")),
    )  # fmt: skip
    assert texts(_saved(document, tmp_path / "tab.docx")) == [
        "UBND",
        *HEADER_CELLS[0],
        *HEADER_CELLS[1],
        "KẾ HOẠCH",
        "Nơi nhận:",
        "- Như trên;",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    ]


def test_a_label_and_its_text_or_one_narrow_tab_stay_one_line(tmp_path: Path) -> None:
    document = docx.Document()
    add_body(document, _p(_r("a)") + TAB * 2 + _r("Rà soát thủ tục hành chính")))
    add_body(document, _p(_r("Thời gian:") + TAB + _r("Quý II/2026")))
    add_body(document, _p(TAB + _r("Căn cứ Nghị quyết số 57-NQ/TW")))
    assert texts(_saved(document, tmp_path / "nhan.docx")) == [
        "a) Rà soát thủ tục hành chính",
        "Thời gian: Quý II/2026",
        "Căn cứ Nghị quyết số 57-NQ/TW",
    ]
