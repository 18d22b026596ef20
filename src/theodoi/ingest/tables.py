"""Tables of a plan: what each column holds, read from its header words, and tables that a
copy from a portal or a PDF flattened to one cell per line, rebuilt.

Plans put their assignments in appendix tables (``DANH MỤC CÁC NHIỆM VỤ``, ``CÁC CHỈ TIÊU``)
whose columns vary from one issuer to the next (Nghị định 30/2020/NĐ-CP fixes the layout of
the document, not of its appendices): ``TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối
hợp | Thời gian hoàn thành``, sometimes with ``Kết quả``, ``Sản phẩm``, ``Nguồn kinh phí`` or
``Ghi chú``, in any order. Columns are therefore recognised by their header words only.

A flattened table (seed 004's appendices) is a header, one word group per line, then rows,
each opened by its row number (``1``, ``7.1``, a Roman ``II`` for a group). A row that lacks
a cell is not allowed to shift the others: each cell goes to the column whose content it
looks like (a time, an agency list, a figure, a unit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from theodoi.ingest.blocks import Block, Paragraph, Table
from theodoi.ingest.textnorm import fold_normalized


class Column(Enum):
    NUMBER = "number"
    TITLE = "title"
    LEAD = "lead"
    COOPERATING = "cooperating"
    DUE = "due"
    OUTPUT = "output"
    UNIT = "unit"
    TARGET = "target"
    IGNORED = "ignored"  # funding, notes, monitoring: read past, never mistaken for another


# Header words, tried in this order on the folded header (the first match wins, so
# ``Cơ quan chủ trì theo dõi, đánh giá`` is a lead column, not a monitoring one).
_HEADER_WORDS: list[tuple[re.Pattern[str], Column]] = [
    (re.compile(r"^(s?tt|số tt|số thứ tự)\.?$"), Column.NUMBER),
    (
        re.compile(
            r"chủ trì|chịu trách nhiệm|^(?!lãnh đạo|đồng chí|cấp ủy viên|ủy viên).*phụ trách$"
            r"|^trách nhiệm( thực hiện)?$"
            r"|^(cơ quan|đơn vị)(, đơn vị)? "
            r"(thực hiện|kiểm tra|giám sát)$|^(đoàn|tổ) (kiểm tra|giám sát|công tác)"
        ),
        Column.LEAD,
    ),
    (re.compile(r"phối hợp"), Column.COOPERATING),
    (re.compile(r"^(thời gian|thời hạn|tiến độ|lộ trình|năm hoàn thành)"), Column.DUE),
    (re.compile(r"^(đơn vị tính|đvt|đơn vị)$"), Column.UNIT),
    # Funding, notes, monitoring, and the baseline a target is measured from.
    (
        re.compile(
            r"kinh phí|nguồn vốn|dự toán|ghi chú|theo dõi|đôn đốc|cấp trình|hiện trạng|"
            # ``Đồng chí phụ trách``: the leader who oversees, a person, not the body that does
            r"^(lãnh đạo|đồng chí|cấp ủy viên|ủy viên)\b.*phụ trách$|"
            r"ước (thực hiện|đạt)|thực hiện năm|năm cơ sở|giá trị cơ sở|năm gốc"
        ),
        Column.IGNORED,
    ),
    (
        re.compile(
            r"^(mục tiêu|giá trị|chỉ tiêu (đến|năm|giai đoạn))|^(đến )?năm (19|20)\d\d$"
            # ``Chỉ tiêu/Kết quả``: a figure for a target's row, a product for a task's.
            r"|^chỉ tiêu\s*[/,]\s*(kết quả|sản phẩm)"
        ),
        Column.TARGET,
    ),
    (re.compile(r"^(kết quả|sản phẩm|hình thức)"), Column.OUTPUT),
    (
        re.compile(
            r"^(tên )?(nhiệm vụ|nội dung|chỉ tiêu|công việc|hoạt động|đề án|giải pháp)"
            r"|^(đối tượng|đơn vị được|cơ quan được|địa bàn) (kiểm tra|giám sát|khảo sát)"
            r"|^[^,;]{2,30} được (kiểm tra|giám sát|khảo sát)(,? (và )?(kiểm tra|giám sát))?$"
            r"|^[^;]{2,30} chịu sự (kiểm tra|giám sát)$"
        ),
        Column.TITLE,
    ),
]
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


# ``Chủ trì: Sở Tài chính``: a label with its value is a cell of a row, not a header.
_LABELLED = re.compile(r":\s*\w")


def column_of(header: str) -> Column | None:
    """The column a header cell names, or None when the words are not a header's."""
    if len(header) > 80:  # a header is a few words; most lines are not one
        return None
    key = fold_normalized(header).strip(" :")
    if not key or len(key) > 60 or _LABELLED.search(key):
        return None
    for pattern, column in _HEADER_WORDS:
        if pattern.search(key):
            return column
    return None


