"""What the public pages show: the plan's public tasks and indicators beside what its latest
snapshot says about them. Nothing here judges; the snapshot already did."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from theodoi.evaluation.wording import vn_sort_key
from theodoi.plans.amendment_fields import label_of
from theodoi.plans.models import (
    PLAN_DOCUMENTS,
    AgencyRole,
    Indicator,
    IndicatorAgency,
    Plan,
    PlanStatus,
    Task,
    TaskAgency,
    TaskGroup,
)
from theodoi.reporting.access import visible_tasks
from theodoi.snapshots.models import RankingPublication
from theodoi.snapshots.ranking import live_publication
from theodoi.snapshots.reading import Results
from theodoi.snapshots.records import successors
from theodoi.snapshots.results import IndicatorResult, TaskResult
from theodoi.snapshots.services import latest_snapshot


@dataclass(frozen=True)
class TaskLine:
    task: Task
    result: TaskResult | None  # None before the plan's first snapshot


@dataclass(frozen=True)
class IndicatorLine:
    indicator: Indicator
    result: IndicatorResult | None


def public_plan(plan_id: int) -> Plan:
    return get_object_or_404(
        Plan.objects.select_related("province").defer(*PLAN_DOCUMENTS),
        pk=plan_id,
        status=PlanStatus.PUBLISHED,
    )


def public_results(plan: Plan, today: datetime.date) -> Results | None:
    # Read with its results: a page rendered afresh shows them (only the plans dataset of
    # open data does not), and reading them apart was a second statement.
    snapshot = latest_snapshot(plan, as_of=today, results=True)
    return Results.of(snapshot) if snapshot else None


def public_tasks(plan: Plan) -> QuerySet[Task]:
    """The plan's tasks the public may read (never confidential ones, never a draft plan's)."""
    return (
        visible_tasks(AnonymousUser())
        .filter(plan=plan)
        .select_related("group")
        .order_by("position", "pk")
    )


def with_lead_mentions(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """``tasks`` each with its lead agencies' mentions in order, as ``lead_agencies``."""
    mentions = TaskAgency.objects.filter(role=AgencyRole.LEAD).order_by("position")
    return tasks.prefetch_related(Prefetch("agencies", queryset=mentions, to_attr="lead_agencies"))


def public_task_ids() -> dict[int, set[int]]:
    """The ids of the tasks the public may read, by plan."""
    shown: dict[int, set[int]] = {}
    for plan_id, pk in visible_tasks(AnonymousUser()).values_list("plan_id", "pk"):
        shown.setdefault(plan_id, set()).add(pk)
    return shown


def task_lines(tasks: QuerySet[Task] | list[Task], results: Results | None) -> list[TaskLine]:
    return [TaskLine(t, results.tasks.get(t.pk) if results else None) for t in tasks]


def grouped(plan: Plan, lines: list[TaskLine]) -> list[tuple[TaskGroup | None, list[TaskLine]]]:
    """Task lines under their groups, in the plan's order; groups with no line left out."""
    by_group: dict[int | None, list[TaskLine]] = {}
    for line in lines:
        by_group.setdefault(line.task.group_id, []).append(line)
    groups: list[tuple[TaskGroup | None, list[TaskLine]]] = [
        (g, by_group[g.pk]) for g in plan.groups.all() if g.pk in by_group
    ]
    if None in by_group:
        groups.append((None, by_group[None]))
    return groups


def indicator_lines(plan: Plan, results: Results | None) -> list[IndicatorLine]:
    indicators = plan.indicators.filter(archived_at__isnull=True).order_by("position", "pk")
    return [IndicatorLine(i, results.indicators.get(i.pk) if results else None) for i in indicators]


def public_indicator(plan: Plan, indicator_id: int) -> Indicator:
    return get_object_or_404(
        plan.indicators.prefetch_related(
            Prefetch("agencies", queryset=IndicatorAgency.objects.order_by("position"))
        ),
        pk=indicator_id,
        archived_at__isnull=True,
    )


def agency_lines(plan: Plan, results: Results | None, agency: int) -> list[TaskLine]:
    """The public tasks an agency (today's body) leads or cooperates on, as the snapshot
    assigned them after following successors."""
    if results is None or agency not in results.agencies:
        raise Http404
    mine = {
        pk for pk, r in results.tasks.items() if agency in r["lead"] or agency in r["cooperating"]
    }
    return task_lines(public_tasks(plan).filter(pk__in=mine), results)


def agency_pages(lines: list[TaskLine], results: Results | None) -> dict[int, int]:
    """For each lead agency named by these tasks (its mention's id), the body whose public
    page carries its tasks today: the one it resolved to, or its successor, as the snapshot
    follows them. A name nobody has mapped, or a body with no page, has none."""
    if results is None:
        return {}
    # The tasks of ``lines`` come with their lead mentions (with_lead_mentions).
    leads = [m for line in lines for m in line.task.lead_agencies]  # type: ignore[attr-defined]
    mentions = [m for m in leads if m.organisation_id]
    today = successors({m.organisation_id for m in mentions}, results.as_of)
    return {
        m.pk: today[m.organisation_id]
        for m in mentions
        if today[m.organisation_id] in results.agencies
    }


def agency_links(plan: Plan, results: Results | None) -> dict[int, str]:
    """The address of the public page of each agency of the plan, by the agency's id: reversed
    once an agency, not once a task that names it (a hundred times on a plan page)."""
    if results is None:
        return {}
    return {pk: reverse("portal:agency_detail", args=[plan.pk, pk]) for pk in results.agencies}


def agencies_by_name(results: Results | None) -> list[tuple[int, str]]:
    """The agencies with a public page in the plan, in Vietnamese dictionary order."""
    if results is None:
        return []
    return sorted(results.agencies.items(), key=lambda item: vn_sort_key(item[1]))


def published_ranking(plan: Plan) -> RankingPublication | None:
    """The ranking the public sees: the latest published and not withdrawn."""
    return live_publication(plan)


def public_amendments(plan: Plan) -> list[dict[str, Any]]:
    """The plan's amendments, newest first, each with the changes the public may read: none of
    a confidential task (then or now) nor of a field kept internal (``amendment_fields``)."""
    amendments = list(plan.amendments.order_by("-number"))
    task_ids = {
        change["id"] for a in amendments for change in a.changes if change["subject"] == "task"
    }
    secret = set(
        Task.objects.filter(pk__in=task_ids, confidential=True).values_list("pk", flat=True)
    )
    return [
        {
            "amendment": amendment,
            "changes": [
                {**change, "label": label_of(change["field"])}
                for change in amendment.changes
                if change.get("public")
                and not (change["subject"] == "task" and change["id"] in secret)
            ],
        }
        for amendment in amendments
    ]
