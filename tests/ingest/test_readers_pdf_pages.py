"""What of a PDF's pages is read: every page with a text layer, however few its words (the
last row of a long table, the signature block), never taken for a scan; a page whose glyphs
give no letters refuses the file, naming it, rather than leaving its part of the plan
silently out; footnotes not at all, as in the Word file the PDF was printed from."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

from tests.ingest.builders import build_pdf, raw_pdf
from theodoi.ingest.blocks import Paragraph, Table
from theodoi.ingest.errors import UnreadableInput
from theodoi.ingest.readers import read_file
from theodoi.ingest.readers.layout import Line
from theodoi.ingest.readers.pdftables import TableGrid


def _lines(*texts: bytes, top: int = 800) -> bytes:
    return b"\n".join(
        b"BT /F1 11 Tf 60 %d Td (%s) Tj ET" % (top - 16 * k, text) for k, text in enumerate(texts)
    )


FULL_PAGE = _lines(*(b"%d. Nhiem vu so hoa ho so dat dai cua xa, phuong" % k for k in range(1, 30)))


def test_a_short_page_of_text_is_read_not_refused_as_a_scan(tmp_path: Path) -> None:
    path = tmp_path / "ngan.pdf"
    path.write_bytes(raw_pdf([_lines(b"Kinh gui: So Y te, Cong an tinh")]))
    source = read_file(path)
    assert source.blocks == [Paragraph("Kinh gui: So Y te, Cong an tinh")]
    assert source.warnings == []


def test_the_few_words_of_a_last_page_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "trang-cuoi.pdf"
    path.write_bytes(raw_pdf([FULL_PAGE, _lines(b"30. Ket noi du lieu")]))
    source = read_file(path)
    texts = [b.text for b in source.blocks if isinstance(b, Paragraph)]
    assert texts[-1] == "30. Ket noi du lieu"
    assert len(texts) == 30
    assert source.warnings == []


def test_a_page_whose_glyphs_give_no_letters_refuses_the_file_naming_it(tmp_path: Path) -> None:
    unreadable = b"\n".join(
        b"BT /F2 11 Tf 60 %d Td (\\001\\001\\001\\001 \\001\\001\\001) Tj ET" % (800 - 16 * k)
        for k in range(30)
    )
    path = tmp_path / "phong-chu.pdf"
    path.write_bytes(raw_pdf([FULL_PAGE, unreadable, FULL_PAGE]))
    with pytest.raises(UnreadableInput, match=r"^Trang 2 của phong-chu\.pdf dùng phông chữ"):
        read_file(path)


def _with_footnote(path: Path) -> Path:
    """A plan whose second item cites the resolution in a footnote, as Word sets one: a
    raised mark after ``57-NQ/TW``, the note at the foot of the page in a smaller size."""
    document = docx.Document()
    document.styles["Normal"].font.name = "Times New Roman"  # type: ignore[attr-defined]
    document.styles["Normal"].font.size = Pt(13)  # type: ignore[attr-defined]
    notes = (
        f'<w:footnotes {nsdecls("w")}><w:footnote w:type="separator" w:id="-1"><w:p><w:r>'
        '<w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:rPr>'
        '<w:vertAlign w:val="superscript"/><w:sz w:val="20"/></w:rPr><w:footnoteRef/></w:r>'
        '<w:r><w:rPr><w:sz w:val="20"/></w:rPr><w:t xml:space="preserve"> Nghị quyết số '
        "57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        notes.encode(),
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES)
    document.add_paragraph("II. NHIỆM VỤ")
    for k in range(1, 4):
        paragraph = document.add_paragraph(f"{k}. Triển khai Nghị quyết số 57-NQ/TW")
        if k == 2:
            paragraph._p.append(
                parse_xml(
                    f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                    '<w:footnoteReference w:id="1"/></w:r>'
                )
            )
        paragraph.add_run(" về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số.")
    document.save(str(path))
    return path


@pytest.mark.slow
def test_a_footnote_is_read_from_the_pdf_as_from_the_word_file(tmp_path: Path) -> None:
    word = _with_footnote(tmp_path / "chu-thich.docx")
    from_word = read_file(word).blocks
    assert from_word[2] == Paragraph(
        "2. Triển khai Nghị quyết số 57-NQ/TW về khoa học, công nghệ, đổi mới sáng tạo và "
        "chuyển đổi số."
    )
    # Not "57-NQ/TW1", and no note ("1 Nghị quyết … ngày 22/12/2024") among the items.
    assert read_file(build_pdf(word, tmp_path)).blocks == from_word


@pytest.mark.slow
def test_a_table_nested_in_a_cell_stays_in_its_cell(tmp_path: Path) -> None:
    # The task's cell holds a small table of its indicator, as offices paste one.
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for c, text in enumerate(("TT", "Tên nhiệm vụ", "Cơ quan chủ trì")):
        table.cell(0, c).text = text
    for r in (1, 2):
        table.cell(r, 0).text = str(r)
        table.cell(r, 1).text = f"Nhiệm vụ thứ {r} về chuyển đổi số"
        table.cell(r, 2).text = "Sở Nội vụ"
    inner = table.cell(1, 1).add_table(rows=2, cols=2)
    inner.style = "Table Grid"
    for (r, c), text in {(0, 0): "Chỉ tiêu", (0, 1): "Năm 2026", (1, 1): "80%"}.items():
        inner.cell(r, c).text = text
    inner.cell(1, 0).text = "Tỷ lệ hồ sơ số"
    word = tmp_path / "bang-long.docx"
    document.save(str(word))
    [printed] = read_file(build_pdf(word, tmp_path)).blocks
    assert isinstance(printed, Table)
    assert printed.rows == (
        ("TT", "Tên nhiệm vụ", "Cơ quan chủ trì"),
        (
            "1",
            "Nhiệm vụ thứ 1 về chuyển đổi số Chỉ tiêu Năm 2026 Tỷ lệ hồ sơ số 80%",
            "Sở Nội vụ",
        ),
        ("2", "Nhiệm vụ thứ 2 về chuyển đổi số", "Sở Nội vụ"),
    )


def _grid(rows: list[list[str]]) -> TableGrid:
    grid = [[(r, c) for c in range(len(row))] for r, row in enumerate(rows)]
    lines = {
        (r, c): [Line(text, 0.0, 10.0, 0.0, 10.0, 5.0)] if text else []
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    }
    return TableGrid(grid, lines)


def test_a_header_the_new_page_draws_shorter_than_its_words_is_the_header_again() -> None:
    # LibreOffice clips a tall header cell repeated on the next page: ``Thời gian`` is drawn
    # in it, ``hoàn`` lands in the row under it.
    first = _grid(
        [["TT", "Nhiệm vụ", "Thời gian hoàn thành"], ["1", "Số hóa hồ sơ", "Quý II/2026"]]
    )
    part = _grid([["TT", "Nhiệm vụ", "Thời gian"], ["2", "Nâng cấp cổng", "hoàn Năm 2026"]])
    assert first.append(part)
    assert [first.row_texts(r) for r in range(len(first.grid))] == [
        ("TT", "Nhiệm vụ", "Thời gian hoàn thành"),
        ("1", "Số hóa hồ sơ", "Quý II/2026"),
        ("2", "Nâng cấp cổng", "Năm 2026"),
    ]
