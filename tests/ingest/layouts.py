"""How a plan written as text is laid out when it is typed in Word (builders.py): which lines
form the header and signature blocks, which paragraphs Word numbers itself, and which cells of
a table are merged. Pure functions of the text's blocks, so that any case is laid out the
same way without a line of its own.

As Nghị định 30/2020/NĐ-CP, Phụ lục I lays a document out: the header block in a table with
no lines, issuer (and number) on the left, national motto (or ``ĐẢNG CỘNG SẢN VIỆT NAM``) and
place and date on the right; the signature block likewise, recipients on the left, the
signer's capacity and name on the right. Tables are merged as offices merge them: a two-row
header (``Đơn vị thực hiện`` over ``Chủ trì | Phối hợp``), a group row across the table, and
the same lead, partners, time or funding of consecutive rows in one cell down the column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from theodoi.ingest.blocks import Block, Paragraph, Table
from theodoi.ingest.tables import Column, column_of, is_group_number, row_number

MOTTOS = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM")
_RIGHT_OF_HEADER = re.compile(r"^(CỘNG HÒA XÃ HỘI|ĐẢNG CỘNG SẢN|Độc lập\s*-)")
_DATE_LINE = re.compile(r", ngày \d{1,2} tháng \d{1,2} năm \d{4}")
_NUMBER_LINE = re.compile(r"^(Số|V/v)\b")
_CAPACITY = re.compile(r"^(KT\.|TM\.|T/M|TL\.|Q\.)")
_BULLET = re.compile(r"^- (?=\S)")
_LETTER_ITEM = re.compile(r"^([a-d])\) (?=\S)")  # Word counts a, b, c, d, e: no đ
_ROMAN_HEADING = re.compile(r"^([IVX]+)\. (?=\S)")
_DECIMAL_ITEM = re.compile(r"^(\d{1,2})\. (?=\S)")
_ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass(frozen=True)
class Layout:
    """Cells of a borderless layout table: rows of cells, each cell a list of lines."""

    rows: tuple[tuple[tuple[str, ...], ...], ...]
    widths_cm: tuple[float, ...]


@dataclass(frozen=True)
class Numbered:
    """A paragraph Word numbers itself: ``kind`` is ``bullet`` or ``letter``, or ``roman``
    and ``decimal`` for the headings ``I.`` and ``1.`` that Word numbers through their
    paragraph styles (an outline: ``1.`` restarts under each ``I.``); ``run`` tells the
    lists apart (a new run restarts at a), or at I.)."""

    text: str
    kind: str
    run: int


@dataclass(frozen=True)
class Appendix:
    """Where an appendix starts: a new section, landscape when its tables are wide."""

    landscape: bool


Laid = Block | Layout | Numbered | Appendix


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _header(texts: list[str]) -> tuple[int, Layout] | None:
    """The header block: the lines before the date line, when a motto is among them."""
    end = next((k for k, t in enumerate(texts[:12]) if _DATE_LINE.search(t)), None)
    if end is None or not any(t in MOTTOS for t in texts[:end]):
        return None
    head = texts[: end + 1]
    right: list[str] = []
    left: list[str] = []
    side = left
    for text in head[:end]:
        # A rule (``-------``) is drawn under the line before it, on that line's side.
        if not re.fullmatch(r"-{3,}", text):
            side = right if _RIGHT_OF_HEADER.match(text) else left
        side.append(text)
    issuer = [t for t in left if not _NUMBER_LINE.match(t)]
    numbers = [t for t in left if _NUMBER_LINE.match(t)]
    rows = ((tuple(issuer), tuple(right)), (tuple(numbers), (head[end],)))
    return end + 1, Layout(rows, (6.5, 9.5))


def _signature(texts: list[str], start: int) -> tuple[int, Layout] | None:
    """The signature block from ``Nơi nhận:``: recipients | capacity lines and name."""
    end = start + 1
    while end < len(texts) and texts[end].startswith("- "):
        end += 1
    signer = end
    while signer < len(texts) and (_CAPACITY.match(texts[signer]) or _is_upper(texts[signer])):
        signer += 1
    if signer == end or signer >= len(texts) or _is_upper(texts[signer]):
        return None
    cells = (tuple(texts[start:end]), tuple(texts[end : signer + 1]))
    return signer + 1, Layout((cells,), (7.0, 9.0))


def _wide(blocks: list[Block], start: int) -> bool:
    return any(isinstance(b, Table) and len(b.rows[0]) >= 6 for b in blocks[start:])


def laid_out(blocks: list[Block]) -> list[Laid]:
    """The blocks of a text as Word would hold them (see the module's docstring)."""
    texts = [b.text if isinstance(b, Paragraph) else "" for b in blocks]
    out: list[Laid] = []
    k = 0
    header = _header(texts)
    if header is not None:
        k, block = header
        out.append(block)
    letters = 0  # the letter lists so far: each ``a)`` starts a new one
    expected = ""
    outlines = 0  # the outlines so far: a document attached to another starts at I. again
    roman = decimal = 0  # the numbers the outline's two levels gave last
    while k < len(blocks):
        block = blocks[k]
        text = texts[k]
        if text == "Nơi nhận:" and (signature := _signature(texts, k)) is not None:
            k, laid = signature
            out.append(laid)
            continue
        if isinstance(block, Paragraph) and text.startswith("PHỤ LỤC") and k > 0:
            out.append(Appendix(landscape=_wide(blocks, k)))
        letter = _LETTER_ITEM.match(text)
        if letter and letter.group(1) == "a":
            letters += 1
        heading = _ROMAN_HEADING.match(text) if isinstance(block, Paragraph) else None
        item = _DECIMAL_ITEM.match(text) if isinstance(block, Paragraph) else None
        if heading and heading.group(1) == "I":
            outlines, roman = outlines + 1, 0
        if heading and roman < len(_ROMANS) and heading.group(1) == _ROMANS[roman]:
            # Only the number Word would give: a typed number out of its order stays typed.
            out.append(Numbered(text[heading.end() :], "roman", outlines))
            roman, decimal = roman + 1, 0
        elif item and roman and int(item.group(1)) == decimal + 1:
            out.append(Numbered(text[item.end() :], "decimal", outlines))
            decimal += 1
        elif _BULLET.match(text):
            out.append(Numbered(text[2:], "bullet", 0))
        elif letter and letter.group(1) in ("a", expected):
            out.append(Numbered(text[3:], "letter", letters))
            expected = chr(ord(letter.group(1)) + 1)
        else:
            out.append(block)
        k += 1
    return out


# --- tables --------------------------------------------------------------------------------

_WIDTH_CM = {
    Column.NUMBER: 1.1,
    Column.LEAD: 3.0,
    Column.COOPERATING: 3.0,
    Column.DUE: 1.9,
    Column.OUTPUT: 2.8,
    Column.UNIT: 1.6,
    Column.TARGET: 1.9,
    Column.IGNORED: 2.0,
}


def column_widths(header: tuple[str, ...], room_cm: float) -> list[float]:
    """Centimetres per column: narrow number, time and unit columns as offices set them,
    the title column taking what is left (never under 4 cm: then every column shrinks)."""
    roles = [column_of(cell) for cell in header]
    widths = [_WIDTH_CM.get(role, 2.4) if role else 2.4 for role in roles]
    title = (
        roles.index(Column.TITLE)
        if Column.TITLE in roles
        else max(range(len(roles)), key=lambda k: widths[k])
    )
    rest = sum(w for k, w in enumerate(widths) if k != title)
    widths[title] = max(room_cm - rest, 4.0)
    scale = min(1.0, room_cm / sum(widths))
    return [w * scale for w in widths]


# Columns whose cells offices merge down over the rows that share them: who leads and who
# helps, when, and the funding or note; a task's title and product are its own.
_MERGED_DOWN = (Column.LEAD, Column.COOPERATING, Column.DUE, Column.IGNORED)


@dataclass(frozen=True)
class Merge:
    """Cells (row, column) to (row, column) made one, inclusive."""

    top: int
    left: int
    bottom: int
    right: int


def header_rows(table: Table) -> int:
    """1, or 2 when the second row names the parts of a cell of the first (``Đơn vị thực
    hiện`` over ``Chủ trì | Phối hợp``)."""
    if len(table.rows) < 2:
        return 1
    top, below = table.rows[0], table.rows[1]
    if below[0] or not any(below):
        return 1
    return (
        2
        if all(
            not cell or not top[c] or (c + 1 < len(top) and not top[c + 1])
            for c, cell in enumerate(below)
        )
        else 1
    )


def merges(table: Table) -> list[Merge]:  # noqa: C901 - to be split (issue 11 note)
    """The merged cells an office would make of this table (module docstring)."""
    rows = table.rows
    width = len(rows[0])
    out: list[Merge] = []
    heads = header_rows(table)
    if heads == 2:
        top = rows[0]
        c = 0
        while c < width:
            end = c
            while end + 1 < width and not top[end + 1] and rows[1][end + 1]:
                end += 1
            if end > c:
                out.append(Merge(0, c, 0, end))
            elif not rows[1][c]:
                out.append(Merge(0, c, 1, c))
            c = end + 1
    roles = [column_of(cell) for cell in rows[0]]
    groups: set[int] = set()
    for r in range(heads, len(rows)):
        cells = rows[r]
        filled = [c for c, text in enumerate(cells) if text]
        number = row_number(cells[0]) if cells[0] else None
        titled = [c for c in filled if c > 0]
        # A group: a Roman number, or no number and a title in capitals (``NHÓM …``).
        group = (number is not None and is_group_number(number)) or (
            not cells[0] and len(titled) == 1 and _is_upper(cells[titled[0]])
        )
        if group and len(titled) == 1 and titled[0] + 1 < width:
            out.append(Merge(r, titled[0], r, width - 1))
            groups.add(r)
    for c, role in enumerate(roles):
        if role not in _MERGED_DOWN:
            continue
        r = heads
        while r < len(rows):
            end = r
            while (
                end + 1 < len(rows)
                and r not in groups
                and end + 1 not in groups
                and rows[r][c]
                and rows[end + 1][c] == rows[r][c]
            ):
                end += 1
            if end > r:
                out.append(Merge(r, c, end, c))
            r = end + 1
    return out
