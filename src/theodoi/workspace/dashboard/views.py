"""The staff dashboard and the task lists behind its figures. Everything comes from the plan's
latest snapshot (or the one of the round asked for); the rules already judged it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.directives.services import may_direct, open_directives
from theodoi.evaluation import TaskStatus
from theodoi.orgs.models import Organisation
from theodoi.plans.models import PLAN_DOCUMENTS, Plan, Task, TaskGroup
from theodoi.reporting.access import (
    note_confidential_reads,
    reads_every_task_of,
    visible_plans,
    visible_tasks,
)
from theodoi.snapshots.reading import Results, Summary
from theodoi.snapshots.results import RankedAgency, TaskResult
from theodoi.users import AuthenticatedRequest
from theodoi.workspace.dashboard.keys import dashboard_key
from theodoi.workspace.dashboard.scope import Scope, scope_for
from theodoi.workspace.paging import page_of
from theodoi.workspace.views.cached import whole_page
from theodoi.workspace.views.gates import staff_required

LIST_LENGTH = 15
# The agencies a dashboard names in its matrix and its ranking (a province's plan has a dozen
# to twenty, all shown; a national one some 130); the rest are on the pages of the plan's
# agencies, this many to a page.
AGENCIES_SHOWN = 20
AGENCY_PAGE_LENGTH = 50
# The accepted values an indicator's card charts and lists (a year of monthly rounds); its
# page on the portal has them all.
CARD_VALUES = 12
# Which tasks a list behind a figure holds: a status code, or one of these.
_KINDS = {"overdue", "due_soon", "all"}


def _in_scope(scope: Scope, result: TaskResult) -> bool:
    if scope.group is not None and result["group"] != scope.group.pk:
        return False
    # By lead agency, as the stored summaries count, so a list matches the figure it is behind.
    return scope.agency is None or scope.agency in result["lead"]


def _lines(
    request: HttpRequest, scope: Scope, results: list[TaskResult]
) -> list[tuple[Task, TaskResult]]:
    """Tasks of ``results`` the person may see, with their result, in the plan's order."""
    by_id = {r["id"]: r for r in results}
    tasks = list(visible_tasks(request.user).filter(pk__in=by_id).order_by("position", "pk"))
    note_confidential_reads(request.user, tasks)
    return [(t, by_id[t.pk]) for t in tasks]


@staff_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    today = timezone.localdate()

    def render_page(layout: dict[str, Any]) -> HttpResponse:
        scope = scope_for(request.user, request.GET, today=today)
        context = _context(request, scope)
        directives = open_directives(request.user, scope.plan)[:LIST_LENGTH] if scope.plan else []
        context.update(
            layout,
            open_directives=list(directives),
            may_direct=scope.plan is not None and may_direct(request.user, scope.plan),
            today=today,
        )
        return render(request, "dashboard/dashboard.html", context)

    return whole_page(request, dashboard_key(request.user, request.GET, today=today), render_page)


def _context(request: HttpRequest, scope: Scope) -> dict[str, Any]:
    context: dict[str, Any] = {
        "scope": scope,
        # The plan filter names each plan: reading and parsing their documents (JSON of
        # hundreds of kB) for it was a fifth of a cold dashboard's CPU.
        "plans": visible_plans(request.user).select_related("province").defer(*PLAN_DOCUMENTS),
    }
    results = scope.results
    if scope.plan is not None:
        context["groups"] = list(scope.plan.groups.all())
        context["rounds"] = list(scope.plan.rounds.order_by("-deadline"))
    if results is None or scope.plan is None:  # a snapshot is always of the scope's plan
        return context

    readable = _readable(request, scope.plan)
    tasks = [
        r
        for r in results.tasks.values()
        if _in_scope(scope, r) and (readable is None or r["id"] in readable)
    ]
    overdue = sorted((r for r in tasks if r["overdue"]), key=lambda r: -(r["days_late"] or 0))
    due_soon = sorted((r for r in tasks if r["due_soon"]), key=lambda r: r["days_left"] or 0)
    listed = {r["id"] for r in overdue[:LIST_LENGTH] + due_soon[:LIST_LENGTH]}
    lines = {
        t.pk: (t, r) for t, r in _lines(request, scope, [r for r in tasks if r["id"] in listed])
    }
    groups = context["groups"] if scope.group is None else [scope.group]
    names = results.agencies
    if scope.agency is not None and scope.agency not in names:
        # A reporter's agency the ranking does not name: it has nothing in this plan.
        names = {**names, scope.agency: str(Organisation.objects.get(pk=scope.agency))}
        context["absent_agency"] = True
    if scope.agency is not None:
        agencies = shown = [scope.agency]
    else:
        led = _leading(results, readable)
        agencies, shown = list(led), _needing_attention(led)
    ranking = [r for r in results.ranking if scope.agency is None or r["agency"] == scope.agency]
    judged: Mapping[int, Mapping[str, Any]] = results.indicators
    indicators = [
        (i, *_latest_values(judged.get(i.pk, {})))
        for i in scope.plan.indicators.filter(archived_at__isnull=True).order_by("position", "pk")
        if scope.agency is None or scope.agency in judged.get(i.pk, {}).get("agencies", [])
    ]
    context.update(
        results=results,
        agency_name=names.get(scope.agency) if scope.agency is not None else None,
        summary=results.summary(among=readable, group=scope.group_key, agency=scope.agency),
        overdue=[lines[r["id"]] for r in overdue[:LIST_LENGTH] if r["id"] in lines],
        overdue_total=len(overdue),
        due_soon=[lines[r["id"]] for r in due_soon[:LIST_LENGTH] if r["id"] in lines],
        due_soon_total=len(due_soon),
        # A plan of more agencies than a dashboard can name shows those that need attention,
        # the rest one click away, so the page stays the same size whatever the plan's.
        matrix=_matrix(results, readable, shown, groups, names),
        matrix_total=len(agencies),
        matrix_groups=groups,
        indicators=indicators,
        ranking=_lowest_scores(ranking),
        ranking_total=len(ranking),
        agencies_shown=AGENCIES_SHOWN,
    )
    return context


