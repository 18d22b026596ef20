"""An agency's score as a page explains it: its row of a ranking (a snapshot's or a published
copy) with the lines behind each component, each line naming its task or indicator.

A task the reader may not see (a confidential one, for the public) is counted but not named.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from theodoi.evaluation import Component
from theodoi.plans.models import Plan
from theodoi.snapshots.results import ComponentResult, RankedAgency, ScoreLineResult


@dataclass(frozen=True)
class Line:
    code: str
    title: str | None  # None: a task the reader may not see
    role: str
    note: str
    earned: float
    possible: float
    met: bool


@dataclass(frozen=True)
class Part:
    component: Component
    result: ComponentResult | None
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Explanation:
    row: RankedAgency
    parts: tuple[Part, ...]

    @property
    def itemised(self) -> bool:
        """The row holds its lines (rows stored before lines were kept do not)."""
        return "lines" in self.row


def find_row(ranking: Iterable[RankedAgency], agency_id: int) -> RankedAgency | None:
    return next((r for r in ranking if r["agency"] == agency_id), None)


def explain_row(row: RankedAgency, plan: Plan, *, shown_tasks: Collection[int]) -> Explanation:
    """``row`` explained, naming the tasks in ``shown_tasks`` and every indicator of ``plan``."""
    lines: list[ScoreLineResult] = list(row.get("lines", []))
    task_ids = {line["id"] for line in lines if line["kind"] == "task"}
    indicator_ids = {line["id"] for line in lines if line["kind"] == "indicator"}
    tasks = {
        pk: (code, title)
        for pk, code, title in plan.tasks.filter(pk__in=task_ids).values_list("pk", "code", "title")
    }
    indicators = {
        pk: (code, name)
        for pk, code, name in plan.indicators.filter(pk__in=indicator_ids).values_list(
            "pk", "code", "name"
        )
    }
    results = {c["code"]: c for c in row["components"]}
    parts = []
    for component in Component:
        mine = []
        for line in lines:
            if line["component"] != component.code:
                continue
            names = tasks if line["kind"] == "task" else indicators
            code, title = names.get(line["id"], ("", None))
            hidden = line["kind"] == "task" and line["id"] not in shown_tasks
            mine.append(
                Line(
                    code=code,
                    title=None if hidden else title,
                    role=line["role"],
                    note=line["note"],
                    earned=line["earned"],
                    possible=line["possible"],
                    met=line["met"],
                )
            )
        parts.append(Part(component, results.get(component.code), tuple(mine)))
    return Explanation(row, tuple(parts))
