"""Office files built in the tests: a real .docx from python-docx, and hostile variants of it
(macros inside, a part that inflates a thousandfold)."""

from __future__ import annotations

import io
import zipfile

import docx

MACRO_TYPE = b"application/vnd.ms-word.document.macroEnabled.main+xml"
WORD_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def word_file(text: str = "Biên bản nghiệm thu") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rezipped(data: bytes, extra: dict[str, bytes], content_types: bool = False) -> bytes:
    """``data`` with ``extra`` parts added; with ``content_types`` its main part declared
    macro-enabled, as Word saves a .docm."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            content = source.read(member)
            if content_types and member.filename == "[Content_Types].xml":
                content = content.replace(WORD_TYPE, MACRO_TYPE)
            target.writestr(member, content)
        for name, content in extra.items():
            target.writestr(name, content)
    return out.getvalue()


def macro_word_file() -> bytes:
    """A .docm as Word saves one: a VBA project part and a macro-enabled content type."""
    return rezipped(
        word_file(), {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(512)}, content_types=True
    )


def zip_bomb(name: str = "word/media/image1.png") -> bytes:
    """A real .docx with a part of 64 MB of zeros: some 64 KB on disk."""
    return rezipped(word_file(), {name: bytes(64 * 1024 * 1024)})


def plain_zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def odf_text(extra: dict[str, bytes] | None = None) -> bytes:
    """An OpenDocument text as LibreOffice lays one out: its type stored first, unpacked."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("content.xml", b"<office:document-content/>")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return out.getvalue()