def _latest_values(judged: Mapping[str, Any]) -> tuple[Mapping[str, Any], int]:
    """An indicator's result with its CARD_VALUES latest values, and how many it has."""
    values = judged.get("values", [])
    if len(values) <= CARD_VALUES:
        return judged, len(values)
    return {**judged, "values": values[-CARD_VALUES:]}, len(values)


def _readable(request: HttpRequest, plan: Plan) -> set[int] | None:
    """The tasks of ``plan`` the person may read, None for every one. A staff reader of the
    plan's scope sees every task; a reporter only those of its own body's lineage, an
    inspector not granted them no confidential task; the figures are counted from those, so
    each figure matches the tasks listed behind it."""
    if reads_every_task_of(request.user, plan):
        return None
    return set(visible_tasks(request.user).filter(plan=plan).values_list("pk", flat=True))


def _leading(results: Results, readable: set[int] | None) -> dict[int, Summary]:
    """The agencies leading a task the person may read, in the ranking's order, each with the
    summary of those tasks."""
    led = {
        r["agency"]: results.summary(among=readable, agency=r["agency"]) for r in results.ranking
    }
    return {agency: summary for agency, summary in led.items() if summary.total}


def _matrix(
    results: Results,
    readable: set[int] | None,
    agencies: list[int],
    groups: list[TaskGroup],
    names: Mapping[int, str],
) -> list[tuple[int, str, list[tuple[TaskGroup, Summary]]]]:
    """Each agency's row of the agency x group matrix."""
    return [
        (
            agency,
            names[agency],
            [
                (group, results.summary(among=readable, group=str(group.pk), agency=agency))
                for group in groups
            ],
        )
        for agency in agencies
    ]


def _needing_attention(led: Mapping[int, Summary]) -> list[int]:
    """The agencies ``led`` names, as they are when a dashboard can name them all; else the
    AGENCIES_SHOWN that need attention most: the most overdue tasks first, then the smallest
    share done."""
    if len(led) <= AGENCIES_SHOWN:
        return list(led)
    worst = sorted(led, key=lambda a: (-led[a].overdue, led[a].done_share))
    return worst[:AGENCIES_SHOWN]


def _lowest_scores(ranking: list[RankedAgency]) -> list[RankedAgency]:
    """``ranking`` as it is when a dashboard can name it all; else the AGENCIES_SHOWN lowest
    scores, the lowest first (an agency not ranked has nothing due: none needs attention)."""
    if len(ranking) <= AGENCIES_SHOWN:
        return ranking
    scored = [r for r in ranking if r["score"] is not None]
    return sorted(scored, key=lambda r: r["score"] or 0.0)[:AGENCIES_SHOWN]


@staff_required
def agencies(request: AuthenticatedRequest) -> HttpResponse:
    """Every agency of the plan a dashboard shows, in the ranking's order, a page at a time:
    its row of the agency x group matrix and its score."""
    scope = scope_for(request.user, request.GET)
    context: dict[str, Any] = {"scope": scope}
    results = scope.results
    if results is not None and scope.plan is not None:
        readable = _readable(request, scope.plan)
        groups = list(scope.plan.groups.all()) if scope.group is None else [scope.group]
        ranking = [
            r for r in results.ranking if scope.agency is None or r["agency"] == scope.agency
        ]
        page = page_of(request, ranking, AGENCY_PAGE_LENGTH)
        on_page = [r["agency"] for r in page.rows]
        leading = set(_leading(results, readable))
        context.update(
            results=results,
            page=page,
            matrix=_matrix(
                results,
                readable,
                [a for a in on_page if a in leading],
                groups,
                results.agencies,
            ),
            matrix_groups=groups,
            ranking=page.rows,
        )
    return render(request, "dashboard/agencies.html", context)


@staff_required
def task_list(request: AuthenticatedRequest) -> HttpResponse:
    """The tasks behind a figure of the dashboard: by status, overdue, due soon or all."""
    scope = scope_for(request.user, request.GET)
    kind = request.GET.get("loai", "all")
    codes = {s.code for s in TaskStatus}
    if kind not in _KINDS | codes:
        scope.problems.append(
            _("List: “%(kind)s” is not a valid list; all tasks are shown.") % {"kind": kind}
        )
        kind = "all"
    label = next((s.label for s in TaskStatus if s.code == kind), "")
    lines: list[tuple[Task, TaskResult]] = []
    if scope.results is not None:
        chosen = [
            r
            for r in scope.results.tasks.values()
            if _in_scope(scope, r)
            and (
                kind == "all"
                or (kind == "overdue" and r["overdue"])
                or (kind == "due_soon" and r["due_soon"])
                or r["status"] == kind
            )
        ]
        lines = _lines(request, scope, chosen)
    return render(
        request,
        "dashboard/task_list.html",
        {"scope": scope, "kind": kind, "status_label": label, "lines": lines},
    )
