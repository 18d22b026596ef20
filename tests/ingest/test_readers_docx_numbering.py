"""Word's automatic numbering: the labels Word shows (``I.``, ``1.``, ``a)``, ``-``) are read
back in front of the items, so that a plan typed with list numbering keeps its structure."""

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from theodoi.ingest.blocks import Paragraph, Table
from theodoi.ingest.readers import read_file

# A plan's outline as Word numbers it: I., 1., a); and a bullet drawn from the Symbol font.
OUTLINE = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
</w:abstractNum>
"""  # noqa: E501
TT_COLUMN = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="91">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>
</w:abstractNum>
"""


def numbered(paragraph: object, num_id: int, level: int) -> None:
    properties = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    properties.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
            "</w:numPr>"
        )
    )


def add_lists(document: docx.document.Document) -> None:
    root = document.part.numbering_part.element
    first_num = root.find(f"{{{root.nsmap['w']}}}num")
    for xml in (OUTLINE, TT_COLUMN):
        element = parse_xml(xml)
        # abstractNum definitions must come before the num instances.
        if first_num is not None:
            first_num.addprevious(element)
        else:
            root.append(element)
    for num_id, abstract_id in ((90, 90), (91, 91)):
        root.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
            )
        )


def test_outline_numbering_is_read_back_as_the_labels_word_shows(tmp_path: Path) -> None:
    document = docx.Document()
    add_lists(document)
    document.add_paragraph("KẾ HOẠCH")
    for text, level in [
        ("NHIỆM VỤ, GIẢI PHÁP", 0),
        ("Nâng cao nhận thức", 1),
        ("Tuyên truyền Nghị quyết 57-NQ/TW", 2),
        ("Sở Thông tin và Truyền thông chủ trì", 3),
        ("Xây dựng chuyên mục trên báo, đài", 2),
        ("Hoàn thiện thể chế", 1),
        ("Rà soát văn bản quy phạm pháp luật", 2),
        ("TỔ CHỨC THỰC HIỆN", 0),
    ]:
        numbered(document.add_paragraph(text), 90, level)
    path = tmp_path / "dan-so.docx"
    document.save(str(path))
    assert [b.text for b in read_file(path).blocks if isinstance(b, Paragraph)] == [
        "KẾ HOẠCH",
        "I. NHIỆM VỤ, GIẢI PHÁP",
        "1. Nâng cao nhận thức",
        "a) Tuyên truyền Nghị quyết 57-NQ/TW",
        "- Sở Thông tin và Truyền thông chủ trì",
        "b) Xây dựng chuyên mục trên báo, đài",
        "2. Hoàn thiện thể chế",
        "a) Rà soát văn bản quy phạm pháp luật",
        "II. TỔ CHỨC THỰC HIỆN",
    ]


def test_a_tt_column_numbered_by_word_gets_its_row_numbers(tmp_path: Path) -> None:
    document = docx.Document()
    add_lists(document)
    table = document.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "TT"
    table.cell(0, 1).text = "Tên nhiệm vụ"
    for row, title in ((1, "Phổ biến Nghị quyết"), (2, "Xây dựng chuyên mục")):
        numbered(table.cell(row, 0).paragraphs[0], 91, 0)
        table.cell(row, 1).text = title
    path = tmp_path / "bang.docx"
    document.save(str(path))
    [block] = read_file(path).blocks
    assert isinstance(block, Table)
    assert block.rows == (
        ("TT", "Tên nhiệm vụ"),
        ("1", "Phổ biến Nghị quyết"),
        ("2", "Xây dựng chuyên mục"),
    )


def test_a_list_style_numbers_its_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Căn cứ Luật Tổ chức Chính phủ", style="List Number")
    document.add_paragraph("Căn cứ Nghị quyết số 57-NQ/TW", style="List Number")
    document.add_paragraph("Nơi nhận", style="List Bullet")
    path = tmp_path / "kieu.docx"
    document.save(str(path))
    assert [b.text for b in read_file(path).blocks] == [
        "1. Căn cứ Luật Tổ chức Chính phủ",
        "2. Căn cứ Nghị quyết số 57-NQ/TW",
        "- Nơi nhận",
    ]
