"""How much an uploaded workbook may hold, checked while streaming through its XML parts with
expat, before openpyxl builds anything from them.

A sheet's declared size (``<dimension ref="A1:N2000000">``) is refused at once when it is
larger than the round's workbook can be; since a declaration can lie, every row and cell is
also counted as it streams past, and the parts together may hold only so many elements.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from xml.parsers import expat

from theodoi.files.zips import ZipLimits

# The round's workbook is a dozen parts of a few hundred kilobytes; Excel and LibreOffice add
# a few more when they save it.
WORKBOOK_ZIP = ZipLimits(members=100, inflated_bytes=20 * 1024 * 1024, ratio=100)
# An agency's 500 tasks of 15 cells are some 32,000 elements; ten times that is a hostile file.
MAX_ELEMENTS = 300_000
MAX_CELLS_PER_ROW = 256
MAX_DEPTH = 64
# Rows past the agency's own lines a reporter may leave in a sheet (notes, blank formatted
# rows); a row beyond them that holds a value refuses the file.
SPARE_ROWS = 500

_SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml", re.I)
_XML_PART = re.compile(r".*\.(xml|rels|vml)", re.I)
_LAST_ROW = re.compile(r"[A-Za-z]*(\d+)$")
_CHUNK = 64 * 1024


class UnreadableWorkbookError(Exception):
    """The workbook is refused as a whole; the message says why, in Vietnamese."""


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _row_number(text: str) -> int | None:
    """A row number as written in the XML; None when it is not one (a thousand digits count as
    too many rows, not as a number to convert)."""
    if not (text.isascii() and text.isdigit()):
        return None
    return int(text) if len(text) <= 9 else 10**9


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1]


def _too_many_rows(declared: bool, rows: int, max_rows: int) -> UnreadableWorkbookError:
    verb = "khai báo" if declared else "có dữ liệu tới"
    return UnreadableWorkbookError(
        f"Một trang của bảng tính {verb} dòng {_count(rows)}; bảng tính của kỳ báo cáo này có "
        f"không quá {_count(max_rows)} dòng. Hãy dùng bảng tính đã tải về, không thêm dòng."
    )


class _Scan:
    """Counts of one pass over the archive's XML parts."""

    def __init__(self, max_rows: int) -> None:
        self.max_rows = max_rows
        self.elements = 0

    def part(self, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:  # noqa: C901 - to be split (issue 11 note)
        sheet = bool(_SHEET_PART.fullmatch(member.filename))
        depth = 0
        row = 0
        cells = 0

        def start(name: str, attributes: dict[str, str]) -> None:
            nonlocal depth, row, cells
            depth += 1
            self.elements += 1
            if self.elements > MAX_ELEMENTS:
                raise UnreadableWorkbookError(
                    f"Bảng tính có quá nhiều phần tử (trên {_count(MAX_ELEMENTS)}); bảng tính "
                    "báo cáo của một đơn vị nhỏ hơn nhiều. Hãy dùng bảng tính đã tải về."
                )
            if depth > MAX_DEPTH:
                raise UnreadableWorkbookError("Bảng tính có cấu trúc lồng nhau bất thường.")
            if not sheet:
                return
            tag = _local(name)
            if tag == "row":
                given = _row_number(attributes.get("r", ""))
                row = row + 1 if given is None else given
                cells = 0
            elif tag == "c":
                cells += 1
                if cells > MAX_CELLS_PER_ROW:
                    raise UnreadableWorkbookError(
                        f"Dòng {_count(row)} của một trang có trên {MAX_CELLS_PER_ROW} ô; "
                        "bảng tính báo cáo không có dòng nào rộng như vậy."
                    )
            elif tag in ("v", "is", "f") and row > self.max_rows:
                raise _too_many_rows(False, row, self.max_rows)
            elif tag == "dimension":
                last = _LAST_ROW.search(attributes.get("ref", ""))
                declared = _row_number(last.group(1)) if last else None
                if declared is not None and declared > self.max_rows:
                    raise _too_many_rows(True, declared, self.max_rows)

        def end(name: str) -> None:
            nonlocal depth
            depth -= 1

        def no_doctype(*args: object) -> None:
            raise UnreadableWorkbookError(
                f"Phần {member.filename} của bảng tính có khai báo DOCTYPE, điều mà bảng tính "
                "Excel không bao giờ có; tệp bị từ chối."
            )

        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.StartDoctypeDeclHandler = no_doctype
        parser.EntityDeclHandler = no_doctype
        try:
            with archive.open(member) as stream:
                while chunk := stream.read(_CHUNK):
                    parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise UnreadableWorkbookError(
                f"Bảng tính bị hỏng: phần {member.filename} không phải XML hợp lệ "
                f"(hỏng ở dòng {exc.lineno}, cột {exc.offset + 1}). Hãy mở tệp bằng Excel "
                "hoặc LibreOffice, lưu lại rồi tải lên."
            ) from exc
        # zipfile reports a broken member in several ways: a bad checksum, a truncated
        # stream, an offset before the file (ValueError), a feature it lacks.
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
            ValueError,
            RuntimeError,
            NotImplementedError,
        ) as exc:
            raise UnreadableWorkbookError(
                f"Bảng tính bị hỏng: phần {member.filename} không giải nén được."
            ) from exc


def check_parts(archive: zipfile.ZipFile, *, max_rows: int) -> None:
    """Stream every XML part of ``archive`` once; :class:`UnreadableWorkbookError` when one is
    not well-formed XML, declares a DOCTYPE, or holds more than a workbook of ``max_rows``
    rows can."""
    scan = _Scan(max_rows)
    for member in archive.infolist():
        if _XML_PART.fullmatch(member.filename):
            scan.part(archive, member)
