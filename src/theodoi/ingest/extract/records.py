"""A table read as the plan meant it: its kind (tasks or indicators), its group rows
(``I``, ``II`` …), and its rows, each cell under the column its header names.

Rows that continue on the next page (an empty ``TT`` cell) are joined to the row they
continue; a header repeated at a page break and a row of column numbers (``(1) (2) (3)``)
are read past.

A merged cell is read as a person reads it, whatever the format: a cell merged across is one
cell, under the column where it starts (a group row's title, a header over two columns); a
cell merged down belongs to every row it spans (one lead for several tasks), and a row whose
number (or, with no number column, title) is merged down from the row above is more of that
row, not another task.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Literal, TypeVar

from theodoi.ingest.blocks import Table
from theodoi.ingest.fields.agencies import split_agencies
from theodoi.ingest.fields.bodies import opens_with_body
from theodoi.ingest.tables import (
    Column,
    RebuiltTable,
    column_of,
    column_roles,
    header_year,
    is_group_number,
    is_header_row,
    is_indicator_header,
    row_number,
    title_prefix,
)
from theodoi.ingest.textnorm import fold_normalized

TableKind = Literal["tasks", "indicators"]
_T = TypeVar("_T")

_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_COLUMN_NUMBERS = re.compile(r"^\(?\d{1,2}\)?$")
# ``A. NHIỆM VỤ CHUNG``: capital letters number parts above the Roman groups in some tables.
_SECTION_LETTER = re.compile(r"^[A-H]\.?$")
_PERIOD = re.compile(r"^(đến|giai đoạn|năm|tầm nhìn|định hướng)\b.*\b(19|20)\d\d\b")
_AGENCY_COLUMNS = (Column.LEAD, Column.COOPERATING)


@dataclass
class TableGroup:
    code: str  # the Roman numeral as written, without its dot
    title: str
    year: int | None  # ``Đến năm 2030``: the year of the targets under it


@dataclass
class TableRow:
    number: str
    cells: dict[Column, str]
    targets: list[tuple[str, int | None]]  # target cells with the year their header names
    group: TableGroup | None
    doubts: dict[str, str] = field(default_factory=dict)
    kind: TableKind | None = None  # a row under ``B | NHIỆM VỤ`` of a table of targets


_PART_OF_KIND: list[tuple[re.Pattern[str], TableKind]] = [
    (re.compile(r"^(các |nhóm )?chỉ tiêu\b(?!.*nhiệm vụ)"), "indicators"),
    (re.compile(r"^(các |nhóm )?nhiệm vụ\b(?!.*chỉ tiêu)"), "tasks"),
]


def _part_kind(title: str) -> TableKind | None:
    """What a part of a table holds when its group row says it (``A | CHỈ TIÊU``, ``B |
    NHIỆM VỤ``): a plan may list its targets and its tasks in one table."""
    key = fold_normalized(title).strip(" .:")
    return next((kind for pattern, kind in _PART_OF_KIND if pattern.match(key)), None)


@dataclass
class ReadTable:
    kind: TableKind
    groups: list[TableGroup]
    rows: list[TableRow]
    due_year: int | None = None  # ``Thời gian thực hiện (năm 2026)``: the year of ``Tháng 3``
    title_prefix: str = ""  # ``Đối tượng kiểm tra``: each row's task is ``Kiểm tra …``
    restarted: bool = False  # the whole table numbers each group from 1 (``only`` keeps it)

    @cached_property
    def _parents(self) -> set[tuple[int, str]]:
        return {(id(o.group), o.number.rpartition(".")[0]) for o in self.rows}

    def has_sub_rows(self, row: TableRow) -> bool:
        """``7`` over ``7.1``, ``7.2`` (in the same group): a row that only names a topic."""
        return (id(row.group), row.number) in self._parents

    def only(self, kind: TableKind) -> ReadTable:
        """The rows of ``kind``: a row is of the kind its part says (``B | NHIỆM VỤ``), else
        of the table's. A task's row in a table of targets has its product in the target
        column (``Chỉ tiêu/Kết quả``)."""
        rows = [row for row in self.rows if (row.kind or self.kind) == kind]
        if kind == "tasks" and self.kind == "indicators":
            rows = [
                replace(row, cells={Column.OUTPUT: row.targets[0][0], **row.cells}, targets=[])
                if row.targets
                else row
                for row in rows
            ]
        held = {id(row.group) for row in rows}
        groups = [g for g in self.groups if id(g) in held]
        return replace(self, kind=kind, groups=groups, rows=rows, restarted=self.numbers_restart)

    @property
    def numbers_restart(self) -> bool:
        """Whether each group numbers its rows from 1 again (codes then need the group)."""
        numbers = [row.number for row in self.rows]
        return self.restarted or len(set(numbers)) < len(numbers)


def _once(table: Table, k: int) -> tuple[str, ...]:
    """Row ``k`` with each cell merged across read once, in the column where it starts."""
    return tuple(
        "" if table.continues_across(k, c) else text for c, text in enumerate(table.rows[k])
    )


def _header_index(table: Table) -> int | None:
    for k in range(min(len(table.rows), 5)):
        if is_header_row(_once(table, k)):
            return k
    return None


def _is_sub_header(cells: tuple[str, ...]) -> bool:
    """The second row of a two-row header (``Mục tiêu`` over ``Năm 2025 | Năm 2030``)."""
    filled = [c for c in cells if c.strip()]
    return len(filled) >= 2 and all(column_of(c) is not None or header_year(c) for c in filled)


def _headers(table: Table) -> tuple[int, list[str]] | None:
    """Where the rows start, and each column's header words (a two-row header joined)."""
    at = _header_index(table)
    if at is None:
        return None
    headers = list(_once(table, at))
    end = at + 1
    while end < len(table.rows) and _is_sub_header(_once(table, end)):
        below = _once(table, end)
        headers = [
            top if not bottom.strip() or bottom == top else f"{top} {bottom}".strip()
            for top, bottom in zip(headers, [*below, *[""] * len(headers)], strict=False)
        ]
        end += 1
    return end, headers


