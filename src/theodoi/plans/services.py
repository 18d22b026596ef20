"""Changes the coordinator makes to a published plan's tasks, outside a re-import. Each is
atomic, checks its preconditions, raises :class:`PlanError` in Vietnamese and leaves an audit
entry."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.plans.errors import PlanError
from theodoi.plans.models import DueKind, Indicator, Plan, Task
from theodoi.users import User

# Identifiers are short codes; a longer one is a mistake (a pasted paragraph).
EXTERNAL_ID_LIMIT = 100


def live_task(task: Task, plan: Plan | None = None) -> Task:
    """``task`` as it is now, locked for the caller's transaction: refused once archived, and
    when it is not part of ``plan`` (where one is given)."""
    rows = Task.objects.select_for_update().filter(pk=task.pk)
    locked = rows.filter(plan=plan).first() if plan is not None else rows.get()
    if locked is None:
        raise PlanError(_("This task is not part of plan %(plan)s.") % {"plan": plan})
    if locked.archived_at is not None:
        raise PlanError(_("Task %(code)s was removed from the plan.") % {"code": locked.code})
    return locked


def _set(
    task: Task,
    field: str,
    value: object,
    action: Action,
    *,
    by: User | None,
    now: datetime.datetime,
    shown: Callable[[Any], object] = lambda value: value,
) -> Task:
    """Store one field of a locked task and audit it, before and after as ``shown`` writes
    them."""
    before = shown(getattr(task, field))
    setattr(task, field, value)
    task.save(update_fields=[field])
    record(action, task, by=by, now=now, before={field: before}, after={field: shown(value)})
    return task


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


@transaction.atomic
def set_task_confidential(
    task: Task, confidential: bool, *, by: User | None, now: datetime.datetime
) -> Task:
    """Mark a task confidential (visible only to its agencies, the coordinator and leaders)
    or open it again."""
    return _set(
        live_task(task),
        "confidential",
        confidential,
        Action.TASK_CONFIDENTIALITY_SET,
        by=by,
        now=now,
    )


@transaction.atomic
def set_condition_met(
    task: Task,
    met_on: datetime.date | None,
    *,
    by: User | None,
    now: datetime.datetime,
) -> Task:
    """Record the day the higher decision a conditional task waits for was issued (None: not
    yet); from then on the task can be judged."""
    task = live_task(task)
    if task.due_kind != DueKind.CONDITIONAL and not task.due_condition:
        raise PlanError(_("Task %(code)s does not wait for a condition.") % {"code": task.code})
    if met_on is not None and met_on > timezone.localdate(now):
        raise PlanError(_("The date the condition was met cannot be in the future."))
    return _set(
        task, "condition_met_on", met_on, Action.TASK_CONDITION_MET, by=by, now=now, shown=_iso
    )


@transaction.atomic
def set_external_id(
    row: Task | Indicator,
    system: str,
    identifier: str,
    *,
    by: User | None,
    now: datetime.datetime,
) -> Task | Indicator:
    """Link a task or an indicator to its record in another system (``nq57``: the national
    NQ57 system's number; ``nq71``: its number under 71/NQ-CP); an empty identifier removes
    the link."""
    system, identifier = system.strip(), identifier.strip()
    if not system:
        raise PlanError(_("Name the system the identifier belongs to."))
    if len(system) > EXTERNAL_ID_LIMIT or len(identifier) > EXTERNAL_ID_LIMIT:
        raise PlanError(
            _("A system's name and an identifier are at most %(limit)s characters.")
            % {"limit": EXTERNAL_ID_LIMIT}
        )
    row = (
        live_task(row)
        if isinstance(row, Task)
        else Indicator.objects.select_for_update().get(pk=row.pk)
    )
    before = dict(row.external_ids)
    if identifier:
        row.external_ids[system] = identifier
    else:
        row.external_ids.pop(system, None)
    row.save(update_fields=["external_ids"])
    record(
        Action.TASK_EXTERNAL_ID_SET if isinstance(row, Task) else Action.INDICATOR_EXTERNAL_ID_SET,
        row,
        by=by,
        now=now,
        before=before,
        after=dict(row.external_ids),
    )
    return row
