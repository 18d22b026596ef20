"""OCR of a scanned plan (needs the ``ocr`` extra and Debian's tesseract-ocr-vie, which
scripts/install-system-deps installs)."""

import unicodedata
from pathlib import Path

import pdfplumber
import pytest

from tests.ingest.fixtures import SEED_003, Builder
from theodoi.ingest.blocks import Paragraph
from theodoi.ingest.readers import read_file

pytestmark = pytest.mark.slow


def without_tones(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def scanned(pdf: Path, out: Path, pages: int) -> Path:
    """The first pages of a PDF as images only, as a scanner would give them."""
    with pdfplumber.open(pdf) as document:
        images = [page.to_image(resolution=200).original.convert("RGB") for page in
                  document.pages[:pages]]  # fmt: skip
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=200)
    return out


def test_a_scanned_plan_is_read_by_ocr_into_the_paragraphs_of_its_text(
    built: Builder, tmp_path: Path
) -> None:
    path = scanned(built(SEED_003, "pdf"), tmp_path / "quet.pdf", pages=1)
    texts = [b.text for b in read_file(path, ocr=True).blocks if isinstance(b, Paragraph)]
    # The header block stands in two columns: the left one is read first, as in Word. In
    # bold capitals OCR may take one tone mark for another (TĨNH for TỈNH).
    assert [without_tones(text) for text in texts[:7]] == [
        without_tones(text)
        for text in [
            "ỦY BAN NHÂN DÂN",
            "TỈNH QUẢNG NGÃI",
            "Số: 66/KH-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Quảng Ngãi, ngày 18 tháng 5 năm 2020",
            "KẾ HOẠCH",
        ]
    ]
    assert without_tones("I. MỤC ĐÍCH, YÊU CẦU") in map(without_tones, texts)
    # Long paragraphs may carry a misread letter; most come out word for word (but for a
    # tone mark).
    of_the_text = {
        without_tones(b.text) for b in read_file(SEED_003).blocks if isinstance(b, Paragraph)
    }
    assert sum(without_tones(text) in of_the_text for text in texts) >= 0.75 * len(texts)