def _is_column_numbering(cells: tuple[str, ...]) -> bool:
    filled = [c for c in cells if c.strip()]
    return len(filled) >= 3 and all(_COLUMN_NUMBERS.match(c.strip()) for c in filled)


def _tail_repeats(title: str, addition: str) -> bool:
    """A continuation line that only repeats the end of the title (a page break printed the
    last line twice)."""
    added = fold_normalized(addition).split()
    tail = set(fold_normalized(title).split()[-(len(added) + 3) :])
    return bool(added) and sum(word in tail for word in added) >= 0.7 * len(added)


def _assigns(cells: dict[Column, str]) -> bool:
    return bool(cells.get(Column.LEAD) and cells.get(Column.DUE))


def _is_own_task(row: TableRow, cells: dict[Column, str]) -> bool:
    """An unnumbered row that is a task of its own under the numbered one above (``3 | Hỗ
    trợ doanh nghiệp … | Sở Công Thương | 2026 - 2030`` then `` | Hỗ trợ hợp tác xã … | Sở
    Nông nghiệp và Môi trường | 2026 - 2030``): both rows say who and when, and this one's
    words start a sentence. A row that completes one without them continues it."""
    title = cells.get(Column.TITLE, "")
    return _assigns(row.cells) and _assigns(cells) and title[:1].isupper()


