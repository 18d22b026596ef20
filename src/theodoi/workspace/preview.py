"""The import preview's tables, built from a draft's Plan JSON, and a new version's changes.

Each cell carries what to show, the text to edit, and why the extractor doubted it, so the
templates only lay cells out. Field names are those of ``theodoi.plans.importing.Correction``
(``due.text``, ``target.text``); lists of agencies are edited one name per line.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from theodoi.evaluation.due import Due, due_date
from theodoi.evaluation.errors import EvaluationInputError
from theodoi.evaluation.wording import vn_date
from theodoi.ingest.fields.times import parse_due
from theodoi.plans.diff import EntryDiff, PlanDiff
from theodoi.plans.models import Indicator, Task
from theodoi.plans.plan_json import indicator_json, task_json

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
    reading: str = ""  # how a time is read, beside the time as written

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
    code: str
    group_code: str | None
    group: str | None  # the group heading shown above the row, when it opens a group

    @property
    def title(self) -> str:
        return next(c.text for c in self.cells if c.field in ("title", "name"))


def cell_text(entry: dict[str, Any], field: str) -> str:
    """One field of a Plan JSON entry (dotted for nested ones) as a person would type it."""
    value: Any = entry
    for part in field.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    return "" if value is None else str(value)


def _as_rule(due: dict[str, Any]) -> Due:
    on = due.get("date")
    try:
        return Due(
            kind=due.get("kind") or "unspecified",
            start_year=due.get("start_year"),
            end_year=due.get("end_year"),
            month=due.get("month"),
            quarter=due.get("quarter"),
            on=datetime.date.fromisoformat(on) if on else None,
            condition=due.get("condition"),
        )
    except (EvaluationInputError, ValueError):
        return Due(kind="unspecified")


def time_reading(due: dict[str, Any]) -> str:
    """How theodoi reads a time: the day it falls due, or why it has none."""
    if not due.get("text"):
        return ""
    if (due.get("kind") or "unspecified") == "unspecified":
        return gettext(
            "Not read as a time: it will never fall due. Type it as a year, a quarter, a "
            "month, a date or “Thường xuyên”."
        )
    return due_date(_as_rule(due)).why


def read_typed_time(text: str) -> str:
    """How a time being typed will be read, with the time parser extraction uses."""
    due = parse_due(text[:500] or None).to_dict()
    # What was typed counts as written even where the parser keeps no text of it.
    return time_reading({**due, "text": text.strip() or None})


def _before_the_plan(due: dict[str, Any], issued_on: str | None) -> str:
    """A deadline before the plan's own date is most likely the date of a document the plan
    cites (``Nghị định 52/2015/NĐ-CP ngày 28/5/2015``), not a deadline."""
    if not issued_on or not due.get("text"):
        return ""
    try:
        issued = datetime.date.fromisoformat(issued_on)
    except ValueError:
        return ""
    day = due_date(_as_rule(due)).on
    if day is None or day >= issued:
        return ""
    return gettext(
        "This deadline (%(day)s) falls before the plan was issued (%(issued)s): it may be the "
        "date of a document the plan cites. Check the time against the document."
    ) % {"day": vn_date(day), "issued": vn_date(issued)}


def _doubt(entry: dict[str, Any], field: str, issued_on: str | None = None) -> str:
    doubts = entry.get("doubts") or {}
    doubt = str(doubts.get(field) or doubts.get(field.split(".")[0]) or "")
    if not doubt and field == "due.text":
        doubt = _before_the_plan(entry.get("due") or {}, issued_on)
    return doubt


def _cells(entry: dict[str, Any], columns: Columns, issued_on: str | None = None) -> list[Cell]:
    return [
        Cell(
            field=field,
            label=label,
            text=cell_text(entry, field),
            doubt=_doubt(entry, field, issued_on),
            reading=time_reading(entry.get("due") or {}) if field == "due.text" else "",
        )
        for field, label in columns
    ]


def group_titles(plan_json: dict[str, Any]) -> dict[str, str]:
    return {str(g["code"]): str(g.get("title") or "") for g in plan_json.get("groups") or []}


def rows(plan_json: dict[str, Any], table: str) -> list[Row]:
    """The rows of a table; a task that opens a group carries the group's heading."""
    columns = TASK_COLUMNS if table == "tasks" else INDICATOR_COLUMNS
    issued_on = (plan_json.get("document") or {}).get("issued_on")
    groups = group_titles(plan_json)
    out: list[Row] = []
    previous: object = object()
    for index, entry in enumerate(plan_json.get(table) or []):
        group = entry.get("group") if table == "tasks" else None
        heading = None
        if table == "tasks" and group != previous:
            heading = f"{group}. {groups.get(group, '')}".strip(" .") if group else ""
            previous = group
        out.append(
            Row(
                table=table,
                index=index,
                cells=_cells(entry, columns, issued_on),
                code=str(entry.get("code") or ""),
                group_code=group,
                group=heading,
            )
        )
    return out


def document_cells(plan_json: dict[str, Any]) -> list[Cell]:
    return _cells(plan_json.get("document") or {}, DOCUMENT_FIELDS)


@dataclass(frozen=True)
class IndicatorGaps:
    """Indicators nobody can report on: without a responsible agency, or without a year."""

    no_agency: list[int]
    no_year: list[int]
    period_year: int | None  # the last year of the plan's own period, from its title

    @property
    def any(self) -> bool:
        return bool(self.no_agency or self.no_year)


def indicator_gaps(plan_json: dict[str, Any]) -> IndicatorGaps:
    indicators = plan_json.get("indicators") or []
    title = (plan_json.get("document") or {}).get("title") or ""
    period = parse_due(title) if title else None
    return IndicatorGaps(
        no_agency=[i for i, e in enumerate(indicators) if not e.get("agencies")],
        no_year=[i for i, e in enumerate(indicators) if e.get("year") is None],
        period_year=(period.end_year or period.start_year) if period else None,
    )


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
    issued_on = (plan_json.get("document") or {}).get("issued_on")
    return _cells(entry, [(field, columns[field])], issued_on)[0], entry


def doubt_count(plan_json: dict[str, Any]) -> int:
    issued_on = (plan_json.get("document") or {}).get("issued_on")
    return sum(
        len(entry.get("doubts") or {})
        + bool(
            table == "tasks"
            and not entry.get("doubts", {}).get("due")
            and _before_the_plan(entry.get("due") or {}, issued_on)
        )
        for table in ("tasks", "indicators")
        for entry in plan_json.get(table) or []
    )


@dataclass(frozen=True)
class FieldChange:
    label: str | Promise  # the field's own name when it has no label
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