def is_indicator_header(headers: list[str]) -> bool:
    """An indicator table has a unit or a target column, or names its rows ``Chỉ tiêu`` and
    gives them no time or partners (those make it a table of tasks)."""
    columns = [column_of(h) for h in headers]
    if Column.UNIT in columns or Column.TARGET in columns:
        return True
    if Column.DUE in columns or Column.COOPERATING in columns:
        return False
    return any(
        c is Column.TITLE and fold_normalized(h).startswith("chỉ tiêu")
        for h, c in zip(headers, columns, strict=True)
    )


_BARE_YEAR = re.compile(r"^(19|20)\d\d$")


def column_roles(headers: list[str]) -> list[Column | None]:
    """The role of each header cell. In an indicator table the ``Kết quả`` column is the
    result aimed at, i.e. the target; in a task table it is the expected output. A header
    that is a year alone (``Chỉ tiêu | Đơn vị tính | 2026 | 2027``) is a target for that year
    in an indicator table, and nothing in any other."""
    roles = _own_title(headers, [column_of(h) for h in headers])
    if not is_indicator_header(headers):
        return roles
    roles = [
        Column.TARGET if r is None and _BARE_YEAR.match(h.strip()) else r
        for h, r in zip(headers, roles, strict=True)
    ]
    if Column.TARGET not in roles:
        roles = [Column.TARGET if r is Column.OUTPUT else r for r in roles]
    return roles


# ``Nhiệm vụ được giao tại Nghị quyết số 71/NQ-CP``: a column that names the task of the
# higher document which the row's own task carries out.
_CITES = re.compile(
    r"\b(tại|theo|trong)\s+(các\s+)?(nghị quyết|quyết định|chương trình|kế hoạch|chỉ thị"
    r"|kết luận|đề án)\b"
)


def _own_title(headers: list[str], roles: list[Column | None]) -> list[Column | None]:
    """Of two title columns, the one that cites the higher document (``Nhiệm vụ được giao
    tại Nghị quyết …`` beside ``Nhiệm vụ cụ thể của Bộ``) is read past: the row is the
    plan's own task."""
    titles = [k for k, role in enumerate(roles) if role is Column.TITLE]
    cited = {k for k in titles if _CITES.search(fold_normalized(headers[k]))}
    if len(titles) < 2 or not cited or cited == set(titles):
        return roles
    return [Column.IGNORED if k in cited else role for k, role in enumerate(roles)]


_INSPECTED = re.compile(
    r"^(?:đối tượng|đơn vị được|cơ quan được|địa bàn|[^,;]{2,30} được|[^;]{2,30} chịu sự)\s+"
    r"(?P<act>(?:kiểm tra|giám sát|khảo sát)"
    r"(?:,?\s*(?:và\s+)?(?:kiểm tra|giám sát|khảo sát))*)"
)


def title_prefix(header: str) -> str:
    """The act a schedule's title column names (``Đối tượng kiểm tra, giám sát``): each row
    is that act on the body it lists, so its task reads ``Kiểm tra, giám sát …``."""
    match = _INSPECTED.match(fold_normalized(header).strip(" :"))
    if match is None:
        return ""
    act = match.group("act")
    return act[:1].upper() + act[1:]


def header_year(header: str) -> int | None:
    """The year a target column is for (``Chỉ tiêu đến năm 2030``)."""
    match = _YEAR.search(header)
    return int(match.group(1)) if match else None


