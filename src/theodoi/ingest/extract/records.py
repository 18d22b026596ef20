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
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

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


@dataclass
class ReadTable:
    kind: TableKind
    groups: list[TableGroup]
    rows: list[TableRow]
    due_year: int | None = None  # ``Thời gian thực hiện (năm 2026)``: the year of ``Tháng 3``
    title_prefix: str = ""  # ``Đối tượng kiểm tra``: each row's task is ``Kiểm tra …``

    @cached_property
    def _parents(self) -> set[tuple[int, str]]:
        return {(id(o.group), o.number.rpartition(".")[0]) for o in self.rows}

    def has_sub_rows(self, row: TableRow) -> bool:
        """``7`` over ``7.1``, ``7.2`` (in the same group): a row that only names a topic."""
        return (id(row.group), row.number) in self._parents

    @property
    def numbers_restart(self) -> bool:
        """Whether each group numbers its rows from 1 again (codes then need the group)."""
        numbers = [row.number for row in self.rows]
        return len(set(numbers)) < len(numbers)


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


def read_table(table: Table) -> ReadTable | None:
    """The table's kind, groups and rows; None for a table that is not a plan's list of
    tasks or indicators (no recognisable header)."""
    found = _headers(table)
    if found is None:
        return None
    start, headers = found
    roles = column_roles(headers)
    if Column.TITLE not in roles:
        return None
    if is_indicator_header(headers):
        kind: TableKind = "indicators"
    elif any(r in roles for r in (Column.LEAD, Column.COOPERATING, Column.DUE)):
        kind = "tasks"
    else:
        return None
    if kind == "tasks":
        roles = _roles_from_cells(roles, table.rows[start:])
    guessed = table.guessed_rows if isinstance(table, RebuiltTable) else frozenset()
    number_at = roles.index(Column.NUMBER) if Column.NUMBER in roles else None
    key_at = number_at if number_at is not None else roles.index(Column.TITLE)
    out = ReadTable(
        kind,
        [],
        [],
        due_year=next(
            (header_year(h) for h, r in zip(headers, roles, strict=False) if r is Column.DUE), None
        ),
        title_prefix=next(
            (title_prefix(h) for h, r in zip(headers, roles, strict=False) if r is Column.TITLE), ""
        ),
    )
    group: TableGroup | None = None
    for k in range(start, len(table.rows)):
        cells, break_doubts = _over_break(table, k, roles, kind)
        if is_header_row(cells) or _is_column_numbering(cells) or not any(c.strip() for c in cells):
            continue
        if out.rows and table.continues_down(k, key_at):
            own: dict[Column, str] = {}
            for c, (column, text) in enumerate(zip(roles, cells, strict=False)):
                if column is not None and column not in (Column.NUMBER, Column.TARGET, *own):
                    own[column] = "" if table.continues_down(k, c) else text
            _continue(out.rows[-1], own, broken=False)
            continue
        by_role: dict[Column, str] = {}
        targets: list[tuple[str, int | None]] = []
        for column, header, text in zip(roles, headers, cells, strict=False):
            if column is Column.TARGET:
                if text.strip():
                    targets.append((text.strip(), header_year(header)))
            elif column is not None and column is not Column.NUMBER and column not in by_role:
                by_role[column] = text.strip()
        raw_number = cells[number_at].strip() if number_at is not None else ""
        number = row_number(raw_number) if raw_number else None
        title_only = (
            bool(by_role.get(Column.TITLE))
            and not any(text for column, text in by_role.items() if column is not Column.TITLE)
            and not targets
        )
        if (
            (number is not None and is_group_number(number))
            or _SECTION_LETTER.match(raw_number)
            or (
                title_only
                and (number_at is None or (not raw_number and _heads_a_group(by_role, out)))
            )
        ):
            title = by_role.get(Column.TITLE) or next(
                (c for c in cells if c.strip() and c != raw_number), ""
            )
            year = _YEAR.search(title)
            code = (number or raw_number.rstrip(".")) or str(len(out.groups) + 1)
            group = TableGroup(code, title.strip(), int(year.group(1)) if year else None)
            out.groups.append(group)
            if kind == "tasks" and _assigns(by_role):
                # ``I | Ban hành quy định … | Vụ Pháp chế chủ trì … | Tháng 6``: a group row
                # that says who and when is a task too.
                out.rows.append(TableRow(code, by_role, targets, group))
            continue
        if not raw_number and out.rows and number_at is not None:
            previous = out.rows[-1]
            if _is_own_task(previous, by_role):
                siblings = sum(r.number.startswith(f"{previous.number}.") for r in out.rows)
                number = f"{previous.number.split('.')[0]}.{siblings + 1}"
                out.rows.append(TableRow(number, by_role, targets, group))
            else:
                _continue(previous, by_role)
            continue
        row = TableRow(
            number or raw_number or str(len(out.rows) + 1), by_role, targets, group, break_doubts
        )
        if k in guessed:
            row.doubts["row"] = (
                "Dòng này thiếu ô trong bảng; các ô đã được xếp vào cột theo nội dung, "
                "cần kiểm tra."
            )
        out.rows.append(row)
    return out
