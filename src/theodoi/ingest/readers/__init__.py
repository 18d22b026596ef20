"""Readers: a plan document file to :class:`SourceText` (paragraphs and tables, in order).

The format is taken from the file's content. Every failure is an :class:`UnreadableInput`
with a Vietnamese message naming the file and what is wrong.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from theodoi.ingest.blocks import SourceText
from theodoi.ingest.chrome import without_portal_tail
from theodoi.ingest.errors import UnreadableInput
from theodoi.ingest.readers.detect import HEAD_SIZE, describe_binary, sniff
from theodoi.ingest.readers.text import decode, read_text

if TYPE_CHECKING:
    from theodoi.ingest.readers.slots import ConversionSlots

__all__ = ["MAX_BYTES", "read_file", "read_text"]

# A plan with its appendices is a few MB at most; a bigger file is a mistake or an attack.
MAX_BYTES = 50 * 1024 * 1024


def read_file(path: Path, *, ocr: bool = False, slots: ConversionSlots | None = None) -> SourceText:
    """Read a plan document (.txt, .docx, .pdf, .html; .doc, .rtf and .odt through
    LibreOffice, once it has one of ``slots`` if given) whatever its name says; a web page's
    lists of other articles after the document are left out, whatever the format."""
    source = _read(path, ocr=ocr, slots=slots)
    return replace(source, blocks=without_portal_tail(source.blocks))


def _read(  # noqa: C901 - to be split (issue 11 note)
    path: Path, *, ocr: bool, slots: ConversionSlots | None
) -> SourceText:
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise UnreadableInput(f"{name} không phải một tệp.")
        with path.open("rb") as handle:
            head = handle.read(HEAD_SIZE)
    except FileNotFoundError as err:
        raise UnreadableInput(f"Không tìm thấy tệp {path}.") from err
    except PermissionError as err:
        raise UnreadableInput(f"Không có quyền đọc tệp {path}.") from err
    except OSError as err:
        raise UnreadableInput(f"Không đọc được tệp {path}: {err.strerror or err}.") from err
    if size == 0:
        raise UnreadableInput(f"Tệp {name} trống: không có nội dung nào để đọc.")
    if size > MAX_BYTES:
        raise UnreadableInput(
            f"Tệp {name} quá lớn ({size / 1024 / 1024:.0f} MB); "
            f"giới hạn là {MAX_BYTES // 1024 // 1024} MB."
        )
    kind = sniff(head)
    if kind == "pdf":
        from theodoi.ingest.readers.pdf import read_pdf

        return read_pdf(path, ocr=ocr)
    if kind == "zip":
        from theodoi.ingest.readers.docx import read_docx
        from theodoi.ingest.readers.office import is_opendocument_text, read_office

        if is_opendocument_text(path):
            return read_office(path, "odt", slots=slots)
        return read_docx(path)
    if kind == "html":
        from theodoi.ingest.readers.html import read_html

        return read_html(path.read_bytes(), name)
    if kind in ("doc", "rtf"):
        from theodoi.ingest.readers.office import read_office

        return read_office(path, "doc" if kind == "doc" else "rtf", slots=slots)
    if kind == "binary":
        raise UnreadableInput(
            f"Tệp {name} là {describe_binary(head)}, không phải văn bản kế hoạch. "
            "Chỉ đọc được tệp .docx, .doc, .rtf, .odt, .pdf, .html hoặc .txt."
        )
    source = read_text(decode(path.read_bytes(), name), name)
    if not source.blocks:
        raise UnreadableInput(f"Tệp {name} trống: không có nội dung nào để đọc.")
    return source
