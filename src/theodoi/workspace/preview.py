"""The import preview's tables, built from a draft's Plan JSON, and a new version's changes.

Each cell carries what to show, the text to edit, and why the extractor doubted it, so the
templates only lay cells out. Field names are those of ``theodoi.plans.importing.Correction``
(``due.text``, ``target.text``); lists of agencies are edited one name per line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from theodoi.plans.diff import EntryDiff, PlanDiff
from theodoi.plans.importing import indicator_json, task_json
from theodoi.plans.models import Indicator, Task

Columns = list[tuple[str, Promise]]

DOCUMENT_FIELDS: Columns = [
    ("number", _("Number")),
    ("title", _("Title")),
    ("issuer", _("Issued by")),
    ("province", _("Province")),
    ("issued_on", _("Issued on (YYYY-MM-DD)")),
    ("signer", _("Signed by")),
]
TASK_COLUMNS: Columns = [
    ("code", _("Code")),
    ("title", _("Task")),
    ("lead", _("Lead agency")),
    ("cooperating", _("Cooperating agencies")),
    ("due.text", _("Time")),
    ("expected_output", _("Expected output")),
]
INDICATOR_COLUMNS: Columns = [
    ("code", _("Code")),
    ("name", _("Indicator")),
    ("unit", _("Unit")),
    ("target.text", _("Target")),
    ("year", _("Year")),
    ("agencies", _("Responsible agencies")),
]
LIST_FIELDS = frozenset({"lead", "cooperating", "agencies"})
_LABELS: dict[str, Promise] = {
    **dict(TASK_COLUMNS),
    **dict(INDICATOR_COLUMNS),
    "group": _("Group"),
    "due": _("Time"),
    "target": _("Target"),
}


@dataclass(frozen=True)
class Cell:
    field: str
    label: Promise
    text: str  # as shown and as the edit box starts
    doubt: str  # why the extractor is unsure, or ""

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n") if self.text else []

    @property
    def is_list(self) -> bool:
        return self.field in LIST_FIELDS


@dataclass(frozen=True)
class Row:
    table: str
    index: int
    cells: list[Cell]


def cell_text(entry: dict[str, Any], field: str) -> str:
    """One field of a Plan JSON entry (dotted for nested ones) as a person would type it."""
    value: Any = entry
    for part in field.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    return "" if value is None else str(value)


def _doubt(entry: dict[str, Any], field: str) -> str:
    doubts = entry.get("doubts") or {}
    return str(doubts.get(field) or doubts.get(field.split(".")[0]) or "")


def _cells(entry: dict[str, Any], columns: Columns) -> list[Cell]:
    return [
        Cell(field=field, label=label, text=cell_text(entry, field), doubt=_doubt(entry, field))
        for field, label in columns
    ]


def rows(plan_json: dict[str, Any], table: str) -> list[Row]:
    columns = TASK_COLUMNS if table == "tasks" else INDICATOR_COLUMNS
    return [
        Row(table=table, index=index, cells=_cells(entry, columns))
        for index, entry in enumerate(plan_json.get(table) or [])
    ]


def document_cells(plan_json: dict[str, Any]) -> list[Cell]:
    return _cells(plan_json.get("document") or {}, DOCUMENT_FIELDS)


_COLUMNS = {"document": DOCUMENT_FIELDS, "tasks": TASK_COLUMNS, "indicators": INDICATOR_COLUMNS}


def find_cell(
    plan_json: dict[str, Any], table: str, row: int | None, field: str
) -> tuple[Cell, dict[str, Any]] | None:
    """One cell of the preview and the entry it belongs to; None when there is no such cell."""
    columns = dict(_COLUMNS.get(table, []))
    if field not in columns:
        return None
    if table == "document":
        entry = plan_json.get("document") or {}
    else:
        entries = plan_json.get(table) or []
        if row is None or not 0 <= row < len(entries):
            return None
        entry = entries[row]
    cell = Cell(field, columns[field], cell_text(entry, field), _doubt(entry, field))
    return cell, entry


def doubt_count(plan_json: dict[str, Any]) -> int:
    return sum(
        len(entry.get("doubts") or {})
        for table in ("tasks", "indicators")
        for entry in plan_json.get(table) or []
    )


@dataclass(frozen=True)
class FieldChange:
    label: Promise
    old: str
    new: str


@dataclass(frozen=True)
class Entry:
    code: str
    title: str
    changes: list[FieldChange]


@dataclass(frozen=True)
class TableDiff:
    added: list[Entry]
    removed: list[Entry]
    altered: list[Entry]
    unchanged: int


def _shown(field: str, value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("text") or "")
    return cell_text({field: value}, field).replace("\n", "; ")


def _table_diff(
    diff: EntryDiff, old: Sequence[dict[str, Any]], new: Sequence[dict[str, Any]], title: str
) -> TableDiff:
    def entry(data: dict[str, Any], changes: list[FieldChange] | None = None) -> Entry:
        return Entry(str(data.get("code") or ""), str(data.get(title) or ""), changes or [])

    return TableDiff(
        added=[entry(new[j]) for j in diff.added],
        removed=[entry(old[i]) for i in diff.removed],
        altered=[
            entry(
                new[change.new_index],
                [
                    FieldChange(_LABELS.get(name, name), _shown(name, c.old), _shown(name, c.new))
                    for name, c in change.changes.items()
                ],
            )
            for change in diff.altered
        ],
        unchanged=diff.unchanged,
    )


@dataclass(frozen=True)
class VersionDiff:
    tasks: TableDiff
    indicators: TableDiff
    is_empty: bool


def diff_view(
    diff: PlanDiff,
    *,
    old_tasks: Sequence[Task],
    old_indicators: Sequence[Indicator],
    plan_json: dict[str, Any],
) -> VersionDiff:
    """The changes of a new version, old indexes referring to the plan's live rows."""
    return VersionDiff(
        tasks=_table_diff(
            diff.tasks, [task_json(t) for t in old_tasks], plan_json.get("tasks") or [], "title"
        ),
        indicators=_table_diff(
            diff.indicators,
            [indicator_json(i) for i in old_indicators],
            plan_json.get("indicators") or [],
            "name",
        ),
        is_empty=diff.is_empty,
    )