def is_header_row(cells: tuple[str, ...] | list[str]) -> bool:
    """A row of header words: at least three recognised, among them a title or a number."""
    roles = [column_of(c) for c in cells if c.strip()]
    known = [r for r in roles if r is not None]
    return (
        len(known) >= 3
        and len(known) * 2 >= len(roles)
        and (Column.TITLE in known or Column.NUMBER in known)
        # a numbered row is one of the rows, whatever words its cells open with
        and not any(row_number(c.strip()) for c in cells)
    )


# --- row numbers -------------------------------------------------------------------------

_ARABIC = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?$")
_ROMAN = re.compile(r"^([IVXL]{1,6})\.?$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman_value(numeral: str) -> int | None:
    """``IV`` -> 4; None for a string that is not a Roman numeral."""
    if not numeral or any(ch not in _ROMAN_VALUES for ch in numeral):
        return None
    total = 0
    for ch, nxt in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _ROMAN_VALUES[ch]
        total += -value if nxt and _ROMAN_VALUES[nxt] > value else value
    return total


def row_number(cell: str) -> str | None:
    """The row number a TT cell holds, without its final dot (``11.1``, ``IV``), or None."""
    text = cell.strip()
    match = _ARABIC.match(text) or _ROMAN.match(text)
    if match and (match.re is _ARABIC or roman_value(match.group(1))):
        return match.group(1)
    return None


def is_group_number(number: str) -> bool:
    return roman_value(number) is not None


_ROMAN_LETTERS = ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _next_roman(numeral: str | None) -> str:
    rest = (roman_value(numeral) or 0) + 1 if numeral else 1
    out = ""
    for value, letters in _ROMAN_LETTERS:
        while rest >= value:
            out += letters
            rest -= value
    return out


def successors(last: str | None, last_arabic: str | None, last_group: str | None) -> set[str]:
    """Row numbers that may open the next row: the next number at any level, a first
    sub-row, the next group; ``1`` only first or right after a group row (numbering may
    restart in each group)."""
    out = {_next_roman(last_group)}
    if last is None or is_group_number(last):
        out.add("1")
    if last_arabic is not None:
        parts = [int(p) for p in last_arabic.split(".")]
        if last == last_arabic:
            out.add(".".join(map(str, [*parts, 1])))
        for level in range(len(parts)):
            out.add(".".join(map(str, [*parts[:level], parts[level] + 1])))
    return out


# --- what a cell looks like --------------------------------------------------------------

# Words that open an agency's name. Words that as often open a task (``Tổ chức``, ``Hội
# nghị``, ``Đơn vị``) count only in a collective (``Các tổ chức``, ``các đơn vị``).
_AGENCY_START = re.compile(
    r"^((bộ|sở|ban|ủy ban|ubnd|hội đồng|văn phòng|cục|tổng cục|viện|đài|báo|thông tấn|"
    r"ngân hàng|công an|bộ chỉ huy|tòa án|viện kiểm sát|kho bạc|bảo hiểm|thanh tra|"
    r"liên đoàn|liên minh|liên hiệp|hiệp hội|mặt trận|tỉnh đoàn|chi cục|phòng|trung tâm|trường|"
    r"chính phủ|thủ tướng|tỉnh ủy|thành ủy|"
    r"huyện ủy|đảng ủy|vtv|vov|ttxvn)\b|(các|một số|những) )"
)
_TIME_WORDS = re.compile(
    r"^(năm|quý|tháng|trước|trong|từ|giai đoạn|thường xuyên|h[àằ]ng năm|định kỳ|"
    r"trình|sau khi|theo tiến độ|theo hướng dẫn|nhiệm vụ thường xuyên|\d{1,2}/(19|20)\d\d|"
    r"(19|20)\d\d)\b"
)
_FIGURE = re.compile(
    r"^(≥|≤|>=|<=|>|<|tối thiểu|tối đa|ít nhất|trên|dưới|khoảng|thuộc nhóm|"
    r"nhóm|top|đạt)?\s*\d"
)
_UNIT_WORDS = re.compile(
    r"%|^(thứ bậc|người|doanh nghiệp|tổ chức|số |tỷ đồng|triệu|"
    r"đồng|km|ha|tuyến|sàn|trung tâm|cơ sở|thành phố|chỉ số|lần|sản phẩm)"
)


def looks_like_agency(text: str) -> bool:
    key = fold_normalized(text)
    return key in {"-", ""} or bool(_AGENCY_START.match(key))


def looks_like_time(text: str) -> bool:
    return bool(_TIME_WORDS.match(fold_normalized(text)))


def looks_like_figure(text: str) -> bool:
    key = fold_normalized(text)
    return bool(_FIGURE.match(key)) or key.startswith(("thuộc nhóm", "đạt mức"))


def looks_like_unit(text: str) -> bool:
    key = fold_normalized(text)
    return (
        len(key.split()) <= 5
        and not looks_like_figure(text)
        and (bool(_UNIT_WORDS.search(key)) or len(key.split()) <= 2)
    )


def _fit(cell: str, column: Column | None, first: bool) -> float:
    """How well a cell's content fits a column (higher is better)."""
    words = len(cell.split())
    if column is Column.TITLE:
        return 3.0 if first else (1.0 if words > 6 else 0.0)
    if column in (Column.LEAD, Column.COOPERATING):
        bonus = 0.2 if column is Column.LEAD else 0.0  # a lone agency cell is the lead
        return (3.0 if looks_like_agency(cell) else 0.0) + bonus
    if column is Column.DUE:
        return 3.0 if looks_like_time(cell) else 0.0
    if column is Column.TARGET:
        return 3.0 if looks_like_figure(cell) else 0.5
    if column is Column.UNIT:
        return 2.0 if looks_like_unit(cell) else 0.0
    if column is Column.OUTPUT:
        return 0.5
    return 0.3


def place_cells(cells: list[str], roles: list[Column | None]) -> list[str]:
    """Put a row's cells (number excluded) under ``roles`` in order, leaving ``""`` where
    the row lacks a cell: the assignment, order kept, where the cells fit their columns
    best. Surplus cells (a title broken over two lines) are joined to the title."""
    width = len(roles)
    if len(cells) == width:
        return list(cells)
    if len(cells) > width:
        surplus = len(cells) - width + 1
        return [" ".join(cells[:surplus]), *cells[surplus:]]
    # best[i][j]: best score placing cells[:i] into roles[:j]
    m = len(cells)
    neg = float("-inf")
    best = [[neg] * (width + 1) for _ in range(m + 1)]
    choice: dict[tuple[int, int], bool] = {}
    for j in range(width + 1):
        best[0][j] = 0.0
    for i in range(1, m + 1):
        for j in range(i, width + 1):
            skip = best[i][j - 1]
            take = best[i - 1][j - 1] + _fit(cells[i - 1], roles[j - 1], i == 1)
            if take >= skip:
                best[i][j], choice[(i, j)] = take, True
            else:
                best[i][j], choice[(i, j)] = skip, False
    placed = [""] * width
    i, j = m, width
    while i > 0:
        if choice[(i, j)]:
            placed[j - 1] = cells[i - 1]
            i -= 1
        j -= 1
    return placed


# --- flattened tables ----------------------------------------------------------------------


@dataclass(frozen=True)
class RebuiltTable(Table):
    """A table rebuilt from lines; ``guessed_rows`` are the indexes of rows (in ``rows``)
    whose cells had to be placed by what they look like."""

    guessed_rows: frozenset[int] = field(default_factory=frozenset)


# What ends a flattened table: the signature, the next appendix, or the next part of the
# body (a Roman heading with its title, ``IV. TỔ CHỨC THỰC HIỆN``).
_END_OF_TABLE = re.compile(r"^(nơi nhận|t/?m\.?\s|k/?t\.?\s|phụ lục\b|[ivxl]{1,5}\s*[.\-/)]\s+\S)")


def _is_header_cell(text: str) -> bool:
    return column_of(text) not in (None, Column.NUMBER)


def _flattened_header(blocks: list[Block], start: int) -> tuple[list[str], int] | None:
    """The header cells of a flattened table starting at ``start``, and how many lines they
    take; None when no such header starts there.

    A header cell's words may wrap inside the cell (``Cơ quan`` / ``chủ trì``, ``Thời gian``
    / ``hoàn thành``); flattened, the rest comes on a line of its own that starts in lower
    case, as no header cell does. It is joined back to the line before it."""
    first = blocks[start]
    if (
        not isinstance(first, Paragraph)
        or len(first.text) > 12
        or column_of(first.text) is not Column.NUMBER
    ):
        return None
    headers = [first.text]
    end = start + 1
    while end < len(blocks) and isinstance(block := blocks[end], Paragraph):
        following = blocks[end + 1] if end + 1 < len(blocks) else None
        rest = following.text if isinstance(following, Paragraph) else ""
        if rest[:1].islower() and _is_header_cell(joined := f"{block.text} {rest}"):
            headers.append(joined)  # ``Cơ quan`` / ``chủ trì``
            end += 2
        elif _is_header_cell(block.text):
            headers.append(block.text)
            end += 1
        else:
            break
    if len(headers) < 3:
        return None
    return _without_spanning_cell(headers), end - start


def _without_spanning_cell(headers: list[str]) -> list[str]:
    """A two-row header flattened: ``Cơ quan thực hiện`` spans ``Chủ trì`` | ``Phối hợp``
    in the row under it, so it heads no column of its own."""
    roles = [column_of(h) for h in headers]
    return [
        header
        for k, header in enumerate(headers)
        if not (
            "thực hiện" in fold_normalized(header)
            and roles[k] is Column.LEAD
            and roles[k + 1 : k + 3] == [Column.LEAD, Column.COOPERATING]
        )
    ]


@dataclass
class _Cursor:
    """Where a flattened table's reading stands: the numbers opened so far."""

    last: str | None = None
    last_arabic: str | None = None
    last_group: str | None = None

    def opens(self, number: str) -> None:
        self.last = number
        if is_group_number(number):
            self.last_group = number
        else:
            self.last_arabic = number


def _opens_row(
    lines: list[str], k: int, current: list[str] | None, width: int, cursor: _Cursor
) -> bool:
    number = row_number(lines[k])
    if number is None:
        return False
    if current is not None and len(current) >= width:
        return True  # a full row: the next number opens a row even if one was skipped
    if number not in successors(cursor.last, cursor.last_arabic, cursor.last_group):
        return False
    if current is None or is_group_number(cursor.last or ""):
        return True
    if not current:
        return False
    # A figure that happens to be the next row number (a target ``8`` in row 7): it is a
    # cell when the line after it reads like one of the columns still to come.
    following = lines[k + 1] if k + 1 < len(lines) else ""
    return not following or not (
        looks_like_agency(following) or looks_like_time(following) or looks_like_figure(following)
    )


def _rebuild(headers: list[str], lines: list[str]) -> RebuiltTable:
    roles = column_roles(headers)
    number_at = roles.index(Column.NUMBER)
    cell_roles = [r for k, r in enumerate(roles) if k != number_at]
    width = len(cell_roles)
    raw_rows: list[tuple[str, list[str]]] = []
    cursor = _Cursor()
    for k, line in enumerate(lines):
        current = raw_rows[-1][1] if raw_rows else None
        if _opens_row(lines, k, current, width, cursor):
            number = row_number(line) or ""
            raw_rows.append((number, []))
            cursor.opens(number)
        elif raw_rows:
            raw_rows[-1][1].append(line)
    rows: list[tuple[str, ...]] = [tuple(headers)]
    guessed: set[int] = set()
    for number, cells in raw_rows:
        if is_group_number(number) or len(cells) <= 1:
            # A group row, or a row that only names what its sub-rows measure.
            placed = [" ".join(cells), *[""] * (width - 1)]
        else:
            placed = place_cells(cells, cell_roles)
            if len(cells) != width:
                guessed.add(len(rows))
        placed.insert(number_at, number)
        rows.append(tuple(placed))
    return RebuiltTable(rows=tuple(rows), guessed_rows=frozenset(guessed))


def rebuild_flattened_tables(blocks: list[Block]) -> list[Block]:
    """The blocks with every table written one cell per line replaced by a table."""
    out: list[Block] = []
    k = 0
    while k < len(blocks):
        header = _flattened_header(blocks, k)
        if header is None:
            out.append(blocks[k])
            k += 1
            continue
        headers, run = header
        end = k + run
        lines: list[str] = []
        while end < len(blocks):
            block = blocks[end]
            if not isinstance(block, Paragraph) or _END_OF_TABLE.match(fold_normalized(block.text)):
                break
            if _flattened_header(blocks, end):
                break
            lines.append(block.text)
            end += 1
        out.append(_rebuild(headers, lines))
        k = end
    return out
