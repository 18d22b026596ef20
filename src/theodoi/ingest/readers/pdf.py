"""PDF with a text layer (pdfplumber): paragraphs rebuilt from the words where they stand
(layout.py), ruled tables as tables with their merged cells (pdftables.py). Text inside a
table is read only as the table's cells. A table that runs over a page break is joined back.

Whether a PDF is a scan is decided by the share of its pages that carry real text: a text
PDF may have a scanned page (a signed appendix) or a font whose glyphs give no letters (a
bullet), and is still read; a scan with a typed cover page is still a scan.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from theodoi.ingest.blocks import Block, Paragraph, SourceText
from theodoi.ingest.chrome import strip_chrome
from theodoi.ingest.errors import ScannedDocument, UnreadableInput
from theodoi.ingest.readers.bounds import MAX_PDF_PAGES, MAX_READ_SECONDS
from theodoi.ingest.readers.layout import (
    Line,
    ReadingOrder,
    Word,
    lines_from_rows,
    paragraphs,
    rows_by_baseline,
)
from theodoi.ingest.readers.pdftables import Box, TableGrid, read_table, word_in_any
from theodoi.ingest.readers.pdfwords import PageText, page_text
from theodoi.ingest.textnorm import normalize_text

OCR_HINT = (
    "Hãy chạy lại với --ocr (cần cài: pip install 'theodoi[ocr]' và "
    "apt install tesseract-ocr tesseract-ocr-vie), hoặc tải lên bản .docx của văn bản."
)

_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*-)?$", re.I)
# A page carries real text when a few lines' worth of its glyphs read as letters and most of
# its glyphs do: a page number or a stamp on a scanned page is not enough.
_TEXT_LETTERS = 40
# A PDF is read as text when at least this share of its pages carry real text.
_TEXT_SHARE = 0.5


def has_real_text(text: PageText) -> bool:
    return text.letters >= _TEXT_LETTERS and text.letters > 2 * text.undecodable


def _is_blank(page: Any, text: PageText) -> bool:
    """Nothing drawn to read: no letters, no undecodable glyphs, no picture."""
    return not text.letters and not text.undecodable and not page.images


def _unread(page: Any, text: PageText) -> Literal["scan", "undecodable"] | None:
    """Why the page's text cannot be read (a picture of a page, or glyphs that give no
    letters); None when it is read. A page of a few words with no picture on it is text
    (the last row of a long table, the signature block), not a scan."""
    if has_real_text(text):
        return None
    if text.undecodable:
        return "undecodable"
    return "scan" if page.images else None


@dataclass
class _Placed:
    """A block with its place on the page, to put text and tables in reading order."""

    top: float
    block: TableGrid | list[Line]


def _without_page_numbers(lines: list[Line], height: float) -> list[Line]:
    margin = height * 0.08
    return [
        line
        for line in lines
        if not (
            _PAGE_NUMBER.match(line.text) and (line.top < margin or line.bottom > height - margin)
        )
    ]


# The rule Word and LibreOffice draw above a page's footnotes: a short thin line at the left
# margin (a third of the text's width in Word, 5 cm in LibreOffice).
_RULE_THICKNESS = 1.5
_RULE_SHARE = 0.45
_FOOTNOTE_START = re.compile(r"^(?:\d{1,3}|\*{1,3})$")
_PADDING_AT_MARGIN = 6.0


def _in_table(shape: dict[str, Any], boxes: list[Box]) -> bool:
    return any(
        box[0] - _RULE_THICKNESS <= shape["x0"] <= box[2] + _RULE_THICKNESS
        and box[1] - _RULE_THICKNESS <= shape["top"] <= box[3] + _RULE_THICKNESS
        for box in boxes
    )


def _footnote_rule(page: Any, words: list[Word], tables: list[Box]) -> float | None:
    """Where the page's footnotes start (the top of the rule above them), or None. The
    Word file keeps footnotes out of the text; read into it, one would cut the paragraph or
    the list it falls in on its page. The lines of a table are not such a rule."""
    if not words:
        return None
    left = min(w.x0 for w in words)
    width = max(w.x1 for w in words) - left
    rules = [
        shape
        for shape in (*page.lines, *page.rects)
        if shape["bottom"] - shape["top"] <= _RULE_THICKNESS
        and shape["x1"] - shape["x0"] <= _RULE_SHARE * width
        and abs(shape["x0"] - left) < _PADDING_AT_MARGIN
        and not _in_table(shape, tables)
    ]
    for rule in sorted(rules, key=lambda shape: shape["top"]):
        below = sorted((w for w in words if w.top > rule["top"]), key=lambda w: (w.top, w.x0))
        if below and _FOOTNOTE_START.match(below[0].text):
            return float(rule["top"])
    return None


def _page_blocks(page: Any, text: PageText, order: ReadingOrder, number: int) -> list[_Placed]:
    """The page's tables and stretches of lines, in reading order; a block of columns that
    may go on over the page break stays with ``order``."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    placed = [_Placed(t.bbox[1], read_table(t, text.words)) for t in tables]
    body = [w for w in text.words if not word_in_any(w, boxes)]
    footnotes = _footnote_rule(page, body, boxes)
    if footnotes is not None:
        body = [w for w in body if w.top < footnotes]
    lines = lines_from_rows(rows_by_baseline(body), spaces=text.spaces)
    lines = _without_page_numbers(lines, page.height)
    for line in lines:
        line.page = number
    tops = sorted(box[1] for box in boxes)
    # A block of columns from the page before goes on only above the page's first table.
    if tops and (not lines or tops[0] < lines[0].top):
        placed.append(_Placed(-1.0, order.close()))
    ordered = order.page(lines, tops)
    # Text lines between two tables belong to different stretches: cut at each table's top.
    stretch: list[Line] = []
    start = 0.0
    previous = -1.0
    for at, line in ordered:
        if stretch and any(previous < top <= at for top in tops):
            placed.append(_Placed(start, stretch))
            stretch = []
        if not stretch:
            start = at
        stretch.append(line)
        previous = at
    if stretch:
        placed.append(_Placed(start, stretch))
    return sorted((p for p in placed if p.block), key=lambda p: p.top)


