"""PDF with a text layer (pdfplumber): paragraphs rebuilt from lines (layout.py), ruled
tables as tables. Text inside a table is read only as the table's cells. A table that runs
over a page break is joined back together, its repeated header row dropped and a row broken
by the page mended.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from theodoi.ingest.blocks import Block, Paragraph, SourceText, Table
from theodoi.ingest.chrome import strip_chrome
from theodoi.ingest.errors import ScannedDocument, UnreadableInput
from theodoi.ingest.readers.layout import (
    Line,
    Word,
    in_reading_order,
    joined,
    lines_from_rows,
    paragraphs,
    rows_by_baseline,
)
from theodoi.ingest.textnorm import normalize_text

OCR_HINT = (
    "Hãy chạy lại với --ocr (cần cài: pip install 'theodoi[ocr]' và "
    "apt install tesseract-ocr tesseract-ocr-vie), hoặc tải lên bản .docx của văn bản."
)

_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*-)?$", re.I)
_ROW_NUMBER = re.compile(r"\s*\d[\d.\n]*\s*")
_CID = re.compile(r"\(cid:\d+\)")


@dataclass
class _Placed:
    """A block with its place on the page, to put text and tables in reading order."""

    top: float
    block: Block | list[Line]


def _lines(page: Any, tables: list[Any]) -> list[Line]:
    boxes = [t.bbox for t in tables]

    def outside_tables(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_only = page.filter(outside_tables) if boxes else page
    words = [
        Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"]) for w in text_only.extract_words()
    ]
    return lines_from_rows(rows_by_baseline(words))


def _without_page_numbers(lines: list[Line], height: float) -> list[Line]:
    margin = height * 0.08
    return [
        line
        for line in lines
        if not (
            _PAGE_NUMBER.match(line.text) and (line.top < margin or line.bottom > height - margin)
        )
    ]


def _cells(table: Any) -> list[list[str]]:
    """A pdfplumber table as rows of text; a cell covered by a merged one repeats it."""
    rows: list[list[str | None]] = table.extract()
    boxes = [row.cells for row in table.rows]
    lefts: list[float] = []
    for column in range(max((len(r) for r in rows), default=0)):
        xs = [r[column][0] for r in boxes if column < len(r) and r[column] is not None]
        lefts.append(min(xs) if xs else 0.0)
    out: list[list[str]] = []
    for r, row in enumerate(rows):
        cells: list[str] = []
        for c, value in enumerate(row):
            if value is not None and _ROW_NUMBER.fullmatch(value):
                # A row number wrapped in a narrow column (``11.1`` / ``0``) is one number.
                cells.append(value.replace("\n", "").strip())
                continue
            if value is not None:
                wrapped: list[str] = []
                for part in value.split("\n"):
                    joined(wrapped, part.strip())
                cells.append(normalize_text(" ".join(wrapped)).strip())
                continue
            # Covered by a merged cell: from the left if that cell reaches over this column,
            # else from the cell above.
            left = next((k for k in range(c - 1, -1, -1) if boxes[r][k] is not None), None)
            if left is not None and boxes[r][left][2] > lefts[c] + 1:
                cells.append(cells[left])
            elif out and c < len(out[-1]):
                cells.append(out[-1][c])
            else:
                cells.append("")
        out.append(cells)
    return out


def _page_blocks(page: Any) -> list[_Placed]:
    tables = page.find_tables()
    placed = [_Placed(t.bbox[1], Table(rows=tuple(map(tuple, _cells(t))))) for t in tables]
    lines = in_reading_order(_without_page_numbers(_lines(page, tables), page.height))
    # Text lines between two tables belong to different stretches: cut at each table's top.
    tops = sorted(p.top for p in placed)
    stretch: list[Line] = []
    for line in lines:
        if stretch and any(stretch[-1].top < top <= line.top for top in tops):
            placed.append(_Placed(stretch[0].top, stretch))
            stretch = []
        stretch.append(line)
    if stretch:
        placed.append(_Placed(stretch[0].top, stretch))
    return sorted(placed, key=lambda p: p.top)


def _join_tables(blocks: Iterable[Block]) -> list[Block]:
    """A table continued on the next page becomes one table again. Its repeated header row
    is dropped, and a row broken by the page (the continuation has no number) is mended."""
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if not (
            isinstance(block, Table)
            and isinstance(previous, Table)
            and block.rows
            and previous.rows
            and len(block.rows[0]) == len(previous.rows[0])
        ):
            out.append(block)
            continue
        rows = list(block.rows[1:] if block.rows[0] == previous.rows[0] else block.rows)
        head = list(previous.rows)
        if rows and not rows[0][0] and len(head) > 1:
            head[-1] = tuple(
                " ".join(part for part in (above, below) if part)
                for above, below in zip(head[-1], rows.pop(0), strict=True)
            )
        out[-1] = Table(rows=tuple(head + rows))
    return out


def _open(path: Path) -> Any:
    try:
        return pdfplumber.open(path)
    except (PdfminerException, PDFSyntaxError, PSException, ValueError, KeyError) as err:
        cause = err.args[0] if isinstance(err, PdfminerException) and err.args else err
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise UnreadableInput(
                f"Tệp {path.name} là PDF có mật khẩu. Hãy gỡ mật khẩu rồi tải lên lại."
            ) from err
        raise UnreadableInput(f"Tệp {path.name} là PDF bị hỏng, không đọc được.") from err


def read_pdf(path: Path, *, ocr: bool = False) -> SourceText:
    """The paragraphs and tables of a PDF. Pages without text are read by OCR when ``ocr`` is
    set; a PDF with no text at all is otherwise refused with the way to enable OCR."""
    name = path.name
    blocks: list[Block] = []
    warnings: list[str] = []
    pages_without_text: list[int] = []
    # Lines wait here until a table or the end: a paragraph may run on over a page break.
    stretch: list[Line] = []

    def flush() -> None:
        for text in paragraphs(stretch):
            kept = strip_chrome(normalize_text(text))
            if kept:
                blocks.append(Paragraph(kept))
        stretch.clear()

    with _open(path) as pdf:
        try:
            for number, page in enumerate(pdf.pages, start=1):
                if not page.chars or len(_CID.findall(page.extract_text() or "")) > 20:
                    pages_without_text.append(number)
                    if ocr:
                        from theodoi.ingest.readers.ocr import ocr_page

                        scanned = ocr_page(page)
                        if scanned:
                            scanned[0].new_page = True
                        stretch += scanned
                    page.close()
                    continue
                first = True
                for item in _page_blocks(page):
                    if isinstance(item.block, list):
                        item.block[0].new_page = first
                        stretch += item.block
                    else:
                        flush()
                        blocks.append(item.block)
                    first = False
                page.close()  # pdfplumber caches every page's objects otherwise
        except (PdfminerException, PDFSyntaxError, PSException) as err:
            raise UnreadableInput(f"Tệp {name} là PDF bị hỏng, không đọc được.") from err
        total = len(pdf.pages)
    flush()
    if pages_without_text and not ocr:
        if len(pages_without_text) == total:
            raise ScannedDocument(
                f"Tệp {name} là PDF bản quét: chỉ có ảnh, không có lớp chữ để đọc. {OCR_HINT}"
            )
        listed = ", ".join(map(str, pages_without_text[:10]))
        warnings.append(f"Trang {listed} của {name} là ảnh quét, chưa được đọc. {OCR_HINT}")
    blocks = _join_tables(blocks)
    if not blocks:
        raise UnreadableInput(f"Tệp {name} không có chữ nào đọc được.")
    return SourceText(name=name, blocks=blocks, warnings=warnings)