def _continue(row: TableRow, cells: dict[Column, str], *, broken: bool = True) -> None:
    """Add the cells of a row that continues ``row``; ``broken`` when no merged cell says
    the two rows are one (then a sentence of its own is worth a look)."""
    for column, text in cells.items():
        text = text.strip()
        if not text:
            continue
        before = row.cells.get(column, "")
        if column in _AGENCY_COLUMNS:
            # The tail of an agency list cut by a page break: a word fragment, then names the
            # row already has, lands under whatever column; only new names are kept.
            known = {
                fold_normalized(a)
                for c in _AGENCY_COLUMNS
                for a in split_agencies(row.cells.get(c))
            }
            new = [
                a
                for a in split_agencies(text)
                if a[:1].isupper() and fold_normalized(a) not in known
            ]
            if new:
                row.cells[column] = "; ".join(filter(None, [before, *new]))
            continue
        if column is Column.TITLE and _tail_repeats(before, text):
            continue
        row.cells[column] = f"{before} {text}".strip()
    if broken and cells.get(Column.TITLE, "")[:1].isupper() and row.cells.get(Column.LEAD):
        # A sentence of its own glued to a row that already says who: worth a look.
        row.doubts.setdefault(
            "title", "Dòng không có số thứ tự đã được ghép vào nhiệm vụ ở trên; cần kiểm tra."
        )


def _heads_a_group(cells: dict[Column, str], read: ReadTable) -> bool:
    """An unnumbered row with only words in it opens a group when it comes first, is
    written in capitals (``NHÓM NHIỆM VỤ VỀ THỂ CHẾ``) or names a period (``Đến năm 2030``);
    otherwise it continues the row above on a new page."""
    title = cells.get(Column.TITLE, "")
    return (
        not read.rows
        or (title == title.upper() and any(ch.isalpha() for ch in title))
        or bool(_PERIOD.match(fold_normalized(title)))
    )


def _roles_from_cells(
    roles: list[Column | None], rows: tuple[tuple[str, ...], ...]
) -> list[Column | None]:
    """A task table without a lead column whose header names it in words of its own
    (``Cơ quan tham mưu``, ``Đơn vị``): the column whose cells name bodies is the lead."""
    if Column.LEAD in roles:
        return roles
    for k, role in enumerate(roles):
        if role not in (None, Column.UNIT):
            continue
        cells = [row[k].strip() for row in rows if k < len(row) and row[k].strip()]
        bodies = sum(opens_with_body(c) for c in cells)
        if cells and bodies >= 0.6 * len(cells):
            return [*roles[:k], Column.LEAD, *roles[k + 1 :]]
    return roles


# Cells a row of its kind always fills: an empty one under a page break is the rest of the
# cell above, merged down over the break (every task has a lead and a time; a target its unit).
_NEVER_EMPTY: dict[TableKind, tuple[Column, ...]] = {
    "tasks": (Column.LEAD, Column.DUE),
    "indicators": (Column.UNIT,),
}
_FIELD_OF = {
    Column.LEAD: "lead",
    Column.COOPERATING: "cooperating",
    Column.DUE: "due",
    Column.UNIT: "unit",
    Column.OUTPUT: "expected_output",
}


def _over_break(
    table: Table, k: int, roles: list[Column | None], kind: TableKind
) -> tuple[tuple[str, ...], dict[str, str]]:
    """Row ``k``'s cells with each empty cell that may go on from the row above over a page
    break (``Table.may_continue``) decided by its column, and a doubt for each: a column every
    row fills takes the text above, any other stays empty."""
    cells = list(_once(table, k))
    doubts: dict[str, str] = {}
    for r, c in table.may_continue:
        if r != k or c >= len(cells) or c >= len(roles) or (role := roles[c]) is None:
            continue
        name = _FIELD_OF.get(role)
        if role in _NEVER_EMPTY[kind]:
            cells[c] = table.rows[k - 1][c]
            if name:
                doubts[name] = (
                    "Ô đầu trang trống, đã lấy theo ô ở dòng trên (ô gộp qua trang); cần kiểm tra."
                )
        elif name:
            doubts[name] = (
                "Ô đầu trang trống; nếu đó là phần tiếp của ô gộp ở dòng trên thì cần sửa."
            )
    return tuple(cells), doubts


@dataclass(frozen=True)
class _Layout:
    """What a table's header says: where its rows start, each column's header words and
    role, and the columns that key a row (its number, else its title)."""

    kind: TableKind
    start: int
    headers: list[str]
    roles: list[Column | None]
    number_at: int | None
    key_at: int


