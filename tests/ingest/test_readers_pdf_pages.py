"""Which pages of a PDF are read: every page with a text layer, however few its words (the
last row of a long table, the signature block), is read, never taken for a scan; a page
whose glyphs give no letters refuses the file, naming it, rather than leaving its part of
the plan silently out."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest.builders import raw_pdf
from theodoi.ingest.blocks import Paragraph
from theodoi.ingest.errors import UnreadableInput
from theodoi.ingest.readers import read_file


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
