"""What an uploaded file is, told from its content and its name together, and whether it may be
kept: the one check every upload of a document passes before it is stored.

The content decides the kind (``filetype`` reads the first bytes); the name must then agree
with it, so ``bao-cao.pdf.exe`` and a ZIP named ``zip.pdf`` are refused rather than kept under a
name that lies. Office and OpenDocument files are ZIP archives: they must stay within
``ARCHIVE_LIMITS`` (no "zip bomb") and carry no macros (a ``vbaProject.bin`` part, a
macro-enabled content type, OpenDocument's ``Basic/`` or ``Scripts/`` folders), whatever
their name says.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

import filetype

from theodoi.files.zips import ArchiveError, ZipLimits, open_bounded_zip

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
_HEAD = 8192


class RefusedFileError(Exception):
    """The file is not kept; the message names it and says why, in Vietnamese."""


@dataclass(frozen=True)
class FileKind:
    mime: str
    label: str
    suffixes: tuple[str, ...]
    zipped: bool = False  # an Office or OpenDocument file: a ZIP archive inside


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


def _has_macros(archive: zipfile.ZipFile) -> bool:
    names = [member.filename.lower() for member in archive.infolist()]
    if any(n.rsplit("/", 1)[-1] == "vbaproject.bin" or n.startswith(_MACRO_FOLDERS) for n in names):
        return True
    if _CONTENT_TYPES in archive.namelist():
        with archive.open(_CONTENT_TYPES) as stream:
            return b"macroenabled" in stream.read(1024 * 1024).lower()
    return False


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
    guess = filetype.guess(data[:_HEAD])
    kind = next((k for k in kinds if guess is not None and k.mime == guess.mime), None)
    labels = ", ".join(k.label for k in kinds)
    if kind is None:
        found = f" mà là {guess.extension.upper()}" if guess is not None else ""
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
