"""Links from a plan's tasks to the tasks of the plans it implements (issue 12).

theodoi suggests them when either plan is published (evaluation.linking); the coordinator
confirms, rejects, or chooses a link herself. Only confirmed links count (coverage, roll-up).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.evaluation.linking import HigherTask, TitleIndex, suggest_links
from theodoi.plans.errors import PlanError
from theodoi.plans.models import LinkBasis, LinkState, Plan, Task, TaskLink
from theodoi.users import User


def _index(higher_plan: Plan) -> TitleIndex:
    return TitleIndex(
        HigherTask(str(task.pk), task.code, task.title)
        for task in higher_plan.tasks.filter(archived_at=None).only("pk", "code", "title")
    )


@transaction.atomic
def suggest_task_links(plan: Plan, *, now: datetime.datetime) -> int:
    """Suggest, for each live task of ``plan``, the tasks of the plans it implements that it
    carries out; returns how many suggestions are new. A pair already suggested, confirmed or
    rejected is left as it is, so running this again changes nothing."""
    made = 0
    tasks = list(plan.tasks.filter(archived_at=None).only("pk", "title", "expected_output"))
    for higher_plan in plan.implements.all():
        index = _index(higher_plan)
        known = set(
            TaskLink.objects.filter(task__plan=plan, higher__plan=higher_plan).values_list(
                "task_id", "higher_id"
            )
        )
        new = [
            TaskLink(
                task=task,
                higher_id=int(suggestion.key),
                state=LinkState.SUGGESTED,
                basis=LinkBasis(suggestion.basis.value),
                score=suggestion.score,
                created_at=now,
            )
            for task in tasks
            for suggestion in suggest_links(
                task.title,
                f"{task.title}\n{task.expected_output}",
                index,
                higher_number=higher_plan.number,
            )
            if (task.pk, int(suggestion.key)) not in known
        ]
        TaskLink.objects.bulk_create(new)
        made += len(new)
    if made:
        record(Action.LINKS_SUGGESTED, plan, by=None, now=now, after={"suggested": made})
    return made


def suggest_around(plan: Plan, *, now: datetime.datetime) -> None:
    """After ``plan`` is published: its own suggestions, and those of the plans that
    implement it and were published before it."""
    suggest_task_links(plan, now=now)
    for lower in plan.implemented_by.all():
        suggest_task_links(lower, now=now)


def _decide(
    link: TaskLink, state: LinkState, *, by: User | None, now: datetime.datetime
) -> tuple[TaskLink, dict[str, str], dict[str, object]]:
    """Set the link's state; returns it with what the audit entry says before and after."""
    link = TaskLink.objects.select_for_update().select_related("task", "higher").get(pk=link.pk)
    before = {"state": link.state}
    link.state = state
    link.decided_at = now
    link.decided_by = by
    link.save(update_fields=["state", "decided_at", "decided_by"])
    after = {"state": state.value, "higher": link.higher.code, "higher_id": link.higher_id}
    return link, before, after


def _require_implemented(task: Task, higher: Task) -> None:
    """PlanError unless ``higher`` is a task of a plan that ``task``'s plan implements."""
    if not task.plan.implements.filter(pk=higher.plan_id).exists():
        raise PlanError(
            _("Task %(code)s belongs to a plan that %(plan)s does not implement.")
            % {"code": higher.code, "plan": task.plan}
        )


@transaction.atomic
def confirm_task_link(link: TaskLink, *, by: User | None, now: datetime.datetime) -> TaskLink:
    """Confirm a link; refused when the link's plan no longer implements the higher plan (its
    list of higher plans changed since the suggestion)."""
    _require_implemented(link.task, link.higher)
    link, before, after = _decide(link, LinkState.CONFIRMED, by=by, now=now)
    record(Action.LINK_CONFIRMED, link.task, by=by, now=now, before=before, after=after)
    return link


@transaction.atomic
def reject_task_link(link: TaskLink, *, by: User | None, now: datetime.datetime) -> TaskLink:
    link, before, after = _decide(link, LinkState.REJECTED, by=by, now=now)
    record(Action.LINK_REJECTED, link.task, by=by, now=now, before=before, after=after)
    return link


@transaction.atomic
def link_task(task: Task, higher: Task, *, by: User | None, now: datetime.datetime) -> TaskLink:
    """The coordinator links a task to a higher task herself (confirmed at once)."""
    _require_implemented(task, higher)
    link, _created = TaskLink.objects.get_or_create(
        task=task,
        higher=higher,
        defaults={"state": LinkState.SUGGESTED, "basis": LinkBasis.CHOSEN, "created_at": now},
    )
    return confirm_task_link(link, by=by, now=now)
