"""Tasks: from a table of tasks when the plan has one, else from the lettered or numbered
items of its tasks-and-solutions part.

An item assigns its task in lines of its own (``- Cơ quan chủ trì: …``, ``- Cơ quan phối
hợp: …``, ``- Thời gian thực hiện: …``, ``- Sản phẩm: …``); what is left is the task's own
words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from theodoi.ingest.extract.records import ReadTable, TableRow
from theodoi.ingest.fields.agencies import split_agencies
from theodoi.ingest.fields.times import parse_due
from theodoi.ingest.plan import Due, Task
from theodoi.ingest.segment import Section
from theodoi.ingest.tables import Column

_FOOTNOTE = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]+")

# ``- Cơ quan chủ trì:``, ``Đơn vị phối hợp:``, ``Thời gian hoàn thành:``, ``Sản phẩm:``.
_ASSIGNMENT_LINES: list[tuple[re.Pattern[str], Column]] = [
    (
        re.compile(r"^[-+*•]?\s*((cơ quan|đơn vị)[^:]{0,20})?chủ trì[^:]{0,30}:\s*", re.I),
        Column.LEAD,
    ),
    (
        re.compile(r"^[-+*•]?\s*((cơ quan|đơn vị)[^:]{0,20})?phối hợp[^:]{0,30}:\s*", re.I),
        Column.COOPERATING,
    ),
    (re.compile(r"^[-+*•]?\s*(cơ quan|đơn vị)[^:]{0,20}thực hiện\s*:\s*", re.I), Column.LEAD),
    (re.compile(r"^[-+*•]?\s*(thời gian|thời hạn|tiến độ)[^:]{0,30}:\s*", re.I), Column.DUE),
    (re.compile(r"^[-+*•]?\s*(kết quả|sản phẩm)[^:]{0,30}:\s*", re.I), Column.OUTPUT),
]


def clean_title(text: str) -> str:
    """A task's words as written: footnote marks dropped, whitespace folded."""
    return " ".join(_FOOTNOTE.sub("", text).split())


def _due(text: str | None, doubts: dict[str, str]) -> Due:
    due = parse_due(text or None)
    if text and text.strip(" -") and due.kind == "unspecified":
        doubts["due"] = f"Không đọc được thời gian: “{text}”."
    return due


def _agencies(text: str | None, field_name: str, doubts: dict[str, str]) -> list[str]:
    agencies = split_agencies(text)
    if any(len(a.split()) > 14 for a in agencies):
        doubts[field_name] = "Ô cơ quan có câu dài, có thể chưa tách đúng từng cơ quan."
    return agencies


# --- from a table -----------------------------------------------------------------------------


def tasks_from_table(table: ReadTable, prefix: str) -> list[Task]:
    """One task per numbered row; ``prefix`` is the appendix's code (``PL2``)."""
    return [_task_from_row(row, prefix) for row in table.rows]


def _task_from_row(row: TableRow, prefix: str) -> Task:
    doubts = dict(row.doubts)
    cells = row.cells
    return Task(
        code=f"{prefix}.{row.number}" if prefix else row.number,
        group=row.group.code if row.group else None,
        title=clean_title(cells.get(Column.TITLE, "")),
        lead=_agencies(cells.get(Column.LEAD), "lead", doubts),
        cooperating=_agencies(cells.get(Column.COOPERATING), "cooperating", doubts),
        expected_output=clean_title(cells.get(Column.OUTPUT, "")) or None,
        due=_due(cells.get(Column.DUE), doubts),
        doubts=doubts,
    )


# --- from the narrative ---------------------------------------------------------------------


@dataclass
class Item:
    """A task item of the narrative: its own words and its assignment lines."""

    section: Section
    words: list[str]
    assignment: dict[Column, str]


def read_item(section: Section) -> Item:
    words = [section.title] if section.title else []
    assignment: dict[Column, str] = {}
    for text in section.paragraphs:
        for pattern, column in _ASSIGNMENT_LINES:
            match = pattern.match(text)
            if match:
                assignment.setdefault(column, text[match.end() :].strip())
                break
        else:
            words.append(text)
    return Item(section, words, assignment)


def is_assigned(section: Section) -> bool:
    """Whether a numbered item carries its own assignment lines (then it is a task even
    without lettered items under it)."""
    return bool(read_item(section).assignment)


def task_from_item(item: Item, group: str | None) -> Task:
    doubts: dict[str, str] = {}
    due_text = item.assignment.get(Column.DUE)
    return Task(
        code=item.section.code,
        group=group,
        title=clean_title(" ".join(item.words)),
        lead=_agencies(item.assignment.get(Column.LEAD), "lead", doubts),
        cooperating=_agencies(item.assignment.get(Column.COOPERATING), "cooperating", doubts),
        expected_output=item.assignment.get(Column.OUTPUT) or None,
        due=_due(due_text.rstrip(" .") if due_text else None, doubts),
        doubts=doubts,
    )


def task_items(group: Section) -> list[Section]:
    """The items of a group that are tasks: its lettered items, or its numbered sub-items
    that carry assignment lines, in document order (sub-groups are walked)."""
    out: list[Section] = []
    for child in group.children:
        if child.kind == "letter" or is_assigned(child):
            out.append(child)
        else:
            out.extend(task_items(child))
    return out
