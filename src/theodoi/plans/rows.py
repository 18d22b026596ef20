"""Writing a Plan JSON version into a plan's rows: groups, tasks and indicators updated in
place where matched, created, archived or deleted; used by :func:`publish_import` only."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.db import models

from theodoi.audit.log import entries_for
from theodoi.plans.models import (
    Indicator,
    IndicatorAgency,
    Plan,
    Task,
    TaskAgency,
    TaskGroup,
)


def _is_referenced(obj: models.Model, own: set[type[models.Model]]) -> bool:
    """Whether anything besides the plan's own rows points to ``obj`` (a report, a value, an
    audit entry): such a row is archived, never deleted."""
    if entries_for(obj).exists():
        return True
    for relation in obj._meta.related_objects:
        if relation.related_model in own or relation.many_to_many:
            continue
        accessor = relation.get_accessor_name()
        if accessor is None:
            continue
        related = getattr(obj, accessor, None)
        if relation.one_to_one:
            if related is not None:
                return True
        elif related is not None and related.exists():
            return True
    return False


def _free_key(code: str, taken: set[str]) -> str:
    key, n = code or "_", 2
    while key in taken:
        key, n = f"{code}~{n}", n + 1
    taken.add(key)
    return key


def set_task_fields(task: Task, entry: dict[str, Any], groups: dict[str, TaskGroup]) -> None:
    due = entry.get("due") or {}
    task.code = entry["code"]
    task.group = groups.get(entry.get("group") or "")
    task.title = entry["title"]
    task.expected_output = entry.get("expected_output") or ""
    task.due_text = due.get("text") or ""
    task.due_kind = due.get("kind") or "unspecified"
    task.due_start_year = due.get("start_year")
    task.due_end_year = due.get("end_year")
    task.due_month = due.get("month")
    task.due_quarter = due.get("quarter")
    task.due_date = datetime.date.fromisoformat(due["date"]) if due.get("date") else None
    task.due_condition = due.get("condition") or ""


def set_indicator_fields(indicator: Indicator, entry: dict[str, Any]) -> None:
    target = entry.get("target") or {}
    indicator.code = entry["code"]
    indicator.name = entry["name"]
    indicator.unit = entry.get("unit") or ""
    indicator.target_text = target.get("text") or ""
    indicator.comparator = target.get("op") or ""
    indicator.target = target.get("value")
    indicator.target_max = target.get("value_max")
    indicator.year = entry.get("year")


def sync_groups(plan: Plan, plan_json: dict[str, Any]) -> dict[str, TaskGroup]:
    existing = {g.code: g for g in plan.groups.all()}
    groups: dict[str, TaskGroup] = {}
    for position, entry in enumerate(plan_json.get("groups") or []):
        group = existing.pop(entry["code"], None) or TaskGroup(plan=plan, code=entry["code"])
        group.title, group.position = entry["title"], position
        group.save()
        groups[group.code] = group
    for stale in existing.values():
        if stale.tasks.exists():
            groups.setdefault(stale.code, stale)
        else:
            stale.delete()
    return groups


def sync_entries(
    plan: Plan,
    *,
    model: type[Task] | type[Indicator],
    old_rows: list[Any],
    new_entries: list[dict[str, Any]],
    matches: dict[int, int],
    set_fields: Callable[[Any, dict[str, Any]], None],
    mention_rows: Callable[[Any, dict[str, Any]], None],
    now: datetime.datetime,
) -> dict[str, int]:
    """Update matched rows in place (their pk and key survive), create the new ones, archive
    or delete the removed ones; then rewrite the agencies each row names."""
    taken = set(model.objects.filter(plan=plan).values_list("key", flat=True))
    counts = {"kept": 0, "added": 0, "archived": 0, "deleted": 0}
    for position, entry in enumerate(new_entries):
        if position in matches:
            row = old_rows[matches[position]]
            counts["kept"] += 1
        else:
            row = model(plan=plan, key=_free_key(entry["code"], taken))
            counts["added"] += 1
        set_fields(row, entry)
        row.position = position
        row.archived_at = None
        row.save()
        mention_rows(row, entry)
    matched = set(matches.values())
    own: set[type[models.Model]] = {TaskAgency, IndicatorAgency}
    for index, row in enumerate(old_rows):
        if index in matched:
            continue
        if _is_referenced(row, own):
            row.archived_at = now
            row.save(update_fields=["archived_at"])
            counts["archived"] += 1
        else:
            row.delete()
            counts["deleted"] += 1
    return counts
