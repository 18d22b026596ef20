"""Builders of plan documents in other formats, made at test time from a seed's text (never
committed as binaries): a Word file with real tables, and a PDF printed from it by LibreOffice.

``build_docx`` makes a realistic upload: A4, Times New Roman 13, the document's paragraphs as
paragraphs (headings in capitals set bold), every pipe table and every table that the portal
flattened to one cell per line as a real Word table with a bold, repeated header row, and, as
Nghị định 30/2020/NĐ-CP lays them out, the header block (issuer | national motto, number |
place and date) and the signature block (recipients | signer) in tables with no lines.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from theodoi.ingest.blocks import Block, Paragraph, Table
from theodoi.ingest.readers import read_text
from theodoi.ingest.tables import rebuild_flattened_tables


def _repeat_as_header(row: object) -> None:
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _column_widths(count: int) -> list[float]:
    """Centimetres per column on A4's 17 cm: a narrow number, a wide title, the rest even."""
    if count <= 2:
        return [17 / count] * count
    rest = (17 - 1.6 - 6.2) / (count - 2)
    return [1.6, 6.2, *[rest] * (count - 2)]


@dataclass(frozen=True)
class _Layout:
    """Rows of cells, each cell a list of lines, set in a table with no lines."""

    rows: tuple[tuple[tuple[str, ...], ...], ...]


_MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
_SIGNER_TITLE = ("CHỦ TỊCH", "PHÓ CHỦ TỊCH", "KT.", "TM.", "BÍ THƯ", "GIÁM ĐỐC", "THỦ TƯỚNG")


def _texts(blocks: list[Block], start: int, end: int) -> tuple[str, ...]:
    return tuple(b.text for b in blocks[start:end] if isinstance(b, Paragraph))


def _laid_out(blocks: list[Block]) -> list[Block | _Layout]:
    """The blocks with the header and signature blocks, where the text has them, as layouts."""
    out: list[Block | _Layout] = list(blocks)
    texts = [b.text if isinstance(b, Paragraph) else "" for b in blocks]
    if "Nơi nhận:" in texts:
        start = texts.index("Nơi nhận:")
        end = start + 1
        while end < len(texts) and texts[end].startswith("- "):
            end += 1
        signer = end
        while signer < len(texts) and texts[signer].startswith(_SIGNER_TITLE):
            signer += 1
        if signer > end and signer < len(texts):
            cells = (_texts(blocks, start, end), _texts(blocks, end, signer + 1))
            out[start : signer + 1] = [_Layout(rows=(cells,))]
    if _MOTTO in texts[:15]:
        motto = texts.index(_MOTTO)
        right = motto + 2 + (texts[motto + 2].startswith("---") if motto + 2 < len(texts) else 0)
        rows = [(_texts(blocks, 0, motto), _texts(blocks, motto, right))]
        if (
            right + 1 < len(texts)
            and texts[right].startswith("Số")
            and ", ngày " in texts[right + 1]
        ):
            rows.append(((texts[right],), (texts[right + 1],)))
            right += 2
        out[0:right] = [_Layout(rows=tuple(rows))]
    return out


def build_docx(source_txt: Path, out: Path) -> Path:
    """Write ``out`` (.docx) from a plan's text and return it."""
    blocks = _laid_out(
        rebuild_flattened_tables(
            read_text(source_txt.read_text(encoding="utf-8"), source_txt.name).blocks
        )
    )
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"  # type: ignore[attr-defined]
    style.font.size = Pt(13)  # type: ignore[attr-defined]
    for block in blocks:
        if isinstance(block, Paragraph):
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(6)
            run = paragraph.add_run(block.text)
            letters = [c for c in block.text if c.isalpha()]
            if letters and all(c.isupper() for c in letters) and len(block.text) < 200:
                run.bold = True
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            else:
                # Body text as Nghị định 30/2020/NĐ-CP sets it: justified, first line indented.
                paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                paragraph.paragraph_format.first_line_indent = Cm(1)
            continue
        if isinstance(block, _Layout):
            layout = document.add_table(rows=0, cols=len(block.rows[0]))  # no style: no lines
            for cells in block.rows:
                row = layout.add_row()
                for cell, lines in zip(row.cells, cells, strict=True):
                    cell.text = lines[0] if lines else ""
                    for line in lines[1:]:
                        cell.add_paragraph(line)
                    for paragraph in cell.paragraphs:
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            continue
        assert isinstance(block, Table)
        width = max(len(row) for row in block.rows)
        table = document.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        table.autofit = False
        for k, cells in enumerate(block.rows):
            row = table.add_row()
            for cell, text in zip(row.cells, cells, strict=False):
                run = cell.paragraphs[0].add_run(text)
                run.font.size = Pt(11)
                run.bold = k == 0
            if k == 0:
                _repeat_as_header(row)
        # LibreOffice lays a table out from its grid, Word from its cells: set both.
        for column, cm in zip(table.columns, _column_widths(width), strict=True):
            column.width = Cm(cm)
            for cell in column.cells:
                cell.width = Cm(cm)
        document.add_paragraph()
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    return out


@functools.cache
def _profile() -> str:
    """A LibreOffice profile of this process's own: parallel test workers would otherwise lock
    each other out, and a profile made once makes every later conversion start faster."""
    profile = tempfile.mkdtemp(prefix="theodoi-lo-profile-")
    atexit.register(shutil.rmtree, profile, ignore_errors=True)
    return profile


def build_pdf(source_docx: Path, out_dir: Path) -> Path:
    """Print a .docx to PDF with LibreOffice headless; returns the PDF's path."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is needed to build PDF fixtures")
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{_profile()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(source_docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = out_dir / (source_docx.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice did not write {pdf}")
    return pdf
