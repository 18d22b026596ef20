"""Who sees and edits which plans and tasks: written once, called by every page and the API.

An outsider asking for a task it may not see gets 404 (its existence is not disclosed); a
role that may read but not write gets 403 (DESIGN.md: confidential tasks are visible only to
their agencies, the coordinator and leaders)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from theodoi.orgs.models import Role
from theodoi.orgs.roles import persona_of
from theodoi.plans.models import PLAN_DOCUMENTS, Indicator, Plan, PlanStatus, Task
from theodoi.users import AnyUser


def visible_plans(user: AnyUser) -> QuerySet[Plan]:
    """Drafts only to admins, coordinators and leaders; published plans to everyone."""
    persona = persona_of(user)
    if persona.is_staff_reader:
        return Plan.objects.all()
    return Plan.objects.filter(status=PlanStatus.PUBLISHED)


def visible_tasks(user: AnyUser) -> QuerySet[Task]:
    """Live (not archived) tasks the user may read.

    A reporter reads only the tasks its organisation (or a body it succeeded) leads or
    cooperates on; the public reads the published, non-confidential ones."""
    persona = persona_of(user)
    tasks = Task.objects.filter(archived_at__isnull=True)
    if persona.is_staff_reader:
        return tasks
    tasks = tasks.filter(plan__status=PlanStatus.PUBLISHED)
    if persona.role == Role.REPORTER and persona.organisation is not None:
        lineage = persona.organisation.lineage_ids()
        return tasks.filter(agencies__organisation_id__in=lineage).distinct()
    return tasks.filter(confidential=False)


def _count_per_plan(rows: QuerySet[Any]) -> Coalesce:
    per_plan = (
        rows.filter(plan=OuterRef("pk"))
        .order_by()
        .values("plan")
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(per_plan, output_field=IntegerField()), Value(0))


def listed_plans(user: AnyUser) -> QuerySet[Plan]:
    """The plans ``user`` may see, for a list: without their documents, each with
    ``task_count`` (the tasks the user may read) and ``indicator_count`` (live indicators).

    Each count is a subquery of its own: counting over joins to both tasks and indicators made
    one row per task and indicator of each plan and grouped them on every column, documents
    included (1 to 5 s for the five seed plans on SQLite)."""
    return (
        visible_plans(user)
        .defer(*PLAN_DOCUMENTS)
        .select_related("province")
        .annotate(
            task_count=_count_per_plan(visible_tasks(user)),
            indicator_count=_count_per_plan(Indicator.objects.filter(archived_at__isnull=True)),
        )
    )


def may_write_task(user: AnyUser, task: Task) -> bool:
    """Coordinators and admins edit any task; a reporter its own agency's tasks."""
    persona = persona_of(user)
    if persona.role in {Role.ADMIN, Role.COORDINATOR}:
        return True
    if persona.role == Role.REPORTER and persona.organisation is not None:
        lineage = persona.organisation.lineage_ids()
        return task.agencies.filter(organisation_id__in=lineage).exists()
    return False


def get_task_for(user: AnyUser, task_id: int, *, write: bool = False) -> Task:
    """The task, if ``user`` may see it (else Http404) and, with ``write``, change it (else
    PermissionDenied)."""
    task = visible_tasks(user).filter(pk=task_id).select_related("plan", "group").first()
    if task is None:
        raise Http404
    if write and not may_write_task(user, task):
        raise PermissionDenied
    return task


def get_plan_for(user: AnyUser, plan_id: int) -> Plan:
    plan = visible_plans(user).filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    return plan


def may_import(user: AnyUser) -> bool:
    """Importing and publishing plans is the coordinator's work (and IT staff's)."""
    return persona_of(user).role in {Role.ADMIN, Role.COORDINATOR}
