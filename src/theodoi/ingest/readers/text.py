"""Plain text (.txt, or text pasted from a portal): one paragraph per line, Markdown pipe
tables as tables.

Only Unicode is accepted. Vietnamese text in an old 8-bit encoding (TCVN3, VNI,
Windows-1258) would be read as garbage that looks almost right, so it is refused instead.
"""

from __future__ import annotations

import codecs
import re

from theodoi.ingest.blocks import Block, Paragraph, SourceText, Table
from theodoi.ingest.chrome import strip_chrome
from theodoi.ingest.errors import UnreadableInput
from theodoi.ingest.textnorm import normalize_text

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_ALIGNMENT_ROW = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")
_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")
# C0 control characters other than tab, line feed, form feed and carriage return do not occur
# in a text document; many of them mean the file is binary.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def decode(data: bytes, name: str = "") -> str:
    """Bytes of a text file as text: UTF-8 (with or without BOM) or UTF-16 with BOM."""
    label = f"Tệp {name}" if name else "Tệp"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise UnreadableInput(
                f"{label} bắt đầu bằng dấu UTF-16 nhưng nội dung hỏng ở byte {err.start}."
            ) from err
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise UnreadableInput(
                f"{label} không phải văn bản Unicode (UTF-8 hoặc UTF-16): byte {err.start} "
                "không đọc được. Nếu văn bản gõ bằng bảng mã cũ (TCVN3, VNI), hãy chuyển sang "
                "Unicode rồi lưu lại dạng UTF-8."
            ) from err
    if len(_CONTROL.findall(text[:65536])) > 8:
        raise UnreadableInput(f"{label} là tệp nhị phân, không phải văn bản.")
    return text


def _cells(line: str) -> tuple[str, ...]:
    inner = line.strip()[1:-1]
    return tuple(cell.replace("\\|", "|").strip() for cell in _CELL_SEPARATOR.split(inner))


def _table(lines: list[str]) -> Table:
    rows = [_cells(line) for line in lines if not _ALIGNMENT_ROW.match(line)]
    width = max(len(row) for row in rows)
    return Table(rows=tuple(row + ("",) * (width - len(row)) for row in rows))


# ``TỈNH ỦY BẮC NINH | ĐẢNG CỘNG SẢN VIỆT NAM``, ``Số: 130/KH-UBND | Ninh Bình, ngày …``,
# ``ỦY BAN NHÂN DÂN |``: a two-column layout (the header's) copied flat from a portal, one
# row per line with its cells split by a bar and no bar in front.
_FLAT_ROW = re.compile(r"^(?P<left>[^|]+?)\s*\|\s*(?P<right>[^|]*?)\s*\|?\s*$")


# A table copied from a web page or a Word file without its borders: one row per line, cells
# split by tabs or by bars with no bar at either end (``1 | Xây dựng … | Sở Tài chính |
# Quý II/2026``). A line alone like that is a menu or a header's two columns; a run of such
# lines, at least two of them with three cells or more, is a table.
_BARE_ALIGNMENT = re.compile(r"^[\s|:-]*-{3,}[\s|:-]*$")


def _tabs_as_bars(line: str) -> str:
    """A line whose cells are split by tabs, with the cells split by bars instead (tabs are
    spaces once the text is normalised); a line indented with tabs keeps its text."""
    text = line.lstrip(" \t")
    if "\t" not in text:
        return line
    return " | ".join(cell.strip().replace("|", "\\|") for cell in text.split("\t"))


def _bars(line: str) -> int:
    return len(_CELL_SEPARATOR.findall(line))


def _bare_rows(lines: list[str]) -> set[int]:
    """The lines that are rows of a table with no outer bars: runs of lines with a bar
    (not portal chrome), at least two of them with three cells or more."""
    rows: set[int] = set()
    run: list[int] = []
    for k, line in enumerate([*lines, ""]):
        if _bars(line) and not _PIPE_ROW.match(line) and strip_chrome(line):
            run.append(k)
            continue
        if sum(_bars(lines[j]) >= 2 for j in run) >= 2:
            rows.update(run)
        run = []
    return rows


def _flat_cells(line: str) -> list[str]:
    """A line of a flattened two-column layout as its cells; any other line as itself."""
    match = _FLAT_ROW.match(line)
    if match is None:
        return [line]
    return [cell for cell in (match.group("left"), match.group("right")) if cell]


def parse_text(text: str) -> list[Block]:
    """Blocks of a text: each non-empty line a paragraph (each cell of a two-column row
    copied flat), each run of pipe lines a table (blank lines inside the run do not break
    it) and so each run of rows split by bars or tabs only, portal chrome dropped."""
    # Every line break Python knows (form feeds between pdftotext's pages too) becomes a plain
    # one, then the whole text is normalised at once: far cheaper than line by line.
    normal = normalize_text("\n".join(_tabs_as_bars(line) for line in text.splitlines()))
    lines = normal.split("\n")
    bare = _bare_rows(lines)
    blocks: list[Block] = []
    pending: list[str] = []
    for k, line in enumerate(lines):
        if k in bare:
            if not _BARE_ALIGNMENT.match(line):
                pending.append(f"| {line} |")
            continue
        if _PIPE_ROW.match(line) and line.count("|") >= 2:
            pending.append(line)
            continue
        if not line:
            continue
        if pending:
            blocks.append(_table(pending))
            pending = []
        for cell in _flat_cells(line):
            if kept := strip_chrome(cell):
                blocks.append(Paragraph(kept))
    if pending:
        blocks.append(_table(pending))
    return blocks


def read_text(text: str, name: str = "") -> SourceText:
    """A document given as text (already decoded)."""
    return SourceText(name=name, blocks=parse_text(text))
