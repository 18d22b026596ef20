"""Bounds on a ZIP archive (.xlsx, .docx, .odt ...) checked from its directory before any
member is inflated: how many members, how large they grow, how far each one inflates.

A few kilobytes of ZIP can declare gigabytes (a "zip bomb"). Python's zipfile never inflates a
member past the size its directory declares (it stops there and the checksum fails), so
bounding the declared sizes bounds the work of whoever reads the members afterwards.
"""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import dataclass

_END_OF_DIRECTORY = struct.Struct("<4s4H2LH")
_END_SIGNATURE = b"PK\x05\x06"
# A directory entry is 46 bytes and a name; 1 KB each leaves room for long names and extras.
_DIRECTORY_BYTES_PER_MEMBER = 1024
# Members smaller than this cannot hurt however far they inflate; a tiny XML part often
# inflates ten or twenty times.
_RATIO_FLOOR = 64 * 1024


class ArchiveError(Exception):
    """The archive is not read. The message is a Vietnamese predicate ("có 5.000 phần bên
    trong; giới hạn là 100") for the caller to put after the file's name."""


class NotAnArchiveError(ArchiveError):
    """The bytes are no ZIP archive at all, or a broken one."""


@dataclass(frozen=True)
class ZipLimits:
    members: int
    inflated_bytes: int
    ratio: int


def _directory_size(data: bytes) -> int | None:
    """The size of the central directory the end record declares; None without one.
    zipfile reads that many bytes and builds an entry for each record in them."""
    at = data.rfind(_END_SIGNATURE, max(0, len(data) - _END_OF_DIRECTORY.size - 0xFFFF))
    if at < 0 or at + _END_OF_DIRECTORY.size > len(data):
        return None
    return int(_END_OF_DIRECTORY.unpack_from(data, at)[5])


def open_bounded_zip(data: bytes, limits: ZipLimits) -> zipfile.ZipFile:
    """The archive, opened once its directory is within ``limits``; :class:`ArchiveError`
    saying which bound it passes, :class:`NotAnArchiveError` when it is no ZIP."""
    directory = _directory_size(data)
    if directory is None:
        raise NotAnArchiveError("không phải tệp nén ZIP hợp lệ (hỏng hoặc bị cắt)")
    if directory > limits.members * _DIRECTORY_BYTES_PER_MEMBER:
        raise ArchiveError(
            f"có danh mục nén quá lớn; tệp hợp lệ có không quá {limits.members} phần bên trong"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise NotAnArchiveError("không phải tệp nén ZIP hợp lệ (hỏng hoặc bị cắt)") from exc
    problem = _problem(archive.infolist(), limits)
    if problem:
        archive.close()
        raise ArchiveError(problem)
    return archive


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _problem(members: list[zipfile.ZipInfo], limits: ZipLimits) -> str | None:
    if len(members) > limits.members:
        return f"có {_count(len(members))} phần bên trong; giới hạn là {limits.members}"
    inflated = 0
    for member in members:
        if member.flag_bits & 0x1:
            return f"có phần {member.filename} được đặt mật khẩu, không đọc được"
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return (
                f"dùng kiểu nén không thông dụng ở phần {member.filename}; hãy lưu lại tệp "
                "bằng Word, Excel hoặc LibreOffice"
            )
        inflated += member.file_size
        packed = max(member.compress_size, 1)
        if member.file_size > _RATIO_FLOOR and member.file_size > limits.ratio * packed:
            return (
                f"có phần {member.filename} giải nén ra gấp {_count(member.file_size // packed)}"
                f" lần (giới hạn {limits.ratio} lần): tệp nén bất thường, có thể là “bom nén”"
            )
    if inflated > limits.inflated_bytes:
        size = f"{inflated / 1024 / 1024:.1f}".replace(".", ",")
        return f"giải nén ra {size} MB; giới hạn là {limits.inflated_bytes // 1024 // 1024} MB"
    return None