def _join_tables(blocks: Iterable[Block | TableGrid]) -> list[Block]:
    """A table continued on the next page becomes one table again (TableGrid.append)."""
    joined: list[Block | TableGrid] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        continued = (
            isinstance(block, TableGrid)
            and isinstance(previous, TableGrid)
            and previous.append(block)
        )
        if not continued:
            joined.append(block)
    out: list[Block] = []
    for item in joined:
        if isinstance(item, TableGrid):
            table = item.to_table()
            if table.rows:
                out.append(table)
        else:
            out.append(item)
    return out


def _damaged(name: str) -> UnreadableInput:
    return UnreadableInput(f"Tệp {name} là PDF bị hỏng, không đọc được.")


def _open(path: Path) -> Any:
    try:
        return pdfplumber.open(path)
    # A damaged PDF fails deep inside pdfminer in many ways (PSEOF, KeyError, struct.error,
    # zlib.error, RecursionError on a cycle of objects...); all mean the file is damaged.
    except Exception as err:
        cause = err.args[0] if isinstance(err, PdfminerException) and err.args else err
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise UnreadableInput(
                f"Tệp {path.name} là PDF có mật khẩu. Hãy gỡ mật khẩu rồi tải lên lại."
            ) from err
        raise _damaged(path.name) from err


@contextmanager
def _opened(path: Path) -> Iterator[Any]:
    pdf = _open(path)
    try:
        yield pdf
    finally:
        try:
            pdf.close()
        except Exception:  # closing walks the damaged page tree again and fails again
            if not pdf.stream_is_external:
                pdf.stream.close()


def _pages(pdf: Any, name: str) -> Iterator[tuple[int, Any]]:
    """The pages numbered from 1, within the page and time bounds of a document."""
    started = time.monotonic()
    if len(pdf.pages) > MAX_PDF_PAGES:
        raise UnreadableInput(
            f"Tệp {name} có {len(pdf.pages)} trang; chỉ đọc văn bản kế hoạch đến "
            f"{MAX_PDF_PAGES} trang."
        )
    for number, page in enumerate(pdf.pages, start=1):
        if time.monotonic() - started > MAX_READ_SECONDS:
            raise UnreadableInput(
                f"Tệp {name} đọc quá {MAX_READ_SECONDS:.0f} giây mà chưa xong (đến trang "
                f"{number}); tệp quá phức tạp hoặc bị hỏng."
            )
        yield number, page