def _layout(table: Table) -> _Layout | None:
    found = _headers(table)
    if found is None:
        return None
    start, headers = found
    roles = column_roles(headers)
    if Column.TITLE not in roles:
        return None
    kind: TableKind
    if is_indicator_header(headers):
        kind = "indicators"
    elif any(r in roles for r in (Column.LEAD, Column.COOPERATING, Column.DUE)):
        kind = "tasks"
        roles = _roles_from_cells(roles, table.rows[start:])
    else:
        return None
    number_at = roles.index(Column.NUMBER) if Column.NUMBER in roles else None
    key_at = number_at if number_at is not None else roles.index(Column.TITLE)
    return _Layout(kind, start, headers, roles, number_at, key_at)


def _header_value(layout: _Layout, role: Column, read: Callable[[str], _T], empty: _T) -> _T:
    """What the header of the column of ``role`` says (``header_year``, ``title_prefix``)."""
    headers = zip(layout.headers, layout.roles, strict=False)
    return next((read(h) for h, r in headers if r is role), empty)


_SPAN_END = re.compile(r"\b(kết thúc|đến)\b")


def _ends_a_span(header: str) -> bool:
    """A second time column that closes the span the first opens (``Thời gian kết thúc``
    after ``Thời gian bắt đầu``)."""
    return bool(_SPAN_END.search(fold_normalized(header)))


@dataclass
class _Row:
    """One row of the table's body as its cells say, before it is known what it is."""

    k: int
    cells: tuple[str, ...]
    by_role: dict[Column, str]
    targets: list[tuple[str, int | None]]
    raw_number: str
    number: str | None
    doubts: dict[str, str]

    @property
    def title_only(self) -> bool:
        """Words in the title cell and nothing in any other."""
        others = (text for column, text in self.by_role.items() if column is not Column.TITLE)
        return bool(self.by_role.get(Column.TITLE)) and not any(others) and not self.targets


