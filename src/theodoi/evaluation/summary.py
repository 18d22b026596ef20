"""Counts and shares of tasks by status and colour, per plan, group, agency or province: the
figures at the top of a dashboard."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from enum import Enum

from theodoi.evaluation.colour import Colour
from theodoi.evaluation.status import TaskJudgement, TaskStatus


@dataclass(frozen=True)
class TaskRecord:
    """A judged task with what it is summarised by."""

    judgement: TaskJudgement
    plan: str
    group: str | None = None
    province: str | None = None
    lead: tuple[str, ...] = ()


class Dimension(Enum):
    """What to summarise by. Groups are keyed ``(plan, group)`` because every plan reuses the
    same codes (``I``, ``II``); agencies by their lead role, so a task shared by two lead
    agencies counts for each."""

    PLAN = "plan"
    GROUP = "group"
    AGENCY = "agency"
    PROVINCE = "province"

    def keys(self, record: TaskRecord) -> tuple[Hashable, ...]:
        match self:
            case Dimension.PLAN:
                return (record.plan,)
            case Dimension.GROUP:
                return ((record.plan, record.group),)
            case Dimension.AGENCY:
                return record.lead
            case Dimension.PROVINCE:
                return (record.province,)


@dataclass(frozen=True)
class StatusSummary:
    """How many tasks are in each status and colour (every one listed, zeros too)."""

    total: int
    by_status: dict[TaskStatus, int]
    by_colour: dict[Colour, int]
    overdue: int  # past due and not done, whatever the status

    def share(self, status: TaskStatus) -> float:
        return self.by_status[status] / self.total if self.total else 0.0

    def colour_share(self, colour: Colour) -> float:
        return self.by_colour[colour] / self.total if self.total else 0.0


def summarise(judgements: Iterable[TaskJudgement]) -> StatusSummary:
    by_status = dict.fromkeys(TaskStatus, 0)
    by_colour = dict.fromkeys(Colour, 0)
    total = overdue = 0
    for judgement in judgements:
        total += 1
        by_status[judgement.status] += 1
        by_colour[judgement.colour] += 1
        overdue += judgement.overdue
    return StatusSummary(total, by_status, by_colour, overdue)


def summarise_by(
    records: Iterable[TaskRecord], dimension: Dimension
) -> dict[Hashable, StatusSummary]:
    """One summary per key, keys in the order they first appear (the plan's own order)."""
    grouped: dict[Hashable, list[TaskJudgement]] = {}
    for record in records:
        for key in dimension.keys(record):
            grouped.setdefault(key, []).append(record.judgement)
    return {key: summarise(judgements) for key, judgements in grouped.items()}
