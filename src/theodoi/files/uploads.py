"""What an uploaded file is, told from its content and its name together, and whether it may be
kept: the one check every upload passes before it is read or stored, plans and evidence alike
(:func:`check_upload`), with one set of Vietnamese refusals.

The content decides the kind (``filetype`` reads the first bytes; what it cannot tell, text
from HTML from binary, ``theodoi.ingest``'s sniffer does, the one the plan readers use; a ZIP
it calls only "zip" is told by its parts); the name must then agree with it, so
``bao-cao.pdf.exe`` and a ZIP named ``zip.pdf`` are refused rather than kept under a name
that lies. Office and OpenDocument files are ZIP archives: they must stay within
``ARCHIVE_LIMITS`` (no "zip bomb") and carry no macros (a ``vbaProject.bin`` part, a
macro-enabled content type, OpenDocument's ``Basic/`` or ``Scripts/`` folders), whatever
their name says.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Protocol

import filetype

from theodoi.files.zips import ArchiveError, ZipLimits, open_bounded_zip
from theodoi.ingest.readers.detect import HEAD_SIZE, sniff
from theodoi.ingest.readers.ole import CompoundFileError, directory, has_macros, is_word_document

# An evidence .docx full of photographs is tens of MB inflated; a bomb is thousands of times
# its size.
ARCHIVE_LIMITS = ZipLimits(members=2000, inflated_bytes=200 * 1024 * 1024, ratio=100)
MACRO_SUFFIXES = (
    ".docm",
    ".dotm",
    ".xlsm",
    ".xltm",
    ".xlam",
    ".pptm",
    ".potm",
    ".ppsm",
    ".ppam",
    ".sldm",
)
_MACRO_FOLDERS = ("basic/", "scripts/")
_CONTENT_TYPES = "[Content_Types].xml"
# What the sniffer tells apart that ``filetype`` has no word for.
_SNIFFED = {
    "pdf": "application/pdf",
    "html": "text/html",
    "text": "text/plain",
    "doc": "application/msword",  # an OLE2 file ``filetype`` does not name
    "rtf": "application/rtf",
}
# The part that makes a ZIP an Office file, for the ZIPs ``filetype`` names only "zip".
_OFFICE_PARTS = {
    "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_ZIP = "application/zip"
# Names are shown on pages and kept with the file: no folders, no control or direction marks.
NAME_CHARACTERS = 255


class RefusedFileError(Exception):
    """The file is not kept; the message names it and says why, in Vietnamese."""


@dataclass(frozen=True)
class FileKind:
    mime: str
    label: str
    suffixes: tuple[str, ...]
    zipped: bool = False  # an Office or OpenDocument file: a ZIP archive inside
    alike: tuple[str, ...] = ()  # other contents taken as this kind (HTML saved as text)

    def holds(self, mime: str | None) -> bool:
        return mime is not None and (mime == self.mime or mime in self.alike)


# Every kind an upload may be, declared once; each upload chooses among them.
PDF = FileKind("application/pdf", "PDF", (".pdf",))
DOCX = FileKind(_OFFICE_PARTS["word/document.xml"], "Word (.docx)", (".docx",), zipped=True)
XLSX = FileKind(_OFFICE_PARTS["xl/workbook.xml"], "Excel (.xlsx)", (".xlsx",), zipped=True)
# Read through LibreOffice (theodoi.ingest.readers.office).
DOC = FileKind("application/msword", "Word 97-2003 (.doc)", (".doc",))
RTF = FileKind("application/rtf", "RTF (.rtf)", (".rtf",), alike=("text/rtf",))
ODT = FileKind(
    "application/vnd.oasis.opendocument.text", "OpenDocument (.odt)", (".odt",), zipped=True
)
ODS = FileKind(
    "application/vnd.oasis.opendocument.spreadsheet",
    "OpenDocument (.ods)",
    (".ods",),
    zipped=True,
)
JPEG = FileKind("image/jpeg", "JPEG", (".jpg", ".jpeg"))
PNG = FileKind("image/png", "PNG", (".png",))
# Plain text and HTML read alike (theodoi.ingest reads either whatever its name); Plan JSON
# is text.
TEXT = FileKind(
    "text/plain", "văn bản (.txt, .html)", (".txt", ".html", ".htm", ".json"), alike=("text/html",)
)


class Upload(Protocol):
    """An uploaded file as Django hands it over (UploadedFile, File, ContentFile)."""

    name: str | None

    @property
    def size(self) -> int | None: ...

    def seek(self, offset: int) -> object: ...

    def read(self, size: int = ...) -> bytes: ...


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    data: bytes
    kind: FileKind


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def size_problem(name: str, size: int, max_bytes: int) -> str | None:
    """Why a file of ``size`` bytes cannot be kept; None when its size is fine."""
    if size == 0:
        return f"Tệp “{name}” trống."
    if size > max_bytes:
        limit = max_bytes // 1024 // 1024
        return f"Tệp “{name}” có dung lượng {_mb(size)} MB; giới hạn là {limit} MB."
    return None


def clean_name(raw: str | None, fallback: str) -> str:
    """The file's own name as a person may see it: without the folders a browser or a
    crafted request puts before it, control characters and the direction marks that make
    ``hoa-don\u202efdp.exe`` look like a PDF, at most ``NAME_CHARACTERS`` long (its suffix
    kept); ``fallback`` when nothing is left."""
    base = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    shown = "".join(
        c for c in unicodedata.normalize("NFC", base) if unicodedata.category(c)[0] != "C"
    )
    shown = shown.strip()
    if not shown.strip("."):
        return fallback
    suffix = PurePath(shown).suffix[:16]
    if len(shown) > NAME_CHARACTERS:
        shown = shown[: NAME_CHARACTERS - len(suffix)] + suffix
    return shown


def read_bounded(file: Upload, name: str, max_bytes: int) -> bytes:
    """The file's bytes, refused on its declared size before any is read, and never more than
    ``max_bytes`` + 1 read whatever it declares."""
    declared = file.size
    problem = size_problem(name, declared, max_bytes) if declared else None
    if problem:
        raise RefusedFileError(problem)
    file.seek(0)
    data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise RefusedFileError(f"Tệp “{name}” lớn hơn giới hạn {max_bytes // 1024 // 1024} MB.")
    return data


def check_upload(
    file: Upload, kinds: Sequence[FileKind], *, max_bytes: int, fallback_name: str
) -> CheckedUpload:
    """The one check of an upload: its name cleaned, its size bounded before it is read, its
    kind told from its content; :class:`RefusedFileError` saying why otherwise."""
    name = clean_name(file.name, fallback_name)
    data = read_bounded(file, name, max_bytes)
    return CheckedUpload(name, data, file_kind(name, data, kinds, max_bytes=max_bytes))


def _zip_mime(data: bytes) -> str:
    try:
        with open_bounded_zip(data, ARCHIVE_LIMITS) as archive:
            parts = set(archive.namelist())
            if "mimetype" in parts:
                declared = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                return declared or _ZIP
    except (ArchiveError, zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
        # Not opened, so no kind of its own; a zipped kind's own check says what is wrong.
        return _ZIP
    return next((mime for part, mime in _OFFICE_PARTS.items() if part in parts), _ZIP)


def _content_mime(data: bytes) -> tuple[str | None, str]:
    """The media type the content shows, and what to call it when it is refused."""
    head = data[:HEAD_SIZE]
    guess = filetype.guess(head)
    found = f" mà là {guess.extension.upper()}" if guess is not None else ""
    if guess is not None and guess.mime != _ZIP:
        return guess.mime, found
    sniffed = sniff(head)
    if guess is not None or sniffed == "zip":
        return _zip_mime(data), " mà là ZIP"
    return _SNIFFED.get(sniffed), found


def _has_macros(archive: zipfile.ZipFile) -> bool:
    names = [member.filename.lower() for member in archive.infolist()]
    if any(n.rsplit("/", 1)[-1] == "vbaproject.bin" or n.startswith(_MACRO_FOLDERS) for n in names):
        return True
    if _CONTENT_TYPES in archive.namelist():
        with archive.open(_CONTENT_TYPES) as stream:
            return b"macroenabled" in stream.read(1024 * 1024).lower()
    return False


def _check_word_97(name: str, data: bytes) -> None:
    """An old Word file must be whole, a Word document and without VBA macros."""
    try:
        entries = directory(data)
    except CompoundFileError as broken:
        raise RefusedFileError(f"Tệp “{name}” bị hỏng, không mở được.") from broken
    if not is_word_document(entries):
        raise RefusedFileError(
            f"Tệp “{name}” có đuôi .doc nhưng nội dung không phải tài liệu Word "
            "(có thể là tệp Excel hoặc PowerPoint cũ)."
        )
    if has_macros(entries):
        raise RefusedFileError(
            f"Tệp “{name}” có chứa macro, không được nhận vì macro có thể chạy mã độc. "
            "Hãy lưu lại dạng .docx (không có macro) rồi tải lên."
        )


def file_kind(name: str, data: bytes, kinds: Sequence[FileKind], *, max_bytes: int) -> FileKind:
    """The kind of ``data`` among ``kinds``, its name agreeing; :class:`RefusedFileError`
    saying why otherwise."""
    problem = size_problem(name, len(data), max_bytes)
    if problem:
        raise RefusedFileError(problem)
    suffix = PurePath(name).suffix.lower()
    if suffix in MACRO_SUFFIXES:
        raise RefusedFileError(
            f"Tệp “{name}” là tệp Office có macro ({suffix}), không được nhận vì macro có thể "
            "chạy mã độc. Hãy lưu lại dạng không có macro (.docx, .xlsx) rồi tải lên."
        )
    mime, found = _content_mime(data)
    kind = next((k for k in kinds if k.holds(mime)), None)
    labels = ", ".join(k.label for k in kinds)
    if kind is None:
        raise RefusedFileError(f"Tệp “{name}” không phải {labels} (xét theo nội dung tệp{found}).")
    if suffix not in kind.suffixes:
        raise RefusedFileError(
            f"Tệp “{name}” {f'có đuôi {suffix}' if suffix else 'không có đuôi'} nhưng nội dung "
            f"là {kind.label}. "
            f"Hãy đặt lại tên tệp với đuôi {' hoặc '.join(kind.suffixes)} rồi tải lên."
        )
    if not kind.zipped:
        if zipfile.is_zipfile(io.BytesIO(data)):
            # A PDF or picture with a ZIP archive behind it opens as either; kept, it would
            # carry the archive (a zip bomb, a program) past this check.
            raise RefusedFileError(
                f"Tệp “{name}” là {kind.label} nhưng có một tệp nén ZIP gắn ở cuối; không được "
                "nhận. Hãy lưu lại tệp từ chương trình đã tạo ra nó rồi tải lên."
            )
        if kind is DOC:
            _check_word_97(name, data)
        return kind
    try:
        with open_bounded_zip(data, ARCHIVE_LIMITS) as archive:
            macros = _has_macros(archive)
    except ArchiveError as refused:
        raise RefusedFileError(f"Tệp “{name}” {refused}.") from refused
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        ValueError,
        RuntimeError,
        NotImplementedError,
    ) as broken:
        raise RefusedFileError(f"Tệp “{name}” bị hỏng, không mở được.") from broken
    if macros:
        raise RefusedFileError(
            f"Tệp “{name}” có chứa macro, không được nhận vì macro có thể chạy mã độc. "
            "Hãy lưu lại dạng không có macro rồi tải lên."
        )
    return kind