class _Reader:
    """Reads a table's body row by row into ``out`` (module docstring)."""

    def __init__(self, table: Table, layout: _Layout) -> None:
        self.table, self.layout = table, layout
        self.guessed = table.guessed_rows if isinstance(table, RebuiltTable) else frozenset()
        self.group: TableGroup | None = None
        self.part: TableKind | None = None  # what the part the rows are in holds
        self.out = ReadTable(
            layout.kind,
            [],
            [],
            due_year=_header_value(layout, Column.DUE, header_year, None),
            title_prefix=_header_value(layout, Column.TITLE, title_prefix, ""),
        )

    def read(self) -> ReadTable:
        for k in range(self.layout.start, len(self.table.rows)):
            cells, doubts = _over_break(self.table, k, self.layout.roles, self.layout.kind)
            if (
                is_header_row(cells)
                or _is_column_numbering(cells)
                or not any(c.strip() for c in cells)
            ):
                continue
            if self.out.rows and self.table.continues_down(k, self.layout.key_at):
                self._merged_into_above(k, cells)
            else:
                self._row(self._cells(k, cells, doubts))
        return self.out

    def _cells(self, k: int, cells: tuple[str, ...], doubts: dict[str, str]) -> _Row:
        by_role: dict[Column, str] = {}
        targets: list[tuple[str, int | None]] = []
        for column, header, text in zip(
            self.layout.roles, self.layout.headers, cells, strict=False
        ):
            if column is Column.TARGET:
                if text.strip():
                    targets.append((text.strip(), header_year(header)))
            elif column is Column.DUE and column in by_role and _ends_a_span(header):
                # ``Thời gian bắt đầu | Thời gian kết thúc``: the time is the span.
                by_role[column] = " - ".join(t for t in (by_role[column], text.strip()) if t)
            elif column is not None and column is not Column.NUMBER and column not in by_role:
                by_role[column] = text.strip()
        at = self.layout.number_at
        raw_number = cells[at].strip() if at is not None else ""
        number = row_number(raw_number) if raw_number else None
        return _Row(k, cells, by_role, targets, raw_number, number, doubts)

    def _merged_into_above(self, k: int, cells: tuple[str, ...]) -> None:
        """A row whose number (or title) is merged down from the row above is more of it."""
        own: dict[Column, str] = {}
        for c, (column, text) in enumerate(zip(self.layout.roles, cells, strict=False)):
            if column is not None and column not in (Column.NUMBER, Column.TARGET, *own):
                own[column] = "" if self.table.continues_down(k, c) else text
        _continue(self.out.rows[-1], own, broken=False)

    def _row(self, row: _Row) -> None:
        if self._heads_group(row):
            self._group_row(row)
        elif not row.raw_number and self.out.rows and self.layout.number_at is not None:
            self._unnumbered_row(row)
        else:
            self._named_once_above(row)
            number = row.number or row.raw_number or str(len(self.out.rows) + 1)
            task = TableRow(number, row.by_role, row.targets, self.group, row.doubts, self.part)
            if row.k in self.guessed:
                task.doubts["row"] = (
                    "Dòng này thiếu ô trong bảng; các ô đã được xếp vào cột theo nội dung, "
                    "cần kiểm tra."
                )
            self.out.rows.append(task)

    def _named_once_above(self, row: _Row) -> None:
        """A table that lists the bodies or the times first and the tasks after (``TT | Cơ
        quan thực hiện | Nhiệm vụ | Thời hạn``, an inspection's ``TT | Thời gian | Đơn vị
        được kiểm tra | …``) names a body or a time once for its rows: its cell spans them in
        the office's file and is empty in the rows below when the text is typed or exported.
        An empty lead or time cell before the title is the one of the row above, in the same
        group."""
        roles = self.layout.roles
        above = self.out.rows[-1] if self.out.rows else None
        if above is None or above.group is not self.group or not row.by_role.get(Column.TITLE):
            return
        title_at = roles.index(Column.TITLE)
        for column in (Column.LEAD, Column.DUE):
            if column in roles[:title_at] and not row.by_role.get(column):
                row.by_role[column] = above.cells.get(column, "")

    def _heads_group(self, row: _Row) -> bool:
        """A Roman number, a capital letter, or words alone where a group may open."""
        if row.number is not None and is_group_number(row.number):
            return True
        if _SECTION_LETTER.match(row.raw_number):
            return True
        return row.title_only and (
            self.layout.number_at is None
            or (not row.raw_number and _heads_a_group(row.by_role, self.out))
        )

    def _group_row(self, row: _Row) -> None:
        title = row.by_role.get(Column.TITLE) or next(
            (c for c in row.cells if c.strip() and c != row.raw_number), ""
        )
        year = _YEAR.search(title)
        code = (row.number or row.raw_number.rstrip(".")) or str(len(self.out.groups) + 1)
        self.group = TableGroup(code, title.strip(), int(year.group(1)) if year else None)
        self.out.groups.append(self.group)
        self.part = _part_kind(title) or self.part
        if self.layout.kind == "tasks" and _assigns(row.by_role):
            # ``I | Ban hành quy định … | Vụ Pháp chế chủ trì … | Tháng 6``: a group row
            # that says who and when is a task too.
            self.out.rows.append(TableRow(code, row.by_role, row.targets, self.group))

    def _unnumbered_row(self, row: _Row) -> None:
        """A row with no number under a numbered one: a task of its own under it, or the
        rest of it on a new page."""
        previous = self.out.rows[-1]
        if _is_own_task(previous, row.by_role):
            siblings = sum(r.number.startswith(f"{previous.number}.") for r in self.out.rows)
            number = f"{previous.number.split('.')[0]}.{siblings + 1}"
            self.out.rows.append(TableRow(number, row.by_role, row.targets, self.group))
        else:
            _continue(previous, row.by_role)


def read_table(table: Table) -> ReadTable | None:
    """The table's kind, groups and rows; None for a table that is not a plan's list of
    tasks or indicators (no recognisable header)."""
    layout = _layout(table)
    return None if layout is None else _Reader(table, layout).read()
