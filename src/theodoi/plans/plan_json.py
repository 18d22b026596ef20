"""Stored tasks and indicators written back as Plan JSON entries, names as the plan wrote
them: what a new version of the plan is compared with."""

from __future__ import annotations

from typing import Any

from theodoi.plans.models import AgencyRole, Indicator, Plan, Task


def _due_json(task: Task) -> dict[str, Any]:
    due: dict[str, Any] = {
        "text": task.due_text or None,
        "kind": task.due_kind,
        "start_year": task.due_start_year,
        "end_year": task.due_end_year,
        "date": task.due_date.isoformat() if task.due_date else None,
        "condition": task.due_condition or None,
    }
    if task.due_month is not None:
        due["month"] = task.due_month
    if task.due_quarter is not None:
        due["quarter"] = task.due_quarter
    return due


def live_tasks(plan: Plan) -> list[Task]:
    return list(
        plan.tasks.filter(archived_at__isnull=True)
        .select_related("group")
        .prefetch_related("agencies")
        .order_by("position")
    )


def live_indicators(plan: Plan) -> list[Indicator]:
    return list(
        plan.indicators.filter(archived_at__isnull=True)
        .prefetch_related("agencies")
        .order_by("position")
    )


def task_json(task: Task) -> dict[str, Any]:
    """A stored task as a Plan JSON entry, names as the plan wrote them."""
    agencies = sorted(task.agencies.all(), key=lambda a: a.position)
    return {
        "code": task.code,
        "group": task.group.code if task.group else None,
        "title": task.title,
        "lead": [a.name for a in agencies if a.role == AgencyRole.LEAD],
        "cooperating": [a.name for a in agencies if a.role == AgencyRole.COOPERATING],
        "expected_output": task.expected_output or None,
        "due": _due_json(task),
    }


def indicator_json(indicator: Indicator) -> dict[str, Any]:
    return {
        "code": indicator.code,
        "name": indicator.name,
        "unit": indicator.unit or None,
        "target": {
            "text": indicator.target_text or None,
            "op": indicator.comparator or None,
            "value": indicator.target,
            "value_max": indicator.target_max,
        },
        "year": indicator.year,
        "agencies": [a.name for a in sorted(indicator.agencies.all(), key=lambda a: a.position)],
    }
