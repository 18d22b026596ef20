"""OCR of scanned PDF pages (optional: ``pip install 'theodoi[ocr]'`` and Debian's
``tesseract-ocr tesseract-ocr-vie``). Nothing is fetched at run time: the Vietnamese language
data comes from the Debian package.

OCR gives lines with their boxes, joined into paragraphs as a PDF's lines are (layout.py); it
gives no tables: a scanned appendix table comes back as running lines, which the extraction
reads as it reads a table flattened to one cell per line.
"""

from __future__ import annotations

import functools
from typing import Any

from theodoi.ingest.errors import OcrUnavailable, UnreadableInput
from theodoi.ingest.readers.layout import (
    Line,
    Word,
    in_reading_order,
    lines_from_rows,
    set_page_edges,
)

# 300 dpi is what Tesseract is trained for; lower loses the Vietnamese tone marks.
RESOLUTION = 300
LANGUAGE = "vie"

_INSTALL = (
    "cài gói Python bằng pip install 'theodoi[ocr]' và gói hệ thống bằng "
    "apt install tesseract-ocr tesseract-ocr-vie"
)


@functools.cache
def _tesseract() -> Any:
    """pytesseract, once checked that Tesseract and its Vietnamese data are installed."""
    try:
        import pytesseract
    except ImportError as err:
        raise OcrUnavailable(f"Chưa cài phần nhận dạng chữ (OCR): hãy {_INSTALL}.") from err
    try:
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, OSError) as err:
        raise OcrUnavailable(f"Chưa cài chương trình Tesseract: hãy {_INSTALL}.") from err
    if LANGUAGE not in languages:
        raise OcrUnavailable(
            "Tesseract chưa có dữ liệu tiếng Việt: hãy apt install tesseract-ocr-vie."
        )
    return pytesseract


def _lines(data: dict[str, list[Any]]) -> list[Line]:
    """Tesseract's lines of words, with their boxes (in pixels), made into lines as a PDF's
    are; Tesseract's own line grouping is kept, being surer than boxes of uneven height."""
    rows: dict[tuple[int, int, int], list[Word]] = {}
    for k, text in enumerate(data["text"]):
        if str(text).strip():
            key = (data["block_num"][k], data["par_num"][k], data["line_num"][k])
            rows.setdefault(key, []).append(
                Word(
                    str(text).strip(),
                    data["left"][k],
                    data["left"][k] + data["width"][k],
                    data["top"][k],
                    data["top"][k] + data["height"][k],
                )
            )
    ordered = sorted(rows.values(), key=lambda row: (min(w.top for w in row), row[0].x0))
    # A rule drawn under a heading (``-------``) comes back as a stray dot or colon.
    lines = [line for line in lines_from_rows(ordered) if any(c.isalnum() for c in line.text)]
    return in_reading_order(set_page_edges(lines))


def ocr_page(page: Any) -> list[Line]:
    """The lines of one pdfplumber page, read by OCR, where they stand on the page."""
    tesseract = _tesseract()
    image = page.to_image(resolution=RESOLUTION).original
    try:
        data = tesseract.image_to_data(image, lang=LANGUAGE, output_type=tesseract.Output.DICT)
    except tesseract.TesseractError as err:
        raise UnreadableInput(f"Nhận dạng chữ (OCR) thất bại ở trang {page.page_number}.") from err
    return _lines(data)
