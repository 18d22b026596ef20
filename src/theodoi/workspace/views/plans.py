"""The plan list and the plan page: groups, tasks with their agencies and times, indicators."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render

from theodoi.plans.models import (
    AgencyRole,
    IndicatorAgency,
    PlanStatus,
    Task,
    TaskAgency,
    TaskGroup,
)
from theodoi.reporting.access import (
    coordinates,
    get_plan_for,
    listed_plans,
    persona,
    visible_tasks,
)
from theodoi.reporting.deadlines import deadlines_of
from theodoi.users import AuthenticatedRequest
from theodoi.workspace.paging import page_of
from theodoi.workspace.views.gates import staff_required

# A national reader sees every province's and commune's plans: thousands at national scale.
PAGE_LENGTH = 50


@staff_required
def plan_list(request: AuthenticatedRequest) -> HttpResponse:
    # The pk after the plan's own order, so that no plan falls between two pages.
    plans = listed_plans(request.user).order_by("-issued_on", "number", "pk")
    page = page_of(request, plans, PAGE_LENGTH)
    return render(request, "workspace/plan_list.html", {"plans": page.rows, "page": page})


@staff_required
def plan_detail(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for(request.user, plan_id)
    mentions = TaskAgency.objects.select_related("organisation")
    tasks = list(
        visible_tasks(request.user)
        .filter(plan=plan)
        .select_related("group")
        .prefetch_related(
            Prefetch(
                "agencies",
                queryset=mentions.filter(role=AgencyRole.LEAD),
                to_attr="lead_agencies",
            ),
            Prefetch(
                "agencies",
                queryset=mentions.filter(role=AgencyRole.COOPERATING),
                to_attr="cooperating_agencies",
            ),
        )
    )
    indicators = list(
        plan.indicators.filter(archived_at__isnull=True).prefetch_related(
            Prefetch("agencies", queryset=IndicatorAgency.objects.select_related("organisation"))
        )
    )
    deadlines = deadlines_of(tasks)
    for task in tasks:
        task.deadline = deadlines[task.pk]  # type: ignore[attr-defined]
    # Groups in the plan's order, each with the tasks this person may see.
    groups: list[tuple[TaskGroup | None, list[Task]]] = []
    by_group: dict[int | None, list[Task]] = {}
    for task in tasks:
        by_group.setdefault(task.group_id, []).append(task)
    for group in plan.groups.all():
        if group.pk in by_group:
            groups.append((group, by_group[group.pk]))
    if None in by_group:
        groups.append((None, by_group[None]))
    return render(
        request,
        "workspace/plan_detail.html",
        {
            "plan": plan,
            "groups": groups,
            "task_count": len(tasks),
            "indicators": indicators,
            "persona": persona(request.user),
            "amends": coordinates(request.user, plan) and plan.status == PlanStatus.PUBLISHED,
        },
    )
