"""A task's deadline as the rules take it: the plan's time, and the day a granted extension
moved it to. Evaluation, the extension requests and every page that shows a deadline read it
from here, so the plan's day and the granted one are always the same two days."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from theodoi.evaluation.due import Due, DueDate, due_date
from theodoi.evaluation.errors import EvaluationInputError
from theodoi.plans.models import Task
from theodoi.reporting.models import DeadlineExtension, ExtensionState

# The task's columns a Due is made of, for ``.values()`` queries.
DUE_FIELDS = (
    "due_kind",
    "due_start_year",
    "due_end_year",
    "due_month",
    "due_quarter",
    "due_date",
    "due_condition",
    "condition_met_on",
)


def due_of(
    fields: Mapping[str, Any],
    *,
    as_of: datetime.date | None = None,
    extended_on: datetime.date | None = None,
) -> Due:
    """The task's time as the rules take it, from its :data:`DUE_FIELDS`; a condition met
    after ``as_of`` is not met yet. A time the records hold half-parsed (a kind without its
    year) is judged as unspecified rather than stopping the whole plan's evaluation."""
    met = fields["condition_met_on"]
    try:
        return Due(
            kind=fields["due_kind"],
            start_year=fields["due_start_year"],
            end_year=fields["due_end_year"],
            month=fields["due_month"],
            quarter=fields["due_quarter"],
            on=fields["due_date"],
            condition=fields["due_condition"] or None,
            condition_met_on=met if met and (as_of is None or met <= as_of) else None,
            extended_on=extended_on,
        )
    except EvaluationInputError:
        return Due(kind="unspecified")


def task_fields(task: Task) -> dict[str, Any]:
    return {name: getattr(task, name) for name in DUE_FIELDS}


def granted_deadlines(
    task_ids: Iterable[int], *, before: datetime.datetime | None = None
) -> dict[int, datetime.date]:
    """Each task's latest granted extension (decided before ``before``, when given)."""
    rows = DeadlineExtension.objects.filter(
        task_id__in=list(task_ids), state=ExtensionState.GRANTED
    )
    if before is not None:
        rows = rows.filter(decided_at__lt=before)
    granted: dict[int, datetime.date] = {}
    for task_id, on in rows.order_by("decided_at", "pk").values_list("task_id", "granted_on"):
        if on is not None:
            granted[task_id] = on
    return granted


@dataclass(frozen=True)
class Deadline:
    """What a page shows of a task's deadline: the day in force, and the plan's own day when
    an extension moved it."""

    due: DueDate

    @property
    def on(self) -> datetime.date | None:
        return self.due.on

    @property
    def original_on(self) -> datetime.date | None:
        return self.due.original_on

    @property
    def extended(self) -> bool:
        return self.due.extended


def deadline_of(task: Task, *, granted: datetime.date | None = None) -> Deadline:
    """``task``'s deadline today, with ``granted`` (its latest granted extension; looked up
    when not given)."""
    if granted is None:
        granted = granted_deadlines([task.pk]).get(task.pk)
    return Deadline(due_date(due_of(task_fields(task), extended_on=granted)))


def deadlines_of(tasks: Iterable[Task]) -> dict[int, Deadline]:
    """:func:`deadline_of` for many tasks, with one query for their extensions."""
    rows = list(tasks)
    granted = granted_deadlines(task.pk for task in rows)
    return {
        task.pk: Deadline(due_date(due_of(task_fields(task), extended_on=granted.get(task.pk))))
        for task in rows
    }
