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

from theodoi.ingest.errors import UnreadableInput
from theodoi.ingest.readers.layout import Line, set_page_edges

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
        raise UnreadableInput(f"Chưa cài phần nhận dạng chữ (OCR): hãy {_INSTALL}.") from err
    try:
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, OSError) as err:
        raise UnreadableInput(f"Chưa cài chương trình Tesseract: hãy {_INSTALL}.") from err
    if LANGUAGE not in languages:
        raise UnreadableInput(
            "Tesseract chưa có dữ liệu tiếng Việt: hãy apt install tesseract-ocr-vie."
        )
    return pytesseract


def _lines(data: dict[str, list[Any]]) -> list[Line]:
    """Tesseract's words grouped into its lines, with their boxes (in pixels)."""
    words: dict[tuple[int, int, int], list[int]] = {}
    for k, text in enumerate(data["text"]):
        if str(text).strip():
            key = (data["block_num"][k], data["par_num"][k], data["line_num"][k])
            words.setdefault(key, []).append(k)
    lines = []
    for indexes in words.values():
        first = indexes[0]
        lines.append(
            Line(
                text=" ".join(str(data["text"][k]).strip() for k in indexes),
                x0=min(data["left"][k] for k in indexes),
                x1=max(data["left"][k] + data["width"][k] for k in indexes),
                top=min(data["top"][k] for k in indexes),
                bottom=max(data["top"][k] + data["height"][k] for k in indexes),
                first_word_width=data["width"][first],
            )
        )
    return set_page_edges(sorted(lines, key=lambda line: (line.top, line.x0)))


def ocr_page(page: Any) -> list[Line]:
    """The lines of one pdfplumber page, read by OCR, where they stand on the page."""
    tesseract = _tesseract()
    image = page.to_image(resolution=RESOLUTION).original
    try:
        data = tesseract.image_to_data(image, lang=LANGUAGE, output_type=tesseract.Output.DICT)
    except tesseract.TesseractError as err:
        raise UnreadableInput(f"Nhận dạng chữ (OCR) thất bại ở trang {page.page_number}.") from err
    return _lines(data)
