"""Hostile workbooks, built in the tests from the round's real workbook: a part replaced or
added, small on disk however much they declare."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping

TASK_PART = "xl/worksheets/sheet1.xml"
_SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def with_parts(data: bytes, parts: Mapping[str, bytes | Iterable[bytes]]) -> bytes:
    """``data`` with each part of ``parts`` replaced (or added); a part given as chunks is
    written as it streams, so a large part never sits in memory."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            if member.filename not in parts:
                target.writestr(member, source.read(member))
        for name, content in parts.items():
            with target.open(name, "w", force_zip64=False) as handle:
                for chunk in [content] if isinstance(content, bytes) else content:
                    handle.write(chunk)
    return out.getvalue()


def sheet(rows: Iterable[bytes], dimension: str = "A1:N3") -> Iterable[bytes]:
    """A task sheet's XML in chunks: its declared dimension, then ``rows`` (``<row>``
    elements) as they are given."""
    yield _SHEET_HEAD + f'<dimension ref="{dimension}"/><sheetData>'.encode()
    yield from rows
    yield b"</sheetData></worksheet>"


def numbered_rows(first: int, last: int) -> Iterable[bytes]:
    for r in range(first, last + 1):
        yield f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>0</v></c></row>'.encode()