def _refuse_as_scan(name: str, pages: int, scanned: list[int], undecodable: list[int]) -> None:
    if len(undecodable) > len(scanned):
        raise ScannedDocument(
            f"Tệp {name} có lớp chữ nhưng phông chữ không cho biết các ký tự là chữ gì "
            f"({len(scanned) + len(undecodable)}/{pages} trang không đọc được). {OCR_HINT}"
        )
    if not undecodable and len(scanned) == pages:
        raise ScannedDocument(
            f"Tệp {name} là PDF bản quét: chỉ có ảnh, không có lớp chữ để đọc. {OCR_HINT}"
        )
    raise ScannedDocument(
        f"Tệp {name} là PDF bản quét: {len(scanned) + len(undecodable)}/{pages} trang không "
        f"có lớp chữ đọc được. {OCR_HINT}"
    )


def _refuse_undecodable(name: str, undecodable: list[int]) -> None:
    """Pages of a text PDF whose glyphs give no letters hold text the reader cannot see (a
    table's rows, a part of the plan): reading on would give a plan with those parts
    silently missing."""
    listed = ", ".join(map(str, undecodable[:10]))
    raise UnreadableInput(
        f"Trang {listed} của {name} dùng phông chữ không cho biết các ký tự là chữ gì: nội "
        "dung các trang này không đọc được, kế hoạch đọc ra sẽ thiếu phần đó. Hãy tải lên "
        "bản .docx của văn bản, hoặc xuất lại PDF từ Word."
    )


def _warning(name: str, scanned: list[int]) -> list[str]:
    listed = ", ".join(map(str, scanned[:10]))
    return [f"Trang {listed} của {name} là ảnh quét, chưa được đọc. {OCR_HINT}"]


def read_pdf(path: Path, *, ocr: bool = False) -> SourceText:  # noqa: C901 - to be split (issue 11 note)
    """The paragraphs and tables of a PDF. Pages without text are read by OCR when ``ocr`` is
    set; a PDF most of whose pages have no text is otherwise refused with the way to enable
    OCR, a text PDF's scanned pages (a signed appendix) are named in a warning, and its pages
    whose glyphs give no letters refuse it, naming them."""
    name = path.name
    blocks: list[Block | TableGrid] = []
    scanned: list[int] = []
    undecodable: list[int] = []
    pages = 0  # pages with something drawn on them
    # Lines wait here until a table or the end: a paragraph may run on over a page break.
    stretch: list[Line] = []

    def flush() -> None:
        for text in paragraphs(stretch):
            kept = strip_chrome(normalize_text(text))
            if kept:
                blocks.append(Paragraph(kept))
        stretch.clear()

    order = ReadingOrder()
    with _opened(path) as pdf:
        try:
            for number, page in _pages(pdf, name):
                text = page_text(page)
                if _is_blank(page, text):
                    page.close()
                    continue
                pages += 1
                unread = _unread(page, text)
                if unread is not None:
                    (undecodable if unread == "undecodable" else scanned).append(number)
                    if ocr:
                        from theodoi.ingest.readers.ocr import ocr_page

                        stretch += order.close()
                        for line in ocr_page(page):
                            line.page = number
                            stretch.append(line)
                    page.close()
                    continue
                for item in _page_blocks(page, text, order, number):
                    if isinstance(item.block, list):
                        stretch += item.block
                    else:
                        flush()
                        blocks.append(item.block)
                page.close()  # pdfplumber caches every page's objects otherwise
        except UnreadableInput:
            raise
        except Exception as err:  # as in _open: pdfminer's many ways of failing on damage
            raise _damaged(name) from err
    stretch += order.close()
    flush()
    warnings: list[str] = []
    if (scanned or undecodable) and not ocr:
        if pages - len(scanned) - len(undecodable) < _TEXT_SHARE * pages:
            _refuse_as_scan(name, pages, scanned, undecodable)
        if undecodable:
            _refuse_undecodable(name, undecodable)
        warnings = _warning(name, scanned)
    out = _join_tables(blocks)
    if not out:
        raise UnreadableInput(f"Tệp {name} không có chữ nào đọc được.")
    return SourceText(name=name, blocks=out, warnings=warnings)
